"""The field reference, the templates page and the published schemas are made from the schemas."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from keepitlocal.read.frontmatter import read_document
from keepitlocal.schema.collections import SCHEMA_DIR
from keepitlocal.schema.reference import markdown

SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))


def schema_fields():
    """(schema file, property name, is required) for every property of every schema file."""
    for path in SCHEMA_FILES:
        doc = json.loads(path.read_text("utf-8"))
        for name in doc["properties"]:
            yield path.name, name, name in doc.get("required", [])


def field_headings(page_html: str) -> list[str]:
    return re.findall(r"<h3 id=\"[^\"]+\"><code>([^<]+)</code>", page_html)


def test_field_reference_lists_every_field_of_every_schema(built_site):
    page = (built_site / "staff/field-reference/index.html").read_text("utf-8")
    headings = field_headings(page)
    expected = [name for _, name, _ in schema_fields()]
    assert sorted(headings) == sorted(expected)
    for path in SCHEMA_FILES:
        doc = json.loads(path.read_text("utf-8"))
        assert f"{html.escape(doc['title'], quote=False)} fields" in page
        for spec in doc["properties"].values():
            assert html.escape(spec["description"], quote=False) in page, spec["description"]


def test_required_and_optional_are_marked_from_the_schema():
    text = markdown()
    for schema_file, name, required in schema_fields():
        title = json.loads((SCHEMA_DIR / schema_file).read_text("utf-8"))["title"]
        section = text[text.index(f"## {title} fields"):]
        after = section[section.index(f"### `{name}`"):].split("\n")[2]
        assert after.startswith("**Required.**" if required else "*Optional.*"), (schema_file, name, after)


def test_a_field_added_to_a_schema_appears_on_the_page_and_in_the_template(site_copy, tmp_path):
    path = site_copy / "keepitlocal/schemas/case-study.schema.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["properties"]["pilot_scheme"] = {"description": "Whether the service began as a pilot.", "type": "boolean",
                                         "examples": [True]}
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    # Run in the copy, so that its keepitlocal (with the changed schema) is the one imported.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=site_copy, capture_output=True, text=True, timeout=300, check=False,
                            env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/staff/field-reference/index.html").read_text("utf-8")
    assert "pilot_scheme" in field_headings(page) and "Whether the service began as a pilot." in page
    templates = (tmp_path / "site/staff/templates/index.html").read_text("utf-8")
    assert "# pilot_scheme: true" in templates


def template_from_page(page_html: str, anchor: str) -> str:
    section = page_html[page_html.index(f'id="{anchor}"'):]
    code = re.search(r"<pre><code>(.*?)</code></pre>", section, re.DOTALL)[1]
    return html.unescape(re.sub(r"<[^>]+>", "", code))


def test_the_published_template_is_what_the_check_expects(built_site, project):
    page = (built_site / "staff/templates/index.html").read_text("utf-8")
    text = template_from_page(page, "case-study-template")
    document = read_document(text.encode("utf-8"), "content/case-studies/new.md")
    assert document.problems == [] and document.front_matter.data["draft"] is True
    project.write("content/case-studies/new.md", text)
    problems = project.load().problems
    assert problems and all("still says REPLACE ME" in p.message for p in problems), problems
    assert {"title", "date_added", "region", "sources[1].url", "text"} <= {p.field for p in problems}


def test_schemas_are_published_unchanged(built_site):
    for path in SCHEMA_FILES:
        published = built_site / "schemas" / path.name
        assert published.read_bytes() == path.read_bytes(), path.name
    page = (built_site / "staff/field-reference/index.html").read_text("utf-8")
    assert 'href="../../schemas/case-study.schema.json"' in page


def test_readme_and_guide_link_the_field_reference():
    site_url = re.search(r"^site_url: (\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)[1]
    assert f"({site_url}staff/field-reference/)" in (ROOT / "README.md").read_text("utf-8")
    assert "(docs/staff/index.md)" in (ROOT / "README.md").read_text("utf-8")
    assert "(field-reference.md)" in (ROOT / "docs/staff/index.md").read_text("utf-8")


def test_new_files_link_the_field_reference(site_copy):
    subprocess.run([sys.executable, "-m", "keepitlocal", "new", "case-study", "Linked", "--root", str(site_copy)],
                   check=True, capture_output=True, timeout=60)
    text = Path(site_copy / "content/case-studies/linked.md").read_text("utf-8")
    site_url = re.search(r"^site_url: (\S+)", (site_copy / "mkdocs.yml").read_text(), re.MULTILINE)[1]
    assert f"# {site_url}staff/field-reference/" in text or f"at {site_url}staff/field-reference/" in text


def _examples(schema: dict, name: str = ""):
    """Every field's first example in a schema, at any depth, with the field's name."""
    if isinstance(schema, dict):
        if name and schema.get("examples"):
            yield name, schema["examples"][0]
        for key, sub in (schema.get("properties") or {}).items():
            yield from _examples(sub, key)
        for key in ("items", "$defs", "definitions"):
            sub = schema.get(key)
            for inner in (sub.values() if key != "items" and isinstance(sub, dict) else [sub]):
                yield from _examples(inner)


def test_every_example_in_the_field_reference_reads_back_as_written():
    """The examples staff copy from the field reference and the scaffold are YAML that reads back
    to the schema's own example, nested groups included (a briefing figure's source)."""
    from keepitlocal.read.frontmatter import read_data_file
    from keepitlocal.schema.reference import yaml_field

    checked = 0
    for path in sorted((ROOT / "keepitlocal/schemas").glob("*.schema.json")):
        for name, example in _examples(json.loads(path.read_text("utf-8"))):
            read = read_data_file("\n".join(yaml_field(name, example)).encode(), "example.yml")
            assert read.problems == [] and read.front_matter.data == {name: example}, (path.name, name)
            checked += 1
    assert checked > 100
