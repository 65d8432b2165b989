"""The campaign's own look, checked in Chromium: its wordmark in the header, its icons in the tab,
its typeface on every line, and a home page whose headline is the largest text on it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
import pytest

pytestmark = pytest.mark.browser

MATERIAL_FAVICON = Path(material.__file__).parent / "templates" / "assets" / "images" / "favicon.png"
PHONE, LAPTOP = (390, 844), (1280, 800)


@pytest.fixture(scope="module")
def window(browser, site_root):
    """One phone-sized window for the module; tests resize it as they need."""
    from browser.conftest import Watched

    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
    context.set_default_timeout(10_000)
    watched = Watched(context.new_page(), site_root)
    yield watched
    context.close()


def test_the_header_carries_the_campaigns_wordmark_not_materials_logo(window):
    window.page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
    window.open("about/")
    page = window.page
    mark = page.locator("header .kil-wordmark")
    assert mark.inner_text().strip() == "Keep it Local"
    assert mark.get_attribute("href") in ("..", "../", "../index.html")
    assert page.locator("header .md-logo, header .md-logo svg").count() == 0
    assert mark.evaluate("el => getComputedStyle(el.firstElementChild).fontFamily").startswith('"Source Sans 3"')


def test_the_browser_tab_shows_the_campaigns_icon_not_materials(window):
    window.open("")
    page = window.page
    material = hashlib.sha256(MATERIAL_FAVICON.read_bytes()).hexdigest()
    icons = page.eval_on_selector_all("link[rel~=icon], link[rel=apple-touch-icon]", "els => els.map(e => e.href)")
    assert len(icons) >= 3
    for href in icons:
        response = page.request.get(href)
        assert response.ok, href
        assert hashlib.sha256(response.body()).hexdigest() != material, f"{href} is Material's own icon"
    svg = page.request.get(page.eval_on_selector("link[rel~=icon][type='image/svg+xml']", "e => e.href")).text()
    assert "#0b4f4a" in svg and "<text" not in svg, "the tab icon is the wordmark's letters drawn as outlines"
    manifest = page.request.get(page.eval_on_selector("link[rel=manifest]", "e => e.href")).json()
    assert manifest["name"] == "Keep it Local"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}


@pytest.mark.parametrize("path", ["", "case-studies/preston-model/", "briefing/"])
def test_every_line_is_set_in_source_sans_3_from_the_site_itself(window, path):
    window.open(path)
    page = window.page
    page.evaluate("document.fonts.ready")
    families = page.evaluate("""() => [...new Set([...document.querySelectorAll('body, h1, h2, p, li, a, button')]
        .map(e => getComputedStyle(e).fontFamily.split(',')[0].trim()))]""")
    assert families == ['"Source Sans 3"'], families
    loaded = page.evaluate("""async () => { await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight); }""")
    assert {"Source Sans 3 400", "Source Sans 3 700"} >= set(loaded) and "Source Sans 3 400" in loaded
    assert not window.external_requests


LARGEST_OTHER_TEXT = """() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const found = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!node.textContent.trim() || !el.getClientRects().length) continue;
            if (el.closest('.kil-hero h1')) continue;
            found.push([parseFloat(getComputedStyle(el).fontSize), node.textContent.trim().slice(0, 40)]);
        }
        return found.sort((a, b) => b[0] - a[0]).slice(0, 3);
    }"""


def test_the_home_headline_is_the_largest_text_on_the_page_on_a_phone_and_a_laptop(window):
    for (width, height), smallest, largest in ((PHONE, 36, 40), (LAPTOP, 48, 56)):
        window.page.set_viewport_size({"width": width, "height": height})
        window.open("")
        sizes = window.page.evaluate(LARGEST_OTHER_TEXT)
        headline = window.page.locator(".kil-hero h1").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert smallest <= headline <= largest, f"{width}px wide"
        assert headline > sizes[0][0], f"{width}px wide: {sizes[0][1]!r} is {sizes[0][0]}px, the headline {headline}px"


def test_the_home_page_passes_axe_at_both_widths(window):
    for width, height in (PHONE, LAPTOP):
        window.page.set_viewport_size({"width": width, "height": height})
        window.open("")
        violations = window.axe()
        assert not violations, violations


def test_the_home_hero_says_who_runs_the_campaign_and_proves_momentum_in_the_first_screen(window):
    from conftest import ROOT

    from keepitlocal.app.pipeline import load_site
    from keepitlocal.render.campaign import councils

    site = load_site(ROOT)
    joined, briefing_title = len(councils(site)), site.data["briefing.yml"]["title"]
    for width, height in (PHONE, LAPTOP):
        window.page.set_viewport_size({"width": width, "height": height})
        window.open("")
        page = window.page
        hero = page.locator(".kil-hero")
        by, h1 = hero.locator(".kil-hero__by"), hero.locator("h1")
        assert "Locality" in by.inner_text()
        assert by.bounding_box()["y"] < h1.bounding_box()["y"], "who runs the campaign comes above the headline"
        proof = hero.get_by_role("link", name=f"{joined} councils have joined the network")
        box = proof.bounding_box()
        assert box and box["y"] + box["height"] <= height, f"the council count is below the first screen at {width}"
        assert proof.get_attribute("href") == "network/"
        briefing = hero.get_by_role("link", name=briefing_title)
        assert briefing.get_attribute("href") == "briefing/"
        assert briefing.bounding_box()["y"] + briefing.bounding_box()["height"] <= height
    # On a laptop the right half of the band carries the number and the regions' tile grid.
    network = page.locator(".kil-hero__network").bounding_box()
    assert network["x"] >= LAPTOP[0] / 2 and network["width"] > 300
    assert page.locator(".kil-hero .kil-tiles > li").count() == 9
    assert page.locator(".kil-hero .kil-tiles").bounding_box()["y"] + 10 < LAPTOP[1]


def _rows_and_columns(page, selector: str) -> tuple[int, int]:
    boxes = page.eval_on_selector_all(selector, "els => els.map(e => [Math.round(e.getBoundingClientRect().x), "
                                                "Math.round(e.getBoundingClientRect().y)])")
    return len({y for _, y in boxes}), len({x for x, _ in boxes})


def test_on_a_laptop_grids_have_no_orphan_rows(window):
    window.page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
    window.open("")
    page = window.page
    assert _rows_and_columns(page, ".kil-home ol.kil-principle-grid > li") == (2, 3), "principles three by two"
    assert _rows_and_columns(page, ".kil-home ul.kil-headline-figures > li") == (2, 2), "figures two by two"
    # Beside the case for the campaign, not under it.
    figures = page.locator(".kil-home-evidence__figures").bounding_box()
    text = page.locator(".kil-home-evidence__text").bounding_box()
    assert figures["x"] > text["x"] + text["width"] and abs(figures["y"] - text["y"]) < 50


def test_running_text_has_the_join_and_briefing_box_beside_it_on_a_laptop_only(window):
    window.page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
    window.open("case-studies/preston-model/")
    page = window.page
    side = page.locator("aside.kil-side")
    box = side.bounding_box()
    story = page.locator("article :not(aside) > p").nth(3).bounding_box()  # the story, not the box's own words
    assert box and box["x"] >= story["x"] + story["width"], "the box stands beside the text"
    assert box["y"] < LAPTOP[1], "in the first screen"
    assert side.get_by_role("link", name="Sign up with Locality").is_visible()
    window.page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    assert not side.is_visible(), "on a phone the call at the page's foot does its job"
    window.open("case-studies/")
    assert page.locator("aside.kil-side").count() == 0, "lists keep their full width"


def test_a_principles_page_shows_its_icon(window):
    window.open("principles/")
    window.open("principles/" + window.page.locator("ol.kil-principle-grid a").first.get_attribute("href"))
    icon = window.page.locator(".kil-principle-position svg.kil-icon")
    assert icon.is_visible() and icon.get_attribute("aria-hidden") == "true"
    assert icon.bounding_box()["width"] >= 48


def test_council_leaders_words_are_large_pull_quotes_each_attributed(window):
    window.page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
    window.open("")
    page = window.page
    quotes = page.locator(".kil-quotes figure.kil-quote")
    assert quotes.count() >= 2
    body = page.locator(".kil-home-evidence__text p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    for index in range(quotes.count()):
        quote = quotes.nth(index)
        size = quote.locator("blockquote p").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 1.25 * body, "a pull quote is set larger than running text"
        caption = quote.locator("figcaption").inner_text()
        assert caption.count(", then ") == 1, f"the speaker and the title they held then: {caption!r}"
    assert page.locator(".kil-quotes__source a").get_attribute("href").startswith("https://locality.org.uk/")
    # Three side by side on a laptop.
    assert len({round(quotes.nth(i).bounding_box()["y"]) for i in range(quotes.count())}) == 1
