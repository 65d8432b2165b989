"""Mistakes that used to lose text without a word, or reach the build unreported, are each
caught by the check at their line, in words a campaigner understands. One test per class,
named after it; each asserts the position and the key words of the message."""

from __future__ import annotations

import pytest
from conftest import PRINCIPLE, case_study, only_problem, problems_of
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from keepitlocal.read.frontmatter import read_document

CASE = "content/case-studies/broken.md"


def with_line(field: str, line: str) -> str:
    """The test case study with one field's line replaced (the title too)."""
    if field == "title":
        return case_study().replace("title: A test case study", line, 1)
    return case_study(**{field: line})


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


# Messages that point at the wrong place or mislead


def test_a_quote_closed_lines_later_is_reported_where_it_opens(project):
    text = case_study(place='place: "Testshire County Council').replace("  - title: A report", '  - title: "A report"')
    problem = only_problem(project, CASE, text)
    assert (problem.line, problem.col, problem.field) == (5, 8, "fields")
    assert "quote opened here is not closed on this line" in problem.message and "7 lines below" in problem.message


def test_text_after_a_closing_quote_is_reported_with_the_fix(project):
    problem = only_problem(project, CASE, with_line("title", 'title: "The Deal" in Wigan'))
    assert (problem.line, problem.col) == (2, 8)
    assert "more text follows it" in problem.message
    assert problem.hint == "put the whole value in single quotes: title: '\"The Deal\" in Wigan'"


def test_an_apostrophe_inside_single_quotes_is_reported_with_the_fix(project):
    problem = only_problem(project, CASE, case_study(summary="summary: 'Wigan Council's services stayed local'"))
    assert (problem.line, problem.col) == (3, 10)
    assert "apostrophe inside a value in single quotes" in problem.message
    assert problem.hint == ("put the whole value in double quotes instead: "
                            'summary: "Wigan Council\'s services stayed local"')


def test_curly_quotes_around_a_value_with_a_colon_are_named(project):
    text = case_study(summary="summary: \u201cPreston: a model for others to follow\u201d")
    problem = only_problem(project, CASE, text)
    assert (problem.line, problem.col) == (3, 18)
    assert "curly quotes" in problem.message
    assert problem.hint == 'write it in straight double quotes: summary: "Preston: a model for others to follow"'


def test_a_missing_list_dash_is_recognised_not_called_a_duplicate(project):
    text = case_study().replace("    date: 2020-05-01", "    date: 2020-05-01\n    title: Second\n"
                                "    url: https://example.org/second\n    publisher: Another")
    problem = only_problem(project, CASE, text)
    assert (problem.line, problem.col, problem.field) == (16, 5, "sources[1].title")
    assert "'- ' that starts a new item seems to be missing" in problem.message
    assert "write '- ' before title" in problem.hint and "delete" not in problem.hint


@pytest.mark.parametrize("line, where, words, fix", [
    ("region: North\u00a0West", (6, 9), "non-breaking space", "retype the space"),
    ("services: [children\u2019s services]", (8, 12), "curly apostrophe", "straight apostrophe"),
    ("principles: [local\u2013spend]", (9, 14), "long dash", "plain hyphen"),
    ("region: 'North West '", (6, 9), "space at its start or end", "North West"),
])
def test_look_alike_characters_are_named(project, line, where, words, fix):
    problem = only_problem(project, CASE, case_study(**{line.split(":")[0]: line}))
    assert (problem.line, problem.col) == where
    assert words in problem.message and fix in problem.hint, str(problem)
    assert "is not one of the allowed values" not in problem.message


def test_a_number_for_a_principle_suggests_the_file_names(project):
    project.write("content/principles/whole-system.md", PRINCIPLE.format(number=1))
    problem = only_problem(project, CASE, case_study(principles="principles: [5]"))
    assert (problem.line, problem.col, problem.field) == (9, 14, "principles[1]")
    assert "not the number 5" in problem.message
    assert "local-spend, whole-system" in problem.hint and "quotes" not in problem.hint


def test_a_web_address_with_a_space_says_the_space_is_the_problem(project):
    problem = only_problem(project, CASE, case_study().replace("https://example.org/report",
                                                                "https://example.org/our report"))
    assert (problem.line, problem.col, problem.field) == (13, 10, "sources[1].url")
    assert "with no spaces" in problem.message


def test_an_unknown_reference_lists_the_closest_names(project):
    project.write("content/principles/whole-system.md", PRINCIPLE.format(number=1))
    project.write("content/principles/early-intervention.md", PRINCIPLE.format(number=2))
    problem = only_problem(project, CASE, case_study(principles="principles: [procurement]"))
    assert problem.hint == "the principle file names are: early-intervention, local-spend, whole-system"
    problem = only_problem(project, CASE, case_study(principles="principles: [local-spending]"))
    assert problem.hint == "did you mean 'local-spend'?"


_QUOTED = st.text(st.sampled_from("ab '\"\u201c\u201d:#-"), max_size=14)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["title", "place", "summary"]), _QUOTED, _QUOTED)
def test_quotes_and_colons_anywhere_end_in_an_entry_or_a_positioned_problem(field, first, second):
    text = with_line(field, f"{field}: {first}Wigan{second}")
    document = read_document(text.encode(), CASE)
    for problem in document.problems:
        assert 1 <= problem.line <= len(text.split("\n")) and problem.col >= 1 and problem.hint


@pytest.mark.parametrize("line, where, words, fix", [
    ("place: * Testshire", (5, 9), "starts with * or &", "double quotes"),
    ('place: "Testshire\\County"', (5, 8), "a backslash", "two backslashes"),
])
def test_unreadable_fields_are_explained_in_plain_words(project, line, where, words, fix):
    problem = only_problem(project, CASE, case_study(**{line.split(":")[0]: line}))
    assert (problem.line, problem.col, problem.field) == (*where, "fields"), str(problem)
    assert words in problem.message and fix in problem.hint, str(problem)


_TOOL_WORDS = ("yaml", "front-matter", "frontmatter", "slug", "strict", "scalar", "mapping", "token")


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("ab :-[]{}\"'#&*!|>%@`\\\t\n"), max_size=40))
@example("!!:")
@example("!!python/object x")
def test_messages_never_use_tool_words(text):
    document = read_document(f"---\ntitle: {text}\nsummary: ok\n---\nThe story.\n".encode(), CASE)
    for problem in document.problems:
        said = f"{problem.field}: {problem.message} ({problem.hint})".lower()
        assert not [word for word in _TOOL_WORDS if word in said], str(problem)


def test_make_check_ends_with_its_own_summary_and_a_non_zero_exit(tmp_path):
    import os
    import subprocess

    from conftest import PRINCIPLE, ROOT

    (tmp_path / "content/case-studies").mkdir(parents=True)
    (tmp_path / "content/principles").mkdir(parents=True)
    (tmp_path / "content/case-studies/broken.md").write_text(case_study(region="region: Narnia"), encoding="utf-8")
    lock = tmp_path / "requirements.lock"
    lock.write_text("", encoding="utf-8")
    os.utime(lock, (0, 0))  # older than the project's installed environment
    make_check = f"make -s -f '{ROOT / 'Makefile'}' check VENV='{ROOT / '.venv'}'"
    # As a script or a chain of commands typed at a prompt runs it: the next command still runs,
    # and sees the failure.
    result = subprocess.run(["bash", "-c", f"{make_check}; echo \"check exited with $?\""],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert "broken.md:6:9: region:" in result.stderr
    assert result.stderr.rstrip().endswith("in 1 file"), result.stderr
    assert "***" not in result.stderr + result.stdout and "Error" not in result.stderr
    status = int(result.stdout.strip().rpartition(" ")[2])
    assert status != 0, result.stdout
    assert subprocess.run(["bash", "-c", f"{make_check} && echo published"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False).stdout == ""
    (tmp_path / "content/case-studies/broken.md").write_text(case_study(), encoding="utf-8")
    (tmp_path / "content/principles/local-spend.md").write_text(PRINCIPLE.format(number=1), encoding="utf-8")
    fixed = subprocess.run(["bash", "-c", make_check], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                           check=False)
    assert fixed.returncode == 0 and fixed.stdout.startswith("No problems"), fixed.stdout + fixed.stderr



def test_make_check_typed_at_a_prompt_ends_with_its_summary_and_the_next_command_runs(tmp_path):
    """In a terminal, as a campaigner types it: an interactive shell drops the rest of a line
    after a command ended by an interrupt, so make must not be stopped with one."""
    import os
    import pty
    import signal

    from conftest import ROOT

    (tmp_path / "content/case-studies").mkdir(parents=True)
    (tmp_path / "content/principles").mkdir(parents=True)
    (tmp_path / "content/case-studies/broken.md").write_text(case_study(region="region: Narnia"), encoding="utf-8")
    lock = tmp_path / "requirements.lock"
    lock.write_text("", encoding="utf-8")
    os.utime(lock, (0, 0))
    line = f"cd '{tmp_path}' && make -s -f '{ROOT / 'Makefile'}' check VENV='{ROOT / '.venv'}'; echo \"then $?\""
    pid, terminal = pty.fork()
    if pid == 0:  # the child: a shell at a prompt, with the signals a terminal gives it (Python ignores SIGPIPE)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        os.execvp("bash", ["bash", "--norc", "--noprofile", "-i", "-c", line])
    output = b""
    while True:
        try:
            chunk = os.read(terminal, 65536)
        except OSError:  # the shell has ended
            break
        if not chunk:
            break
        output += chunk
    os.waitpid(pid, 0)
    lines = output.decode().replace("\r", "").rstrip().split("\n")
    assert lines[-2] == "1 error in 1 file" and lines[-1].startswith("then "), lines[-3:]
    assert int(lines[-1].removeprefix("then ")) != 0
    assert not any("***" in text or "Error" in text for text in lines), lines[-3:]


# Duplicate titles, and the draft + publish_date rule


def test_two_entries_with_the_same_title_name_both_files(project):
    project.write("content/case-studies/preston-model.md", case_study("The Preston Model"))
    problem = only_problem(project, "content/case-studies/the-preston-model.md", case_study("the  Preston model"))
    assert (problem.line, problem.col, problem.field) == (2, 8, "title")
    assert "also the title of content/case-studies/preston-model.md" in problem.message
    assert "its own title" in problem.hint


def test_the_same_title_in_two_kinds_of_content_is_allowed(project):
    project.write("content/case-studies/local-spend-story.md", case_study(
        "Increase local spend to invest in the local economy"))
    assert project.load().problems == []


def test_draft_true_with_a_publish_date_says_draft_wins(project):
    project.write(CASE, case_study(date_added="date_added: 2026-11-26\ndraft: true\npublish_date: 2027-03-01"))
    site = project.load()
    assert site.problems == [] and "broken" not in {e.slug for e in site.entries}
    notes = [n for n in site.notes if n.path == CASE]
    assert [(n.line, n.col, n.field) for n in notes] == [(12, 15, "publish_date")]
    assert "scheduled for 1 March 2027, but draft: true keeps it unpublished" in notes[0].message
    assert "set draft: false" in notes[0].hint


def test_the_rule_for_draft_and_publish_date_is_in_the_field_reference_and_the_guide():
    from conftest import ROOT

    from keepitlocal.schema.collections import COLLECTIONS

    for collection in COLLECTIONS.values():
        properties = collection.schema["properties"]
        assert "draft: true always wins" in properties["draft"]["description"]
        assert "draft: true keeps the page unpublished whatever the date" in properties["publish_date"]["description"]
    assert "`draft: true` always wins" in (ROOT / "docs/staff/index.md").read_text("utf-8")


# Links and images in stories


def story(*lines: str) -> str:
    """The test case study with its story replaced by `lines` (the story starts on line 17)."""
    return case_study().replace("The story of what happened.\n", "\n".join(lines) + "\n")


def test_a_link_to_a_missing_content_file_lists_the_closest_names(project):
    project.write("content/case-studies/preston-model.md", case_study("The Preston Model"))
    problem = only_problem(project, CASE, story("Read about [Preston](preston-modle.md)."))
    assert (problem.line, problem.col, problem.field) == (17, 22, "text")
    assert "there is no case study preston-modle.md in content/case-studies/" in problem.message
    assert "did you mean 'preston-model'?" in problem.hint


def test_a_link_to_a_draft_from_a_published_entry_is_reported(project):
    project.write("content/case-studies/new-one.md", case_study("New one", date_added="date_added: 2026-11-26\n"
                                                                "draft: true"))
    problem = only_problem(project, CASE, story("See [the new one](new-one.md)."))
    assert (problem.line, problem.col) == (17, 19)
    assert "content/case-studies/new-one.md, which is a draft or scheduled for later" in problem.message


def test_a_link_to_a_missing_heading_anchor_is_reported_with_the_anchors_there_are(project):
    project.write("content/principles/local-spend.md", PRINCIPLE.format(number=3).replace(
        "Why local spend matters.", "## Why it matters\n\nBecause.\n\n## What a council can do on Monday\n\nThis."))
    text = story("See [why](../principles/local-spend.md#why-it-maters) and [what](../principles/local-spend.md"
                 "#what-a-council-can-do-on-monday) and [here](#nowhere).", "", "## Here")
    found = problems_of(project, CASE, text)
    assert [(p.line, p.col) for p in found] == [(17, 11), (17, 139)], found
    assert "no heading with the anchor #why-it-maters" in found[0].message
    assert "did you mean 'why-it-matters'?" in found[0].hint
    assert "#nowhere" in found[1].message and "here" in found[1].hint


def test_anchors_of_generated_headings_are_found(project):
    project.write("content/case-studies/other.md", case_study("Other one"))
    project.write(CASE, story("See [its sources](other.md#sources)."))
    assert project.load().problems == []


@pytest.mark.parametrize("line, col, words, fix", [
    ("![](../images/photo.jpg)", 5, "has no alt text", "![a short description](../images/photo.jpg)"),
    ("![A photo](../images/foto.jpg)", 12, "there is no image file docs/images/foto.jpg", "../images/photo.jpg"),
    ("![A photo](https://example.org/photo.jpg)", 12, "from another website", "docs/images/"),
    ('<img src="../images/photo.jpg">', 1, "has no alt text", "describe the picture"),
])
def test_images_in_a_story_are_checked(project, line, col, words, fix):
    project.write("docs/images/photo.jpg", b"\xff\xd8\xff")
    problem = only_problem(project, CASE, story(line))
    assert (problem.line, problem.col) == (17, col)
    assert words in problem.message and fix in problem.hint, str(problem)


def test_links_in_code_and_good_links_are_not_reported(project):
    project.write("docs/images/photo.jpg", b"\xff\xd8\xff")
    project.write("content/case-studies/other.md", case_study("Other one"))
    text = story("`[not a link](nowhere.md)`", "", "```", "[nor this](nowhere.md)", "```", "",
                 "[Other](other.md), [principle](../principles/local-spend.md), [site](https://example.org/x),",
                 "![A photo of a hub](../images/photo.jpg), [mail](mailto:a@example.org)")
    project.write(CASE, text)
    assert project.load().problems == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.sampled_from("[]()!#<>`/.-amd \n\"'*:"), max_size=60))
def test_random_link_like_text_ends_in_an_entry_or_a_positioned_problem(text):
    from keepitlocal.check.links import link_problems
    from keepitlocal.read.markdown import Converter, find_links

    converter = Converter(None)
    links = find_links(text, 17, converter.code_lines(text))
    for link in links:
        assert 17 <= link.line <= 17 + text.count("\n") and link.col >= 1
    converter.heading_ids(text)
    link_problems(CASE, "case-studies/broken.md", links, {}, set(), True, text)


def test_the_staff_guide_says_how_to_link_and_add_images():
    from conftest import ROOT

    guide = (ROOT / "docs/staff/index.md").read_text("utf-8")
    assert "## Links and images" in guide
    assert "(preston-model.md)" in guide and "../principles/local-spend.md" in guide
    assert "docs/images/" in guide and "alt text" in guide


# The preview


def test_a_preview_port_in_use_ends_in_one_line_naming_another_port():
    import socket
    import subprocess
    import sys

    from conftest import ROOT

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "tools/preview.py"), str(port)], capture_output=True,
                                text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert f"Port {port} is already in use" in result.stderr and f"make serve PORT={port + 1}" in result.stderr
    bad = subprocess.run([sys.executable, str(ROOT / "tools/preview.py"), "eighty"], capture_output=True, text=True,
                         timeout=60, check=False)
    assert bad.returncode == 2 and "is not a port number" in bad.stderr


def test_make_serve_takes_a_port():
    from conftest import ROOT

    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "PORT ?= 8000" in makefile and "tools/preview.py $(PORT)" in makefile
    # The address the preview prints (tests/browser/test_preview.py) is the one README gives.
    assert "http://127.0.0.1:8000/keep-it-local/ (the address it" in (ROOT / "README.md").read_text("utf-8")


# Hand-written pages in docs/: the settings at the top, links and images, generated-part markers

PAGE = """\
---
title: About the campaign
description: What the campaign asks of councils, and how it began.
---
# About

{body}
"""
ABOUT = "docs/about.md"


def page_problems(project, rel: str, text: str):
    from keepitlocal.app.pipeline import check_hand_written

    project.write(rel, text)
    found, _ = check_hand_written(project.root, project.load())
    return [p for p in found if p.path == rel]


def only_page_problem(project, rel: str, text: str):
    found = page_problems(project, rel, text)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_a_hand_written_page_link_to_a_missing_content_file_lists_the_closest_names(project):
    project.write("content/case-studies/preston-model.md", case_study("The Preston Model"))
    text = PAGE.format(body="Read about [Preston](case-studies/preston-modle.md).")
    problem = only_page_problem(project, ABOUT, text)
    assert (problem.line, problem.col, problem.field) == (7, 22, "text")
    assert "there is no case study preston-modle.md in content/case-studies/" in problem.message
    assert "did you mean 'preston-model'?" in problem.hint


def test_a_hand_written_page_link_to_a_missing_heading_anchor_is_reported(project):
    project.write("content/principles/local-spend.md", PRINCIPLE.format(number=3).replace(
        "Why local spend matters.", "## Why it matters\n\nBecause."))
    text = PAGE.format(body="See [why](principles/local-spend.md#why-it-maters) and [the list](#nowhere).")
    found = page_problems(project, ABOUT, text)
    assert [(p.line, p.col) for p in found] == [(7, 11), (7, 67)], found
    assert "no heading with the anchor #why-it-maters" in found[0].message
    assert "did you mean 'why-it-matters'?" in found[0].hint
    assert "no heading with the anchor #nowhere on this page" in found[1].message and "about" in found[1].hint


def test_a_hand_written_page_image_that_is_missing_or_has_no_alt_text_is_reported(project):
    project.write("docs/images/photo.jpg", b"\xff\xd8\xff")
    found = page_problems(project, ABOUT, PAGE.format(body="![A photo](images/foto.jpg)\n\n![](images/photo.jpg)"))
    assert [(p.line, p.col) for p in found] == [(7, 12), (9, 5)], found
    assert "there is no image file docs/images/foto.jpg" in found[0].message and "images/photo.jpg" in found[0].hint
    assert "has no alt text" in found[1].message


def test_a_hand_written_page_link_to_a_draft_is_reported(project):
    project.write("content/case-studies/new-one.md", case_study("New one", date_added="date_added: 2026-11-26\n"
                                                                "draft: true"))
    problem = only_page_problem(project, ABOUT, PAGE.format(body="See [the new one](case-studies/new-one.md)."))
    assert (problem.line, problem.col) == (7, 19)
    assert "content/case-studies/new-one.md, which is a draft or scheduled for later" in problem.message


def test_links_to_generated_files_and_pages_from_a_hand_written_page_are_not_reported(project):
    # The field reference's headings carry their ids as {#id}: the build reads them with attr_list.
    project.write("mkdocs.yml", "markdown_extensions:\n  - attr_list\n")
    text = PAGE.format(body="[Data](case-studies.json), [feed](feed.xml), [schema](schemas/source.schema.json), "
                            "[fields](staff/field-reference.md#index-page-fields), [list](case-studies/index.md), "
                            "[its sources](case-studies/good-example.md#sources)")
    assert page_problems(project, ABOUT, text) == []


def test_an_unknown_marker_names_the_closest_part(project):
    problem = only_page_problem(project, ABOUT, PAGE.format(body="<!-- keepitlocal:principals -->"))
    assert (problem.line, problem.col, problem.field) == (7, 1, "marker")
    assert "<!-- keepitlocal:principals --> names no part the site makes" in problem.message
    assert problem.hint.startswith("did you mean <!-- keepitlocal:principles -->?")
    assert "figures, principles, featured, events, news, councils, regions, briefing, council-count" in problem.hint


@pytest.mark.parametrize("line, col, words, fix", [
    ("The grid: <!-- keepitlocal:principles -->", 11, "must be on a line of its own", "a line by itself"),
    ("<!--keepitlocal: featured-->", 1, "is not written as the site reads it", "<!-- keepitlocal:featured -->"),
    ("<!-- KeepItLocal:Councils -->", 1, "names no part the site makes", "<!-- keepitlocal:councils -->"),
])
def test_a_marker_the_build_would_not_fill_is_reported(project, line, col, words, fix):
    problem = only_page_problem(project, ABOUT, PAGE.format(body=f"Text.\n\n{line}"))
    assert (problem.line, problem.col) == (9, col)
    assert words in problem.message and fix in problem.hint, str(problem)


def test_a_required_marker_deleted_from_its_page_is_reported(project):
    from keepitlocal.schema.parts import parts

    needed = [p for p in parts().values() if "index.md" in p.required_on]
    body = "\n\n".join(f"<!-- keepitlocal:{p.name} -->" for p in needed if p.name != "featured")
    problem = only_page_problem(project, "docs/index.md", PAGE.format(body=body))
    assert (problem.line, problem.col, problem.field) == (5, 1, "marker")
    assert "the line <!-- keepitlocal:featured --> is missing" in problem.message
    assert "featured case studies" in problem.message and "put the line back" in problem.hint


def test_markers_in_code_are_not_read(project):
    text = PAGE.format(body="Write `<!-- keepitlocal:principles -->` on a line of its own.\n\n```\n"
                            "<!-- keepitlocal:nothing -->\n```")
    assert page_problems(project, ABOUT, text) == []


@pytest.mark.parametrize("old, new, where, field, words", [
    ("description: What the campaign asks of councils, and how it began.\n", "", (2, 1), "description",
     "required field is missing"),
    ("title:", "titel:", (2, 1), "titel", "unknown field"),
    ("---\n# About", "hide: [tocs]\n---\n# About", (4, 8), "hide[1]", "is not one of the allowed values"),
    ("---\n# About", "template: homepage.html\n---\n# About", (4, 11), "template", "no page layout homepage.html"),
    ("title: About the campaign", 'title: "  "', (2, 8), "title", "only spaces"),
])
def test_the_settings_at_the_top_of_a_hand_written_page_are_checked(project, old, new, where, field, words):
    problem = only_page_problem(project, ABOUT, PAGE.format(body="Text.").replace(old, new, 1))
    assert (problem.line, problem.col, problem.field) == (*where, field), str(problem)
    assert words in problem.message, str(problem)
    assert problem.hint, str(problem)


def test_a_missing_layout_is_reported_on_a_page_with_sources_too(project):
    text = PAGE.format(body="A fact [@a-report].").replace(
        "---\n# About", "template: homepage.html\nsources:\n  - id: a-report\n    title: A report\n"
        "    url: https://example.org/a\n    publisher: Example\n---\n# About", 1)
    problem = only_page_problem(project, ABOUT, text)
    assert (problem.field, problem.line) == ("template", 4) and "no page layout homepage.html" in problem.message


def test_the_real_hand_written_pages_pass_and_every_marker_is_filled():
    from conftest import ROOT

    from keepitlocal.app.pipeline import check_hand_written, load_site
    from keepitlocal.render.home import FILLERS, inline_marker
    from keepitlocal.schema.parts import marker, parts

    assert check_hand_written(ROOT, load_site(ROOT))[0] == []
    assert set(FILLERS) == set(parts()), "every declared part has what fills it, and nothing else"
    inline = {p.name for p in parts().values() if p.inline}
    assert inline and all(inline_marker().fullmatch(marker(name)) for name in inline)


def test_make_check_reads_the_hand_written_pages(project):
    from keepitlocal.cli import run_check

    project.write(ABOUT, PAGE.format(body="<!-- keepitlocal:principals -->"))
    assert run_check(project.root) == 1
