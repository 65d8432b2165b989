"""Print the campaign briefing of a built site to PDF with Chromium, as a reader would from a browser.

    python tools/briefing_pdf.py [SITE_DIR]     # writes SITE_DIR/keep-it-local-briefing.pdf (site/ by default)

The briefing page (/briefing/) is laid out for A4 print by its own stylesheet, with the
project's own font (docs/assets/fonts/), so the PDF is the same on every machine. The PDF
goes inside the built site, beside the page that links to it, so a deployment publishes
both. Then every built page that links to it with a `data-pdf-facts` element (the briefing's
download button) gets the PDF's number of pages and size in that element's words
(`pdf_facts` in content/briefing.yml, e.g. "PDF, 4 pages, 94 KB"). It needs Chromium
(/usr/bin/chromium, or CHROME_PATH) and Playwright; the site itself builds without them.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keepitlocal.base.project import read_project  # noqa: E402
from tools.serve import serving  # noqa: E402

PDF_NAME = "keep-it-local-briefing.pdf"
BRIEFING_PATH = "briefing/"
from tools.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: E402


def site_url() -> str:
    """The site's published address, e.g. https://locality.github.io/keep-it-local/."""
    return read_project(ROOT).site_url


def site_path() -> str:
    """The path the site lives under (site_url's path), e.g. /keep-it-local/."""
    return urlsplit(site_url()).path or "/"


def make_pdf(site_dir: Path, out: Path | None = None, browser=None) -> Path:
    """Print SITE_DIR's briefing page to `out` (SITE_DIR/keep-it-local-briefing.pdf), with
    `browser` (a Playwright Chromium) or a Chromium of its own."""
    site_dir = Path(site_dir).resolve()
    if not (site_dir / BRIEFING_PATH / "index.html").is_file():
        raise SystemExit(f"{site_dir}/{BRIEFING_PATH}index.html is missing: build the site first (make build).")
    out = out or site_dir / PDF_NAME
    if browser is not None:
        return _print(site_dir, out, browser)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"No Chromium at {CHROMIUM}: install it (apt-get install chromium) or set CHROME_PATH. "
                         "The site builds without it; only the PDF needs it.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit("Playwright is not installed: run make build first, which installs it.") from None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            return _print(site_dir, out, browser)
        finally:
            browser.close()


def _print(site_dir: Path, out: Path, browser) -> Path:
    outside: list[str] = []

    def route(route):
        url = route.request.url
        if urlsplit(url).hostname in ("127.0.0.1", "localhost") or url.startswith("data:"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with serving(site_dir, site_path()) as base:
        page = browser.new_page()
        try:
            page.route("**/*", route)
            page.goto(base + BRIEFING_PATH)
            page.wait_for_load_state("load")
            page.evaluate("document.fonts.ready.then(() => true)")
            # The page links within the site by relative address, which the local server resolves
            # to itself: in the PDF, which is kept and forwarded, each points at the published site.
            page.evaluate("""([local, published]) => {
                for (const a of document.querySelectorAll('a[href]')) {
                    if (a.href.startsWith(local)) a.href = published + a.href.slice(local.length);
                }
            }""", [base, site_url()])
            page.emulate_media(media="print")
            page.pdf(path=str(out), format="A4", print_background=True, prefer_css_page_size=True,
                     outline=True, tagged=True)
        finally:
            page.close()
    if outside:
        raise SystemExit("The briefing asked for files from other sites: " + ", ".join(sorted(set(outside))))
    return out


# The download button's facts, filled in once the PDF exists: the element's words are in its
# data-pdf-facts attribute (from the template, escaped), its text is what readers see.
FACTS = re.compile(r'(<span class="kil-briefing__pdf-facts" data-pdf-facts="([^"]*)">)[^<]*(</span>)')
# Chromium writes each page of a PDF as an object of /Type /Page (the page tree is /Pages).
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_facts(pdf: Path) -> dict:
    """The PDF's number of pages and its size in KB, as readers are told them."""
    data = pdf.read_bytes()
    return {"pages": len(PAGE_OBJECT.findall(data)), "size": f"{max(1, round(len(data) / 1024))} KB"}


def fill_facts(site_dir: Path, pdf: Path) -> int:
    """Write the PDF's facts into each built page's download button; returns how many pages."""
    facts = pdf_facts(pdf)
    filled = 0
    for page in Path(site_dir).rglob("*.html"):
        text = page.read_text("utf-8")
        if "data-pdf-facts=" not in text:
            continue

        def words(match):
            said = html.unescape(match[2]).replace("{pages}", str(facts["pages"])).replace("{size}", facts["size"])
            return f"{match[1]}({html.escape(said)}){match[3]}"

        changed = FACTS.sub(words, text)
        if changed != text:
            page.write_text(changed, "utf-8")
            filled += 1
    return filled


def main(argv: list[str]) -> int:
    site_dir = Path(argv[0]) if argv else ROOT / "site"
    out = make_pdf(site_dir)
    fill_facts(site_dir, out)
    print(f"{out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}: "
          f"{out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
