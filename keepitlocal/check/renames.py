"""What a change does to what the site has already published, compared with the branch it
is to be merged into: every address the base branch published must still be a page or an
alias, and every published event keeps its `id` (its name in readers' calendars).

The list in content/published-addresses.txt knows only the addresses a local build recorded;
staff who work on github.com never run one. So the pull-request check loads the base
branch's content itself (keepitlocal.app.base_branch) and hands what it published here, as
plain data: nothing here runs git.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from keepitlocal.base.problems import Problem
from keepitlocal.model.addresses import ALIASES, LIST_FILE, RETIRED, aliases_of, entry_address, served


@dataclass(frozen=True)
class Published:
    """What one version of the site published."""

    addresses: dict[str, str]  # every address its pages and aliases have -> the content file that made it
    events: dict[str, tuple[str, str]] = field(default_factory=dict)  # event id -> (its file, its page's address)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # content file -> (kind, title)
    listed: frozenset = frozenset()  # the addresses in its content/published-addresses.txt


def published(site, listed=frozenset()) -> Published:
    """What `site` (a published site, drafts left out) publishes."""
    addresses = {address: entry.path for address, entry in served(site).items()}
    events = {e.data["id"]: (e.path, entry_address(e)) for e in site.entries_with("events")
              if isinstance(e.data.get("id"), str)}
    titles = {e.path: (e.collection.name, e.data.get("title")) for e in site.entries}
    return Published(addresses, events, titles, frozenset(listed))


def base_problems(base: Published, site, listed, renamed: dict[str, str]) -> list[Problem]:
    """Addresses `base` published that `site` (the change) neither publishes nor keeps as an
    alias, at the file that made the address (or the file it was renamed to), and events whose
    `id` changed, at the `id`. `listed` are the addresses in the change's own list, which the
    check of the list reports already (or which it marks retired); an address the change
    deletes from the list is retired on purpose too. `renamed` maps the base's content files
    to their new names."""
    now = served(site)
    entries = {e.path: e for e in site.entries}
    with_problems = {p.path for p in site.problems}
    left_out = set(site.left_out)
    successor = _successors(base, site, renamed)
    problems = []
    for address, old_file in sorted(base.addresses.items()):
        if address in now or address in listed or address in base.listed or address in site.held_aliases:
            continue  # an address a file with problems of its own lists as an alias is held until they are fixed
        new_file = successor.get(old_file)
        if new_file in with_problems:
            continue  # its own problems are reported; its aliases are not known yet
        name = PurePosixPath(address).name
        alias = name if _same_folder(address, new_file, entries) else f'"{address}"'
        if new_file in left_out:
            problems.append(Problem(new_file, 1, 1, "draft", f"this page was published at {address}, and is now a "
                                    "draft or scheduled for later, so links to it would break",
                                    "publish it again (draft: false), or, to keep it unpublished, retire its "
                                    f"address on purpose: {_retire(address)}"))
        elif new_file in entries:
            entry = entries[new_file]
            have = [written for _, written, _ in aliases_of(entry)]
            at = (ALIASES,) if ALIASES in entry.data else ("title",)
            line, col = entry.front_matter.position(at)
            col = col if have else 1  # a line to add, before the title's
            was = f" (as {old_file})" if old_file != new_file else ""
            fix = (f"add it to the aliases: aliases: [{', '.join([*have, alias])}]" if have else
                   f"add a line  aliases: [{alias}]")
            problems.append(Problem(new_file, line, col, ALIASES, f"this page was published at {address}{was}, and "
                                    "no page or alias has that address now, so links to it would break", fix))
        else:
            problems.append(Problem(old_file, 1, 1, "file", f"{old_file} was published at {address}, and this change "
                                    "removes it with no page or alias at that address, so links to it would break",
                                    f"if the file was renamed, add  aliases: [{name}]  to the renamed file; if the "
                                    "page is gone for good, add the old address to the page readers should reach "
                                    f'instead (aliases: ["{address}"]), or retire it on purpose: {_retire(address)}'))
    problems.extend(_changed_ids(base, site, successor, entries, with_problems))
    return problems


def _retire(address: str) -> str:
    return f"add the line  {address} {RETIRED}  to {LIST_FILE}"


def _same_folder(address: str, new_file: str | None, entries: dict) -> bool:
    """Whether an alias in `new_file` can name `address` by its old file name alone."""
    entry = entries.get(new_file) if new_file else None
    return entry is not None and address == f"/{entry.collection.url}/{PurePosixPath(address).name}/"


def _successors(base: Published, site, renamed: dict[str, str]) -> dict[str, str]:
    """Each base file -> the file of the change that carries it on: the same file, the file git
    saw it renamed to, the event with the same id, or the entry of its kind with its title."""
    entries = {e.path for e in site.entries}
    present = entries | set(site.left_out) | {p.path for p in site.problems}
    by_id = {e.data.get("id"): e.path for e in site.entries_with("events")}
    by_title = {(e.collection.name, e.data.get("title")): e.path for e in site.entries}
    found = {}
    old_ids = {path: event_id for event_id, (path, _) in base.events.items()}
    for old_file in set(base.addresses.values()) | set(base.titles):
        if old_file in present:
            found[old_file] = old_file
        elif renamed.get(old_file) in present:
            found[old_file] = renamed[old_file]
        elif old_ids.get(old_file) in by_id:
            found[old_file] = by_id[old_ids[old_file]]
        elif base.titles.get(old_file) in by_title:
            found[old_file] = by_title[base.titles[old_file]]
    return found


def _changed_ids(base: Published, site, successor: dict[str, str], entries: dict, with_problems: set) -> list:
    """A published event whose file now gives another `id`: calendars would show it twice."""
    ids_now = {e.data.get("id") for e in site.entries_with("events")}
    by_address = {address: entry.path for address, entry in served(site).items()}
    problems = []
    for old_id, (old_file, address) in sorted(base.events.items()):
        if old_id in ids_now:
            continue
        new_file = by_address.get(address) or successor.get(old_file)
        entry = entries.get(new_file)
        if entry is None or entry.collection.behaviour != "events" or new_file in with_problems:
            continue
        line, col = entry.front_matter.position(("id",))
        problems.append(Problem(new_file, line, col, "id", f"this event was published with the id '{old_id}', and "
                                "calendars that subscribed know it by that id: a new one would show the event twice "
                                "in each of them", f"put the old id back: id: {old_id}"))
    return problems
