"""News, the network and the briefing in Chromium, at phone and desktop widths: no axe-core
violations, no request leaving the site, no script errors, and everything there without
JavaScript."""

from __future__ import annotations

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)
POST = SITE.entries_of("news")[0]
COUNCIL = next(c for c in SITE.entries_of("councils") if c.data.get("case_studies"))
YEAR = POST.data["date"][:4]

# page -> a selector that must be on it, JavaScript or not
PAGES = {
    "news/": ".kil-post-list a",
    f"news/{POST.slug}/": ".kil-post-meta time",
    f"news/archive/{YEAR}/": ".kil-post-list a",
    "network/": ".kil-tiles a.kil-tile",
    f"network/{COUNCIL.slug}/": ".kil-cards .kil-card__title",
    "briefing/": ".kil-briefing__principle h3",
}
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("width", WIDTHS)
def test_accessible_and_self_contained_at_each_width(browser, site_root, width):
    from browser.conftest import Watched
    from browser.test_reader_pages import assert_no_violations

    context = browser.new_context(viewport=WIDTHS[width], is_mobile=width == "phone", has_touch=width == "phone")
    try:
        watched = Watched(context.new_page(), site_root)
        for path in PAGES:
            watched.open(path)
            assert_no_violations(watched.axe(), f"{path} ({width})")
            width_px = watched.page.evaluate("document.documentElement.scrollWidth")
            assert width_px <= WIDTHS[width]["width"], f"{path} scrolls sideways at {width}"
        assert watched.external_requests == []
        assert watched.console_errors == []
    finally:
        context.close()


def test_everything_is_there_without_javascript(browser, site_root):
    from browser.conftest import Watched

    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["phone"])
    try:
        watched = Watched(context.new_page(), site_root)
        for path, selector in PAGES.items():
            response = watched.open(path)
            assert response.status == 200, path
            assert watched.page.locator(selector).first.is_visible(), f"{selector} on {path}"
        assert watched.external_requests == []
    finally:
        context.close()


def test_each_region_tile_leads_to_its_councils(watched):
    watched.open("network/")
    tiles = watched.page.locator("a.kil-tile:not(.kil-tile--invite)")  # a region with none invites the first
    assert tiles.count() == len({c.data["region"] for c in SITE.entries_of("councils")})
    for n in range(tiles.count()):
        tile = tiles.nth(n)
        target = tile.get_attribute("href").split("#", 1)[1]
        count = int(tile.locator(".kil-tile__count").inner_text())
        section = watched.page.locator(f"#{target}").locator("xpath=ancestor::section[1]")
        assert section.locator(".kil-council-list li").count() == count, target
