"""Inline citations: `[@nao-2018]` in a story points at the source with that `id`.

The syntax is Pandoc's: one source `[@nao-2018]`, several `[@nao-2018; @pac-2018]`. A
citation is found only in running text: never in fenced or indented code, nor in `code
spans`, nor where the brackets are a link's text (`[@locality](https://...)`), nor after a
backslash (`\\[@x]` is written as it stands).

Sources are numbered in the order the front-matter lists them (primary sources first), so a
number means the same source in the text, the list at the page's foot and a printed copy.
Each citation becomes a numbered link down to its source, and each source links back up to
every place that cites it, the way Wikipedia does.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from keepitlocal.read.markdown import default_converter

# `[@` opens a citation; what follows must be ids separated by `;`.
_OPENING = re.compile(r"(?<![\\!\]])\[@")
_CITATION = re.compile(r"\[(@[^\]\[\n]*)\](?![(\[])")
_ID = re.compile(r"^@([A-Za-z0-9][A-Za-z0-9_.:-]*)$")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Cited:
    """One id inside a citation, where it is written."""

    id: str
    line: int  # 1-based, in the text searched
    col: int  # 1-based column of the id's @


@dataclass(frozen=True)
class Citation:
    """One `[...]` citation in the text: its ids, and where it is."""

    start: int  # offsets into the text searched
    end: int
    line: int
    col: int
    ids: tuple[Cited, ...] = ()
    malformed: bool = False  # `[@` that does not go on as `@id; @id]`


def find_citations(text: str, code: frozenset[int] | None = None) -> list[Citation]:
    """Every citation in Markdown text, in order, skipping code: the lines `code` holds (by
    default, as Python-Markdown with the engine's own extensions reads them) and code spans."""
    if "[@" not in text:
        return []
    return list(_find_citations(text, default_converter().code_lines(text) if code is None else code))


@functools.lru_cache(maxsize=4096)
def _find_citations(text: str, code: frozenset[int]) -> tuple[Citation, ...]:
    # The check reads a story's citations twice (unknown ids, then sources nothing cites) and the
    # build once more: each story is searched once.
    found = []
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if index not in code and "[@" in line:
            found.extend(_citations_in_line(line, index + 1, offset))
        offset += len(line) + 1
    return tuple(found)


def _citations_in_line(line: str, number: int, offset: int) -> list[Citation]:
    spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)]
    found = []
    for opening in _OPENING.finditer(line):
        start = opening.start()
        if any(a <= start < b for a, b in spans) or (found and start < found[-1].end - offset):
            continue
        match = _CITATION.match(line, start)
        if match is not None and _is_reference_definition(line, start, match.end()):
            continue
        if match is None:
            if not _is_link_text(line, start):
                found.append(Citation(offset + start, offset + start + 2, number, start + 1, malformed=True))
            continue
        ids = []
        position = match.start(1)
        for part in match.group(1).split(";"):
            lead = len(part) - len(part.lstrip())
            key = _ID.match(part.strip())
            if key is None:
                ids = []
                break
            ids.append(Cited(key.group(1), number, position + lead + 1))
            position += len(part) + 1
        found.append(Citation(offset + match.start(), offset + match.end(), number, start + 1, tuple(ids),
                              malformed=not ids))
    return found


def _is_link_text(line: str, start: int) -> bool:
    """`[@someone](address)` or `[@someone][ref]`: a link whose text starts with @, not a citation."""
    depth = 0
    for index in range(start, len(line)):
        if line[index] == "[":
            depth += 1
        elif line[index] == "]":
            depth -= 1
            if depth == 0:
                return line[index + 1:index + 2] in ("(", "[") or _is_reference_definition(line, start, index + 1)
    return False


def _is_reference_definition(line: str, start: int, end: int) -> bool:
    """`[@someone]: address` at the start of a line defines a link; `scale fail [@id]:` in a
    sentence is a citation followed by a colon."""
    return line[end:end + 1] == ":" and len(line[:start]) <= 3 and not line[:start].strip()


def source_ids(sources: list[dict]) -> list[str]:
    return [source["id"] for source in sources if source.get("id")]


def close_ids(key: str, ids: list[str], count: int = 3) -> list[str]:
    """The ids most like a mistyped one, closest first."""

    folded = {i.casefold(): i for i in ids}
    if key.casefold() in folded:
        return [folded[key.casefold()]]
    return [folded[m] for m in difflib.get_close_matches(key.casefold(), list(folded), n=count, cutoff=0.6)]
