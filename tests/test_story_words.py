"""Every word typed in a story reaches its page: where the build's Markdown would turn a line of
prose into something else and lose or change a word, `make check` names the line, the word and
the fix; where it keeps the words (what staff meant), the check says nothing."""

from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from html.parser import HTMLParser

import pytest
from conftest import ROOT, case_study, only_problem, problems_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepitlocal.check.safe_html import clean
from keepitlocal.check.story_words import story_word_problems
from keepitlocal.read.markdown import Converter

REL = "content/case-studies/story-words.md"


@pytest.fixture
def site(project):
    """A project read with the site's own Markdown settings (mkdocs.yml's extensions)."""
    shutil.copy(ROOT / "mkdocs.yml", project.root / "mkdocs.yml")
    return project


def with_story(text: str) -> tuple[str, int]:
    """The case study with `text` as its story, and the file's line number of the story's first line."""
    whole = case_study("Story words").replace("The story of what happened.\n", text + "\n")
    return whole, whole.split("\n").index(text.split("\n")[0]) + 1


# (the story, the line of it named, its column, words the message must hold, words the hint must hold)
LOST = {
    "hashtag read as a heading": ("#KeepItLocal is trending", 0, 1, ["#KeepItLocal", "heading"], ["\\#KeepItLocal"]),
    "heading with no space": ("##Background", 0, 1, ["heading"], ["space after the #"]),
    "hashtag in a quote": ("> #KeepItLocal is trending", 0, 3, ["heading"], ["backslash"]),
    "hashtag in a list": ("Our tags:\n\n- #KeepItLocal", 2, 3, ["heading"], ["backslash"]),
    "emphasis inside a number": ("Prices rose 2*3*4 times.", 0, 13, ["'2'", "slanted or bold"], ["backslash"]),
    "strong inside a word": ("A cost**less** service.", 0, 3, ["cost"], ["backslash"]),
    "year read as a numbered list": ("2024. A good year for Preston.", 0, 1, ["'2024'", "numbered list"],
                                     ["2024\\."]),
    "list numbered out of order": ("Steps:\n\n3. Map the assets.", 2, 1, ["'3'", "numbers from 1"],
                                   ["1, 2, 3"]),
    "line read as a hidden link address": ("[Preston]: https://example.org/preston\n\nThe Preston model.", 0, 2,
                                           ["'Preston'", "hidden link address"], ["\\[name]"]),
    # (a tag or attribute the page leaves out is named by the check of a story's HTML)
    "hidden link address with no words in its address": ("[Note]: #", 0, 2, ["'Note'", "hidden link address"],
                                                         ["\\[name]"]),
    "word in angle brackets": ("Ask <Preston> about it.", 0, 5, ["<preston>", "never published"], []),
    "attribute list on a heading": ("## Vote {now}", 0, 10, ["now attribute", "never published"], []),
    "admonition title with more words": ("!!! Warning about the budget\n\nText.", 0, 13, ["'about'", "!!!"],
                                         ['!!! note "The title"']),
    "table row with an extra cell": ("Year | Spend\n---- | -----\n2020 | 10 | 12", 2, 13, ["'12'", "table"],
                                     ["same number of |"]),
}


@pytest.mark.parametrize("name", LOST)
def test_a_line_that_loses_a_word_is_named_with_the_fix(site, name):
    text, offset, col, in_message, in_hint = LOST[name]
    whole, first = with_story(text)
    problem = only_problem(site, REL, whole)
    assert (problem.line, problem.col, problem.field) == (first + offset, col, "text")
    for words in in_message:
        assert words in problem.message
    for words in in_hint:
        assert words in problem.hint


# Each fix the hints give: the page then shows the words as typed, and the check passes.
FIXED = [
    "\\#KeepItLocal is trending",
    "## Background",
    "> \\#KeepItLocal is trending",
    "Prices rose 2\\*3\\*4 times.",
    "Prices rose 2 * 3 * 4 times.",
    "2024\\. A good year for Preston.",
    "Steps:\n\n1. Map the assets.\n2. Test it.",
    "\\[Preston]: https://example.org/preston",
    "Ask &lt;Preston&gt; about it.",
    "## Vote \\{now}",
    '!!! warning "Warning about the budget"\n\n    Text.',
    "Year | Spend\n---- | -----\n2020 | 10",
    "Year | Spend \\| total\n---- | -----\n2020 | 10",
]

# What staff meant: formatting that keeps every word.
MEANT = [
    "Some **bold** and *slanted* text, and word_with_underscores.",
    "1. Buy local.\n2. Bank local.\n3. Keep it local.",
    "1. Buy local.\n1. Bank local.",  # numbered 1, 1: the page numbers them 1, 2, as meant
    "- one\n+ two\n* three",
    "A [link to the report](https://example.org/report \"The report\") and <https://example.org>.",
    "## A heading {#an-anchor}",
    "A heading\n---------",
    "Two spaces end this line  \nand the next goes below it.",
    '!!! note\n\n    A note.\n\n!!! warning "Be careful"\n\n    Careful.',
    "Year | Spend\n---- | -----\n2020 | 10",
    "Some <abbr title=\"Community Wealth Building\">CWB</abbr> and <b>bold</b>.",
    "The 10<sup>th</sup> council, and <b>bo</b>ld.",  # HTML inside a word keeps the word whole
    "A note to staff: <!-- check this figure --> the figure.",
    "Use `<code>` and `2*3*4` in code.",
    "```\n#not-a-heading 2*3*4 <Preston>\n```",
    "AT&T &amp; Co. &copy; 2024",
    "Trending: #KeepItLocal, in the middle of a line.",
    "See [the model][preston] and [Preston][].\n\n[Preston]: https://example.org/preston",
]


@pytest.mark.parametrize("text", FIXED + MEANT)
def test_what_staff_meant_passes(site, text):
    site.write(REL, with_story(text)[0])
    loaded = site.load()
    assert [str(p) for p in loaded.problems] == []
    assert "story-words" in {e.slug for e in loaded.entries}


def test_a_hand_written_page_is_read_the_same_way(site):
    """docs/ pages go through the same comparison (make check's pages check)."""
    from keepitlocal.check.handwritten import check_pages

    site.write("docs/about.md", "---\ntitle: About\n---\n# About\n\n#KeepItLocal is trending\n")
    problems, _ = check_pages(site.root)
    assert [(p.path, p.line, p.col) for p in problems if "heading" in p.message] == [("docs/about.md", 6, 1)]


def test_every_lost_line_is_named_at_once(site):
    whole, first = with_story("#KeepItLocal\n\nFine text.\n\nPrices rose 2*3*4 times.")
    found = problems_of(site, REL, whole)
    assert [(p.line, p.col) for p in found] == [(first, 1), (first + 4, 13)]


# Random prose through the pipeline: every word typed is on the page, or the check named a
# line that holds it. Words from a fixed list (none of them an HTML tag's name), joined by the
# characters Markdown reads.

WORDS = ["Preston", "local", "KeepItLocal", "2024", "3", "1", "council", "spend", "x7"]
SIGNS = ["#", "##", "*", "**", "_", "__", "<", ">", "[", "]", "(", ")", "{", "}", "{:", "|", "!!!", "!", ".", ":",
         "-", "---", "=", "+", "`", "\\", " ", "  ", "    ", "\n", "\n\n", "1.", "2.", "[TOC]"]
AUDIT = os.environ.get("KIL_AUDIT") == "1"
PROSE = settings(max_examples=1000 if AUDIT else 50, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


class _Reader(HTMLParser):
    """What a reader gets, modelled apart from the check: text, the numbers of numbered lists,
    and attribute values (alt text, titles, addresses and classes are what links and pictures
    are typed to make)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.lists = [], []

    def handle_starttag(self, tag, attrs):
        self.parts += [" ", *(f" {value} " for _, value in attrs if value)] if tag not in (
            "em", "strong", "a", "span") else [f" {value} " for name, value in attrs if value and
                                                        name in ("href", "title")]
        if tag in ("ol", "ul"):
            self.lists.append([0] if tag == "ol" else None)
        elif tag == "li" and self.lists and self.lists[-1] is not None:
            self.lists[-1][0] += 1
            self.parts.append(f" {self.lists[-1][0]} ")

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag not in ("em", "strong", "a", "span"):
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def _words(text: str) -> Counter:
    return Counter(word.casefold() for word in re.findall(r"[^\W_]+", text))


@pytest.fixture(scope="module")
def markdown() -> Converter:
    return Converter(ROOT)


@PROSE
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(SIGNS)), min_size=1, max_size=30))
def test_random_prose_keeps_its_words_or_the_check_names_the_line(markdown, pieces):
    text = "".join(pieces)
    if "<!" in text:
        return  # a note for staff, which the page leaves out on purpose
    reader = _Reader()
    reader.feed(clean(markdown.convert(text)))
    reader.close()
    shown = _words("".join(reader.parts))
    lost = _words(text) - shown
    problems = story_word_problems("story.md", text, 1, markdown)
    lines = text.split("\n")
    for word in lost:
        named = [p for p in problems if word in _words(lines[p.line - 1])]
        assert named, f"{word!r} is not on the page and no line holding it was named: {text!r}"
