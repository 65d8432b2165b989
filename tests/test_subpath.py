"""The built site works where GitHub Pages puts it: under a sub-path of a shared host.

The site is served on 127.0.0.1 under the path of `site_url` (as GitHub Pages serves a
project site) and crawled from the home page, as a reader and their browser would: every
link, stylesheet, script, image, icon, the search's scripts, and every #anchor must be found.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from builds import mkdocs_build
from conftest import ROOT

from keepitlocal.model.addresses import ID_PREFIX
from keepitlocal.render.campaign import BRIEFING_PDF
from tools.serve import serving

SITE_URL = re.search(r"^site_url: (.+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1].strip()
PREFIX = urlsplit(SITE_URL).path
ASSET_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload", "modulepreload"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class PageParser(HTMLParser):
    """What a browser would follow or fetch from one HTML page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []  # followed by readers: <a href>
        self.assets: list[str] = []  # fetched by the browser to show the page
        self.ids: set[str] = set()
        self.canonical: str | None = None
        self.feeds: list[str] = []
        self._config = False
        self.config_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                self.ids.add(attrs[name])
        rels = set((attrs.get("rel") or "").split())
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            if "canonical" in rels:
                self.canonical = attrs["href"]
            elif "alternate" in rels and attrs.get("type") == "application/atom+xml":
                self.feeds.append(attrs["href"])
            elif rels & ASSET_RELS:
                self.assets.append(attrs["href"])
        elif tag in ("script", "img", "source", "audio", "video", "iframe", "embed") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if attrs.get("srcset"):
            self.assets.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())
        self._config = tag == "script" and attrs.get("id") == "__config"

    def handle_data(self, data):
        if self._config:
            self.config_text += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._config = False


@dataclass
class Response:
    url: str  # after redirects
    status: int
    media_type: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Response(response.geturl(), response.status, response.headers.get_content_type(), response.read())
    except urllib.error.HTTPError as error:
        return Response(url, error.code, error.headers.get_content_type(), error.read())


@dataclass
class Crawl:
    base: str
    pages: dict = field(default_factory=dict)  # local url -> PageParser, for HTML pages
    responses: dict = field(default_factory=dict)  # local url -> Response
    broken: list = field(default_factory=list)  # "from -> href (status)"
    anchors: list = field(default_factory=list)  # (from, target url, fragment)
    third_party: list = field(default_factory=list)

    def local(self, url: str) -> str | None:
        """The local address of a link into the site, or None for links elsewhere."""
        if url.startswith(SITE_URL):
            return self.base + url[len(SITE_URL):]
        return url if url.startswith(self.base) else None

    def get(self, url: str) -> Response:
        if url not in self.responses:
            self.responses[url] = fetch(url)
        return self.responses[url]

    def check(self, page_url: str, href: str, *, asset: bool) -> str | None:
        """Fetch what `href` on `page_url` points to; note it if it is missing. Returns the
        local address without fragment, or None when it leads outside the site."""
        if href.endswith(BRIEFING_PDF):  # printed after the build (make briefing); tests/browser checks it
            return None
        if href.startswith(("mailto:", "tel:", "data:", "javascript:")):
            return None
        absolute, fragment = urldefrag(urljoin(page_url, href))
        target = self.local(absolute)
        if target is None:
            if asset and urlsplit(absolute).scheme in ("http", "https", ""):
                self.third_party.append(f"{page_url} -> {href}")
            return None
        response = self.get(target)
        if response.status != 200:
            self.broken.append(f"{page_url} -> {href} ({response.status})")
            return None
        if fragment:
            self.anchors.append((page_url, target, fragment))
        return target

    def run(self) -> Crawl:
        queue = [self.base]
        seen = {self.base}
        while queue:
            url = queue.pop(0)
            response = self.get(url)
            if response.status != 200:
                self.broken.append(f"{url} ({response.status})")
                continue
            if response.media_type != "text/html":
                continue
            parser = self.parse_page(url, response)
            for href in parser.links:
                target = self.check(url, href, asset=False)
                if target and target not in seen:
                    seen.add(target)
                    queue.append(target)
        for url in {u for _, u, _ in self.anchors} - set(self.pages):  # anchors into files never crawled
            self.parse_page(url, self.get(url))
        return self

    def parse_page(self, url: str, response: Response) -> PageParser:
        parser = PageParser()
        parser.feed(response.text)
        self.pages[url] = parser
        for href in [*parser.assets, *parser.feeds]:
            target = self.check(url, href, asset=True)
            if target and target.endswith(".css"):
                self.check_stylesheet(target)
        if parser.config_text:  # Material's settings name the site root
            json.loads(parser.config_text)
        return parser

    def check_stylesheet(self, url: str) -> None:
        css = self.get(url).text
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css):
            self.check(url, ref, asset=True)

    def missing_anchors(self) -> list[str]:
        return [f"{page} -> {target}#{fragment}" for page, target, fragment in self.anchors
                if fragment not in self.pages.get(target, PageParser()).ids]


@pytest.fixture(scope="module")
def served(built_site):
    with serving(built_site, PREFIX) as base:
        yield base


@pytest.fixture(scope="module")
def crawl(served) -> Crawl:
    return Crawl(served).run()


def test_site_url_is_a_project_site_sub_path():
    assert SITE_URL.endswith("/") and PREFIX.count("/") >= 2, "the crawl must exercise a sub-path"


def test_crawl_from_the_home_page_finds_no_broken_links_or_missing_assets(crawl):
    assert len(crawl.pages) > 20, "the crawl should reach every page"
    assert crawl.broken == []
    assert crawl.third_party == [], "pages must not load anything from another site"
    fetched = set(crawl.responses)
    for needed in ("assets/search.js", "assets/icons/favicon-32.png", "assets/icons/favicon.svg",
                   "assets/site.css", "feed.xml",
                   "case-studies.json", "case-studies.csv"):
        assert crawl.base + needed in fetched, f"{needed} was never reached from a page"
    # The search's script fetches Pagefind from beside itself (tests/browser/test_search.py searches).
    for needed in ("pagefind/pagefind-component-ui.js", "pagefind/pagefind-component-ui.css", "pagefind/pagefind.js"):
        assert crawl.get(crawl.base + needed).status == 200, needed


def test_every_anchor_points_at_an_element_on_its_page(crawl):
    assert len(crawl.anchors) > 50, "table-of-contents and heading links should have been checked"
    assert crawl.missing_anchors() == []


def test_every_page_has_a_canonical_address_under_site_url(crawl):
    for url, parser in crawl.pages.items():
        expected = SITE_URL + url[len(crawl.base):]
        assert parser.canonical == expected, url


def test_sitemap_lists_exactly_the_pages_a_reader_can_reach(crawl):
    response = crawl.get(crawl.base + "sitemap.xml")
    assert response.status == 200
    locations = [loc.text.strip() for loc in ET.fromstring(response.body).iter(f"{SITEMAP}loc")]
    assert locations and all(loc.startswith(SITE_URL) for loc in locations)
    local = {crawl.local(loc) for loc in locations}
    for url in local:
        assert crawl.get(url).status == 200, url
    html_pages = {url for url, r in crawl.responses.items() if r.status == 200 and r.media_type == "text/html"}
    assert local == html_pages, "pages missing from the sitemap, or listed there but linked from nowhere"


def test_feed_and_open_data_addresses_lead_to_pages(crawl):
    feed = ET.fromstring(crawl.get(crawl.base + "feed.xml").body)
    addresses = [e.get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    # Entry ids are permanent tag URIs of the address each entry was first published at.
    addresses += [SITE_URL + e.text.removeprefix(ID_PREFIX + "/") if e.text.startswith("tag:") else e.text
                  for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
    document = json.loads(crawl.get(crawl.base + "case-studies.json").body)
    addresses += [record["url"] for record in document["case_studies"]]
    assert len(addresses) > 20
    for address in addresses:
        assert address.startswith(SITE_URL), address
        assert crawl.get(crawl.local(address)).status == 200, address


@pytest.mark.parametrize("missing", ["no-such-page/", "case-studies/no-such-case/", "a/b/c/d.html"])
def test_a_missing_page_gets_the_404_page_with_working_links(served, missing):
    url = served + missing
    response = fetch(url)
    assert response.status == 404
    assert "Page not found" in response.text and 'class="md-header' in response.text, "the site's own 404 page"
    crawl = Crawl(served)
    parser = crawl.parse_page(url, response)
    for href in parser.links:
        crawl.check(url, href, asset=False)
    assert len(parser.links) > 5 and len(parser.assets) > 3
    assert crawl.broken == [] and crawl.third_party == []


def test_the_local_server_behaves_like_github_pages(served):
    origin = served[: -len(PREFIX)]
    assert fetch(origin + "/").status == 404, "nothing is served outside the sub-path"
    assert fetch(origin + "/index.html").status == 404
    redirected = fetch(served + "case-studies")
    assert redirected.status == 200 and redirected.url == served + "case-studies/"
    assert fetch(served + "../../etc/passwd").status == 404


def test_the_crawl_catches_a_broken_link_missing_asset_and_missing_anchor(built_site, tmp_path):
    """The checks above can fail: break a copy of the built site in three ways and crawl it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    join = site / "join/index.html"
    join.write_text(join.read_text("utf-8").replace(
        "</article>",
        '<a href="../no-such-page/">gone</a><a href="../about/#no-such-heading">nowhere</a></article>', 1),
        encoding="utf-8")
    (site / "assets/icons/favicon-32.png").unlink()
    with serving(site, PREFIX) as base:
        crawl = Crawl(base).run()
    assert any(b.endswith("-> ../no-such-page/ (404)") for b in crawl.broken), crawl.broken
    assert any("favicon-32.png (404)" in b for b in crawl.broken), crawl.broken
    assert crawl.missing_anchors() == [f"{base}join/ -> {base}about/#no-such-heading"]


# A broken link or anchor written in Markdown stops `mkdocs build --strict`, each named: all four
# in one build, as a writer who made several mistakes would see them.

BROKEN_MARKDOWN = [
    ("link to a missing page", "docs/about.md", "[gone](no-such-page.md)", "no-such-page.md"),
    ("link to a missing anchor", "docs/about.md", "[nowhere](join.md#no-such-heading)", "no-such-heading"),
    ("absolute link that ignores the sub-path", "docs/about.md", "[root](/case-studies/)", "/case-studies/"),
    ("link to a missing page in a case study", "content/case-studies/preston-model.md",
     "[gone](../principles/no-such-principle.md)", "no-such-principle.md"),
]


def test_each_broken_link_in_markdown_is_named_and_fails_the_strict_build(site_copy, tmp_path):
    for _, rel, markdown, _ in BROKEN_MARKDOWN:
        path = site_copy / rel
        path.write_text(path.read_text("utf-8") + f"\n\nSee {markdown}.\n", encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    for name, rel, _, named in BROKEN_MARKDOWN:
        assert [w for w in warnings if rel in w and named in w], f"{name}:\n{result.stderr}"
    assert "Aborted with" in result.stdout + result.stderr and "Traceback" not in result.stderr
