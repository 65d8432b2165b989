"""Related case studies: the few other stories a reader of one case study should see next.

An author's own choice comes first: the case study's `related` front-matter, in its order.
The remaining places, up to `MAX_RELATED` in all, are filled with the case studies that share
the most with it, scored

    3 for each shared principle, 2 for each shared service,
    1 for the same region, 1 for the same type (keep it local / scale fail),

highest score first, ties broken by slug, so the result never depends on file order. A case
study is only picked automatically if it shares at least one principle or one service: the
same region or type alone does not make two stories related.

Cost. `RelatedIndex(site)` builds one inverted index, principle -> case studies and service
-> case studies, in O(n), each list in the site's order (newest year first). A page's
candidates are counted from the lists of its own principles and services, reading at most
`CANDIDATES_PER_LIST` entries of each, so one page costs O(1) and all pages O(n): the build
stays linear however many case studies share a principle. Up to that many case studies per
principle or service the choice is exact; beyond it, the newest are the ones considered.
The region and type bonus, at most 2, can only reorder candidates within 2 points of the
best, so only those are scored in Python. bench/related.py measures it.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from keepitlocal.model.site import Entry, Site

MAX_RELATED = 3
PRINCIPLE_WEIGHT = 3
SERVICE_WEIGHT = 2
REGION_WEIGHT = 1
TYPE_WEIGHT = 1
CANDIDATES_PER_LIST = 300


def score(case: Entry, other: Entry) -> int:
    """How much two case studies have in common (the weights above)."""
    a, b = case.data, other.data
    return (PRINCIPLE_WEIGHT * len(set(a["principles"]) & set(b["principles"]))
            + SERVICE_WEIGHT * len(set(a["services"]) & set(b["services"]))
            + REGION_WEIGHT * (a["region"] == b["region"]) + TYPE_WEIGHT * (a["type"] == b["type"]))


class RelatedIndex:
    """Built once per site; `for_case` answers for one case study."""

    def __init__(self, site: Site):
        self._cases = list(site.case_studies)
        self._position = {c.slug: i for i, c in enumerate(self._cases)}
        self._by_principle: dict[str, list[int]] = defaultdict(list)
        self._by_service: dict[str, list[int]] = defaultdict(list)
        for i, case in enumerate(self._cases):
            for slug in case.data["principles"]:
                self._by_principle[slug].append(i)
            for service in case.data["services"]:
                self._by_service[service].append(i)

    def for_case(self, case: Entry, limit: int = MAX_RELATED) -> list[Entry]:
        """The related case studies to show on `case`'s page, best first.

        Every published case study the author listed in `related` is shown, in the author's
        order, then automatic picks fill the list up to `limit`."""
        chosen = [self._cases[self._position[slug]] for slug in case.data.get("related", ())
                  if slug in self._position and slug != case.slug]
        room = limit - len(chosen)
        if room <= 0:
            return chosen
        shared: Counter = Counter()  # position -> weighted count of shared principles and services
        for slug in case.data["principles"]:
            candidates = self._by_principle.get(slug, ())[:CANDIDATES_PER_LIST]
            for _ in range(PRINCIPLE_WEIGHT):
                shared.update(candidates)
        for service in case.data["services"]:
            candidates = self._by_service.get(service, ())[:CANDIDATES_PER_LIST]
            for _ in range(SERVICE_WEIGHT):
                shared.update(candidates)
        for slug in (case.slug, *(c.slug for c in chosen)):
            shared.pop(self._position.get(slug), None)
        if not shared:
            return chosen
        # The bonus for region and type adds at most this much, so a candidate further than
        # that below the room-th best shared count cannot make the list.
        threshold = heapq.nlargest(room, shared.values())[-1] - (REGION_WEIGHT + TYPE_WEIGHT)
        region, kind = case.data["region"], case.data["type"]
        scored = []
        for position in [position for position, count in shared.items() if count >= threshold]:
            other = self._cases[position]
            bonus = REGION_WEIGHT * (other.data["region"] == region) + TYPE_WEIGHT * (other.data["type"] == kind)
            scored.append((-(shared[position] + bonus), other.slug, position))
        chosen.extend(self._cases[position] for _, _, position in heapq.nsmallest(room, scored))
        return chosen


def related_case_studies(site: Site, case: Entry, limit: int = MAX_RELATED) -> list[Entry]:
    """The related case studies of one case study (builds a fresh index: for many, use RelatedIndex)."""
    return RelatedIndex(site).for_case(case, limit)


FEATURED_COUNT = 4  # case studies on the home page


def featured_case_studies(site: Site, count: int = FEATURED_COUNT) -> list[Entry]:
    """Case studies marked `featured: true` (in the site's order: newest first), then the
    newest others, up to `count`."""
    featured = [c for c in site.case_studies if c.data.get("featured")]
    others = [c for c in site.case_studies if not c.data.get("featured")]
    return (featured + others)[:count]
