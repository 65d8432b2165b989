"""How long related case studies take for every case-study page, at a scale the site may reach.

    .venv/bin/python bench/related.py [count]

Makes `count` (default 1,000) synthetic case studies with two principles and two services each,
drawn from the real lists, and times RelatedIndex over all of them.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from keepitlocal.model.related import RelatedIndex
from keepitlocal.model.site import Entry, Site
from keepitlocal.schema.collections import CASE_STUDIES

PRINCIPLES = ["commission-simply", "commit-to-community", "early-intervention", "local-spend",
              "neighbourhood-coordination", "whole-system"]


def synthetic_site(count: int, seed: int = 1) -> Site:
    rng = random.Random(seed)
    properties = CASE_STUDIES.schema["properties"]
    regions, services, types = properties["region"]["enum"], properties["services"]["items"]["enum"], \
        properties["type"]["enum"]
    cases = []
    for i in range(count):
        data = {"title": f"Case {i}", "summary": "s", "type": rng.choice(types), "region": rng.choice(regions),
                "principles": rng.sample(PRINCIPLES, 2), "services": rng.sample(services, 2)}
        cases.append(Entry(CASE_STUDIES, f"case-{i:05d}", f"content/case-studies/case-{i:05d}.md", data, "", 1, None))
    return Site({"principles": [], "case-studies": cases}, [])


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    site = synthetic_site(count)
    start = time.perf_counter()
    index = RelatedIndex(site)
    picked = sum(len(index.for_case(case)) for case in site.case_studies)
    elapsed = time.perf_counter() - start
    print(f"{count} case studies: related lists for every page in {elapsed:.3f} s "
          f"({elapsed / count * 1000:.2f} ms a page, {picked} links)")


if __name__ == "__main__":
    main()
