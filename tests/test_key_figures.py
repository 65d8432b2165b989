"""Key figures on a case study: big numbers under the summary, each from one of its own
sources. A figure naming no source is a check error at its line; on the page each figure links
down to its source, and the source links back up to it."""

from __future__ import annotations

import re

from conftest import ROOT, case_study

from keepitlocal.pages import build_pages
from keepitlocal.site import load_site

CASE = "content/case-studies/figures.md"
SOURCES = """\
sources:
  - id: nao-2018
    title: Investigation into the collapse of Carillion
    url: https://www.nao.org.uk/reports/carillion/
    publisher: National Audit Office
  - id: committees-2018
    title: Carillion, second joint report
    url: https://publications.parliament.uk/pa/769.htm
    publisher: House of Commons Public Accounts Committee (PAC)
    date: 2018-05-16"""
FIGURES = """\
key_figures:
  - figure: £148m
    measures: net cost to the taxpayer
    source: nao-2018
  - figure: £2bn
    measures: owed to suppliers
    source: committees-2018"""
STORY = "The cost was £148 million [@nao-2018]; suppliers were owed £2 billion [@committees-2018].\n"


def with_figures(figures: str = FIGURES, sources: str = SOURCES, **replace) -> str:
    head, _ = case_study("Figures", **replace).split("\nsources:\n", 1)
    return f"{head}\n{figures}\n{sources}\n---\n{STORY}"


def problems_of(project, text: str) -> list[str]:
    project.write(CASE, text)
    site = project.load()
    assert "figures" not in {e.slug for e in site.entries}, "a file with an error was published"
    return [str(p) for p in site.problems]


def line_of(text: str, line: str, after: int = 0) -> int:
    return text.split("\n").index(line, after) + 1


def test_a_figure_naming_no_source_is_an_error_at_its_id_with_the_closest_ids(project):
    text = with_figures(FIGURES.replace("source: committees-2018", "source: committee-2018"))
    assert problems_of(project, text) == [
        f"{CASE}:{line_of(text, '    source: committee-2018')}:13: key_figures[2].source: there is no source "
        "with the id 'committee-2018' (did you mean 'committees-2018'?)"]


def test_a_figure_naming_an_id_nothing_resembles_lists_the_files_ids(project):
    [problem] = problems_of(project, with_figures(FIGURES.replace("source: nao-2018", "source: zzzz")))
    assert problem.endswith("key_figures[1].source: there is no source with the id 'zzzz' "
                            "(the ids of this file's sources are: nao-2018, committees-2018)")


def test_a_figure_cannot_cite_a_source_without_an_id(project):
    sources = SOURCES.replace("  - id: committees-2018\n    title:", "  - title:")
    problem, _story_citation = problems_of(project, with_figures(sources=sources))
    assert problem.endswith("key_figures[2].source: there is no source with the id 'committees-2018' "
                            "(the ids of this file's sources are: nao-2018)")


def test_a_figure_without_what_it_measures_is_an_error_at_the_figure(project):
    text = with_figures(FIGURES.replace("    measures: owed to suppliers\n", ""))
    [problem] = problems_of(project, text)
    assert problem == (f"{CASE}:{line_of(text, '  - figure: £2bn')}:5: key_figures[2].measures: required field "
                       "is missing (add a line like  measures: estimated net cost to the taxpayer)")


def test_a_figure_without_a_digit_or_on_two_lines_is_an_error_at_its_value(project):
    text = with_figures(FIGURES.replace("figure: £148m", "figure: lots"))
    [problem] = problems_of(project, text)
    assert problem.startswith(f"{CASE}:{line_of(text, '  - figure: lots')}:13: key_figures[1].figure: 'lots' "
                              "must be a short figure on one line with at least one digit")


def test_an_unknown_field_in_a_figure_is_an_error_at_its_line(project):
    text = with_figures(FIGURES.replace("    source: nao-2018", "    source: nao-2018\n    sorce: nao-2018"))
    [problem] = problems_of(project, text)
    assert problem.startswith(f"{CASE}:{line_of(text, '    sorce: nao-2018')}:5: key_figures[1]")
    assert "sorce" in problem


def test_more_than_four_figures_is_an_error(project):
    many = "key_figures:\n" + "".join(f"  - figure: '{n}'\n    measures: a count\n    source: nao-2018\n"
                                       for n in range(5))
    [problem] = problems_of(project, with_figures(many.rstrip("\n")))
    assert ": key_figures: " in problem


def test_the_panel_stands_under_the_summary_and_each_figure_links_to_its_source_and_back(project):
    project.write(CASE, with_figures(type="type: scale-fail"))
    site = project.load()
    assert site.problems == []
    html = next(p for p in build_pages(site) if p.src_uri == "case-studies/figures.md").expanded()
    panel = re.search(r'<aside class="kil-figures kil-figures--scale-fail" aria-label="Key figures">.*?</aside>',
                      html, re.S)[0]
    assert html.index('class="kil-lead"') < html.index("kil-figures") < html.index("The cost was")
    links = re.findall(r'<a class="kil-figure" id="([^"]+)" href="#kil-source-(\d)">'
                       r'<span class="kil-figure__value">([^<]+)</span>', panel)
    assert links == [("kil-cite-1-1", "1", "£148m"), ("kil-cite-2-1", "2", "£2bn")]
    # Labelled by publisher and year (the short name in brackets, where there is one), not "Source 2".
    assert "PAC, 2018</span>" in panel and ">National Audit Office</span>" in panel and "Source 2" not in panel
    source_2 = re.search(r'<li id="kil-source-2">.*?</li>', html, re.S)[0]
    assert 'href="#kil-cite-2-1"' in source_2 and 'href="#kil-cite-2-2"' in source_2, \
        "the source links back to the figure and to the story's citation"


def test_a_case_study_without_key_figures_has_no_panel(project):
    site = project.load()
    html = next(p for p in build_pages(site) if p.src_uri == "case-studies/good-example.md").expanded()
    assert "kil-figures" not in html


def test_the_words_of_the_panel_come_from_the_site_words(project):
    project.write("content/site.yml", (ROOT / "content/site.yml").read_text("utf-8")
                  .replace('key_figure_source: "{publisher}, {year}"', 'key_figure_source: "See {publisher} ({year})"'))
    project.write(CASE, with_figures())
    site = project.load()
    assert site.problems == []
    html = next(p for p in build_pages(site) if p.src_uri == "case-studies/figures.md").expanded()
    assert "See PAC (2018)</span>" in html


# The real content: every figure is in the story, next to a citation of the figure's source.

_WORDS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight",
          "9": "nine", "10": "ten", "11": "eleven", "12": "twelve"}


def test_every_key_figure_in_the_content_is_in_its_story_beside_a_citation_of_its_source():
    site = load_site(ROOT)
    checked = 0
    for case in site.case_studies:
        paragraphs = re.split(r"\n\s*\n", case.body)
        for figure in case.data.get("key_figures", []):
            cited = [p for p in paragraphs if re.search(r"@" + re.escape(figure["source"]) + r"\b", p)]
            assert cited, f"{case.path}: nothing in the story cites {figure['source']}"
            for number in re.findall(r"\d[\d,.]*\d|\d", figure["figure"]):
                spelled = [number, _WORDS.get(number, number)]
                assert any(re.search(r"(?<![\d.,])" + re.escape(n) + r"(?![\d,]|\.\d)", p, re.I)
                           for p in cited for n in spelled), \
                    f"{case.path}: {figure['figure']} ({number}) is not in a paragraph citing {figure['source']}"
                checked += 1
    assert checked >= 20
