"""The case-study browser on /case-studies/, driven as a reader would: the filters, the count,
the address, and the list without JavaScript. Expected results come from the content itself."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site

from .conftest import Watched
from .test_reader_pages import assert_no_violations

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


def test_filters_combine(browser_page):
    select(browser_page, "Principle", "local-spend")
    select(browser_page, "Type", "keep-it-local")
    want = expected(principle="local-spend", type="keep-it-local")
    assert want and len(want) < len(expected(principle="local-spend"))
    assert visible_slugs(browser_page) == want
    assert count_text(browser_page) == f"{len(want)} of {TOTAL} case studies"
    assert not browser_page.locator(".kil-empty").is_visible()

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


def choice_counts(page, label: str) -> dict[str, tuple[str, bool]]:
    """Each choice of one filter: value -> (its words, disabled)."""
    return {o["value"]: (o["text"], o["disabled"]) for o in page.get_by_label(label, exact=True).locator(
        "option").evaluate_all("os => os.map(o => ({value: o.value, text: o.text, disabled: o.disabled}))")}


LABELS = {"principle": "Principle", "type": "Type", "region": "Region", "service": "Service"}


def assert_counts_right(page, **chosen) -> None:
    """Every choice says how many case studies it would leave with the other filters as they
    are, and is disabled when that is none (unless it is chosen)."""
    for facet, label in LABELS.items():
        others = {name: value for name, value in chosen.items() if name != facet}
        for value, (text, disabled) in choice_counts(page, label).items():
            left = len(expected(**others, **({facet: value} if value else {})))
            assert text.endswith(f" ({left})"), (facet, value, text, left)
            assert disabled == (left == 0 and value != "" and chosen.get(facet) != value), (facet, value, text)


def test_each_choice_counts_what_it_would_leave_and_impossible_ones_are_disabled(browser_page):
    page = browser_page
    assert_counts_right(page)
    assert choice_counts(page, "Principle")["local-spend"][0].startswith("3. Local spend (")
    select(page, "Principle", "local-spend")
    assert_counts_right(page, principle="local-spend")
    select(page, "Type", "keep-it-local")
    assert_counts_right(page, principle="local-spend", type="keep-it-local")
    disabled = [value for value, (_, off) in choice_counts(page, "Region").items() if off]
    assert disabled, "no region is impossible with these filters: the test needs content where one is"
    assert all(not expected(principle="local-spend", type="keep-it-local", region=r) for r in disabled)


def test_short_labels_fit_their_box_on_a_phone(phone):
    """No choice is cut off: at 390 px each filter's longest choice fits inside its box."""
    phone.open("case-studies/")
    page = phone.page
    toggle_of(page).click()
    for label in LABELS.values():
        fits = page.get_by_label(label, exact=True).evaluate("""select => {
            const probe = document.createElement('span');
            probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;font:'
                + getComputedStyle(select).font;
            document.body.appendChild(probe);
            const widths = Array.from(select.options, o => { probe.textContent = o.text; return probe.offsetWidth; });
            const widest = Math.max(...widths);
            probe.remove();
            return {widest, room: select.clientWidth - 40};
        }""")
        assert fits["widest"] <= fits["room"], (label, fits)


def test_an_address_that_leaves_nothing_says_what_to_do(watched):
    region = next(r for r in {c.data["region"] for c in SITE.case_studies}
                  if not expected(principle="local-spend", type="keep-it-local", region=r))
    watched.open(f"case-studies/?principle=local-spend&type=keep-it-local&region={region}")
    page = watched.page
    assert visible_slugs(page) == []
    assert count_text(page) == f"0 of {TOTAL} case studies"
    assert page.locator("#kil-empty").is_visible()
    assert choice_counts(page, "Region")[region] == (f"{region} (0)", False)  # chosen, so not disabled
    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_function(f"document.getElementById('kil-count').textContent === '{TOTAL} case studies'")
    assert not page.locator("#kil-empty").is_visible()
    assert urlsplit(page.url).query == ""


def test_back_undoes_each_change(watched):
    page = watched.page
    watched.open("case-studies/")
    select(page, "Type", "scale-fail")
    select(page, "Service", "procurement")
    assert visible_slugs(page) == expected(type="scale-fail", service="procurement")
    page.go_back()
    page.wait_for_function("() => !location.search.includes('service')")
    assert page.get_by_label("Service", exact=True).input_value() == ""
    assert visible_slugs(page) == expected(type="scale-fail")
    assert count_text(page) == f"{len(expected(type='scale-fail'))} of {TOTAL} case studies"
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert visible_slugs(page) == [c.slug for c in SITE.case_studies]
    page.go_forward()
    page.wait_for_function("() => location.search !== ''")
    assert page.get_by_label("Type", exact=True).input_value() == "scale-fail"


def test_on_a_laptop_the_choices_show_unfolded(browser, site_root):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        watched = Watched(context.new_page(), site_root)
        watched.open("case-studies/?type=scale-fail")
        page = watched.page
        for label in LABELS.values():
            assert page.get_by_label(label, exact=True).is_visible(), label
        assert page.get_by_role("button", name="Clear filters").is_visible()
        assert not page.locator(".kil-filter__toggle").is_visible()
        assert not page.locator(".kil-chips").is_visible()
        assert_no_violations(watched.axe(), "the filtered case-study index at 1280x800")
    finally:
        context.close()


@pytest.fixture
def phone(browser, site_root):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    yield Watched(context.new_page(), site_root)
    context.close()


def chips(page) -> list[str]:
    return page.locator(".kil-chips .kil-chip:visible").evaluate_all("cs => cs.map(c => c.getAttribute('aria-label'))")


def toggle_of(page):
    return page.get_by_role("button", name=re.compile(r"^Filter( \d+ active)?$"))


def test_on_a_phone_the_choices_fold_behind_a_button_that_counts_them(phone):
    phone.open("case-studies/")
    page = phone.page
    toggle = toggle_of(page)
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.inner_text().strip() == "Filter"
    assert not page.get_by_label("Principle", exact=True).is_visible()
    assert page.get_by_role("button", name="Clear filters").is_visible()  # next to the button, even folded
    assert_no_violations(phone.axe(), "the case-study index at 390x844, folded")

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    for label in LABELS.values():
        assert page.get_by_label(label, exact=True).is_visible(), label
    select(page, "Principle", "local-spend")
    select(page, "Type", "scale-fail")
    assert " ".join(toggle.inner_text().split()) == "Filter 2 active"
    assert chips(page) == ["Remove filter: 3. Local spend", "Remove filter: Scale fail"]
    assert_no_violations(phone.axe(), "the case-study index at 390x844, open, two filters chosen")

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_label("Principle", exact=True).is_visible()
    assert chips(page) == ["Remove filter: 3. Local spend", "Remove filter: Scale fail"]  # still there, folded
    assert visible_slugs(page) == expected(principle="local-spend", type="scale-fail")
    assert_no_violations(phone.axe(), "the case-study index at 390x844, folded with chips")


def test_removing_a_chip_updates_the_list_the_count_and_the_address(phone):
    phone.open("case-studies/?principle=local-spend&type=scale-fail")
    page = phone.page
    assert " ".join(toggle_of(page).inner_text().split()) == "Filter 2 active"
    page.get_by_role("button", name="Remove filter: Scale fail").click()
    assert visible_slugs(page) == expected(principle="local-spend")
    assert count_text(page) == f"{len(expected(principle='local-spend'))} of {TOTAL} case studies"
    assert parse_qs(urlsplit(page.url).query) == {"principle": ["local-spend"]}
    assert chips(page) == ["Remove filter: 3. Local spend"]
    assert " ".join(toggle_of(page).inner_text().split()) == "Filter 1 active"
    assert page.get_by_label("Type", exact=True).input_value() == ""
    page.get_by_role("button", name="Remove filter: 3. Local spend").click()
    assert visible_slugs(page) == [c.slug for c in SITE.case_studies]
    assert urlsplit(page.url).query == ""
    assert chips(page) == [] and not page.locator(".kil-chips").is_visible()
    assert toggle_of(page).inner_text().strip() == "Filter"


def focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def assert_focus_visible(locator, what: str) -> None:
    outline = locator.evaluate("el => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth")
    assert not outline.startswith("none") and not outline.endswith(" 0px"), f"no visible focus on {what}: {outline}"


def test_on_a_phone_everything_works_from_the_keyboard(phone):
    phone.open("case-studies/")
    page = phone.page
    toggle = toggle_of(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(toggle):
            break
    else:
        pytest.fail("the Filter button cannot be reached with Tab")
    assert_focus_visible(toggle, "the Filter button")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    principle = page.get_by_label("Principle", exact=True)
    assert focused(principle)
    page.keyboard.press("ArrowDown")
    first = SITE.principles[0].slug
    assert principle.input_value() == first
    assert visible_slugs(page) == expected(principle=first)
    for label in ("Type", "Region", "Service"):
        page.keyboard.press("Tab")
        assert focused(page.get_by_label(label, exact=True)), label
    page.keyboard.press("Tab")
    assert focused(page.get_by_role("button", name="Clear filters"))
    page.keyboard.press("Tab")
    chip = page.locator(".kil-chip").first
    assert focused(chip)
    assert_focus_visible(chip, "a chip")
    page.keyboard.press("Enter")  # removes the filter; focus goes back to the Filter button
    page.wait_for_function(f"document.getElementById('kil-count').textContent === '{TOTAL} case studies'")
    assert principle.input_value() == ""
    assert focused(toggle)
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_the_count_is_announced_to_screen_readers(phone):
    """The count is a polite live region, present from the start (a region added later is not
    read out), outside the folded part, naming the list it counts; each change rewrites it."""
    phone.open("case-studies/")
    page = phone.page
    count = page.locator("#kil-count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.is_visible()
    assert page.locator(".kil-case-list").get_attribute("aria-labelledby") == "kil-count"
    page.evaluate("""() => {
        window.__kilSaid = [];
        new MutationObserver(() => window.__kilSaid.push(document.getElementById('kil-count').textContent))
            .observe(document.getElementById('kil-count'), {childList: true, characterData: true, subtree: true});
    }""")
    toggle_of(page).click()
    select(page, "Type", "scale-fail")
    page.get_by_role("button", name="Remove filter: Scale fail").click()
    said = page.evaluate("window.__kilSaid")
    assert said == [f"{len(expected(type='scale-fail'))} of {TOTAL} case studies", f"{TOTAL} case studies"], said


def test_filter_controls_are_big_enough_to_tap(phone):
    """WCAG 2.2 target size: every control of the filter at least 24 by 24 CSS pixels."""
    phone.open("case-studies/?principle=local-spend&type=scale-fail")
    page = phone.page
    toggle_of(page).click()
    controls = page.locator(".kil-filter button:visible, .kil-filter select:visible")
    sizes = controls.evaluate_all(
        "els => els.map(e => [e.textContent.trim().slice(0, 20), e.offsetWidth, e.offsetHeight])")
    assert len(sizes) == 4 + 2 + 2  # the button, four filters, Clear, two chips
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert not small, small
