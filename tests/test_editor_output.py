"""What the browser editor writes passes the check and means what the form showed.

tests/data/editor-output/ holds an entry for every collection, with every field filled in
(awkward text included), written by the editor's own YAML library with the editor's output
settings (make editor-samples). The check must accept every file and read back exactly the
values that went in.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from editor_samples import OUTPUT_DIR, SAMPLE_PICTURE, formatter_input

from keepitlocal.app.pipeline import load_site
from keepitlocal.schema.collections import COLLECTIONS, INDEX_FILE, SITE_WORDS_FILE, schema
from keepitlocal.schema.reference import fields

SAMPLES = ROOT / OUTPUT_DIR
REGENERATE = "the schemas or the editor's settings changed since the samples were written: run  make editor-samples"


def recorded() -> dict:
    return json.loads((SAMPLES / "samples.json").read_text("utf-8"))


def test_the_samples_are_up_to_date_with_the_schemas_and_the_editors_settings():
    assert recorded() == json.loads(json.dumps(formatter_input(OUTPUT_DIR), ensure_ascii=False)), REGENERATE


def test_every_property_of_every_collection_is_in_the_samples():
    files = recorded()["files"]
    for name, collection in COLLECTIONS.items():
        entries = [f["data"] for f in files if f["path"].startswith(f"content/{name}/")]
        assert entries, f"no sample of the editor's output for {name}: {REGENERATE}"
        for field in fields(collection.schema):
            assert any(field.name in e for e in entries), f"{name}: {field.name}"
            spec = field.spec.get("items", {})
            if "$ref" in spec:
                for sub in fields(schema(spec["$ref"])):
                    assert any(sub.name in item for e in entries for item in e.get(field.name, [])), \
                        f"{name}: {field.name}.{sub.name}"


def test_the_samples_are_in_the_editors_style():
    """Spot checks that the files are the editor's style, not a hand-written one."""
    text = next(SAMPLES.glob("content/case-studies/sample-*.md")).read_text("utf-8")
    assert text.startswith("---\ntitle: \"")  # text in double quotes
    assert "\nservices:\n  - \"" in text  # lists as indented block sequences
    assert "\n---\n\n## What happened" in text  # a blank line between the front-matter and the story


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("editor-output")
    shutil.copytree(SAMPLES / "content", root / "content")
    for data_file in ("authors.yml", "briefing.yml"):  # the names the samples' data references use; the briefing page
        shutil.copy2(ROOT / "content" / data_file, root / "content" / data_file)
    (root / "docs").mkdir()  # the hand-written pages the samples' site-wide settings name
    (root / "docs/join.md").write_text("---\ntitle: Join\ndescription: How to join the Keep it Local Network.\n"
                                       "---\n# Join\n\n<!-- keepitlocal:councils -->\n", encoding="utf-8")
    (root / "docs/accessibility.md").write_text("---\ntitle: Accessibility\ndescription: How accessible this "
                                                "site is.\n---\n# Accessibility\n", encoding="utf-8")
    (root / "docs/assets").mkdir()  # the logo the samples' site-wide settings name
    (root / "docs/assets/keep-it-local-logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
        encoding="utf-8")
    from PIL import Image  # the picture the samples' `image` fields name, as if uploaded in the editor

    (root / SAMPLE_PICTURE.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), (40, 120, 60)).save(root / SAMPLE_PICTURE.lstrip("/"), "JPEG")
    return root


def test_the_check_accepts_everything_the_editor_wrote(project):
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(project)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_reads_back_the_values_the_form_held(project):
    site = load_site(project, preview=True)  # drafts included
    assert site.problems == []
    read = {f"content/{e.collection.name}/{e.slug}.md": e for e in site.entries}
    indexes = {index.path: index for index in site.indexes.values()}
    for sample in recorded()["files"]:
        path = sample["path"]
        if path == f"content/{SITE_WORDS_FILE}":
            assert site.words == sample["data"], path
        elif path.endswith(f"/{INDEX_FILE}"):
            index = indexes[path]
            assert {"title": index.title, "description": index.description} == sample["data"], path
            assert index.body.strip() == sample["body"].strip(), path
        else:
            assert read[path].data == sample["data"], path
            assert read[path].body.strip() == sample["body"].strip(), path
