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
    if _quickly_valid(front_matter.data):
        return []  # the common case, without loading the full validator
    from .validate import _problems_for

    properties = CASE_STUDIES.schema["properties"]
    schema = {"type": "object", "properties": {name: properties[name] for name in SHARED_FIELDS}}
    validator = CASE_STUDIES.validator.evolve(schema=schema)
    problems = set()
    for error in validator.iter_errors(front_matter.data):
        problems.update(_problems_for(path, CASE_STUDIES, front_matter, error))
    return sorted(problems)


def _quickly_valid(data: dict) -> bool:
    """True only when every source passes the source schema's quick check and the review date
    has its form; anything else goes to the full validator, which words the problems."""
    import re

    from .collections import SCHEMA_DIR, _quick_check

    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        return False
    check = _quick_check(SCHEMA_DIR, "source.schema.json")
    reviewed = data.get("last_reviewed")
    pattern = CASE_STUDIES.schema["properties"]["last_reviewed"]["pattern"]
    return all(check(source) for source in sources) and (
        reviewed is None or (isinstance(reviewed, str) and re.search(pattern, reviewed) is not None))


def render(page: CitingPage, markdown: str, human_date) -> str:
    """The page's Markdown with its citations numbered and its source list at the foot."""
    citations = Citations(page.data["sources"])
    text = citations.render(markdown).rstrip()
    return f"{text}\n\n{citations.source_list(human_date)}\n"


def check_pages(root: Path, docs_dir: str = "docs", today: datetime.date | None = None, site=None
                ) -> tuple[list[Problem], list[Problem]]:
    """Problems and notes in every hand-written page: the settings at its top against the page
    schema, its sources and citations, its generated-part markers, its HTML, and, given the
    loaded `site`, its links and images; and in the site's own settings (mkdocs.yml)."""
    from .collections import HAND_WRITTEN
    from .markers import marker_problems
    from .safe_html import Converter, story_problems
    from .validate import schema_problems

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
        problems.extend(marker_problems(rel, src_uri, document.body, document.body_line))
        problems.extend(story_problems(rel, document.body, document.body_line, converter))
        read.append((rel, src_uri, document.body, document.body_line))
    from .settings import settings_problems

    problems.extend(settings_problems(root))
    if site is not None:
        from .links import page_link_problems, site_word_page_problems

        problems.extend(page_link_problems(root, read, site))
        problems.extend(site_word_page_problems(root, site))
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
