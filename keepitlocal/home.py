"""Generated parts of hand-written pages: the principles grid and the featured case studies.

A page in docs/ (the home page) places a generated part with a marker on a line of its own:

    <!-- keepitlocal:principles -->   the six principles as a grid of linked cards
    <!-- keepitlocal:featured -->     featured case studies as cards, and a link to them all
    <!-- keepitlocal:councils -->     the network's councils by region, with their number

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


# What fills each generated part declared in generated-parts.yml (markers.py), by its name.
FILLERS = {"principles": principles_grid, "featured": featured_cards, "councils": council_list,
           "council-count": council_count}
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
