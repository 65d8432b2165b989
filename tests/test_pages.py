"""Generated pages: links, fact boxes, listings and escaping, from the core alone."""

from __future__ import annotations

import pytest
from conftest import PRINCIPLE, case_study
from hypothesis import given
from hypothesis import strategies as st

from keepitlocal.base.text import human_date, pounds
from keepitlocal.base.urls import link, page_url
from keepitlocal.render.build import build_pages


@pytest.mark.parametrize("src, url", [
    ("index.md", ""),
    ("case-studies/index.md", "case-studies/"),
    ("case-studies/preston-model.md", "case-studies/preston-model/"),
])
def test_page_urls_are_directory_urls(src, url):
    assert page_url(src) == url


@pytest.mark.parametrize("here, there, href", [
    ("case-studies/index.md", "case-studies/preston-model.md", "preston-model/"),
    ("case-studies/preston-model.md", "principles/local-spend.md", "../../principles/local-spend/"),
    ("principles/index.md", "principles/local-spend.md", "local-spend/"),
    ("index.md", "case-studies/index.md", "case-studies/"),
    ("principles/local-spend.md", "index.md", "../../"),
])
def test_links_are_relative_so_the_site_works_under_a_sub_path(here, there, href):
    assert link(here, there) == href


@pytest.mark.parametrize("value, text", [
    (800_000_000, "£800 million"), (1_300_000_000, "£1.3 billion"), (330_000_000, "£330 million"),
    (41_500, "£41,500"), (1_234_567, "£1,234,567"),
])
def test_pounds(value, text):
    assert pounds(value) == text


@pytest.mark.parametrize("value, text", [("2018-05-16", "16 May 2018"), ("2018-05", "May 2018"), (2018, "2018")])
def test_human_dates(value, text):
    assert human_date(value) == text


def pages_by_src(project):
    site = project.load()
    assert site.problems == []
    return site, {page.src_uri: page for page in build_pages(site)}


def test_case_study_page_has_fact_box_and_numbered_sources(project):
    project.write("content/case-studies/good-example.md", case_study(year="year: 2020\ncontract_value_gbp: 800000000"))
    _, pages = pages_by_src(project)
    page = pages["case-studies/good-example.md"]
    assert page.edit_path == "content/case-studies/good-example.md"
    assert page.description == "A council kept its services local and the money stayed in the area."
    md = page.expanded()
    for fact in ("<dt>Type</dt>", "Keep it local", "Testshire County Council", "North West", "2020",
                 "procurement, local economy", "£800 million"):
        assert fact in md
    assert '<a href="../../principles/local-spend/">3. Increase local spend' in md
    assert '<ol class="kil-sources">' in md
    assert '<a href="https://example.org/report">A report</a>, Example Council, 1 May 2020.' in md
    heading = '<h2 class="kil-sources-heading" id="sources">Sources'
    assert md.index("kil-facts") < md.index("The story of what happened.") < md.index(heading)


def test_principle_page_lists_its_case_studies_by_type(project):
    project.write("content/case-studies/big-fail.md",
                  case_study("Big fail").replace("type: keep-it-local", "type: scale-fail"))
    project.write("content/principles/whole-system.md",
                  PRINCIPLE.format(number=1).replace("Increase local spend to invest in the local economy", "Whole"))
    _, pages = pages_by_src(project)
    md = pages["principles/local-spend.md"].expanded()
    assert md.index("Keep it local</h3>") < md.index('href="../../case-studies/good-example/"')
    assert md.index("Scale fail</h3>") < md.index('href="../../case-studies/big-fail/"')
    assert "No case studies illustrate this principle yet." in pages["principles/whole-system.md"].expanded()


def test_index_pages_list_every_entry_in_order(project):
    project.write("content/case-studies/older.md", case_study("Older").replace("year: 2020", "year: 2001"))
    project.write("content/principles/whole-system.md",
                  PRINCIPLE.format(number=1).replace("title: Increase", "title: Whole"))
    _, pages = pages_by_src(project)
    principles = pages["principles/index.md"].expanded()
    assert principles.index("whole-system/") < principles.index("local-spend/")
    cases = pages["case-studies/index.md"].expanded()
    assert cases.index("good-example/") < cases.index("older/")
    assert "2 case studies" in cases
    assert 'data-type="keep-it-local" data-region="North West" data-principles="local-spend"' in cases


MARKER = """<script>alert("x")</script> & 'q'"""
MARKER_YAML = "'" + MARKER.replace("'", "''") + "'"
MARKER_HTML = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;"


def test_text_from_front_matter_is_escaped_in_every_generated_page(project):
    text = (case_study(place=f"place: {MARKER_YAML}\norganisations: [{MARKER_YAML}]")
            .replace("summary: A council", f"summary: {MARKER_YAML[:-1]} A council").replace("area.", "area.'")
            .replace("title: A report", f"title: {MARKER_YAML}").replace("publisher: Example Council",
                                                                        f"publisher: {MARKER_YAML}"))
    project.write("content/case-studies/good-example.md", text)
    _, pages = pages_by_src(project)
    for page in pages.values():
        assert "<script>" not in page.expanded(), page.src_uri
    case = pages["case-studies/good-example.md"].expanded()
    assert case.count(MARKER_HTML) == 5  # lead summary, place, organisations, source title, publisher
    assert MARKER_HTML in pages["case-studies/index.md"].expanded()
    assert MARKER_HTML in pages["principles/local-spend.md"].expanded()


_SEGMENTS = st.lists(st.sampled_from(["a", "b", "case-studies", "principles", "index"]), min_size=1, max_size=4)


@given(_SEGMENTS, _SEGMENTS)
def test_links_agree_with_posix_relative_paths(here, there):
    import posixpath

    from_src, to_src = "/".join(here) + ".md", "/".join(there) + ".md"
    expected = posixpath.relpath(page_url(to_src) or ".", page_url(from_src) or ".")
    assert link(from_src, to_src) == ("./" if expected == "." else expected + "/")
