"""The paths a reader follows, in Chromium: from every page to the briefing and the call to join,
the section of a deep page marked in the navigation with a way back to its list, nothing for
staff in the public footer, sources folded behind their count, and axe's WCAG 2.2 AA rules on
one page of each kind these paths changed. One page for the whole module."""

from __future__ import annotations

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)
WORDS = SITE.words
NEWS = SITE.entries_of("news")[0]
COUNCIL = next(c for c in SITE.entries_of("councils") if c.data.get("quote"))
EVENT = SITE.entries_of("events")[0]
CASE = next(c for c in SITE.case_studies if c.slug == "preston-model")

# A deep page of each section, and the section it belongs to.
DEEP = {
    f"case-studies/{CASE.slug}/": "Case studies",
    f"network/{COUNCIL.slug}/": "Network",
    f"news/{NEWS.slug}/": "News",
    f"events/{EVENT.slug}/": "Events",
    f"principles/{SITE.principles[0].slug}/": "Principles",
}
# Every kind of page a reader lands on, which ends with the call to join.
LANDING = ["", "network/", "news/", "events/", "about/", "principles/", "case-studies/", *DEEP]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def reader(browser, site_root):
    from browser.conftest import Watched

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield Watched(context.new_page(), site_root)
    context.close()


def wcag_violations(reader) -> list[str]:
    from browser.conftest import AXE

    if not reader.page.evaluate("typeof window.axe === 'object'"):
        reader.page.add_script_tag(path=str(AXE))
    found = reader.page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return result.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '));
    }""", WCAG)
    return found


def test_the_briefing_is_one_step_from_the_home_page(reader):
    reader.open("")
    tabs = reader.page.locator("nav.md-tabs")
    tabs.get_by_role("link", name=WORDS["briefing_nav"], exact=True).click()
    reader.page.wait_for_load_state("load")
    assert reader.page.url.endswith("/briefing/")
    assert reader.page.get_by_role("link", name=WORDS.get("pdf_button", "Download the briefing")).is_visible() or \
        reader.page.locator(".kil-briefing__pdf a").is_visible()


@pytest.mark.parametrize("path", [*LANDING, "join/", "accessibility/", "briefing/"])
def test_every_page_reaches_the_briefing_from_its_footer_and_no_staff_page(reader, path):
    reader.open(path)
    footer = reader.page.locator("footer.kil-footer")
    link = footer.get_by_role("link", name=WORDS["briefing_link"])
    assert link.is_visible()
    assert link.get_attribute("href").endswith(("briefing/", "./"))
    hrefs = footer.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert [href for href in hrefs if "/staff/" in href or "staff-guide" in href] == []
    assert [href for href in hrefs if "/schemas/" in href] == []


@pytest.mark.parametrize("path", LANDING)
def test_every_landing_page_ends_with_the_call_to_join(reader, path):
    reader.open(path)
    panel = reader.page.locator("section.kil-cta")
    assert panel.get_by_role("heading", name=WORDS["call_to_action_title"]).is_visible()
    assert panel.get_by_role("link", name=WORDS["call_to_action_button"]).is_visible()
    assert panel.get_by_role("link", name=WORDS["briefing_link"]).is_visible()


@pytest.mark.parametrize("path, section", DEEP.items())
def test_a_deep_page_marks_its_section_and_links_back_to_its_list(reader, path, section):
    reader.open(path)
    current = reader.page.locator("nav.md-tabs [aria-current]")
    assert current.all_inner_texts() == [section]
    assert current.get_attribute("aria-current") == "true"
    back = reader.page.locator("nav.kil-section-link a")
    assert back.is_visible()
    box, title = back.bounding_box(), reader.page.locator("article h1").bounding_box()
    assert box["y"] < title["y"], "the way back stands above the title"
    back.click()
    reader.page.wait_for_load_state("load")
    assert reader.page.locator("nav.md-tabs [aria-current='page']").inner_text() == section


def test_join_is_once_in_the_laptop_header(reader):
    reader.open(f"case-studies/{CASE.slug}/")
    header = reader.page.locator("header.md-header, nav.md-tabs")
    joins = [t for t in header.get_by_role("link").all_inner_texts() if t.strip() == WORDS["header_button"]]
    assert joins == [WORDS["header_button"]]


def test_sources_are_folded_behind_their_count_and_a_citation_opens_them(reader):
    reader.open(f"case-studies/{CASE.slug}/")
    fold = reader.page.locator("details.kil-sources-fold")
    count = len(CASE.data["sources"])
    assert fold.locator("summary").inner_text().strip() == f"Sources ({count})"
    assert not fold.evaluate("d => d.open") and not reader.page.locator("#kil-source-1").is_visible()
    reader.page.locator("sup.kil-cite a").first.click()
    assert fold.evaluate("d => d.open"), "following a citation opens the list"
    target = reader.page.locator(reader.page.locator("sup.kil-cite a").first.get_attribute("href"))
    assert target.is_visible()
    # Plain numbers, no brackets; each link back up is at least 24 by 24 pixels.
    assert "[" not in reader.page.locator("sup.kil-cite").first.inner_text()
    for link in reader.page.locator(".kil-backlinks a").all()[:10]:
        box = link.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box
    assert not reader.page.locator(".kil-sources .kil-source-url").first.is_visible(), "full addresses: print only"


def test_on_paper_the_sources_are_open_with_their_addresses(reader):
    reader.open(f"case-studies/{CASE.slug}/")
    reader.page.emulate_media(media="print")
    try:
        assert reader.page.locator("#kil-source-1").is_visible()
        assert reader.page.locator(".kil-sources .kil-source-url").first.is_visible()
    finally:
        reader.page.emulate_media(media="screen")


def test_key_figures_name_their_publisher_and_year(reader):
    reader.open(f"case-studies/{CASE.slug}/")
    labels = reader.page.locator(".kil-figure__source").all_inner_texts()
    assert labels and not any(label.startswith("Source ") for label in labels)
    assert all(label.strip()[-4:].isdigit() or "," not in label for label in labels)


def test_a_council_page_has_its_quote_sources_and_no_code_to_parse(reader):
    reader.open(f"network/{COUNCIL.slug}/")
    quote = reader.page.locator("figure.kil-pull-quote")
    assert COUNCIL.data["quote"]["text"] in quote.locator("blockquote").inner_text()
    assert reader.page.get_by_role("heading", name="Sources").count() == 1
    assert COUNCIL.data["gss_code"] not in reader.page.locator("article").inner_text()


def test_case_studies_and_posts_have_share_links_and_a_route_for_journalists(reader):
    for path in (f"case-studies/{CASE.slug}/", f"news/{NEWS.slug}/"):
        reader.open(path)
        share = reader.page.locator("aside.kil-share")
        hrefs = share.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert any(href.startswith("mailto:") for href in hrefs)
        assert any("linkedin.com" in href for href in hrefs)
        assert WORDS["contact_url"] in hrefs
        assert reader.page.locator("script[src^='http']").count() == 0
    assert reader.external_requests == []


@pytest.mark.parametrize("path", ["network/", f"network/{COUNCIL.slug}/", f"news/{NEWS.slug}/", "events/",
                                  f"events/{EVENT.slug}/", "briefing/", f"case-studies/{CASE.slug}/", "about/"])
def test_wcag_2_2_aa(reader, path):
    reader.open(path)
    assert wcag_violations(reader) == []
