"""Generated parts of hand-written pages: the headline figures, the principles grid, the
featured case studies, the next events and the latest news.

A page in docs/ (the home page) places a generated part with a marker on a line of its own:

    <!-- keepitlocal:figures -->      the key figures marked headline: true, each linking to its
                                      case study, and the number of councils in the network
    <!-- keepitlocal:principles -->   the six principles as a grid of linked cards
    <!-- keepitlocal:featured -->     featured case studies as cards, and a link to them all
    <!-- keepitlocal:events -->       the next events (or, with none coming, the latest ones)
    <!-- keepitlocal:news -->         the latest news posts
    <!-- keepitlocal:councils -->     the network's councils by region, with their number
    <!-- keepitlocal:briefing -->     a link to the briefing for councillors (content/briefing.yml)
    <!-- keepitlocal:regions -->      the tile grid of England's regions with their numbers of
                                      councils, each linked to its region on the network page

and one that stands inside a sentence:

    <!-- keepitlocal:council-count -->  the number of councils in the network

so campaign staff write the words around them and never list principles or case studies by
hand. The parts, and the pages that must have them, are declared in generated-parts.yml
(markers.py), which `make check` checks pages against. `place_markers` swaps each marker for a
component's placeholder (see render.py), for an engine adapter to fill in after Markdown
conversion; `expand_markers` puts the HTML in directly.
"""

from __future__ import annotations

import re

from .markers import parts
from .pages import CASE_STUDIES_INDEX, PRINCIPLES_INDEX, card, link
from .render import Components, Markup, expand
from .site import Entry, Site

FEATURED_COUNT = 4
EVENTS_COUNT = 3
NEWS_COUNT = 3
MARKER = re.compile(r"^<!--\s*keepitlocal:([a-z-]+)\s*-->[ \t]*$", re.M)


def featured_case_studies(site: Site, count: int = FEATURED_COUNT) -> list[Entry]:
    """Case studies marked `featured: true` (in the site's order: newest first), then the
    newest others, up to `count`."""
    featured = [c for c in site.case_studies if c.data.get("featured")]
    others = [c for c in site.case_studies if not c.data.get("featured")]
    return (featured + others)[:count]


def headline_figures(site: Site) -> list[dict]:
    """Every key figure marked `headline: true`, with its case study, in the case studies' order."""
    return [{**figure, "case": case} for case in site.case_studies for figure in case.data.get("key_figures", [])
            if figure.get("headline")]


def figures_panel(site: Site, src_uri: str, components: Components):
    from .campaign import COUNCILS, council_count

    figures = headline_figures(site)
    councils = council_count(site) if COUNCILS in site.collections else 0
    if not figures and not councils:
        return ""
    network = site.collections.get(COUNCILS)
    index = site.indexes.get(COUNCILS)
    return components.add("components/headline-figures.html", searchable=False, site=site, src_uri=src_uri,
                          figures=figures, councils=councils,
                          network_src_uri=network.index_src_uri() if network else "",
                          network_title=index.title if index else (network.label_plural if network else ""))


def next_events(site: Site, src_uri: str, components: Components):
    """The next events, soonest first; with none coming, how to hear about the next one (the
    events page's own words). A past event is never shown here."""
    events = site.collections.get("events")
    module = events.extension if events is not None else None
    if module is None or not site.entries_of(events):
        return ""
    from . import uktime

    today = site.today or uktime.today()
    listing = module.split((module.Event.from_data(e.slug, e.data) for e in site.entries_of(events)), today)
    if not listing.upcoming:
        return components.add("components/events-empty.html", site=site,
                              network_url=site.words.get("network_signup_url", ""),
                              calendar_href=module._relative_file(src_uri, module.CALENDAR_FILE))
    by_slug = {e.slug: e for e in site.entries_of(events)}
    return components.add("components/event-list.html", searchable=False, src_uri=src_uri, show_summary=True,
                          show_past=False, site=site,
                          items=[module.card(by_slug[e.slug], today) for e in listing.upcoming[:EVENTS_COUNT]])


def latest_news(site: Site, src_uri: str, components: Components):
    from . import news
    from .campaign import NEWS, _authors

    if NEWS not in site.collections or not site.entries_of(NEWS):
        return ""
    posts = news.newest_first(site.entries_of(NEWS))[:NEWS_COUNT]
    return components.add("components/latest-news.html", searchable=False, posts=posts, authors=_authors(site),
                          url=lambda to: link(src_uri, to))


def principles_grid(site: Site, src_uri: str, components: Components):
    return components.add("components/principle-grid.html", principles=site.principles, src_uri=src_uri,
                          index_src_uri=PRINCIPLES_INDEX)


def featured_cards(site: Site, src_uri: str, components: Components):
    cases = featured_case_studies(site)
    if not cases:
        return ""
    return components.add("components/featured.html", searchable=False, src_uri=src_uri,
                          cards=Markup("\n".join(card(src_uri, c) for c in cases)), total=len(site.case_studies),
                          index_src_uri=CASE_STUDIES_INDEX)


def council_count(site: Site, src_uri: str) -> str:
    """The number of councils in the network, counted from content/councils/ (inline)."""
    from .campaign import _render
    from .campaign import council_count as count

    return _render("council-count.html", count=count(site)).strip()


def council_list(site: Site, src_uri: str, components: Components | None = None) -> str:
    """Every council in the network by region, linked to its page, with the count."""
    from .campaign import BRIEFING_FILE, BRIEFING_SRC_URI, COUNCILS, _render, councils, region_order
    from .network import by_region

    if COUNCILS not in site.collections:
        return ""
    return _render("council-list.html", count=len(councils(site)),
                   groups=by_region(councils(site), region_order(site)), url=lambda to: link(src_uri, to),
                   network_index=site.collections[COUNCILS].index_src_uri(),
                   briefing=BRIEFING_SRC_URI if site.data.get(BRIEFING_FILE) else None)


def region_tiles(site: Site, src_uri: str, components: Components):
    """The tile grid of England's regions, as on the network page, linked to it."""
    from . import network
    from .campaign import COUNCILS, councils

    if COUNCILS not in site.collections:
        return ""
    return components.add("network-tiles.html", searchable=False, tiles=network.tiles(councils(site)),
                          anchor_base=link(src_uri, site.collections[COUNCILS].index_src_uri()))


def briefing_link(site: Site, src_uri: str, components: Components):
    """A link to the briefing's page by its title; nothing for a site without a briefing."""
    from .campaign import BRIEFING_FILE, BRIEFING_SRC_URI

    briefing = site.data.get(BRIEFING_FILE)
    if not briefing:
        return ""
    return components.add("components/briefing-link.html", searchable=False, title=briefing["title"],
                          href=link(src_uri, BRIEFING_SRC_URI))


# What fills each generated part declared in generated-parts.yml (markers.py), by its name.
FILLERS = {"figures": figures_panel, "principles": principles_grid, "featured": featured_cards,
           "events": next_events, "news": latest_news, "councils": council_list, "council-count": council_count,
           "regions": region_tiles, "briefing": briefing_link}
if set(FILLERS) != set(parts()):
    raise RuntimeError(f"generated-parts.yml declares {sorted(parts())}, and home.py fills {sorted(FILLERS)}")
PARTS = {name: FILLERS[name] for name, part in parts().items() if not part.inline}
# Parts that stand inside a sentence, e.g. "<!-- keepitlocal:council-count --> councils have joined".
INLINE_PARTS = {name: FILLERS[name] for name, part in parts().items() if part.inline}
INLINE_MARKER = re.compile(r"<!--\s*keepitlocal:(" + "|".join(map(re.escape, INLINE_PARTS)) + r")\s*-->")


def place_markers(markdown: str, site: Site, src_uri: str) -> tuple[str, dict[str, str]]:
    """Replace each `<!-- keepitlocal:NAME -->` line with a placeholder for its generated part;
    return the Markdown and the parts' HTML by placeholder.

    An unknown name raises ValueError with the names that exist, for the adapter to report."""
    components = Components()

    def replace(match: re.Match) -> str:
        name = match[1]
        if name not in PARTS:
            raise ValueError(f"{src_uri}: '<!-- keepitlocal:{name} -->' is not a generated part "
                             f"(choose from: {', '.join([*PARTS, *INLINE_PARTS])})")
        return str(PARTS[name](site, src_uri, components))

    markdown = MARKER.sub(lambda m: m[0] if m[1] in INLINE_PARTS else replace(m), markdown)
    return INLINE_MARKER.sub(lambda m: INLINE_PARTS[m[1]](site, src_uri), markdown), components.html


def expand_markers(markdown: str, site: Site, src_uri: str) -> str:
    """Replace each `<!-- keepitlocal:NAME -->` line with its generated part's HTML."""
    text, components = place_markers(markdown, site, src_uri)
    return expand(text, components)
