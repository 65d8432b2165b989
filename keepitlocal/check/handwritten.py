"""Hand-written pages (docs/) that cite sources: the same `sources` fields and `[@id]`
citations as content files, checked the same way and rendered the same way.

A hand-written page opts in by listing `sources` in its front-matter; pages without them are
left alone. `make check` and the build both report every mistake at its file and line.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from keepitlocal.base.problems import Problem
from keepitlocal.check.links import Published, page_link_problems, site_word_page_problems
from keepitlocal.check.markers import marker_problems
from keepitlocal.check.safe_html import story_problems
from keepitlocal.check.settings import settings_problems
from keepitlocal.check.sources import source_notes, source_problems
from keepitlocal.check.story_words import story_word_problems
from keepitlocal.check.validate import error_problems, schema_problems
from keepitlocal.read.frontmatter import FrontMatter, read_document, too_large
from keepitlocal.read.markdown import Converter
from keepitlocal.schema.collections import HAND_WRITTEN, SCHEMA_DIR, quick_check, site_kind

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
    if _quickly_valid(front_matter.data):
        return []  # the common case, without loading the full validator
    case_studies = site_kind("case-studies")
    properties = case_studies.schema["properties"]
    schema = {"type": "object", "properties": {name: properties[name] for name in SHARED_FIELDS}}
    validator = case_studies.validator.evolve(schema=schema)
    problems = set()
    for error in validator.iter_errors(front_matter.data):
        problems.update(error_problems(path, case_studies, front_matter, error))
    return sorted(problems)


def _quickly_valid(data: dict) -> bool:
    """True only when every source passes the source schema's quick check and the review date
    has its form; anything else goes to the full validator, which words the problems."""
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        return False
    check = quick_check(SCHEMA_DIR, "source.schema.json")
    reviewed = data.get("last_reviewed")
    pattern = site_kind("case-studies").schema["properties"]["last_reviewed"]["pattern"]
    return all(check(source) for source in sources) and (
        reviewed is None or (isinstance(reviewed, str) and re.search(pattern, reviewed) is not None))


def check_pages(root: Path, docs_dir: str = "docs", today: datetime.date | None = None, site=None,
                published: Published | None = None) -> tuple[list[Problem], list[Problem]]:
    """Problems and notes in every hand-written page: the settings at its top against the page
    schema, its sources and citations, its generated-part markers, its HTML, and, given the
    loaded `site` (and what the build `published` besides its pages), its links and images; and
    in the site's own settings (mkdocs.yml)."""
    problems, notes = [], []
    converter = Converter(root)
    docs = Path(root) / docs_dir
    read = []
    for file in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        src_uri = file.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in src_uri.split("/")):
            continue
        rel = file.relative_to(root).as_posix()
        size = too_large(file.stat().st_size, rel)
        if size is not None:
            continue  # MkDocs reads it; nothing of ours to check in a page this size
        document = read_document(file.read_bytes(), rel)
        if document.problems:
            problems.extend(document.problems)
            continue
        found = schema_problems(rel, HAND_WRITTEN, document.front_matter) + _template_problems(
            Path(root), rel, document.front_matter)
        if "sources" in document.front_matter.data and not any(
                p.field.startswith(SHARED_FIELDS) for p in found):
            page = CitingPage(rel, document.front_matter.data, document.body, document.body_line,
                              document.front_matter)
            cited = source_problems(page)
            if not cited:
                notes.extend(source_notes(page, today or datetime.date.today()))
            found += cited  # with the page's other problems (a missing layout), not instead of them
        problems.extend(found)
        problems.extend(marker_problems(rel, src_uri, document.body, document.body_line,
                                        converter.code_lines(document.body)))
        found = story_problems(rel, document.body, document.body_line, converter)
        problems.extend(found)  # a line whose HTML is refused already has its message
        problems.extend(p for p in story_word_problems(rel, document.body, document.body_line, converter)
                        if p.line not in {f.line for f in found})
        read.append((rel, src_uri, document.body, document.body_line))
    problems.extend(settings_problems(root))
    if site is not None:
        published = published or Published()
        problems.extend(page_link_problems(root, read, site, published, converter))
        problems.extend(site_word_page_problems(root, site, published))
    return sorted(problems), sorted(notes)


def _template_problems(root: Path, rel: str, front_matter: FrontMatter) -> list[Problem]:
    """A page layout named in `template:` must be a file in overrides/, or the build stops."""
    name = front_matter.data.get("template")
    overrides = root / "overrides"
    if not isinstance(name, str) or (overrides / name).is_file():
        return []
    line, col = front_matter.position(("template",))
    layouts = sorted(p.name for p in overrides.glob("*.html")) if overrides.is_dir() else []
    hint = f"the layouts there are: {', '.join(layouts)}" if layouts else "delete the line to use the usual layout"
    return [Problem(rel, line, col, "template", f"there is no page layout {name} in overrides/", hint)]
