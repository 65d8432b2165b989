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
from functools import cache

from keepitlocal.base import uktime
from keepitlocal.base.urls import file_href, link
from keepitlocal.model import news
from keepitlocal.model.events import CALENDAR_FILE, Event, split
from keepitlocal.model.network import by_region, tiles
from keepitlocal.model.related import featured_case_studies
from keepitlocal.model.site import BRIEFING_FILE, BRIEFING_SRC_URI, Site
from keepitlocal.render import events as event_pages
from keepitlocal.render.campaign import councils, region_order
from keepitlocal.render.environment import Components, Markup, expand, render_html
from keepitlocal.render.pages import card
from keepitlocal.schema.parts import parts

EVENTS_COUNT = 3
NEWS_COUNT = 3
MARKER = re.compile(r"^<!--\s*keepitlocal:([a-z-]+)\s*-->[ \t]*$", re.M)


def headline_figures(site: Site) -> list[dict]:
    """Every key figure marked `headline: true`, with its case study, in the case studies' order."""
    return [{**figure, "case": case} for case in site.case_studies for figure in case.data.get("key_figures", [])
            if figure.get("headline")]


def figures_panel(site: Site, src_uri: str, components: Components):
    figures = headline_figures(site)
    count = len(councils(site))
    if not figures and not count:
        return ""
    network = next(iter(site.of_behaviour("councils")), None)
    index = site.indexes.get(network.name) if network else None
    return components.add("components/headline-figures.html", searchable=False, site=site, src_uri=src_uri,
                          figures=figures, councils=count,
                          network_src_uri=network.index_src_uri() if network else "",
                          network_title=index.title if index else (network.label_plural if network else ""))


def next_events(site: Site, src_uri: str, components: Components):
    """The next events, soonest first; with none coming, how to hear about the next one (the
    events page's own words). A past event is never shown here."""
    kinds = [c for c in site.of_behaviour("events") if site.entries_of(c)]
    if not kinds:
        return ""
    today = site.today or uktime.today()
    found = {e.slug: (c, e) for c in kinds for e in site.entries_of(c)}
    listing = split((Event.from_data(e.slug, e.data) for _, e in found.values()), today)
    if not listing.upcoming:
        return components.add("components/events-empty.html", site=site,
                              network_url=site.words.get("network_signup_url", ""),
                              calendar_href=file_href(src_uri, CALENDAR_FILE))
    return components.add("components/event-list.html", searchable=False, src_uri=src_uri, show_summary=True,
                          show_past=False, site=site,
                          items=[event_pages.card(*found[e.slug], today) for e in listing.upcoming[:EVENTS_COUNT]])


def latest_news(site: Site, src_uri: str, components: Components):
    posts = news.newest_first(site.entries_with("news"))[:NEWS_COUNT]
    if not posts:
        return ""
    return components.add("components/latest-news.html", searchable=False, posts=posts, authors=site.authors,
                          url=lambda to: link(src_uri, to))


def principles_grid(site: Site, src_uri: str, components: Components):
    return components.add("components/principle-grid.html", site=site, principles=site.principles, src_uri=src_uri,
                          index_src_uri=site.collections["principles"].index_src_uri())


def featured_cards(site: Site, src_uri: str, components: Components):
    cases = featured_case_studies(site)
    if not cases:
        return ""
    return components.add("components/featured.html", searchable=False, src_uri=src_uri,
                          cards=Markup("\n".join(card(src_uri, c) for c in cases)), total=len(site.case_studies),
                          index_src_uri=site.collections["case-studies"].index_src_uri())


def council_count(site: Site, src_uri: str) -> str:
    """The number of councils in the network, counted from content/councils/ (inline)."""
    return render_html("council-count.html", count=len(councils(site))).strip()


def council_list(site: Site, src_uri: str, components: Components | None = None) -> str:
    """Every council in the network by region, linked to its page, with the count."""
    network = next(iter(site.of_behaviour("councils")), None)
    if network is None:
        return ""
    return render_html("council-list.html", site=site, count=len(councils(site)),
                   groups=by_region(councils(site), region_order(site)), url=lambda to: link(src_uri, to),
                   network_index=network.index_src_uri(),
                   briefing=BRIEFING_SRC_URI if site.data.get(BRIEFING_FILE) else None)


def region_tiles(site: Site, src_uri: str, components: Components):
    """The tile grid of England's regions, as on the network page, linked to it."""
    network = next(iter(site.of_behaviour("councils")), None)
    if network is None:
        return ""
    return components.add("network-tiles.html", searchable=False, tiles=tiles(councils(site)),
                          anchor_base=link(src_uri, network.index_src_uri()))


def briefing_link(site: Site, src_uri: str, components: Components):
    """A link to the briefing's page by its title; nothing for a site without a briefing."""
    briefing = site.data.get(BRIEFING_FILE)
    if not briefing:
        return ""
    return components.add("components/briefing-link.html", searchable=False, title=briefing["title"],
                          href=link(src_uri, BRIEFING_SRC_URI))


# What fills each generated part declared in generated-parts.yml (keepitlocal.schema.parts), by
# its name; a test holds the two to the same names.
FILLERS = {"figures": figures_panel, "principles": principles_grid, "featured": featured_cards,
           "events": next_events, "news": latest_news, "councils": council_list, "council-count": council_count,
           "regions": region_tiles, "briefing": briefing_link}


def _parts(inline: bool) -> dict:
    """The fillers of the parts that stand on a line of their own, or (inline) inside a sentence,
    e.g. "<!-- keepitlocal:council-count --> councils have joined"."""
    return {name: FILLERS[name] for name, part in parts().items() if part.inline == inline}


@cache
def inline_marker() -> re.Pattern:
    return re.compile(r"<!--\s*keepitlocal:(" + "|".join(map(re.escape, _parts(True))) + r")\s*-->")


def place_markers(markdown: str, site: Site, src_uri: str) -> tuple[str, dict[str, str]]:
    """Replace each `<!-- keepitlocal:NAME -->` line with a placeholder for its generated part;
    return the Markdown and the parts' HTML by placeholder.

    An unknown name raises ValueError with the names that exist, for the adapter to report."""
    components = Components()
    block, inline = _parts(False), _parts(True)

    def replace(match: re.Match) -> str:
        name = match[1]
        if name not in block:
            raise ValueError(f"{src_uri}: '<!-- keepitlocal:{name} -->' is not a generated part "
                             f"(choose from: {', '.join([*block, *inline])})")
        return str(block[name](site, src_uri, components))

    markdown = MARKER.sub(lambda m: m[0] if m[1] in inline else replace(m), markdown)
    return inline_marker().sub(lambda m: inline[m[1]](site, src_uri), markdown), components.html


def expand_markers(markdown: str, site: Site, src_uri: str) -> str:
    """Replace each `<!-- keepitlocal:NAME -->` line with its generated part's HTML."""
    text, components = place_markers(markdown, site, src_uri)
    return expand(text, components)
