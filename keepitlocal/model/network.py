"""The network's councils: grouped by region, counted, and placed on a tile grid of England.

The tile grid is the common news-graphics picture of England's nine regions as equal squares
set out roughly as on a map (no boundaries, no map tiles). Where each square goes is in the
stylesheet (docs/assets/network.css, one rule per region); this module says which regions
there are and how many councils each has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# England's nine regions, north to south: the tiles, whether or not a council is there yet.
ENGLISH_REGIONS = (
    "North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)


def region_id(region: str) -> str:
    """`Yorkshire and the Humber` -> `yorkshire-and-the-humber`: the anchor of its list on /network/."""
    return "-".join(re.findall(r"[a-z0-9]+", region.lower()))


def by_region(councils: list, region_order: list[str]) -> list[tuple[str, list]]:
    """(region, its councils by name) for each region with a council, in `region_order`."""
    groups: dict[str, list] = {}
    for council in councils:
        groups.setdefault(council.data["region"], []).append(council)
    return [(region, sorted(groups[region], key=lambda c: (c.data["name"].casefold(), c.slug)))
            for region in region_order if region in groups]


@dataclass(frozen=True)
class Tile:
    region: str
    count: int

    @property
    def id(self) -> str:
        return region_id(self.region)


def tiles(councils: list) -> list[Tile]:
    """One tile per English region, with its number of councils (0 included)."""
    counts = {region: 0 for region in ENGLISH_REGIONS}
    for council in councils:
        if council.data["region"] in counts:
            counts[council.data["region"]] += 1
    return [Tile(region, count) for region, count in counts.items()]
