"""What a council needs beyond its schema, at the field to change: its fields agree with each
other as the official codes do. A council's code (GSS code) starts with the three characters of
its type (E08 for a metropolitan borough), and a London borough is in London and nowhere else.
Which start goes with which type is data in the council schema (`x-code-prefixes` and
`x-only-region` of its `type`), where the field reference reads it too.

Nothing here needs the network: the codes themselves are checked against the Office for National
Statistics' list by whoever copies them; two files with one code, or one name, are refused where
every kind's unique values and titles are (keepitlocal/check/load.py).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem
from keepitlocal.schema.collections import site_kinds

if TYPE_CHECKING:
    from keepitlocal.read.frontmatter import FrontMatter


def _article(words: str) -> str:
    return ("an " if words[:1].lower() in "aeio" else "a ") + words  # a unitary


def problems(path: str, data: dict, front_matter: FrontMatter) -> list[Problem]:
    """A code that is not the code of a council of its type, and a London borough outside London
    (or a council in London that is not a London borough), each at the field to check first."""
    rules = site_kinds()["councils"].schema["properties"]["type"]
    prefixes: dict = rules.get("x-code-prefixes", {})
    only_region: dict = rules.get("x-only-region", {})
    kind, code, region = data.get("type"), data.get("gss_code"), data.get("region")
    found = []
    type_of_prefix = {prefix: name for name, prefix in prefixes.items()}
    prefix = code[:3] if isinstance(code, str) else ""
    if kind in prefixes and prefix in type_of_prefix and prefix != prefixes[kind]:
        line, col = front_matter.position(("gss_code",))
        other = type_of_prefix[prefix]
        found.append(Problem(path, line, col, "gss_code",
                             f"{code} is the code of {_article(other)} ({prefix}), but type says {kind}, whose "
                             f"codes start {prefixes[kind]}",
                             f"copy the council's code again from the Office for National Statistics' list; if "
                             f"the code is right, write type: {other}"))
    for name, home in only_region.items():
        if kind == name and region != home:
            line, col = front_matter.position(("region",))
            found.append(Problem(path, line, col, "region", f"{_article(name)} is in {home}, not {region}",
                                 f"write region: {home}, or correct the type"))
        elif region == home and kind != name and kind in prefixes:
            line, col = front_matter.position(("type",))
            found.append(Problem(path, line, col, "type", f"every council in {home} is {_article(name)}, not "
                                 f"{_article(kind)}", f"write type: {name}, or correct the region"))
    return found


def notes(path: str, data: dict, front_matter: FrontMatter, today: datetime.date) -> list[Problem]:
    """Councils have no findings that depend on today's date."""
    return []
