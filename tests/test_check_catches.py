"""Mistakes that used to lose text without a word, or reach the build unreported, are each
caught by the check at their line, in words a campaigner understands. One test per class,
named after it; each asserts the position and the key words of the message."""

from __future__ import annotations

import pytest
from conftest import PRINCIPLE, case_study
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepitlocal.frontmatter import read_document

CASE = "content/case-studies/broken.md"


def problems_of(project, rel: str, text: str | bytes):
    project.write(rel, text)
    site = project.load()
    slug = rel.rsplit("/", 1)[-1].split(".")[0]
    assert slug not in {e.slug for e in site.entries if e.path == rel}, "a file with a problem was published"
    return [p for p in site.problems if p.path == rel]


def with_line(field: str, line: str) -> str:
    """The test case study with one field's line replaced (the title too)."""
    if field == "title":
        return case_study().replace("title: A test case study", line, 1)
    return case_study(**{field: line})


def only_problem(project, rel: str, text: str | bytes):
    found = problems_of(project, rel, text)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


# Text lost without a word


@pytest.mark.parametrize("line, where, cut, fix", [
    ("title: Wigan Deal #KeepItLocal fund", (2, 19), "'#KeepItLocal fund'", 'title: "Wigan Deal #KeepItLocal fund"'),
    ("summary: A council that became the UK's #1 council for keeping money local", (3, 41), "'#1 council",
     "summary: \"A council that became the UK's #1 council for keeping money local\""),
    ("place: Wigan # Council", (5, 14), "'# Council'", 'place: "Wigan # Council"'),
])
def test_a_hash_after_a_value_is_reported_not_dropped(project, line, where, cut, fix):
    field = line.split(":")[0]
    problem = only_problem(project, CASE, with_line(field, line))
    assert (problem.line, problem.col, problem.field) == (*where, field)
    assert cut in problem.message and "never published" in problem.message, str(problem)
    assert fix in problem.hint, str(problem)


def test_a_hash_after_a_list_item_or_a_number_is_reported(project):
    text = case_study(year="year: 2020 # roughly", services="services:\n  - procurement #main\n  - local economy")
    found = problems_of(project, CASE, text)
    assert [(p.line, p.col, p.field) for p in found] == [(7, 12, "year"), (9, 17, "services[1]")], found
    assert "never published" in found[0].message and "own" in found[0].hint
    assert '"procurement #main"' in found[1].hint


def test_a_value_line_starting_with_a_hash_is_reported(project):
    text = case_study(summary="summary: A council that became the UK's\n  #1 council for keeping money local")
    problem = only_problem(project, CASE, text)
    assert (problem.line, problem.col, problem.field) == (4, 3, "summary")
    assert "'#1 council for keeping money local' is left out" in problem.message


def test_notes_on_lines_of_their_own_stay_allowed(project):
    text = case_study().replace("title:", "# A note for staff\n  # an indented note\ntitle:", 1)
    text = text.replace("sources:\n", "sources:\n  # the primary source first\n")
    project.write(CASE, text)
    assert project.load().problems == []


@pytest.mark.parametrize("name", ["wigan-deal", "wigan-deal.txt", "wigan-deal.MD.bak", "notes.docx"])
def test_a_file_that_is_not_md_in_a_content_folder_is_reported(project, name):
    rel = f"content/case-studies/{name}"
    problem = only_problem(project, rel, case_study())
    assert (problem.line, problem.col, problem.field) == (1, 1, "file")
    assert "not published" in problem.message and ".md" in problem.hint, str(problem)


def test_an_image_in_a_content_folder_is_reported_with_where_images_go(project):
    problem = only_problem(project, "content/principles/photo.jpg", b"\xff\xd8\xff")
    assert "images do not go in the content folders" in problem.message
    assert "docs/images/" in problem.hint


def test_readme_and_hidden_files_in_a_content_folder_are_ignored(project):
    project.write("content/case-studies/README.md", "Notes for the team\n")
    project.write("content/case-studies/.DS_Store", b"\x00\x01")
    project.write("content/principles/.local-spend.md.swp", b"\x00")
    site = project.load()
    assert site.problems == [] and len(site.entries) == 2


@pytest.mark.parametrize("field, line, where", [
    ("title", 'title: "   "', (2, 8)),
    ("summary", "summary: '                         '", (3, 10)),
    ("place", 'place: "\u00a0 "', (5, 8)),
])
def test_text_of_only_spaces_counts_as_missing(project, field, line, where):
    problem = only_problem(project, CASE, with_line(field, line))
    assert (problem.line, problem.col, problem.field) == (*where, field)
    assert "only spaces" in problem.message and "missing" in problem.message
    assert f"write the {field}" in problem.hint


def test_a_source_or_list_item_of_only_spaces_counts_as_missing(project):
    text = case_study(services='services: [procurement, " "]').replace("publisher: Example Council", 'publisher: "  "')
    found = problems_of(project, CASE, text)
    assert [(p.line, p.col, p.field) for p in found] == [(8, 25, "services[2]"), (14, 16, "sources[1].publisher")]
    assert all("only spaces" in p.message for p in found)


@pytest.mark.parametrize("rel, text", [
    (CASE, case_study().split("---\n")[0] + "---\n" + case_study().split("---\n")[1] + "---\n"),
    (CASE, case_study().rsplit("---\n", 1)[0] + "---\n   \n\n"),
    (CASE, case_study().rsplit("---\n", 1)[0] + "---\n<!-- to write -->\n"),
    ("content/principles/blank.md", PRINCIPLE.format(number=4).rsplit("---\n", 1)[0] + "---\n"),
])
def test_an_entry_with_no_story_is_reported(project, rel, text):
    problem = only_problem(project, rel, text)
    closing = text.split("\n").index("---", 1) + 1
    assert (problem.line, problem.col, problem.field) == (closing, 1, "text")
    assert "below the closing --- line" in problem.message and "empty" in problem.message


# Fuzzing: a # anywhere in a value is either kept or reported; never silently dropped.

_WORDS = st.text(st.sampled_from("ab #:'\"-"), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["title", "place", "summary"]), _WORDS)
def test_no_hash_text_is_ever_dropped(field, words):
    value = f"Wigan {words} deal for the local area"
    text = with_line(field, f"{field}: {value}")
    document = read_document(text.encode(), CASE)
    if document.problems:
        return
    read = document.front_matter.data[field]
    # What was written after the colon is all there (YAML may only trim quotes it understood).
    assert "#" not in value or "#" in read, (value, read)
