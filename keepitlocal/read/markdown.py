"""Stories and pages as Markdown, read the way the build reads them.

Which lines are code and which ids a page's headings get are decided by Python-Markdown itself,
configured as the build configures it (`Converter`, from mkdocs.yml's `markdown_extensions`),
never by a second grammar of our own: a CommonMark parser, or a pattern, disagrees with it
exactly where staff text is lost (headings, lists, attribute lists, comments, nested lists).
Links, images and citations are then found, with their line and column, on the lines that are
not code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from keepitlocal.base.project import ENGINE_EXTENSIONS, read_project

# [text](target "title") and ![alt](src "title"); text may hold one level of [brackets].
_INLINE = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
                     r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)
_REFERENCE = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\[([^\]\n]*)\]")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ATTR = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Link:
    line: int  # in the file
    col: int
    image: bool
    text: str  # the link text, or the image's alt text
    target: str


def find_links(body: str, body_line: int, code: frozenset[int] | None = None) -> list[Link]:
    """Every link and image in Markdown text, with its position in the file; code is skipped:
    the lines `code` holds (by default, as the engine's own extensions read them) and code spans."""
    if "](" not in body and "][" not in body and "<img" not in body.lower():
        return []
    code = default_converter().code_lines(body) if code is None else code
    found = []
    lines = body.split("\n")
    definitions = {}
    if "]:" in body:
        for match in _DEFINITION.finditer(body):
            definitions[match[1].strip().casefold()] = _unwrap(match[2])
    for index, line in outside_code(lines, code):
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        number = body_line + index
        for match in _INLINE.finditer(line):
            found.append(Link(number, match.start(3) + 1, bool(match[1]), match[2], _unwrap(match[3])))
        if "][" in line:
            for match in _REFERENCE.finditer(line):
                name = (match[3] or match[2]).strip().casefold()
                if name in definitions:
                    found.append(Link(number, match.start() + 1, bool(match[1]), match[2], definitions[name]))
        if "<img" in line.lower():
            for match in _HTML_IMG.finditer(line):
                attrs = {m[1].lower(): next(v for v in m.groups()[1:] if v is not None) for m in
                         _HTML_ATTR.finditer(match[0])}
                found.append(Link(number, match.start() + 1, True, attrs.get("alt", ""), attrs.get("src", "")))
    return found


def outside_code(lines: list[str], code: frozenset[int]):
    """(index, line) for each line that is not code."""
    return ((index, line) for index, line in enumerate(lines) if index not in code)


def _unwrap(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target


# Marks the end of each line while a text is converted to see which lines end up as code; a
# character from Unicode's private use area, which no story holds and Markdown leaves alone.
_MARK = "\uf8f0{}\uf8f1"
_MARKED = re.compile("\uf8f0(\\d+)\uf8f1")
_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.IGNORECASE)
_ID = re.compile(r"""\sid=["']([^"'<>]+)["']""")
# Only a text with one of these can hold a code block: an indented line or a fence.
_MAY_HOLD_CODE = re.compile(r"^(?: {4}|\t)|```|~~~", re.M)


class Converter:
    """Python-Markdown as the build configures it (the project's `markdown_extensions`), for the
    check to see a story exactly as the build will; `Converter(None)`: the engine's own extensions."""

    def __init__(self, root: Path | str | None):
        if root is None:
            self.extensions, self.settings = list(ENGINE_EXTENSIONS), {}
        else:
            project = read_project(root)
            self.extensions, self.settings = list(project.markdown_extensions), project.markdown_settings
        _SETTINGS.setdefault(repr(sorted(self.settings.items())), self.settings)
        self._code: dict[str, frozenset[int]] = {}
        self._ids: dict[str, frozenset[str]] = {}

    def code_lines(self, text: str) -> frozenset[int]:
        """The indices of the lines of `text` that Python-Markdown reads as code blocks: fenced
        (fences included) or indented, wherever its extensions put them (an admonition's indented
        text is not code; a list item's may be). Each indented line outside a fence is marked at
        its end, the text converted, and the marks found inside <pre> are the code lines."""
        if not _MAY_HOLD_CODE.search(text):
            return frozenset()
        if text not in self._code:
            lines = text.split("\n")
            fenced = _fenced_lines(text)
            # Only an indented line can be in an indented code block; marking no other line
            # leaves every block's first line (an admonition's, a heading's) as it was.
            marked = "\n".join(line + _MARK.format(index) if index not in fenced and line.strip()
                                and line.startswith(("    ", "\t")) else line for index, line in enumerate(lines))
            html = self.convert(marked)
            found = {int(number) for block in _PRE.findall(html) for number in _MARKED.findall(block)}
            self._code[text] = frozenset(found | fenced)
        return self._code[text]

    def heading_ids(self, text: str) -> frozenset[str]:
        """Every id the converted text has: the table of contents' ids of its headings (made
        unique as the build makes them) and ids written with {#id} or in HTML."""
        if text not in self._ids:
            self._ids[text] = frozenset(_ID.findall(self.convert(text))) if text.strip() else frozenset()
        return self._ids[text]

    def convert(self, text: str) -> str:
        """The text as the build's Markdown makes it HTML. Kept for the process (by the text and
        the settings, up to a few thousand texts): the check converts a story for its HTML, its
        words and its anchors, and the build's pipeline checks a page more than once."""
        return _converted(tuple(self.extensions), repr(sorted(self.settings.items())), text)


@functools.lru_cache(maxsize=4096)
def _converted(extensions: tuple, settings: str, text: str) -> str:
    engine = _engine(extensions, settings)
    engine.reset()
    return engine.convert(text)


@functools.cache
def _engine(extensions: tuple, settings: str) -> markdown.Markdown:
    """One Python-Markdown per set of extensions and settings (`settings` is their repr, for the
    cache; the dict itself comes from the project)."""
    configs = _SETTINGS.get(settings, {})
    try:
        return markdown.Markdown(extensions=list(extensions), extension_configs=configs)
    except Exception:  # an extension that cannot be loaded here: the build names it itself
        return markdown.Markdown(extensions=list(ENGINE_EXTENSIONS))


_SETTINGS: dict[str, dict] = {}  # repr -> the settings it stands for, filled as converters are made


def _fenced_lines(text: str) -> frozenset[int]:
    """The lines of fenced code blocks, fences included, found with the fenced_code extension's
    own pattern on the text as its preprocessor sees it (tabs expanded, blank lines emptied)."""
    if "```" not in text and "~~~" not in text:
        return frozenset()
    normal = re.sub(r"(?<=\n) +\n", "\n", text.expandtabs(4))
    found = set()
    for match in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(normal):
        first = normal.count("\n", 0, match.start())
        found.update(range(first, first + match[0].count("\n") + 1))
    return frozenset(found)


_DEFAULT: list = []


def default_converter() -> Converter:
    """Python-Markdown with the engine's own extensions, for text read without a project."""
    if not _DEFAULT:
        _DEFAULT.append(Converter(None))
    return _DEFAULT[0]
