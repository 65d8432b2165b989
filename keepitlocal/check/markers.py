"""The generated-part markers of hand-written pages, declared as data and checked.

A page in docs/ asks for a part the site makes (the principles grid, the featured case studies,
the councils) with a marker, `<!-- keepitlocal:NAME -->`. Which names exist, which stand inside
a sentence and which pages must have which is declared once, in `generated-parts.yml`; the
build fills the markers from it (home.py) and `make check` refuses, at the marker's line, a name
that is not declared, a part out of its place and a required part missing from its page.
"""

from __future__ import annotations

import re

from keepitlocal.base.problems import Problem, did_you_mean
from keepitlocal.read.markdown import outside_code
from keepitlocal.schema.parts import marker, parts

MARKER_FIELD = "marker"  # problems with markers are reported on this field

# Anything that looks meant as a marker, however spaced or spelt, so that none is silently left
# out of the page: `<!--keepitlocal: Principles -->` is found and named.
_LOOSE = re.compile(r"<!--\s*keepitlocal\s*:\s*(.*?)\s*-->", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def marker_problems(path: str, src_uri: str, body: str, body_line: int,
                    code: frozenset[int] = frozenset()) -> list[Problem]:
    """Every marker in a hand-written page's Markdown that the build would not fill as meant,
    and every part the page must have and does not; `src_uri` is the page's path in docs/, and
    `code` the lines of code (as Python-Markdown reads them), where a marker is only an example."""
    declared = parts()
    problems: list[Problem] = []
    found: set[str] = set()
    lines = body.split("\n")
    for index, line in outside_code(lines, code) if "keepitlocal" in body.lower() else ():
        if "keepitlocal" not in line.lower():
            continue
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        for match in _LOOSE.finditer(line):
            number, col = body_line + index, match.start() + 1
            name = match[1]
            part = declared.get(name)
            if part is None:
                meant = did_you_mean(name, declared)
                hint = f"the parts there are: {', '.join(declared)}"
                if meant:
                    hint = f"did you mean {marker(meant.split(chr(39))[1])}? {hint}"
                problems.append(Problem(path, number, col, MARKER_FIELD,
                                        f"{match[0]} names no part the site makes, so the page would show nothing "
                                        "there", hint))
                continue
            if match[0] != marker(name) and not re.fullmatch(r"<!--\s*keepitlocal:[a-z-]+\s*-->", match[0]):
                problems.append(Problem(path, number, col, MARKER_FIELD, f"{match[0]} is not written as the site "
                                        "reads it", f"write it exactly: {marker(name)}"))
                continue
            if not part.inline and line.rstrip(" \t") != match[0]:
                problems.append(Problem(path, number, col, MARKER_FIELD,
                                        f"{marker(name)} must be on a line of its own, at its start, or the page "
                                        f"would not show {part.what}",
                                        "put it on a line by itself, with an empty line above and below"))
                continue
            found.add(name)
    for part in declared.values():
        if src_uri in part.required_on and part.name not in found:
            problems.append(Problem(path, body_line, 1, MARKER_FIELD,
                                    f"the line {marker(part.name)} is missing, so this page would not show "
                                    f"{part.what}",
                                    "put the line back where it should appear" + (
                                        ", inside its sentence" if part.inline else ", on a line of its own")))
    return problems
