"""Hand-written pages (docs/) that cite sources: the same `sources` fields and `[@id]`
citations as content files, checked the same way and rendered the same way.

A hand-written page opts in by listing `sources` in its front-matter; pages without them are
left alone. `make check` and the build both report every mistake at its file and line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .citations import Citations
from .collections import CASE_STUDIES
from .frontmatter import FrontMatter, read_document, too_large
from .problems import Problem
from .sources import source_notes, source_problems

# The fields a hand-written page shares with content files; the rest of its front-matter is
# MkDocs' own (title, description, ...) and left to MkDocs.
SHARED_FIELDS = ("sources", "last_reviewed")


@dataclass
class CitingPage:
    """A hand-written page's sources and story, positioned like a content file's."""

    path: str
    data: dict
    body: str
    body_line: int
    front_matter: FrontMatter = field(repr=False)
    problems: list = field(default_factory=list)


def read_page(raw: bytes, path: str) -> CitingPage | None:
    """The page, checked, if its front-matter lists sources; None for a page that cites nothing."""
    if b"sources:" not in raw:
        return None
    document = read_document(raw, path)
    if document.problems:
        return CitingPage(path, {}, "", 1, FrontMatter(), document.problems)
    if "sources" not in document.front_matter.data:
        return None
    page = CitingPage(path, document.front_matter.data, document.body, document.body_line, document.front_matter)
    page.problems = _field_problems(path, document.front_matter)
    if not page.problems:
        page.problems = source_problems(page)
    return page


def _field_problems(path: str, front_matter: FrontMatter) -> list[Problem]:
    """The shared fields checked against the case-study schema's own definitions of them, and
    worded the same way."""
    from .validate import _problems_for

    properties = CASE_STUDIES.schema["properties"]
    schema = {"type": "object", "properties": {name: properties[name] for name in SHARED_FIELDS}}
    validator = CASE_STUDIES.validator.evolve(schema=schema)
    problems = set()
    for error in validator.iter_errors(front_matter.data):
        problems.update(_problems_for(path, CASE_STUDIES, front_matter, error))
    return sorted(problems)


def render(page: CitingPage, markdown: str, human_date) -> str:
    """The page's Markdown with its citations numbered and its source list at the foot."""
    citations = Citations(page.data["sources"])
    text = citations.render(markdown).rstrip()
    return f"{text}\n\n## Sources\n\n{citations.source_list(human_date)}\n"


def check_pages(root: Path, docs_dir: str = "docs", today: datetime.date | None = None
                ) -> tuple[list[Problem], list[Problem]]:
    """Problems and notes in every hand-written page that cites sources."""
    problems, notes = [], []
    docs = Path(root) / docs_dir
    for file in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        rel = file.relative_to(root).as_posix()
        size = too_large(file.stat().st_size, rel)
        if size is not None:
            continue  # MkDocs reads it; nothing of ours to check in a page this size
        page = read_page(file.read_bytes(), rel)
        if page is None:
            continue
        problems.extend(page.problems)
        if not page.problems:
            notes.extend(source_notes(page, today or datetime.date.today()))
    return problems, notes
