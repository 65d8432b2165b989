"""The site's search, in Chromium, on the built site served under its sub-path
(/keep-it-local/, as GitHub Pages serves it): Pagefind's dialog opened from the header,
nothing fetched before the reader reaches for it, reader pages only, each result's kind and
the choice of kinds, the keyboard, axe with results open, and the page without JavaScript.

The tests share one page (each searches from wherever the page is, the home page at first);
the one that watches what is fetched before search is used has a page of its own, and so do
the ones under the Content-Security-Policy with Pagefind on the page's own thread."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from browser.test_reader_pages import assert_no_violations
from keepitlocal.app.pipeline import load_site

pytestmark = pytest.mark.browser

HEADER_BUTTON = ".md-header__inner > .kil-search-button"


@pytest.fixture(scope="module")
def watched(browser, site_root):
    from browser.conftest import Watched

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    watched = Watched(context.new_page(), site_root)
    watched.requests = []
    watched.page.on("request", lambda request: watched.requests.append(request.url))
    yield watched
    context.close()


def search_requests(watched) -> list[str]:
    return [url for url in watched.requests if "/pagefind/" in url]


def dialog(watched):
    return watched.page.locator("dialog.pf-modal")


def search(watched, query: str, *, every_result: bool = False) -> list[dict]:
    """Open the search from the header, type `query` and wait for its results: each one's
    address, kind and title, in order. Pagefind shows the first few results and loads more as
    the reader scrolls: `every_result` scrolls to the end of the list."""
    from playwright.sync_api import expect

    page = watched.page
    if not page.url.startswith(watched.site_root):
        watched.open("")
    box = dialog(watched).get_by_role("searchbox")
    if dialog(watched).is_visible():
        box.click()
    else:
        page.locator(HEADER_BUTTON).click()
        expect(box).to_be_focused()  # the dialog opens with the reader in its search box
    box.fill(query)
    summary = page.locator("pagefind-summary")
    expect(summary).to_contain_text(re.compile(rf"results? for {re.escape(query)}"))
    found = re.search(r"(\d+) results? for", summary.inner_text())
    total = int(found[1]) if found else 0
    if total:
        page.wait_for_function("""([total, every]) => {
            const items = [...document.querySelectorAll('pagefind-results .pf-result')];
            const wanted = every ? items : items.slice(0, 3);  // in order: each loads on its own
            const waiting = wanted.find(item => !item.querySelector('a'));
            if (waiting) waiting.scrollIntoView({block: 'center'});
            return items.length >= Math.min(total, 3) && !waiting;
        }""", arg=[total, every_result])
    return page.locator("pagefind-results .pf-result:has(a)").evaluate_all("""items => items.map(item => ({
        href: item.querySelector('a').getAttribute('href'),
        kind: (item.querySelector('.kil-search-kind') || {}).textContent,
        title: item.querySelector('a').textContent}))""")


def test_nothing_of_search_is_fetched_until_the_search_button_is_focused(browser, site_root):
    from browser.conftest import Watched

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        watched = Watched(context.new_page(), site_root)
        watched.requests = []
        watched.page.on("request", lambda request: watched.requests.append(request.url))
        watched.open("")
        watched.page.wait_for_load_state("networkidle")
        assert search_requests(watched) == []
        watched.page.locator(HEADER_BUTTON).focus()
        watched.page.wait_for_function("() => !!window.PagefindComponents")
        fetched = search_requests(watched)
        assert [url.rsplit("/", 1)[1] for url in fetched] == ["pagefind-component-ui.css", "pagefind-component-ui.js"]
        assert all(url.startswith(watched.site_root + "pagefind/") for url in fetched), "from the site, under its path"
    finally:
        context.close()


def test_searching_preston_puts_the_preston_model_in_the_first_three(watched, built_site):
    before = len(watched.requests)
    results = search(watched, "Preston")
    assert "/keep-it-local/case-studies/preston-model/" in [r["href"] for r in results[:3]], results
    # The index comes a fragment at a time: the pages shown, not one fragment for each page.
    fragments = {url for url in watched.requests[before:] if url.endswith(".pf_fragment")}
    assert len(fragments) < len(list((built_site / "pagefind/fragment").glob("*"))) / 2


@pytest.mark.parametrize("query", ["field reference", "REPLACE ME", "Staff guide", "front matter"])
def test_staff_pages_are_never_found(watched, query):
    results = search(watched, query, every_result=True)
    staff = [r["href"] for r in results if re.search(r"/(staff|staff-guide|admin|schemas)/", r["href"])]
    assert staff == []


def test_each_result_shows_its_kind_and_readers_can_choose_kinds(watched):
    from playwright.sync_api import expect

    results = search(watched, "council", every_result=True)
    kinds = {r["kind"] for r in results}
    assert {"Case study", "Principle", "Council"} <= kinds, kinds
    every_kind = watched.page.locator("pagefind-summary").inner_text()
    dropdown = dialog(watched).locator("pagefind-filter-dropdown")
    dropdown.get_by_role("combobox", name="Kind of page").click()
    dropdown.get_by_role("option", name=re.compile("^Principle")).click()
    expect(watched.page.locator("pagefind-summary")).to_contain_text("council")
    expect(watched.page.locator(".kil-search-kind").first).to_have_text("Principle")
    assert set(watched.page.locator(".kil-search-kind").all_text_contents()) == {"Principle"}
    dropdown.get_by_role("option", name=re.compile("^Principle")).click()  # and back to every kind
    expect(watched.page.locator("pagefind-summary")).to_have_text(every_kind)


def test_results_mark_the_words_searched_for(watched):
    search(watched, "Preston")
    marked = watched.page.locator("pagefind-results .pf-result-excerpt mark").all_text_contents()
    assert marked and all(word.lower().startswith("preston") for word in marked), marked


def test_axe_finds_no_violations_with_results_open(watched):
    search(watched, "Preston")
    assert_no_violations(watched.axe(), "the search dialog with results")


def test_a_result_leads_to_its_page_under_the_sub_path(watched):
    search(watched, "Preston")
    watched.page.locator("pagefind-results a", has_text="The Preston Model").first.click()
    watched.page.wait_for_url(watched.site_root + "case-studies/preston-model/")
    assert watched.page.locator("h1").first.inner_text().strip() == "The Preston Model"


def test_search_by_keyboard_alone_without_moving_the_page(watched):
    from playwright.sync_api import expect

    page = watched.page
    watched.open("case-studies/preston-model/")
    page.mouse.wheel(0, 600)
    page.wait_for_function("() => scrollY > 0")
    scrolled = page.evaluate("scrollY")
    page.locator(HEADER_BUTTON).focus()
    page.keyboard.press("Enter")
    box = dialog(watched).get_by_role("searchbox")
    expect(box).to_be_focused()
    page.keyboard.type("Calderdale")
    expect(page.locator("pagefind-summary")).to_contain_text("Calderdale")
    page.keyboard.press("Escape")
    expect(dialog(watched)).to_be_hidden()
    expect(page.locator(HEADER_BUTTON)).to_be_focused()
    assert page.evaluate("scrollY") == scrolled


def test_the_search_speaks_in_the_sites_own_words(watched):
    """Pagefind's summary, keyboard hints and the search box's name say what content/site.yml says,
    not Pagefind's own English (its hints say "navigate")."""
    from playwright.sync_api import expect

    words = load_site(ROOT).words
    search(watched, "Preston")
    count = int(re.search(r"\d+", watched.page.locator("pagefind-summary").inner_text())[0])
    expect(watched.page.locator("pagefind-summary")).to_have_text(
        words["search_found_many"].replace("{count}", str(count)).replace("{term}", "Preston"))
    hints = dialog(watched).locator("pagefind-keyboard-hints")
    for key in ("search_key_navigate", "search_key_clear"):  # the hints for a box with words in it
        expect(hints).to_contain_text(words[key])
    assert words["search_key_navigate"] != "navigate"
    expect(dialog(watched).get_by_role("searchbox", name=words["search_label"], exact=True)).to_have_count(1)
    nothing = "qqzxv"
    dialog(watched).get_by_role("searchbox").fill(nothing)
    expect(watched.page.locator("pagefind-summary")).to_have_text(words["search_found_none"].replace("{term}", nothing))


def test_no_request_leaves_the_site_and_no_script_errors_while_searching(watched):
    search(watched, "Carillion")
    assert search_requests(watched)
    assert watched.external_requests == []
    assert watched.console_errors == []


def test_on_a_phone_search_opens_from_the_menu(browser, site_root):
    from playwright.sync_api import expect

    from browser.conftest import Watched

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = Watched(context.new_page(), site_root)
        phone.open("principles/")
        expect(phone.page.locator(HEADER_BUTTON)).to_be_visible()  # the magnifier in the header
        phone.page.get_by_text("Menu").click()
        phone.page.locator(".kil-menu__search").click()
        box = dialog(phone).get_by_role("searchbox")
        expect(box).to_be_focused()
        box.fill("Preston")
        expect(phone.page.locator("pagefind-results a", has_text="The Preston Model").first).to_be_visible()
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
        assert phone.console_errors == [] and phone.external_requests == []
    finally:
        context.close()


def test_without_javascript_the_header_links_to_the_case_studies_instead(browser, site_root):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_root + "about/")
        assert page.locator(".kil-search-button").first.is_hidden()
        link = page.locator(".md-header .kil-search-link")
        assert link.is_visible() and link.inner_text().strip() == "Find a case study"
        link.click()
        page.wait_for_url(site_root + "case-studies/")
    finally:
        context.close()


def search_on_the_page_s_thread(browser, site_root, policy_change=None) -> tuple[str, list[str]]:
    """Search the home page with Pagefind's worker refused, so that Pagefind compiles its
    WebAssembly on the page's own thread, where the page's policy governs it (a policy given in
    a <meta> element does not reach a worker). `policy_change` edits the page's policy first.
    Returns what the results' summary says, and what the browser reported the policy blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    context.set_default_timeout(10_000)
    try:
        context.route("**/pagefind-worker.js", lambda route: route.abort())
        page = context.new_page()
        if policy_change:
            def changed(route):
                response = route.fetch()
                route.fulfill(response=response, body=policy_change(response.text()))
            page.route(site_root, changed)
        page.add_init_script("window.kilBlocked = []; document.addEventListener('securitypolicyviolation',"
                             " e => window.kilBlocked.push(e.violatedDirective));")
        page.goto(site_root)
        assert "'wasm-unsafe-eval'" in page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute(
            "content") or policy_change
        page.locator(HEADER_BUTTON).click()
        page.locator("dialog.pf-modal").get_by_role("searchbox").fill("Preston")
        # Polled from here: the policy refuses the string a wait_for_function would evaluate.
        results = page.locator("pagefind-results .pf-result a")
        for _ in range(100):
            blocked = page.evaluate("() => window.kilBlocked")
            if blocked or results.count():
                break
            page.wait_for_timeout(100)
        return page.locator("pagefind-summary").inner_text(), blocked
    finally:
        context.close()


def test_search_works_under_the_reader_pages_content_security_policy(browser, site_root):
    summary, blocked = search_on_the_page_s_thread(browser, site_root)
    assert blocked == [] and "results for Preston" in summary


def test_without_wasm_unsafe_eval_the_policy_would_stop_search(browser, site_root):
    """The test above can fail: the same policy without 'wasm-unsafe-eval' stops Pagefind."""
    summary, blocked = search_on_the_page_s_thread(
        browser, site_root, lambda html: html.replace(" 'wasm-unsafe-eval'", "", 1))
    assert "script-src" in blocked and "results for Preston" not in summary, (summary, blocked)
