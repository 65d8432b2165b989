"""`make new-case-study`: a new file with every field, that fails the check until it is filled in."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builds import mkdocs_build
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from keepitlocal.app.pipeline import load_site
from keepitlocal.check.placeholders import PLACEHOLDER
from keepitlocal.read.frontmatter import read_document
from keepitlocal.schema.collections import CASE_STUDIES, PRINCIPLES, field_schema
from keepitlocal.schema.reference import fields, yaml_field
from keepitlocal.staff.scaffold import template

NEW = "content/case-studies/wirral-community-hubs.md"


def run(*args: str, root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keepitlocal", *args, "--root", str(root)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})}, check=False)


def fill_in(text: str, collection) -> str:
    """Replace each REPLACE ME the way a person would: with the schema's example for that field."""
    lines = text.split("\n")
    list_field = None
    for index, line in enumerate(lines):
        if not line.startswith((" ", "#")) and ":" in line:
            list_field = line.split(":")[0]
        if PLACEHOLDER not in line or line.lstrip().startswith("#"):
            continue
        match = re.fullmatch(r"( *)(- )?(\w+): (\[?)REPLACE ME\]?", line)
        if match:
            indent, dash, name, _ = match.groups()
            path = (list_field, 0, name) if indent else (name,)
            example = field_schema(collection, path)["examples"][0]
            lines[index] = indent + (dash or "") + yaml_field(name, example)[0]
        else:
            assert line.startswith(PLACEHOLDER), line  # the story
            lines[index] = "Wirral Council moved its community services to local organisations."
    return "\n".join(lines)


def test_new_case_study_fails_the_check_with_a_hint_for_each_blank_then_passes_once_filled(site_copy):
    made = run("new", "case-study", "Wirral community hubs", root=site_copy)
    assert made.returncode == 0, made.stderr
    assert NEW in made.stdout
    path = site_copy / NEW
    text = path.read_text("utf-8")

    checked = run("check", root=site_copy)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    problems = re.findall(r"^(\S+):(\d+):(\d+): (\S+): (.+)$", checked.stderr, re.MULTILINE)
    assert problems and {p[0] for p in problems} == {NEW}, checked.stderr
    lines = text.split("\n")
    for _, line, col, field, message in problems:
        # Each problem points at a REPLACE ME, names its field and says what to write there.
        assert lines[int(line) - 1][int(col) - 1:].startswith(PLACEHOLDER), (line, col, field)
        assert "still says REPLACE ME (" in message and message.endswith(")"), message
    named = {field for *_, field, _ in problems}
    required = {f.name for f in fields(CASE_STUDIES.schema) if f.required} - {"title", "date_added"}
    assert {field.split("[")[0] for field in named} >= required
    assert {"sources[1].url", "text"} <= named
    assert "region: still says REPLACE ME (use one of: North East, North West" in checked.stderr
    assert "sources[1].url: still says REPLACE ME (The address of the source: http or https only; " \
           "for example: https://" in checked.stderr

    path.write_text(fill_in(text, CASE_STUDIES), encoding="utf-8")
    checked = run("check", root=site_copy)
    assert checked.returncode == 0, checked.stderr
    assert f"not published yet (draft: true, or a publish_date to come): {NEW}" in checked.stdout
    entry = next(e for e in load_site(site_copy, preview=True).case_studies if e.slug == "wirral-community-hubs")
    assert entry.data["title"] == "Wirral community hubs" and entry.data["draft"] is True
    assert entry.data["date_added"] == datetime.date.today().isoformat()
    assert "wirral-community-hubs" not in {e.slug for e in load_site(site_copy).case_studies}, "a draft was published"

    # Published (draft: false), the filled-in file becomes a page of the real site.
    path.write_text(path.read_text("utf-8").replace("draft: true", "draft: false"), encoding="utf-8")
    result = mkdocs_build(site_copy, site_copy / "out")
    assert result.returncode == 0, result.stderr
    page = (site_copy / "out/case-studies/wirral-community-hubs/index.html").read_text("utf-8")
    assert "Wirral community hubs" in page and "Wirral Council moved its community services" in page


def test_new_principle_has_every_principle_field(site_copy):
    made = run("new", "principle", "Keep services small", root=site_copy)
    assert made.returncode == 0, made.stderr
    text = (site_copy / "content/principles/keep-services-small.md").read_text("utf-8")
    for field in fields(PRINCIPLES.schema):
        assert re.search(rf"^(# )?{field.name}:", text, re.MULTILINE), field.name
    checked = run("check", root=site_copy)
    assert "content/principles/keep-services-small.md:" in checked.stderr
    assert "number: still says REPLACE ME" in checked.stderr


def test_an_existing_file_is_never_overwritten(site_copy):
    path = site_copy / "content/case-studies/preston-model.md"
    before = path.read_bytes()
    made = run("new", "case-study", "Preston: model!", root=site_copy)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert "content/case-studies/preston-model.md already exists, so nothing was written" in made.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("title, words", [
    ("", "Give the new case study a title"),
    ("   ", "Give the new case study a title"),
    ("!!! ???", "no letters or numbers"),
    ("Index", "reserved"),
])
def test_a_title_that_cannot_name_a_file_is_refused(site_copy, title, words):
    made = run("new", "case-study", title, root=site_copy)
    assert made.returncode == 1 and words in made.stderr and "Traceback" not in made.stderr
    assert sorted(p.name for p in (site_copy / "content/case-studies").iterdir()) == \
        sorted(p.name for p in (ROOT / "content/case-studies").iterdir())


@pytest.fixture
def make_project(tmp_path: Path) -> Path:
    """A project folder that `make` can run in, using this checkout's environment."""
    for name in ("Makefile", "requirements.lock", "mkdocs.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    return tmp_path


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", *args], cwd=project, capture_output=True, text=True, timeout=60, check=False)


def test_make_new_case_study_keeps_the_title_exactly_as_typed(make_project):
    title = """It's "Wirral": £5m, $HOME & `hubs` #1"""
    result = make(make_project, "new-case-study", f"TITLE={title}")
    assert result.returncode == 0, result.stderr
    [made] = [p for p in (make_project / "content/case-studies").glob("*.md")
              if not (ROOT / "content/case-studies" / p.name).exists()]
    assert made.name == "its-wirral-5m-home-hubs-1.md"
    document = read_document(made.read_bytes(), made.name)
    assert document.problems == [] and document.front_matter.data["title"] == title


def test_make_new_case_study_without_a_title_says_how(make_project):
    result = make(make_project, "new-case-study")
    assert result.returncode != 0
    assert 'make new-case-study TITLE="Wirral community hubs"' in result.stderr


_TITLE_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))


@settings(max_examples=300, deadline=None)
@given(st.text(_TITLE_CHARACTERS, min_size=1, max_size=60).filter(str.strip))
def test_any_title_is_written_so_that_it_reads_back_the_same(title):
    title = " ".join(title.split())
    text = template(CASE_STUDIES, title, datetime.date(2026, 11, 26))
    document = read_document(text.encode("utf-8"), NEW)
    assert document.problems == []
    assert document.front_matter.data["title"] == title


def test_new_works_with_a_relative_project_folder(site_copy):
    made = subprocess.run([sys.executable, "-m", "keepitlocal", "new", "case-study", "Relative", "--root", "."],
                          cwd=site_copy, capture_output=True, text=True, timeout=60, check=False)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Created content/case-studies/relative.md")
    assert (site_copy / "content/case-studies/relative.md").is_file()
