"""The pages of kinds with a `behaviour:` in their declaration, by that name. Every other kind's
pages are made from its declared templates alone (keepitlocal.render.pages).

A behaviour may make a kind's index page and entry pages itself (news, the network of councils),
add to their templates' context (events: upcoming and past on the build's date, calendar links,
structured data), and make more pages (the news archives).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from keepitlocal.render import campaign, events
from keepitlocal.schema.collections import Collection


@dataclass(frozen=True)
class KindPages:
    index_page: Callable | None = None  # (site, collection) -> Page
    entry_page: Callable | None = None  # (site, collection, entry) -> Page
    index_context: Callable | None = None  # (site, collection, src_uri, site_url) -> dict
    page_context: Callable | None = None  # (site, collection, entry, site_url) -> dict
    more_pages: Callable | None = None  # (site, collection) -> list[Page]


PLAIN = KindPages()
REGISTRY: dict[str, KindPages] = {
    "news": KindPages(index_page=campaign.news_index_page, entry_page=campaign.post_page,
                      more_pages=campaign.news_archive_pages),
    "councils": KindPages(index_page=campaign.network_index_page, entry_page=campaign.council_page),
    "events": KindPages(index_context=events.index_context, page_context=events.page_context),
}


def pages_of(collection: Collection) -> KindPages:
    """What the kind's behaviour does for its pages (nothing, for a kind without one)."""
    return REGISTRY.get(collection.behaviour, PLAIN)
