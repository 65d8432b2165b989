"""What a story puts on a page is decided by the allow-list the build applies (nh3), and the
check refuses, at its line, everything the build would drop: scripts, event handlers, links
that run code, frames, styles and forms. Notes (<!-- -->) are staff's: never published, and
one never closed is refused. One test per class, at the exact line, with the key words."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, case_study
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepitlocal.app.pipeline import check_hand_written
from keepitlocal.check.safe_html import clean, story_problems
from keepitlocal.read.markdown import Converter
from keepitlocal.render.environment import PLACEHOLDER

CASE = "content/case-studies/broken.md"
STORY_LINE = 17  # the first line of case_study()'s story


def story(*lines: str) -> str:
    return case_study().replace("The story of what happened.\n", "\n".join(lines) + "\n")


ABOUT_TOP = "---\ntitle: About\ndescription: What the campaign is and how it began.\n---\n\n# About\n\n"


def problems_of(project, text: str):
    project.write("mkdocs.yml", (ROOT / "mkdocs.yml").read_text("utf-8"))  # the build's Markdown settings
    project.write(CASE, text)
    site = project.load()
    assert "broken" not in {e.slug for e in site.entries}, "a file with a problem was published"
    return [p for p in site.problems if p.path == CASE]


@pytest.mark.parametrize("line, col, words, hint", [
    ("<script>alert(1)</script>", 1, "<script> is never published", "no script runs"),
    ('See <a href="../principles/local-spend.md" onclick="steal()">this</a>.', 44,
     "the onclick attribute on <a> is never published", 'delete onclick="..."'),
    ("A [harmless-looking link](javascript:alert(1)).", 27, "the link to 'javascript:alert(1)' is never published",
     "[words](https://...)"),
    ("A [link](JavaScript&#58;alert(1)).", 10, "is never published", "https://"),
    ('<iframe src="https://www.youtube.com/embed/abc"></iframe>', 1, "<iframe> is never published",
     "[Watch the video](https://...)"),
    ('<form action="https://example.org/sign"><input name="email"></form>', 1, "<form> is never published",
     "link to the form instead"),
    ('<p style="color: red">Red words</p>', 4, "the style attribute on <p> is never published", "stylesheet"),
    ('<img src="../images/photo.jpg" alt="A hub" onerror="alert(1)">', 44, "the onerror attribute on <img>",
     'delete onerror="..."'),
])
def test_html_a_story_may_not_hold_is_refused_at_its_line(project, line, col, words, hint):
    project.write("docs/images/photo.jpg", b"\xff\xd8\xff")
    found = problems_of(project, story("The first paragraph.", "", line))
    assert {p.line for p in found} == {STORY_LINE + 2}, "\n".join(map(str, found))
    first = next(p for p in found if words in p.message)
    assert (first.col, first.field) == (col, "text") and hint in first.hint, str(first)


def test_an_attribute_list_with_an_event_handler_is_refused_at_its_line(project):
    found = problems_of(project, story("A paragraph.", '{: onclick="alert(1)" }'))
    assert [(p.line, p.col) for p in found] == [(STORY_LINE + 1, 4)], found
    assert "the onclick attribute on <p> is never published" in found[0].message


def test_every_refused_thing_in_a_story_is_reported_at_once(project):
    found = problems_of(project, story("<script>one()</script>", "", "[a](javascript:two())", "",
                                       "<script>three()</script>"))
    assert [(p.line, p.col) for p in found] == [(17, 1), (19, 5), (21, 1)], found


def test_html_code_shown_as_code_is_not_refused(project):
    project.write(CASE, story("Write `<script>` in code, or:", "", "```html", "<script>alert(1)</script>", "```"))
    assert project.load().problems == []


def test_what_a_story_may_hold_passes(project):
    project.write("docs/images/photo.jpg", b"\xff\xd8\xff")
    project.write(CASE, story(
        "## A heading", "", "*Emphasis*, **strong**, <abbr title=\"Local Government Association\">LGA</abbr>,"
        " 10<sup>th</sup>, [a page](../principles/local-spend.md), [a site](https://example.org/),"
        " [mail](mailto:info@example.org).", "", "| a | b |", "|:--|--:|", "| 1 | 2 |", "",
        "<details><summary>More</summary>Hidden words.</details>", "",
        '<img src="../images/photo.jpg" alt="A hub">', "", "- one", "- two", "",
        "<!-- a note for staff -->"))
    assert project.load().problems == []


def test_a_note_never_closed_is_refused_where_it_opens(project):
    found = problems_of(project, story("The first paragraph.", "", "Words <!-- check this figure", "",
                                       "More of the story."))
    assert [(p.line, p.col, p.field) for p in found] == [(STORY_LINE + 2, 7, "text")], found
    assert "is never closed with -->" in found[0].message and "hidden" in found[0].message
    assert "-->" in found[0].hint


def test_a_note_never_closed_in_a_hand_written_page_is_refused(project):
    project.write("docs/about.md", ABOUT_TOP +
                                   "Words.\n\n<!-- a note\n")
    found = [p for p in check_hand_written(project.root, project.load())[0] if p.path == "docs/about.md"]
    assert [(p.line, p.col) for p in found] == [(10, 1)], found
    assert "never closed" in found[0].message


def test_a_script_in_a_hand_written_page_is_refused(project):
    project.write("docs/about.md", ABOUT_TOP +
                                   "<script>alert(1)</script>\n\n<!-- keepitlocal:principles -->\n")
    found = [p for p in check_hand_written(project.root, project.load())[0] if p.path == "docs/about.md"]
    assert [(p.line, p.col) for p in found if "script" in p.message] == [(8, 1)], found


def test_clean_removes_notes_and_refused_html_and_keeps_component_placeholders():
    converted = Converter(ROOT).convert(
        "Words <!-- staff note --> here.\n\n<!--kil:c0-->\n\n<script>alert(1)</script>\n\n"
        '[x](javascript:alert(1)) <a href="/a/" onclick="b()">a</a>\n\n<!--kil:x1-->\n')
    cleaned = clean(converted, keep=PLACEHOLDER)
    assert "staff note" not in cleaned and "alert" not in cleaned and "onclick" not in cleaned
    assert "<!--kil:c0-->" in cleaned and "<!--kil:x1-->" in cleaned
    assert '<a href="/a/">a</a>' in cleaned and "Words" in cleaned and "here." in cleaned


def test_the_checked_markdown_is_the_builds_own():
    converter = Converter(ROOT)
    assert {"toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition"} <= set(converter.extensions)
    assert converter.settings["toc"]["permalink"] is True


def test_the_built_site_keeps_the_generated_components_and_drops_notes(built_site):
    case = (built_site / "case-studies/preston-model/index.html").read_text("utf-8")
    assert 'class="kil-cite"' in case and "aria-label=\"Source 1\"" in case  # citations, from templates
    assert "<form" in (built_site / "case-studies/index.html").read_text("utf-8")  # the filter form
    event = next((built_site / "events").glob("*/index.html")).read_text("utf-8")
    assert 'type="application/ld+json"' in event
    notes = [n for page in built_site.rglob("*.html") for n in re.findall(r"<!--(.*?)-->", page.read_text("utf-8"))
             if "kil:" in n or "keepitlocal" in n]
    assert notes == [], notes[:5]


_STORY_CHARACTERS = st.sampled_from(list("ab \n<>/=\"'!-:&#;{}()[]") + ["script", "onclick", "javascript",
                                                                         "iframe", "<!--", "-->", "href", "a"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_STORY_CHARACTERS, max_size=30).map("".join))
def test_a_story_the_check_passes_is_published_as_converted(text):
    """Whatever a story holds, if the check passes it the allow-list drops no tag or attribute
    from it (only notes): the page shows what was typed."""
    converter = Converter(ROOT)
    if story_problems(CASE, text, STORY_LINE, converter):
        return
    converted = converter.convert(text)
    assert _tags(clean(converted)) == _tags(converted), text


def _tags(html: str) -> list:
    from keepitlocal.check.safe_html import _start_tags

    return sorted((tag, sorted(name for name, _ in attrs)) for tag, attrs in _start_tags(html))
