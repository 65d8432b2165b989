"""A kind of content is declared as data: a folder, a schema, a declaration, and nothing else.

These tests declare a throwaway kind ("meetups") in a temporary project, with no Python, and
get checks, pages, a scaffold, the field reference and open data for it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builds import mkdocs_build, project_copy
from conftest import ROOT, Project

from keepitlocal.publish import exports
from keepitlocal.render.build import build_pages
from keepitlocal.schema.collections import COLLECTIONS, DeclarationError, collections_for
from keepitlocal.schema.reference import markdown as field_reference

DECLARATION = """\
meetups:
  label: meetup
  label_plural: Meetups
  schema: meetup.schema.json
  references:
    principles: principles
  unique: [starts]
  sort: [starts, title]
  example_title: Community commissioning webinar
  open_data: true
"""

MEETUP_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Meetup",
    "description": "Front-matter of a meetup in content/meetups/.",
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "starts", "place", "principles"],
    "properties": {
        "title": {"description": "What the meetup is called.", "type": "string", "minLength": 3,
                  "examples": ["Commissioning locally"]},
        "summary": {"description": "One sentence about it.", "type": "string", "minLength": 3,
                    "examples": ["An hour on local commissioning."]},
        "starts": {"description": "The day it takes place.", "type": "string",
                   "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "examples": ["2027-03-04"]},
        "place": {"description": "Where it is held.", "enum": ["Online", "Leeds", "London"],
                  "examples": ["Online"]},
        "principles": {"description": "The principles it is about.", "type": "array", "minItems": 1,
                       "items": {"type": "string"}, "examples": [["local-spend"]]},
        "draft": {"description": "Leave it out of the published site while true.", "type": "boolean",
                  "examples": [True]},
        "sources": {"description": "Where its facts come from.", "type": "array",
                    "items": {"$ref": "source.schema.json"}},
    },
}

MEETUP = """\
---
title: {title}
summary: An hour on keeping services local.
starts: {starts}
place: Online
principles: [local-spend]
---
What the meetup covers.
"""


def declare_meetups(project: Project) -> None:
    project.write("collections.yml", DECLARATION)
    project.write("schemas/meetup.schema.json", json.dumps(MEETUP_SCHEMA, indent=2))


@pytest.fixture
def meetups(project: Project) -> Project:
    declare_meetups(project)
    project.write("content/meetups/spring-webinar.md", MEETUP.format(title="Spring webinar", starts="2027-03-04"))
    project.write("content/meetups/winter-meeting.md", MEETUP.format(title="Winter meeting", starts="2027-01-20"))
    return project


def test_a_declared_kind_is_loaded_in_its_declared_order(meetups):
    site = meetups.load()
    assert site.problems == []
    assert [e.slug for e in site.entries_of("meetups")] == ["winter-meeting", "spring-webinar"]
    # The two kinds the site is built around are still there, by name and as before.
    assert [e.slug for e in site.case_studies] == ["good-example"]
    assert site.entries_of("principles") == site.principles
    meetup = site.get("meetups", "spring-webinar")
    assert [p.slug for p in site.referenced(meetup, "principles")] == ["local-spend"]
    assert [e.slug for e in site.referring(site.principles[0], "meetups", "principles")] == \
        ["winter-meeting", "spring-webinar"]


def test_mistakes_in_a_declared_kind_are_reported_at_their_lines(meetups):
    meetups.write("content/meetups/broken.md", """\
---
title: Broken
starts: next Tuesday
place: Manchester
principles: [local-spendd]
colour: red
---
Text.
""")
    meetups.write("content/meetups/again.md", MEETUP.format(title="Same day", starts="2027-01-20"))
    problems = [str(p) for p in meetups.load().problems]
    assert "content/meetups/broken.md:3:9: starts: 'next Tuesday' is not in the expected form " \
           "(for example: 2027-03-04)" in problems
    assert any(p.startswith("content/meetups/broken.md:4:8: place: 'Manchester' is not one of the allowed values")
               for p in problems), problems
    assert "content/meetups/broken.md:6:1: colour: unknown field (the fields allowed here are: title, summary, " \
           "starts, place, principles, draft, sources)" in problems
    # References and unique values follow the declaration, not the schema.
    assert any(p.startswith("content/meetups/again.md:4:9: starts: 2027-01-20 is also used by "
                            "content/meetups/winter-meeting.md") for p in problems), problems
    assert any(p.startswith("content/meetups/winter-meeting.md:4:9: starts: 2027-01-20 is also used by "
                            "content/meetups/again.md") for p in problems), problems


def test_reference_to_a_missing_entry_is_found_in_a_declared_kind(meetups):
    meetups.write("content/meetups/lost.md", MEETUP.format(title="Lost", starts="2027-05-01")
                 .replace("[local-spend]", "[local-spendd]"))
    problems = [str(p) for p in meetups.load().problems]
    assert problems == ["content/meetups/lost.md:6:14: principles[1]: there is no principle 'local-spendd' "
                        "(did you mean 'local-spend'?)"]


def test_drafts_of_a_declared_kind_are_left_out_and_placeholders_refused(meetups):
    meetups.write("content/meetups/later.md", MEETUP.format(title="Later", starts="2027-06-01")
                 .replace("place: Online", "place: Online\ndraft: true"))
    site = meetups.load()
    assert site.problems == [] and "content/meetups/later.md" in site.left_out
    assert "later" not in [e.slug for e in site.entries_of("meetups")]
    meetups.write("content/meetups/later.md", MEETUP.format(title="REPLACE ME", starts="2027-06-01"))
    problems = [str(p) for p in meetups.load().problems]
    assert problems == ["content/meetups/later.md:2:8: title: still says REPLACE ME "
                        "(What the meetup is called; for example: Commissioning locally)"]


def test_a_declared_kind_gets_an_index_page_and_a_page_per_entry(meetups):
    site = meetups.load()
    pages = {page.src_uri: page for page in build_pages(site)}
    index = pages["meetups/index.md"]
    assert index.title == "Meetups"
    assert index.expanded().index("Winter meeting") < index.expanded().index("Spring webinar")
    assert 'href="spring-webinar/"' in index.expanded()
    page = pages["meetups/spring-webinar.md"]
    assert page.title == "Spring webinar"
    assert page.edit_path == "content/meetups/spring-webinar.md"
    assert "What the meetup covers." in page.expanded()
    assert '<p class="kil-lead">An hour on keeping services local.</p>' in page.expanded()
    # The kinds the site already had keep their pages.
    assert {"principles/index.md", "case-studies/index.md", "case-studies/good-example.md"} <= set(pages)


def test_text_from_a_declared_kind_is_escaped_on_its_pages(meetups):
    meetups.write("content/meetups/spring-webinar.md",
                 MEETUP.format(title='"<script>alert(1)</script>"', starts="2027-03-04"))
    pages = {page.src_uri: page for page in build_pages(meetups.load())}
    assert "<script>" not in pages["meetups/index.md"].expanded()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["meetups/index.md"].expanded()


def test_a_kind_without_pages_gets_none(meetups):
    meetups.write("collections.yml", DECLARATION + "  pages: false\n")
    assert not [page for page in build_pages(meetups.load()) if page.src_uri.startswith("meetups/")]


def test_a_declared_kind_is_in_the_field_reference_and_open_data(meetups):
    site = meetups.load()
    reference = field_reference(collections_for(meetups.root))
    assert "## Meetup fields {#meetup-fields}" in reference
    assert "`make new-meetup TITLE=\"...\"`" in reference
    assert "A list of principle names: file names in content/principles/ without .md" in reference
    files = exports.render_all(site, "https://example.org/", "Keep it Local")
    data = json.loads(files["meetups.json"])
    assert [record["slug"] for record in data["meetups"]] == ["winter-meeting", "spring-webinar"]
    assert data["fields"][:3] == ["slug", "url", "title"]
    assert files["meetups.csv"].splitlines()[0].lstrip("\ufeff").startswith("slug,url,title,summary,starts")
    # The site's own files are still made as before.
    assert {"feed.xml", "case-studies.json", "case-studies.csv"} <= set(files)


def run(*args: str, root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keepitlocal", *args, "--root", str(root)], capture_output=True,
                          text=True, timeout=60, check=False)


def test_new_makes_a_draft_of_a_declared_kind_that_the_check_holds_back(meetups):
    meetups.write("content/principles/_index.md", "---\ntitle: Principles\ndescription: The principles, and the "
                  "case studies behind them.\n---\nIntroduction.\n")
    made = run("new", "meetup", "Commissioning in Leeds", root=meetups.root)
    assert made.returncode == 0, made.stderr
    path = meetups.root / "content/meetups/commissioning-in-leeds.md"
    text = path.read_text("utf-8")
    assert "draft: true" in text and "title: Commissioning in Leeds" in text
    assert "# Required. One of: Online, Leeds, London." in text
    assert "Names you can use: local-spend." in text
    checked = run("check", root=meetups.root)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    fields = set(re.findall(r"^content/meetups/commissioning-in-leeds\.md:\d+:\d+: (\w+)\S*: .*still says REPLACE ME",
                            checked.stderr, re.MULTILINE))
    assert fields == {"starts", "place", "principles", "text"}, checked.stderr
    wrong = run("new", "meeting", "Anything", root=meetups.root)
    assert wrong.returncode == 2 and "invalid choice: 'meeting'" in wrong.stderr and "'meetup'" in wrong.stderr


def test_make_new_works_for_any_declared_kind():
    dry = subprocess.run(["make", "-n", "new-meetup", "TITLE=Spring webinar"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60, check=False, env={**os.environ, "MAKEFLAGS": ""})
    assert dry.returncode == 0, dry.stderr
    assert "-m keepitlocal new meetup" in dry.stdout


@pytest.mark.parametrize("declaration, expected", [
    (DECLARATION.replace("  label: meetup\n", "  label: meetup\n  colour: blue\n"),
     "collections.yml:3:3: meetups.colour: unknown field: colour"),
    (DECLARATION.replace("schema: meetup.schema.json", "schema: evnt.schema.json"),
     "collections.yml:4:11: meetups.schema: there is no schema file evnt.schema.json (put it in schemas/)"),
    (DECLARATION.replace("sort: [starts, title]", "sort: [-start]"),
     "collections.yml:8:9: meetups.sort: meetup.schema.json has no field 'start' (check the spelling)"),
    (DECLARATION.replace("principles: principles", "principles: principals"),
     "collections.yml:1:1: meetups.references: principles names 'principals', which is not a kind of content"),
    (DECLARATION.replace("meetups:", "principles:"),
     "collections.yml:1:1: principles: 'principles' is already a kind of content"),
    (DECLARATION.replace("  open_data: true", "  open_data: yes please"),
     "collections.yml:10:14: meetups.open_data: 'yes please' is not of type 'boolean'"),
])
def test_mistakes_in_a_declaration_are_reported_at_their_lines(project, declaration, expected):
    declare_meetups(project)
    project.write("collections.yml", declaration)
    problems = [str(p) for p in project.load().problems]
    assert any(p.startswith(expected) for p in problems), problems
    with pytest.raises(DeclarationError):
        collections_for(project.root)


def test_the_site_declares_its_kinds_as_data():
    assert list(COLLECTIONS)[:2] == ["principles", "case-studies"]
    assert COLLECTIONS["case-studies"].references == {"principles": "principles", "related": "case-studies"}
    assert COLLECTIONS["principles"].unique == ("number", "short_title")
    assert COLLECTIONS["councils"].unique == ("gss_code",)
    assert COLLECTIONS["news"].data_references == {"author": "authors.yml"}
    for collection in COLLECTIONS.values():
        text = (ROOT / "keepitlocal/schemas" / collection.schema_file).read_text("utf-8")
        assert "x-references" not in text and "x-unique" not in text  # one place says it: the declaration


def test_a_declared_kind_is_built_into_the_site(tmp_path):
    (tmp_path / "project").mkdir()
    root = project_copy(tmp_path / "project", content=True)
    project = Project(root)
    declare_meetups(project)
    project.write("content/meetups/spring-webinar.md", MEETUP.format(title="Spring webinar", starts="2027-03-04"))
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/meetups/spring-webinar/index.html").read_text("utf-8")
    assert "<h1" in page and "Spring webinar" in page and "What the meetup covers." in page
    assert "content/meetups/spring-webinar.md" in page  # the edit link opens the content file
    assert "Spring webinar" in (tmp_path / "site/meetups/index.html").read_text("utf-8")
    assert "## Meetup fields" not in page
    reference = (tmp_path / "site/staff/field-reference/index.html").read_text("utf-8")
    assert "Meetup fields" in reference
    assert json.loads((tmp_path / "site/meetups.json").read_text("utf-8"))["meetups"][0]["slug"] == "spring-webinar"
    assert (tmp_path / "site/schemas/meetup.schema.json").is_file()


def test_references_and_unique_fields_are_said_once_in_the_declaration(project):
    declare_meetups(project)
    schema = json.loads(json.dumps(MEETUP_SCHEMA))
    schema["properties"]["principles"]["items"]["x-references"] = "principles"
    project.write("schemas/meetup.schema.json", json.dumps(schema, indent=2))
    problems = [str(p) for p in project.load().problems]
    assert problems == ["collections.yml:4:11: meetups.schema: meetup.schema.json marks principles with x-references "
                        "(say it in the declaration (references:, unique:) instead)"]


def test_tools_that_read_schemas_see_the_declared_references():
    # The editor's form, for one, makes a reference field a choice of the entries it names.
    properties = COLLECTIONS["case-studies"].schema["properties"]
    assert properties["principles"]["items"]["x-references"] == "principles"
    assert properties["related"]["items"]["x-references"] == "case-studies"
    assert COLLECTIONS["principles"].schema["properties"]["number"]["x-unique"] is True
