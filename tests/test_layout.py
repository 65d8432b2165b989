"""A campaign site, not a manual: what every built page carries and leaves out, read from the
built HTML (the browser checks of the same pages are in tests/browser/test_campaign_layout.py)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from keepitlocal.app.pipeline import load_site

SITE = load_site(ROOT)
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8").replace("!!python", "#"))
NAME = CONFIG["site_name"]


def reader_pages(site: Path) -> list[Path]:
    """Every page a reader may land on (not the staff pages, not the schema files, not a page at
    an old address that sends the reader on)."""
    return sorted(p for p in site.rglob("index.html") if not p.relative_to(site).as_posix().startswith(
        ("staff/", "schemas/")) and 'http-equiv="refresh"' not in p.read_text("utf-8"))


LIST_PAGES = {collection.url for collection in SITE.collections.values() if collection.pages}


def title(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S)[1].strip())


def footer(html: str) -> str:
    return html[html.index('<footer class="md-footer'):]


def test_the_tab_title_names_the_page_once_and_the_site_once(built_site):
    assert title((built_site / "index.html").read_text("utf-8")) == NAME
    case = SITE.case_studies[0]
    html = (built_site / f"case-studies/{case.slug}/index.html").read_text("utf-8")
    assert title(html) == f"{case.title} - {NAME}"
    for path in reader_pages(built_site) + [built_site / "404.html"]:
        text = title(path.read_text("utf-8"))
        # the site once: after the page's title, unless the page's title names it already
        assert text.count(NAME) == 1 or not text.endswith(f" - {NAME}"), f"{path.relative_to(built_site)}: {text!r}"


@pytest.mark.parametrize("furniture, why", [
    ('class="md-content__button', "an edit pencil"),
    ('class="md-source"', "the repository widget"),
    ("md-footer__link", "the previous/next bar"),
    ("Made with", 'the "Made with" line'),
    ("md-sidebar--primary", "the left sidebar"),
])
def test_no_page_carries_documentation_furniture(built_site, furniture, why):
    carrying = [p.relative_to(built_site).as_posix() for p in reader_pages(built_site)
                if furniture in p.read_text("utf-8")]
    assert carrying == [], f"{why} on {carrying}"


def test_on_this_page_only_where_a_page_has_three_sections_or_more(built_site):
    checked = 0
    for path in reader_pages(built_site):
        if path == built_site / "index.html" or path.parent.relative_to(built_site).as_posix() in LIST_PAGES:
            continue  # landing pages hide the list (hide: toc): the home page and each kind's list
        html = path.read_text("utf-8")
        article = html[html.index('<article'):html.index('</article>')]
        # The headings written in Markdown (with a link to themselves), not the call to join's or
        # the folded source list's.
        sections = len(re.findall(r'<h2 id="[^"]+">(?:(?!</h2>).)*class="headerlink"', article, re.S))
        assert ('data-md-type="toc"' in html) == (sections >= 3), \
            f"{path.relative_to(built_site)}: {sections} sections"
        checked += sections >= 3
    assert checked >= 3, "some pages have a table of contents"


def test_every_footer_names_the_partners_the_briefing_and_no_page_for_staff(built_site):
    settings = SITE.words
    for path in reader_pages(built_site):
        text = footer(path.read_text("utf-8"))
        for partner in settings["partners"]:
            assert f'href="{partner["url"]}">{partner["name"]}</a>' in text, path
        assert settings["contact_url"] in text, path
        assert ('rel="license"' in text) == bool(settings.get("footer_licence_url")), \
            f"{path}: a licence line only where content/site.yml names a licence"
        for label in ("Accessibility", "Privacy", "Open data", "Case-study feed", settings["briefing_link"]):
            assert f">{label}</a>" in text, f"{path}: {label}"
        assert re.search(r'kil-footer__briefing"><a href="((\.\./)*briefing/|\./)">', text), path
        assert not re.search(r'href="[^"]*staff/', text), f"{path}: a staff page in the footer"
    names = [p["name"] for p in settings["partners"]]
    assert names == ["Locality", "Lloyds Bank Foundation for England and Wales"]


def test_staff_pages_are_under_staff_kept_from_search_engines_and_the_sitemap(built_site):
    staff = sorted((built_site / "staff").rglob("index.html"))
    assert {p.parent.relative_to(built_site).as_posix() for p in staff} >= {
        "staff", "staff/field-reference", "staff/templates"}
    for path in staff:
        assert '<meta name="robots" content="noindex">' in path.read_text("utf-8"), path
    for path in reader_pages(built_site):
        assert 'name="robots"' not in path.read_text("utf-8"), path
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert "/staff/" not in sitemap and "/staff-guide/" not in sitemap
    # The guide's old address, in staff's bookmarks and old emails, sends them on to the new one.
    moved = (built_site / "staff-guide/index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../staff/">' in moved
    assert '<meta name="robots" content="noindex">' in moved
    assert sitemap.count("<loc>") == len(reader_pages(built_site))  # and every page for readers


def test_staff_reach_edit_this_page_from_the_footer(built_site):
    case = SITE.case_studies[0]
    text = footer((built_site / f"case-studies/{case.slug}/index.html").read_text("utf-8"))
    edit = re.search(r'<a href="([^"]+)" class="kil-footer__edit">Edit this page</a>', text)
    assert edit and edit[1].endswith(f"/edit/main/{case.path}")
    # A page made from the schemas has no file to edit, so no link.
    assert "kil-footer__edit" not in footer((built_site / "staff/field-reference/index.html").read_text("utf-8"))


def test_sections_are_in_the_header_bar_and_the_phone_menu(built_site):
    html = (built_site / "case-studies/index.html").read_text("utf-8")
    bar = html[html.index('<nav class="md-tabs"'):]
    bar = bar[:bar.index("</nav>")]
    menu = html[html.index('<details class="kil-menu">'):html.index("</details>")]
    for section in ("Principles", "Case studies", "Briefing", "About"):
        assert re.search(rf">\s*{section}\s*</a>", bar), section
        assert f">{section}</a>" in menu, section
    assert 'aria-current="page">Case studies</a>' in menu
    assert "Staff guide" not in bar and "Open data" not in bar


def test_print_masthead_address_and_invitation_are_on_every_page(built_site):
    for path in reader_pages(built_site):
        html = path.read_text("utf-8")
        url = re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]
        masthead = html[html.index('kil-print-masthead"'):]
        assert url in masthead[:masthead.index("</div>")], path
        assert "kil-print-invitation" in html, path


def test_every_page_a_reader_lands_on_ends_with_the_call_to_join_and_the_way_to_the_briefing(built_site):
    words = {"title": SITE.words["call_to_action_title"], "button": SITE.words["call_to_action_button"]}
    entries = [entry for collection in SITE.collections.values() if collection.pages
               for entry in SITE.entries_of(collection)]
    landing = ["", "about/", *(f"{c.url}/" for c in SITE.collections.values() if c.pages),
               *(f"{entry.collection.url}/{entry.slug}/" for entry in entries)]
    assert {"network/", "news/", "events/", "principles/", "case-studies/"} <= set(landing)
    for address in landing:
        html = (built_site / address / "index.html").read_text("utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        panel = article[article.index('<section class="kil-cta"'):]
        assert f">{words['title']}</h2>" in panel and f">{words['button']}</a>" in panel, address
        assert "kil-related" not in panel, f"{address}: the call to action comes last"
        assert f">{SITE.words['briefing_link']}</a>" in panel, address
    for address in ("join/", "accessibility/", "privacy/", "open-data/", "briefing/"):
        assert 'class="kil-cta"' not in (built_site / address / "index.html").read_text("utf-8"), address


def test_each_index_page_is_headed_by_the_title_staff_gave_it_not_its_short_section_label(built_site):
    for collection in SITE.collections.values():
        index = SITE.indexes.get(collection.name)
        if not (collection.pages and index):
            continue
        html = (built_site / collection.index_src_uri().removesuffix("index.md") / "index.html").read_text("utf-8")
        assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == [index.title], collection.name


def test_the_network_page_asks_missing_councils_to_join_under_the_grid(built_site):
    html = (built_site / "network/index.html").read_text("utf-8")
    grid = html.index('<ul class="kil-tiles"')
    missing = html.index('class="kil-network-missing"')
    assert grid < missing < html.index('class="kil-network-region"'), "under the grid, above the lists"
    panel = html[missing:html.index("</div>", missing)]
    assert f">{SITE.words['network_missing_title']}</h2>" in panel and 'href="../join/"' in panel
    regions = {c.data["region"] for c in SITE.entries_of("councils")}
    empty = re.findall(r'<a class="kil-tile kil-tile--([a-z-]+) kil-tile--invite" href="\.\./join/">', html)
    assert empty and len(empty) + len(regions) == html.count('<li class="kil-tile--')
    assert html.count(SITE.words["network_empty_region"]) == len(empty)
