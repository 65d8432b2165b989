"""Text from front-matter is text wherever it is published: HTML, tags in the head, the feed,
the open data files and the search index. A title that contains markup shows that markup as
characters, and source links only ever open web pages."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builds import mkdocs_build, project_copy
from conftest import case_study

from keepitlocal.publish.search import indexed_pages

EVIL = "Evil <script>alert(1)</script> \"q\" 'a' & co"
RAW = "<script>alert(1)"  # what must never reach a page unescaped
ESCAPED = "&lt;script&gt;alert(1)"
MARKDOWN_TITLE = "Stars *bold* _under_ [link](https://example.org) `code` done"


def evil(field: str) -> str:
    """A distinct marker per field, so a failure names the field that leaked."""
    return f"{field} {EVIL}"


def q(text: str) -> str:
    """YAML double-quoted text (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


PRINCIPLE = f"""\
---
title: {q(evil("principle-title"))}
number: 3
summary: {q(evil("principle-summary"))}
sources:
  - title: {q(evil("principle-source-title"))}
    url: https://example.org/principle
    publisher: {q(evil("principle-source-publisher"))}
---
Why local spend matters.
"""

EVIL_CASE = f"""\
---
title: {q(evil("case-title"))}
summary: {q(evil("case-summary"))}
type: keep-it-local
place: {q(evil("case-place"))}
region: North West
year: 2020
services: [procurement, local economy]
principles: [local-spend]
organisations: [{q(evil("case-organisation"))}]
featured: true
date_added: 2026-11-26
sources:
  - title: {q(evil("case-source-title"))}
    url: https://example.org/report?a=1&b=2
    publisher: {q(evil("case-source-publisher"))}
    date: 2020-05-01
---
The story of what happened.
"""

CASE_FIELDS = ["case-title", "case-summary", "case-place"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = project_copy(tmp_path_factory.mktemp("injection"))
    (root / "content/principles/local-spend.md").write_text(PRINCIPLE, encoding="utf-8")
    (root / "content/case-studies/evil-one.md").write_text(EVIL_CASE, encoding="utf-8")
    (root / "content/case-studies/plain-two.md").write_text(
        case_study(MARKDOWN_TITLE, principles="principles: [local-spend]\nrelated: [evil-one]"), encoding="utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


class Page(HTMLParser):
    """What a reader and a link preview see: the text, the <title> and the head's meta tags."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.chunks, self.title, self.meta, self.scripts = [], "", {}, []
        self._in = []
        self.feed(html)
        self.text = " ".join("".join(self.chunks).split())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in.append(tag)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
            self._in.pop()
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag in self._in:
            while self._in.pop() != tag:
                pass

    def handle_data(self, data):
        if "script" in self._in:
            self.scripts[-1] += data
        elif "title" in self._in:
            self.title += data
        else:
            self.chunks.append(data)


def read_page(site: Path, url: str) -> tuple[str, Page]:
    html = (site / url / "index.html").read_text("utf-8")
    return html, Page(html)


# Every HTML page that shows front-matter text, and the fields each must show.
SHOWN = {
    "case-studies/evil-one": ["case-title", "case-summary", "case-place", "case-organisation",
                              "case-source-title", "case-source-publisher", "principle-title"],
    "case-studies/plain-two": CASE_FIELDS,  # the related list
    "case-studies": CASE_FIELDS,  # the index
    "principles/local-spend": ["principle-title", "principle-source-title", "principle-source-publisher",
                               *CASE_FIELDS],  # the principle's cards
    "principles": ["principle-title", "principle-summary"],
    "": ["principle-title", "principle-summary", *CASE_FIELDS],  # the home page: grid and featured cards
}


@pytest.mark.parametrize("url", list(SHOWN), ids=lambda url: url or "home")
def test_front_matter_text_is_escaped_on_every_page_that_shows_it(site, url):
    html, page = read_page(site, url)
    assert RAW not in html
    assert not any("alert(1)" in script for script in page.scripts)
    for field in SHOWN[url]:
        assert evil(field) in page.text, field


@pytest.mark.parametrize("url, field", [("case-studies/evil-one", "case"), ("principles/local-spend", "principle")])
def test_title_description_and_sharing_tags_carry_the_text_escaped(site, url, field):
    html, page = read_page(site, url)
    assert page.title.startswith(evil(f"{field}-title") + " - ")
    assert page.meta["description"] == evil(f"{field}-summary")
    for name in ("og:title", "twitter:title"):
        assert page.meta[name] == evil(f"{field}-title"), name
    for name in ("og:description", "twitter:description"):
        assert page.meta[name] == evil(f"{field}-summary"), name
    assert html.count("&lt;script&gt;alert(1)") >= 6  # escaped once: not &amp;lt; in the markup


def test_no_page_anywhere_carries_the_script(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        assert RAW not in path.read_text("utf-8"), path


def test_feed_is_well_formed_and_carries_the_text(site):
    raw = (site / "feed.xml").read_text("utf-8")
    assert RAW not in raw
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(raw).findall("atom:entry", ns)
    titles = [e.findtext("atom:title", namespaces=ns) for e in entries]
    summaries = [e.findtext("atom:summary", namespaces=ns) for e in entries]
    assert evil("case-title") in titles and MARKDOWN_TITLE in titles
    assert evil("case-summary") in summaries


def test_open_data_files_carry_the_text_exactly(site):
    records = {r["slug"]: r for r in json.loads((site / "case-studies.json").read_text("utf-8"))["case_studies"]}
    one = records["evil-one"]
    assert (one["title"], one["summary"], one["place"]) == (evil("case-title"), evil("case-summary"),
                                                             evil("case-place"))
    assert one["organisations"] == [evil("case-organisation")]
    assert one["sources"][0]["title"] == evil("case-source-title")
    assert one["sources"][0]["publisher"] == evil("case-source-publisher")
    assert records["plain-two"]["title"] == MARKDOWN_TITLE
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO((site / "case-studies.csv").read_text("utf-8-sig")))}
    row = rows["evil-one"]
    assert (row["title"], row["summary"], row["place"]) == (evil("case-title"), evil("case-summary"),
                                                             evil("case-place"))
    assert row["organisations"] == evil("case-organisation")
    source = json.loads(row["sources"])[0]
    assert (source["title"], source["publisher"]) == (evil("case-source-title"), evil("case-source-publisher"))
    assert rows["plain-two"]["title"] == MARKDOWN_TITLE


def test_search_index_holds_titles_as_text_and_words_escaped(site):
    pages = {d["url"]: d for d in indexed_pages(site)}
    own = pages["/case-studies/evil-one/"]
    # A title is text: the results' template ({{ meta.title }}) escapes it as it shows it.
    assert own["meta"]["title"] == evil("case-title")
    # A page's words are kept as the text readers read; Pagefind's script escapes them as it
    # makes the excerpt it shows as HTML (with the query's words marked).
    assert RAW in own["content"] and ESCAPED not in own["content"]
    assert 'content.replace(/</g,"&lt;").replace(/>/g,"&gt;")' in (site / "pagefind/pagefind.js").read_text("utf-8")


@pytest.mark.parametrize("url", ["case-studies/plain-two", "case-studies", "principles/local-spend", "",
                                 "case-studies/evil-one"], ids=lambda url: url or "home")
def test_markdown_characters_in_a_title_show_as_written(site, url):
    html, page = read_page(site, url)
    assert MARKDOWN_TITLE in page.text
    assert "<em>bold" not in html and "<code>code" not in html and 'href="https://example.org"' not in html


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    " javascript:alert(1)",
    "\\tjavascript:alert(1)",
    "\\u00a0https://example.org/",
    "java\\nscript:alert(1)",
    "https://example.org/ javascript:alert(1)",
    "//example.org/report",
    "ftp://example.org/report",
])
def test_a_source_url_that_is_not_a_web_address_is_refused_at_its_line(project, url):
    # Written as YAML double-quoted text, so the escapes (\\t, \\n, \\u00a0) reach the value.
    project.write("content/case-studies/bad-url.md",
                  case_study().replace("url: https://example.org/report", f'url: "{url}"'))
    site = project.load()
    assert len(site.problems) == 1, site.problems
    assert str(site.problems[0]).startswith("content/case-studies/bad-url.md:13:10: sources[1].url: ")
    assert "must be a web address starting with http:// or https://" in site.problems[0].message
    assert "bad-url" not in {e.slug for e in site.entries}
