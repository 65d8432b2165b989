"""Every generated page of the site, from the site model: each kind's index page and entry pages
(with what its behaviour adds), the news archives and the briefing."""

from __future__ import annotations

from keepitlocal.base.urls import page_url
from keepitlocal.model.site import Site
from keepitlocal.render.campaign import briefing_page
from keepitlocal.render.kinds import pages_of
from keepitlocal.render.pages import Helpers, Page, clear_cards, entry_page, index_page


def build_pages(site: Site, site_url: str = "") -> list[Page]:
    """Every generated page: for each kind of content that has pages, its index page, then one
    page per entry, each made with the templates its declaration names. `site_url` (the
    published address) makes the full addresses some pages give, e.g. in structured data."""
    helpers = Helpers(site, site_url)
    clear_cards()
    pages = []
    kinds = [c for c in site.collections.values() if c.pages]
    for collection in kinds:
        kind = pages_of(collection)
        if kind.index_page:
            pages.append(kind.index_page(site, collection))
        else:
            more = kind.index_context(site, collection, collection.index_src_uri(), site_url) \
                if kind.index_context else None
            pages.append(index_page(site, collection, helpers, more))
    for collection in kinds:
        kind = pages_of(collection)
        for entry in site.entries_of(collection):
            if kind.entry_page:
                pages.append(kind.entry_page(site, collection, entry))
            else:
                more = kind.page_context(site, collection, entry, site_url) if kind.page_context else None
                pages.append(entry_page(site, collection, entry, helpers, more))
    for collection in kinds:
        kind = pages_of(collection)
        if kind.more_pages:
            pages.extend(kind.more_pages(site, collection))
    briefing = briefing_page(site, site_url)
    pages.extend([briefing] if briefing else [])
    mark_sections(site, pages)
    return pages


def mark_sections(site: Site, pages: list[Page]) -> None:
    """Give each page of a kind's folder its `section`: the kind's index page (address and
    title), so the theme marks that section in the navigation and links back to its list."""
    sections = []
    for collection in site.collections.values():
        if collection.pages:
            index = site.indexes.get(collection.name)
            sections.append((collection.url + "/", {"url": page_url(collection.index_src_uri()),
                                                     "title": index.title if index else collection.label_plural}))
    for page in pages:
        for folder, section in sections:
            if page.src_uri.startswith(folder):
                page.meta.setdefault("section", section)
