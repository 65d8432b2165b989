"""Check that the sources cited in content/ can still be reached: `python -m keepitlocal linkcheck`.

For staff to run now and then (`make linkcheck`). Web pages move and vanish on their own
schedule, so a broken source never stops a build: it is reported with the file and line
that cites it, and the command exits 0.

Each address is checked once however often it is cited: a HEAD request first, then a GET
when the server refuses HEAD or answers it with an error, with a timeout on every request
and a fixed number of requests under way at once.
"""

from __future__ import annotations

import os
import socket
import ssl
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from keepitlocal.check.load import load_site
from keepitlocal.model.site import Site

DEFAULT_TIMEOUT = 15.0  # seconds, per request
DEFAULT_WORKERS = 8  # requests under way at once
USER_AGENT = "Mozilla/5.0 (compatible; keep-it-local-linkcheck/1.0)"
PERMANENT_REDIRECTS = (301, 308)


@dataclass(frozen=True)
class Citation:
    path: str  # the content file, relative to the project root
    line: int
    url: str


@dataclass(frozen=True)
class Result:
    url: str
    status: str  # what to tell a person: "200 OK", "404 Not Found", "timed out after 15 s", ...
    broken: bool
    moved_to: str | None = None  # where a permanent redirect leads


def citations(site: Site) -> list[Citation]:
    """Every source address cited in front-matter, with the line it is written on."""
    found = []
    for entry in site.entries:
        for index, source in enumerate(entry.data.get("sources", [])):
            line, _ = entry.front_matter.position(("sources", index, "url"))
            found.append(Citation(entry.path, line, source["url"]))
    return sorted(found, key=lambda c: (c.path, c.line))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects as urllib does, keeping the request method and noting each hop."""

    def __init__(self):
        self.hops: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
            self.hops.append((code, new.full_url))
        return new


def check_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> Result:
    """Whether `url` answers, never raising for anything the network does."""
    result = _request(url, "HEAD", timeout)
    if result.broken and not result.status.startswith("timed out"):
        result = _request(url, "GET", timeout)  # some servers refuse or mishandle HEAD
    return result


def _request(url: str, method: str, timeout: float) -> Result:
    redirects = _Redirects()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            status = f"{response.status} {response.reason}"
    except urllib.error.HTTPError as error:
        error.close()
        return Result(url, f"{error.code} {error.reason}", True)
    except urllib.error.URLError as error:
        return Result(url, _network_problem(error.reason, timeout), True)
    except (OSError, ValueError) as error:  # timeouts, resets and malformed addresses
        return Result(url, _network_problem(error, timeout), True)
    except Exception as error:  # http.client's protocol errors and the like: a broken server, not a crash
        return Result(url, f"the server's answer could not be read ({type(error).__name__})", True)
    permanent = [to for code, to in redirects.hops if code in PERMANENT_REDIRECTS]
    return Result(url, status, False, moved_to=redirects.hops[-1][1] if permanent else None)


def _network_problem(reason, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({reason.reason or reason})"
    if isinstance(reason, socket.gaierror):
        return "the server's name cannot be found"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ValueError):
        return f"not a valid address ({reason})"
    return f"cannot connect ({reason})"


def check_all(urls: list[str], timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS) -> dict[str, Result]:
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique)))) as pool:
        return dict(zip(unique, pool.map(lambda u: check_url(u, timeout), unique), strict=True))


ISSUE_TITLE = "Sources that cannot be reached"
ISSUE_LIMIT = 60_000  # characters: GitHub refuses an issue body over 65,536


def issue_body(broken: list[Citation], moved: list[Citation], results: dict[str, Result],
               environ: dict | None = None) -> str:
    """The text of the one GitHub issue that lists the sources that fail, in Markdown: each
    address with the files and lines that cite it and what went wrong. Under GitHub Actions
    each file and line links to that line in the commit checked."""
    environ = os.environ if environ is None else environ
    base = ""
    if environ.get("GITHUB_SERVER_URL") and environ.get("GITHUB_REPOSITORY") and environ.get("GITHUB_SHA"):
        base = f"{environ['GITHUB_SERVER_URL']}/{environ['GITHUB_REPOSITORY']}/blob/{environ['GITHUB_SHA']}/"

    def where(citations: list[Citation]) -> str:
        return "<br>".join(f"[{c.path}:{c.line}]({base}{c.path}#L{c.line})" if base else f"`{c.path}:{c.line}`"
                           for c in citations)

    def rows(citations: list[Citation], problem) -> list[str]:
        by_url: dict[str, list[Citation]] = {}
        for citation in citations:
            by_url.setdefault(citation.url, []).append(citation)
        return [f"| {_cell(url)} | {where(cited)} | {_cell(problem(results[url]))} |" for url, cited in by_url.items()]

    broken_rows = rows(broken, lambda r: r.status)
    moved_rows = rows(moved, lambda r: f"moved permanently to {r.moved_to}")
    lines = [
        f"The weekly check of the sources cited on the site found {_count(len(broken_rows), 'address')} that "
        f"cannot be reached and {_count(len(moved_rows), 'address')} that moved. A source that fails never stops "
        "the site being published: fix each when you can, by updating its `url`, or by adding an `archived:` "
        "copy from a web archive (see the staff guide). This issue is updated by each weekly check and closed "
        "when every source answers; `make linkcheck` runs the same check on your own computer.",
        "",
    ]
    table = ["| Address | Cited in | Problem |", "| --- | --- | --- |"]
    if broken_rows:
        lines += ["## Cannot be reached", "", *table, *broken_rows, ""]
    if moved_rows:
        lines += ["## Moved: update the address", "", *table, *moved_rows, ""]
    text = "\n".join(lines)
    if len(text) > ISSUE_LIMIT:
        cut = text.rfind("\n", 0, ISSUE_LIMIT)
        text = text[:cut] + "\n\nThe list is too long for one issue: run `make linkcheck` to see it all.\n"
    return text


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}es" if noun.endswith("s") else f"{number} {noun}s"


def run_linkcheck(root: Path, timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS,
                  out: TextIO = sys.stdout, issue_path: Path | None = None) -> int:
    """Check every cited source, drafts included, and report. Always returns 0.

    With `issue_path`, also write there the body of the GitHub issue that lists the sources
    that fail: empty when every source answers, and no file at all when nothing could be
    reached (no verdict: most likely no internet)."""
    site = load_site(root, preview=True)
    if site.problems:
        files = len({p.path for p in site.problems})
        print(f"Skipped {files} content file{'s' if files != 1 else ''} with problems: run `make check` to see them.",
              file=out)
    cited = citations(site)
    results = check_all([c.url for c in cited], timeout, workers)
    broken = [c for c in cited if results[c.url].broken]
    moved = [c for c in cited if results[c.url].moved_to]
    for citation in broken:
        print(f"{citation.path}:{citation.line}: {citation.url}: {results[citation.url].status}", file=out)
    for citation in moved:
        print(f"{citation.path}:{citation.line}: {citation.url}: moved permanently to "
              f"{results[citation.url].moved_to} (update the address)", file=out)
    files = len({c.path for c in cited})
    broken_urls = len({c.url for c in broken})
    moved_urls = len({c.url for c in moved})
    print(f"Checked {len(results)} source address{'es' if len(results) != 1 else ''} cited in {files} "
          f"file{'s' if files != 1 else ''}: {broken_urls} broken, {moved_urls} moved, "
          f"{len(results) - broken_urls - moved_urls} fine.", file=out)
    no_verdict = len(results) > 1 and broken_urls == len(results)
    if no_verdict:
        print("Every address failed: check that this computer is connected to the internet.", file=out)
    if issue_path is not None and not no_verdict:
        Path(issue_path).write_text(issue_body(broken, moved, results) if broken or moved else "", "utf-8")
    if broken or moved:
        print("Broken or moved sources do not stop the build or the deployment: fix them when you can "
              "(a web archive copy is a good replacement for a page that has gone).", file=out)
    return 0
