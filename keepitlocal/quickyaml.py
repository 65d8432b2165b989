"""A quick reader for the plain shape of YAML that front-matter almost always has.

Reading front-matter through libyaml's event stream costs a few microseconds per value,
mostly in making Python objects for events and marks; with a thousand files that is most
of a check. Front-matter written from the template has a simple shape:

    title: The Preston Model                 # plain, 'single' or "double" quoted text
    year: 2013
    services: [procurement, local economy]   # a list on one line
    sources:                                 # a list of items, one per line,
      - title: "The Preston Model"           # each text or a group of fields
        url: https://cles.org.uk/the-preston-model/

This module reads exactly that shape, line by line, and gives up (returns None) at the
first thing outside it: comments after a value, values over several lines, escapes, tabs,
anchors, tags, duplicate keys, empty values, deeper nesting, odd characters. The caller then
reads the file with libyaml, which decides and reports every problem. What it does read, it
reads to the same values and positions as libyaml (the tests compare both on many files).
Plain values are turned into numbers, booleans and so on by the caller's `plain_value`, the
same function libyaml's reader uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_PLAIN_FIRST_NOT = frozenset("-?:,[]{}#&*!|>'\"%@` ")  # characters a plain value may not start with
_FLOW_NOT = frozenset(",[]{}:#")  # characters a plain value inside [ ] may not contain


class _Unsure(Exception):
    """The text is outside the simple shape: leave it to libyaml."""


def read(text: str, first_line: int, plain_value: Callable[[str], Any], max_nodes: int):
    """(data, value_at, key_at, plain_text) for simple front-matter, or None.

    Written as one loop with few calls: it runs for every line of every file on each check."""
    # Tabs, control characters, Unicode line breaks and byte-order marks all mean something
    # special to YAML (or are refused by it): leave any of them to libyaml.
    if not text.replace("\n", " ").isprintable():
        return None
    value_at: dict = {}
    key_at: dict = {}
    plain_text: dict = {}
    data: dict = {}
    lines = text.split("\n")
    count = len(lines)
    index = 0
    try:
        while index < count:
            line = lines[index]
            first = line[:1]
            if not first or first == "#" or first == " ":
                if _blank(line):
                    index += 1
                    continue
                return None  # an indented line where a field should start
            key, value, offset = _field(line)
            if key in data:
                return None  # libyaml's reader reports the duplicate
            line_no = first_line + index
            if not data:
                value_at[()] = (line_no, 1)
            key_at[(key,)] = (line_no, 1)
            index += 1
            if value:
                data[key] = _value(value, (key,), line_no, offset + 1, value_at, plain_text, plain_value)
                continue
            # `key:` alone: a list follows, one `- ` item per line.
            path = (key,)
            items: list = []
            indent = -1  # of the items' dashes
            fields = None  # the group of fields of the current item, if it is one
            field_indent = 0
            while index < count:
                line = lines[index]
                stripped = line.lstrip(" ")
                if not stripped or stripped[0] == "#":
                    index += 1
                    continue
                here = len(line) - len(stripped)
                is_item = stripped[:2] == "- "
                if here == 0 and not is_item:
                    break  # the next top-level field
                line_no = first_line + index
                if is_item and (indent < 0 or here == indent):
                    indent = here
                    item_path = (*path, len(items))
                    if not items:
                        value_at[path] = (line_no, indent + 1)
                    content = stripped[2:].lstrip(" ")
                    col = len(line) - len(content) + 1
                    content = content.rstrip(" ")
                    name, colon, rest = content.partition(":")
                    if colon and (not rest or rest[0] == " ") and name.isidentifier() and name.isascii():
                        name, value, offset = _field(content)
                        fields = {}
                        field_indent = col - 1
                        value_at[item_path] = (line_no, col)
                        key_at[(*item_path, name)] = (line_no, col)
                        fields[name] = _value(value, (*item_path, name), line_no, col + offset, value_at,
                                              plain_text, plain_value)
                        items.append(fields)
                    else:
                        fields = None
                        items.append(_value(content, item_path, line_no, col, value_at, plain_text, plain_value))
                elif here == field_indent and fields is not None:
                    name, value, offset = _field(stripped)
                    if name in fields:
                        return None
                    field_path = (*path, len(items) - 1, name)
                    key_at[field_path] = (line_no, here + 1)
                    fields[name] = _value(value, field_path, line_no, here + 1 + offset, value_at, plain_text,
                                          plain_value)
                else:
                    return None
                index += 1
            if not items:
                return None  # an empty value: libyaml decides where it is
            data[key] = items
    except (_Unsure, ValueError):  # plain_value raises ValueError for what it will not read
        return None
    # Every value and every key is a node; the root mapping's position is in value_at.
    if not data or len(value_at) + len(key_at) > max_nodes:
        return None
    return data, value_at, key_at, plain_text


def _blank(line: str) -> bool:
    """Blank lines and comment lines carry nothing."""
    stripped = line.lstrip(" ")
    return not stripped or stripped[0] == "#"


def _field(text: str) -> tuple[str, str, int]:
    """`key: value` -> (key, value, offset of the value in text); value is "" for `key:`.
    Raises _Unsure when text is not a field."""
    key, colon, rest = text.partition(":")
    if not colon or (rest and rest[0] != " ") or not (key.isidentifier() and key.isascii()):
        raise _Unsure
    value = rest.lstrip(" ")
    return key, value.rstrip(" "), len(key) + 1 + len(rest) - len(value)


def _value(text: str, path: tuple, line_no: int, col: int, value_at: dict, plain_text: dict, plain_value):
    """A value on one line: text, a number and the like, or a [list]."""
    if not text:
        raise _Unsure
    value_at[path] = (line_no, col)
    if text[0] != "[":
        return _scalar(text, path, False, plain_text, plain_value)
    if text[-1] != "]":
        raise _Unsure
    inner = text[1:-1]
    items: list = []
    if inner.strip(" "):
        offset = col + 1
        for piece in inner.split(","):
            item = piece.strip(" ")
            if not item:
                raise _Unsure
            item_path = (*path, len(items))
            value_at[item_path] = (line_no, offset + len(piece) - len(piece.lstrip(" ")))
            items.append(_scalar(item, item_path, True, plain_text, plain_value))
            offset += len(piece) + 1
    return items


def _scalar(text: str, path: tuple, flow: bool, plain_text: dict, plain_value):
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            raise _Unsure
        return inner
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Unsure
        return inner.replace("''", "'")
    if first in _PLAIN_FIRST_NOT or ": " in text or " #" in text or text[-1] == ":":
        raise _Unsure
    if flow and not _FLOW_NOT.isdisjoint(text):
        raise _Unsure
    value = plain_value(text)
    if type(value) is not str:
        plain_text[path] = text
    return value
