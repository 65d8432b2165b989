"""The campaign's own pages, from the site model: news, the network of councils, and the
printable briefing. Markup comes from the templates in keepitlocal/templates/ (autoescaped
Jinja2, keepitlocal.render); every number on them (councils, posts, regions) is counted from
the content files.

    news_index_page, post_page         /news/ and each post (the news kind's declared templates)
    news_archive_pages                 /news/archive/<year>/[<n>/]: every post, a page at a time
    network_index_page, council_page   /network/ and each council
    briefing_page                      /briefing/, laid out for A4 print
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING

from keepitlocal.base.text import human_date
from keepitlocal.base.urls import file_href, link, page_url
from keepitlocal.model import network, news
from keepitlocal.model.related import featured_case_studies
from keepitlocal.model.site import BRIEFING_FILE, BRIEFING_SRC_URI
from keepitlocal.render.citations import Citations
from keepitlocal.render.environment import Components, Markup, render_html
from keepitlocal.render.pages import Page, card, kind_label
from keepitlocal.schema.collections import SCHEMA_DIR

if TYPE_CHECKING:
    from keepitlocal.model.site import Entry, Site
    from keepitlocal.schema.collections import Collection

BRIEFING_PDF = "keep-it-local-briefing.pdf"
NEWS_FEED = "news/feed.xml"


def _url_from(src_uri: str):
    """A function giving relative links from the page at `src_uri` to other pages."""
    return lambda to_src_uri: link(src_uri, to_src_uri)


def councils(site: Site) -> list:
    """The councils in the network: the entries of the kind declared `behaviour: councils`."""
    return site.entries_with("councils")


def council_count(site: Site) -> int:
    """The number of councils in the network: the number of published council files."""
    return len(councils(site))


def region_order(site: Site) -> list[str]:
    collection = next(iter(site.of_behaviour("councils")), None)
    return list(collection.schema["properties"]["region"]["enum"]) if collection else list(network.ENGLISH_REGIONS)


def _index_words(site: Site, kind: str) -> tuple[str, str, str]:
    """An index page's title, description and introduction, from the kind's _index.md."""
    index = getattr(site, "indexes", {}).get(kind)
    if index:
        return index.title, index.description, index.body.strip()
    return site.collections[kind].label_plural, "", ""


def _page(src_uri: str, title: str, description: str, markdown: str, edit_path=None, meta=None):
    """A Page whose HTML blocks are components: the Markdown keeps only headings, the words
    staff wrote and a placeholder on a line of its own for each block of HTML."""
    components = Components()
    blocks = []
    for block in markdown.split("\n\n"):
        stripped = block.strip()
        if stripped.startswith("<") and not re.fullmatch(r"</?section[^>]*>", stripped):
            blocks.append(str(components.add("components/campaign-block.html", html=Markup(stripped))))
        else:
            blocks.append(block)
    return Page(src_uri, title, description, "\n\n".join(blocks).rstrip("\n") + "\n", edit_path, meta or {},
                components.html)


def _story(site: Site, entry: Entry, before=None):
    """The entry's story with its [@id] citations, and its numbered list of sources.
    `before(citations)` cites what stands above the story (a council's quote) first."""
    citations = Citations(entry.data.get("sources", []))
    if before is not None:
        before(citations)
    story = Markup(citations.render(entry.body.strip()))
    sources = Markup(citations.source_list(site)) if entry.data.get("sources") else ""
    return story, sources


# News


def news_index_page(site: Site, collection: Collection) -> Page:
    """/news/: the latest posts and a link to each year's archive."""
    posts = news.newest_first(site.entries_of(collection))
    index_uri = collection.index_src_uri()
    title, description, intro = _index_words(site, collection.name)
    markdown = render_html("news-index.md", site=site, title=title, intro=intro, posts=posts[:news.LATEST_COUNT],
                       years=news.years(posts), authors=site.authors, url=_url_from(index_uri),
                       archive_uri=news.archive_src_uri, feed_href=file_href(index_uri, NEWS_FEED))
    return _page(index_uri, title, description, markdown, meta={"kind": "news-index"})


def news_archive_pages(site: Site, collection: Collection) -> list[Page]:
    """One page per year of news, and more for a year with more posts than a page holds."""
    posts = site.entries_of(collection)
    years = news.years(posts)
    title, _, _ = _index_words(site, collection.name)
    pages = []
    for archive in news.archive_pages(posts):
        heading = f"{title} from {archive.year}" + (f", page {archive.number}" if archive.number > 1 else "")
        markdown = render_html("news-archive.md", site=site, page=archive, years=years, total=dict(years)[archive.year],
                           authors=site.authors, url=_url_from(archive.src_uri), archive_uri=news.archive_src_uri,
                           news_index=collection.index_src_uri())
        pages.append(_page(archive.src_uri, heading, f"Every post from {archive.year}.", markdown,
                          meta={"kind": "news-archive"}))
    return pages


def post_page(site: Site, collection: Collection, post: Entry) -> Page:
    story, sources = _story(site, post)
    markdown = render_html(
        "news-post.md", site=site, post=post, author=site.authors.get(post.data["author"]),
        minutes=news.reading_minutes(post.body), story=story, sources=sources,
        principles=site.referenced(post, "principles"),
        case_studies=[Markup(card(post.src_uri, c)) for c in site.referenced(post, "case_studies")],
        councils=site.referenced(post, "councils"), url=_url_from(post.src_uri))
    return _page(post.src_uri, post.title, post.summary, markdown, post.path,
                 {"kind": "news-post", "search_kind": kind_label(collection)})


# The network


def network_index_page(site: Site, collection: Collection) -> Page:
    """/network/: the number of councils, the tile grid of the regions, and the councils by region."""
    index_uri = collection.index_src_uri()
    found = site.entries_of(collection)
    title, description, intro = _index_words(site, collection.name)
    join_page = site.words.get("header_button_page") or "join/"  # an address: join/ is join/index.md's
    join_href = link(index_uri, join_page.rstrip("/") + "/index.md")
    markdown = render_html("network-index.md", site=site, title=title, count=len(found), intro=intro,
                       tiles=network.tiles(found),
                       groups=network.by_region(found, region_order(site)), region_id=network.region_id,
                       url=_url_from(index_uri), anchor_base="./", join_href=join_href,
                       empty_region=site.word("network_empty_region"),
                       missing={"title": site.word("network_missing_title"), "text": site.word("network_missing_text"),
                                "button": site.word("network_missing_button")})
    return _page(index_uri, title, description, markdown, meta={"kind": "network"})


def council_page(site: Site, collection: Collection, council: Entry) -> Page:
    """A council's facts, its story, its case studies, and every post, event or other entry that names it."""
    listings = []
    for name, other in site.collections.items():
        for field_name, target in other.references.items():
            if target == collection.name and name != collection.name:
                referring = site.referring(council, name, field_name)
                if referring:
                    listings.append((other.label_plural, referring))
    quote = {}

    def cite_quote(citations):
        if council.data.get("quote"):
            quote.update(council.data["quote"], cite=Markup(citations.mark([council.data["quote"]["source"]])))

    story, sources = _story(site, council, cite_quote)
    markdown = render_html("council.md", site=site, council=council,
                       story=story, sources=sources, quote=quote,
                       case_studies=[Markup(card(council.src_uri, c))
                                     for c in site.referenced(council, "case_studies")],
                       listings=listings, region_id=network.region_id, url=_url_from(council.src_uri),
                       network_index=collection.index_src_uri())
    description = (f"{council.data['name']}, a {council.data['type']} council in {council.data['region']}, "
                   "is in the Keep it Local Network.")
    return _page(council.src_uri, council.data["name"], description, markdown,
                 council.path, {"kind": "council", "search_kind": kind_label(collection)})


# The briefing


def briefing_page(site: Site, site_url: str = "") -> Page | None:
    briefing = site.data.get(BRIEFING_FILE)
    if not briefing:
        return None
    found = councils(site)
    figures = [{**item, "year": str(item["source"].get("date", ""))[:4]} for item in briefing["figures"]]
    edition = [briefing.get("edition", ""), human_date(str(briefing["date"])[:7]) if briefing.get("date") else ""]
    text = render_html("briefing.md", briefing=briefing, words=briefing_words(briefing), principles=site.principles,
                  figures=figures, count=len(found), regions=network.by_region(found, region_order(site)),
                  pdf_href=file_href(BRIEFING_SRC_URI, BRIEFING_PDF), site_name=briefing_words(briefing)["mark"],
                  partners=site.words.get("partners") or [], partners_intro=site.word("footer_partners_intro"),
                  edition_line=", ".join(part for part in edition if part),
                  case_studies=_briefing_cases(site, site_url))
    return _page(BRIEFING_SRC_URI, briefing["title"], briefing["lead"], text, f"content/{BRIEFING_FILE}",
                {"kind": "briefing"})


def briefing_words(briefing: dict) -> dict:
    """The briefing's own words, each from content/briefing.yml or its schema's default."""
    properties = _briefing_schema()["properties"]
    return {name: briefing.get(name, spec["default"]) for name, spec in properties.items() if "default" in spec}


@cache
def _briefing_schema() -> dict:
    return json.loads((SCHEMA_DIR / "briefing.schema.json").read_text("utf-8"))


def _briefing_cases(site: Site, site_url: str, count: int = 2) -> list[dict]:
    """The featured case studies the briefing prints as short boxes (one of each type where it
    can), each with its full address to print and a link that works wherever the site is served."""
    chosen = []
    for case in featured_case_studies(site):
        if len(chosen) < count and all(c.data["type"] != case.data["type"] for c in chosen):
            chosen.append(case)
    labels = site.collections["case-studies"].schema["properties"]["type"].get("x-labels", {})
    root = site_url.rstrip("/")
    return [{"slug": c.slug, "title": c.title, "summary": c.summary, "type_label": labels.get(c.data["type"], ""),
             "url": f"{root}/{page_url(c.src_uri)}" if root else page_url(c.src_uri),
             "href": link(BRIEFING_SRC_URI, c.src_uri)} for c in chosen]
