"""The site model: every published entry, by kind, in each kind's declared order, with what the
pages need to know of it (its address, its pictures, what it names and what names it).

The check (keepitlocal.check.load) makes a `Site` from the content files; everything after it
reads one.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem
from keepitlocal.base.urls import page_url
from keepitlocal.schema.collections import SITE_WORDS, Collection, site_kinds

if TYPE_CHECKING:
    from keepitlocal.model.pictures import Picture
    from keepitlocal.read.frontmatter import FrontMatter

CONTENT_DIR = "content"
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Files in a content folder that are neither entries nor problems (names starting with a dot,
# editor and system files, are ignored too). Documented in the staff guide.
IGNORED_NAMES = {"readme.md"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_SLUGS = {"index"}  # the collection's own listing page
# Whole YAML files in content/, each checked against the schema of the same name
# (authors.yml against authors.schema.json). A project need not have them.
AUTHORS_FILE = "authors.yml"
BRIEFING_FILE = "briefing.yml"
DATA_FILES = (AUTHORS_FILE, BRIEFING_FILE)
BRIEFING_SRC_URI = "briefing/index.md"  # the briefing's page, made from content/briefing.yml
# The field that names each item of a data file's list (an author's short name), as a field of
# an entry gives it (a post's `author`).
ITEM_NAME = "short_name"


def named_items(data: dict) -> dict:
    """The items a data file names, by name: its one top-level list (authors:), each item under
    its short name, in the file's order; the first of two with one name."""
    lists = [value for value in data.values() if isinstance(value, list)]
    items: dict = {}
    for item in lists[0] if len(lists) == 1 else []:
        if isinstance(item, dict) and isinstance(item.get(ITEM_NAME), str):
            items.setdefault(item[ITEM_NAME], item)
    return items


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
    picture: Picture | None = field(default=None, repr=False, compare=False)  # its `image`, measured

    @property
    def src_uri(self) -> str:
        """The page's source path in the site, e.g. case-studies/preston-model.md."""
        return self.collection.src_uri(self.slug)

    @property
    def url(self) -> str:
        """Its page's address from the site root: case-studies/preston-model/."""
        return page_url(self.src_uri)

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
    # Links to anchors no heading typed in a story has (#sources): the pipeline looks for them in
    # the generated pages (keepitlocal.app.pipeline). (file, line, col, page, anchor, ...)
    unsure_anchors: list = field(default_factory=list)
    # Old addresses that files with problems of their own list as aliases (or, unreadable, may):
    # never reported as lost while those problems stand.
    held_aliases: frozenset = frozenset()

    def __post_init__(self):
        if not self.collections:
            self.collections = dict(site_kinds())
        self._by_slug = {(e.collection.name, e.slug): e for e in self.entries}
        self._referring: dict = {}  # (kind, field) -> {slug: [entries naming it]}

    @property
    def principles(self) -> list[Entry]:
        """In number order."""
        return self.entries_of("principles")

    @property
    def case_studies(self) -> list[Entry]:
        """Newest year first, then by title."""
        return self.entries_of("case-studies")

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
        return self.referring(principle, "case-studies", "principles")

    @property
    def authors(self) -> dict:
        """content/authors.yml: each author's short name -> their name and role."""
        return named_items(self.data.get(AUTHORS_FILE) or {})

    def of_behaviour(self, behaviour: str) -> list[Collection]:
        """The kinds declared with this `behaviour:` (events, news, councils)."""
        return [c for c in self.collections.values() if c.behaviour == behaviour]

    def entries_with(self, behaviour: str) -> list[Entry]:
        """The entries of every kind declared with this `behaviour:`."""
        return [e for c in self.of_behaviour(behaviour) for e in self.entries_of(c)]


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


def word_defaults() -> dict:
    """The site-wide words that have a default in the schema, with it."""
    return {name: spec["default"] for name, spec in SITE_WORDS.schema["properties"].items() if "default" in spec}
