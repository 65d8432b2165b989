"""The search index: made after every build from the reader pages only, and a build whose
index cannot be made stops with a message rather than publishing a search that finds nothing.
(Searching in a browser: tests/browser/test_search.py.)"""

from __future__ import annotations

import pytest
from builds import mkdocs_build

from keepitlocal.publish.search import SearchIndexError, index_site, indexed_pages

STAFF = ("/staff/", "/staff-guide/", "/admin/", "/schemas/")


def test_the_index_holds_every_reader_page_and_no_other(built_site):
    indexed = {page["url"]: page for page in indexed_pages(built_site)}
    reader_pages = {"/" + p.parent.relative_to(built_site).as_posix().removeprefix(".") + "/"
                    for p in built_site.rglob("index.html")
                    if 'http-equiv="refresh"' not in p.read_text("utf-8")}  # not the pages at old addresses
    reader_pages = {url.replace("//", "/") for url in reader_pages if not url.startswith(STAFF)}
    assert set(indexed) == reader_pages
    assert "/404.html" not in indexed
    for url in ("/case-studies/preston-model/", "/principles/local-spend/", "/news/", "/network/leeds/", "/"):
        assert url in indexed, url
    # Each page's kind, shown in results and chosen by readers.
    assert indexed["/case-studies/preston-model/"]["filters"] == {"kind": ["Case study"]}
    assert indexed["/network/leeds/"]["meta"]["kind"] == "Council"
    assert indexed["/about/"]["meta"]["kind"] == "Page"
    # A page's words, not the lists of other pages it shows, nor heading anchors or source addresses.
    preston = indexed["/case-studies/preston-model/"]["content"]
    assert "Preston City Council" in preston and "¶" not in preston and "https://" not in preston
    # Material's own search (lunr and its worker) is not published beside Pagefind.
    javascripts = [p.relative_to(built_site).as_posix() for p in (built_site / "assets/javascripts").rglob("*")]
    assert javascripts and not [p for p in javascripts if "lunr" in p or "workers/search" in p]


@pytest.mark.build  # runs Pagefind
def test_a_site_with_no_reader_page_marked_is_refused(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><h1>Hello</h1><p>Words.</p></body></html>", "utf-8")
    with pytest.raises(SearchIndexError, match="no page is marked as a reader page"):
        index_site(tmp_path)


@pytest.mark.build  # runs Pagefind
def test_an_empty_site_is_refused(tmp_path):
    with pytest.raises(SearchIndexError, match="could not be made"):
        index_site(tmp_path)


def test_without_pagefind_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    import pagefind_bin

    def missing():
        raise FileNotFoundError("pagefind")

    monkeypatch.setattr(pagefind_bin, "get_executable", missing)
    with pytest.raises(SearchIndexError, match=r"Pagefind is not installed\. Run make build"):
        index_site(tmp_path)


def test_the_build_stops_when_the_index_cannot_be_made(site_copy, tmp_path):
    """A layout that no longer marks the reader pages would publish a search that finds
    nothing: the build says so and fails."""
    main = site_copy / "overrides/main.html"
    main.write_text(main.read_text("utf-8").replace(" data-pagefind-body", ""), encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "ERROR" in result.stderr and "no page is marked as a reader page" in result.stderr
    assert "Traceback" not in result.stderr
