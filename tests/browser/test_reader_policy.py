"""The reader pages' Content-Security-Policy, in Chromium: a hostile story line that reached a
built page would run nothing, while the theme's own inline scripts and ours run untouched.

The check refuses such a line and the build's allow-list removes it, so to show what the policy
alone does, the line is put into a copy of a built page where the story is, as Markdown would
publish it with no allow-list at all."""

from __future__ import annotations

import shutil

import pytest

from .conftest import SITE_PATH

pytestmark = pytest.mark.browser

HOSTILE = ('<p>Read more <script>window.kilRan = "script"</script>'
           '<img src="../../assets/none.png" alt="" onerror="window.kilRan = \'onerror\'">'
           '<a id="kil-hostile" href="javascript:window.kilRan=\'link\'">here</a>'
           '<svg><script>window.kilRan = "svg"</script></svg></p>')
PAGE = "case-studies/preston-model/index.html"


@pytest.fixture(scope="module")
def hostile_site(built_site, tmp_path_factory):
    site = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(built_site, site)
    page = site / PAGE
    html = page.read_text("utf-8")
    at = html.index("</h1>") + len("</h1>")
    page.write_text(html[:at] + HOSTILE + html[at:], encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def policy_page(browser, hostile_site):
    from tools.serve import serving

    with serving(hostile_site, SITE_PATH) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
        context.set_default_timeout(10_000)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.add_init_script("window.kilBlocked = []; document.addEventListener('securitypolicyviolation',"
                             " e => window.kilBlocked.push(e.violatedDirective + ' ' + e.sample));")
        yield page, url, errors
        context.close()


def test_a_hostile_story_line_on_a_built_page_runs_nothing(policy_page):
    page, url, errors = policy_page
    page.goto(url + PAGE.removesuffix("index.html"))
    page.wait_for_load_state("load")
    page.click("#kil-hostile")
    page.wait_for_timeout(300)
    assert page.evaluate("window.kilRan") is None
    blocked = page.evaluate("window.kilBlocked")
    assert any("script-src" in b for b in blocked), blocked  # the browser says why: the policy
    assert any("Content Security Policy" in e for e in errors), errors


def test_the_theme_s_own_scripts_run_under_the_policy(policy_page):
    page, url, errors = policy_page
    errors.clear()
    for path in ("", "case-studies/", "case-studies/carillion-collapse/", "events/", "briefing/"):
        page.goto(url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.classList.contains('kil-js')"), path  # ours, inline
        assert page.evaluate("typeof __md_scope") == "object", path  # the theme's, inline
        assert page.evaluate("window.kilBlocked") == [], path
    assert errors == []


def test_the_filter_and_search_work_under_the_policy(policy_page):
    page, url, errors = policy_page
    errors.clear()
    page.goto(url + "case-studies/")
    page.wait_for_load_state("load")
    shown = page.locator(".kil-card:visible").count()
    page.locator("form.kil-filter input[type=checkbox], form.kil-filter select").first.wait_for()
    page.locator(".md-header__inner > .kil-search-button").click()  # Pagefind (tests/browser/test_search.py)
    page.locator("dialog.pf-modal").get_by_role("searchbox").fill("Preston")
    page.locator("pagefind-results .pf-result a").first.wait_for()
    assert shown > 0 and page.evaluate("window.kilBlocked") == [] and errors == []
