"""Checks a kind declares beyond its schema: names looked up in a data file, and dates that
may not be after today.

Declared per kind in collections.yml:

    data_references: {author: authors.yml}    # `author` must be a name in content/authors.yml
    future_dates: {joined: refuse}            # a date after today is a mistake
    future_dates: {date: needs-publish-date}  # ... unless a publish_date holds the entry back until then

A data file (content/authors.yml) is checked against its own schema (authors.schema.json,
from its name) with the same positioned, hinted problems as front-matter. Every function
here returns problems; none raises for anything a content author can write.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from keepitlocal.base.problems import Problem, did_you_mean
from keepitlocal.check.validate import schema_problems
from keepitlocal.model.site import ITEM_NAME, named_items
from keepitlocal.read.frontmatter import FrontMatter, dotted, read_data_file, too_large
from keepitlocal.schema.collections import Collection, field_schema, several_lines

CONTENT_DIR = "content"


def data_file_kind(file_name: str):
    """The pseudo-kind of a data file, so validate.py can word its problems: authors.yml -> authors."""

    stem = Path(file_name).stem
    return Collection(name=stem, label=stem.rstrip("s"), label_plural=stem.capitalize(),
                      schema_file=f"{stem}.schema.json")


def read_data(root: Path, file_name: str) -> tuple[dict | None, FrontMatter | None, list[Problem]]:
    """content/<file_name> read and checked against its schema: (data, positions, problems).
    The data is None when the file is missing (a project need not have every data file) and
    empty when it has problems."""

    rel = f"{CONTENT_DIR}/{file_name}"
    path = Path(root) / rel
    try:
        problem = too_large(path.stat().st_size, rel)
        if problem is not None:
            return {}, None, [problem]
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None, []
    except OSError as error:
        return {}, None, [Problem(rel, 1, 1, "file", f"the file cannot be read ({error.strerror})", "check it exists")]
    document = read_data_file(raw, rel)
    if document.problems:
        return {}, None, document.problems
    problems = schema_problems(rel, data_file_kind(file_name), document.front_matter) or \
        repeated_names(rel, document.front_matter)
    if problems:
        return {}, document.front_matter, problems
    return document.front_matter.data, document.front_matter, []


def data_reference_problems(entries: list, data: dict[str, dict], failed: set[str]) -> list[Problem]:
    """Each declared data reference must name an item of its data file, e.g. an author in
    content/authors.yml; the hint offers the closest names. A data file with problems of its
    own (in `failed`) is reported once, not again for every entry that uses it."""
    problems = []
    for entry in entries:
        for field_name, file_name in getattr(entry.collection, "data_references", {}).items():
            value = entry.data.get(field_name)
            if value is None or file_name in failed:
                continue
            names = _names(data.get(file_name) or {})
            if value not in names:
                line, col = entry.front_matter.position((field_name,))
                hint = did_you_mean(value, names) or (
                    f"use one of: {', '.join(sorted(names))}" if names else f"add it to {CONTENT_DIR}/{file_name}")
                if names and did_you_mean(value, names):
                    hint += f" (or add it to {CONTENT_DIR}/{file_name})"
                problems.append(Problem(entry.path, line, col, field_name,
                                        f"'{value}' is not in {CONTENT_DIR}/{file_name}", hint))
    return problems


def _names(data: dict) -> dict:
    """The names a data file defines: the short names of its one top-level list (authors: ...)."""
    return named_items(data)


def repeated_names(rel: str, front_matter: FrontMatter) -> list[Problem]:
    """A short name given to two items of a data file's list: the second is reported, naming the first."""
    problems, seen = [], {}
    for key, items in front_matter.data.items():
        for index, item in enumerate(items if isinstance(items, list) else []):
            name = item.get(ITEM_NAME) if isinstance(item, dict) else None
            if not isinstance(name, str):
                continue
            if name in seen:
                line, col = front_matter.position((key, index, ITEM_NAME))
                problems.append(Problem(rel, line, col, f"{key}[{index + 1}].{ITEM_NAME}",
                                        f"'{name}' is the short name of another item too (line {seen[name]})",
                                        "give each its own short name"))
            else:
                seen[name] = front_matter.position((key, index, ITEM_NAME))[0]
    return problems


NEEDS_PUBLISH_DATE = "needs-publish-date"


def future_date_problems(entries: list, today: datetime.date) -> list[Problem]:
    """A date after today, in a field the kind declares in `future_dates`: `refuse` (a council
    cannot have joined tomorrow) or `needs-publish-date` (a post dated tomorrow must wait for
    it: a publish_date on or after that day holds it back)."""
    problems = []
    for entry in entries:
        for field_name, rule in getattr(entry.collection, "future_dates", {}).items():
            value = entry.data.get(field_name)
            if value is None or not _is_date(value) or _full(_date_part(value)) <= today.isoformat():
                continue
            waits_for = entry.data.get("publish_date")
            if rule == NEEDS_PUBLISH_DATE and waits_for is not None and str(waits_for) >= _full(_date_part(value)):
                continue
            hint = (f"correct the date, or add publish_date: {_full(_date_part(value))} to publish it on that day"
                    if rule == NEEDS_PUBLISH_DATE else "correct the date: it cannot be after today")
            line, col = entry.front_matter.position((field_name,))
            problems.append(Problem(entry.path, line, col, field_name,
                                    f"{value} is after today ({today.isoformat()})", hint))
    return problems


def _is_date(value) -> bool:
    return _date_part(value)[:4].isdigit()


def _date_part(value) -> str:
    """The date in a value such as "after 2020-03-03" (a word, then the date), or the value itself."""
    return str(value).rsplit(" ", 1)[-1]


def _full(value: str) -> str:
    """2027 -> 2027-01-01; 2027-05 -> 2027-05-01: the first day a partial date could mean."""
    parts = value.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


# Line breaks a one-line value may hold once YAML has read it: `title: >` and `title: |` end in
# one, "\n" in double quotes is one, and Unicode has a few more.
_LINE_BREAKS = "\n\r\u2028\u2029\x85\x0b\x0c"
_LINE_BREAK = re.compile(f"[{_LINE_BREAKS}]+")


def fold_line_breaks(path: str, collection: Collection, front_matter: FrontMatter) -> list[Problem]:
    """A text field that is not long (collections.several_lines) is one line: a title, a place,
    a source's publisher. Calendars, feeds and headings have no room for a line break, and a
    calendar stops at one. Each break is folded into a space here, before anything reads the
    value, with a note where it was."""

    notes = []
    stack = [((), front_matter.data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if any(c in value for c in _LINE_BREAKS) and not several_lines(field_schema(collection, where)):
                # split and join: linear, where a pattern with spaces around the break is not
                folded = " ".join(part.strip(" \t") for part in _LINE_BREAK.split(value) if part.strip(" \t"))
                _put(front_matter.data, where, folded)
                line, col = front_matter.position(where)
                notes.append(Problem(path, line, col, dotted(where) if where else "fields",
                                     "a line break in this value is shown as a space: it is one line on the page, "
                                     "in the feed and in calendars",
                                     "write it on one line after the colon (without > or |) to silence this note"))
        elif isinstance(value, dict):
            stack.extend(((*where, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*where, i), v) for i, v in enumerate(value))
    return sorted(notes)


def _put(data, where: tuple, value) -> None:
    for step in where[:-1]:
        data = data[step]
    data[where[-1]] = value
