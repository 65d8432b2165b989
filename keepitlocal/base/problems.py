"""Problems found in content, and the ways they are reported to the people who fix them."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one content file, positioned so an editor can jump to it."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    col: int  # 1-based
    field: str  # the field, or "file" / "fields" (the fields at the top as a whole) for whole-file problems
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's line."""
        message = f"{self.message} ({self.hint})" if self.hint else self.message
        return (
            f"::error file={_escape_property(self.path)},line={self.line},col={self.col},"
            f"title={_escape_property(self.field)}::{_escape_data(message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub shows at most this many error annotations from one step, and drops the rest silently.
ANNOTATION_LIMIT = 10


def annotations(problems: Iterable[Problem], environ: Mapping[str, str] | None = None) -> list[str]:
    """Each problem as a GitHub Actions error annotation, when running under GitHub Actions
    (GITHUB_ACTIONS=true); otherwise none. Printed to standard output, each marks its line of
    the pull request's changed files. Past GitHub's limit, the last one shown also says how
    many more there are, so none goes unmentioned."""
    environ = os.environ if environ is None else environ
    if environ.get("GITHUB_ACTIONS") != "true":
        return []
    problems = sorted(problems)
    if len(problems) <= ANNOTATION_LIMIT:
        return [problem.annotation() for problem in problems]
    *shown, last = problems[:ANNOTATION_LIMIT]
    rest = len(problems) - ANNOTATION_LIMIT
    more = f"{rest} more {'problem is' if rest == 1 else 'problems are'} listed in this check's log (Details)"
    last = Problem(last.path, last.line, last.col, last.field, last.message,
                   f"{last.hint}. {more}" if last.hint else more)
    return [problem.annotation() for problem in [*shown, last]]


def summary(problems: Iterable[Problem]) -> str:
    """One line: `3 errors in 2 files`."""
    problems = list(problems)
    files = len({p.path for p in problems})
    return f"{_plural(len(problems), 'error')} in {_plural(files, 'file')}"


def report(problems: Iterable[Problem]) -> str:
    """Every problem on its own line, in file and line order, then the summary line."""
    problems = sorted(problems)
    return "\n".join([*map(str, problems), summary(problems)])


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or an empty string when none is close."""

    candidates = list(candidates)
    if not isinstance(word, str) or not candidates:
        return ""
    folded = {c.casefold().replace("_", "-").replace(" ", "-"): c for c in candidates}
    key = word.casefold().replace("_", "-").replace(" ", "-")
    if key in folded:
        return f"did you mean '{folded[key]}'?"
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return f"did you mean '{folded[close[0]]}'?" if close else ""


# Characters that look like others, mostly pasted from word processors: (what it is, what to type).
LOOKALIKES = {
    "\u00a0": ("a non-breaking space (often pasted from Word)", "retype the space", " "),
    "\u202f": ("a narrow non-breaking space (often pasted from Word)", "retype the space", " "),
    "\u2007": ("a figure space", "retype the space", " "),
    "\u200b": ("an invisible zero-width space", "delete and retype the word", ""),
    "\u2060": ("an invisible word joiner", "delete and retype the word", ""),
    "\ufeff": ("an invisible byte-order mark", "delete and retype the word", ""),
    "\u00ad": ("an invisible soft hyphen", "delete and retype the word", ""),
    "\u2019": ("a curly apostrophe (\u2019)", "type a straight apostrophe (')", "'"),
    "\u2018": ("a curly quote (\u2018)", "type a straight apostrophe (')", "'"),
    "\u201c": ("a curly quote (\u201c)", 'type a straight quote (")', '"'),
    "\u201d": ("a curly quote (\u201d)", 'type a straight quote (")', '"'),
    "\u2010": ("a typographic hyphen", "type a plain hyphen (-)", "-"),
    "\u2011": ("a non-breaking hyphen", "type a plain hyphen (-)", "-"),
    "\u2013": ("a long dash (\u2013)", "type a plain hyphen (-)", "-"),
    "\u2014": ("a long dash (\u2014)", "type a plain hyphen (-)", "-"),
    "\t": ("a tab", "type a space instead", " "),
}


def lookalike(word: object, candidates: Iterable[str]) -> tuple[str, str] | None:
    """When `word` is one of `candidates` but for characters that look alike (a non-breaking
    space, a curly apostrophe) or spaces at its ends: (what is wrong, how to fix it)."""
    if not isinstance(word, str):
        return None
    plain = "".join(LOOKALIKES.get(char, (0, 0, char))[2] for char in word)
    candidates = list(candidates)
    if plain != word and plain.strip() in candidates:
        odd = next(char for char in word if char in LOOKALIKES)
        what, fix = LOOKALIKES[odd][:2]
        return f"contains {what}, so it does not match '{plain.strip()}'", f"{fix}, or type the value again"
    if word.strip() != word and word.strip() in candidates:
        return "has a space at its start or end", f"remove it: {word.strip()}"
    return None


def closest(word: object, candidates: Iterable[str], label: str, folder: str) -> str:
    """A hint for a name that is none of `candidates`: the one it most likely means, or else all
    of them when there are few, or the few closest."""

    candidates = sorted(candidates)
    meant = did_you_mean(word, candidates)
    if meant:
        return meant
    if not candidates:
        return f"there are no {label} files yet in {folder}"
    if len(candidates) <= 12:
        return f"the {label} file names are: {', '.join(candidates)}"
    near = difflib.get_close_matches(str(word), candidates, n=5, cutoff=0.3) or candidates[:5]
    return f"the closest {label} file names are: {', '.join(near)}; all are in {folder}"
