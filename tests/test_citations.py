"""Inline citations and source hygiene: `[@id]` in a story, sources with ids, archived copies,
and the errors and notes `make check` gives about them."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys

import pytest
from conftest import ROOT, case_study

from keepitlocal.base.text import last_corrected
from keepitlocal.check.sources import page_key
from keepitlocal.model.site import Site
from keepitlocal.read.citations import find_citations
from keepitlocal.render.build import build_pages
from keepitlocal.render.citations import Citations

CASE = "content/case-studies/cited.md"
SOURCES = """\
sources:
  - id: nao-2018
    title: Investigation into the collapse of Carillion
    url: https://www.nao.org.uk/reports/carillion/
    publisher: National Audit Office
    date: 2018-06-07
  - id: committees-2018
    title: Carillion, second joint report
    url: https://publications.parliament.uk/pa/cm201719/cmselect/cmworpen/769/76904.htm
    publisher: House of Commons committees
    archived: https://web.archive.org/web/2019/https://publications.parliament.uk/pa/769.htm"""


def cited(body: str, sources: str = SOURCES, **replace) -> str:
    """A case study whose sources have ids, with `body` as its story."""
    text = case_study(**replace)
    head, _ = text.split("\nsources:\n", 1)
    return f"{head}\n{sources}\n---\n{body}"


def notes_on(site, path: str) -> list:
    return [note for note in site.notes if note.path == path]


def ids(text: str) -> list[list[str]]:
    return [[c.id for c in citation.ids] for citation in find_citations(text) if not citation.malformed]


# Finding citations


def test_single_and_several_ids_are_found_at_their_columns():
    text = "Around 420 contracts [@nao-2018]. Liabilities [@nao-2018; @committees-2018].\n"
    found = find_citations(text)
    assert [[c.id for c in f.ids] for f in found] == [["nao-2018"], ["nao-2018", "committees-2018"]]
    assert [c.col for c in found[1].ids] == [text.index("@nao-2018;") + 1, text.index("@committees") + 1]
    assert all(c.line == 1 for f in found for c in f.ids)


@pytest.mark.parametrize("text", [
    "```\n[@nao-2018]\n```\n",
    "~~~~ md\n[@nao-2018]\n~~~~\n",
    "Some text.\n\n    [@nao-2018] in an indented code block\n",
    "Write `[@nao-2018]` to cite.\n",
    "Write ``a [@nao-2018] b`` to cite.\n",
    "Follow [@locality](https://example.org/locality) on social media.\n",
    "A reference link [@locality][site].\n",
    "Written as it stands: \\[@nao-2018].\n",
    "An email: someone@example.org [not a citation].\n",
    "[@locality]: https://example.org/locality\n",
], ids=["backtick fence", "tilde fence", "indented code", "code span", "double code span", "link text",
        "reference link", "escaped", "email", "link definition"])
def test_code_links_and_escapes_are_left_alone(text):
    assert find_citations(text) == []


def test_a_citation_before_a_colon_in_a_sentence_is_a_citation():
    assert ids("Locality calls it scale fail [@locality-scale-fail]: contracts too big to manage.\n") == \
        [["locality-scale-fail"]]


def test_text_after_a_fence_and_in_a_list_item_continuation_is_searched():
    text = "```\ncode\n```\n\n- A list item\n\n    with more text [@nao-2018].\n\nAfter [@committees-2018].\n"
    assert ids(text) == [["nao-2018"], ["committees-2018"]]


def test_a_citation_that_cannot_be_read_is_found_as_malformed():
    found = find_citations("Page 4 [@nao-2018, p. 4] and [@ nao-2018 and [@].\n")
    assert [f.malformed for f in found] == [True, True, True]


# Rendering


def test_citations_become_numbered_links_and_sources_link_back():
    sources = [{"id": "a", "title": "A", "url": "https://a.example/", "publisher": "P"},
               {"id": "b", "title": "B & co", "url": "https://b.example/?x=1&y=2", "publisher": "Q", "date": 2018}]
    citations = Citations(sources)
    html = citations.render("One [@b]. Two [@a; @b].\n\n```\n[@a]\n```\n")
    assert html.count('<sup class="kil-cite">') == 2
    assert '<a id="kil-cite-2-1" href="#kil-source-2" aria-label="Source 2">2</a>' in html
    assert "[@a]\n```" in html, "code is left as written"
    listing = citations.source_list(Site({}, []))  # no words set: the defaults
    assert '<li id="kil-source-1"><span class="kil-backlinks"><a href="#kil-cite-1-1"' in listing
    assert '<a href="#kil-cite-2-1" aria-label="Back to citation a of source 2">a</a>' in listing
    assert '<a href="#kil-cite-2-2" aria-label="Back to citation b of source 2">b</a>' in listing
    assert "B &amp; co</a>, Q, 2018." in listing and "https://b.example/?x=1&amp;y=2" in listing


@pytest.mark.parametrize("text, paragraphs", [
    # The number stands against the word before it, as a printed note's does (2020¹, not 2020 ¹).
    ("it can boost outcomes\n[@a]. Writing later", ["it can boost outcomes1. Writing later"]),
    ("it said so\n  [@a] twice", ["it said so1 twice"]),
    ("named in 2020 [@a], then", ["named in 20201, then"]),
    ("First paragraph.\n\n[@a] begins the second.", ["First paragraph.", "1 begins the second."]),
])
def test_a_citation_first_on_a_line_stays_in_its_paragraph(text, paragraphs):
    """Markdown reads a line that starts with HTML as a block of its own: a citation written at
    the start of a line must not end the paragraph and leave its full stop on a line alone."""
    import markdown

    from keepitlocal.render.environment import Components, expand

    components = Components()
    citations = Citations([{"id": "a", "title": "T", "url": "https://example.org/", "publisher": "P"}],
                          components=components)
    html = expand(markdown.markdown(citations.render(text)), components.html)
    found = [" ".join(re.sub(r"<[^>]+>", "", p).split()) for p in re.findall(r"<p>(.*?)</p>", html, re.S)]
    assert found == paragraphs


def test_an_unknown_id_cannot_be_rendered():
    with pytest.raises(KeyError):
        Citations([]).render("[@nowhere]")


def test_the_case_study_page_numbers_citations_by_source_order_and_shows_the_archived_copy(project):
    project.write(CASE, cited("Contracts [@committees-2018]. Staff [@nao-2018]. Again [@nao-2018].\n"))
    site = project.load()
    assert site.problems == [] and notes_on(site, CASE) == []
    page = next(p for p in build_pages(site) if p.src_uri.endswith("cited.md"))
    numbers = re.findall(r'href="#kil-source-(\d)"', page.expanded())
    assert numbers == ["2", "1", "1"]
    item = re.search(r'<li id="kil-source-2">.*?</li>', page.expanded()).group(0)
    assert '<a href="https://web.archive.org/web/2019/https://publications.parliament.uk/pa/769.htm">' \
           "Archived copy</a>" in item
    assert item.index("76904.htm") < item.index("web.archive.org"), "the original first, the copy beside it"


def test_a_sources_note_says_how_the_page_reads_it_after_the_source_and_nowhere_else(project):
    note = "The post gives the day without a year: the year is read from the date of the post."
    sources = SOURCES.replace("    date: 2018-06-07", f"    date: 2018-06-07\n    note: \"{note}\"")
    project.write(CASE, cited("Contracts [@committees-2018]. Staff [@nao-2018].\n", sources=sources))
    site = project.load()
    assert site.problems == []
    html = next(p for p in build_pages(site) if p.src_uri.endswith("cited.md")).expanded()
    item = re.search(r'<li id="kil-source-1">.*?</li>', html).group(0)
    assert f'<span class="kil-source-note">{note}</span>' in item
    assert item.index("Investigation into the collapse") < item.index(note)
    assert html.count(note) == 1, "the note stays in the list of sources, out of the story"


# The check's errors


def problems_of(project, text):
    project.write(CASE, text)
    site = project.load()
    assert "cited" not in {e.slug for e in site.entries}, "a file with an error was published"
    return [str(p) for p in site.problems]


def test_an_unknown_id_is_reported_at_its_line_and_column_with_the_closest_ids(project):
    text = cited("Line one.\n\nAround 420 contracts [@nao-2019; @committees-2018].\n")
    line = text.split("\n").index("Around 420 contracts [@nao-2019; @committees-2018].") + 1
    assert problems_of(project, text) == [
        f"{CASE}:{line}:23: citation: there is no source with the id 'nao-2019' (did you mean 'nao-2018'?)"]


def test_an_unknown_id_nothing_resembles_lists_the_files_ids(project):
    [problem] = problems_of(project, cited("Text [@zzzz].\n"))
    assert problem.endswith("there is no source with the id 'zzzz' (the ids of this file's sources are: "
                            "nao-2018, committees-2018)")


def test_a_citation_that_cannot_be_read_is_an_error_with_the_syntax(project):
    [problem] = problems_of(project, cited("Page four [@nao-2018, p. 4].\n"))
    assert ": citation: this citation cannot be read (write a citation as [@id]" in problem


def test_two_sources_with_one_id_is_an_error_at_the_second(project):
    sources = SOURCES.replace("id: committees-2018", "id: nao-2018")
    text = cited("Text [@nao-2018].\n", sources)
    first = text.split("\n").index("  - id: nao-2018") + 1
    [problem] = problems_of(project, text)
    assert problem == (f"{CASE}:{first + 5}:9: sources[2].id: the id 'nao-2018' is already used by the source at "
                       f"line {first} (give each source its own id, e.g. add the year or the publisher)")


@pytest.mark.parametrize("other", [
    "http://nao.org.uk/reports/carillion",
    "https://NAO.org.uk/reports/carillion/?utm_source=twitter&utm_medium=social",
    "https://www.nao.org.uk/reports/carillion/#summary",
    "https://www.nao.org.uk/reports/carillion/?fbclid=abc",
], ids=["no www, http, no slash", "upper-case host, tracking", "fragment", "facebook click id"])
def test_two_sources_pointing_at_the_same_page_is_an_error_naming_both_lines(project, other):
    sources = SOURCES.replace("url: https://publications.parliament.uk/pa/cm201719/cmselect/cmworpen/769/76904.htm",
                              f"url: {other}")
    text = cited("Text [@nao-2018; @committees-2018].\n", sources)
    lines = text.split("\n")
    first = lines.index("    url: https://www.nao.org.uk/reports/carillion/") + 1
    second = lines.index(f"    url: {other}") + 1
    [problem] = problems_of(project, text)
    assert problem.startswith(f"{CASE}:{second}:10: sources[2].url: points at the same page as the source at line "
                              f"{first} (https://www.nao.org.uk/reports/carillion/)")


def test_pages_that_differ_are_not_the_same_page():
    assert page_key("https://a.example/report?id=1") != page_key("https://a.example/report?id=2")
    assert page_key("https://a.example/report") != page_key("https://a.example/report/2")
    assert page_key("https://a.example/r?utm_source=x&id=1") == page_key("https://www.a.example/r/?id=1")


@pytest.mark.parametrize(("field", "address"), [
    ("url", "https://www.publicsectorexecutive.com/Public-Sector-News/keeping-it-local-a-five-step-guide-"),
    ("url", '"https://example.org/a report"'),
    ("url", "example.org/report"),
    ("archived", "https://web.archive.org/web/2019/https://example.org/cut-"),
], ids=["trailing hyphen", "space", "no scheme", "archived with trailing hyphen"])
def test_a_malformed_address_is_an_error_at_its_line(project, field, address):
    sources = SOURCES.replace(
        "    url: https://www.nao.org.uk/reports/carillion/" if field == "url" else
        "    archived: https://web.archive.org/web/2019/https://publications.parliament.uk/pa/769.htm",
        f"    {field}: {address}")
    text = cited("Text [@nao-2018; @committees-2018].\n", sources)
    line = text.split("\n").index(f"    {field}: {address}") + 1
    [problem] = problems_of(project, text)
    assert problem.startswith(f"{CASE}:{line}:")
    assert "with no spaces and no hyphen at the end" in problem


@pytest.mark.parametrize("bad_id", ["NAO 2018", "nao_2018", "-nao", "x"])
def test_an_id_must_be_short_lowercase_words_joined_by_hyphens(project, bad_id):
    sources = SOURCES.replace("id: nao-2018", f'id: "{bad_id}"')
    [problem] = problems_of(project, cited("Text [@committees-2018].\n", sources))
    assert "sources[1].id" in problem


# Notes: worth tidying, never an error


def test_a_source_nothing_cites_is_a_note_not_an_error(project):
    project.write(CASE, cited("Only one citation [@nao-2018].\n"))
    site = project.load()
    assert site.problems == [] and "cited" in {e.slug for e in site.entries}
    [note] = map(str, notes_on(site, CASE))
    assert note.startswith(f"{CASE}:") and "sources[2]: nothing on the page cites 'committees-2018'" in note


def test_a_source_without_an_id_is_noted(project):
    site = project.load()
    assert [n.field for n in site.notes] == ["sources[1]"]
    assert "has no id, so nothing can cite it" in site.notes[0].message


def test_an_entry_not_reviewed_for_a_year_is_noted_and_still_published(project):
    from keepitlocal.app.pipeline import load_site

    text = cited("Text [@nao-2018; @committees-2018].\n", year="year: 2020\nlast_reviewed: 2025-11-28")
    project.write(CASE, text)
    line = text.split("\n").index("last_reviewed: 2025-11-28") + 1
    fresh = load_site(project.root, today=datetime.date(2026, 11, 28))
    assert notes_on(fresh, CASE) == [] and fresh.problems == []
    stale = load_site(project.root, today=datetime.date(2026, 11, 29))
    assert stale.problems == [] and "cited" in {e.slug for e in stale.entries}
    assert [str(n) for n in notes_on(stale, CASE)] == [
        f"{CASE}:{line}:16: last_reviewed: last reviewed on 2025-11-28, more than a year ago (check the facts and "
        "sources, then set last_reviewed to the date you did)"]


def test_make_check_lists_notes_and_passes(project):
    project.write(CASE, cited("Text [@nao-2018].\n"))
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(project.root)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "2 notes in 2 files (worth tidying; they do not stop the build):" in result.stderr
    assert f"note: {CASE}:" in result.stderr and "No problems" in result.stdout


# Freshness on the page


def test_the_page_shows_last_reviewed_and_the_latest_correction(project):
    body = ("Text [@nao-2018; @committees-2018].\n\n*Corrected on 3 February 2026: a figure.*\n\n"
            "*Corrected on 29 November 2026: the count of contracts.*\n")
    project.write(CASE, cited(body, year="year: 2020\nlast_reviewed: 2026-11-29"))
    page = next(p for p in build_pages(project.load()) if p.src_uri.endswith("cited.md"))
    assert ('<p class="kil-reviewed">Last reviewed <time datetime="2026-11-29">29 November 2026</time>; '
            'last corrected <time datetime="2026-11-29">29 November 2026</time>.</p>') in page.expanded()


def test_a_page_without_review_or_correction_says_nothing_about_them(project):
    page = next(p for p in build_pages(project.load()) if p.src_uri.endswith("good-example.md"))
    assert "kil-reviewed" not in page.expanded()


def test_correction_dates_are_read_from_the_notes():
    assert last_corrected("*Corrected on 1 March 2025: x.* and *Corrected on 12 January 2026: y.*") == \
        datetime.date(2026, 1, 12)
    assert last_corrected("Nothing was corrected on Tuesday.") is None


# Hand-written pages that cite sources


ABOUT = """\
---
title: About
sources:
  - id: locality-2018
    title: Scale fail
    url: https://locality.org.uk/blog/scale-fail/
    publisher: Locality
---
# About

Locality calls it scale fail [@locality-2018].

Another [@localty-2018].
"""


def test_a_hand_written_page_with_sources_is_checked_at_its_lines(project):
    project.write("docs/about.md", ABOUT)
    project.write("docs/privacy.md", "---\ntitle: Privacy\ndescription: What the site does not collect about "
                  "its readers.\n---\n# Privacy\n\nNo sources here [@not-a-citation].\n")
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(project.root)],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert ("docs/about.md:13:10: citation: there is no source with the id 'localty-2018' "
            "(did you mean 'locality-2018'?)") in result.stderr
    assert "docs/privacy.md" not in result.stderr, "a page without sources is left alone"


def test_a_hand_written_page_renders_its_citations_and_sources():
    from keepitlocal.check.handwritten import read_page
    from keepitlocal.render.citations import cite_page

    page = read_page(ABOUT.replace(" [@localty-2018]", "").encode(), "docs/about.md")
    assert page.problems == []
    markdown = cite_page(page.data["sources"], page.body, Site({}, []))  # no words set: the defaults
    assert '<a id="kil-cite-1-1" href="#kil-source-1" aria-label="Source 1">1</a>' in markdown
    assert markdown.index("Sources <span class=\"kil-sources-count\">(") > markdown.index("Another")
    assert '<li id="kil-source-1"><span class="kil-backlinks">' in markdown


def test_a_hand_written_pages_sources_are_checked_against_the_source_schema():
    from keepitlocal.check.handwritten import read_page

    page = read_page(ABOUT.replace("    publisher: Locality\n", "").replace("blog/scale-fail/", "blog/scale fail/")
                     .encode(), "docs/about.md")
    assert sorted(str(p) for p in page.problems) == [
        "docs/about.md:4:5: sources[1].publisher: required field is missing (add a line like  publisher: CLES)",
        "docs/about.md:6:10: sources[1].url: 'https://locality.org.uk/blog/scale fail/' must be a web address "
        "starting with http:// or https://, with no spaces and no hyphen at the end (for example: "
        "https://cles.org.uk/the-preston-model/)"]


# The site's own content


def test_every_case_study_principle_and_hand_written_page_with_sources_cites_them_inline():
    from keepitlocal.app.pipeline import load_site
    from keepitlocal.check.handwritten import check_pages

    site = load_site(ROOT)
    assert site.problems == []
    cited_kinds = {"principles", "case-studies"}
    entries = [e for e in site.entries if e.collection.name in cited_kinds]
    assert [e.path for e in entries if not find_citations(e.body)] == [], "every entry cites inline"
    assert all(source.get("id") for e in entries for source in e.data["sources"]), "every source has an id"
    problems, _ = check_pages(ROOT)
    assert problems == []
    for page in ("docs/about.md", "docs/join.md"):
        text = (ROOT / page).read_text("utf-8")
        assert "\nsources:\n" in text and find_citations(text), f"{page} cites its sources inline"


def test_no_built_page_shows_a_citation_as_raw_text(built_site):
    def shown(path):  # the page without code, where staff guides show the syntax itself (as does [@id])
        return re.sub(r"<(code|pre|script)\b.*?</\1>", "", path.read_text("utf-8"), flags=re.S)

    raw = {p.relative_to(built_site).as_posix(): re.findall(r".{30}\[@(?!id\])[A-Za-z0-9].{20}", shown(p))
           for p in built_site.rglob("*.html")}
    assert {page: found for page, found in raw.items() if found} == {}
