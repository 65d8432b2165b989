"""Old addresses (aliases) and the list of published addresses, checked: an alias must be a new
address, and every address the site published must still lead somewhere."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem
from keepitlocal.base.urls import output_path, site_address
from keepitlocal.model.addresses import ALIASES, LIST_FILE, Listed, aliases_of, entry_address, served
from keepitlocal.read.frontmatter import dotted

if TYPE_CHECKING:
    from keepitlocal.model.site import Site


def alias_problems(entries: list, collections: dict, present: dict[str, str]) -> list[Problem]:
    """Each alias must be a new address: not an entry's own page, not another entry's alias, not
    a kind's list page. `present` maps every content file's page address to the file, whether
    or not it loaded without problems."""
    indexes = {site_address(c.index_src_uri()): c.label_plural for c in collections.values() if c.pages}
    first_with: dict[str, tuple[str, str]] = {}
    problems = []
    for entry in sorted(entries, key=lambda e: e.path):
        for index, alias, address in aliases_of(entry):
            line, col = entry.front_matter.position((ALIASES, index))
            field = dotted((ALIASES, index))
            if address == entry_address(entry):
                problems.append(Problem(entry.path, line, col, field,
                                        f"'{alias}' is this file's own name, not an old one", "remove it"))
            elif address in present:
                problems.append(Problem(entry.path, line, col, field,
                                        f"'{alias}' is the address of {present[address]} ({address}), which is "
                                        "still a page", f"remove the alias, or remove or rename {present[address]}"))
            elif address in indexes:
                problems.append(Problem(entry.path, line, col, field,
                                        f"'{alias}' is the address of the list of {indexes[address].lower()}",
                                        "remove it"))
            elif address in first_with:
                other, written = first_with[address]
                problems.append(Problem(entry.path, line, col, field,
                                        f"'{alias}' is already an alias in {other} ('{written}'), so {address} "
                                        "cannot lead to both", "keep it in the file readers should reach"))
            else:
                first_with[address] = (entry.path, alias)
    return problems


def missing_problems(listed: dict[str, Listed], site_served: set[str], collections: dict,
                     files: dict[str, str], unpublished: set[str]) -> list[Problem]:
    """An address on the list that no page and no alias has any more: its links would break.
    `files` maps page addresses to the content files present (with or without problems);
    `unpublished` holds the addresses of drafts and scheduled entries."""
    problems = []
    for address, item in listed.items():
        if item.retired or address in site_served or (address in files and address not in unpublished):
            continue  # a page with problems of its own is reported for those
        retire = f"to retire the address on purpose, write retired after it on line {item.line} of {LIST_FILE}"
        if address in unpublished:
            problems.append(Problem(LIST_FILE, item.line, 1, "address",
                                    f"{files[address]} was published at {address}, and is now a draft or scheduled "
                                    "for later, so links to it would break",
                                    f"publish it again (draft: false), or {retire}"))
            continue
        where = _old_file(address, collections)
        name = address.strip("/").rsplit("/", 1)[-1]
        fix = (f"add `aliases: [{name}]` to the file that replaces it" if where and where[1] else
               f'add `aliases: ["{address}"]` to the file that replaces it')
        problems.append(Problem(LIST_FILE, item.line, 1, "address",
                                f"{where[0] if where else 'a page'} was published at {address}, and no page or "
                                "alias has that address now, so links to it would break", f"{fix}; {retire}"))
    return problems


def _old_file(address: str, collections: dict) -> tuple[str, bool] | None:
    """The content file that made `address`, and whether an alias in its own folder can name it
    by file name; None if no kind makes such addresses."""
    parts = address.strip("/").split("/")
    if len(parts) != 2:
        return None
    for collection in collections.values():
        if collection.pages and collection.url == parts[0]:
            return f"content/{collection.name}/{parts[1]}.md", True
    return None


def hand_written_clash_problems(site: Site, root: Path | str, docs_dir: str = "docs") -> list[Problem]:
    """An alias at the address of a hand-written page in docs/ (the build would stop on it), at
    the alias's line, so that a check that passes means a build that passes."""
    folder = Path(root) / docs_dir
    if not folder.is_dir():
        return []
    pages = {output_path(p.relative_to(folder).as_posix()): p.relative_to(root).as_posix()
             for p in folder.rglob("*") if p.is_file()}
    problems = []
    for address, entry in served(site).items():
        made = address.lstrip("/") + "index.html"
        for index, alias, alias_at in aliases_of(entry):
            if alias_at == address and made in pages:
                line, col = entry.front_matter.position((ALIASES, index))
                problems.append(Problem(entry.path, line, col, dotted((ALIASES, index)),
                                        f"'{alias}' is the address of {pages[made]} ({address}), which is still a "
                                        "page", f"remove the alias, or remove or rename {pages[made]}"))
    return problems
