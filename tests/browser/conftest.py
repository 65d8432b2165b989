"""Browser fixtures: the real site, built once, served on 127.0.0.1 as GitHub Pages serves it,
and one Chromium for the whole run.

Without Chromium (or the vendored axe-core) these tests are skipped on a developer's machine
and fail under CI=true, so a CI run can never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT

from keepitlocal.base.project import read_project

CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run"]
# Every page, not one of each kind: minutes, so only when asked (make audit sets it).
collect_ignore = [] if os.environ.get("KIL_EVERY_PAGE") == "1" else ["test_every_page.py"]
SITE_PATH = urlsplit(read_project(ROOT).site_url).path


def _missing(what: str) -> None:
    message = f"{what}: browser tests cannot run"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: install it, see .ci/run)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def site_root(built_site) -> str:
    """The served site's address, e.g. http://127.0.0.1:41234/keep-it-local/."""
    from tools.serve import serving

    with serving(built_site, SITE_PATH) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"Chromium is not installed at {CHROMIUM}")
    if not AXE.is_file():
        _missing(f"axe-core is missing from {AXE.relative_to(ROOT)}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        # The tests' own tools (axe-core added to a page, waits written as text) are inline
        # script to the reader pages' Content-Security-Policy, which refuses them; contexts pass
        # them by default. tests/browser/test_reader_policy.py opens pages under the policy.
        new_context = browser.new_context
        browser.new_context = lambda **options: new_context(**{"bypass_csp": True, **options})
        yield browser
        browser.close()


class Watched:
    """A page with a record of what went wrong on it: console errors, uncaught exceptions, and
    every request that tried to leave 127.0.0.1 (each one is stopped before it goes out)."""

    def __init__(self, page, site_root: str):
        self.page, self.site_root = page, site_root
        self.console_errors: list[str] = []
        self.external_requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.console_errors.append(f"{page.url}: {e}"))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort()

    def open(self, path: str = ""):
        """Go to a page by its path under the site, e.g. `case-studies/?type=scale-fail`."""
        response = self.page.goto(self.site_root + path.lstrip("/"))
        self.page.wait_for_load_state("load")
        return response

    def axe(self, context: str = "document") -> list[dict]:
        """axe-core's violations on the page as it is now, all rules, WCAG 2.2's target size
        (24 by 24 pixels, which axe leaves off unless asked) among them."""
        if not self.page.evaluate("typeof window.axe === 'object'"):
            self.page.add_script_tag(path=str(AXE))
        return self.page.evaluate(f"""async () => {{
            const result = await axe.run({context}, {{resultTypes: ['violations'],
                                                      rules: {{'target-size': {{enabled: true}}}}}});
            return result.violations.map(v => ({{id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}}));
        }}""")


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def watched(context, site_root) -> Watched:
    return Watched(context.new_page(), site_root)
