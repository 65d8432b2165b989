"""Pictures of the site, made with the same Chromium and Playwright as the browser tests.

    python tools/screenshot.py case-studies SITE_DIR   # docs/assets/screenshot-case-studies.png
                                                       # and docs/assets/screenshot-home-phone.png
    python tools/screenshot.py social-card             # docs/assets/social-card.png

`case-studies` photographs the case-study browser of a built site at desktop width, and the
home page's first screen on a phone (390x844);
`social-card` renders tools/social-card.html, the link-preview image, at 1200x630.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.serve import serving  # noqa: E402

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run"]
ASSETS = ROOT / "docs" / "assets"


def launch(playwright):
    if not Path(CHROMIUM).exists():
        sys.exit(f"No Chromium at {CHROMIUM}: install it (apt-get install chromium) or set CHROME_PATH.")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


def case_studies(site_dir: Path) -> Path:
    from playwright.sync_api import sync_playwright

    site_url = re.search(r"^site_url: (.+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)[1]
    out = ASSETS / "screenshot-case-studies.png"
    with serving(site_dir, urlsplit(site_url).path) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(base + "case-studies/?type=keep-it-local")
        page.wait_for_load_state("load")
        page.screenshot(path=str(out))
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        phone.goto(base)
        phone.wait_for_load_state("load")
        phone.screenshot(path=str(ASSETS / "screenshot-home-phone.png"))
        browser.close()
    return out


def social_card() -> Path:
    from playwright.sync_api import sync_playwright

    out = ASSETS / "social-card.png"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto((ROOT / "tools" / "social-card.html").as_uri())
        page.screenshot(path=str(out))
        browser.close()
    return out


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "case-studies":
        print(case_studies(Path(sys.argv[2])).relative_to(ROOT))
    elif len(sys.argv) == 2 and sys.argv[1] == "social-card":
        print(social_card().relative_to(ROOT))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
