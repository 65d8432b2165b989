"""Pictures of the site, made with the same Chromium and Playwright as the browser tests.

    python tools/screenshot.py case-studies SITE_DIR   # docs/assets/screenshot-*.png
    python tools/screenshot.py social-card             # docs/assets/social-card.png

`case-studies` photographs a built site: the home page's first screen on a laptop (1280x800,
screenshot-home-laptop.png) and on a phone (390x844, screenshot-home-phone.png), the
case-study browser at laptop width (screenshot-case-studies.png), and, when the briefing's PDF
has been printed into the site (make briefing), its first page (screenshot-briefing.png, with
poppler's pdftoppm);
`social-card` renders tools/social-card.html, the link-preview image, at 1200x630.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: E402
from tools.serve import serving  # noqa: E402

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
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base)
        page.wait_for_load_state("load")
        page.screenshot(path=str(ASSETS / "screenshot-home-laptop.png"))
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        phone.goto(base)
        phone.wait_for_load_state("load")
        phone.screenshot(path=str(ASSETS / "screenshot-home-phone.png"))
        browser.close()
    briefing_first_page(site_dir)
    return out


def briefing_first_page(site_dir: Path) -> Path | None:
    """The briefing PDF's first page as a PNG 640 pixels wide, if the PDF is in the built site."""
    import shutil
    import subprocess
    import tempfile

    from tools.briefing_pdf import PDF_NAME

    pdf = Path(site_dir) / PDF_NAME
    if not pdf.is_file() or not shutil.which("pdftoppm"):
        print(f"{pdf} or pdftoppm is missing: no picture of the briefing (make briefing first)", file=sys.stderr)
        return None
    out = ASSETS / "screenshot-briefing.png"
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-png", "-f", "1", "-l", "1", "-scale-to-x", "640", "-scale-to-y", "-1",
                        "-singlefile", str(pdf), f"{folder}/page"], check=True)
        shutil.copyfile(f"{folder}/page.png", out)
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
