"""Every built page, not one of each kind: axe-core finds no violation at phone and desktop
width, and nothing scrolls sideways at 320 pixels. Minutes, not seconds, so it runs in
`make audit` (KIL_EVERY_PAGE=1), not in `make test`, which checks each kind of page."""

from __future__ import annotations

import pytest

from browser.conftest import Watched
from browser.test_reader_pages import assert_no_violations

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 800)}


def every_page(site) -> list[str]:
    """Each page's path under the site, e.g. case-studies/preston-model/ (the editor's page aside,
    and the pages at old addresses, which send the browser on to a page checked in its own right)."""
    paths = (p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
             if 'http-equiv="refresh"' not in p.read_text("utf-8"))
    return sorted("" if path == "." else path + "/" for path in paths if not path.startswith("admin"))


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations_on_any_page(browser, site_root, built_site, width):
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, is_mobile=width == "phone")
    failures = []
    try:
        watched = Watched(context.new_page(), site_root)
        for path in every_page(built_site):
            watched.open(path)
            try:
                assert_no_violations(watched.axe(), f"/{path} ({width})")
            except AssertionError as error:
                failures.append(str(error))
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_no_page_scrolls_sideways_at_320_pixels(browser, site_root, built_site):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    wide = []
    try:
        watched = Watched(context.new_page(), site_root)
        for path in every_page(built_site):
            watched.open(path)
            width = watched.page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append(f"/{path}: {width} px")
    finally:
        context.close()
    assert not wide, "pages wider than a 320-pixel screen:\n" + "\n".join(wide)
