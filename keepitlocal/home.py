"""Generated parts of hand-written pages: the principles grid and the featured case studies.

A page in docs/ (the home page) places a generated part with a marker on a line of its own:

    <!-- keepitlocal:principles -->   the six principles as a grid of linked cards
    <!-- keepitlocal:featured -->     featured case studies as cards, and a link to them all

so campaign staff write the words around them and never list principles or case studies by
hand. `expand_markers` fills them in; an engine adapter calls it on each hand-written page.
"""

from __future__ import annotations

import re
from html import escape

from .pages import CASE_STUDIES_INDEX, PRINCIPLES_INDEX, case_study_card, link
from .site import Entry, Site

FEATURED_COUNT = 4
MARKER = re.compile(r"^<!--\s*keepitlocal:([a-z-]+)\s*-->[ \t]*$", re.M)


def featured_case_studies(site: Site, count: int = FEATURED_COUNT) -> list[Entry]:
    """Case studies marked `featured: true` (in the site's order: newest first), then the
    newest others, up to `count`."""
    featured = [c for c in site.case_studies if c.data.get("featured")]
    others = [c for c in site.case_studies if not c.data.get("featured")]
    return (featured + others)[:count]


def principles_grid(site: Site, src_uri: str) -> str:
    items = "\n".join(
        f'<li class="kil-principle-card"><a href="{link(src_uri, p.src_uri)}">'
        f'<span class="kil-principle-card__number" aria-hidden="true">{p.data["number"]}</span>'
        f'<span class="kil-principle-card__title">{escape(p.title)}</span></a>'
        f'<p>{escape(p.summary)}</p></li>'
        for p in site.principles
    )
    return (f'<ol class="kil-principle-grid">\n{items}\n</ol>\n\n'
            f'<p class="kil-more"><a href="{link(src_uri, PRINCIPLES_INDEX)}">More about the principles</a></p>')


def featured_cards(site: Site, src_uri: str) -> str:
    cases = featured_case_studies(site)
    if not cases:
        return ""
    cards = "\n".join(case_study_card(src_uri, c, site) for c in cases)
    total = len(site.case_studies)
    return (f'<ul class="kil-cards kil-featured" data-search-exclude>\n{cards}\n</ul>\n\n'
            f'<p class="kil-more"><a href="{link(src_uri, CASE_STUDIES_INDEX)}">'
            f'All {total} case {"study" if total == 1 else "studies"}</a></p>')


PARTS = {"principles": principles_grid, "featured": featured_cards}


def expand_markers(markdown: str, site: Site, src_uri: str) -> str:
    """Replace each `<!-- keepitlocal:NAME -->` line with its generated part.

    An unknown name raises ValueError with the names that exist, for the adapter to report."""
    def replace(match: re.Match) -> str:
        name = match[1]
        if name not in PARTS:
            raise ValueError(f"{src_uri}: '<!-- keepitlocal:{name} -->' is not a generated part "
                             f"(choose from: {', '.join(PARTS)})")
        return PARTS[name](site, src_uri)

    return MARKER.sub(replace, markdown)
