"""Every word typed in a story is a word on its page: the check converts the story with the
build's own Markdown and compares the words.

Python-Markdown, with the extensions in mkdocs.yml, turns some lines of ordinary prose into
something else: `#KeepItLocal is trending` at the start of a line becomes a heading and loses
its `#`, `2*3*4` becomes 2, a slanted 3 and 4 (read "234"), `2024. A good year` becomes item 1
of a numbered list, `[Preston]: the model` becomes a hidden link address, `<Preston>` an HTML
tag the page drops, `## Vote {now}` a heading with an attribute instead of a word, a table row's
extra cells vanish. Rather than list these, the check converts the story as the build does (the
project's `Converter`, then the allow-list `clean` the build applies), and compares the words
(runs of letters and digits, a `#` kept on a hashtag) staff typed with the words a reader gets:
the page's text, its pictures' descriptions, link titles, and the addresses, anchors and classes
that markup was typed to make. Formatting that keeps the words (bold, a list typed as a list, a
link) is what staff meant and passes; each line where a word is lost is named, with the fix.

Cost: a story is converted only if it has one of the few things that can change a word (the
`_MAY_CHANGE` pattern); counting is linear, and a lost word is placed by converting the lines
that hold it, each at most once.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser

from keepitlocal.base.problems import Problem
from keepitlocal.check.placeholders import BODY_FIELD
from keepitlocal.check.safe_html import TAGS, clean
from keepitlocal.read.markdown import Converter

# What can turn a typed word into something else: a # before a letter (a heading, an anchor),
# a * or _ between letters (emphasis inside a word), something like an HTML tag, an attribute
# list's {, a link address's ]:, a table's |, an admonition's !!!, the table of contents'
# marker; and a number with a full stop at the start of a line (a numbered list, which the page
# numbers 1, 2, 3), unless it is 1 or follows the line numbered one less.
_MAY_CHANGE = (("#", re.compile(r"#[^\s#]")), ("*", re.compile(r"\*(?<=[^\W_]\*)\**[^\W_]")),
               ("_", re.compile(r"_(?<=[^\W_]_)_*[^\W_]")), ("<", re.compile(r"<[A-Za-z/!?]")), ("{", None),
               ("|", None), ("]:", re.compile(r"^[ \t>*+\-\d.]*\[[^\]\n]*\]:", re.MULTILINE)), ("!!!", None),
               ("[TOC]", None))
_NUMBERED = re.compile(r"\n([ \t>*+-]*)(\d+)\.(?=\s|$)")  # searched in the text after a new line
# A word: letters and digits; a # right before it (at the start or after a space) is part of it.
_WORD = re.compile(r"(?:(?<![^\s\\])#+)?[^\W_]+")
_NOTE = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
_DEFINITION = re.compile(r"^( {0,3}\[)([^\]]*)(\]:)")
_FIRST_ITEM = re.compile(r"^([ \t>*+-]*)1(?=\.(?:\s|$))")
_SETTING = re.compile(r"[\w-]+=")  # an attribute list's name= (the value is on the page)
# Tags whose text runs on into the next without a break: their words join up (code is set apart).
_INLINE = frozenset({"a", "abbr", "b", "cite", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
                     "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"})
# Attribute values that hold words staff typed on purpose: alt text and titles (read aloud or
# shown), and the addresses, anchors and classes that links and attribute lists are typed to set.
_KEPT_ATTRIBUTES = frozenset({"alt", "title", "href", "src", "id", "class", "cite"})


class _Page(HTMLParser):
    """The words a converted, cleaned story gives its reader."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.lists: list[list[int] | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag not in _INLINE:
            self.text.append("\n")
        if tag == "ol":
            start = attributes.get("start") or "1"
            self.lists.append([int(start) if start.isdigit() else 1])
        elif tag == "ul":
            self.lists.append(None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            self.text.append(f" {self.lists[-1][0]} ")  # the number a reader sees
            self.lists[-1][0] += 1
        classes = (attributes.get("class") or "").split()
        if "admonition" in classes:  # only its kind is meant; the rest of an !!! line is the title's
            classes = classes[classes.index("admonition") + 1:][:1]
        attributes["class"] = " ".join(classes)
        if "headerlink" in classes:  # the table of contents' own link beside a heading
            return
        # An attribute's value is never a hashtag: an anchor's # is the address's, not a word's.
        self.text.extend(f"\n{value.replace('#', ' ')}\n" for name, value in attributes.items()
                         if name in _KEPT_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag not in _INLINE:
            self.text.append("\n")

    def handle_data(self, data):
        self.text.append(data)


def page_words(converter: Converter, text: str) -> Counter:
    """The words a reader gets from `text` converted and cleaned as the build does it."""
    page = _Page()
    page.feed(clean(converter.convert(text)))
    page.close()
    return Counter(word.casefold() for word in _WORD.findall("".join(page.text)))


def typed_words(line: str, referenced=frozenset()) -> list[tuple[str, int]]:
    """The words of one typed line (notes already blanked), each with its column (from 0):
    HTML tags the page keeps are markup (their words that reach the reader are counted on the
    page's side), so they are left out, an inline one (`10<sup>th</sup>`) without a break, as on
    the page; so are an attribute list's setting names; character references count as what
    they show."""
    origin = None  # where each character of the line came from, once an inline tag is taken out
    if "<" in line:
        line = _TAG.sub(lambda m: m[0] if m[1].lower() not in TAGS else "\0" * len(m[0]) if m[1].lower()
                        in _INLINE else " " * len(m[0]), line)
        if "\0" in line:
            origin = [index for index, character in enumerate(line) if character != "\0"]
            line = line.replace("\0", "")
    if line[:1].isdigit() or line[:1] in " >*+-":  # a numbered list's first number: the page shows it
        line = _FIRST_ITEM.sub(lambda m: m[1] + " ", line)
    if "{" in line:
        line = re.sub(r"\{[^{}]*\}", lambda m: _SETTING.sub(lambda s: " " * len(s[0]), m[0]), line)
    if "]:" in line:  # the name of a link address a link uses is a name, not text (its address counts)
        line = _DEFINITION.sub(lambda m: m[1] + " " * len(m[2]) + m[3] if m[2].casefold() in referenced else m[0],
                               line)
    if "][" in line:  # a link's [text][name]: the name is the link address's, not text
        line = re.sub(r"(?<=\]\[)[^\[\]\n]+(?=\])", lambda m: " " * len(m[0]) if m[0].casefold() in referenced
                      else m[0], line)
    if "&" in line:
        line = re.sub(r"&#?\w+;", lambda m: html.unescape(m[0]).ljust(len(m[0])), line)
    return [(match[0], origin[match.start()] if origin else match.start()) for match in _WORD.finditer(line)]


def story_word_problems(path: str, body: str, body_line: int, converter: Converter) -> list[Problem]:
    """Each line of the story with a word the page would not show as typed, at that word."""
    if not _may_change(body):
        return []
    shown = page_words(converter, body)
    blanked = _NOTE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), body) if "<!--" in body else body
    lines = blanked.split("\n")
    referenced = _referenced(blanked) if "]:" in blanked else frozenset()
    typed = [(index, word) for index, line in enumerate(lines) for word in typed_words(line, referenced)]
    lost = _lost(Counter(word.casefold() for _, (word, _) in typed), shown)
    if not lost:
        return []
    # Where: an occurrence is lost where its paragraph (the lines between blank lines), converted
    # alone, loses it too; a loss that needs more of the story around it is placed at the first
    # occurrence the page has no room for. Each paragraph is converted at most once.
    blocks: dict[int, tuple[int, int]] = {}
    alone: dict[int, Counter] = {}
    problems: dict[int, tuple[tuple[str, int], int]] = {}
    where: dict[str, list] = {word: [] for word in lost}
    for index, word in typed:
        if word[0].casefold() in where:
            where[word[0].casefold()].append((index, word))
    for word, count in lost.items():
        found = where[word]
        placed = []
        in_block: Counter = Counter()
        for index, match in found:
            if len(placed) == count:
                break
            first, last = blocks.get(index) or _block(lines, index, blocks)
            if first not in alone:
                alone[first] = page_words(converter, "\n".join(lines[first:last]))
            in_block[first] += 1
            # The paragraph's first occurrences are the ones its page shows; the rest are lost.
            if in_block[first] > _available(word, alone[first]):
                placed.append((index, match))
        if not placed:
            placed = found[_available(word, shown):][:1]
        for index, match in placed:
            if index not in problems or match[1] < problems[index][0][1]:
                problems[index] = (match, index)
    return sorted(_problem(path, body_line + index, match, lines[index]) for match, index in problems.values())


def _referenced(body: str) -> frozenset[str]:
    """The names in [ ] written more than once: a link address's name that a link uses."""
    names = Counter(name.casefold() for name in re.findall(r"\[([^\[\]\n]*)\]", body))
    return frozenset(name for name, count in names.items() if count > 1)


def _may_change(body: str) -> bool:
    """Whether the story has anything that can change a word (found quickly: most have none)."""
    return any(text in body and (pattern is None or pattern.search(body)) for text, pattern in _MAY_CHANGE) or \
        _numbers_may_change(body)


def _numbers_may_change(body: str) -> bool:
    """Whether a line starts with a number the page might show as another: each numbered line
    is 1, or comes straight after the line numbered one less (a list numbered as the page numbers it)."""
    text = "\n" + body
    if not _NUMBERED.search(text):
        return False
    previous = (-1, "", 0)  # (where the line after the previous numbered line starts, its indent, its number)
    for match in _NUMBERED.finditer(text):
        number = int(match[2])
        follows = previous[0] == match.start() and previous[1] == match[1] and previous[2] + 1 == number
        if number != 1 and not follows:
            return True
        previous = (text.find("\n", match.start() + 1), match[1], number)
    return False


def _block(lines: list[str], index: int, blocks: dict) -> tuple[int, int]:
    """The first and after-last line of the paragraph that holds line `index`, noted for each of its lines."""
    first = index
    while first > 0 and lines[first - 1].strip():
        first -= 1
    last = index
    while last < len(lines) and lines[last].strip():
        last += 1
    for line in range(first, last):
        blocks[line] = (first, last)
    return first, last


def _available(word: str, shown: Counter) -> int:
    return shown[word] + (shown["#" + word] if not word.startswith("#") else 0)


def _lost(typed: Counter, shown: Counter) -> Counter:
    """How many of each typed word the page does not show: a hashtag needs its #; a plain word
    may be shown with a # before it (a hashtag in a link's text)."""
    left = Counter(shown)
    lost: Counter = Counter()
    for word, count in sorted(typed.items(), key=lambda item: not item[0].startswith("#")):
        have = left[word]
        if not word.startswith("#"):
            have += left["#" + word]
        if count > have:
            lost[word] = count - have
        used = min(count, left[word])
        left[word] -= used
        if not word.startswith("#"):
            left["#" + word] -= min(count - used, left["#" + word])
    return lost


def _problem(path: str, line_number: int, match: tuple[str, int], line: str) -> Problem:
    word, start = match
    col = start + 1
    message, hint = _explain(word, line, start)
    return Problem(path, line_number, col, BODY_FIELD, message, hint)


def _explain(word: str, line: str, start: int) -> tuple[str, str]:
    """What the page does to the word, and how to write it so the page shows it as typed."""
    bare = word.lstrip("#")
    before, after = line[:start], line[start + len(word):]
    shown = f"'{word}'"
    if word.startswith("#") and not before.strip(" >*+-\t"):
        return (f"a line starting with # is a heading on the page, so {shown} would be a heading "
                "without its #", f"to show the #, put a backslash before it: \\{word}; for a heading, put a space "
                "after the #, as in ## Heading")
    if re.match(r" {0,3}\[[^\]]*\]:", line):
        return (f"a line that starts [name]: is read as a hidden link address, so {shown} would not be on the "
                "page", "put a backslash before the first [, as in \\[name]: ..., or write the line another way")
    if re.search(r"</?\s*$", before) and re.match(r"[^<>]*>", after):
        return (f"<{bare}> looks like an HTML tag, and the page leaves it out, so {shown} would not be shown",
                f"write &lt;{bare}&gt; to show the < >, or leave them out")
    if "{" in before and "}" in after:
        return (f"text in {{ }} at the end of a heading or paragraph sets the page's settings there, so {shown} "
                "would not be shown", "put a backslash before the {, as in \\{...}, to show it as typed")
    if re.match(r"[\s>*+-]*$", before) and re.match(r"\.(\s|$)", after):
        return (f"a line starting with a number and a full stop is an item of a numbered list, which the page "
                f"numbers from 1, so {shown} would not be shown", f"put a backslash before the full stop: "
                f"{bare}\\. to keep the number, or number the list's items 1, 2, 3 in order")
    if line.lstrip().startswith("!!!"):
        return (f"a line starting with !!! is a box (a note, a warning) whose title is its first word, so {shown} "
                "would not be shown", 'write the title in quotes: !!! note "The title", or write the line without '
                "the !!!")
    if "|" in line:
        return (f"{shown} would not be shown: in a table, a row keeps only as many cells as the table's first row "
                "has, and text around a table is read as part of it", "give every row the same number of | "
                "cells, or put a backslash before each | that is not a table's: \\|")
    if re.search(r"[*_]$", before) or re.match(r"[*_]", after):
        return (f"* or _ between letters or digits makes the text between slanted or bold and is not shown, so "
                f"{shown} would run into the words beside it", "put a backslash before each * or _ (2\\*3), or "
                "spaces around it")
    return (f"{shown} would not be shown on the page as typed: part of this line is read as formatting",
            "put a backslash before the symbol next to the word (\\#, \\*, \\_, \\[, \\{, \\|), or write it "
            "the way the staff guide shows")
