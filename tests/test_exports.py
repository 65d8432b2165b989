"""The Atom feed and the open data files: what a feed reader, a spreadsheet or a script gets."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT, case_study

from keepitlocal.app.pipeline import load_site
from keepitlocal.model.addresses import ID_PREFIX
from keepitlocal.publish import exports
from keepitlocal.schema.collections import CASE_STUDIES

SITE_URL = "https://example.github.io/keep-it-local/"
A = "{http://www.w3.org/2005/Atom}"


def add_case(project, slug, heading, date_added, **replace):
    project.write(f"content/case-studies/{slug}.md",
                  case_study(heading, date_added=f"date_added: {date_added}", **replace))


def parse_feed(text: str) -> ET.Element:
    feed = ET.fromstring(text.encode("utf-8"))
    assert feed.tag == f"{A}feed"
    return feed


def assert_valid_atom(feed: ET.Element, site_url: str) -> None:
    """The elements RFC 4287 requires, with absolute addresses under the site."""
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{A}{tag}") is not None and feed.find(f"{A}{tag}").text, tag
    assert feed.find(f"{A}author/{A}name").text == "Locality"
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link.get("href") == site_url + "feed.xml"
    assert self_link.get("type") == "application/atom+xml"
    for entry in feed.findall(f"{A}entry"):
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{A}{tag}") is not None and entry.find(f"{A}{tag}").text, tag
        assert entry.find(f"{A}author/{A}name").text == "Locality"
        link = entry.find(f"{A}link[@rel='alternate']").get("href")
        assert link.startswith(site_url) and link.endswith("/")
        # A permanent id, not the address: the first address the entry was published at.
        assert entry.find(f"{A}id").text == ID_PREFIX + "/" + link.removeprefix(site_url)
        datetime.datetime.fromisoformat(entry.find(f"{A}updated").text.replace("Z", "+00:00"))
    ids = [e.find(f"{A}id").text for e in feed.findall(f"{A}entry")]
    assert len(ids) == len(set(ids)), "entry ids must be unique"


def read_csv(text: str) -> list[dict]:
    assert text.startswith("\ufeff"), "the byte-order mark lets Excel read UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_feed_lists_newest_first_then_by_title(project):
    add_case(project, "older", "Zeta older case study", "2025-01-10")
    add_case(project, "newer-b", "Beta newer case study", "2027-03-01")
    add_case(project, "newer-a", "Alpha newer case study", "2027-03-01")
    site = project.load()
    assert site.problems == []
    feed = parse_feed(exports.atom_feed(site, SITE_URL, "Keep it Local"))
    assert_valid_atom(feed, SITE_URL)
    titles = [e.find(f"{A}title").text for e in feed.findall(f"{A}entry")]
    assert titles == ["Alpha newer case study", "Beta newer case study", "A good example",
                      "Zeta older case study"]
    assert feed.find(f"{A}updated").text == "2027-03-01T00:00:00Z", "the feed is as new as its newest entry"
    newer_a = feed.findall(f"{A}entry")[0]
    assert newer_a.find(f"{A}id").text == ID_PREFIX + "/case-studies/newer-a/"
    assert newer_a.find(f"{A}updated").text == "2027-03-01T00:00:00Z"
    assert newer_a.find(f"{A}summary").text == "A council kept its services local and the money stayed in the area."


def test_feed_escapes_markup_and_accepts_a_site_url_without_slash(project):
    add_case(project, "tricky", "Fish & chips <b>\"local\"</b> ]]> café", "2026-12-01",
             summary='summary: "Ampersands & <angle brackets> stay text, not markup; é and £ survive."')
    site = project.load()
    assert site.problems == []
    text = exports.atom_feed(site, SITE_URL.rstrip("/"), "Keep it Local")
    feed = parse_feed(text)
    assert_valid_atom(feed, SITE_URL)
    entry = feed.find(f"{A}entry")
    assert entry.find(f"{A}title").text == "Fish & chips <b>\"local\"</b> ]]> café"
    assert entry.find(f"{A}summary").text.startswith("Ampersands & <angle brackets>")
    assert "<b>" not in text


def test_an_empty_feed_is_still_valid(tmp_path):
    (tmp_path / "content/principles").mkdir(parents=True)
    (tmp_path / "content/case-studies").mkdir()
    site = load_site(tmp_path)
    feed = parse_feed(exports.atom_feed(site, SITE_URL, "Keep it Local", today=datetime.date(2027, 2, 3)))
    assert_valid_atom(feed, SITE_URL)
    assert feed.findall(f"{A}entry") == []
    assert feed.find(f"{A}updated").text == "2027-02-03T00:00:00Z"


def test_drafts_and_scheduled_case_studies_are_in_no_export(project):
    add_case(project, "a-draft", "An unfinished case study", "2026-11-27", year="year: 2020\ndraft: true")
    add_case(project, "scheduled", "A case study for next year", "2026-11-27",
             year="year: 2020\npublish_date: 2099-01-01")
    site = project.load()
    assert site.problems == []
    for path, text in exports.render_all(site, SITE_URL, "Keep it Local").items():
        assert "a-draft" not in text and "An unfinished" not in text, path
        assert "scheduled" not in text and "next year" not in text, path
        other_kinds = ("events.", "councils.", "publications.")
        if path != exports.NEWS_FEED_PATH and not path.startswith(other_kinds):
            assert "good-example" in text, path


def test_json_and_csv_hold_every_field_and_source(project):
    add_case(project, "tricky", "TITLE", "2026-12-01",
             services="services: [procurement, children's services]",
             year="year: 2019\ncontract_value_gbp: 1300000000\norganisations: [Testshire CC, \"Acme, Ltd\"]",
             sources="sources:\n  - title: First, with a comma\n    url: https://example.org/a?x=1&y=2\n"
                     "    publisher: Example\n    date: 2019\n  - title: Second\n    url: https://example.org/b\n"
                     "    publisher: Other")
    path = project.root / "content/case-studies/tricky.md"
    tricky_title = 'title: "Commas, \\"quotes\\", and a semicolon; café"'
    path.write_text(path.read_text("utf-8").replace("title: TITLE", tricky_title), encoding="utf-8")
    site = project.load()
    assert site.problems == []
    fields = exports.export_fields()
    controls = {"draft", "publish_date", "aliases"}  # when and where a page is published
    assert fields[:2] == ["slug", "url"] and controls.isdisjoint(fields)
    assert set(fields) - {"slug", "url"} == set(CASE_STUDIES.schema["properties"]) - controls

    document = json.loads(exports.case_studies_json(site, SITE_URL))
    assert document["licence"] == "CC BY 4.0" and document["fields"] == fields
    records = {r["slug"]: r for r in document["case_studies"]}
    assert list(records) == [c.slug for c in site.case_studies]
    assert all(list(r) == fields for r in records.values()), "every record has every field, in order"
    tricky = records["tricky"]
    assert tricky["title"] == 'Commas, "quotes", and a semicolon; café'
    assert tricky["url"] == SITE_URL + "case-studies/tricky/"
    assert tricky["year"] == 2019 and tricky["contract_value_gbp"] == 1_300_000_000
    assert tricky["organisations"] == ["Testshire CC", "Acme, Ltd"]
    assert tricky["sources"] == [
        {"title": "First, with a comma", "url": "https://example.org/a?x=1&y=2", "publisher": "Example",
         "date": "2019"},
        {"title": "Second", "url": "https://example.org/b", "publisher": "Other", "date": None},
        {"title": "A report", "url": "https://example.org/report", "publisher": "Example Council",
         "date": "2020-05-01"}]
    assert records["good-example"]["organisations"] == [] and records["good-example"]["contract_value_gbp"] is None

    rows = {r["slug"]: r for r in read_csv(exports.case_studies_csv(site, SITE_URL))}
    assert list(rows) == list(records)
    row = rows["tricky"]
    assert list(row) == fields
    assert row["title"] == tricky["title"]
    assert row["services"] == "procurement; children's services"
    assert row["organisations"] == "Testshire CC; Acme, Ltd"
    assert row["year"] == "2019" and row["contract_value_gbp"] == "1300000000"
    assert json.loads(row["sources"]) == tricky["sources"]
    assert rows["good-example"]["contract_value_gbp"] == "" and rows["good-example"]["related"] == ""


def test_field_reference_names_every_exported_field():
    table = exports.field_reference_markdown()
    for name in exports.export_fields():
        assert f"| `{name}` |" in table
    for name in ("title", "url", "publisher", "date"):
        assert f"| `{name}` |" in table


# The real build


def test_built_site_publishes_the_feed_and_data_at_its_root(built_site):
    site = load_site(ROOT)
    site_url = "https://locality.github.io/keep-it-local/"
    feed = parse_feed((built_site / "feed.xml").read_text("utf-8"))
    assert_valid_atom(feed, site_url)
    assert len(feed.findall(f"{A}entry")) == len(site.case_studies) + len(site.entries_of("events"))
    for entry in feed.findall(f"{A}entry"):
        path = entry.find(f"{A}id").text.removeprefix(ID_PREFIX + "/")
        assert (built_site / path / "index.html").is_file(), path
    document = json.loads((built_site / "case-studies.json").read_text("utf-8"))
    assert [r["slug"] for r in document["case_studies"]] == [c.slug for c in site.case_studies]
    rows = read_csv((built_site / "case-studies.csv").read_text("utf-8"))
    assert [r["slug"] for r in rows] == [c.slug for c in site.case_studies]


def test_every_page_points_feed_readers_to_both_feeds(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    for html in pages:
        text = html.read_text("utf-8")
        if 'http-equiv="refresh"' in text:  # a page at an old address, which sends the reader on at once
            continue
        head = text[:text.index("</head>")]
        assert 'rel="alternate" type="application/atom+xml"' in head, html.relative_to(built_site)
        news_link = re.search(r'<link rel="alternate feed" type="application/atom\+xml"[^>]* href="([^"]+)"', head)
        assert news_link, html.relative_to(built_site)
        if html.name != "404.html":  # the 404 page's links are absolute, under site_url's path
            assert (html.parent / news_link[1]).resolve() == (built_site / "news/feed.xml").resolve()


def test_the_news_feed_lists_the_latest_posts_newest_first(built_site):
    from keepitlocal.model import news

    site = load_site(ROOT)
    feed = ET.fromstring((built_site / "news/feed.xml").read_text("utf-8"))
    entries = feed.findall(f"{A}entry")
    posts = news.newest_first(site.entries_of("news"))[:news.FEED_COUNT]
    assert [e.find(f"{A}title").text for e in entries] == [p.title for p in posts]
    assert feed.find(f"{A}link[@rel='self']").get("href").endswith("/news/feed.xml")
    authors = {a["short_name"]: a for a in yaml.safe_load((ROOT / "content/authors.yml").read_text("utf-8"))["authors"]}
    assert entries[0].find(f"{A}author/{A}name").text == authors[posts[0].data["author"]]["name"]


def test_open_data_page_links_the_files_and_lists_the_fields(built_site):
    html = (built_site / "open-data/index.html").read_text("utf-8")
    for href in ("../case-studies.csv", "../case-studies.json", "../feed.xml"):
        assert f'href="{href}"' in html
    assert "CC BY 4.0" in html
    for name in exports.export_fields():
        assert f"<code>{name}</code>" in html, name
    assert "open-data-fields" not in html
    home = (built_site / "index.html").read_text("utf-8")
    footer = home[home.index('<footer'):]
    assert '<a href="open-data/">Open data</a>' in footer, "every page's footer links the open data page"


# Preview and build agree across hooks


def _run_hooks(project_root, command):
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(str(project_root / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    return config.plugins.on_files(get_files(config), config=config)


@pytest.mark.parametrize("command, shown", [("serve", True), ("build", False)])
def test_feed_shows_drafts_exactly_when_the_pages_do(site_copy, command, shown):
    (site_copy / "content/case-studies/a-draft.md").write_text(
        case_study("An unfinished case study", year="year: 2020\ndraft: true"), encoding="utf-8")
    files = _run_hooks(site_copy, command)
    assert (files.get_file_from_path("case-studies/a-draft.md") is not None) is shown
    feed = files.get_file_from_path("feed.xml").content_string
    data = files.get_file_from_path("case-studies.json").content_string
    assert ("An unfinished case study" in feed) is shown
    assert ("An unfinished case study" in data) is shown


def test_a_docs_file_named_like_an_export_is_an_error(site_copy, tmp_path):
    from builds import mkdocs_build

    (site_copy / "docs/feed.xml").write_text("<feed/>", encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/feed.xml has the same name as the generated feed.xml" in result.stderr


def test_a_missing_site_url_is_explained(site_copy, tmp_path):
    from builds import mkdocs_build

    config = site_copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\nsite_url: " in text
    kept = (line for line in text.split("\n") if not line.startswith("site_url:"))
    config.write_text("\n".join(kept), encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "site_url must be set in mkdocs.yml" in result.stderr


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_shown_as_text(project):
    """A title or name pasted from elsewhere may start with = + - or @; a spreadsheet opening the
    CSV would run it as a formula (and =HYPERLINK or =WEBSERVICE can send data away)."""
    add_case(project, "formulas", """'=HYPERLINK("https://evil.example","Click")'""", "2026-12-01",
             place='place: "+44 Testshire"',
             year='year: 2019\norganisations: ["@SUM(A1)", "-1 Ltd", "Plain Ltd"]')
    site = project.load()
    assert site.problems == []
    row = {r["slug"]: r for r in read_csv(exports.case_studies_csv(site, SITE_URL))}["formulas"]
    assert row["title"] == "'=HYPERLINK(\"https://evil.example\",\"Click\")"
    assert row["place"] == "'+44 Testshire"
    assert row["organisations"] == "'@SUM(A1); -1 Ltd; Plain Ltd"
    assert row["summary"].startswith("A council kept"), "other text is left as it is"
    record = {r["slug"]: r for r in json.loads(exports.case_studies_json(site, SITE_URL))["case_studies"]}["formulas"]
    assert record["title"] == '=HYPERLINK("https://evil.example","Click")', "JSON keeps the text as written"
    assert record["organisations"] == ["@SUM(A1)", "-1 Ltd", "Plain Ltd"]
