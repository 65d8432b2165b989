"""Renames checked against the branch a change is merged into: an address the base branch
published that the change neither publishes nor keeps as an alias is refused at the file that
made it, and so is a changed event id, though no local build ever wrote the list of addresses.
The pull request's comment lists each problem with a link to its line."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import PRINCIPLE, Project, case_study, line_of
from synthetic_events import event

from keepitlocal.check.renames import base_problems, published
from keepitlocal.cli import main
from keepitlocal.model import addresses
from keepitlocal.staff.pr_comment import MARKER, comment_text

STUDY = "content/case-studies/good-example.md"
EVENT = "content/events/the-meeting.md"


def with_aliases(text: str, *aliases: str) -> str:
    head, rest = text.split("\n", 2)[:2], text.split("\n", 2)[2]
    return "\n".join([*head, "aliases: [" + ", ".join(aliases) + "]", rest])


def meeting(title="The meeting", id="the-meeting-2027", **replace) -> str:
    return event(title, id=id, case_studies=None, **replace)


def base_project(root: Path) -> Project:
    p = Project(root)
    p.write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
    p.write(STUDY, case_study("A good example"))
    p.write(EVENT, meeting())
    return p


@pytest.fixture
def base_and_head(tmp_path):
    """Two versions of a project: the base branch's and a change's (a copy to edit)."""
    base = base_project(tmp_path / "base")
    shutil.copytree(base.root, tmp_path / "head")
    return base, Project(tmp_path / "head")


def compare(base: Project, head: Project, renamed: dict | None = None) -> list:
    site = head.load()
    listed, _ = addresses.read_list(head.root)
    base_listed, _ = addresses.read_list(base.root)
    return base_problems(published(base.load(), set(base_listed)), site, set(listed), renamed or {})


def move(project: Project, old: str, new: str, text: str | None = None) -> str:
    text = (project.root / old).read_text("utf-8") if text is None else text
    (project.root / old).unlink()
    project.write(new, text)
    return text


# What the change does to what the base published (no git: the comparison itself)


def test_a_renamed_page_without_an_alias_is_refused_at_the_renamed_file(base_and_head):
    base, head = base_and_head
    text = move(head, STUDY, "content/case-studies/better-name.md")
    [problem] = compare(base, head, {STUDY: "content/case-studies/better-name.md"})
    assert (problem.path, problem.line, problem.field) == ("content/case-studies/better-name.md",
                                                           line_of(text, "title:"), "aliases")
    assert problem.message == ("this page was published at /case-studies/good-example/ (as "
                               f"{STUDY}), and no page or alias has that address now, so links to it would break")
    assert problem.hint == "add a line  aliases: [good-example]"


def test_a_renamed_page_is_found_by_its_title_when_git_does_not_say(base_and_head):
    base, head = base_and_head
    move(head, STUDY, "content/case-studies/better-name.md")
    [problem] = compare(base, head)
    assert problem.path == "content/case-studies/better-name.md"


def test_a_renamed_page_with_its_alias_passes(base_and_head):
    base, head = base_and_head
    move(head, STUDY, "content/case-studies/better-name.md", with_aliases(case_study("A good example"),
                                                                          "good-example"))
    assert compare(base, head) == []


def test_a_second_rename_names_the_aliases_already_there(base_and_head):
    base, head = base_and_head
    base.write(STUDY, with_aliases(case_study("A good example"), "older-name"))
    head.write(STUDY, with_aliases(case_study("A good example"), "older-name"))
    text = move(head, STUDY, "content/case-studies/better-name.md")
    [problem] = compare(base, head)
    assert problem.line == line_of(text, "aliases:")
    assert problem.hint == "add it to the aliases: aliases: [older-name, good-example]"


def test_a_page_moved_to_another_folder_is_told_to_give_the_full_old_address(base_and_head):
    base, head = base_and_head
    text = move(head, STUDY, "content/case-studies/better-name.md")
    head.write("content/case-studies/better-name.md", text)
    [problem] = compare(base, head, {STUDY: "content/case-studies/better-name.md"})
    assert "good-example" in problem.hint


def test_a_removed_page_is_refused_at_its_old_file_with_both_ways_out(base_and_head):
    base, head = base_and_head
    (head.root / STUDY).unlink()
    head.write("content/case-studies/other.md", case_study("Another example"))
    [problem] = compare(base, head)
    assert (problem.path, problem.line, problem.field) == (STUDY, 1, "file")
    assert "was published at /case-studies/good-example/, and this change removes it" in problem.message
    assert "aliases: [good-example]" in problem.hint and 'aliases: ["/case-studies/good-example/"]' in problem.hint
    assert f"add the line  /case-studies/good-example/ retired  to {addresses.LIST_FILE}" in problem.hint
    head.write(addresses.LIST_FILE, "/case-studies/good-example/ retired\n")
    assert compare(base, head) == []
    assert head.load().problems == []


def test_a_page_removed_from_the_list_of_addresses_in_the_same_change_is_retired_on_purpose(base_and_head):
    base, head = base_and_head
    base.write(addresses.LIST_FILE, "/case-studies/good-example/\n")
    (head.root / STUDY).unlink()
    head.write(addresses.LIST_FILE, "# retired\n")
    head.write("content/case-studies/other.md", case_study("Another example"))
    assert compare(base, head) == []


def test_an_address_still_on_the_list_is_reported_once_at_the_list(base_and_head):
    base, head = base_and_head
    base.write(addresses.LIST_FILE, "/case-studies/good-example/\n")
    head.write(addresses.LIST_FILE, "/case-studies/good-example/\n")
    move(head, STUDY, "content/case-studies/better-name.md")
    assert compare(base, head) == []
    assert [p.path for p in head.load().problems] == [addresses.LIST_FILE]


def test_a_published_page_made_a_draft_again_is_refused(base_and_head):
    base, head = base_and_head
    head.write(STUDY, case_study("A good example").replace("date_added:", "draft: true\ndate_added:"))
    [problem] = compare(base, head)
    assert (problem.path, problem.field) == (STUDY, "draft")
    assert "is now a draft or scheduled for later" in problem.message and "draft: false" in problem.hint
    head.write(addresses.LIST_FILE, "/case-studies/good-example/ retired\n")  # as the hint says
    assert compare(base, head) == [] and head.load().problems == []


def test_a_page_not_yet_published_on_the_base_may_be_renamed_freely(base_and_head):
    base, head = base_and_head
    base.write("content/case-studies/not-yet.md", case_study("Not yet").replace("date_added:", "draft: true\n"
                                                                                 "date_added:"))
    move(head, STUDY, "content/case-studies/better-name.md", with_aliases(case_study("A good example"),
                                                                          "good-example"))
    head.write("content/case-studies/renamed-draft.md", case_study("Not yet"))
    assert compare(base, head) == []


def test_a_changed_event_id_is_refused_at_the_id_with_the_old_one(base_and_head):
    base, head = base_and_head
    text = meeting(id="the-meeting-renamed")
    head.write(EVENT, text)
    [problem] = compare(base, head)
    assert (problem.path, problem.line, problem.field) == (EVENT, line_of(text, "id:"), "id")
    assert "published with the id 'the-meeting-2027'" in problem.message and "twice" in problem.message
    assert problem.hint == "put the old id back: id: the-meeting-2027"


def test_a_renamed_event_keeps_its_id_and_passes_and_a_new_id_in_a_renamed_file_is_caught(base_and_head):
    base, head = base_and_head
    new = "content/events/the-big-meeting.md"
    move(head, EVENT, new, meeting("The big meeting", id="the-meeting-2027", aliases="aliases: [the-meeting]"))
    assert compare(base, head) == []
    head.write(new, meeting("The big meeting", id="the-big-meeting", aliases="aliases: [the-meeting]"))
    [problem] = compare(base, head)
    assert (problem.path, problem.field) == (new, "id")


# The comment on the pull request


def test_the_comment_lists_each_problem_in_the_checks_words_with_a_link_to_its_line(base_and_head):
    base, head = base_and_head
    move(head, STUDY, "content/case-studies/better-name.md")
    (head.root / EVENT).unlink()
    problems = compare(base, head)
    text = comment_text(problems, "https://github.com/o/r/blob/abc123/", "https://github.com/o/r/blob/base99/",
                        removed={EVENT})
    assert text.startswith(MARKER + "\n") and "found 2 errors in 2 files" in text
    assert ("- [content/case-studies/better-name.md line 2](https://github.com/o/r/blob/abc123/content/"
            "case-studies/better-name.md#L2), aliases: this page was published at /case-studies/good-example/") in text
    assert (f"- [{EVENT} line 1](https://github.com/o/r/blob/base99/{EVENT}#L1), file: {EVENT} was published "
            "at /events/the-meeting/") in text
    assert "(add a line  aliases: [good-example])" in text


def test_the_comment_quotes_typed_words_without_notifying_anyone_or_breaking_its_list():
    from keepitlocal.base.problems import Problem

    text = comment_text([Problem("content/x.md", 3, 1, "title", "'@everyone\n- fake' is too short", "")], "")
    assert "@everyone" not in text and "\n- fake" not in text
    assert "`content/x.md line 3`, title: '@\u2060everyone - fake' is too short" in text


def test_the_comment_after_every_problem_is_fixed_says_so():
    assert comment_text([], "https://github.com/o/r/blob/abc/") == (
        MARKER + "\n**The check finds no problems now.** Thank you: the earlier ones are fixed.\n")


def test_a_long_list_is_cut_short_and_counted():
    from keepitlocal.base.problems import Problem

    many = [Problem(f"content/x{i:03}.md", 1, 1, "title", "is missing") for i in range(130)]
    text = comment_text(many, "u/")
    assert text.count("\n- [") == 100 and "- and 30 more, listed in the log of the check" in text


# The command, against a real git history: a bare repository and two branches


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org",
           "GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(cwd)}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def clone(tmp_path, monkeypatch):
    """A clone of a bare repository whose main branch publishes the base project, on a new
    branch `change`: as a pull request's checkout has it. No list of addresses: no local build
    ever ran."""
    monkeypatch.setenv("HOME", str(tmp_path))
    first = base_project(tmp_path / "first").root
    git(first, "init", "-q", "-b", "main")
    git(first, "add", "-A")
    git(first, "commit", "-q", "-m", "First pages")
    git(tmp_path, "clone", "-q", "--bare", str(first), "origin.git")
    git(tmp_path, "clone", "-q", "origin.git", "work")
    work = tmp_path / "work"
    git(work, "switch", "-q", "-c", "change")
    return work


def test_the_check_against_the_base_branch_refuses_a_rename_and_writes_the_comment(clone, tmp_path, capsys):
    git(clone, "mv", STUDY, "content/case-studies/better-name.md")
    (clone / EVENT).write_text(meeting(id="a-new-id"), "utf-8")
    git(clone, "commit", "-q", "-am", "Rename")
    comment = tmp_path / "comment.md"
    assert main(["check", "--root", str(clone)]) == 0, "without the base, nothing is known of the old address"
    code = main(["check", "--root", str(clone), "--base", "origin/main", "--comment", str(comment),
                 "--links", "https://github.com/o/r/blob/abc/"])
    err = capsys.readouterr().err
    assert code == 1
    assert "content/case-studies/better-name.md:2:1: aliases: this page was published at " \
           f"/case-studies/good-example/ (as {STUDY})" in err
    assert f"{EVENT}:4:5: id: this event was published with the id 'the-meeting-2027'" in err
    text = comment.read_text("utf-8")
    assert "(https://github.com/o/r/blob/abc/content/case-studies/better-name.md#L2)" in text
    assert f"(https://github.com/o/r/blob/abc/{EVENT}#L4)" in text

    (clone / "content/case-studies/better-name.md").write_text(
        with_aliases(case_study("A good example"), "good-example"), "utf-8")
    (clone / EVENT).write_text(meeting(id="the-meeting-2027"), "utf-8")
    git(clone, "commit", "-q", "-am", "Keep the old address and id")
    assert main(["check", "--root", str(clone), "--base", "origin/main", "--comment", str(comment)]) == 0
    assert "finds no problems now" in comment.read_text("utf-8")


def test_a_base_that_cannot_be_found_is_said_in_words(clone, capsys):
    assert main(["check", "--root", str(clone), "--base", "origin/no-such-branch"]) == 1
    err = capsys.readouterr().err
    assert "could not compare this change with origin/no-such-branch" in err and "Traceback" not in err


def test_on_the_merge_commit_a_pull_request_is_checked_out_as_the_base_is_its_first_parent(clone, capsys):
    """The workflow checks out the pull request merged into its base and compares with HEAD^1."""
    git(clone, "rm", "-q", STUDY)
    git(clone, "commit", "-q", "-m", "Remove a page")
    git(clone, "switch", "-q", "--detach", "origin/main")
    git(clone, "merge", "-q", "--no-ff", "-m", "Merge the change", "change")
    assert main(["check", "--root", str(clone), "--base", "HEAD^1"]) == 1
    assert f"{STUDY}:1:1: file: {STUDY} was published at /case-studies/good-example/, and this change removes it" \
        in capsys.readouterr().err
