"""Drafts and scheduled pages, end to end: absent from everything a build publishes, shown
with a banner by `mkdocs serve`, and never linked from a published page."""

from __future__ import annotations

import gzip
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from builds import free_port, mkdocs_build, stop
from conftest import case_study

# Words that appear nowhere else in the site, so any trace of the drafts can be found.
DRAFT = ("zanzibar-quokka-hubs", "Zanzibar Quokka Hubs", "Marzipanwhistle", "Thistlewombat")
SCHEDULED = ("yellowhammer-pantry", "Yellowhammer Pantry", "Gingerbreadowl", "Puddingfinch")


def unpublished(slug: str, title: str, summary_word: str, body_word: str, when: str) -> str:
    return (case_study(title, summary=f"summary: {summary_word} kept services local and the money in the area.",
                       principles="principles: [local-spend, whole-system]\nrelated: [preston-model]",
                       date_added=f"date_added: 2026-11-26\n{when}")
            .replace("The story of what happened.", f"The story of {body_word} and what happened."))


def add_unpublished(project: Path) -> None:
    folder = project / "content/case-studies"
    (folder / f"{DRAFT[0]}.md").write_text(unpublished(*DRAFT, "draft: true"), encoding="utf-8")
    (folder / f"{SCHEDULED[0]}.md").write_text(unpublished(*SCHEDULED, "publish_date: 2099-12-31"), encoding="utf-8")


def site_texts(site: Path):
    """Every text file of the built site, with .gz files unpacked (sitemap.xml.gz)."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix in (".gz", ".pf_fragment"):  # the sitemap, and the search index's page texts
            data = gzip.decompress(data)
        try:
            yield path.relative_to(site).as_posix(), data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # images and fonts


def test_drafts_and_scheduled_pages_are_in_no_published_file(site_copy, tmp_path):
    add_unpublished(site_copy)
    site = tmp_path / "site"
    result = mkdocs_build(site_copy, site)
    assert result.returncode == 0, result.stderr
    texts = dict(site_texts(site))
    # What a draft must be absent from has to exist, and show published entries, or this proves nothing.
    texts["search index"] = "\n".join(text for name, text in texts.items() if name.startswith("pagefind/fragment/"))
    for name in ("sitemap.xml", "search index", "case-studies/index.html",
                 "principles/local-spend/index.html", "case-studies/preston-model/index.html"):
        assert name in texts, name
    assert "preston-model" in texts["sitemap.xml"] and "preston-model" in texts["search index"]
    leaks = [f"{name}: {word}" for name, text in texts.items() for word in (*DRAFT, *SCHEDULED)
             if word.casefold() in text.casefold()]
    assert leaks == []
    assert not (site / "case-studies" / DRAFT[0]).exists() and not (site / "case-studies" / SCHEDULED[0]).exists()


def test_a_published_page_linking_to_a_draft_stops_the_build(site_copy, tmp_path):
    add_unpublished(site_copy)
    path = site_copy / "content/case-studies/preston-model.md"
    text = re.sub(r'^related:\n  - "?kirklees-keeping-it-local"?\n  - "?carillion-collapse"?$',  # in the editor's style
                  "related: [kirklees-keeping-it-local, carillion-collapse]", path.read_text("utf-8"), flags=re.M)
    assert "\nrelated: [kirklees-keeping-it-local, carillion-collapse]\n" in text
    path.write_text(text.replace("related: [kirklees-keeping-it-local,", f"related: [{DRAFT[0]},"), encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = text.split("\n").index("related: [kirklees-keeping-it-local, carillion-collapse]") + 1
    assert (f"content/case-studies/preston-model.md:{line}:11: related[1]: '{DRAFT[0]}' is a draft or scheduled "
            f"for later, so it is not published (remove it here, or publish content/case-studies/{DRAFT[0]}.md first)"
            ) in result.stderr


def fetch(url: str, deadline: float) -> str:
    """The page's HTML, retrying while the server starts and builds; fails after the deadline."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture
def serve(site_copy):
    """`mkdocs serve` on the copy, on a free port of 127.0.0.1; stopped after the test."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(site_copy / "mkdocs.yml")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    site_path = re.search(r"^site_url: https?://[^/]+(/.*)$", (site_copy / "mkdocs.yml").read_text(), re.MULTILINE)[1]
    try:
        yield f"http://127.0.0.1:{port}{site_path}", process
    finally:
        stop(process)


def test_mkdocs_serve_shows_drafts_with_a_banner(site_copy, serve):
    add_unpublished(site_copy)
    base, process = serve
    deadline = time.monotonic() + 90
    try:
        draft = fetch(f"{base}case-studies/{DRAFT[0]}/", deadline)
        scheduled = fetch(f"{base}case-studies/{SCHEDULED[0]}/", deadline)
        listing = fetch(f"{base}case-studies/", deadline)
    except OSError:  # URLError, refused connections and timeouts are all OSErrors
        process.send_signal(signal.SIGINT)
        pytest.fail("mkdocs serve did not serve the drafts:\n" + process.communicate(timeout=15)[1][-3000:])
    assert '<p class="kil-draft-banner" role="note"><strong>Draft</strong>: this page is marked draft: true' in draft
    assert DRAFT[1] in draft and DRAFT[3] in draft
    assert "<strong>Draft</strong>: this page is scheduled for 31 December 2099" in scheduled
    assert f'href="{DRAFT[0]}/"' in listing and f'href="{SCHEDULED[0]}/"' in listing
