"""The site's search: an index of the reader pages, made by Pagefind from the built site.

    index_site(site_dir)     index the built site into site_dir/pagefind/; the number of pages
    indexed_pages(site_dir)  what the index holds, page by page (for tests and benchmarks)

Pagefind (the `pagefind[bin]` package: its binary, no Node) reads the HTML MkDocs has
written. Only pages whose content carries `data-pagefind-body` are indexed (the reader
pages: overrides/main.html marks them); the staff pages, the editor, the pages at old
addresses and the page-not-found are left out. The browser downloads nothing of the index
until a reader opens the search (docs/assets/search.js), then only the parts a query needs.

A build whose index cannot be made stops with a message (SearchIndexError), rather than
publishing a site whose search finds nothing.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
from pathlib import Path

BUNDLE = "pagefind"  # the folder of the index and Pagefind's scripts, at the site's root
# Pagefind names what it found in its summary; "Indexed 0 pages" or no marked page is a failure.
_INDEXED = re.compile(r"Indexed (\d+) pages?")
_NOTHING_MARKED = "Did not find a data-pagefind-body element"
# Parts of a reader page that are not its words: heading anchors (¶), citation numbers, the
# links back up from a source, and sources' web addresses (their titles and publishers stay).
LEFT_OUT = (".headerlink", ".kil-cite", ".kil-backlinks", ".kil-source-url")
TIME_LIMIT = 300  # seconds; 1,000 case studies take a few
_FRAGMENT_SIGNATURE = b"pagefind_dcd"


class SearchIndexError(Exception):
    """The search index could not be made; the message says why and what to do."""


def index_site(site_dir: Path | str) -> int:
    """Index the reader pages of the site built in `site_dir`; returns how many were indexed."""
    site_dir = Path(site_dir)
    try:
        from pagefind_bin import get_executable  # the binary wheel: its absence is said in words below

        executable = get_executable()
    except (ImportError, FileNotFoundError):
        raise SearchIndexError(
            "The site's search could not be made: Pagefind is not installed. Run make build, which "
            "installs it from requirements.lock (the pagefind[bin] package).") from None
    try:
        result = subprocess.run([str(executable), "--site", str(site_dir), "--output-subdir", BUNDLE,
                                 *(arg for selector in LEFT_OUT for arg in ("--exclude-selectors", selector))],
                                capture_output=True, text=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"The site's search could not be made: Pagefind took more than {TIME_LIMIT} "
                               "seconds to index the site.") from None
    except OSError as error:
        raise SearchIndexError(f"The site's search could not be made: Pagefind could not start ({error}).") from None
    said = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise SearchIndexError("The site's search could not be made. Pagefind said:\n" + _last_lines(said))
    if _NOTHING_MARKED in said:
        raise SearchIndexError(
            "The site's search could not be made: no page is marked as a reader page "
            "(data-pagefind-body, which overrides/main.html adds to every page for readers). "
            "Check that the page layouts in overrides/ still extend main.html.")
    found = _INDEXED.search(said)
    pages = int(found[1]) if found else 0
    if not pages or not (site_dir / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError("The site's search could not be made: Pagefind indexed no page. Pagefind said:\n"
                               + _last_lines(said))
    return pages


def _last_lines(text: str, count: int = 15) -> str:
    return "\n".join(text.splitlines()[-count:]) or "(nothing)"


def indexed_pages(site_dir: Path | str) -> list[dict]:
    """What the index of a built site holds, a dict a page: its address from the site's root
    (url), its words (content), its title and kind (meta) and filters. Pagefind keeps each
    page as a gzipped fragment; this reads them back, for tests and benchmarks."""
    pages = []
    for path in sorted(Path(site_dir, BUNDLE, "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        pages.append(json.loads(data[len(_FRAGMENT_SIGNATURE):] if data.startswith(_FRAGMENT_SIGNATURE) else data))
    return pages
