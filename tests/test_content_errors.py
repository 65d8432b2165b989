"""Every class of mistake a content author can make ends in one positioned, hinted problem."""

from __future__ import annotations

import pytest
from conftest import PRINCIPLE, case_study, only_problem

CASE = "content/case-studies/broken.md"


# (name, file text, expected line, column, field, words in the message, words in the hint)
BAD_CASE_STUDIES = [
    ("invalid YAML: value with an unquoted colon",
     case_study(summary="summary: Preston: a model for others"), 3, 17, "fields", "': '", "quotes"),
    ("invalid YAML: tab indentation",
     case_study(services="services:\n\t- procurement"), 9, 1, "fields", "tab", "spaces"),
    ("invalid YAML: unclosed quote",
     case_study(place='place: "Testshire County Council'), 5, 8, "fields", "quote", "closing quote"),
    ("invalid YAML: unclosed bracket",
     case_study(services="services: [procurement, local economy"), 8, 11, "fields", "[ ]", "]"),
    ("missing closing ---",
     case_study().replace("---\nThe story", "The story"), 1, 1, "fields", "never closed", "---"),
    ("no front-matter at all", "Just some text.\n", 1, 1, "fields", "does not start with its fields", "---"),
    ("front-matter is a list", "---\n- title\n- summary\n---\nText\n", 2, 1, "fields", "not a list",
     "field: value"),
    ("front-matter is a single value", "---\njust words\n---\nText\n", 2, 1, "fields", "not a single value",
     "field: value"),
    ("duplicate key", case_study(year="year: 2020\nyear: 2021"), 8, 1, "year", "twice (first on line 7)", "delete one"),
    ("unknown key, close to a known one", case_study(summary="summery: A council kept its services local and more."),
     3, 1, "summery", "unknown field", "did you mean 'summary'?"),
    ("unknown key, nothing close", case_study(year="year: 2020\nmood: sunny"), 8, 1, "mood", "unknown field",
     "allowed here are"),
    ("missing required field", case_study(place=None), 2, 1, "place", "required field is missing",
     "place: Preston City Council"),
    ("wrong type: text for a number", case_study(year="year: twenty"), 7, 7, "year", "whole number", ""),
    ("wrong type: quoted number", case_study(year='year: "2020"'), 7, 7, "year", "whole number",
     "without quotes: 2020"),
    ("wrong type: yes/no read as a boolean", case_study(place="place: no"), 5, 8, "place", "true or false",
     'put it in quotes, "no"'),
    ("wrong type: a list written as text", case_study(services="services: procurement"), 8, 11, "services",
     "should be a list", "[procurement]"),
    ("value not in the fixed list", case_study(region="region: North-West"), 6, 9, "region",
     "not one of the allowed values", "did you mean 'North West'?"),
    ("service not in the vocabulary", case_study(services="services: [procurement, bin collection]"), 8, 25,
     "services[2]", "not one of the allowed values", "use one of"),
    ("empty list", case_study(services="services: []"), 8, 11, "services", "at least 1", ""),
    ("repeated list item", case_study(services="services: [procurement, procurement]"), 8, 11, "services",
     "more than once", "remove"),
    ("source URL not http(s)",
     case_study().replace("url: https://example.org/report", "url: javascript:alert(1)"), 13, 10,
     "sources[1].url", "http:// or https://", ""),
    ("source missing its publisher", case_study().replace("    publisher: Example Council\n", ""), 12, 5,
     "sources[1].publisher", "required field is missing", "publisher:"),
    ("unknown key inside a source", case_study().replace("publisher:", "publsher:"), 14, 5, "sources[1].publsher",
     "unknown field", "did you mean 'publisher'?"),
    ("bad date", case_study(date_added="date_added: 26/11/2026"), 10, 13, "date_added", "YYYY-MM-DD", ""),
    ("unknown principle", case_study(principles="principles: [local-spending]"), 9, 14, "principles[1]",
     "there is no principle 'local-spending'", "did you mean 'local-spend'?"),
    ("unknown related case study", case_study(principles="principles: [local-spend]\nrelated: [god-example]"), 10, 11,
     "related[1]", "there is no case study 'god-example'", "did you mean 'good-example'?"),
    ("a case study related to itself", case_study(principles="principles: [local-spend]\nrelated: [broken]"), 10, 11,
     "related[1]", "cannot list itself", "remove"),
    ("summary too long", case_study(summary="summary: " + "x" * 301), 3, 10, "summary", "too long (301 characters",
     "shorten"),
    ("alias", case_study(place="place: &p Testshire\norganisations: [*p]"), 5, 8, "fields", "aliases", "in full"),
]


@pytest.mark.parametrize("name, text, line, col, field, message, hint", BAD_CASE_STUDIES,
                         ids=[case[0] for case in BAD_CASE_STUDIES])
def test_bad_case_study_is_reported_at_its_line_and_field(project, name, text, line, col, field, message, hint):
    problem = only_problem(project, CASE, text)
    assert (problem.line, problem.col, problem.field) == (line, col, field), str(problem)
    assert message in problem.message, str(problem)
    assert hint in problem.hint, str(problem)
    assert str(problem).startswith(f"{CASE}:{line}:{col}: {field}: ")


def test_file_that_is_not_utf8_names_the_line_and_byte(project):
    text = case_study().replace("The story", "The \u201cstory\u201d").encode("cp1252")
    problem = only_problem(project, CASE, text)
    assert (problem.line, problem.col, problem.field) == (17, 5, "file")
    assert "not UTF-8" in problem.message and "0x93" in problem.message
    assert "UTF-8" in problem.hint


def test_file_in_an_unknown_folder_is_an_error_with_a_suggestion(project):
    problem = only_problem(project, "content/case-study/wirral.md", case_study())
    assert (problem.line, problem.field) == (1, "file")
    assert "'case-study' is not a content folder" in problem.message
    assert "did you mean 'case-studies'?" in problem.hint


@pytest.mark.parametrize("rel, message, hint", [
    ("content/stray.md", "inside a collection folder", "content/case-studies/"),
    ("content/case-studies/2020/old.md", "cannot have sub-folders", "content/case-studies/"),
    ("content/case-studies/Wirral Hubs.md", "lowercase words joined by hyphens", "wirral-hubs.md"),
    ("content/case-studies/index.md", "reserved", "another file name"),
    ("content/case-studies/notes.markdown", "must end in .md", "notes.md"),
])
def test_misplaced_or_misnamed_files_are_errors(project, rel, message, hint):
    problem = only_problem(project, rel, case_study())
    assert message in problem.message and hint in problem.hint, str(problem)


def test_principle_numbers_must_be_unique(project):
    problem = only_problem(project, "content/principles/other.md", PRINCIPLE.format(number=3))
    assert (problem.line, problem.field) == (3, "number")
    assert problem.message == "3 is also used by content/principles/local-spend.md"


def test_principle_number_out_of_range(project):
    problem = only_problem(project, "content/principles/seventh.md", PRINCIPLE.format(number=7))
    assert (problem.line, problem.col, problem.field) == (3, 9, "number")
    assert "between 1 and 6" in problem.message


def test_all_problems_in_all_files_are_reported_together(project):
    project.write("content/case-studies/one.md", case_study(region="region: Narnia"))
    project.write("content/case-studies/two.md", case_study(year="year: soon", place=None))
    project.write("content/case-studies/three.md", "no front-matter")
    site = project.load()
    assert [(p.path, p.field) for p in site.problems] == [
        ("content/case-studies/one.md", "region"),
        ("content/case-studies/three.md", "fields"),
        ("content/case-studies/two.md", "place"),
        ("content/case-studies/two.md", "year"),
    ]
    assert [e.slug for e in site.case_studies] == ["good-example"]


@pytest.mark.parametrize("name, transform", [
    ("byte-order mark", lambda text: "\ufeff" + text),
    ("Windows line endings", lambda text: text.replace("\n", "\r\n")),
    ("old Mac line endings", lambda text: text.replace("\n", "\r")),
    ("trailing ... closes the front-matter", lambda text: text.replace("---\nThe story", "...\nThe story")),
])
def test_odd_but_valid_files_are_accepted(project, name, transform):
    project.write(CASE, transform(case_study()).encode("utf-8"))
    site = project.load()
    assert site.problems == []
    entry = site.get(site.case_studies[0].collection, "broken")
    assert entry.data["region"] == "North West" and entry.body.strip() == "The story of what happened."


def test_errors_after_a_byte_order_mark_and_crlf_keep_their_line_numbers(project):
    text = "\ufeff" + case_study(region="region: Narnia").replace("\n", "\r\n")
    problem = only_problem(project, CASE, text.encode("utf-8"))
    assert (problem.line, problem.col, problem.field) == (6, 9, "region")


def test_welsh_names_smart_quotes_and_non_breaking_spaces_are_kept(project):
    text = (case_study("Cyngor Sir Ynys Môn\u2019s \u201ccommunity\u201d hubs")
            .replace("place: Testshire County Council", "place: Ynys\u00a0Môn")
            .replace("region: North West", "region: Wales")
            .replace("date_added: 2026-11-26", "date_added: '2026-11-26'")
            .replace("    date: 2020-05-01", "    date: '2020-05'"))
    project.write(CASE, text)
    site = project.load()
    assert site.problems == []
    entry = next(e for e in site.case_studies if e.slug == "broken")
    assert entry.title == "Cyngor Sir Ynys Môn\u2019s \u201ccommunity\u201d hubs"
    assert entry.data["place"] == "Ynys\u00a0Môn"
    assert entry.data["date_added"] == "2026-11-26" and entry.data["sources"][0]["date"] == "2020-05"


def test_yaml_dates_and_quoted_dates_read_the_same(project):
    for written in ("date_added: 2026-11-26", "date_added: '2026-11-26'", 'date_added: "2026-11-26"'):
        project.write(CASE, case_study(date_added=written))
        site = project.load()
        assert site.problems == [] and site.case_studies[0].data["date_added"] == "2026-11-26", written


def test_a_load_is_shared_until_a_content_file_changes(project):
    first = project.load()
    assert project.load() is first
    project.write("content/case-studies/new-one.md", case_study("New one"))
    second = project.load()
    assert second is not first and len(second.case_studies) == 2
    (project.root / "content/case-studies/new-one.md").unlink()
    assert len(project.load().case_studies) == 1


# The YAML traps staff fall into most, each with the exact place and a fix to copy.
YAML_TRAPS = [
    ("colon in an unquoted title", case_study("Preston: a model"), "2:15: fields",
     "a value contains ': ' but is not in quotes", 'put the whole value in double quotes: title: "Preston: a model"'),
    ("colon in a source title", case_study().replace("  - title: A report", "  - title: Report: the model"),
     "12:18: fields", "': '", 'put the whole value in double quotes: - title: "Report: the model"'),
    ("colon and quotes in a summary", case_study(summary='summary: He said "no": and left'), "3:22: fields",
     "': '", r'put the whole value in double quotes: summary: "He said \"no\": and left"'),
    ("tab for indentation", case_study(services="services:\n\t- procurement"), "9:1: fields",
     "a tab character is used for indentation", "indent with spaces, never tabs"),
    ("unclosed double quote", case_study(place='place: "Testshire County Council'), "5:8: fields",
     "a quote is opened but never closed", "add the closing quote at the end of the value"),
    ("unclosed single quote", case_study(place="place: 'Testshire County Council"), "5:8: fields",
     "a quote is opened but never closed", "add the closing quote at the end of the value"),
    ("unclosed bracket", case_study(services="services: [procurement, local economy"), "8:11: fields",
     "a list in [ ] is not closed",
     "close the list with ], and quote items that contain commas or colons"),
    *[(f"{word} read as true/false", case_study(place=f"place: {word}"), "5:8: place", "should be text, not",
       f'YAML reads {word} as true/false: put it in quotes, "{word}"')
      for word in ("no", "yes", "on", "off", "No", "TRUE")],
]


@pytest.mark.parametrize("name, text, where, message, hint", YAML_TRAPS, ids=[trap[0] for trap in YAML_TRAPS])
def test_yaml_traps_name_the_line_and_say_how_to_fix_it(project, name, text, where, message, hint):
    problem = only_problem(project, CASE, text)
    assert str(problem).startswith(f"{CASE}:{where}: "), str(problem)
    assert message in problem.message and problem.hint == hint, str(problem)


def test_the_suggested_fix_for_a_colon_is_valid(project):
    project.write(CASE, case_study().replace("title: A test case study", 'title: "Preston: a model"'))
    site = project.load()
    assert site.problems == [] and "Preston: a model" in {c.title for c in site.case_studies}
