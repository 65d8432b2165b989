"""The campaign's own pages, from the site model: news, the network of councils, and the
printable briefing. Markup comes from the templates in keepitlocal/templates/ (autoescaped
Jinja2); every number on them (councils, posts, regions) is counted from the content files.

    news_pages(site)      /news/, /news/archive/<year>/[<n>/], and one page per post
    network_pages(site)   /network/ and one page per council
    briefing_page(site)   /briefing/, laid out for A4 print
"""

from __future__ import annotations

from . import network, news
from .pages import Page, case_study_card, link
from .templating import markdown, render

NEWS = "news"
COUNCILS = "councils"
AUTHORS_FILE = "authors.yml"
BRIEFING_FILE = "briefing.yml"
BRIEFING_SRC_URI = "briefing/index.md"
BRIEFING_PDF = "keep-it-local-briefing.pdf"
NEWS_FEED = "news/feed.xml"


def _url_from(src_uri: str):
    """A function giving relative links from the page at `src_uri` to other pages."""
    return lambda to_src_uri: link(src_uri, to_src_uri)


def file_href(from_src_uri: str, path: str) -> str:
    """A relative link from a page to a file at the site root, e.g. news/feed.xml."""
    depth = len(Page(from_src_uri, "", "", "").url.split("/")) - 1
    return "../" * depth + path


def councils(site) -> list:
    return site.entries_of(COUNCILS)


def council_count(site) -> int:
    """The number of councils in the network: the number of published council files."""
    return len(councils(site))


def region_order(site) -> list[str]:
    collection = site.collections.get(COUNCILS)
    return list(collection.schema["properties"]["region"]["enum"]) if collection else list(network.ENGLISH_REGIONS)


def _index_words(site, kind: str, fallback_title: str) -> tuple[str, str, str]:
    """An index page's title, description and introduction, from the kind's _index.md where the
    project has one, else from the kind's labels."""
    index = getattr(site, "index_pages", {}).get(kind) if hasattr(site, "index_pages") else None
    if index:
        return index.title, index.description, index.body
    collection = site.collections.get(kind)
    label = collection.label_plural if collection else fallback_title
    return label, label, ""


# News


def news_pages(site) -> list[Page]:
    posts = news.newest_first(site.entries_of(NEWS))
    if NEWS not in site.collections:
        return []
    authors = site.data.get(AUTHORS_FILE, {}).get("authors", {})
    collection = site.collections[NEWS]
    index_uri = collection.index_src_uri()
    years = news.years(posts)
    title, description, intro = _index_words(site, NEWS, "News")
    pages = [Page(index_uri, title, description,
                  render("news-index.md", intro=markdown(intro), posts=posts[:news.LATEST_COUNT], years=years,
                         authors=authors, url=_url_from(index_uri), archive_uri=news.archive_src_uri,
                         feed_href=file_href(index_uri, NEWS_FEED)),
                  meta={"hide": ["toc"], "kind": "news-index"})]
    for archive in news.archive_pages(posts):
        heading = f"News from {archive.year}" + (f", page {archive.number}" if archive.number > 1 else "")
        total = dict(years)[archive.year]
        pages.append(Page(archive.src_uri, heading, f"{title}: every post from {archive.year}.",
                          render("news-archive.md", page=archive, years=years, total=total, authors=authors,
                                 url=_url_from(archive.src_uri), archive_uri=news.archive_src_uri,
                                 news_index=index_uri),
                          meta={"hide": ["toc"], "kind": "news-archive"}))
    pages.extend(post_page(site, post, authors) for post in posts)
    return pages


def post_page(site, post, authors: dict | None = None) -> Page:
    authors = site.data.get(AUTHORS_FILE, {}).get("authors", {}) if authors is None else authors
    url = _url_from(post.src_uri)
    markdown_text = render(
        "news-post.md", post=post, author=authors.get(post.data["author"]),
        minutes=news.reading_minutes(post.body), story=markdown(post.body.strip()), sources=post.data["sources"],
        principles=site.referenced(post, "principles"),
        case_studies=[markdown(case_study_card(post.src_uri, c, site)) for c in site.referenced(post, "case_studies")],
        councils=site.referenced(post, "councils"), url=url)
    # News ranks below the case studies and principles it reports on, for the same words.
    return Page(post.src_uri, post.title, post.summary, _draft(site, post) + markdown_text, post.path,
                {"kind": "news-post", "search": {"boost": 0.5}})


# The network


def network_pages(site) -> list[Page]:
    if COUNCILS not in site.collections:
        return []
    collection = site.collections[COUNCILS]
    index_uri = collection.index_src_uri()
    found = councils(site)
    title, description, intro = _index_words(site, COUNCILS, "The network")
    index = Page(index_uri, title, description,
                 render("network-index.md", count=len(found), intro=markdown(intro),
                        tiles=network.tiles(found), groups=network.by_region(found, region_order(site)),
                        region_id=network.region_id, url=_url_from(index_uri), anchor_base="./"),
                 meta={"hide": ["toc"], "kind": "network"})
    return [index, *(council_page(site, c, index_uri) for c in found)]


def council_page(site, council, network_index: str) -> Page:
    url = _url_from(council.src_uri)
    listings = []
    for name, other in site.collections.items():
        if name in (COUNCILS,):
            continue
        for field_name, target in other.references.items():
            if target == COUNCILS:
                referring = site.referring(council, name, field_name)
                if name == NEWS:
                    referring = news.newest_first(referring)
                if referring:
                    listings.append((other.label_plural, referring))
    joined = council.data["joined"]
    sources = council.data["sources"]
    text = render("council.md", council=council, joined_known=joined != "not known",
                  story=markdown(council.body.strip()), sources=sources,
                  case_studies=[markdown(case_study_card(council.src_uri, c, site))
                                for c in site.referenced(council, "case_studies")],
                  listings=listings, region_id=network.region_id, url=url, network_index=network_index)
    description = (f"{council.data['name']}, a {council.data['type']} council in {council.data['region']}, "
                   "is in the Keep it Local Network.")
    return Page(council.src_uri, council.data["name"], description, _draft(site, council) + text, council.path,
                {"kind": "council"})


# The briefing


def briefing_page(site) -> Page | None:
    briefing = site.data.get(BRIEFING_FILE)
    if not briefing:
        return None
    found = councils(site)
    text = render("briefing.md", briefing=briefing, principles=site.principles, figures=briefing["figures"],
                  count=len(found), regions=network.by_region(found, region_order(site)),
                  pdf_href=file_href(BRIEFING_SRC_URI, BRIEFING_PDF))
    return Page(BRIEFING_SRC_URI, briefing["title"], briefing["lead"], text, f"content/{BRIEFING_FILE}",
                {"hide": ["toc", "navigation"], "kind": "briefing"})


def _draft(site, entry) -> str:
    from .pages import draft_banner

    return draft_banner(site, entry)
