"""Each message stands at the line staff must change, and says what to type there: a field with
no ordinary space after its colon, a list longer than allowed, two files with the same value,
and an old address that already has its alias."""

from __future__ import annotations

import shutil
import time

import conftest
import pytest
from conftest import PRINCIPLE, ROOT, Project, case_study, line_of, only_problem

from keepitlocal.app.pipeline import load_site
from keepitlocal.check import renames
from keepitlocal.model import addresses
from keepitlocal.model.network import ENGLISH_REGIONS
from keepitlocal.read.frontmatter import read_document
from keepitlocal.schema.collections import site_kinds

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


# Two files with one value: both are reported, each naming the other, for staff may have
# changed either. A file published before (its address in content/published-addresses.txt) is
# the existing one: the new file is told to change its own value, the existing one which file is new.

def published(project, *addresses: str) -> None:
    project.write("content/published-addresses.txt", "".join(f"{a}\n" for a in addresses))


def problems_at(project) -> dict:
    return {p.path: p for p in project.load().problems}


def test_the_same_title_is_reported_at_the_new_file_and_at_the_published_one(project):
    published(project, "/case-studies/good-example/", "/principles/local-spend/")
    new = "content/case-studies/new-one.md"
    project.write(new, case_study("a  GOOD example"))
    found = problems_at(project)
    assert set(found) == {"content/case-studies/good-example.md", new}
    at_new, at_old = found[new], found["content/case-studies/good-example.md"]
    assert (at_new.line, at_new.col, at_new.field) == (2, 8, "title")
    assert at_new.message == ("'a  GOOD example' is already the title of content/case-studies/good-example.md, "
                              "so readers could not tell the two apart")
    assert at_new.hint == "give each case study its own title: this file is new, so change it here"
    assert (at_old.line, at_old.col, at_old.field) == (2, 8, "title")
    assert at_old.message == ("'A good example' is also the title of content/case-studies/new-one.md, "
                              "so readers could not tell the two apart")
    assert at_old.hint.startswith(f"give each case study its own title: change it in {new}, which is new")


def test_the_same_title_in_two_new_files_names_each_at_the_other(project):
    project.write("content/case-studies/new-one.md", case_study("A good example"))
    found = problems_at(project)
    assert found["content/case-studies/new-one.md"].message.startswith(
        "'A good example' is also the title of content/case-studies/good-example.md")
    assert found["content/case-studies/good-example.md"].hint == (
        "give each case study its own title: change it here or in content/case-studies/new-one.md")


def test_a_unique_value_in_three_files_names_the_two_others_at_each(project):
    for name in ("two", "three"):
        project.write(f"content/principles/{name}.md", PRINCIPLE.format(number=3).replace(
            "Increase local spend", f"Number {name}, increase local spend"))
    found = problems_at(project)
    assert found["content/principles/two.md"].message == (
        "3 is also used by content/principles/local-spend.md and content/principles/three.md")
    assert (found["content/principles/two.md"].line, found["content/principles/two.md"].field) == (3, "number")
    assert len(found) == 3


# A renamed file that has its alias, with another mistake in it: the mistake is reported, and
# nothing asks for the alias it already has.

RENAMED = "content/case-studies/new-name.md"


def renamed(**replace) -> str:
    text = case_study("Renamed", **replace)
    return text.replace("title: Renamed", "title: Renamed\naliases: [old-name]", 1)


@pytest.mark.parametrize("mistake", [
    {"region": "region: Narnia"},  # a value the schema refuses
    {"principles": "principles: [no-such-principle]"},  # a reference to nothing
    {"summary": 'summary: "A council kept its services local'},  # fields that cannot be read
    {"summary": "summary:\u00a0A council kept its services local."},  # ditto, found by its colon
])
def test_a_renamed_file_with_its_alias_and_another_mistake_is_told_only_the_mistake(project, mistake):
    published(project, "/case-studies/old-name/", "/case-studies/good-example/")
    project.write(RENAMED, renamed(**mistake))
    problems = project.load().problems
    assert [p.path for p in problems] == [RENAMED], "\n".join(map(str, problems))
    assert "aliases" not in str(problems[0])


def test_a_renamed_file_with_a_mistake_and_no_alias_is_still_told_to_add_it(project):
    published(project, "/case-studies/old-name/", "/case-studies/good-example/")
    project.write(RENAMED, case_study("Renamed", region="region: Narnia"))
    problems = {p.path: p for p in project.load().problems}
    assert problems["content/published-addresses.txt"].hint.startswith(
        "add `aliases: [old-name]` to the file that replaces it")


# Councils: England's nine regions only, one file per council, and fields that agree.



def council(name="Calderdale Council", gss="E08000033", type="metropolitan borough",
            region="Yorkshire and the Humber") -> str:
    return conftest.council(name, gss, type, region)


@pytest.fixture
def network(project):
    project.write("content/councils/calderdale.md", council())
    assert project.load().problems == []
    return project


def test_the_network_takes_england_s_nine_regions_as_the_tiles_are():
    assert site_kinds()["councils"].schema["properties"]["region"]["enum"] == list(ENGLISH_REGIONS)


@pytest.mark.parametrize("region", ["Wales", "Scotland", "England-wide", "UK-wide", "north west"])
def test_a_council_outside_england_s_nine_regions_is_refused_at_its_region(network, region):
    text = council("Testborough Council", "E08000099", region=region)
    problem = only_problem(network, "content/councils/testborough.md", text)
    assert (problem.line, problem.col, problem.field) == (5, 9, "region"), str(problem)
    assert problem.message == f"'{region}' is not one of England's nine regions, which are the regions the " \
                              "network page shows"
    assert problem.hint == ("did you mean 'North West'?" if region == "north west" else
                            "use one of: North East, North West, Yorkshire and the Humber, East Midlands, "
                            "West Midlands, East of England, London, South East, South West")


@pytest.mark.parametrize("name, gss, field, line, col, message", [
    ("Calderdale Council", "E08000099", "name", 2, 7, "'Calderdale Council' is already the name of"),
    ("calderdale  council", "E08000099", "name", 2, 7, "'calderdale  council' is already the name of"),
    ("Calderdale Metropolitan Borough Council", "E08000033", "gss_code", 3, 11, "E08000033 is already used by"),
    ("Calderdale Council", "E08000033", "gss_code", 3, 11, "E08000033 is already used by"),
])
def test_a_second_file_for_a_council_in_the_network_is_refused_at_both_files(network, name, gss, field, line, col,
                                                                             message):
    published(network, "/network/calderdale/")
    new = "content/councils/calderdale-council.md"
    network.write(new, council(name, gss))
    found = problems_at(network)
    assert set(found) == {"content/councils/calderdale.md", new}, "\n".join(map(str, found.values()))
    at_new, at_old = found[new], found["content/councils/calderdale.md"]
    assert (at_new.line, at_new.col, at_new.field) == (line, col, field)
    assert at_new.message.startswith(f"{message} content/councils/calderdale.md")
    assert at_new.hint.endswith("this file is new, so change it here")
    assert (at_old.line, at_old.field) == (line, field) and new in at_old.message and new in at_old.hint


@pytest.mark.parametrize("gss, type, region, field, line, col, message, hint", [
    ("E06000033", "metropolitan borough", "Yorkshire and the Humber", "gss_code", 3, 11,
     "E06000033 is the code of a unitary (E06), but type says metropolitan borough, whose codes start E08",
     "write type: unitary"),
    ("E08000033", "unitary", "Yorkshire and the Humber", "gss_code", 3, 11,
     "E08000033 is the code of a metropolitan borough (E08), but type says unitary, whose codes start E06",
     "write type: metropolitan borough"),
    ("E07000033", "county", "South East", "gss_code", 3, 11,
     "E07000033 is the code of a district (E07), but type says county, whose codes start E10", "write type: district"),
    ("E10000033", "district", "South East", "gss_code", 3, 11,
     "E10000033 is the code of a county (E10), but type says district, whose codes start E07", "write type: county"),
    ("E09000033", "unitary", "London", "gss_code", 3, 11,
     "E09000033 is the code of a London borough (E09), but type says unitary, whose codes start E06",
     "write type: London borough"),
    ("E09000033", "London borough", "South East", "region", 5, 9, "a London borough is in London, not South East",
     "write region: London, or correct the type"),
    ("E06000033", "unitary", "London", "type", 4, 7, "every council in London is a London borough, not a unitary",
     "write type: London borough, or correct the region"),
])
def test_a_council_s_code_type_and_region_agree(network, gss, type, region, field, line, col, message, hint):
    text = council("Testborough Council", gss, type, region)
    problems = [p for p in (network.write("content/councils/testborough.md", text) and network.load().problems)
                if p.path == "content/councils/testborough.md"]
    [problem] = [p for p in problems if p.field == field]
    assert (problem.line, problem.col) == (line, col) and problem.message == message, str(problem)
    assert problem.hint.endswith(hint), str(problem)


@pytest.mark.parametrize("gss, type, region", [
    ("E06000014", "unitary", "Yorkshire and the Humber"), ("E07000235", "district", "West Midlands"),
    ("E08000004", "metropolitan borough", "North West"), ("E09000012", "London borough", "London"),
    ("E10000011", "county", "South East"),
])
def test_each_type_of_council_with_its_own_code_is_accepted(network, gss, type, region):
    network.write("content/councils/testborough.md", council("Testborough Council", gss, type, region))
    assert network.load().problems == []


# The network's councils as the Office for National Statistics codes them (ONS local authority
# lists, 2023 onwards): each council file holds its own code, type and region.
OFFICIAL = {
    "Bristol City Council": ("E06000023", "unitary", "South West"),
    "South Gloucestershire Council": ("E06000025", "unitary", "South West"),
    "City of York Council": ("E06000014", "unitary", "Yorkshire and the Humber"),
    "Cheshire West and Chester Council": ("E06000050", "unitary", "North West"),
    "Malvern Hills District Council": ("E07000235", "district", "West Midlands"),
    "Oldham Council": ("E08000004", "metropolitan borough", "North West"),
    "Wirral Council": ("E08000015", "metropolitan borough", "North West"),
    "Rotherham Metropolitan Borough Council": ("E08000018", "metropolitan borough", "Yorkshire and the Humber"),
    "Newcastle City Council": ("E08000021", "metropolitan borough", "North East"),
    "City of Bradford Metropolitan District Council": ("E08000032", "metropolitan borough", "Yorkshire and the Humber"),
    "Calderdale Council": ("E08000033", "metropolitan borough", "Yorkshire and the Humber"),
    "Kirklees Council": ("E08000034", "metropolitan borough", "Yorkshire and the Humber"),
    "Leeds City Council": ("E08000035", "metropolitan borough", "Yorkshire and the Humber"),
    "Wakefield Council": ("E08000036", "metropolitan borough", "Yorkshire and the Humber"),
    "Hackney Council": ("E09000012", "London borough", "London"),
    "Lewisham Council": ("E09000023", "London borough", "London"),
    "East Sussex County Council": ("E10000011", "county", "South East"),
}


def test_the_network_s_council_files_hold_their_official_codes():
    site = load_site(ROOT)
    held = {c.data["name"]: (c.data["gss_code"], c.data["type"], c.data["region"]) for c in site.entries_of("councils")}
    assert held == OFFICIAL


def test_too_many_actions_of_a_principle_name_them_by_title(project):
    actions = "actions:\n" + "".join(f"  - title: Action {n}.\n    text: Do the thing number {n} this week.\n"
                                     for n in range(1, 8))
    text = PRINCIPLE.format(number=2).replace("---\nWhy", actions + "---\nWhy")
    problem = only_problem(project, "content/principles/two.md", text)
    assert (problem.line, problem.col, problem.field) == (line_of(text, "- title: Action 6."), 5, "actions")
    assert problem.message == "lists 7 actions; at most 5 are allowed"
    assert problem.hint == (f"remove 2, such as the last 2: 'Action 6.' (line {line_of(text, '- title: Action 6.')}) "
                            f"and 'Action 7.' (line {line_of(text, '- title: Action 7.')})")


def test_too_many_groups_of_footer_links_name_them_by_title(project):
    site = (ROOT / "content/site.yml").read_text("utf-8")
    lines = site.split("\n")
    start = lines.index("footer_links:") + 1
    end = next(i for i in range(start, len(lines)) if lines[i] and not lines[i].startswith(" "))
    groups = "\n".join(lines[start:end]).split("\n  - title: ")
    first = "  - title: " + groups[1] if groups[0] == "" else groups[0]
    first_title = first.split("\n")[0].removeprefix("  - title: ")
    extra = [first.replace(f"title: {first_title}", f"title: Group {n}", 1) for n in range(6)]
    lines[end:end] = "\n".join(extra).split("\n")
    project.write("content/site.yml", "\n".join(lines))
    [problem] = [p for p in project.load().problems if p.path == "content/site.yml"]
    assert problem.field == "footer_links" and problem.message.endswith("; at most 6 are allowed"), str(problem)
    assert "'Group 5'" in problem.hint and "{" not in str(problem), str(problem)


@pytest.mark.audit
def test_many_lines_with_a_colon_and_a_mistake_at_the_end_are_read_quickly():
    text = "---\nsummary: start\n" + "".join(f"  see:this{n}\n" for n in range(4_000)) + "  bad: x\n---\nText.\n"
    started = time.perf_counter()
    [problem] = read_document(text.encode(), CASE).problems
    assert problem.line == 4_003 and time.perf_counter() - started < 0.5


def test_an_empty_group_that_must_hold_one_says_so(project):
    project.write("content/authors.yml", "authors: []\n")
    [problem] = [p for p in project.load().problems if p.path == "content/authors.yml"]
    assert str(problem) == ("content/authors.yml:1:10: authors: must list at least 1 "
                            "(add one, as the field reference shows)")


@pytest.mark.parametrize("mistake", [
    {"region": "region: Narnia"},
    {"summary": 'summary: "A council kept its services local'},
])
def test_against_the_base_branch_a_renamed_file_with_its_alias_and_a_mistake_is_told_only_the_mistake(
        tmp_path, mistake):
    base = Project(tmp_path / "base")
    base.write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
    base.write("content/case-studies/old-name.md", case_study("Old title"))
    shutil.copytree(base.root, tmp_path / "head")
    head = Project(tmp_path / "head")
    (head.root / "content/case-studies/old-name.md").unlink()
    head.write(RENAMED, renamed(**mistake))  # a new title too: git would not call it a rename
    site = head.load()
    listed, _ = addresses.read_list(head.root)
    found = renames.base_problems(renames.published(base.load()), site, set(listed), {})
    assert found == [] and [p.path for p in site.problems] == [RENAMED], "\n".join(map(str, found + site.problems))
