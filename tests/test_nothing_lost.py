"""Nothing is lost between content/ and the built site: every file becomes exactly one page,
and every published entry appears in every listing it belongs to."""

from __future__ import annotations

import json

from conftest import ROOT
from keepitlocal.site import load_site


def test_every_content_file_becomes_exactly_one_page(built_site):
    site = load_site(ROOT)
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md"))
    assert sorted(e.path for e in site.entries) == files
    built = sorted(p.parent.relative_to(built_site).as_posix()
                   for folder in ("principles", "case-studies") for p in (built_site / folder).glob("*/index.html"))
    assert built == sorted(f"{e.collection.name}/{e.slug}" for e in site.entries)


def test_every_entry_appears_in_every_listing_it_belongs_to(built_site):
    site = load_site(ROOT)
    case_index = (built_site / "case-studies/index.html").read_text("utf-8")
    principle_index = (built_site / "principles/index.html").read_text("utf-8")
    for case in site.case_studies:
        assert f'href="{case.slug}/"' in case_index, case.slug
        for slug in case.data["principles"]:
            page = (built_site / f"principles/{slug}/index.html").read_text("utf-8")
            assert f'href="../../case-studies/{case.slug}/"' in page, (slug, case.slug)
    for principle in site.principles:
        assert f'href="{principle.slug}/"' in principle_index, principle.slug
    search = {doc["location"] for doc in json.loads((built_site / "search/search_index.json").read_text())["docs"]}
    for entry in site.entries:
        assert f"{entry.collection.name}/{entry.slug}/" in search, entry.slug
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    for entry in site.entries:
        assert f"/{entry.collection.name}/{entry.slug}/</loc>" in sitemap, entry.slug
