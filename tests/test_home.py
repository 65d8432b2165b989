"""Generated parts of hand-written pages (keepitlocal.home) and the case-study filter form."""

from __future__ import annotations

import re

import pytest
from builds import mkdocs_build
from conftest import PRINCIPLE, ROOT, case_study

from keepitlocal.model.related import FEATURED_COUNT, featured_case_studies
from keepitlocal.render.home import expand_markers
from keepitlocal.render.pages import case_study_filter


def add_cases(project, count, featured=()):
    for i in range(count):
        slug = f"case-{i}"
        extra = "\nfeatured: true" if slug in featured else ""
        project.write(f"content/case-studies/{slug}.md",
                      case_study(f"Case {i}", year=f"year: {2000 + i}{extra}"))
    site = project.load()
    assert site.problems == []
    return site


def test_featured_case_studies_come_first_then_the_newest(project):
    site = add_cases(project, 6, featured=("case-1", "case-3"))
    picked = [c.slug for c in featured_case_studies(site)]
    assert picked[:2] == ["case-3", "case-1"]  # featured, newest first
    assert picked[2:] == ["good-example", "case-5"][:FEATURED_COUNT - 2]  # then the newest others
    assert len(picked) == FEATURED_COUNT


def test_featured_must_be_true_or_false(project):
    project.write("content/case-studies/odd.md", case_study("Odd", year="year: 2020\nfeatured: sometimes"))
    problems = project.load().problems
    assert [(p.path, p.field) for p in problems] == [("content/case-studies/odd.md", "featured")]


def test_markers_become_the_principles_grid_and_featured_cards(project):
    site = add_cases(project, 2)
    markdown = "# Home\n\n<!-- keepitlocal:principles -->\n\nWords.\n\n<!-- keepitlocal:featured -->\n"
    html = expand_markers(markdown, site, "index.md")
    assert "<!--" not in html and "Words." in html
    assert '<a href="principles/local-spend/">' in html and "Increase local spend" in html
    assert html.count('class="kil-card ') == 3
    assert '<a href="case-studies/">All 3 case studies</a>' in html


def test_markers_link_relatively_from_any_page(project):
    site = add_cases(project, 1)
    html = expand_markers("<!-- keepitlocal:featured -->", site, "about.md")
    assert 'href="../case-studies/case-0/"' in html


def test_text_that_only_mentions_a_marker_is_left_alone(project):
    site = add_cases(project, 1)
    text = "Write `<!-- keepitlocal:featured -->` on a line of its own.\n"
    assert expand_markers(text, site, "index.md") == text


def test_an_unknown_marker_is_an_error_naming_the_real_ones(project):
    site = add_cases(project, 1)
    with pytest.raises(ValueError, match=r"'<!-- keepitlocal:featurd -->' is not a generated part "
                                         r"\(choose from: figures, principles, featured, events, news, councils, "
                                         r"regions, briefing, council-count\)"):
        expand_markers("<!-- keepitlocal:featurd -->\n", site, "index.md")


def test_an_unknown_marker_stops_the_build_with_a_message(site_copy, tmp_path):
    index = site_copy / "docs/index.md"
    index.write_text(index.read_text("utf-8").replace("keepitlocal:featured", "keepitlocal:featurd"), "utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = index.read_text("utf-8").split("\n").index("<!-- keepitlocal:featurd -->") + 1
    assert f"docs/index.md:{line}:1: marker: <!-- keepitlocal:featurd --> names no part the site makes" in result.stderr
    assert "did you mean <!-- keepitlocal:featured -->?" in result.stderr


def test_the_filter_form_offers_only_what_the_content_uses(project):
    project.write("content/principles/whole-system.md", PRINCIPLE.format(number=1).replace(
        "Increase local spend to invest in the local economy", "Think about the whole system"))
    project.write("content/case-studies/london.md",
                  case_study("In London", region="region: London", services="services: [children's services]"))
    form = case_study_filter(project.load())
    labels = re.findall(r'<label for="kil-filter-(\w+)">(\w+)</label>', form)
    assert labels == [("principle", "Principle"), ("type", "Type"), ("region", "Region"), ("service", "Service")]
    values = re.findall(r'<option value="([^"]*)"', form)
    assert values == ["", "whole-system", "local-spend",   # every principle, by number
                      "", "keep-it-local",                  # only the types in use
                      "", "North West", "London",           # regions in the schema's order
                      "", "children&#x27;s services", "local economy", "procurement"]
    assert "Children&#x27;s services (1)" in form


def test_the_headline_figures_are_the_key_figures_marked_headline_each_linking_to_its_case_study(project):
    from test_key_figures import SOURCES

    figures = ("key_figures:\n  - figure: £148m\n    measures: net cost to the taxpayer\n    source: nao-2018\n"
               "    headline: true\n  - figure: About 420\n    measures: contracts\n    source: nao-2018")
    head, _ = case_study("Carillion", type="type: scale-fail").split("\nsources:\n", 1)
    project.write("content/case-studies/carillion.md",
                  f"{head}\n{figures}\n{SOURCES}\n---\nIt cost £148 million and held 420 contracts [@nao-2018].\n")
    site = project.load()
    assert site.problems == []
    html = expand_markers("<!-- keepitlocal:figures -->\n", site, "index.md")
    links = re.findall(r'<a class="kil-figure kil-figure--([a-z-]+)" href="([^"]+)"><span class="kil-figure__value">'
                       r'([^<]+)</span>', html)
    assert links == [("scale-fail", "case-studies/carillion/", "£148m")], "only the figure marked headline"
    assert '<span class="kil-figure__source">Carillion</span>' in html


def test_without_headline_figures_or_councils_the_marker_adds_nothing(project):
    site = add_cases(project, 1)
    assert expand_markers("<!-- keepitlocal:figures -->\n", site, "index.md").strip() == ""


def options_of(form: str, name: str) -> list[tuple[str, bool]]:
    """(text, disabled) of each choice of one filter."""
    select = re.search(rf'<select id="kil-filter-{name}" name="{name}">(.*?)</select>', form)[1]
    return [(text, " disabled" in attributes)
            for attributes, text in re.findall(r"<option([^>]*)>([^<]*)</option>", select)]


def test_each_choice_says_how_many_case_studies_it_leaves_and_none_is_disabled(project):
    project.write("content/principles/whole-system.md", PRINCIPLE.format(number=1).replace(
        "Increase local spend to invest in the local economy", "Think about the whole system"))
    project.write("content/case-studies/london.md",
                  case_study("In London", region="region: London", services="services: [children's services]"))
    form = case_study_filter(project.load())
    # Without a short title, the principle's full title; a principle no case study has is disabled.
    assert options_of(form, "principle") == [("All principles (2)", False),
                                             ("1. Think about the whole system (0)", True),
                                             ("3. Increase local spend to invest in the local economy (2)", False)]
    assert options_of(form, "region") == [("All regions (2)", False), ("North West (1)", False), ("London (1)", False)]
    assert options_of(form, "service") == [("All services (2)", False), ("Children&#x27;s services (1)", False),
                                           ("Local economy (1)", False), ("Procurement (1)", False)]


def test_short_titles_and_the_filter_words_come_from_content(project):
    project.write("content/principles/local-spend.md",
                  PRINCIPLE.format(number=3).replace("number: 3", "number: 3\nshort_title: Local spend"))
    project.write("content/site.yml", (ROOT / "content/site.yml").read_text("utf-8")
                  .replace("filter_principle: Principle", "filter_principle: Which principle")
                  .replace("filter_clear: Clear filters", "filter_clear: Start again")
                  .replace('case_study_count_filtered: "{shown} of {total} case studies"',
                           'case_study_count_filtered: "{shown} of {total} examples"'))
    site = project.load()
    assert site.problems == []
    form = case_study_filter(site)
    assert options_of(form, "principle")[1] == ("3. Local spend (1)", False)
    assert '<label for="kil-filter-principle">Which principle</label>' in form
    assert ">Start again</button>" in form
    assert 'data-count-filtered="{shown} of {total} examples"' in form


def test_filter_words_left_out_of_site_yml_take_their_defaults(project):
    form = case_study_filter(project.load())  # the project has no content/site.yml
    assert '<label for="kil-filter-type">Type</label>' in form
    assert ">Clear filters</button>" in form


@pytest.mark.parametrize("field, value, message", [
    ("case_study_count", "case studies", "must contain {n}, where the number goes"),
    ("case_study_count_filtered", "{shown} case studies", "must contain {shown} and {total}, where the numbers go"),
    ("filter_remove", "Remove", "must contain {label}, where the filter's name goes"),
])
def test_a_count_without_its_number_is_a_positioned_problem(project, field, value, message):
    text = (ROOT / "content/site.yml").read_text("utf-8")
    old = next(line for line in text.split("\n") if line.startswith(f"{field}:"))
    project.write("content/site.yml", text.replace(old, f"{field}: \"{value}\""))
    problems = [str(p) for p in project.load().problems]
    line = text.split("\n").index(old) + 1
    assert len(problems) == 1 and problems[0].startswith(f"content/site.yml:{line}:"), problems
    assert f"{field}: '{value}' {message}" in problems[0], problems


def test_two_principles_with_one_short_title_are_a_problem(project):
    project.write("content/principles/local-spend.md",
                  PRINCIPLE.format(number=3).replace("number: 3", "number: 3\nshort_title: Local spend"))
    project.write("content/principles/whole-system.md",
                  PRINCIPLE.format(number=1).replace("number: 1", "number: 1\nshort_title: Local spend")
                  .replace("Increase local spend to invest in the local economy", "Think about the whole system"))
    problems = [str(p) for p in project.load().problems]
    assert problems == ["content/principles/local-spend.md:4:14: short_title: Local spend is also used by "
                        "content/principles/whole-system.md (each principle needs its own short_title: change it "
                        "here or in content/principles/whole-system.md)",
                        "content/principles/whole-system.md:4:14: short_title: Local spend is also used by "
                        "content/principles/local-spend.md (each principle needs its own short_title: change it "
                        "here or in content/principles/local-spend.md)"], problems
