"""Citations on a page: each `[@id]` in a story becomes a numbered link down to its source, and
each source in the list at the page's foot links back up to every place that cites it, the way
Wikipedia does. Where citations are is read in keepitlocal.read.citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keepitlocal.model.site import Site
from keepitlocal.read.citations import find_citations
from keepitlocal.render.environment import render

_LINE_BREAK = re.compile(r"\n[ \t]*\Z")
_PARAGRAPH_START = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*\Z")


def _starts_paragraph(markdown: str, start: int) -> bool:
    return _PARAGRAPH_START.search(markdown, max(0, start - 200), start) is not None


def _joined(before: str, markdown: str, start: int) -> str:
    """The text before a citation that stands first on a line inside a paragraph, with that line
    break as a space: its placeholder there would be read by Markdown as a block of HTML that
    ends the paragraph, and a line break inside a paragraph is a space in HTML anyway."""
    found = _LINE_BREAK.search(before)
    at = start + found.start() if found else 0
    if not found or at == 0 or markdown[at - 1] == "\n":
        return before  # not after a line of text: a paragraph of its own
    if markdown[markdown.rfind("\n", 0, at) + 1:at].lstrip().startswith("#"):
        return before  # after a heading
    return before[:found.start()] + " "


@dataclass
class Citations:
    """The citations of one page: marks each one where it stands, numbered by its source's
    place in the list, and remembers every mark, so the source list links back to them.

    Anything that cites on the page (the story, a key figure) calls `mark` or `render`
    before `source_list` is made."""

    sources: list[dict]
    marks: dict[int, list[str]] = field(default_factory=dict)  # source number -> anchors that cite it
    # A page's render.Components: when given, each citation stands in the Markdown as a placeholder
    # that is filled after conversion, so Markdown parses only what staff wrote.
    components: object = field(default=None, repr=False)

    def __post_init__(self):
        self.numbers = {source["id"]: index for index, source in enumerate(self.sources, start=1)
                        if source.get("id")}

    def cite(self, key: str) -> tuple[str, int]:
        """Record one place on the page that cites the source `key`: its anchor (for the source
        list's link back) and the source's number. Raises KeyError for an id no source has."""
        number = self.numbers.get(key)
        if number is None:
            raise KeyError(key)
        anchors = self.marks.setdefault(number, [])
        anchor = f"kil-cite-{number}-{len(anchors) + 1}"
        anchors.append(anchor)
        return anchor, number

    def mark(self, ids: list[str], placeholder: bool = True) -> str:
        """The HTML of one citation of `ids`: `[3, 5]`, each number a link to its source
        (templates/components/citation.html); a placeholder for it when the page has components,
        unless `placeholder` is false."""
        links = [self.cite(key) for key in ids]
        if self.components is not None and placeholder:
            return str(self.components.add("components/citation.html", searchable=False, links=links))
        return str(render("components/citation.html", links=links)).strip()

    def render(self, markdown: str) -> str:
        """Markdown with every citation replaced by its numbered link (inline HTML, which
        Markdown leaves as it is). Raises KeyError for an id no source has."""
        parts = []
        last = 0
        for citation in find_citations(markdown):
            if citation.malformed:
                continue
            before = markdown[last:citation.start]
            if self.components is not None:
                before = _joined(before, markdown, last)
            # The number sits against the word it follows ("in 2020¹"), as printed notes do:
            # the space typed before `[@id]` goes (a line's own indent, or a paragraph's start, stays).
            kept = before.rstrip(" \t")
            if kept and kept[-1] != "\n":
                before = kept
            # First in a paragraph, a placeholder would be read as a block of HTML and take the
            # paragraph's text out of it: the citation's own inline HTML stands there instead.
            parts.append(before)
            parts.append(self.mark([cited.id for cited in citation.ids],
                                   placeholder=not _starts_paragraph(markdown, citation.start)))
            last = citation.end
        parts.append(markdown[last:])
        return "".join(parts)

    def items(self) -> list[dict]:
        """Each source with its number and the places that cite it: (anchor, letter) pairs,
        the letter used when there are several."""
        return [{"number": number, "source": source,
                 "backlinks": [(anchor, _letter(index)) for index, anchor in enumerate(self.marks.get(number, []))]}
                for number, source in enumerate(self.sources, start=1)]

    def source_list(self, site: Site) -> str:
        """The numbered list of sources, each with its address (printed too), any archived
        copy, and links back to the places that cite it (templates/components/sources.html), in
        the words of `site`'s content/site.yml."""
        return str(render("components/sources.html", items=self.items(), site=site)).strip()


def _letter(index: int) -> str:
    """a, b, ... z, aa, ab, ...: Wikipedia's names for the places a source is cited."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def cite_page(sources: list[dict], markdown: str, site: Site) -> str:
    """A hand-written page's Markdown with its citations numbered and its source list at the foot,
    in the words of `site`'s content/site.yml."""
    citations = Citations(sources)
    text = citations.render(markdown).rstrip()
    return f"{text}\n\n{citations.source_list(site)}\n"
