"""The case-study browser on /case-studies/, driven as a reader would: the filters, the count,
the address, and the list without JavaScript. Expected results come from the content itself."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT

from keepitlocal.site import load_site

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)
TOTAL = len(SITE.case_studies)
FACETS = {
    "principle": lambda case, value: value in case.data["principles"],
    "type": lambda case, value: case.data["type"] == value,
    "region": lambda case, value: case.data["region"] == value,
    "service": lambda case, value: value in case.data["services"],
}


def expected(**chosen) -> list[str]:
    """Slugs of the case studies matching every chosen facet, in the site's order."""
    return [c.slug for c in SITE.case_studies if all(FACETS[name](c, value) for name, value in chosen.items())]


def visible_slugs(page) -> list[str]:
    hrefs = page.locator(".kil-case-list > li.kil-card:visible a.kil-card__title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    return [href.strip("/").split("/")[-1] for href in hrefs]


def count_text(page) -> str:
    return page.locator("#kil-count").inner_text().strip()


def select(page, label: str, value: str) -> None:
    page.get_by_label(label, exact=True).select_option(value)


def options(page, label: str) -> list[str]:
    return [v for v in page.get_by_label(label, exact=True).locator("option").evaluate_all(
        "os => os.map(o => o.value)") if v]


@pytest.fixture
def browser_page(watched):
    watched.open("case-studies/")
    return watched.page


def test_without_filters_every_case_study_is_listed(browser_page):
    assert visible_slugs(browser_page) == [c.slug for c in SITE.case_studies]
    assert count_text(browser_page) == f"{TOTAL} case studies"
    assert browser_page.locator("#kil-count").get_attribute("aria-live") == "polite"


@pytest.mark.parametrize("facet, label", [("principle", "Principle"), ("type", "Type"), ("region", "Region"),
                                          ("service", "Service")])
def test_each_facet_filters_the_list_and_the_count(browser_page, facet, label):
    values = options(browser_page, label)
    assert len(values) >= 2, f"{label} offers fewer than two choices"
    for value in values:
        select(browser_page, label, value)
        want = expected(**{facet: value})
        assert want, f"{label} offers {value!r}, which no case study has"
        assert visible_slugs(browser_page) == want, (facet, value)
        assert count_text(browser_page) == f"{len(want)} of {TOTAL} case studies"


def test_the_filter_choices_are_exactly_what_the_content_uses(browser_page):
    assert options(browser_page, "Principle") == [p.slug for p in SITE.principles]
    assert set(options(browser_page, "Region")) == {c.data["region"] for c in SITE.case_studies}
    assert set(options(browser_page, "Service")) == {s for c in SITE.case_studies for s in c.data["services"]}
    assert set(options(browser_page, "Type")) == {"keep-it-local", "scale-fail"}


def test_filters_combine_and_an_empty_result_says_so(browser_page):
    select(browser_page, "Principle", "local-spend")
    select(browser_page, "Type", "keep-it-local")
    want = expected(principle="local-spend", type="keep-it-local")
    assert want and len(want) < len(expected(principle="local-spend"))
    assert visible_slugs(browser_page) == want
    assert count_text(browser_page) == f"{len(want)} of {TOTAL} case studies"
    assert not browser_page.locator(".kil-empty").is_visible()

    # A region where none of those happened empties the list, and the page says what to do.
    region = next(r for r in options(browser_page, "Region")
                  if not expected(principle="local-spend", type="keep-it-local", region=r))
    select(browser_page, "Region", region)
    assert visible_slugs(browser_page) == []
    assert count_text(browser_page) == f"0 of {TOTAL} case studies"
    assert browser_page.locator(".kil-empty").is_visible()

    browser_page.get_by_role("button", name="Clear filters").click()
    browser_page.wait_for_function(f"document.getElementById('kil-count').textContent === '{TOTAL} case studies'")
    assert visible_slugs(browser_page) == [c.slug for c in SITE.case_studies]
    assert urlsplit(browser_page.url).query == ""
    assert all(browser_page.get_by_label(label, exact=True).input_value() == ""
               for label in ("Principle", "Type", "Region", "Service"))


def test_the_address_keeps_the_filters_and_a_shared_link_restores_them(watched):
    page = watched.page
    watched.open("case-studies/")
    select(page, "Type", "scale-fail")
    select(page, "Service", "procurement")
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"type": ["scale-fail"], "service": ["procurement"]}
    want = expected(type="scale-fail", service="procurement")
    assert visible_slugs(page) == want

    page.reload()
    assert page.get_by_label("Type", exact=True).input_value() == "scale-fail"
    assert visible_slugs(page) == want

    # A link someone shared, opened in a fresh page.
    shared = page.context.new_page()
    shared.goto(page.url)
    assert shared.get_by_label("Service", exact=True).input_value() == "procurement"
    assert visible_slugs(shared) == want
    assert count_text(shared) == f"{len(want)} of {TOTAL} case studies"


def test_an_address_with_unknown_values_shows_everything(watched):
    watched.open("case-studies/?region=Narnia&principle=nonsense")
    assert visible_slugs(watched.page) == [c.slug for c in SITE.case_studies]
    assert watched.page.get_by_label("Region", exact=True).input_value() == ""


def test_filters_work_from_the_keyboard_alone(watched):
    page = watched.page
    watched.open("case-studies/")
    principle = page.get_by_label("Principle", exact=True)
    for _ in range(60):  # Tab from the top of the page until the first filter has focus
        page.keyboard.press("Tab")
        if principle.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the Principle filter cannot be reached with Tab")
    outline = principle.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert not outline.startswith("none") and not outline.endswith(" 0px"), f"no visible focus: {outline}"
    page.keyboard.press("ArrowDown")  # the first principle
    first = SITE.principles[0].slug
    assert principle.input_value() == first
    assert visible_slugs(page) == expected(principle=first)
    for label in ("Type", "Region", "Service"):
        page.keyboard.press("Tab")
        assert page.get_by_label(label, exact=True).evaluate("el => el === document.activeElement"), label
    page.keyboard.press("Tab")
    clear = page.get_by_role("button", name="Clear filters")
    assert clear.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.getElementById('kil-count').textContent === '{TOTAL} case studies'")
    assert principle.input_value() == ""


def test_without_javascript_the_whole_list_shows_and_no_dead_form(browser, site_root):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_root + "case-studies/?type=scale-fail")
        assert visible_slugs(page) == [c.slug for c in SITE.case_studies]
        assert count_text(page) == f"{TOTAL} case studies"
        assert not page.locator("#kil-filter").is_visible()
        assert re.search(r"\b\d+ case studies\b", count_text(page))
    finally:
        context.close()


def test_filtering_stays_fast_with_a_thousand_case_studies(watched):
    """Not a timing test: counts the work. With 1,000 cards, a change of filter must touch each
    card at most once (one pass, no re-reading of the list)."""
    page = watched.page
    watched.open("case-studies/")
    page.evaluate("""() => {
        const list = document.querySelector('.kil-case-list');
        const cards = Array.from(list.children);
        for (let i = 0; list.children.length < 1000; i++) list.appendChild(cards[i % cards.length].cloneNode(true));
    }""")
    page.evaluate("() => { window.__kilReads = 0; }")
    # Re-run the browser script on the bigger list, counting attribute reads during one change.
    page.add_script_tag(path=str(ROOT / "docs" / "assets" / "case-filter.js"))
    page.evaluate("""() => {
        const original = Element.prototype.getAttribute;
        Element.prototype.getAttribute = function (name) {
            if (name.startsWith('data-')) window.__kilReads++;
            return original.call(this, name);
        };
    }""")
    select(page, "Type", "scale-fail")
    reads = page.evaluate("window.__kilReads")
    assert reads == 0, f"a change of filter read {reads} data attributes: facets must be read once, up front"
    shown = page.locator(".kil-case-list > li.kil-card:visible").count()
    assert page.locator("#kil-count").inner_text().startswith(f"{shown} of ")
