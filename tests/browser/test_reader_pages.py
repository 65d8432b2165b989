"""What every reader gets, checked in Chromium: accessible pages, no requests leaving the site,
no script errors, related case studies, print, the home page and page-not-found (search: test_search.py)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site
from keepitlocal.model.related import RelatedIndex, featured_case_studies

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)
PRINCIPLE = SITE.principles[0]
CASE = next(c for c in SITE.case_studies if c.slug == "preston-model")

PAGES = {
    "home": "",
    "case-study index": "case-studies/",
    "principle": f"principles/{PRINCIPLE.slug}/",
    "case study": f"case-studies/{CASE.slug}/",
    "principles index": "principles/",
    "about": "about/",
    "join": "join/",
    "accessibility": "accessibility/",
    "privacy": "privacy/",
}
AXE_PAGES = list(PAGES)


def assert_no_violations(violations: list[dict], where: str) -> None:
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
                       for v in violations)
    assert violations == [], f"axe-core on {where}:\n{report}"


@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_violations(watched, name):
    watched.open(PAGES[name])
    assert_no_violations(watched.axe(), name)


def test_axe_finds_no_violations_on_a_filtered_list(watched):
    watched.open("case-studies/")
    watched.page.get_by_label("Type", exact=True).select_option("scale-fail")
    region = watched.page.get_by_label("Region", exact=True)
    region.select_option(region.locator("option:not([disabled]):not([value=''])").first.get_attribute("value"))
    assert_no_violations(watched.axe(), "the filtered case-study index")


def test_axe_finds_no_violations_on_a_phone(browser, site_root):
    from browser.conftest import Watched

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        watched = Watched(context.new_page(), site_root)
        for name in AXE_PAGES:
            watched.open(PAGES[name])
            assert_no_violations(watched.axe(), f"{name} at phone width")
    finally:
        context.close()


def test_no_request_leaves_the_site_and_no_script_errors(watched):
    for name, path in PAGES.items():
        response = watched.open(path)
        assert response.status == 200, name
    # Search, which fetches its scripts and index when used, is watched in test_search.py.
    assert watched.external_requests == []
    assert watched.console_errors == []
    # As the privacy page says: no cookie, and nothing kept in the browser's storage.
    assert watched.page.context.cookies() == []
    assert watched.page.evaluate("localStorage.length + sessionStorage.length") == 0


def test_every_case_study_shows_its_related_case_studies(watched):
    index = RelatedIndex(SITE)
    for case in SITE.case_studies:
        watched.open(f"case-studies/{case.slug}/")
        section = watched.page.locator("section.kil-related")
        want = [c.slug for c in index.for_case(case)]
        if not want:
            assert section.count() == 0, case.slug
            continue
        assert section.get_by_role("heading", name="Related case studies").is_visible()
        hrefs = section.locator("a.kil-card__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert hrefs == [f"../{slug}/" for slug in want], case.slug
        # The author's own choices come first.
        assert want[:len(case.data.get("related", []))] == case.data.get("related", [])[:len(want)]
    assert watched.console_errors == []


def test_related_links_lead_to_the_right_pages(watched):
    watched.open(f"case-studies/{CASE.slug}/")
    first = RelatedIndex(SITE).for_case(CASE)[0]
    watched.page.locator("section.kil-related a.kil-card__title").first.click()
    watched.page.wait_for_load_state("load")
    assert watched.page.locator("h1").inner_text().strip() == first.title


def test_a_printed_case_study_has_no_site_chrome_and_shows_source_addresses(watched):
    page = watched.page
    watched.open(f"case-studies/{CASE.slug}/")
    page.emulate_media(media="print")
    hidden = [".md-header", ".md-tabs", ".md-sidebar--secondary", ".md-footer", ".kil-search-button",
              "section.kil-related"]
    for selector in hidden:
        displays = page.locator(selector).evaluate_all("els => els.map(e => getComputedStyle(e).display)")
        assert displays and set(displays) == {"none"}, f"{selector} prints ({displays})"
    assert page.locator(".kil-facts").is_visible()
    assert "Preston City Council" in page.locator(".kil-facts").inner_text()
    addresses = page.locator(".kil-sources .kil-source-url")
    assert addresses.count() == len(CASE.data["sources"])
    for i, source in enumerate(CASE.data["sources"]):
        assert addresses.nth(i).is_visible()
        assert addresses.nth(i).inner_text().strip() == source["url"]
    # And on screen the chrome is back.
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()


def test_the_home_page_is_a_campaign_landing_page(watched):
    page = watched.page
    watched.open("")
    grid = page.locator("ol.kil-principle-grid > li")
    assert grid.count() == len(SITE.principles) == 6
    titles = grid.locator(".kil-principle-card__title").all_inner_texts()
    assert titles == [p.title for p in SITE.principles]
    featured = page.locator("ul.kil-featured a.kil-card__title").all_inner_texts()
    assert featured == [c.title for c in featured_case_studies(SITE)]
    flagged = [c.title for c in SITE.case_studies if c.data.get("featured")]
    assert flagged and featured[:len(flagged)] == flagged
    join = page.locator(".kil-cta").get_by_role("link", name="Sign up with Locality")
    assert join.get_attribute("href").startswith(SITE.words["call_to_action_url"] + "?utm_source=")
    all_cases = page.get_by_role("link", name=f"All {len(SITE.case_studies)} case studies")
    all_cases.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == "Case studies"


def test_a_missing_page_is_a_helpful_404(watched):
    page = watched.page
    response = watched.open("case-studies/no-such-story/")
    assert response.status == 404
    assert page.locator("h1").inner_text().strip() == "Page not found"
    for name, heading in [("the six principles", "The six principles"), ("all the case studies", "Case studies")]:
        watched.open("case-studies/no-such-story/")
        page.get_by_role("link", name=name).click()
        page.wait_for_load_state("load")
        assert page.locator("h1").inner_text().strip() == heading
    watched.open("nothing/here/")
    page.get_by_role("link", name="the home page").click()
    page.wait_for_load_state("load")
    assert page.locator(".kil-principle-grid").is_visible()
    # The 404 itself is the only console error: the browser reports the status of the page.
    assert all(re.search(r"status of 404", e) for e in watched.console_errors)
    watched.open("nothing/")
    assert_no_violations(watched.axe(), "page not found")
    assert watched.external_requests == []


def test_keyboard_focus_is_visible_on_links_and_buttons(watched):
    page = watched.page
    watched.open("")
    seen = 0
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return {tag: el.tagName, visible: el.offsetWidth > 0 || el.offsetHeight > 0,
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                    shadow: s.boxShadow !== 'none'}; }""")
        if info["tag"] in ("A", "BUTTON", "INPUT", "SELECT", "LABEL") and info["visible"]:
            seen += 1
            assert info["outline"] or info["shadow"], f"no visible focus on a {info['tag']}"
    assert seen >= 10
