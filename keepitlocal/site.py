"""Load every content file into a validated, cross-referenced site model.

`load_site(root)` never raises for anything a content author can do: every mistake in every
file becomes a `Problem`, and only files without problems become entries.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import addresses, checks, images, uktime
from .collections import (
    CASE_STUDIES,
    COLLECTIONS,
    INDEX_FILE,
    INDEX_TEXT,
    PRINCIPLES,
    PROJECT_DECLARATION,
    PROJECT_SCHEMA_DIR,
    SITE_WORDS,
    SITE_WORDS_FILE,
    Collection,
    DeclarationError,
    collections_for,
)
from .frontmatter import FrontMatter, dotted, read_data_file, read_document, too_large
from .icons import icon_problems
from .links import entry_image_problems, entry_link_problems, generated_anchor_problems
from .placeholders import body_problems
from .problems import Problem, closest, did_you_mean, lookalike
from .safe_html import Converter, story_problems
from .sources import source_notes, source_problems
from .story import empty_story_problems
from .validate import schema_problems

CONTENT_DIR = "content"
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Files in a content folder that are neither entries nor problems (names starting with a dot,
# editor and system files, are ignored too). Documented in the staff guide.
IGNORED_NAMES = {"readme.md"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
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
    picture: images.Picture | None = field(default=None, repr=False, compare=False)  # its `image`, measured

    @property
    def src_uri(self) -> str:
        """The page's source path in the site, e.g. case-studies/preston-model.md."""
        return f"{self.collection.url}/{self.slug}.md"

    @property
    def title(self) -> str:
        """Its title; a council has a name instead."""
        return self.data["title"] if "title" in self.data else self.data["name"]

    @property
    def summary(self) -> str:
        """One or two sentences for listings and link previews; empty for a kind without them."""
        return self.data.get("summary", "")

    def is_draft(self, today: datetime.date) -> bool:
        """Not for publishing yet: marked `draft: true`, or its `publish_date` is after today."""
        return bool(self.data.get("draft")) or self.data.get("publish_date", "") > today.isoformat()


@dataclass
class IndexText:
    """The words of a kind's index page, from content/<kind>/_index.md."""

    path: str  # e.g. content/case-studies/_index.md
    title: str
    description: str
    body: str  # the introduction above the generated list, in Markdown
    body_line: int


@dataclass
class Site:
    """Every published entry, by kind, in each kind's declared order, and every problem found.

    `site.entries_of("events")` gives one kind's entries; `site.principles` and
    `site.case_studies` are the same for the two kinds the site is built around."""

    by_collection: dict[str, list[Entry]]  # kind name -> its entries, in its declared sort order
    problems: list[Problem]
    files_read: int = 0
    drafts: frozenset = frozenset()  # (collection name, slug) of drafts included in a preview
    left_out: tuple = ()  # paths of valid drafts and scheduled entries left out of a published site
    collections: dict[str, Collection] = field(default_factory=dict)  # every declared kind, by name
    indexes: dict[str, IndexText] = field(default_factory=dict)  # kind name -> its _index.md, if it has one
    words: dict = field(default_factory=dict)  # content/site.yml: site-wide words and links (defaults only without it)
    words_at: FrontMatter | None = None  # where each of content/site.yml's values is written
    today: datetime.date | None = None  # the build's date: what is upcoming and what is past
    notes: list[Problem] = field(default_factory=list)  # worth tidying, never stopping a build
    data: dict = field(default_factory=dict)  # data file in content/ (authors.yml) -> its checked contents
    published: dict = field(default_factory=dict)  # content/published-addresses.txt: address -> addresses.Listed

    def __post_init__(self):
        if not self.collections:
            self.collections = dict(COLLECTIONS)
        self._by_slug = {(e.collection.name, e.slug): e for e in self.entries}
        self._referring: dict = {}  # (kind, field) -> {slug: [entries naming it]}

    @property
    def principles(self) -> list[Entry]:
        """In number order."""
        return self.entries_of(PRINCIPLES.name)

    @property
    def case_studies(self) -> list[Entry]:
        """Newest year first, then by title."""
        return self.entries_of(CASE_STUDIES.name)

    def word(self, name: str, **numbers) -> str:
        """A sentence from content/site.yml, or its schema's default where the file leaves it
        out; each {name} in it replaced by the value given, e.g. word("principle_position",
        number=3, total=6)."""
        text = self.words.get(name)
        if text is None:
            text = SITE_WORDS.schema["properties"][name]["default"]
        for key, value in numbers.items():
            text = text.replace("{" + key + "}", str(value))
        return text

    def entries_of(self, collection: Collection | str) -> list[Entry]:
        """One kind's entries in its declared order (empty if there are none)."""
        name = collection if isinstance(collection, str) else collection.name
        return self.by_collection.get(name, [])

    @property
    def entries(self) -> list[Entry]:
        return [entry for found in self.by_collection.values() for entry in found]

    def is_draft(self, entry: Entry) -> bool:
        return (entry.collection.name, entry.slug) in self.drafts

    def get(self, collection: Collection | str, slug: str) -> Entry | None:
        name = collection if isinstance(collection, str) else collection.name
        return self._by_slug.get((name, slug))

    def referenced(self, entry: Entry, field_name: str) -> list[Entry]:
        """The entries a reference field of `entry` names, in their kind's order."""
        target = entry.collection.references[field_name]
        value = entry.data.get(field_name) or []
        wanted = {value} if isinstance(value, str) else set(value)
        return [other for other in self.entries_of(target) if other.slug in wanted]

    def referring(self, entry: Entry, collection: Collection | str, field_name: str) -> list[Entry]:
        """The entries of a kind whose reference field `field_name` names `entry`, in that kind's order."""
        name = collection if isinstance(collection, str) else collection.name
        index = self._referring.get((name, field_name))
        if index is None:
            index = self._referring[(name, field_name)] = {}
            for other in self.entries_of(name):
                value = other.data.get(field_name) or []
                for slug in [value] if isinstance(value, str) else value:
                    index.setdefault(slug, []).append(other)
        return index.get(entry.slug, [])

    def principles_of(self, case: Entry) -> list[Entry]:
        """A case study's principles, in number order."""
        return self.referenced(case, "principles")

    def case_studies_for(self, principle: Entry) -> list[Entry]:
        """The case studies that illustrate a principle, in the site's case-study order."""
        return self.referring(principle, CASE_STUDIES, "principles")


_loaded: dict = {}  # (root, preview, today) -> (content signature, Site)


def load_site(root: Path | str, *, preview: bool = False, today: datetime.date | None = None) -> Site:
    """Read, parse, validate and cross-check every Markdown file under `root/content`.

    Drafts (and entries whose publish_date is after `today`) are left out, unless `preview`
    is set, when they are kept and listed in `Site.drafts`.

    The result is kept until a content file is added, removed or changed, so that every
    part of one build (pages, feed, data files) shares one load. Treat it as read-only."""
    root = Path(root).resolve()
    if today is None:
        try:
            today = uktime.today()
        except uktime.TimeProblem as error:
            return Site({}, [Problem("KEEPITLOCAL_TODAY", 1, 1, "environment", error.message, error.hint)])
    key = (root, preview, today)
    signature = (_signature(root / CONTENT_DIR), _signature(root / PROJECT_SCHEMA_DIR),
                 _file_signature(root / PROJECT_DECLARATION))
    cached = _loaded.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    site = _load(root, preview, key[2])
    _loaded.clear()  # one project at a time: a build, a preview or a check
    _loaded[key] = (signature, site)
    return site


def _file_signature(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def _signature(content: Path) -> tuple:
    """What changes when any file under content/ is added, removed, renamed or edited."""
    if not content.is_dir():
        return ()
    return tuple(sorted((str(p), s.st_mtime_ns, s.st_size, s.st_ino)
                        for p in content.rglob("*") for s in [p.lstat()]))


def _load(root: Path, preview: bool, today: datetime.date) -> Site:
    content = root / CONTENT_DIR
    problems: list[Problem] = []
    try:
        collections = collections_for(root)
    except DeclarationError as error:
        return Site({}, sorted(error.problems))
    if not content.is_dir():
        folders = " and ".join(f"{CONTENT_DIR}/{name}/" for name in collections)
        return Site({}, [Problem(CONTENT_DIR, 1, 1, "file", "the content folder is missing",
                                 f"create {folders}")], collections=collections)
    candidates: dict[str, list[tuple[str, Path]]] = {name: [] for name in collections}
    # Every file in a collection folder becomes an entry or a problem, so none is left out
    # unnoticed; loose files directly in content/ are looked at only if they are Markdown.
    files = sorted(p for p in content.rglob("*") if _visible(p, content) and p.name.lower() not in IGNORED_NAMES
                   and (p.suffix.lower() in MARKDOWN_SUFFIXES or p.parent != content) and not p.is_dir())
    indexes = {}
    picture_folders = {found.folder for c in collections.values() if (found := images.rules(c)) is not None}
    pictures: list[tuple[str, Path]] = []  # the picture files themselves, looked at for a place they give away
    for file in files:
        rel = file.relative_to(root).as_posix()
        if rel.rpartition("/")[0] in picture_folders:  # pictures that entries' `image` fields name
            if file.suffix.lower() in MARKDOWN_SUFFIXES:
                problems.append(Problem(rel, 1, 1, "file", f"{rel.rpartition('/')[0]}/ holds pictures only, so "
                                        "this file is not published", "move it into a collection folder"))
            else:
                pictures.append((rel, file))
            continue
        problem = _placement_problem(file.relative_to(content), rel, collections)
        if problem:
            problems.append(problem)
        elif file.name == INDEX_FILE:
            index, found_problems = _load_index(rel, file)
            problems.extend(found_problems)
            if index is not None:
                indexes[file.parent.name] = index
        else:
            candidates[file.parent.name].append((rel, file))
    words_file = content / SITE_WORDS_FILE
    words, words_problems, words_at = _load_words(words_file, f"{CONTENT_DIR}/{SITE_WORDS_FILE}")
    problems.extend(words_problems)

    known = {name: {Path(rel).stem for rel, _ in found} for name, found in candidates.items()}
    entries: dict[str, list[Entry]] = {name: [] for name in collections}
    fold_notes: list[Problem] = []
    for name, found in candidates.items():
        for rel, file in found:
            entry, found_problems = _load_entry(collections[name], rel, file, known, collections, fold_notes)
            problems.extend(found_problems)
            if entry is not None:
                entries[name].append(entry)

    # What a story's HTML may put on a page, decided as the build decides it (its own Markdown).
    converter = Converter(root)
    for story in [*(e for found in entries.values() for e in found), *indexes.values()]:
        problems.extend(story_problems(story.path, story.body, story.body_line, converter))
    for name, collection in collections.items():
        problems.extend(_unique_value_problems(entries[name], collection))
    data, data_problems = _data_files(root)
    problems.extend(data_problems)
    loaded = [e for found in entries.values() for e in found]
    problems.extend(checks.data_reference_problems(loaded, data, {p.path.rsplit("/", 1)[-1] for p in data_problems}))
    problems.extend(checks.future_date_problems(loaded, today))
    copies = {p.path for p in problems if p.message.split(" is already used by ")[-1:] != [p.message]}
    for found in entries.values():
        problems.extend(_same_title_problems([e for e in found if e.path not in copies]))
    draft_notes = [note for found in entries.values() for note in _draft_with_date_notes(found)]
    draft_notes += [note for rel, file in pictures if (note := images.location_note(rel, file)) is not None]
    drafts = {(e.collection.name, e.slug) for found in entries.values() for e in found if e.is_draft(today)}
    # Files with problems are still pages to link to: their own problems are reported, not every link to them.
    present = {f"{collections[name].url}/{Path(rel).stem}.md": rel for name, found in candidates.items()
               for rel, _ in found}
    link_problems, unsure_anchors = entry_link_problems(root, [e for found in entries.values() for e in found],
                                                        drafts, preview, present)
    problems.extend(link_problems)
    picture_problems = entry_image_problems(root, [e for found in entries.values() for e in found])
    problems.extend(picture_problems)
    unmeasured = {p.path for p in picture_problems}
    for found in entries.values():
        for entry in found:
            if entry.data.get("image") and entry.path not in unmeasured:
                entry.picture = images.picture(root, entry.data["image"])
    # Aliases are old addresses: none may be a page or another entry's alias; an address the
    # site published before must still be a page or an alias.
    listed, list_problems = addresses.read_list(root)
    problems.extend(list_problems)
    page_files = {f"/{collections[name].url}/{Path(rel).stem}/": rel for name, found in candidates.items()
                  if collections[name].pages for rel, _ in found}
    problems.extend(addresses.alias_problems([e for found in entries.values() for e in found], collections,
                                             page_files))
    unpublished = set() if preview else {f"/{collections[name].url}/{slug}/" for name, slug in drafts}
    served = {address for name, found in entries.items() if collections[name].pages for e in found
              if (name, e.slug) not in drafts or preview for _, _, address in addresses.aliases_of(e)}
    problems.extend(addresses.missing_problems(listed, served, collections, page_files, unpublished))
    left_out = ()
    if not preview:
        problems.extend(_draft_reference_problems(entries, drafts))
        left_out = tuple(sorted(e.path for name, found in entries.items() for e in found if (name, e.slug) in drafts))
        entries = {name: [e for e in found if (name, e.slug) not in drafts] for name, found in entries.items()}
    failed = {p.path for p in problems}
    ordered = {name: sort_entries([e for e in entries[name] if e.path not in failed], collection.sort)
               for name, collection in collections.items()}
    notes = sorted([*(note for found in ordered.values() for entry in found for note in source_notes(entry, today)),
                    *draft_notes, *(note for note in fold_notes if note.path not in failed)])
    # A kind's own module may add date-based findings (a past event with no recording yet).
    notes = sorted([*notes, *(note for name, collection in collections.items() if collection.extension is not None
                              for entry in ordered[name] for note in collection.extension.notes(
                                  entry.path, entry.data, entry.front_matter, today))])
    site = Site(ordered, sorted(problems), files_read=len(files) + words_file.exists(),
                drafts=frozenset(drafts) if preview else frozenset(), left_out=left_out, collections=collections,
                indexes=indexes, words=words, words_at=words_at, today=today, notes=notes, data=data, published=listed)
    if unsure_anchors:  # anchors that may be generated headings (e.g. #sources): look in the generated pages
        from .pages import build_pages

        more = generated_anchor_problems(unsure_anchors, build_pages(site))
        if more:
            failed |= {p.path for p in more}
            site = Site({name: [e for e in found if e.path not in failed] for name, found in ordered.items()},
                        sorted(problems + more), files_read=len(files) + words_file.exists(),
                        drafts=frozenset(drafts) if preview else frozenset(), left_out=left_out,
                        collections=collections, indexes=indexes, words=words, words_at=words_at, today=today,
                        notes=notes, data=data, published=listed)
    return site


def sort_entries(entries: list[Entry], keys: tuple) -> list[Entry]:
    """Entries in a declared order: `("-year", "title")` is highest year first, then by title
    (text ignoring case); ties, and entries without the field (last), by file name."""
    ordered = sorted(entries, key=lambda e: e.slug)
    for key in reversed(keys):
        name = key.lstrip("-")
        descending = key.startswith("-")
        present = [e for e in ordered if _sort_value(e, name) is not None]
        present.sort(key=lambda e: _sort_value(e, name), reverse=descending)
        ordered = present + [e for e in ordered if _sort_value(e, name) is None]
    return ordered


def _sort_value(entry: Entry, name: str):
    value = entry.slug if name == "slug" else entry.data.get(name)
    return value.casefold() if isinstance(value, str) else value


def _visible(path: Path, content: Path) -> bool:
    """Hidden files and folders (names starting with a dot: editor and system files) are not content."""
    return not any(part.startswith(".") for part in path.relative_to(content).parts)


def _placement_problem(rel_to_content: Path, rel: str, collections: dict) -> Problem | None:
    parts = rel_to_content.parts
    folders = ", ".join(f"{CONTENT_DIR}/{name}/" for name in collections)
    if len(parts) == 1:
        return Problem(rel, 1, 1, "file", "content files must be inside a collection folder",
                       f"move it into one of: {folders}")
    if parts[0] not in collections:
        hint = did_you_mean(parts[0], collections)
        return Problem(rel, 1, 1, "file", f"'{parts[0]}' is not a content folder",
                       f"{hint + ' ' if hint else ''}content folders are: {folders}".strip())
    if len(parts) > 2:
        return Problem(rel, 1, 1, "file", "content folders cannot have sub-folders",
                       f"move it up into {CONTENT_DIR}/{parts[0]}/")
    stem, suffix = rel_to_content.stem, rel_to_content.suffix
    if rel_to_content.name == INDEX_FILE:
        return None
    if suffix.lower() in IMAGE_SUFFIXES:
        return Problem(rel, 1, 1, "file", "images do not go in the content folders, so this one is not published",
                       f"move it to docs/images/ and show it in the story with "
                       f"![what it shows](../images/{stem}{suffix})")
    if not suffix:
        return Problem(rel, 1, 1, "file", "the file name does not end in .md, so it is not published",
                       f"rename it to {stem}.md")
    if suffix != ".md":
        return Problem(rel, 1, 1, "file", f"content files must end in .md, not {suffix}, or they are not published",
                       f"rename it to {stem}.md")
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


def _load_entry(collection: Collection, rel: str, file: Path, known: dict, collections: dict,
                notes: list[Problem]) -> tuple[Entry | None, list[Problem]]:
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
    notes.extend(checks.fold_line_breaks(rel, collection, front_matter))
    problems = (schema_problems(rel, collection, front_matter, known)
                + body_problems(rel, document.body, document.body_line)
                + empty_story_problems(rel, collection, document.body, document.body_line))
    if not problems:
        problems = icon_problems(rel, collection, front_matter)
    if not problems and collection.extension is not None:
        problems = collection.extension.problems(rel, front_matter.data, front_matter)
    if problems:
        return None, problems
    entry = Entry(collection, file.stem, rel, front_matter.data, document.body, document.body_line, front_matter)
    return entry, _reference_problems(entry, known, collections) + source_problems(entry)


def _read(file: Path, rel: str) -> tuple[bytes | None, list[Problem]]:
    try:
        problem = too_large(file.stat().st_size, rel)
        if problem is not None:
            return None, [problem]
        return file.read_bytes(), []
    except OSError as error:
        return None, [Problem(rel, 1, 1, "file", f"the file cannot be read ({error.strerror})", "check it exists")]


def _load_index(rel: str, file: Path) -> tuple[IndexText | None, list[Problem]]:
    """A folder's _index.md: the title, description and introduction of its index page."""
    raw, problems = _read(file, rel)
    if raw is None:
        return None, problems
    document = read_document(raw, rel)
    if document.problems:
        return None, document.problems
    problems = (schema_problems(rel, INDEX_TEXT, document.front_matter)
                + body_problems(rel, document.body, document.body_line))
    if problems:
        return None, problems
    data = document.front_matter.data
    return IndexText(rel, data["title"], data["description"], document.body, document.body_line), []


def _load_words(file: Path, rel: str) -> tuple[dict, list[Problem], FrontMatter | None]:
    """content/site.yml, if there is one: the site-wide words and links, checked against its
    schema, and where each is written. Words the schema gives a `default` (the filter's) have it
    when the file leaves them out, or when there is no file."""
    defaults = word_defaults()
    if not file.exists():
        return defaults, [], None
    raw, problems = _read(file, rel)
    if raw is None:
        return defaults, problems, None
    document = read_data_file(raw, rel)
    if document.problems:
        return defaults, document.problems, None
    problems = schema_problems(rel, SITE_WORDS, document.front_matter)
    if problems:
        return defaults, problems, None
    return {**defaults, **document.front_matter.data}, [], document.front_matter


def word_defaults() -> dict:
    """The site-wide words that have a default in the schema, with it."""
    return {name: spec["default"] for name, spec in SITE_WORDS.schema["properties"].items() if "default" in spec}


def _references(entry: Entry):
    """(field path, target kind, slug) for each entry this one names in a field its kind
    declares as a reference (a file name, or a list of them)."""
    for name, target in entry.collection.references.items():
        value = entry.data.get(name)
        if isinstance(value, str):
            yield (name,), target, value
        elif isinstance(value, list):
            for index, slug in enumerate(value):
                yield (name, index), target, slug


def _reference_problems(entry: Entry, known: dict, collections: dict) -> list[Problem]:
    """References must name real entries."""
    problems = []
    for path, target, slug in _references(entry):
        target_label = collections[target].label
        line, col = entry.front_matter.position(path)
        if target == entry.collection.name and slug == entry.slug:
            problems.append(Problem(entry.path, line, col, dotted(path), f"a {target_label} cannot list itself",
                                    "remove it"))
        elif slug not in known.get(target, ()):
            odd = lookalike(slug, known.get(target, ()))
            if odd:
                problems.append(Problem(entry.path, line, col, dotted(path), f"'{slug}' {odd[0]}", odd[1]))
                continue
            hint = closest(slug, known.get(target, ()), target_label, f"{CONTENT_DIR}/{target}/")
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
    """Fields the kind declares `unique` may hold each value in one file only."""
    problems = []
    for name in collection.unique:
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


def _same_title_problems(entries: list[Entry]) -> list[Problem]:
    """Two entries of one kind with the same title (ignoring case and spacing) make two cards
    no reader can tell apart: the later file, in name order, is reported, naming the other."""
    problems = []
    first_with: dict = {}
    for entry in sorted(entries, key=lambda e: e.path):
        title = entry.data.get("title")
        if not isinstance(title, str):
            continue
        key = " ".join(title.casefold().split())
        if key in first_with:
            line, col = entry.front_matter.position(("title",))
            problems.append(Problem(entry.path, line, col, "title",
                                    f"'{title}' is also the title of {first_with[key]}, so readers could not tell "
                                    "the two apart", f"give each {entry.collection.label} its own title"))
        else:
            first_with[key] = entry.path
    return problems


def _draft_with_date_notes(entries: list[Entry]) -> list[Problem]:
    """`draft: true` always wins over `publish_date`: an entry that says both never goes live,
    so the check says so (a note: a draft may be scheduled while it is being written) rather
    than let a scheduled entry stay unpublished unnoticed."""
    problems = []
    for entry in entries:
        when = entry.data.get("publish_date")
        if entry.data.get("draft") is True and isinstance(when, str):
            line, col = entry.front_matter.position(("publish_date",))
            problems.append(Problem(entry.path, line, col, "publish_date",
                                    f"scheduled for {_long_date(when)}, but draft: true keeps it unpublished, "
                                    "on that day too", "set draft: false to let it go live on that date, or "
                                    "delete the publish_date line"))
    return problems


def _long_date(text: str) -> str:
    """2027-03-01 -> 1 March 2027."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {day:%B %Y}"


# Whole YAML files in content/, each checked against the schema of the same name
# (authors.yml against authors.schema.json). A project need not have them.
DATA_FILES = ("authors.yml", "briefing.yml")


def checked_data_files(root: Path | str) -> dict:
    """The data files in content/ that pass their check, by file name (authors.yml -> contents)."""
    return _data_files(Path(root))[0]


def _data_files(root: Path) -> tuple[dict, list[Problem]]:
    """The data files in content/, each checked against its schema: (contents by file name, problems)."""
    data, problems = {}, []
    for name in DATA_FILES:
        found, _, found_problems = checks.read_data(root, name)
        problems.extend(found_problems)
        if found is not None and not found_problems:
            data[name] = found
    return data, problems
