"""What HTML a story may put on a page: one allow-list, applied by the build and explained by the check.

Staff may write HTML in a story (and in the introduction of an index page, and in a
hand-written page); Python-Markdown passes it through as typed. The build runs each page's
converted Markdown through `clean` (nh3, the Python binding of the Ammonia sanitiser) with the
allow-list below, so a script tag, an `onclick=`, a `javascript:` link or a YouTube `<iframe>`
can never reach a reader. The components the core renders from its own templates stand in the
page as placeholders while it is cleaned, and are put back after, untouched.

`make check` refuses the same things at their line: `story_problems` converts a story with the
build's own Markdown (Python-Markdown configured from mkdocs.yml's `markdown_extensions`, plus the
ones MkDocs always adds) and names every tag, attribute and link the allow-list would drop.
HTML comments are staff notes: a closed one is removed from the page (source included), and one
that is never closed is refused, because everything after it would vanish from the page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from keepitlocal.base.problems import Problem
from keepitlocal.check.placeholders import BODY_FIELD
from keepitlocal.read.markdown import Converter, default_converter, outside_code

# What a campaign story needs: headings, emphasis, links, lists, tables, pictures from the site,
# abbreviations, footnote-style superscripts, details. No scripts, event handlers, frames,
# styles (but a table column's alignment, which Markdown itself writes), forms or media.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
EVERY_TAG = "*"
ATTRIBUTES = {
    EVERY_TAG: frozenset({"class", "id", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "th": frozenset({"colspan", "rowspan", "scope", "style"}),
    "td": frozenset({"colspan", "rowspan", "style"}),
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "blockquote": frozenset({"cite"}), "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}), "ins": frozenset({"cite", "datetime"}),
}
ATTRIBUTE_PREFIXES = frozenset({"aria-"})  # words for screen readers: aria-label, aria-labelledby
STYLE_PROPERTIES = frozenset({"text-align"})  # Markdown tables align columns with style="text-align: ..."
URL_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# Tags removed with everything inside them; other refused tags are removed and their text kept.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template"})

_SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
_TOKEN = re.compile("\ue000([\\w:.-]+)\ue001")


def _picture_from_the_site(tag: str, attribute: str, value: str) -> str | None:
    """Pictures come from the site itself: an img src with a scheme or another host is dropped."""
    if tag == "img" and attribute == "src" and (_SCHEME.match(value) or value.lstrip().startswith("//")):
        return None
    return value


def clean(html: str, keep: re.Pattern | None = None) -> str:
    """A page's converted Markdown with everything outside the allow-list removed, and HTML
    comments (staff notes) with it. The comments `keep` matches survive: the placeholders of
    generated components (<!--kil:c3-->, keepitlocal.render.PLACEHOLDER)."""
    swapped = keep.sub(lambda m: f"\ue000{m[0][4:-3]}\ue001", html) if keep is not None else html
    cleaned = nh3.clean(swapped, tags=set(TAGS), clean_content_tags=set(REMOVED_WITH_CONTENT),
                        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES), attribute_filter=_picture_from_the_site,
                        strip_comments=True, link_rel=None, url_schemes=set(URL_SCHEMES),
                        filter_style_properties=set(STYLE_PROPERTIES))
    return _TOKEN.sub(lambda m: f"<!--{m[1]}-->", cleaned) if keep is not None else cleaned


# The Markdown of the build, for the check.

# MkDocs adds these to every build, before the ones mkdocs.yml lists (mkdocs/config/defaults.py).
# The check.

# A story can only hold what the allow-list refuses through raw HTML (<), Markdown's attribute
# lists ({: ...}), a character reference (&#58;) or a link whose address has a scheme.
_MAY_HOLD_HTML = re.compile(r"[<{&]|\]\s*[(:]\s*<?\s*(?!https?:|mailto:)[a-zA-Z][a-zA-Z0-9+.\-]*\s*:")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_NOTE_OPEN, _NOTE_CLOSE = "<!--", "-->"


def _lines_outside_code(body: str, converter: Converter) -> list[tuple[int, str]]:
    """(index, line) for each line of the story that is not code, with code spans blanked."""
    return [(index, _CODE_SPAN.sub(lambda m: " " * len(m[0]), line))
            for index, line in outside_code(body.split("\n"), converter.code_lines(body))]


def unclosed_note_problems(path: str, body: str, body_line: int, converter: Converter | None = None) -> list[Problem]:
    """A note (<!-- ... -->) that is never closed: a browser hides everything after it."""
    if _NOTE_OPEN not in body:
        return []
    lines = _lines_outside_code(body, converter or default_converter())
    text = "\n".join(line for _, line in lines)
    at = 0
    while (start := text.find(_NOTE_OPEN, at)) >= 0:
        end = text.find(_NOTE_CLOSE, start + len(_NOTE_OPEN))
        if end < 0:
            row = text.count("\n", 0, start)
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            return [Problem(path, body_line + lines[row][0], col, BODY_FIELD,
                            "this note (<!--) is never closed with -->, so everything after it would be hidden "
                            "from readers, the foot of the page included",
                            "end the note with --> where it should stop; notes are never published")]
        at = end + len(_NOTE_CLOSE)
    return []


class _Scan(HTMLParser):
    """Every start tag of converted HTML, with its attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, [(name, value or "") for name, value in attrs]))

    handle_startendtag = handle_starttag


def _start_tags(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.tags


_MEDIA = {"iframe", "embed", "object", "video", "audio", "source", "track", "frame", "frameset", "picture", "svg",
          "math", "canvas", "map", "area", "portal"}
_FORMS = {"form", "input", "button", "select", "textarea", "option", "label", "fieldset", "output", "datalist"}


def _tag_offence(tag: str) -> tuple[str, str, str]:
    if tag == "script" or tag == "noscript":
        hint = "delete it: no script runs in a story"
    elif tag in _MEDIA:
        hint = ("link to it instead, [Watch the video](https://...): an embedded frame, video or graphic loads "
                "from another website every time a reader opens the page")
    elif tag in _FORMS:
        hint = "link to the form instead: [Sign up](https://...)"
    elif tag in {"style", "link", "meta", "base"}:
        hint = "delete it: the site's look comes from its own stylesheet"
    else:
        hint = "write it in Markdown instead (headings, **bold**, lists, [links](...), tables)"
    return rf"<\s*{re.escape(tag)}\b", f"<{tag}> is never published: a story may not hold it", hint


def _offences(html: str) -> list[tuple[str, str, str]]:
    """(pattern to find it in the story, message, hint) for each thing `clean` would drop."""
    found = []
    for tag, attrs in _start_tags(html):
        if tag not in TAGS:
            found.append(_tag_offence(tag))
            continue
        allowed = ATTRIBUTES[EVERY_TAG] | ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            where = rf"\b{re.escape(name)}\b"
            if name.startswith("on"):
                found.append((where, f"the {name} attribute on <{tag}> is never published: a story may not run "
                                     "scripts", f"delete {name}=\"...\""))
            elif name not in allowed and not name.startswith(tuple(ATTRIBUTE_PREFIXES)):
                if name == "style":
                    message, hint = (f"the style attribute on <{tag}> is never published",
                                     "delete it: the site's look comes from its own stylesheet")
                else:
                    message = f"the {name} attribute on <{tag}> is never published"
                    hint = f"delete it; <{tag}> may have {', '.join(sorted(allowed))}"
                found.append((where, message, hint))
            elif name == "style":
                properties = {part.split(":", 1)[0].strip().lower() for part in value.split(";") if part.strip()}
                if properties - STYLE_PROPERTIES:
                    found.append((where, f"the style attribute on <{tag}> is never published",
                                  "delete it: the site's look comes from its own stylesheet"))
            elif name in URL_ATTRIBUTES and (scheme := _SCHEME.match(value)):
                if tag == "img" and name == "src":
                    continue  # pictures from other websites: the link check's own problem, at its line
                if scheme[1].lower() not in URL_SCHEMES:
                    shown = value.strip()
                    shown = shown if len(shown) <= 40 else shown[:37] + "..."
                    found.append((re.escape(scheme[1]), f"the link to {shown!r} is never published: a link must "
                                  "start with https://, http:// or mailto:, or lead to a page of this site",
                                  "link to a web page instead: [words](https://...)"))
    if found:
        return found
    # What the allow-list says and what nh3 does should agree; should nh3 still drop a tag or
    # an attribute the scan let through, the story says so rather than lose it silently.
    kept = {(tag, name) for tag, attrs in _start_tags(clean(html)) for name, _ in [("", ""), *attrs]}
    for tag, attrs in _start_tags(html):
        for name, _ in [("", ""), *attrs]:
            if (tag, name) not in kept and not (tag == "img" and name == "src"):
                what = f"<{tag}>" if not name else f"the {name} attribute on <{tag}>"
                found.append((rf"<\s*{re.escape(tag)}\b", f"{what} is never published",
                              "write it in Markdown instead, or delete it"))
    return found


def story_problems(path: str, body: str, body_line: int, converter: Converter) -> list[Problem]:
    """Problems in a story's HTML: a note never closed, and each tag, attribute or link the
    published page would not have, at its line."""
    problems = unclosed_note_problems(path, body, body_line, converter)
    if problems or not _MAY_HOLD_HTML.search(body):
        return problems
    offences = _offences(converter.convert(body))
    if not offences:
        return []
    lines = _lines_outside_code(body, converter)
    after: dict[str, tuple[int, int]] = {}
    for pattern, message, hint in offences:
        line, col = _locate(re.compile(pattern, re.IGNORECASE), lines, after.get(pattern, (0, 0)))
        after[pattern] = (line, col)
        problems.append(Problem(path, body_line + line if col else max(body_line - 1, 1), col or 1, BODY_FIELD,
                                message, hint))
    return sorted(set(problems))


def _locate(pattern: re.Pattern, lines: list[tuple[int, str]], after: tuple[int, int]) -> tuple[int, int]:
    """(line index, column) of the first match at or after `after`; (0, 0) when there is none."""
    for index, line in lines:
        if index < after[0]:
            continue
        start = after[1] if index == after[0] else 0
        found = pattern.search(line, start)
        if found:
            return index, found.start() + 1
    for index, line in lines:  # fall back to the first one
        found = pattern.search(line)
        if found:
            return index, found.start() + 1
    return 0, 0
