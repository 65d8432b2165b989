"""The number of councils is counted from content/councils/, so the home page, the join page,
the network page and the briefing cannot disagree, and adding a council file changes them all."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

PAGES = ("index.html", "join/index.html", "network/index.html", "briefing/index.html")

NEW_COUNCIL = """\
---
name: Testborough Council
gss_code: E06000099
type: unitary
region: East Midlands
joined: 2025
website: https://www.testborough.example/
sources:
  - title: Testborough joins the network
    url: https://example.org/testborough
    publisher: Locality
---
A council added by a test.
"""


def counts(site_dir: Path) -> dict[str, set[int]]:
    """The numbers marked as the council count on each page (the home page gives it more than once)."""
    found = {}
    for page in PAGES:
        html = (site_dir / page).read_text("utf-8")
        found[page] = {int(n) for n in re.findall(r'class="kil-council-count">(\d+)', html)}
    return found


def test_every_page_gives_the_number_of_council_files(built_site):
    files = len([p for p in (ROOT / "content/councils").glob("*.md") if not p.name.startswith("_")])
    assert files == 17
    assert counts(built_site) == {page: {files} for page in PAGES}


def test_adding_a_council_file_changes_the_number_everywhere(site_copy, tmp_path):
    from builds import mkdocs_build

    (site_copy / "content/councils/testborough.md").write_text(NEW_COUNCIL, encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert counts(tmp_path / "site") == {page: {18} for page in PAGES}
    network = (tmp_path / "site/network/index.html").read_text("utf-8")
    assert "Testborough Council" in network
    assert re.search(r'kil-tile--east-midlands" href="./#east-midlands">.*?kil-tile__count">1<', network)
