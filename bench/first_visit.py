"""What a reader's first visit downloads, per kind of page, and what a search costs.

For each size (default 0, 100 and 1,000 synthetic case studies of varied text, bench/synthetic.py,
beside the site's real content: 0 is today's content alone) it builds the site, serves it
gzipped as GitHub Pages does (tools/serve.py) and opens each kind of reader page in a fresh
Chromium (empty cache), adding up the bytes of every response as sent (HTML, styles, scripts,
the typeface, images). Then it
opens the search on the home page and types a query, and counts what that fetched: Pagefind's
script and styles once, then the index fragments the query needs. It also reports the size of
the whole search index (site/pagefind/).

    python bench/first_visit.py [--sizes 0,100,1000] [--query "community council"]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from synthetic import make_project  # noqa: E402

from tools.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: E402

PREFIX = "/keep-it-local/"
# One page of each kind a reader lands on (a path under the site); kinds missing from a build are skipped.
PAGES = {
    "home": "",
    "case-study index": "case-studies/",
    "case study": "case-studies/preston-model/",
    "synthetic case study": "case-studies/case-00000/",
    "principles index": "principles/",
    "principle": "principles/local-spend/",
    "events index": "events/",
    "event": "events/locality-convention-2018/",
    "news index": "news/",
    "news post": "news/keep-it-local-manifesto/",
    "network": "network/",
    "council": "network/leeds/",
    "briefing": "briefing/",
    "about": "about/",
}
# The budget of a first visit, for the pages readers arrive on most: at most 120 KB, and at
# 1,000 case studies within 10% of the figure with today's content (the smallest size measured).
BUDGET_KB = 120
BUDGET_PAGES = ("home", "case study", "synthetic case study")


def build(folder: Path, count: int) -> Path:
    project = make_project(folder / f"project-{count}", count)
    for name in ("site.yml", "authors.yml", "briefing.yml", "events", "news", "councils", "publications", "images"):
        source, target = ROOT / "content" / name, project / "content" / name
        if source.exists() and not target.exists():
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    site_dir = folder / f"site-{count}"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                            text=True, timeout=1200)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stderr}")
    return site_dir


class Transfers:
    """Every response of a page, with the bytes of its body as sent (gzipped where served so)."""

    def __init__(self, page):
        self.sizes: dict[str, int] = {}
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        self.sizes[request.url] = request.sizes()["responseBodySize"]

    def kb(self, matching: str = "") -> float:
        return sum(size for url, size in self.sizes.items() if matching in url) / 1024


def first_visits(browser, base: str, site_dir: Path) -> dict[str, float]:
    result = {}
    for kind, path in PAGES.items():
        if not (site_dir / path / "index.html").is_file():
            continue
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        transfers = Transfers(page)
        response = page.goto(base + path)
        assert response.status == 200, f"{kind}: {response.status}"
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the last responses' sizes are reported after they finish
        assert not transfers.kb("/pagefind/"), f"{kind}: search data fetched before the search was used"
        result[kind] = transfers.kb()
        assert result[kind] > 0, f"{kind}: nothing was counted"
        context.close()
    return result


def search_cost(browser, base: str, query: str) -> tuple[float, float, int]:
    """(KB of Pagefind's script and styles, KB fetched for the query, fragments fetched)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    transfers = Transfers(page)
    page.goto(base)
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__inner > .kil-search-button").focus()
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !!window.PagefindComponents")
    page.wait_for_timeout(500)  # the last responses' sizes are reported after they finish
    ui = transfers.kb("/pagefind/")
    page.locator(".md-header__inner > .kil-search-button").click()
    page.locator("dialog.pf-modal").get_by_role("searchbox").fill(query)
    page.locator("pagefind-results .pf-result a").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    fragments = sum(1 for url in transfers.sizes if url.endswith(".pf_fragment"))
    context.close()
    return ui, transfers.kb("/pagefind/") - ui, fragments


def folder_kb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,100,1000")
    parser.add_argument("--query", default="community council")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"No Chromium at {CHROMIUM}: install it (apt-get install chromium) or set CHROME_PATH.")
    from playwright.sync_api import sync_playwright

    from keepitlocal.publish.search import BUNDLE
    from tools.serve import serving

    rows, searches = {}, {}
    with tempfile.TemporaryDirectory(prefix="kil-first-visit-") as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for count in [int(n) for n in args.sizes.split(",")]:
            print(f"building {count:,} synthetic case studies ...", file=sys.stderr, flush=True)
            site_dir = build(Path(folder), count)
            with serving(site_dir, PREFIX) as base:
                rows[count] = first_visits(browser, base, site_dir)
                ui, query_kb, fragments = search_cost(browser, base, args.query)
            index = site_dir / BUNDLE
            searches[count] = (folder_kb(index), folder_kb(index / "fragment"), ui, query_kb, fragments)
            shutil.rmtree(site_dir)
        browser.close()

    counts = list(rows)
    print(f"\n{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d')}; KB as sent (gzipped), empty cache, phone\n")
    heads = [f"{c:,} case studies" if c else "today's content" for c in counts]
    print("| page | " + " | ".join(heads) + " |")
    print("| --- |" + " ---: |" * len(counts))
    for kind in [kind for kind in PAGES if any(kind in rows[c] for c in counts)]:
        print(f"| {kind} | " + " | ".join(f"{rows[c][kind]:,.0f}" if kind in rows[c] else "-" for c in counts) + " |")
    print("\n| search | " + " | ".join(heads) + " |")
    print("| --- |" + " ---: |" * len(counts))
    labels = ["whole index on the server, KB", "of which page fragments, KB", "Pagefind's script and styles, KB",
              f"fetched for the query \"{args.query}\", KB", "fragments fetched for it"]
    for i, label in enumerate(labels):
        print(f"| {label} | " + " | ".join(f"{searches[c][i]:,.0f}" for c in counts) + " |")
    over = [f"{kind} at {c:,}: {rows[c][kind]:,.0f} KB" for c in counts for kind in BUDGET_PAGES
            if rows[c].get(kind, 0) > BUDGET_KB]
    sized = {kind: [c for c in counts if kind in rows[c]] for kind in BUDGET_PAGES}
    grew = [f"{kind}: {rows[have[0]][kind]:,.0f} KB at {have[0]:,} to {rows[have[-1]][kind]:,.0f} KB at {have[-1]:,}"
            for kind, have in sized.items() if len(have) > 1 and rows[have[-1]][kind] > rows[have[0]][kind] * 1.1]
    print(f"\nbudget ({', '.join(BUDGET_PAGES)}): at most {BUDGET_KB} KB: "
          + ("met" if not over else "over: " + "; ".join(over))
          + f"; within 10% from {counts[0]:,} (or the first size that has the page) to {counts[-1]:,}: "
          + ("met" if not grew else "grew: " + "; ".join(grew)))
    if over or grew:
        sys.exit(1)


if __name__ == "__main__":
    main()
