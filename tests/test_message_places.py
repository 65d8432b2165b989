"""Each message stands at the line staff must change, and says what to type there: a field with
no ordinary space after its colon, a list longer than allowed, two files with the same value,
and an old address that already has its alias."""

from __future__ import annotations

import pytest
from conftest import ROOT, case_study, line_of, only_problem

CASE = "content/case-studies/broken.md"
NBSP = "\u00a0"


# A field with a non-breaking space or no space after its colon: YAML reads the line as one word
# and notices only on a later line (or past the end of the file). The message stands at the
# character after the colon, names the field, and says which character to type.
SPACE_AFTER_COLON = [
    ("a non-breaking space after a colon", case_study(summary=f"summary:{NBSP}Preston kept it local."), "3:9: summary",
     "is a non-breaking space", "delete that space and type an ordinary one: summary: Preston kept it local."),
    ("no space after a colon", case_study(summary="summary:Preston kept it local."), "3:9: summary",
     "there is no space after 'summary:'", "put a space after the colon: summary: Preston kept it local."),
    ("on the first line", case_study(f"A{NBSP}title").replace("title: A", f"title:{NBSP}A", 1), "2:7: title",
     "is a non-breaking space", f"type an ordinary one: title: A{NBSP}title"),
    ("a narrow non-breaking space", case_study(place="place:\u202fTestshire County Council"), "5:7: place",
     "is a narrow non-breaking space", "type an ordinary one: place: Testshire County Council"),
    ("a thin space", case_study(place="place:\u2009Testshire County Council"), "5:7: place",
     "is an unusual space (U+2009)", "type an ordinary one: place: Testshire County Council"),
    ("an invisible zero-width space", case_study(place="place:\u200bTestshire County Council"), "5:7: place",
     "is an invisible zero-width space", "type an ordinary one: place: Testshire County Council"),
    ("the last field of the file", case_study().replace("    date: 2020-05-01", f"    date:{NBSP}2020-05-01"),
     "15:10: date", "is a non-breaking space", "type an ordinary one: date: 2020-05-01"),
    ("in a list item", case_study().replace("  - title: A report", f"  - title:{NBSP}A report"), "12:11: title",
     "is a non-breaking space", "type an ordinary one: title: A report"),
    ("before a list", case_study(services=f"services:{NBSP}\n  - procurement"), "8:10: services",
     "is a non-breaking space", "delete that space: services:"),
    ("a value with a colon of its own", case_study(summary=f"summary:{NBSP}Preston: a model for others"),
     "3:9: summary", "is a non-breaking space", 'type an ordinary one: summary: "Preston: a model for others"'),
    ("no space, and a colon in the value", case_study(summary="summary:Preston: a model for others"), "3:9: summary",
     "there is no space", 'put a space after the colon: summary: "Preston: a model for others"'),
    ("a web address with no space", case_study().replace("url: https://", "url:https://"), "13:9: url",
     "there is no space after 'url:'", "put a space after the colon: url: https://example.org/report"),
]


@pytest.mark.parametrize("name, text, where, message, hint", SPACE_AFTER_COLON, ids=[c[0] for c in SPACE_AFTER_COLON])
def test_a_field_without_an_ordinary_space_after_its_colon_is_named_at_that_character(project, name, text, where,
                                                                                        message, hint):
    problem = only_problem(project, CASE, text)
    assert str(problem).startswith(f"{CASE}:{where}: "), str(problem)
    line, col = map(int, where.split(":")[:2])
    assert text.split("\n")[line - 1][col - 2] == ":", "the column is the character after the colon"
    assert message in problem.message and problem.hint.endswith(hint), str(problem)


def test_the_fix_the_message_gives_is_accepted(project):
    for name, text, *_ in SPACE_AFTER_COLON:
        problem = only_problem(project, CASE, text)
        lines = text.split("\n")
        line = lines[problem.line - 1]
        at = problem.col - 1
        typed = line[at] in (NBSP, "\u202f", "\u2009", "\u200b")
        lines[problem.line - 1] = line[:at] + " " + line[at + 1 if typed else at:]
        fixed = "\n".join(lines)
        if "Preston: a model" in fixed:  # the hint puts such a value in quotes too
            fixed = fixed.replace("summary: Preston: a model for others", 'summary: "Preston: a model for others"')
        project.write(CASE, fixed)
        assert [str(p) for p in project.load().problems] == [], name


def test_a_colon_in_the_text_of_a_long_value_is_never_blamed_for_another_mistake(project):
    # `see:this` carries on the value above it, and is valid; the mistake is the tab further down.
    text = case_study(summary="summary: A council kept its services local,\n  see:this and more.",
                      services="services:\n\t- procurement")
    problem = only_problem(project, CASE, text)
    assert (problem.line, problem.col) == (line_of(text, "- procurement"), 1) and "tab" in problem.message


def test_the_settings_and_data_files_say_the_same(project):
    project.write("content/site.yml", f"call_to_action:{NBSP}Join us\n")
    [problem] = [p for p in project.load().problems if p.path == "content/site.yml"]
    assert (problem.line, problem.col, problem.field) == (1, 16, "call_to_action"), str(problem)
    assert "non-breaking space" in problem.message


# Too many figures: how many are allowed, and which to remove, never the list as data.

def figures(count: int) -> str:
    return "key_figures:\n" + "\n".join(f"  - figure: '£{n + 1}m'\n    measures: money kept local\n"
                                        "    source: report" for n in range(count))


def with_key_figures(count: int) -> str:
    return case_study(date_added=f"date_added: 2026-11-26\n{figures(count)}").replace(
        "  - title: A report", "  - id: report\n    title: A report")


@pytest.mark.parametrize("count", [5, 6, 11])
def test_too_many_key_figures_say_how_many_are_allowed_and_which_to_remove(project, count):
    text = with_key_figures(count)
    problem = only_problem(project, CASE, text)
    first_extra = line_of(text, "- figure: '£5m'")
    assert (problem.line, problem.col, problem.field) == (first_extra, 5, "key_figures"), str(problem)
    assert problem.message == f"lists {count} key figures; at most 4 are allowed"
    named = [f"'£{n}m' (line {line_of(text, f'- figure: {chr(39)}£{n}m')})" for n in range(5, min(count, 9) + 1)]
    assert problem.hint.startswith(f"remove {count - 4}, such as the last")
    assert all(item in problem.hint for item in named), problem.hint
    assert ("2 more" in problem.hint) == (count == 11), problem.hint
    assert len(str(problem)) < 300 and "{" not in str(problem), "never the list as data"


def test_four_key_figures_are_allowed(project):
    project.write(CASE, with_key_figures(4))
    assert project.load().problems == []


def test_too_many_briefing_figures_say_how_many_are_allowed_and_which_to_remove(project):
    text = (ROOT / "content/briefing.yml").read_text("utf-8")
    lines = text.split("\n")
    first = lines.index("figures:") + 1
    end = next(i for i in range(first + 1, len(lines)) if lines[i].startswith("  - "))
    figure = lines[first:end]  # the first figure, copied twice with figures of their own
    extra = [line.replace('"£148m"', f'"£{n}bn"') for n in (1, 2) for line in figure]
    lines[end:end] = extra
    project.write("content/briefing.yml", "\n".join(lines))
    [problem] = [p for p in project.load().problems if p.path == "content/briefing.yml"]
    count = sum(line.startswith("  - figure: ") for line in lines)
    assert count > 5 and problem.field == "figures"
    assert problem.message == f"lists {count} figures; at most 5 are allowed"
    at = [number for number, line in enumerate(lines, 1) if line.startswith("  - figure: ")]
    assert (problem.line, problem.col) == (at[5], 5)
    assert problem.hint.endswith(f"(line {at[-1]})") and len(str(problem)) < 300, str(problem)
