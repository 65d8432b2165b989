"""Nothing is lost between content/ and the built site: every file becomes exactly one page,
and every published entry appears in every listing it belongs to."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from conftest import ROOT, case_study

from keepitlocal.app.pipeline import load_site
from keepitlocal.publish.search import indexed_pages


def test_every_content_file_becomes_exactly_one_page(built_site):
    site = load_site(ROOT)
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md"))
    # Each entry is a page, and each folder's _index.md is its index page.
    assert sorted([*(e.path for e in site.entries), *(i.path for i in site.indexes.values())]) == files
    folders = {e.collection.url for e in site.entries}
    built = sorted(p.parent.relative_to(built_site).as_posix()
                   for folder in folders for p in (built_site / folder).glob("*/index.html"))
    # news/archive/ holds the year archives of the news, made from the posts rather than from a file
    built = [path for path in built if not path.startswith("news/archive")]
    assert built == sorted(f"{e.collection.url}/{e.slug}" for e in site.entries)


def test_every_entry_appears_in_every_listing_it_belongs_to(built_site):
    site = load_site(ROOT)
    case_index = (built_site / "case-studies/index.html").read_text("utf-8")
    principle_index = (built_site / "principles/index.html").read_text("utf-8")
    for case in site.case_studies:
        assert case_index.count(f'href="{case.slug}/"') == 1, case.slug
        for slug in case.data["principles"]:
            page = (built_site / f"principles/{slug}/index.html").read_text("utf-8")
            assert f'href="../../case-studies/{case.slug}/"' in page, (slug, case.slug)
    for principle in site.principles:
        assert principle_index.count(f'href="{principle.slug}/"') == 1, principle.slug
    search = {doc["url"] for doc in indexed_pages(built_site)}
    for entry in site.entries:
        assert f"/{entry.collection.url}/{entry.slug}/" in search, entry.slug
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    for entry in site.entries:
        assert f"/{entry.collection.url}/{entry.slug}/</loc>" in sitemap, entry.slug


def test_every_published_case_study_is_in_the_feed_and_the_open_data_once(built_site):
    site = load_site(ROOT)
    urls = sorted(f"https://locality.github.io/keep-it-local/case-studies/{c.slug}/" for c in site.case_studies)
    assert len(urls) >= 8
    events = [f"https://locality.github.io/keep-it-local/events/{e.slug}/" for e in site.entries_of("events")]
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert sorted(e.find("atom:link[@rel='alternate']", ns).get("href") for e in feed.findall("atom:entry", ns)) \
        == sorted(urls + events)
    ids = [e.findtext("atom:id", namespaces=ns) for e in feed.findall("atom:entry", ns)]
    assert len(set(ids)) == len(urls + events)
    records = json.loads((built_site / "case-studies.json").read_text("utf-8"))["case_studies"]
    assert sorted(r["url"] for r in records) == urls
    rows = csv.DictReader(io.StringIO((built_site / "case-studies.csv").read_text("utf-8-sig")))
    assert sorted(r["url"] for r in rows) == urls


def test_each_file_of_a_mixed_folder_is_one_entry_or_reported(project):
    files = {
        "content/case-studies/good-example.md": True,
        "content/case-studies/also-good.md": True,
        "content/case-studies/bad-region.md": False,
        "content/case-studies/no-front-matter.md": False,
        "content/case-studies/Bad Name.md": False,
        "content/case-studies/not-utf8.md": False,
        "content/stray.md": False,
    }
    project.write("content/case-studies/also-good.md", case_study("Also good"))
    project.write("content/case-studies/bad-region.md", case_study(region="region: Narnia"))
    project.write("content/case-studies/no-front-matter.md", "Just text\n")
    project.write("content/case-studies/Bad Name.md", case_study())
    project.write("content/case-studies/not-utf8.md", case_study("Caf\u00e9").encode("latin-1"))
    project.write("content/stray.md", case_study())
    site = project.load()
    published = {e.path for e in site.entries}
    reported = {p.path for p in site.problems}
    assert not published & reported
    assert published | reported == set(files) | {"content/principles/local-spend.md"}
    assert {path for path, good in files.items() if good} | {"content/principles/local-spend.md"} == published
