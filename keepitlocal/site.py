"""Load every content file into a validated, cross-referenced site model.

`load_site(root)` never raises for anything a content author can do: every mistake in every
file becomes a `Problem`, and only files without problems become entries.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .collections import CASE_STUDIES, COLLECTIONS, PRINCIPLES, Collection
from .frontmatter import FrontMatter, dotted, read_document, too_large
from .placeholders import body_problems
from .problems import Problem, did_you_mean
from .sources import source_notes, source_problems
from .validate import schema_problems

CONTENT_DIR = "content"
MARKDOWN_SUFFIXES = (".md", ".markdown")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"index"}  # the collection's own listing page


@dataclass
class Entry:
    """One published piece of content: a principle or a case study."""

    collection: Collection
    slug: str
    path: str  # e.g. content/case-studies/preston-model.md
    data: dict
    body: str
    body_line: int
    front_matter: FrontMatter = field(repr=False)

    @property
    def src_uri(self) -> str:
        """The page's source path in the site, e.g. case-studies/preston-model.md."""
        return f"{self.collection.url}/{self.slug}.md"

    @property
    def title(self) -> str:
        return self.data["title"] if "title" in self.data else self.data["name"]

    @property
    def summary(self) -> str:
        return self.data["summary"]

    def is_draft(self, today: datetime.date) -> bool:
        """Not for publishing yet: marked `draft: true`, or its `publish_date` is after today."""
        return bool(self.data.get("draft")) or self.data.get("publish_date", "") > today.isoformat()


@dataclass
class Site:
    principles: list[Entry]  # in number order
    case_studies: list[Entry]  # newest year first, then by title
    problems: list[Problem]
    files_read: int = 0
    drafts: frozenset = frozenset()  # (collection name, slug) of drafts included in a preview
    left_out: tuple = ()  # paths of valid drafts and scheduled entries left out of a published site
    notes: list[Problem] = field(default_factory=list)  # worth tidying, never stopping a build
    others: dict = field(default_factory=dict)  # kind name -> its entries, for kinds other than the two above
    data: dict = field(default_factory=dict)  # data file name (authors.yml) -> its checked contents
    collections: dict = field(default_factory=lambda: dict(COLLECTIONS))

    def entries_of(self, collection) -> list[Entry]:
        name = collection if isinstance(collection, str) else collection.name
        if name == PRINCIPLES.name:
            return self.principles
        if name == CASE_STUDIES.name:
            return self.case_studies
        return self.others.get(name, [])

    def referenced(self, entry: Entry, field_name: str) -> list[Entry]:
        """The entries a reference field of `entry` names, in their kind's order."""
        target = entry.collection.references[field_name]
        wanted = set(entry.data.get(field_name) or [])
        return [other for other in self.entries_of(target) if other.slug in wanted]

    def referring(self, entry: Entry, collection, field_name: str) -> list[Entry]:
        """The entries of a kind whose reference field `field_name` names `entry`."""
        return [other for other in self.entries_of(collection) if entry.slug in (other.data.get(field_name) or [])]

    def __post_init__(self):
        self._by_slug = {(e.collection.name, e.slug): e for e in self.entries}
        self._by_principle: dict[str, list[Entry]] = {p.slug: [] for p in self.principles}
        for case in self.case_studies:
            for slug in case.data["principles"]:
                self._by_principle.setdefault(slug, []).append(case)

    @property
    def entries(self) -> list[Entry]:
        return [*self.principles, *self.case_studies, *(e for found in self.others.values() for e in found)]

    def is_draft(self, entry: Entry) -> bool:
        return (entry.collection.name, entry.slug) in self.drafts

    def get(self, collection: Collection, slug: str) -> Entry | None:
        return self._by_slug.get((collection.name, slug))

    def principles_of(self, case: Entry) -> list[Entry]:
        """A case study's principles, in number order."""
        wanted = set(case.data["principles"])
        return [p for p in self.principles if p.slug in wanted]

    def case_studies_for(self, principle: Entry) -> list[Entry]:
        """The case studies that illustrate a principle, in the site's case-study order."""
        return self._by_principle.get(principle.slug, [])


_loaded: dict = {}  # (root, preview, today) -> (content signature, Site)


def load_site(root: Path | str, *, preview: bool = False, today: datetime.date | None = None) -> Site:
    """Read, parse, validate and cross-check every Markdown file under `root/content`.

    Drafts (and entries whose publish_date is after `today`) are left out, unless `preview`
    is set, when they are kept and listed in `Site.drafts`.

    The result is kept until a content file is added, removed or changed, so that every
    part of one build (pages, feed, data files) shares one load. Treat it as read-only."""
    root = Path(root).resolve()
    key = (root, preview, today or datetime.date.today())
    signature = _signature(root / CONTENT_DIR)
    cached = _loaded.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    site = _load(root, preview, key[2])
    _loaded.clear()  # one project at a time: a build, a preview or a check
    _loaded[key] = (signature, site)
    return site


def _signature(content: Path) -> tuple:
    """What changes when any file under content/ is added, removed, renamed or edited."""
    if not content.is_dir():
        return ()
    return tuple(sorted((str(p), s.st_mtime_ns, s.st_size, s.st_ino)
                        for p in content.rglob("*") for s in [p.lstat()]))


def _load(root: Path, preview: bool, today: datetime.date) -> Site:
    content = root / CONTENT_DIR
    problems: list[Problem] = []
    if not content.is_dir():
        return Site([], [], [Problem(CONTENT_DIR, 1, 1, "file", "the content folder is missing",
                                     "create content/principles/ and content/case-studies/")])
    candidates: dict[str, list[tuple[str, Path]]] = {name: [] for name in COLLECTIONS}
    files = sorted(p for p in content.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES and _visible(p, content))
    for file in files:
        rel = file.relative_to(root).as_posix()
        problem = _placement_problem(file.relative_to(content), rel)
        if problem:
            problems.append(problem)
        else:
            candidates[file.parent.name].append((rel, file))

    known = {name: {Path(rel).stem for rel, _ in found} for name, found in candidates.items()}
    entries: dict[str, list[Entry]] = {name: [] for name in COLLECTIONS}
    for name, found in candidates.items():
        for rel, file in found:
            entry, found_problems = _load_entry(COLLECTIONS[name], rel, file, known)
            problems.extend(found_problems)
            if entry is not None:
                entries[name].append(entry)

    for name, collection in COLLECTIONS.items():
        problems.extend(_unique_value_problems(entries[name], collection))
    data, data_problems = _data_files(root)
    problems.extend(data_problems)
    loaded = [e for found in entries.values() for e in found]
    problems.extend(checks.data_reference_problems(loaded, data, {p.path.split("/")[-1] for p in data_problems}))
    problems.extend(checks.future_date_problems(loaded, today))
    drafts = {(e.collection.name, e.slug) for found in entries.values() for e in found if e.is_draft(today)}
    left_out = ()
    if not preview:
        problems.extend(_draft_reference_problems(entries, drafts))
        left_out = tuple(sorted(e.path for name, found in entries.items() for e in found if (name, e.slug) in drafts))
        entries = {name: [e for e in found if (name, e.slug) not in drafts] for name, found in entries.items()}
    failed = {p.path for p in problems}
    principles = sorted((e for e in entries[PRINCIPLES.name] if e.path not in failed), key=lambda e: e.data["number"])
    cases = sorted((e for e in entries[CASE_STUDIES.name] if e.path not in failed),
                   key=lambda e: (-e.data["year"], e.title.casefold(), e.slug))
    others = {name: sort_entries([e for e in entries[name] if e.path not in failed], collection.sort)
              for name, collection in COLLECTIONS.items() if name not in (PRINCIPLES.name, CASE_STUDIES.name)}
    notes = sorted(note for entry in [*principles, *cases] for note in source_notes(entry, today))
    return Site(principles, cases, sorted(problems), files_read=len(files),
                drafts=frozenset(drafts) if preview else frozenset(), left_out=left_out, notes=notes,
                others=others, data=data)


DATA_FILES = ("authors.yml", "briefing.yml")


def _data_files(root: Path) -> tuple[dict, list[Problem]]:
    """The data files in content/, each checked against its schema: (contents by file name, problems)."""
    data, problems = {}, []
    for name in DATA_FILES:
        found, _, found_problems = checks.read_data(root, name)
        problems.extend(found_problems)
        if found is not None and not found_problems:
            data[name] = found
    return data, problems


def sort_entries(entries: list[Entry], keys: tuple) -> list[Entry]:
    """Entries in a declared order: `("-date", "title")` is newest first, then by title; ties by file name."""
    ordered = sorted(entries, key=lambda e: e.slug)
    for key in reversed(keys):
        name = key.lstrip("-")
        ordered.sort(key=lambda e: (lambda v: v.casefold() if isinstance(v, str) else v)(e.data.get(name, "")),
                     reverse=key.startswith("-"))
    return ordered


def _visible(path: Path, content: Path) -> bool:
    """Hidden files and folders (names starting with a dot: editor and system files) are not content."""
    return not any(part.startswith(".") for part in path.relative_to(content).parts)


def _placement_problem(rel_to_content: Path, rel: str) -> Problem | None:
    parts = rel_to_content.parts
    folders = ", ".join(f"{CONTENT_DIR}/{name}/" for name in COLLECTIONS)
    if len(parts) == 1:
        return Problem(rel, 1, 1, "file", "content files must be inside a collection folder",
                       f"move it into one of: {folders}")
    if parts[0] not in COLLECTIONS:
        hint = did_you_mean(parts[0], COLLECTIONS)
        return Problem(rel, 1, 1, "file", f"'{parts[0]}' is not a content folder",
                       f"{hint + ' ' if hint else ''}content folders are: {folders}".strip())
    if len(parts) > 2:
        return Problem(rel, 1, 1, "file", "content folders cannot have sub-folders",
                       f"move it up into {CONTENT_DIR}/{parts[0]}/")
    stem, suffix = rel_to_content.stem, rel_to_content.suffix
    if suffix != ".md":
        return Problem(rel, 1, 1, "file", f"content files must end in .md, not {suffix}", f"rename it to {stem}.md")
    if not SLUG.match(stem) or stem in RESERVED_SLUGS:
        suggestion = slugify(stem)
        if stem in RESERVED_SLUGS:
            return Problem(rel, 1, 1, "file", f"'{stem}' is reserved for the generated list of {parts[0]}",
                           "choose another file name")
        return Problem(rel, 1, 1, "file", "the file name must be lowercase words joined by hyphens",
                       f"rename it to {suggestion}.md" if suggestion else "rename it, e.g. my-case-study.md")
    return None


def slugify(text: str) -> str:
    """`Wirral community hubs` -> `wirral-community-hubs`."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", "")))


def _load_entry(collection: Collection, rel: str, file: Path, known: dict) -> tuple[Entry | None, list[Problem]]:
    try:
        problem = too_large(file.stat().st_size, rel)
        if problem is not None:
            return None, [problem]
        raw = file.read_bytes()
    except OSError as error:
        return None, [Problem(rel, 1, 1, "file", f"the file cannot be read ({error.strerror})", "check it exists")]
    document = read_document(raw, rel)
    if document.problems:
        return None, document.problems
    front_matter = document.front_matter
    problems = schema_problems(rel, collection, front_matter) + body_problems(rel, document.body, document.body_line)
    if problems:
        return None, problems
    entry = Entry(collection, file.stem, rel, front_matter.data, document.body, document.body_line, front_matter)
    return entry, _reference_problems(entry, known) + source_problems(entry)


def _references(entry: Entry):
    """(field path, target collection, slug) for each item of a field whose schema marks it
    `x-references`: the entries this one links to."""
    for name, spec in entry.collection.schema["properties"].items():
        target = spec.get("items", {}).get("x-references")
        if target and name in entry.data:
            for index, slug in enumerate(entry.data[name]):
                yield (name, index), target, slug


def _reference_problems(entry: Entry, known: dict) -> list[Problem]:
    """References must name real entries."""
    problems = []
    for path, target, slug in _references(entry):
        target_label = COLLECTIONS[target].label
        line, col = entry.front_matter.position(path)
        if target == entry.collection.name and slug == entry.slug:
            problems.append(Problem(entry.path, line, col, dotted(path), f"a {target_label} cannot list itself",
                                    "remove it"))
        elif slug not in known[target]:
            hint = did_you_mean(slug, known[target]) or f"use a file name from {CONTENT_DIR}/{target}/ without .md"
            problems.append(Problem(entry.path, line, col, dotted(path), f"there is no {target_label} '{slug}'", hint))
    return problems


def _draft_reference_problems(entries: dict, drafts: set) -> list[Problem]:
    """A published entry may not link to one that is not published yet."""
    problems = []
    for found in entries.values():
        for entry in found:
            if (entry.collection.name, entry.slug) in drafts:
                continue
            for path, target, slug in _references(entry):
                if (target, slug) in drafts:
                    line, col = entry.front_matter.position(path)
                    problems.append(Problem(
                        entry.path, line, col, dotted(path),
                        f"'{slug}' is a draft or scheduled for later, so it is not published",
                        f"remove it here, or publish {CONTENT_DIR}/{target}/{slug}.md first"))
    return problems


def _unique_value_problems(entries: list[Entry], collection: Collection) -> list[Problem]:
    """Fields marked `x-unique` in the schema may hold each value in one file only."""
    problems = []
    for name, spec in collection.schema["properties"].items():
        if not spec.get("x-unique"):
            continue
        first_with: dict = {}
        for entry in sorted(entries, key=lambda e: e.path):
            value = entry.data.get(name)
            if value is None:
                continue
            if value in first_with:
                line, col = entry.front_matter.position((name,))
                problems.append(Problem(entry.path, line, col, name,
                                        f"{value} is already used by {first_with[value]}",
                                        f"each {collection.label} needs its own {name}"))
            else:
                first_with[value] = entry.path
    return problems
