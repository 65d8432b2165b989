"""Key figures on a case study: big numbers under the summary, each from one of its own
sources. A figure naming no source is a check error at its line; on the page each figure links
down to its source, and the source links back up to it."""

from __future__ import annotations

import re

from conftest import ROOT, case_study

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.build import build_pages

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


# The briefing's headline figures and the home page's (key figures marked headline: true) are
# held to the same sentences: each briefing figure stands in a case study's story, in a paragraph
# citing the very page the briefing cites for it. And a figure its source calls an estimate says
# so, with the year it was made, wherever it is shown.

ESTIMATES = {"£148m": "June 2018"}  # the NAO's June 2018 estimate, "subject to a range of uncertainties"


def _figure_numbers(figure: str) -> list[str]:
    return re.findall(r"\d[\d,.]*\d|\d", figure)


def _in(number: str, text: str) -> bool:
    spelled = [number, _WORDS.get(number, number)]
    return any(re.search(r"(?<![\d.,])" + re.escape(n) + r"(?![\d,]|\.\d)", text, re.I) for n in spelled)


def briefing_figures_without_a_story(site) -> list[str]:
    from test_corrections import normalised

    found = []
    for item in site.data["briefing.yml"]["figures"]:
        cited = normalised(item["source"]["url"])
        paragraphs = []
        for case in site.case_studies:
            ids = [s["id"] for s in case.data.get("sources", []) if s.get("id") and normalised(s["url"]) == cited]
            paragraphs += [p for p in re.split(r"\n\s*\n", case.body)
                           if any(re.search(r"@" + re.escape(i) + r"\b", p) for i in ids)]
        if not paragraphs:
            found.append(f"{item['figure']}: no case study cites {item['source']['url']}")
        for number in _figure_numbers(item["figure"]):
            if paragraphs and not any(_in(number, p) for p in paragraphs):
                found.append(f"{item['figure']}: no case-study paragraph citing {item['source']['url']} says {number}")
    return found


def estimates_not_called_estimates(site) -> list[str]:
    shown = [(f"content/briefing.yml figure {f['figure']}", f["figure"], f["text"])
             for f in site.data["briefing.yml"]["figures"]]
    for case in site.case_studies:
        for f in case.data.get("key_figures", []):
            where = "home page and " if f.get("headline") else ""
            shown.append((f"{case.path} key figure {f['figure']} ({where}case study)", f["figure"], f["measures"]))
    pages = [(entry.path, entry.body) for entry in site.entries]
    pages += [(page.relative_to(ROOT).as_posix(), page.read_text("utf-8"))
              for page in sorted((ROOT / "docs").glob("*.md"))]
    for path, text in pages:
        for paragraph in re.split(r"\n\s*\n", text):
            for figure in ESTIMATES:
                amount = re.escape(figure[:-1]) + r"\s*(m\b|million)"
                if re.search(amount, paragraph) and not paragraph.startswith("*Corrected on"):
                    shown.append((f"{path}: {paragraph[:60]!r}...", figure, paragraph))
    found = []
    for where, figure, words in shown:
        year = ESTIMATES.get(figure)
        if year and not ("estimate" in words.lower() and year in words):
            found.append(f"{where}: {words!r} must say it is an estimate, and of when ({year})")
    return found


def test_every_briefing_figure_is_in_a_case_study_paragraph_citing_the_same_source():
    assert briefing_figures_without_a_story(load_site(ROOT)) == []


def test_estimates_are_called_estimates_with_their_year_in_the_briefing_home_and_key_figures():
    site = load_site(ROOT)
    assert estimates_not_called_estimates(site) == []
    assert any(f.get("headline") and f["figure"] in ESTIMATES for c in site.case_studies
               for f in c.data.get("key_figures", [])), "the home page's estimate is checked too"


def test_a_figure_shown_as_fact_where_its_source_says_estimate_is_caught():
    site = load_site(ROOT)
    figure = next(f for f in site.data["briefing.yml"]["figures"] if f["figure"] == "£148m")
    figure["text"] = "what Carillion's collapse cost the taxpayer."
    [problem] = estimates_not_called_estimates(site)
    assert problem.startswith("content/briefing.yml figure £148m")


def test_an_estimate_that_does_not_say_when_it_was_made_is_caught_on_a_page():
    site = load_site(ROOT)
    principle = next(p for p in site.principles if "£148m" in p.body)
    principle.body = re.sub(r"in June 2018 (the NAO estimated)", r"\1", principle.body)
    [problem] = [p for p in estimates_not_called_estimates(site) if p.startswith(f"{principle.path}: ")]
    assert "(June 2018)" in problem


def test_a_briefing_figure_no_story_backs_is_caught():
    site = load_site(ROOT)
    site.data["briefing.yml"]["figures"][0]["figure"] = "£149m"
    assert [p.split(":")[0] for p in briefing_figures_without_a_story(site)] == ["£149m"]
