"""Load every content file into a validated, cross-referenced site model.

`load_site(root)` never raises for anything a content author can do: every mistake in every
file becomes a `Problem`, and only files without problems become entries. It renders nothing:
anchors that only generated pages have are returned unsure, for the pipeline
(keepitlocal.app.pipeline) to settle.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from keepitlocal.base import uktime
from keepitlocal.base.problems import Problem, closest, did_you_mean, lookalike
from keepitlocal.base.text import long_date, slugify
from keepitlocal.base.urls import site_address
from keepitlocal.check import datafiles as checks
from keepitlocal.check import kinds
from keepitlocal.check.addresses import alias_problems, missing_problems
from keepitlocal.check.icons import icon_problems
from keepitlocal.check.links import entry_image_problems, entry_link_problems
from keepitlocal.check.pictures import location_note
from keepitlocal.check.placeholders import body_problems
from keepitlocal.check.safe_html import story_problems
from keepitlocal.check.sources import source_notes, source_problems
from keepitlocal.check.story import empty_story_problems
from keepitlocal.check.story_words import story_word_problems
from keepitlocal.check.validate import schema_problems
from keepitlocal.model import addresses
from keepitlocal.model import pictures as images
from keepitlocal.model.site import (
    CONTENT_DIR,
    DATA_FILES,
    IGNORED_NAMES,
    IMAGE_SUFFIXES,
    MARKDOWN_SUFFIXES,
    RESERVED_SLUGS,
    SLUG,
    Entry,
    IndexText,
    Site,
    sort_entries,
    word_defaults,
)
from keepitlocal.read.frontmatter import FrontMatter, dotted, read_data_file, read_document, too_large
from keepitlocal.read.markdown import Converter
from keepitlocal.schema.collections import (
    INDEX_FILE,
    INDEX_TEXT,
    PROJECT_DECLARATION,
    PROJECT_SCHEMA_DIR,
    SITE_WORDS,
    SITE_WORDS_FILE,
    Collection,
    DeclarationError,
    collections_for,
)

SLUG_WORDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WHOLE_ADDRESS = re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+")
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
    rejected: list = []  # files with problems: (entry, or None and the text if unreadable, kind)
    for name, found in candidates.items():
        for rel, file in found:
            entry, found_problems = _load_entry(collections[name], rel, file, known, collections, fold_notes,
                                                rejected)
            problems.extend(found_problems)
            if entry is not None:
                entries[name].append(entry)

    # What a story's HTML may put on a page, decided as the build decides it (its own Markdown).
    converter = Converter(root)
    for story in [*(e for found in entries.values() for e in found), *indexes.values()]:
        found = story_problems(story.path, story.body, story.body_line, converter)
        problems.extend(found)  # a line whose HTML is refused already has its message
        problems.extend(p for p in story_word_problems(story.path, story.body, story.body_line, converter)
                        if p.line not in {f.line for f in found})
    # Addresses published before: a file that had one is the existing one of two that clash.
    listed, list_problems = addresses.read_list(root)
    problems.extend(list_problems)
    unique_problems = [problem for name, collection in collections.items()
                       for problem in _unique_value_problems(entries[name], collection, set(listed))]
    problems.extend(unique_problems)
    data, data_problems = _data_files(root)
    problems.extend(data_problems)
    loaded = [e for found in entries.values() for e in found]
    problems.extend(checks.data_reference_problems(loaded, data, {p.path.rsplit("/", 1)[-1] for p in data_problems}))
    problems.extend(checks.future_date_problems(loaded, today))
    copies = {p.path for p in unique_problems}
    for found in entries.values():
        problems.extend(_same_title_problems([e for e in found if e.path not in copies], set(listed)))
    draft_notes = [note for found in entries.values() for note in _draft_with_date_notes(found)]
    draft_notes += [note for rel, file in pictures if (note := location_note(rel, file)) is not None]
    drafts = {(e.collection.name, e.slug) for found in entries.values() for e in found if e.is_draft(today)}
    # Files with problems are still pages to link to: their own problems are reported, not every link to them.
    present = {collections[name].src_uri(Path(rel).stem): rel for name, found in candidates.items()
               for rel, _ in found}
    link_problems, unsure_anchors = entry_link_problems(root, [e for found in entries.values() for e in found],
                                                        drafts, preview, present, converter)
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
    page_files = {site_address(collections[name].src_uri(Path(rel).stem)): rel for name, found in candidates.items()
                  if collections[name].pages for rel, _ in found}
    problems.extend(alias_problems([e for found in entries.values() for e in found], collections,
                                             page_files))
    unpublished = set() if preview else {site_address(collections[name].src_uri(slug)) for name, slug in drafts}
    served = {address for name, found in entries.items() if collections[name].pages for e in found
              if (name, e.slug) not in drafts or preview for _, _, address in addresses.aliases_of(e)}
    held = _held_addresses(rejected)
    served |= held
    problems.extend(missing_problems(listed, served, collections, page_files, unpublished))
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
    notes = sorted([*notes, *(note for name, collection in collections.items()
                              if kinds.checks(collection) is not None
                              for entry in ordered[name] for note in kinds.checks(collection).notes(
                                  entry.path, entry.data, entry.front_matter, today))])
    site = Site(ordered, sorted(problems), files_read=len(files) + words_file.exists(),
                drafts=frozenset(drafts) if preview else frozenset(), left_out=left_out, collections=collections,
                indexes=indexes, words=words, words_at=words_at, today=today, notes=notes, data=data, published=listed,
                unsure_anchors=unsure_anchors, held_aliases=held)
    return site


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


def _load_entry(collection: Collection, rel: str, file: Path, known: dict, collections: dict,
                notes: list[Problem], rejected: list) -> tuple[Entry | None, list[Problem]]:
    """One content file as an entry, or its problems; a file with problems is added to `rejected`
    as what could be read of it (an entry, or only its text), for the old addresses it holds."""
    try:
        problem = too_large(file.stat().st_size, rel)
        if problem is not None:
            return None, [problem]
        raw = file.read_bytes()
    except OSError as error:
        return None, [Problem(rel, 1, 1, "file", f"the file cannot be read ({error.strerror})", "check it exists")]
    document = read_document(raw, rel)
    if document.problems:
        rejected.append((None, raw.decode("utf-8", "replace"), collection))
        return None, document.problems
    front_matter = document.front_matter
    notes.extend(checks.fold_line_breaks(rel, collection, front_matter))
    problems = (schema_problems(rel, collection, front_matter, known)
                + body_problems(rel, document.body, document.body_line)
                + empty_story_problems(rel, collection, document.body, document.body_line))
    if not problems:
        problems = icon_problems(rel, collection, front_matter)
    if not problems and kinds.checks(collection) is not None:
        problems = kinds.checks(collection).problems(rel, front_matter.data, front_matter)
    entry = Entry(collection, file.stem, rel, front_matter.data, document.body, document.body_line, front_matter)
    if problems:
        rejected.append((entry, "", collection))
        return None, problems
    return entry, _reference_problems(entry, known, collections) + source_problems(entry)


def _held_addresses(rejected: list) -> frozenset[str]:
    """The old addresses that files with problems of their own hold as aliases, so that a
    mistake elsewhere in a renamed file never brings a message to add the alias it has. A file
    whose fields cannot be read at all counts as holding every address its text could name (an
    old file name in its own folder, or a whole address): its own problem is reported, and the
    check looks again once it is fixed."""
    held = set()
    for entry, text, collection in rejected:
        if not collection.pages:
            continue
        if entry is not None:
            if isinstance(entry.data.get(addresses.ALIASES), list):
                held.update(address for _, _, address in addresses.aliases_of(entry))
            continue
        held.update(f"/{collection.url}/{word}/" for word in SLUG_WORDS.findall(text))
        held.update(WHOLE_ADDRESS.findall(text))
    return frozenset(held)


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


def _unique_value_problems(entries: list[Entry], collection: Collection, published: set[str]) -> list[Problem]:
    """Fields the kind declares `unique` may hold each value in one file only. Both files are
    reported, each naming the other, for staff may have changed either."""
    problems = []
    for name in collection.unique:
        with_value: dict = {}
        for entry in entries:
            value = entry.data.get(name)
            if value is not None:
                with_value.setdefault(value, []).append(entry)
        for value, found in with_value.items():
            for entry, others, words in _each_with_others(found, published):
                line, col = entry.front_matter.position((name,))
                problems.append(Problem(entry.path, line, col, name, f"{value} {words.used} {others}",
                                        f"each {collection.label} needs its own {name}: {words.fix}"))
    return problems


def _same_title_problems(entries: list[Entry], published: set[str]) -> list[Problem]:
    """Two entries of one kind with the same title (a council's name; ignoring case and
    spacing) make two cards no reader can tell apart: both files are reported, each naming
    the other."""
    problems = []
    with_title: dict = {}
    for entry in entries:
        title = entry.data.get("title", entry.data.get("name"))
        if isinstance(title, str):
            with_title.setdefault(" ".join(title.casefold().split()), []).append(entry)
    for found in with_title.values():
        for entry, others, words in _each_with_others(found, published):
            field = "title" if "title" in entry.data else "name"
            line, col = entry.front_matter.position((field,))
            problems.append(Problem(entry.path, line, col, field,
                                    f"'{entry.data[field]}' {words.used.replace('used by', f'the {field} of')} "
                                    f"{others}, so readers could not tell the two apart",
                                    f"give each {entry.collection.label} its own {field}: {words.fix}"))
    return problems


class _Clash:
    """How to word a value one file shares with others: the new file (not yet published) is
    told to change its own, the published one is told which new file to change."""

    def __init__(self, used: str, fix: str):
        self.used, self.fix = used, fix


def _each_with_others(found: list[Entry], published: set[str]):
    """(entry, the others named in words, _Clash) for each entry of `found` sharing a value
    with another. Which file staff just changed cannot be known without the history, so every
    file is reported; a file whose address (or old address) was published before is the
    existing one, and one never published the new one."""
    if len(found) < 2:
        return
    found = sorted(found, key=lambda e: e.path)
    was_published = {e.path: addresses.entry_address(e) in published
                     or any(address in published for _, _, address in addresses.aliases_of(e)) for e in found}
    for entry in found:
        others = [e for e in found if e is not entry]
        named = " and ".join(e.path for e in others)
        new_others = [e.path for e in others if not was_published[e.path]]
        if not was_published[entry.path] and len(new_others) < len(others):
            words = _Clash("is already used by", "this file is new, so change it here")
        elif was_published[entry.path] and new_others:
            words = _Clash("is also used by", f"change it in {' and '.join(new_others)}, which "
                           f"{'is' if len(new_others) == 1 else 'are'} new, unless this file is the one to change")
        else:
            words = _Clash("is also used by", f"change it here or in {named}")
        yield entry, named, words


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
                                    f"scheduled for {long_date(when)}, but draft: true keeps it unpublished, "
                                    "on that day too", "set draft: false to let it go live on that date, or "
                                    "delete the publish_date line"))
    return problems


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
