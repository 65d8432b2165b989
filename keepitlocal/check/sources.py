"""Checks on an entry's sources and citations that a schema cannot express.

Errors: two sources with one `id`; two sources pointing at the same page (the same address
but for `www.`, http/https, a trailing slash, a #fragment or tracking parameters); a
citation of an id no source has; a citation that cannot be read; a key figure whose `source`
is no source's id.

Notes, which never stop a build: a source nothing cites, and an entry last reviewed more than
a year ago. Nothing that depends on today's date may fail a build.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

from keepitlocal.base.problems import Problem
from keepitlocal.read.citations import close_ids, find_citations, source_ids
from keepitlocal.read.frontmatter import dotted

if TYPE_CHECKING:
    from keepitlocal.model.site import Entry

REVIEW_INTERVAL = datetime.timedelta(days=365)
# Query parameters that say how a reader arrived, not which page it is.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|ref_src)$", re.I)
CITE_HINT = "write a citation as [@id], or [@id; @other-id] for several sources"


def page_key(url: str) -> str:
    """What is left of an address when the differences that do not change the page are removed."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    except ValueError:  # a malformed host or port: compare the address as written
        return url.strip()
    path = parts.path.rstrip("/") or ""
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    return f"{host}{port}{path}" + (f"?{query}" if query else "")


def source_problems(entry: Entry) -> list[Problem]:
    """Errors in the entry's sources and in the citations of its story."""
    return (_id_and_page_problems(entry) + key_figure_problems(entry)
            + citation_problems(entry.path, entry.body, entry.body_line, entry.data.get("sources", [])))


def _named_sources(entry: Entry) -> list[tuple[tuple, str]]:
    """(where, id) of each source named outside the story: each key figure's, and a quote's."""
    named = [(("key_figures", index, "source"), figure.get("source"))
             for index, figure in enumerate(entry.data.get("key_figures", []))]
    quote = entry.data.get("quote")
    if isinstance(quote, dict):
        named.append((("quote", "source"), quote.get("source")))
    return named


def key_figure_problems(entry: Entry) -> list[Problem]:
    """Every key figure or quote whose `source` names no source of the entry, at the id's position."""
    ids = source_ids(entry.data.get("sources", []))
    problems = []
    for where, key in _named_sources(entry):
        if key in ids:
            continue
        line, col = entry.front_matter.position(where)
        problems.append(Problem(entry.path, line, col, dotted(where),
                                f"there is no source with the id '{key}'", _unknown_id_hint(key, ids)))
    return problems


def _unknown_id_hint(key: str, ids: list[str]) -> str:
    close = close_ids(key, ids)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if ids:
        return "the ids of this file's sources are: " + ", ".join(ids)
    return "give the source an id in the front-matter, e.g.  id: nao-2018"


def _id_and_page_problems(entry: Entry) -> list[Problem]:
    problems = []
    first_id: dict[str, int] = {}
    first_page: dict[str, tuple[int, str]] = {}
    for index, source in enumerate(entry.data.get("sources", [])):
        key = source.get("id")
        if key:
            line, col = entry.front_matter.position(("sources", index, "id"))
            if key in first_id:
                problems.append(Problem(entry.path, line, col, dotted(("sources", index, "id")),
                                        f"the id '{key}' is already used by the source at line {first_id[key]}",
                                        "give each source its own id, e.g. add the year or the publisher"))
            else:
                first_id[key] = line
        line, col = entry.front_matter.position(("sources", index, "url"))
        page = page_key(source["url"])
        if page in first_page:
            other_line, other_url = first_page[page]
            problems.append(Problem(
                entry.path, line, col, dotted(("sources", index, "url")),
                f"points at the same page as the source at line {other_line} ({other_url})",
                "list each page once: keep one of the two and cite it wherever either was cited"))
        else:
            first_page[page] = (line, source["url"])
    return problems


def citation_problems(path: str, body: str, body_line: int, sources: list[dict]) -> list[Problem]:
    """Every citation in a story that names no source, or cannot be read, at its line and column."""
    ids = source_ids(sources)
    problems = []
    for citation in find_citations(body):
        line = body_line + citation.line - 1
        if citation.malformed:
            problems.append(Problem(path, line, citation.col, "citation", "this citation cannot be read",
                                    CITE_HINT + "; to show [@ as it is, write \\[@"))
            continue
        for cited in citation.ids:
            if cited.id in ids:
                continue
            problems.append(Problem(path, body_line + cited.line - 1, cited.col, "citation",
                                    f"there is no source with the id '{cited.id}'", _unknown_id_hint(cited.id, ids)))
    return problems


def cited_ids(entry: Entry) -> set[str]:
    """The ids the entry's story, key figures and quote cite."""
    return ({cited.id for citation in find_citations(entry.body) for cited in citation.ids}
            | {key for _, key in _named_sources(entry)})


def source_notes(entry: Entry, today: datetime.date) -> list[Problem]:
    """Things staff may want to tidy, which never stop a build: sources nothing cites, and an
    entry whose last review was more than a year before `today`."""
    notes = []
    cited = cited_ids(entry)
    for index, source in enumerate(entry.data.get("sources", [])):
        if source.get("id") in cited:
            continue
        line, col = entry.front_matter.position(("sources", index))
        if source.get("id"):
            notes.append(Problem(entry.path, line, col, dotted(("sources", index)),
                                 f"nothing on the page cites '{source['id']}'",
                                 f"cite it with [@{source['id']}] where it backs a fact, or remove it"))
        else:
            notes.append(Problem(entry.path, line, col, dotted(("sources", index)),
                                 "this source has no id, so nothing can cite it",
                                 "add a short id, e.g.  id: nao-2018, and cite it as [@nao-2018]"))
    reviewed = entry.data.get("last_reviewed")
    if reviewed:
        try:
            when = datetime.date.fromisoformat(str(reviewed))
        except ValueError:
            when = None
        if when is not None and today - when > REVIEW_INTERVAL:
            line, col = entry.front_matter.position(("last_reviewed",))
            notes.append(Problem(entry.path, line, col, "last_reviewed",
                                 f"last reviewed on {when.isoformat()}, more than a year ago",
                                 "check the facts and sources, then set last_reviewed to the date you did"))
    return notes
