"""Generated parts of hand-written pages: the principles grid and the featured case studies.

A page in docs/ (the home page) places a generated part with a marker on a line of its own:

    <!-- keepitlocal:principles -->   the six principles as a grid of linked cards
    <!-- keepitlocal:featured -->     featured case studies as cards, and a link to them all

so campaign staff write the words around them and never list principles or case studies by
hand. `place_markers` swaps each marker for a component's placeholder (see render.py), for an
engine adapter to fill in after Markdown conversion; `expand_markers` puts the HTML in directly.
"""

from __future__ import annotations

import re

from .pages import CASE_STUDIES_INDEX, PRINCIPLES_INDEX, card
from .render import Components, Markup, expand
from .site import Entry, Site

FEATURED_COUNT = 4
MARKER = re.compile(r"^<!--\s*keepitlocal:([a-z-]+)\s*-->[ \t]*$", re.M)


def featured_case_studies(site: Site, count: int = FEATURED_COUNT) -> list[Entry]:
    """Case studies marked `featured: true` (in the site's order: newest first), then the
    newest others, up to `count`."""
    featured = [c for c in site.case_studies if c.data.get("featured")]
    others = [c for c in site.case_studies if not c.data.get("featured")]
    return (featured + others)[:count]


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


PARTS = {"principles": principles_grid, "featured": featured_cards}


def place_markers(markdown: str, site: Site, src_uri: str) -> tuple[str, dict[str, str]]:
    """Replace each `<!-- keepitlocal:NAME -->` line with a placeholder for its generated part;
    return the Markdown and the parts' HTML by placeholder.

    An unknown name raises ValueError with the names that exist, for the adapter to report."""
    components = Components()

    def replace(match: re.Match) -> str:
        name = match[1]
        if name not in PARTS:
            raise ValueError(f"{src_uri}: '<!-- keepitlocal:{name} -->' is not a generated part "
                             f"(choose from: {', '.join(PARTS)})")
        return str(PARTS[name](site, src_uri, components))

    return MARKER.sub(replace, markdown), components.html


def expand_markers(markdown: str, site: Site, src_uri: str) -> str:
    """Replace each `<!-- keepitlocal:NAME -->` line with its generated part's HTML."""
    text, components = place_markers(markdown, site, src_uri)
    return expand(text, components)
