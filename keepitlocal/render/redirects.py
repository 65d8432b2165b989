"""A small page at each old address of an entry (its aliases), and of a page of the site's own
that moved (SITE_MOVES), which sends readers on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from keepitlocal.base.urls import absolute_url
from keepitlocal.model.addresses import REDIRECT_TEMPLATE, SITE_MOVES, aliases_of, entry_address
from keepitlocal.render.environment import render

if TYPE_CHECKING:
    from keepitlocal.model.site import Site


def redirect_pages(site: Site, site_url: str = "") -> dict[str, str]:
    """A page at each alias of a published entry: `case-studies/old/index.html` -> its HTML,
    which sends the reader to the entry's page at once, and names it as the canonical page (by its
    full address under `site_url`; without one, by the same relative link)."""
    moves = [(address, target, title) for address, (target, title) in SITE_MOVES.items()]
    for collection in site.collections.values():
        if not collection.pages:
            continue
        for entry in site.entries_of(collection):
            moves.extend((address, entry_address(entry), entry.title) for _, _, address in aliases_of(entry))
    pages = {}
    for address, target, title in moves:
        depth = address.strip("/").count("/") + 1
        href = "../" * depth + target.lstrip("/")
        pages[address.lstrip("/") + "index.html"] = str(render(
            REDIRECT_TEMPLATE, title=title, href=href,
            canonical=absolute_url(site_url, target.lstrip("/")) if site_url else href, words=site.words))
    return pages
