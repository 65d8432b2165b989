"""Shared test helpers: small throwaway projects with valid content to break on purpose."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRINCIPLE = """\
---
title: Increase local spend to invest in the local economy
number: {number}
summary: Spend public money with local organisations so it circulates locally.
---
Why local spend matters.
"""

CASE_STUDY = """\
---
title: {title}
summary: A council kept its services local and the money stayed in the area.
type: keep-it-local
place: Testshire County Council
region: North West
year: 2020
services: [procurement, local economy]
principles: [local-spend]
date_added: 2026-11-26
sources:
  - title: A report
    url: https://example.org/report
    publisher: Example Council
    date: 2020-05-01
---
The story of what happened.
"""


def case_study(title: str = "A test case study", **replace: str) -> str:
    """A valid case study, with whole lines replaced: case_study(region="region: Narnia")."""
    text = CASE_STUDY.format(title=title)
    for field, line in replace.items():
        lines = text.split("\n")
        index = next(i for i, old in enumerate(lines) if old.startswith(f"{field}:"))
        lines[index:index + 1] = [] if line is None else line.split("\n")
        text = "\n".join(lines)
    return text


class Project:
    """A folder with content/ that tests write files into."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def load(self):
        from keepitlocal.app.pipeline import load_site

        return load_site(self.root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project with one principle (local-spend) and one case study (good-example). The case
    study has its own title, so that a test file made with case_study() is not a second entry
    with the same title."""
    p = Project(tmp_path)
    p.write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
    p.write("content/case-studies/good-example.md", case_study("A good example"))
    return p


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A copy of the real project (config, docs, content, hooks, theme) to build or break."""
    from builds import project_copy

    return project_copy(tmp_path, content=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run into a temporary folder."""
    from builds import mkdocs_build

    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir
