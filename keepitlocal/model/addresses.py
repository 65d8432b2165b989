"""Addresses that never break: old addresses of renamed entries, and the list of every address
the site has published.

GitHub Pages has no redirects, and links to the site's pages live on in emails, papers and
posts. So:

- An entry may list `aliases` in its front-matter: its old file names (`x`, an address in its
  own folder) or old addresses anywhere on the site (`/news/x/`). Each becomes a small page at
  the old address that sends readers on to the new one (`redirect_pages`, from the template
  `redirect.html`), left out of search and the sitemap.
- `content/published-addresses.txt` lists every address the site has published (entries'
  pages and their aliases; never drafts or scheduled entries). `python -m keepitlocal
  addresses` (`make addresses`, run by `make build`) adds the new ones. An address on the list
  that no page and no alias has any more is a problem, with the fix in words, unless its line
  says `retired` after it (a page removed for good, on purpose).
- Each listed address may name, after it, the address its entry was first published at. That
  first address is the entry's permanent id in the feeds (`stable_id`), so renaming a file
  (with an alias) does not make it a new entry in readers' feed apps.

Plain functions of a `Site` and paths; nothing here reads MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem
from keepitlocal.base.urls import site_address

if TYPE_CHECKING:
    from keepitlocal.model.site import Entry, Site

LIST_FILE = "content/published-addresses.txt"
ALIASES = "aliases"
# Feed entry ids are tag URIs (RFC 4151): the first address an entry was published at, under
# a name Locality holds (its domain, on a date it held it). A tag does not change when the
# site moves to another domain, as a web address would.
ID_PREFIX = "tag:locality.org.uk,2026:keep-it-local"
REDIRECT_TEMPLATE = "redirect.html"
# Pages of the site's own (not content entries) that moved: old address -> (new address, the
# page's title). Each old address keeps a page that sends readers on, as an entry's alias does.
# The staff guide was at /staff-guide/ until the staff pages moved together under /staff/.
SITE_MOVES = {"/staff-guide/": ("/staff/", "Staff guide")}

_ADDRESS = re.compile(r"^/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+$")
_HEADER = """\
# Every address this site has published, one a line, kept so that none breaks unnoticed.
# Written by `make addresses` (which `make build` runs); commit it with the content.
# An address here that no page and no alias has any more stops the check. To retire one on
# purpose (a page removed for good), write retired after it: /case-studies/old-name/ retired
# A second address on a line is the one its page was first published at: the page's
# permanent id in the feeds. Do not change it.
"""
RETIRED = "retired"


@dataclass(frozen=True)
class Listed:
    address: str  # /case-studies/preston-model/
    first: str  # the address its entry was first published at (the same, unless renamed)
    line: int
    retired: bool = False  # removed for good, on purpose: no page or alias need have it


def entry_address(entry: Entry) -> str:
    """/case-studies/preston-model/ for content/case-studies/preston-model.md."""
    return site_address(entry.src_uri)


def alias_address(entry: Entry, alias: str) -> str:
    """An alias as an address: a file name is an old name in the entry's own folder."""
    if alias.startswith("/"):
        return alias if alias.endswith("/") else alias + "/"
    return site_address(entry.collection.src_uri(alias))


def aliases_of(entry: Entry) -> list[tuple[int, str, str]]:
    """(position in the list, as written, as an address) for each of an entry's aliases."""
    value = entry.data.get(ALIASES) or []
    return [(index, alias, alias_address(entry, alias)) for index, alias in enumerate(value)
            if isinstance(alias, str)]


# The list of published addresses


def read_list(root: Path | str) -> tuple[dict[str, Listed], list[Problem]]:
    """content/published-addresses.txt, by address; ({}, []) when a project has none."""
    path = Path(root) / LIST_FILE
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(LIST_FILE, 1, 1, "file", f"cannot be read ({error})", "run make addresses")]
    listed, problems = {}, []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        retired = len(words) == 2 and words[1] == RETIRED
        if len(words) > 2 or not all(_ADDRESS.match(word) for word in words[:1 if retired else 2]):
            problems.append(Problem(LIST_FILE, number, 1, "address", f"'{line.strip()}' is not an address, an "
                                    "address and the address it was first published at, or an address and "
                                    f"the word {RETIRED}",
                                    "write it like /case-studies/preston-model/, or delete the line"))
            continue
        if words[0] in listed:
            problems.append(Problem(LIST_FILE, number, 1, "address",
                                    f"{words[0]} is listed twice (line {listed[words[0]].line} too)",
                                    "delete one of the two lines"))
            continue
        listed[words[0]] = Listed(words[0], words[0] if retired else words[-1], number, retired)
    return listed, problems


def write_list(root: Path | str, site: Site) -> tuple[list[str], bool]:
    """Add the addresses `site` publishes that the list lacks; keep every one it has. Returns
    (the addresses added, whether the file was written)."""
    listed, problems = read_list(root)
    if problems:
        return [], False
    text, added = updated_list(site, listed)
    path = Path(root) / LIST_FILE
    old = path.read_text("utf-8") if path.exists() else None
    if text == old:
        return added, False
    path.write_text(text, encoding="utf-8")
    return added, True


def updated_list(site: Site, listed: dict[str, Listed]) -> tuple[str, list[str]]:
    """The list's text with every address `site` publishes, and which ones are new."""
    first = dict((address, item.first) for address, item in listed.items())
    now = served(site)
    retired = {address for address, item in listed.items() if item.retired and address not in now}
    added = []
    for address, entry in now.items():
        if address not in first:
            first[address] = stable_address(entry, listed)
            added.append(address)
    lines = [f"{address} {RETIRED}" if address in retired else address if first[address] == address else
             f"{address} {first[address]}" for address in sorted(first)]
    return _HEADER + "\n".join(lines) + "\n", sorted(added)


def unrecorded(site: Site, listed: dict[str, Listed]) -> list[str]:
    """Addresses `site` publishes that the list does not have yet."""
    return sorted(address for address in served(site) if address not in listed)


def served(site: Site) -> dict:
    """Every address the site's entries publish, own pages and aliases, -> its entry."""
    found = {}
    for collection in site.collections.values():
        if not collection.pages:
            continue
        for entry in site.entries_of(collection):
            found[entry_address(entry)] = entry
            for _, _, address in aliases_of(entry):
                found.setdefault(address, entry)
    return found


def stable_address(entry: Entry, listed: dict[str, Listed]) -> str:
    """The address `entry` was first published at: as the list records it for its own address
    or one of its aliases, else its own address (a page not published before)."""
    own = entry_address(entry)
    for address in [own, *(address for _, _, address in aliases_of(entry))]:
        if address in listed:
            return listed[address].first
    return own


def stable_id(site: Site, entry: Entry) -> str:
    """The entry's permanent id in the feeds: a tag URI of its first address."""
    return ID_PREFIX + stable_address(entry, site.published)
