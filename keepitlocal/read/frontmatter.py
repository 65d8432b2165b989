"""Split a content file into front-matter and body, and read the front-matter's YAML with
the position of every key and value.

MkDocs reads front-matter itself and silently drops anything it cannot parse, so content
files are read here instead, strictly: invalid YAML, a missing closing `---`, duplicate keys,
text that is not UTF-8, aliases and oversized input all become positioned problems.

The YAML is composed into a node tree by libyaml (C, fast), whose marks give every key's and
value's position; the tree is walked here into plain values, under limits on size, depth and
aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from keepitlocal.base.problems import LOOKALIKES, Problem

# Limits on what one file may hold. Real content is far below each of them.
MAX_FILE_BYTES = 1_000_000
MAX_FRONT_MATTER_CHARS = 64_000
MAX_DEPTH = 8
MAX_NODES = 5_000
# Python-Markdown recurses once per level of nesting, and fails beyond a few hundred levels.
MAX_INDENT = 200  # columns of leading space on a line of the text, a tab counting as 4

Path = tuple  # a path into the front-matter: keys (str) and list indexes (int)

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# Problems with the fields as a whole (not one field) are reported on this name: the staff guide
# calls the lines at the top of a file, between the two --- lines, "the fields".
FIELDS = "fields"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")}
_DEFAULT_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_STR = "tag:yaml.org,2002:str"
# First characters of plain values that YAML may read as something other than text
# (None: a resolver applies to any value, so every value must be resolved).
_IMPLICIT_FIRST = None if None in _RESOLVER.yaml_implicit_resolvers else frozenset(_RESOLVER.yaml_implicit_resolvers)
_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode
_NODE_EVENTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _as_written(tag: str) -> str:
    """A tag as staff typed it: !!python/object, not the tag:yaml.org,2002:python/object it stands for."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
# Where an anchor (&name) or alias (*name) could start: at a line's start, or after a space or
# a [ { , in a flow collection. Text like "R&D" or "Tom & Jerry" cannot hold one.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*]\S", re.MULTILINE)


class _Loader(_BASE_LOADER):
    """libyaml's composer with the safe loader's tags, resolved without the per-node work that
    only path resolvers (which the safe loader has none of) need."""

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is _ScalarNode:
            if implicit[0] and (_IMPLICIT_FIRST is None or value[:1] in _IMPLICIT_FIRST or not value):
                return _RESOLVER.resolve(kind, value, implicit)
            return _STR
        return _SEQ if kind is _SequenceNode else _MAP


_LOADER = _Loader
_DELIMITERS = {"---"}
_CLOSERS = {"---", "..."}


@dataclass
class FrontMatter:
    """Front-matter data with where each piece was written (1-based line and column)."""

    data: dict = field(default_factory=dict)
    value_at: dict = field(default_factory=dict)  # Path -> (line, col) of the value
    key_at: dict = field(default_factory=dict)  # Path -> (line, col) of the key naming it
    plain_text: dict = field(default_factory=dict)  # Path -> text of unquoted non-string scalars
    source: str = field(default="", repr=False)  # the YAML as written

    def position(self, path: Path) -> tuple[int, int]:
        """Where to point for a problem at `path`: its value, else its key, else its parent."""
        path = tuple(path)
        while path:
            if path in self.value_at:
                return self.value_at[path]
            path = path[:-1]
        return self.value_at.get((), (1, 1))


@dataclass
class Document:
    """A content file, read: front-matter, Markdown body, and the problems found on the way."""

    front_matter: FrontMatter
    body: str
    body_line: int  # the file line where the body starts
    problems: list


class _Stop(Exception):
    """Reading cannot go on; carries the problem that stopped it."""

    def __init__(self, line: int, col: int, field: str, message: str, hint: str = ""):
        super().__init__(message)
        self.where = (line, col, field, message, hint)


def read_document(raw: bytes, path: str) -> Document:
    """Read one content file's bytes. Never raises for anything the bytes contain."""
    try:
        text = _decode(raw)
        yaml_text, body, yaml_line, body_line = _split(text)
        front_matter, problems = parse_yaml(yaml_text, first_line=yaml_line)
        _check_indentation(body, body_line)
    except _Stop as stop:
        return Document(FrontMatter(), "", 1, [Problem(path, *stop.where)])
    return Document(front_matter, body, body_line, [Problem(path, *p) for p in problems])


def _check_indentation(body: str, body_line: int) -> None:
    if "\t" not in body and " " * MAX_INDENT not in body:
        return  # the common case: no line can be indented that far
    for index, line in enumerate(body.split("\n")):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if len(indent.expandtabs(4)) > MAX_INDENT:
            raise _Stop(body_line + index, 1, "text", f"a line of the text is indented by more than {MAX_INDENT} "
                        "spaces (lists or quotes nested that deep cannot be shown)",
                        "remove the spaces at the start of the line")


def too_large(size: int, path: str) -> Problem | None:
    """The problem with a file of `size` bytes, if it is over the limit: callers that can ask
    the file system for the size need not read a huge file to be told so."""
    if size <= MAX_FILE_BYTES:
        return None
    return Problem(path, 1, 1, "file", f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})",
                   "split it up, or remove pasted images or data")


def _decode(raw: bytes) -> str:
    problem = too_large(len(raw), "")
    if problem is not None:
        raise _Stop(problem.line, problem.col, problem.field, problem.message, problem.hint)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        raise _Stop(line, col, "file", f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot be read)",
                    "save it as UTF-8: in most editors, Save As and choose the encoding UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(text: str) -> tuple[str, str, int, int]:
    lines = text.split("\n")
    if lines[0].rstrip() not in _DELIMITERS:
        raise _Stop(1, 1, FIELDS, "the file does not start with its fields",
                    "the first line must be --- then the fields, one per line, then a line with ---")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            yaml_text = "\n".join(lines[1:index])
            if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
                raise _Stop(2, 1, FIELDS,
                            f"the fields at the top are too long ({len(yaml_text):,} characters; the limit is "
                            f"{MAX_FRONT_MATTER_CHARS:,})", "keep long text in the body, below the closing ---")
            return yaml_text, "\n".join(lines[index + 1:]), 2, index + 2
    raise _Stop(1, 1, FIELDS, "the fields at the top are never closed",
                "add a line with just --- after the last field, before the text")


def parse_yaml(yaml_text: str, first_line: int = 1) -> tuple[FrontMatter, list]:
    """Parse front-matter YAML into a mapping with positions. Returns it and a list of
    problems as (line, col, field, message, hint) tuples; raises _Stop when it cannot go on.

    libyaml's C composer turns the text into a tree of nodes, each marked with its line and
    column; the walk below builds plain values from the tree and refuses what front-matter
    does not allow. Anchors and aliases are looked for first, in the event stream, and only
    when the text holds a & or a *: the composer would expand an alias bomb's references into
    a tree far larger than the text."""
    try:
        long = len(yaml_text) > MAX_NODES  # short text cannot hold more values than characters
        if long or (("&" in yaml_text or "*" in yaml_text) and _MAYBE_ANCHOR.search(yaml_text)):
            _prescan(yaml_text, first_line, long)
        root = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        line, col = _yaml_error_position(error, first_line)
        spacing = _space_after_colon(yaml_text, line - first_line)
        if spacing is not None:
            raise _Stop(first_line + spacing[0], *spacing[1:]) from None
        if isinstance(error, yaml.composer.ComposerError) and "single document" in (error.context or ""):
            raise _Stop(line, col, FIELDS, "there is a second --- line among the fields",
                        "remove the extra --- or ... line among the fields") from None
        quote = _quote_mistake(yaml_text, line - first_line)
        if quote is not None:
            index, col, message, hint = quote
            raise _Stop(first_line + index, col, FIELDS, message, hint) from None
        raise _Stop(line, col, FIELDS, *_yaml_error_text(error, yaml_text, line - first_line)) from None
    except yaml.YAMLError as error:  # a reader error: a character YAML does not allow
        line, col = _offset_position(yaml_text, getattr(error, "position", 0), first_line)
        raise _Stop(line, col, FIELDS, "the fields contain a control character, which is not allowed",
                    "remove control characters; retyping the line usually fixes it") from None
    if root is not None and type(root) is not yaml.MappingNode and ":" in yaml_text:
        spacing = _space_after_colon(yaml_text, yaml_text.count("\n"))
        if spacing is not None:
            raise _Stop(first_line + spacing[0], *spacing[1:])
    front_matter, problems = _Walk(first_line).result(root)
    front_matter.source = yaml_text
    if root is not None and ("\t#" in yaml_text or " #" in yaml_text):
        problems = sorted(problems + _notes_after_values(root, yaml_text, first_line))
    return front_matter, problems


_HASHTAG_LINE = re.compile(r"^[ \t]+#[^ \t#]")


def _notes_after_values(root, yaml_text: str, first_line: int) -> list:
    """Text YAML would read as a note and silently drop: ` #` after a value on its line
    (`title: Wigan Deal #KeepItLocal fund` publishes "Wigan Deal"), and a value's next line
    starting with # (`#1 council`). Notes on lines of their own stay allowed."""
    lines = yaml_text.split("\n")
    found = []
    stack = [(root, ())]
    while stack:
        node, path = stack.pop()
        if type(node) is _ScalarNode or node.flow_style:
            end = node.end_mark
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            stripped = rest.lstrip(" \t")
            if rest[:1] in (" ", "\t") and stripped.startswith("#"):
                col = end.column + len(rest) - len(stripped) + 1
                found.append(_note_problem(lines, end.line, col, path, node, first_line))
            elif type(node) is _ScalarNode and not node.style and end.line + 1 < len(lines) \
                    and _HASHTAG_LINE.match(lines[end.line + 1]):
                following = lines[end.line + 1]
                col = len(following) - len(following.lstrip(" \t")) + 1
                found.append((first_line + end.line + 1, col, _dotted(path) or FIELDS,
                              f"the line '{following.strip()}' is left out: a line starting with # is a note, "
                              "which is never published",
                              "put the whole value on one line in double quotes, e.g. "
                              '"The UK\'s #1 council", or write it without the #'))
        if type(node) is _SequenceNode:
            stack.extend((item, (*path, index)) for index, item in reversed(list(enumerate(node.value))))
        elif type(node) is not _ScalarNode:
            stack.extend((value, (*path, key.value)) for key, value in reversed(node.value)
                         if type(key) is _ScalarNode)
    return found


def _note_problem(lines: list, line_index: int, col: int, path: Path, node, first_line: int) -> tuple:
    line = lines[line_index]
    note = line[col - 1:].strip()
    field = _dotted(path) or FIELDS
    if type(node) is _ScalarNode and not node.style and node.tag == _STR:
        shown = note if len(note) <= 40 else note[:37] + "..."
        message = (f"the text '{shown}' is left out: among the fields a space followed by # starts a note, "
                   "which is never published")
        written = lines[node.start_mark.line][node.start_mark.column:col - 1].rstrip() + " " + note \
            if node.start_mark.line == line_index else ""
        if node.start_mark.line == line_index and _FIELD_LINE.match(line):
            hint = _quoted_line(line).replace("put the whole value in double quotes:",
                                              "to keep it, put the whole value in double quotes:")
        elif written:
            hint = 'to keep it, put the whole value in double quotes: "' + written.replace('"', '\\"') + '"'
        else:
            hint = "to keep it, put the whole value in double quotes"
        return (first_line + line_index, col, field, message, hint)
    return (first_line + line_index, col, field,
            f"the note '{note[:40]}' after the value is never published",
            "move the note to a line of its own above the field, or delete it")


def _prescan(yaml_text: str, first_line: int, count: bool) -> None:
    """Stop at the first anchor (&name) or alias (*name), and, if `count`, at the value past the
    limit, before the composer builds a tree of them. A YAML mistake found on the way is left
    for the composer to report."""
    loader = _LOADER(yaml_text)
    nodes = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                return
            kind = type(event)
            if kind is yaml.AliasEvent or getattr(event, "anchor", None) is not None:
                mark = event.start_mark
                raise _Stop(first_line + mark.line, mark.column + 1, FIELDS,
                            "anchors (&name) and aliases (*name) are not allowed", "write each value out in full")
            if count and kind in _NODE_EVENTS:
                nodes += 1
                if nodes > MAX_NODES:
                    mark = event.start_mark
                    raise _Stop(first_line + mark.line, mark.column + 1, FIELDS,
                                f"the fields hold too many values (the limit is {MAX_NODES:,})",
                                "move long lists into the body")
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


# A field name and its colon at the start of a line (or of a list item), followed by neither an
# ordinary space nor the end of the line: `summary:Preston`, or a non-breaking space after the
# colon. YAML reads such a line as one word, not a field, and notices only on a later line.
_NO_SPACE_AFTER_COLON = re.compile(r"^(\s*(?:-[ \t]+)?)([A-Za-z_][\w-]*):(?=[^ \t:/])")
_MAX_TRIES = 8  # lines tried, each by reading the fields again: a file of `see:this` lines stays quick
_SPACES = {char: what for char, (what, _, typed) in LOOKALIKES.items() if typed in (" ", "")}


def _space_after_colon(yaml_text: str, error_index: int) -> tuple[int, int, str, str, str] | None:
    """The line, at or before the one where YAML noticed a mistake, whose field has no ordinary
    space after its colon: (line index, column, field, message, hint), or None. A line counts
    only if the YAML reads past the mistake once an ordinary space is put there, so a colon in
    the text of a long value (`see:this`) is never blamed for another mistake."""
    lines = yaml_text.split("\n")
    tries = 0
    for index in range(min(error_index, len(lines) - 1), -1, -1):  # YAML notices soon after: look back
        line = lines[index]
        match = _NO_SPACE_AFTER_COLON.match(line)
        if match is None:
            continue
        tries += 1
        if tries > _MAX_TRIES:
            return None
        at = match.end()
        char = line[at]
        odd = char in _SPACES or (char.isspace() and char not in "\n")
        fixed_line = line[:at] + " " + line[at + 1 if odd else at:]
        if not _reads_past(lines[:index] + [fixed_line] + lines[index + 1:], index, error_index):
            continue
        key = match[2]
        return (index, at + 1, key, *_colon_words(key, char, _as_field(key, fixed_line[at + 1:])))
    return None


def _as_field(key: str, value: str) -> str:
    """`key: value` as a line to copy: in double quotes if the value holds ': ' or ' #'; cut short
    if long."""
    value = value.strip()
    if value[:1] not in ('"', "'", "[", "{") and (": " in value or " #" in value):
        value = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{key}: {value if len(value) <= 60 else value[:57] + '...'}" if value else f"{key}:"


def _colon_words(key: str, char: str, shown: str) -> tuple[str, str]:
    """What is wrong with the character `char` after `key:`, and how to fix it (the fixed line: `shown`)."""
    if char in _SPACES or char.isspace():
        what = _SPACES.get(char, f"an unusual space (U+{ord(char):04X})")
        return (f"the space after '{key}:' is {what}, which does not separate a field from its value",
                f"delete that space and type an ordinary one: {shown}" if shown != f"{key}:"
                else f"delete that space: {shown}")
    return (f"there is no space after '{key}:', so the line is not read as a field",
            f"put a space after the colon: {shown}")


def _reads_past(lines: list, index: int, error_index: int) -> bool:
    """Whether the YAML of `lines` reads as fields at least up to the line after `error_index`."""
    try:
        root = yaml.compose("\n".join(lines), Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return mark is not None and mark.line > max(index, error_index)
    except yaml.YAMLError:
        return False
    return root is None or type(root) is yaml.MappingNode


def _offset_position(text: str, byte_offset: int, first_line: int) -> tuple[int, int]:
    before = text.encode("utf-8")[:byte_offset].decode("utf-8", "replace")
    return first_line + before.count("\n"), len(before) - (before.rfind("\n") + 1) + 1


def _yaml_error_position(error: yaml.MarkedYAMLError, first_line: int) -> tuple[int, int]:
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and any(words in (error.context or "") for words in _OPENED_AT):
        mark = error.context_mark  # point at the quote or bracket that was never closed
    if mark is None:
        return first_line, 1
    return first_line + mark.line, mark.column + 1


_OPENED_AT = ("quoted scalar", "flow sequence", "flow mapping")

# (words in the parser's message, what to tell a person, how to fix it)
_YAML_TRAPS = [
    ("unknown escape character", "a backslash (\\) inside double quotes starts a special character",
     "write two backslashes for one, or put the value in single quotes"),
    ("quoted scalar", "a quote is opened but never closed", "add the closing quote at the end of the value"),
    ("mapping values are not allowed", "a value contains ': ' but is not in quotes",
     'put the whole value in double quotes, e.g. summary: "Preston: a model for others"'),
    ("flow sequence", "a list in [ ] is not closed, or an item in it needs quotes",
     "close the list with ], and quote items that contain commas or colons"),
    ("flow mapping", "a { } is not closed, or a value in it needs quotes", "close it with }, or quote the value"),
    ("could not find expected ':'", "a line is neither `field: value` nor a continuation of the value above",
     "add the missing ':' after the field name, or put a long value in quotes"),
    ("did not find expected key", "the indentation is inconsistent",
     "line up fields at the same level under each other, with spaces"),
    ("expected <block end>", "the indentation is inconsistent",
     "line up fields at the same level under each other, with spaces"),
    ("block sequence entries are not allowed", "a list item '- ' is on the same line as its field",
     "start the list on the next line, each item indented and starting with '- '"),
    ("cannot start any token", "a value starts with a character that has a special meaning there",
     "put the whole value in double quotes"),
    ("expected node content", "a value or a list in [ ] is left unfinished",
     "finish it, or put the whole value in double quotes"),
    ("expected alphabetic or numeric character", "a value starts with * or &, which have a special meaning there",
     "put the whole value in double quotes"),
    ("exceeded maximum nesting depth", f"values are nested too deeply (the limit is {MAX_DEPTH} levels)",
     "the fields need at most lists of fields; check for a run of [ or {"),
]


# The value runs from its first to its last non-space character (a greedy `.*\S`: a lazy `.*?`
# followed by `\s*$` takes time growing with the square of a run of spaces).
_VALUE_START = re.compile(r"^(\s*(?:-\s+)?(?:[^\s\"'#:][^:#]*?:\s+)?)(\S(?:.*\S)?)\s*$")
_CURLY = {"\u201c": "\u201d", "\u2018": "\u2019"}


def _quote_mistake(yaml_text: str, error_index: int) -> tuple[int, int, str, str] | None:
    """The quote that caused a YAML error, found from the start of the front-matter up to the
    line the error was noticed on: a value that opens a quote and either never closes it where
    it should, or goes on after the closing quote (`title: "The Deal" in Wigan`, or an
    apostrophe inside single quotes). Returns (line index, column, message, hint) or None."""
    lines = yaml_text.split("\n")
    index = 0
    while index <= min(error_index, len(lines) - 1):
        line = lines[index]
        match = _VALUE_START.match(line)
        value = match[2] if match else ""
        if value[:1] not in ('"', "'"):
            index += 1
            continue
        quote, col = value[0], len(match[1]) + 1
        end_index, end_col = _closing_quote(lines, index, len(match[1]) + 1, quote)
        if end_index is None:
            if index == error_index or end_index is None:
                return (index, col, "a quote is opened but never closed",
                        "add the closing quote at the end of the value")
        rest = lines[end_index][end_col + 1:].strip()
        if rest and not rest.startswith("#"):
            if end_index != index:
                below = end_index - index
                return (index, col, f"the quote opened here is not closed on this line (the next {quote} "
                        f"is {below} line{'s' if below > 1 else ''} below)",
                        "add the closing quote at the end of this value")
            key = match[1].strip()
            if quote == "'":
                inner = value[1:].rstrip("'")
                fixed = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
                return (index, col, "an apostrophe inside a value in single quotes ends the quotes "
                        "early", f"put the whole value in double quotes instead: {key} {fixed}".replace("  ", " "))
            fixed = "'" + value.replace("'", "''") + "'"
            return (index, col, "the value starts with a quote, so it must end at the closing quote, "
                    "but more text follows it", f"put the whole value in single quotes: {key} {fixed}".strip())
        index = end_index + 1
    return None


def _closing_quote(lines: list, index: int, start: int, quote: str) -> tuple[int | None, int]:
    """Where the quote opened at lines[index][start - 1] closes: (line index, column index)."""
    col = start
    while index < len(lines):
        line = lines[index]
        while col < len(line):
            char = line[col]
            if quote == '"' and char == "\\":
                col += 2
                continue
            if char == quote:
                if quote == "'" and line[col + 1:col + 2] == "'":
                    col += 2
                    continue
                return index, col
            col += 1
        index, col = index + 1, 0
    return None, 0


def _yaml_error_text(error: yaml.MarkedYAMLError, yaml_text: str, line_index: int) -> tuple[str, str]:
    lines = yaml_text.split("\n")
    line = lines[line_index] if 0 <= line_index < len(lines) else ""
    if "\t" in line[: len(line) - len(line.lstrip())]:
        return "a tab character is used for indentation", "indent with spaces, never tabs"
    said = f"{error.context or ''} {error.problem or ''}"
    match = _VALUE_START.match(line)
    value = match[2] if match else ""
    if value[:1] in _CURLY and "mapping values are not allowed" in said:
        inner = value[1:].rstrip(_CURLY[value[0]]).replace("\\", "\\\\").replace('"', '\\"')
        return (f"the value is in curly quotes ({value[0]} {_CURLY[value[0]]}), which do not count as "
                "quotes here, and it contains ': '",
                f'write it in straight double quotes: {match[1].strip()} "{inner}"')
    for words, message, hint in _YAML_TRAPS:
        if words in said:
            if words == "mapping values are not allowed":
                hint = _quoted_line(line) or hint
            return message, hint
    return f"the fields cannot be read: {(error.problem or error.context or 'unknown reason').strip()}", \
        "check this line and the one above for a missing quote, colon or space"


_FIELD_LINE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][\w-]*:\s+)(.*?)\s*$")


def _quoted_line(line: str) -> str:
    """The hint for a value with ': ' in it: the line itself, with the value in double quotes."""
    match = _FIELD_LINE.match(line)
    if not match or match[2][:1] in "\"'[{":
        return ""
    value = match[2].replace("\\", "\\\\").replace('"', '\\"')
    return f'put the whole value in double quotes: {match[1].strip()} "{value}"'


class _Walk:
    """Builds plain values from libyaml's node tree, noting where each key and value was
    written, and refusing tags, keys that are not plain text, deep nesting and too many values.

    It runs for every value of every file on each check, so it is written for speed: one pass
    in the order the values were written (the first problem met is the first in the file),
    with text values, most of a file, handled in line."""

    def __init__(self, first_line: int):
        self.first_line = first_line
        self.front_matter = FrontMatter()
        self.problems: list = []
        self.nodes = 0

    def result(self, root) -> tuple[FrontMatter, list]:
        front_matter = self.front_matter
        data = {} if root is None else self.value(root, (), 0)
        if not isinstance(data, dict):
            line, col = front_matter.value_at.get((), (self.first_line, 1))
            shape = "a list" if isinstance(data, list) else "a single value"
            raise _Stop(line, col, FIELDS, f"the lines at the top must be fields (name: value), not {shape}",
                        "write one `field: value` per line")
        front_matter.data = data
        front_matter.value_at.setdefault((), (self.first_line, 1))
        return front_matter, self.problems

    def too_many(self, node) -> None:
        self.stop(node, FIELDS, f"the fields hold too many values (the limit is {MAX_NODES:,})",
                  "move long lists into the body")

    def value(self, node, path: Path, depth: int):
        """The value of `node` at `path`, `depth` collections deep."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.too_many(node)
        value_at = self.front_matter.value_at
        if path not in value_at:
            mark = node.start_mark
            value_at[path] = (self.first_line + mark.line, mark.column + 1)
        tag = node.tag
        if type(node) is _ScalarNode:
            if tag == _STR:
                return node.value
            return self.scalar(node, path)
        if tag not in _DEFAULT_COLLECTION_TAGS:
            self.stop(node, FIELDS, f"{_as_written(tag)} (a word starting with !) is not allowed in a value",
                      "remove the tag (the word starting with !)")
        if depth >= MAX_DEPTH:
            self.stop(node, _dotted(path) or FIELDS,
                      f"values are nested too deeply (the limit is {MAX_DEPTH} levels)",
                      "the fields need at most lists of fields")
        first_line = self.first_line
        depth += 1
        if type(node) is _SequenceNode:
            items = []
            for index, item in enumerate(node.value):
                if type(item) is _ScalarNode and item.tag == _STR:  # text: the common case, in line
                    self.nodes += 1
                    if self.nodes > MAX_NODES:
                        self.too_many(item)
                    item_path = (*path, index)
                    if item_path not in value_at:
                        mark = item.start_mark
                        value_at[item_path] = (first_line + mark.line, mark.column + 1)
                    items.append(item.value)
                else:
                    items.append(self.value(item, (*path, index), depth))
            return items
        mapping: dict = {}
        key_at = self.front_matter.key_at
        missing_dash = False  # after one, the item's other fields are its copies, not more mistakes
        for key_node, value_node in node.value:
            self.nodes += 1
            if self.nodes > MAX_NODES:
                self.too_many(key_node)
            if type(key_node) is not _ScalarNode or not key_node.value.strip():
                self.stop(key_node, FIELDS, "a field name must be plain text",
                          "write each field as `name: value`")
            key = key_node.value
            key_path = (*path, key)
            mark = key_node.start_mark
            at = (first_line + mark.line, mark.column + 1)
            if ":" in key and not key_node.style:
                self.colon_in_key(key, at, value_node)
            if key in mapping:
                if path and isinstance(path[-1], int) and key == next(iter(mapping)):
                    # A list item's first field again: most likely the next item, without its '- '.
                    self.problems.append((*at, _dotted(key_path), "appears twice in one list item: the '- ' that "
                                          "starts a new item seems to be missing", f"if line {at[0]} starts another "
                                          f"item, write '- ' before {key}, lined up with the '- ' above"))
                    missing_dash = True
                elif not missing_dash:
                    self.problems.append((*at, _dotted(key_path), f"appears twice (first on line "
                                          f"{key_at[key_path][0]}); only one value can be kept",
                                          "delete one of the two lines"))
                self.value(value_node, key_path, depth)  # still held to every limit
                continue
            key_at[key_path] = at
            if type(value_node) is _ScalarNode and value_node.tag == _STR:  # text: the common case, in line
                self.nodes += 1
                if self.nodes > MAX_NODES:
                    self.too_many(value_node)
                if key_path not in value_at:
                    mark = value_node.start_mark
                    value_at[key_path] = (first_line + mark.line, mark.column + 1)
                mapping[key] = value_node.value
            else:
                mapping[key] = self.value(value_node, key_path, depth)
        return mapping

    def colon_in_key(self, key: str, at: tuple[int, int], value_node) -> None:
        """Stop at `summary:Preston: a model` (or a non-breaking space after `summary:`), which YAML
        reads as the field 'summary:Preston' with the value 'a model'."""
        match = _NO_SPACE_AFTER_COLON.match(key)
        if match is None:
            return
        name, char = match[2], key[match.end()]
        rest = key[match.end() + (1 if char in _SPACES or char.isspace() else 0):]
        value = value_node.value if type(value_node) is _ScalarNode else ""
        shown = _as_field(name, f"{rest}: {value}")
        raise _Stop(at[0], at[1] + match.end(), name, *_colon_words(name, char, shown))

    def stop(self, node, field: str, message: str, hint: str):
        mark = node.start_mark
        raise _Stop(self.first_line + mark.line, mark.column + 1, field, message, hint)

    def scalar(self, node, path: Path):
        """A value that is not plain text: a number, true/false, empty, or a date (kept as text)."""
        tag = node.tag
        if tag not in _SCALAR_TAGS and tag != _TIMESTAMP:
            self.stop(node, FIELDS, f"{_as_written(tag)} (a word starting with !) is not allowed in a value",
                      "remove the tag (the word starting with !)")
        try:
            value = _construct_cached(tag, node.value)
        except ValueError:
            self.stop(node, FIELDS, f"{node.value!r} does not match the {_as_written(tag)} before it",
                      "remove the tag (the word starting with !)")
        if not node.style and type(value) is not str:
            self.front_matter.plain_text.setdefault(path, node.value)
        return value


@lru_cache(maxsize=4096)  # the same few words (regions, years, true) recur in every file
def _construct_cached(tag: str, value: str):
    return _construct(tag, value)


def _construct(tag: str, value: str):
    """A scalar's value from its text and resolved tag; ValueError when the text does not fit."""
    if tag == _STR or tag == _TIMESTAMP:
        return value  # dates stay as written (YYYY-MM-DD), like JSON
    if tag not in _SCALAR_TAGS:
        raise ValueError(tag)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    except (yaml.YAMLError, ValueError, TypeError) as error:
        raise ValueError(value) from error


@lru_cache(maxsize=4096)  # the same few words (regions, years, true) recur in every file
def plain_value(text: str):
    """The value of an untagged, unquoted scalar: text, or what YAML reads it as (a number,
    true/false, empty). Raises ValueError for what the front-matter does not allow."""
    if _IMPLICIT_FIRST is not None and text[:1] not in _IMPLICIT_FIRST:
        return text
    return _construct(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)), text)


def _dotted(path: Path) -> str:
    """A path as people read it: `sources[2].url` (list positions count from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


dotted = _dotted


def split_page(text: str) -> tuple[str, int]:
    """A hand-written page's Markdown without its front-matter, if it has one, and the file line
    the Markdown starts on. Never raises."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if text.split("\n", 1)[0].rstrip() not in _DELIMITERS:
        return text, 1
    try:
        _, body, _, body_line = _split(text)
    except _Stop:
        return text, 1
    return body, body_line


def read_data_file(raw: bytes, path: str) -> Document:
    """Read a file that is all YAML (a data file such as content/site.yml, or the declaration of
    the kinds of content) with the same rules and positions as front-matter. Never raises."""
    try:
        text = _decode(raw)
        if len(text) > MAX_FRONT_MATTER_CHARS:
            raise _Stop(1, 1, "file", f"the file is too long ({len(text):,} characters; the limit is "
                        f"{MAX_FRONT_MATTER_CHARS:,})", "split it up")
        front_matter, problems = parse_yaml(text, first_line=1)
    except _Stop as stop:
        return Document(FrontMatter(), "", 1, [Problem(path, *stop.where)])
    return Document(front_matter, "", 1, [Problem(path, *p) for p in problems])
