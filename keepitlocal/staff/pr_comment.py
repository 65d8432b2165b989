"""The comment the pull-request check leaves on a pull request that it stops: every problem
in the words `make check` uses, each with a link to its line in the pull request's version
of the file, so that staff who work on github.com find them where they look. The workflow
(.github/workflows/pull-request.yml) posts it, and replaces it on each push.

A pure function of the problems and the addresses of the two versions: tested as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from keepitlocal.base.problems import summary

if TYPE_CHECKING:
    from collections.abc import Iterable

    from keepitlocal.base.problems import Problem

# The first line of every comment the check writes: how the workflow finds the one to replace.
MARKER = "<!-- keep-it-local-check -->"
# A comment holds at most 65,536 characters; past this many problems the rest are counted.
SHOWN = 100


def comment_text(problems: Iterable[Problem], head_url: str, base_url: str = "",
                 removed: Iterable[str] = ()) -> str:
    """The comment for `problems`. `head_url` is the address of the pull request's files
    (https://github.com/OWNER/REPO/blob/HEAD-COMMIT/), `base_url` that of the branch it is
    merged into, for files the change `removed` (whose line is only there)."""
    problems = sorted(problems)
    removed = set(removed)
    if not problems:
        return "\n".join([MARKER, "**The check finds no problems now.** Thank you: the earlier ones are fixed.", ""])
    lines = [
        MARKER,
        f"**The check found {summary(problems)}**, so this pull request cannot be merged yet. Each one "
        "names the file and line to change, and how (the words in brackets). Open the file on github.com, "
        "press the pencil to edit it, and commit the change to this pull request: the check runs again, and "
        "this comment is replaced. The staff guide's section \"What the check's messages mean\" explains each one.",
        "",
    ]
    for problem in problems[:SHOWN]:
        url = base_url if problem.path in removed and base_url else head_url
        where = f"{problem.path} line {problem.line}"
        link = f"[{where}]({url}{problem.path}#L{problem.line})" if url else f"`{where}`"
        hint = f" ({_plain(problem.hint)})" if problem.hint else ""
        lines.append(f"- {link}, {_plain(problem.field)}: {_plain(problem.message)}{hint}")
    if len(problems) > SHOWN:
        rest = len(problems) - SHOWN
        lines.append(f"- and {rest} more, listed in the log of the check (press Details beside it).")
    lines.append("")
    return "\n".join(lines)


def _plain(text: str) -> str:
    """Words staff typed, quoted in a message, as they are: an @ never notifies anyone, and a
    line break never starts a new item."""
    return " ".join(text.replace("@", "@\u2060").splitlines())
