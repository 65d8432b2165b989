"""The page a live preview shows in place of every page while the site cannot be built.

The build stops with a message that lists every problem, one a line, as `make check` prints
them (`path:line:col: field: message (hint)`). The page shows that message as it is, each
problem's place set apart, so what the browser shows and what the terminal shows are the same.
"""

from __future__ import annotations

import re

from keepitlocal.render.environment import render

# A problem's line as Problem.__str__ writes it: its place, then what is wrong.
PROBLEM_LINE = re.compile(r"(?P<where>[^\s:][^:\n]*:\d+:\d+): (?P<what>.+)")


def problem_page(message: str, epoch: int, site_name: str = "the site") -> str:
    """The page for a build that stopped with `message`. `epoch` is the preview server's clock
    (milliseconds) when the page was made: the page reloads after the next build after it."""
    blocks: list[tuple[str, object]] = []
    count = 0
    for line in message.strip().split("\n"):
        line = line.strip()
        found = PROBLEM_LINE.fullmatch(line)
        if found:
            count += 1
            if not blocks or blocks[-1][0] != "problems":
                blocks.append(("problems", []))
            blocks[-1][1].append((found["where"], found["what"]))
        elif line:
            blocks.append(("text", line))
    return str(render("preview-problems.html", blocks=blocks, count=count, epoch=int(epoch), site_name=site_name))
