"""Stories and pages as Markdown: where their links, images and headings are, and which lines
are code, found from the text with their line and column, without converting it.

Heading ids come from the table of contents' own slug function (Python-Markdown's toc
extension), so an anchor found here is the one the built page has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.extensions.toc import slugify as toc_slugify

from keepitlocal.base.project import ENGINE_EXTENSIONS, read_project

# [text](target "title") and ![alt](src "title"); text may hold one level of [brackets].
_INLINE = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
                     r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)
_REFERENCE = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\[([^\]\n]*)\]")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ATTR = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""<h[1-6][^>]*\bid=["']([^"']+)["']""", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    line: int  # in the file
    col: int
    image: bool
    text: str  # the link text, or the image's alt text
    target: str


def find_links(body: str, body_line: int) -> list[Link]:
    """Every link and image in Markdown text, with its position in the file; code is skipped."""
    if "](" not in body and "][" not in body and "<img" not in body.lower():
        return []
    found = []
    lines = body.split("\n")
    definitions = {}
    if "]:" in body:
        for match in _DEFINITION.finditer(body):
            definitions[match[1].strip().casefold()] = _unwrap(match[2])
    for index, line in outside_fences(lines):
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "+")) and \
                (index == 0 or not lines[index - 1].strip()):
            continue  # an indented code block
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


def outside_fences(lines: list[str]):
    """(index, line) for each line that is not inside a fenced code block, nor a fence itself."""
    fence = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened[1]
            continue
        yield index, line


def _unwrap(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target


def heading_ids(body: str) -> set[str]:
    """The ids the table of contents gives the headings of Markdown text (and ids written with
    {#id} or in HTML), found by pattern, without rendering."""
    ids: set[str] = set()
    lines = body.split("\n")
    for index, line in outside_fences(lines):
        text = None
        match = _ATX.match(line)
        if match:
            text = match[2]
        elif index and _SETEXT.match(line) and lines[index - 1].strip() and not _ATX.match(lines[index - 1]):
            text = lines[index - 1].strip()
        if "<h" in line:
            ids.update(_HTML_ID.findall(line))
        if text is None:
            continue
        custom = _ATTR_ID.search(text)
        if custom:
            ids.add(custom[1])
            continue
        slug = toc_slugify(_plain_heading(text), "-")
        # The table of contents makes repeated ids unique with _1, _2, ...
        unique, count = slug, 0
        while unique in ids:
            count += 1
            unique = f"{slug}_{count}"
        ids.add(unique)
    return ids


def _plain_heading(text: str) -> str:
    """Heading text as the table of contents sees it: link targets, emphasis and code marks gone."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text)


class Converter:
    """Python-Markdown as the build configures it (the project's `markdown_extensions`), for the
    check to see a story exactly as the build will."""

    def __init__(self, root: Path | str):
        project = read_project(root)
        self.extensions, self.settings = list(project.markdown_extensions), project.markdown_settings
        self._markdown = None

    def convert(self, text: str) -> str:
        if self._markdown is None:
            try:
                self._markdown = markdown.Markdown(extensions=self.extensions, extension_configs=self.settings)
            except Exception:  # an extension that cannot be loaded here: the build names it itself
                self._markdown = markdown.Markdown(extensions=list(ENGINE_EXTENSIONS))
        self._markdown.reset()
        return self._markdown.convert(text)
