"""The browser editor at /admin/: its form is made from the schemas, and it is published only where
its GitHub token is safe."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import pytest
import yaml
from builds import mkdocs_build
from conftest import ROOT
from editor_samples import AWKWARD_TITLES

from keepitlocal.publish.search import indexed_pages
from keepitlocal.schema.collections import COLLECTIONS, INDEX_TEXT, SITE_WORDS, Collection, schema
from keepitlocal.schema.reference import fields
from keepitlocal.staff.editor import (
    CONNECT_HOSTS,
    DATE_PATTERN,
    IMAGE_HOSTS,
    EditorConfigError,
    editor_config,
    github_repository,
    shared_origin,
)
from tools import update_cms

CMS_SCHEMA = json.loads((ROOT / "vendor/sveltia-cms/schema/sveltia-cms.json").read_text("utf-8"))
CUSTOM_DOMAIN = "https://keepitlocal.example/"


def config(collections=None) -> dict:
    return editor_config(repo="locality/keep-it-local", site_url=CUSTOM_DOMAIN, app_title="Keep it Local",
                         collections=collections)


def form(cfg: dict, name: str) -> dict:
    return next(c for c in cfg["collections"] if c["name"] == name)


def by_name(form_fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in form_fields}


@dataclass(frozen=True)
class Edited(Collection):
    """A collection whose schema a test has changed."""

    edited: dict = field(default_factory=dict)

    @property
    def schema(self) -> dict:
        return self.edited


def edited(name: str, change) -> dict[str, Collection]:
    """The real collections, with `change(schema)` applied to a copy of one collection's schema."""
    collections = dict(COLLECTIONS)
    original = COLLECTIONS[name]
    doc = json.loads(json.dumps(original.schema))
    change(doc)
    collections[name] = Edited(original.name, original.label, original.label_plural, original.schema_file, doc)
    return collections


# The configuration against the editor's own schema


def test_the_configuration_is_valid_for_the_vendored_editor():
    validator = jsonschema.Draft7Validator(CMS_SCHEMA)
    errors = [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(config())]
    assert errors == []


def test_the_editors_schema_catches_a_misspelt_setting():
    """The validation above can fail: a misspelt widget option is refused."""
    cfg = config()
    form(cfg, "principles")["fields"][0]["minlenght"] = 3
    assert not jsonschema.Draft7Validator(CMS_SCHEMA).is_valid(cfg)


def test_new_entries_are_named_as_the_check_asks_and_published_ones_are_never_renamed_or_deleted():
    from keepitlocal.model.site import SLUG

    cfg = config()
    assert cfg["slug"] == {"encoding": "ascii", "clean_accents": True}
    for name, collection in COLLECTIONS.items():
        got = form(cfg, name)
        assert got["slug"]["template"] == "{{slug}}" and got["slug"]["editable"] == ["create"], name
        pattern = re.compile(got["slug"]["pattern"][0])
        for good in ("preston-model", "calderdale-2013"):
            assert pattern.match(good) and SLUG.match(good), name
        for bad in ("index", "childrens_centres", "Preston-Model", "-preston", "preston--model", "café"):
            assert not pattern.match(bad), (name, bad)
        assert got.get("delete", True) is (not collection.pages), name


# How the vendored editor makes a file name from a title (its `slugify`, with the options above).
# If an update of the editor changes any of these, the test below stops: read the new code and
# make editor.NAMED_BY_PATTERN and editor_slug() agree with it again.
SLUGIFY_CODE = [
    "gP=/[^\\w-~]/",  # in plain ASCII, letters, digits, _, - and ~ are kept, anything else is a space
    "if(a&&(d=tpe(d.normalize(`NFD`)",  # accents taken off first (clean_accents)
    "d=d.replaceAll(rpe[i===`ascii`?`ascii`:`unicode`],` `),d=d.trim().replaceAll(/\\s+/g,o)",
    "consecutivePattern:RegExp(`${e}+`,`g`),trimPattern:RegExp(`^${e}+|${e}+$`,`g`)",
    "d=d.replace(t.consecutivePattern,o),c&&(d=d.replace(t.trimPattern,``))",  # one hyphen, none at the ends
    "return!d&&t&&(d=Bl(`short`))",  # nothing left: a random name of hex digits
    "l&&(d=d.toLocaleLowerCase())",
]


def editor_slug(title: str) -> str:
    """The file name the editor makes from a title, as SLUGIFY_CODE does. Its transliteration
    makes more letters plain than taking accents off does ("ł" is "l"), and anything not ASCII
    left after it is dropped here as there, so the names may differ but never in what the check
    takes."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFD", title) if not unicodedata.combining(c))
    slug = re.sub(r"\s+", "-", re.sub(r"[^A-Za-z0-9_~-]", " ", plain).strip())
    return re.sub(r"-+", "-", slug).strip("-").lower() or "5f0c2e8a9b1d"




def test_the_vendored_editor_still_makes_file_names_that_way():
    script = (update_cms.VENDOR / "sveltia-cms.js").read_text("utf-8")
    assert [code for code in SLUGIFY_CODE if code not in script] == []


@pytest.mark.parametrize("title", AWKWARD_TITLES)
def test_a_title_the_form_takes_makes_a_file_name_the_check_takes(title):
    """And a title the form refuses is one that would make a name the check refuses: the
    form's rule is exactly the check's rule for file names, seen through the editor's slugging."""
    from keepitlocal.model.site import RESERVED_SLUGS, SLUG

    name = editor_slug(title)
    checked = bool(SLUG.match(name)) and name not in RESERVED_SLUGS
    for got in (c for c in config()["collections"] if "folder" in c):
        pattern, message = by_name(got["fields"])[got["identifier_field"]]["pattern"]
        assert bool(re.match(pattern, title)) is checked, (got["name"], title, name)
        assert "cannot hold _ or ~" in message


def test_the_picture_library_takes_what_the_check_takes_and_has_no_stock_photos():
    libraries = config()["media_libraries"]
    assert libraries["default"]["config"] == {"max_file_size": 5_000_000, "slugify_filename": True}
    assert libraries["stock_assets"] == {"providers": []}


def test_the_story_is_required_where_the_check_requires_it_and_its_hint_describes_the_story():
    from keepitlocal.check.story import story_required

    cfg = config()
    for name, collection in COLLECTIONS.items():
        body = by_name(form(cfg, name)["fields"])["body"]
        assert body["required"] is story_required(collection), name
        assert body["hint"] == collection.schema["x-story-description"], name
        assert "Front-matter" not in body["hint"], name
    home = by_name({f["name"]: f for f in form(cfg, "site")["files"]}["home"]["fields"])["body"]
    assert "`<!-- keepitlocal:principles -->`" in home["hint"]  # shown as typed, not taken for a note


def test_labels_spell_short_forms_as_the_guide_does():
    councils = by_name(form(config(), "councils")["fields"])
    assert councils["gss_code"]["label"] == "GSS code"
    assert councils["website"]["label"] == "Website"
    sources = by_name(councils["sources"]["fields"])
    assert (sources["id"]["label"], sources["url"]["label"]) == ("ID", "Address")


def test_a_posts_author_is_picked_from_the_authors_file():
    from keepitlocal.check.load import checked_data_files
    from keepitlocal.model.site import named_items

    data = checked_data_files(ROOT)
    authors = named_items(data["authors.yml"])
    assert list(authors) == ["campaign-team", "policy-team"]
    cfg = editor_config(repo="locality/keep-it-local", site_url=CUSTOM_DOMAIN, data=data)
    author = by_name(form(cfg, "news")["fields"])["author"]
    assert author["widget"] == "select" and author["required"] is True
    assert author["options"] == [{"label": a["name"], "value": key} for key, a in authors.items()]
    assert "minlength" not in author
    # Without the file's contents the field stays a box for the short name.
    assert by_name(form(config(), "news")["fields"])["author"]["widget"] == "string"


def test_changes_go_through_pull_requests_and_sign_in_is_by_token_only():
    cfg = config()
    assert cfg["publish_mode"] == "editorial_workflow"
    assert cfg["backend"] == {"name": "github", "repo": "locality/keep-it-local", "branch": "main",
                              "auth_methods": ["token"]}
    assert cfg["output"]["omit_empty_optional_fields"] is True  # the schemas refuse empty values


# Every property of every schema, as the form field that holds it


def check_field(prop: str, spec: dict, required: bool, got: dict, where: str):
    own = spec.get("description")  # a field's own words come before those of the group it names
    spec = schema(spec["$ref"]) if "$ref" in spec else spec
    assert got["required"] is required, where
    if own or spec.get("description"):
        assert got["hint"] == (own or spec["description"]), where
    if "enum" in spec:
        assert got["widget"] == "select" and not got.get("multiple"), where
        assert [o["value"] if isinstance(o, dict) else o for o in got["options"]] == spec["enum"], where
        return
    kind = spec.get("type")
    if kind == "object":
        assert got["widget"] == "object", where
        assert [f["name"] for f in got["fields"]] == list(spec["properties"]), where
        for sub in fields(spec):
            check_field(sub.name, sub.spec, sub.required, by_name(got["fields"])[sub.name], f"{where}.{sub.name}")
        return
    if kind == "array":
        items = spec["items"]
        assert got.get("min") == spec.get("minItems"), where
        if "enum" in items:
            assert got["widget"] == "select" and got["multiple"] is True, where
            assert [o["value"] if isinstance(o, dict) else o for o in got["options"]] == items["enum"], where
        elif "x-references" in items:
            assert got["widget"] == "relation" and got["multiple"] is True, where
            assert got["collection"] == items["x-references"] and got["value_field"] == "{{slug}}", where
            named_by = "title" if "title" in COLLECTIONS[items["x-references"]].fields else "name"
            assert got["display_fields"] == [named_by], where
        elif "$ref" in items or items.get("type") == "object":
            group = schema(items["$ref"]) if "$ref" in items else items
            assert got["widget"] == "list", where
            assert [f["name"] for f in got["fields"]] == list(group["properties"]), where
            for sub in fields(group):
                check_field(sub.name, sub.spec, sub.required, by_name(got["fields"])[sub.name], f"{where}.{sub.name}")
        else:
            assert got["widget"] == "list" and got["field"]["widget"] in ("string", "text"), where
            assert got["field"].get("maxlength") == items.get("maxLength"), where
        return
    if spec.get("x-image-folder"):
        # A picture is chosen or uploaded in the editor's media library, into the pictures folder.
        folder = "/" + spec["x-image-folder"]
        assert (got["widget"], got["media_folder"], got["public_folder"]) == ("image", folder, folder), where
        assert got["choose_url"] is False, where  # no pictures from other websites
        assert got["accept"] == "image/jpeg,image/png,image/webp", where  # the formats the check takes
        return
    if kind == "integer" and 1000 <= spec.get("minimum", 0) <= spec.get("maximum", 0) <= 9999:
        # A year is picked from a list of whole numbers, shown as 2013, never 2,013.
        assert got["widget"] == "select", where
        assert got["options"][0] == spec["maximum"] and got["options"][-1] == spec["minimum"], where
        assert all(type(o) is int for o in got["options"]), where
    elif kind == "integer":
        assert (got["widget"], got["value_type"]) == ("number", "int"), where
        assert (got.get("min"), got.get("max")) == (spec.get("minimum"), spec.get("maximum")), where
    elif kind == "boolean":
        assert got["widget"] == "boolean", where
    elif spec.get("pattern") == DATE_PATTERN:
        assert got["widget"] == "datetime" and got["format"] == "YYYY-MM-DD" and got["time_format"] is False, where
    else:
        assert got["widget"] in ("string", "text"), where
        assert (got.get("minlength"), got.get("maxlength")) == (spec.get("minLength"), spec.get("maxLength")), where
        if spec.get("pattern"):
            assert got["pattern"][0] == spec["pattern"], where
            assert re.compile(got["pattern"][0])  # a pattern the editor (JavaScript) and Python both read


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_every_schema_property_is_a_form_field_in_the_templates_order(name):
    collection = COLLECTIONS[name]
    got = form(config(), name)
    assert got["folder"] == f"content/{name}" and got["create"] is True
    assert [f["name"] for f in got["fields"]] == [f.name for f in fields(collection.schema)] + ["body"]
    for prop in fields(collection.schema):
        check_field(prop.name, prop.spec, prop.required, by_name(got["fields"])[prop.name], f"{name}.{prop.name}")


def test_the_story_is_markdown_in_raw_mode_only():
    cfg = config()
    forms = [c["fields"] for c in cfg["collections"] if "fields" in c]
    forms += [c["index_file"]["fields"] for c in cfg["collections"] if "index_file" in c]
    forms += [f["fields"] for c in cfg["collections"] for f in c.get("files", []) if f["file"].endswith(".md")]
    assert len(forms) == 2 * len(COLLECTIONS) + 1
    for fields_ in forms:
        body = by_name(fields_)["body"]
        assert body["widget"] == "markdown" and body["modes"] == ["raw"]


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_each_kinds_list_page_is_edited_with_its_own_fields(name):
    index = form(config(), name)["index_file"]
    assert index["name"] == "_index"
    assert [f["name"] for f in index["fields"]] == [f.name for f in fields(INDEX_TEXT.schema)] + ["body"]
    for prop in fields(INDEX_TEXT.schema):
        check_field(prop.name, prop.spec, prop.required, by_name(index["fields"])[prop.name], f"{name}/_index.md")


def test_the_site_wide_words_and_the_home_page_are_files_in_the_editor():
    files = {f["name"]: f for f in form(config(), "site")["files"]}
    words = files["site-words"]
    assert (words["file"], words["format"]) == ("content/site.yml", "yml")
    assert [f["name"] for f in words["fields"]] == [f.name for f in fields(SITE_WORDS.schema)]
    for prop in fields(SITE_WORDS.schema):
        check_field(prop.name, prop.spec, prop.required, by_name(words["fields"])[prop.name], f"site.{prop.name}")
    home = files["home"]
    assert (home["file"], home["format"]) == ("docs/index.md", "yaml-frontmatter")
    assert [f["name"] for f in home["fields"]] == [f.name for f in fields(INDEX_TEXT.schema)] + ["body"]


def test_a_fixed_list_with_labels_shows_them():
    options = by_name(form(config(), "case-studies")["fields"])["type"]["options"]
    assert {"label": "Scale fail", "value": "scale-fail"} in options


def test_changing_a_schemas_allowed_values_changes_the_form():
    def add_region(doc):
        doc["properties"]["region"]["enum"].append("Scotland")

    region = by_name(form(config(edited("case-studies", add_region)), "case-studies")["fields"])["region"]
    assert region["options"][-1] == "Scotland"
    assert "Scotland" not in by_name(form(config(), "case-studies")["fields"])["region"]["options"]


def test_a_new_required_field_is_required_in_the_form():
    def add_field(doc):
        doc["properties"]["council_area"] = {"type": "string", "maxLength": 80, "description": "The area."}
        doc["required"].append("council_area")

    got = by_name(form(config(edited("case-studies", add_field)), "case-studies")["fields"])["council_area"]
    assert got == {"name": "council_area", "label": "Council area", "widget": "string", "maxlength": 80,
                   "required": True, "hint": "The area."}


@pytest.mark.parametrize("spec", [
    {"type": "number"},
    {"type": "object", "properties": {"a": {"type": "string"}}},
    {"type": "array", "items": {"type": "integer"}},
    {"type": ["string", "boolean"]},
    {"anyOf": [{"type": "string"}, {"type": "integer"}]},
])
def test_a_property_no_widget_can_hold_stops_the_form_naming_it(spec):
    def add_field(doc):
        doc["properties"]["odd_field"] = spec

    with pytest.raises(EditorConfigError, match=r"case-studies: odd_field: no form widget"):
        config(edited("case-studies", add_field))


def test_a_reference_to_a_collection_that_does_not_exist_stops_the_form():
    def add_field(doc):
        doc["properties"]["speakers"] = {"type": "array", "items": {"type": "string", "x-references": "people"}}

    with pytest.raises(EditorConfigError, match="speakers: refers to a collection 'people'"):
        config(edited("case-studies", add_field))


def test_no_hand_written_editor_configuration_is_in_the_project():
    skip = {".venv", "site", "node_modules", ".git", ".pytest_cache", ".hypothesis", ".ruff_cache"}
    found = []
    for path in ROOT.rglob("*"):
        if skip & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path.suffix in (".yml", ".yaml", ".json") and path.name != "sveltia-cms.json":
            try:
                data = yaml.safe_load(path.read_text("utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError):
                continue
            if isinstance(data, dict) and "backend" in data and ("collections" in data or "singletons" in data):
                found.append(path.relative_to(ROOT).as_posix())
    assert found == []


# Where the editor may be published


@pytest.mark.parametrize("site_url", ["https://locality.github.io/keep-it-local/", "https://LOCALITY.GITHUB.IO/",
                                      "http://someone.github.io", "", None])
def test_a_shared_or_unknown_address_is_refused_with_a_reason(site_url):
    assert shared_origin(site_url)


@pytest.mark.parametrize("site_url", ["https://keepitlocal.org.uk/", "https://www.locality.org.uk/keep-it-local/",
                                      "https://github.io.example.org/"])
def test_the_sites_own_domain_is_accepted(site_url):
    assert shared_origin(site_url) is None


@pytest.mark.parametrize(("repo_url", "repo"), [
    ("https://github.com/locality/keep-it-local", "locality/keep-it-local"),
    ("https://github.com/locality/keep-it-local.git/", "locality/keep-it-local"),
    ("https://gitlab.com/locality/keep-it-local", None),
    ("https://github.com/locality", None),
    ("http://github.com/locality/keep-it-local", None),
    (None, None),
])
def test_the_repository_comes_from_repo_url(repo_url, repo):
    assert github_repository(repo_url) == repo


def test_the_real_site_on_github_io_leaves_the_editor_out_and_says_why(real_build):
    site, result = real_build
    assert not (site / "admin").exists()
    assert "The editor at /admin/ is left out: locality.github.io is shared" in result.stderr
    assert "accept_shared_origin" in result.stderr


def set_site(project: Path, site_url: str, accept: bool = False) -> None:
    path = project / "mkdocs.yml"
    text = re.sub(r"^site_url: .*$", f"site_url: {site_url}", path.read_text("utf-8"), flags=re.M)
    text = text.replace("accept_shared_origin: false", f"accept_shared_origin: {str(accept).lower()}")
    path.write_text(text, "utf-8")


def test_accepting_the_risk_publishes_the_editor_on_github_io(site_copy, tmp_path):
    set_site(site_copy, "https://locality.github.io/keep-it-local/", accept=True)
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/admin/index.html").is_file()


def test_on_its_own_domain_the_editor_is_published_for_staff_only(site_copy, tmp_path):
    set_site(site_copy, CUSTOM_DOMAIN)
    site = tmp_path / "site"
    result = mkdocs_build(site_copy, site)
    assert result.returncode == 0, result.stderr
    page = (site / "admin/index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "/admin/" not in (site / "sitemap.xml").read_text("utf-8")
    indexed = [d["url"] for d in indexed_pages(site)]
    assert indexed and not [url for url in indexed if url.startswith("/admin")]
    published = yaml.safe_load((site / "admin/config.yml").read_text("utf-8"))
    from keepitlocal.check.load import checked_data_files

    assert published == json.loads(json.dumps(editor_config(
        repo="locality/keep-it-local", site_url=CUSTOM_DOMAIN, app_title="Keep it Local",
        data=checked_data_files(site_copy))))
    assert 'data-branch="main"' in page
    assert re.search(r'src="preview-style.js" data-styles="../assets/stylesheets/main\.[0-9a-f]+\.min\.css '
                     r'../assets/stylesheets/palette\.[0-9a-f]+\.min\.css ../assets/site.css ', page)
    assert (site / "admin/preview-style.js").is_file() and (site / "admin/guard.js").is_file()
    # Every host the page may contact is named, with its reason, in the staff guide.
    guide = (ROOT / "docs/staff/index.md").read_text("utf-8")
    for host in (*CONNECT_HOSTS, *IMAGE_HOSTS):
        assert f"https://{host}" in page and host in guide
    # The editor's configuration schema is for the tests, not the site.
    assert not (site / "admin/schema").exists()


def test_a_docs_file_in_the_editors_place_stops_the_build(site_copy, tmp_path):
    set_site(site_copy, CUSTOM_DOMAIN)
    (site_copy / "docs/admin").mkdir()
    (site_copy / "docs/admin/config.yml").write_text("backend: {name: github}\n", "utf-8")
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/admin/config.yml would replace the editor's admin/config.yml" in result.stderr


# The vendored editor


def test_the_vendored_editor_matches_its_lock():
    assert update_cms.verify() == []


def test_a_changed_vendored_file_is_caught(tmp_path, monkeypatch):
    import shutil

    copy = tmp_path / "sveltia-cms"
    shutil.copytree(update_cms.VENDOR, copy)
    (copy / "LICENSE.txt").write_text("changed", "utf-8")
    monkeypatch.setattr(update_cms, "VENDOR", copy)
    monkeypatch.setattr(update_cms, "LOCK", copy / "cms-lock.json")
    assert [p.split(":")[0] for p in update_cms.verify()] == ["LICENSE.txt"]


def test_the_vendored_font_rules_name_no_other_host():
    css = (update_cms.VENDOR / "fonts.css").read_text("utf-8")
    assert "url(fonts/" in css
    assert not re.findall(r"url\((?!fonts/)", css)


def test_entries_are_listed_in_the_order_the_site_sorts_them():
    assert form(config(), "case-studies")["sortable_fields"] == {
        "fields": ["year", "title"], "default": {"field": "year", "direction": "descending"}}
    assert form(config(), "principles")["sortable_fields"]["default"] == {"field": "number", "direction": "ascending"}


def test_a_kind_a_project_declares_appears_in_the_editor_with_no_change_to_the_code(site_copy, tmp_path):
    """A new kind of content, declared as data beside mkdocs.yml, gets its own form."""
    (site_copy / "schemas").mkdir()
    (site_copy / "schemas/webinar.schema.json").write_text(json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Webinar", "type": "object",
        "additionalProperties": False, "required": ["title", "date", "format"],
        "properties": {
            "title": {"type": "string", "minLength": 3, "maxLength": 120, "description": "The webinar's name."},
            "date": {"type": "string", "pattern": DATE_PATTERN, "description": "When it is."},
            "format": {"enum": ["online", "in person"], "description": "How to attend."},
            "principles": {"type": "array", "items": {"type": "string"}, "description": "What it is about."},
            "sources": {"type": "array", "items": {"$ref": "source.schema.json"}},
        }}), "utf-8")
    (site_copy / "collections.yml").write_text(
        "webinars:\n  label: webinar\n  label_plural: Webinars\n  schema: webinar.schema.json\n"
        "  references:\n    principles: principles\n  sort: [-date]\n  pages: false\n", "utf-8")
    (site_copy / "content/webinars").mkdir()
    set_site(site_copy, CUSTOM_DOMAIN)
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    published = yaml.safe_load((tmp_path / "site/admin/config.yml").read_text("utf-8"))
    webinars = by_name(form(published, "webinars")["fields"])
    assert form(published, "webinars")["folder"] == "content/webinars"
    assert webinars["date"]["widget"] == "datetime"
    assert webinars["format"]["options"] == ["online", "in person"]
    assert (webinars["principles"]["widget"], webinars["principles"]["collection"]) == ("relation", "principles")
    assert [f["name"] for f in webinars["sources"]["fields"]][:2] == ["id", "title"]
    assert form(published, "webinars")["sortable_fields"]["default"] == {"field": "date", "direction": "descending"}


def test_the_editor_is_built_when_mkdocs_is_given_a_relative_configuration_path(site_copy, tmp_path):
    """`mkdocs build -f mkdocs.yml` in the project folder, as people type it."""
    import os
    import subprocess
    import sys

    set_site(site_copy, CUSTOM_DOMAIN)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "-d", str(tmp_path / "site")], cwd=site_copy, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 0, result.stderr
    published = yaml.safe_load((tmp_path / "site/admin/config.yml").read_text("utf-8"))
    assert {f["name"]: f["file"] for f in form(published, "site")["files"]}["home"] == "docs/index.md"
