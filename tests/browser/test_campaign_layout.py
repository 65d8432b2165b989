"""A campaign site on a phone and on a laptop, checked in Chromium: the ask and the join button in
the first screen, no sideways scrolling, lines short enough to read, the phone menu, and print."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)
PHONE, LAPTOP = (390, 844), (1280, 800)
READER_PAGES = ["", "case-studies/", "case-studies/preston-model/", "principles/",
                f"principles/{SITE.principles[2].slug}/", "about/", "join/", "accessibility/", "privacy/"]


@pytest.fixture
def at(browser, site_root):
    """at(width, height): a page of the served site in a fresh window of that size."""
    from browser.conftest import Watched

    contexts = []

    def open_window(width: int, height: int) -> Watched:
        phone = width < 600
        context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return Watched(context.new_page(), site_root)

    yield open_window
    for context in contexts:
        context.close()


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_first_screen_has_the_ask_the_join_button_and_a_way_into_the_evidence(at, size):
    window = at(*size)
    window.open("")
    page = window.page
    height = size[1]
    for name in ("Join the Keep it Local Network", "See the evidence"):
        link = page.locator(".kil-hero").get_by_role("link", name=name)
        box = link.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, f"{name} is not in the first screen"
    assert page.locator(".kil-hero h1").bounding_box()["y"] < height / 3
    join = page.locator(".kil-hero").get_by_role("link", name="Join the Keep it Local Network")
    assert "md-button--primary" in join.get_attribute("class")


def test_no_page_scrolls_sideways_at_320_pixels(at):
    window = at(320, 640)
    wide = []
    for path in READER_PAGES:
        window.open(path)
        overflow = window.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append(f"{path or 'home'}: {overflow}px")
    assert wide == []


# Characters on each line of running text, read from where the browser put each character.
LINE_LENGTHS = """() => {
  const longest = [];
  const range = document.createRange();
  for (const block of document.querySelectorAll('article p, article li, article dd')) {
    if (block.querySelector('p, li') || block.closest('pre, nav')) continue;
    const lines = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.kil-source-url')) continue;  // an address to copy, not text to read
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !rect.width) continue;
        const middle = (rect.top + rect.bottom) / 2;
        const line = lines.find(l => Math.abs(l.middle - middle) < rect.height / 2);
        if (line) line.count++; else lines.push({middle, count: 1});
      }
    }
    const most = Math.max(0, ...lines.map(l => l.count));
    if (most) longest.push([most, block.textContent.trim().slice(0, 40)]);
  }
  return longest.sort((a, b) => b[0] - a[0]).slice(0, 3);
}"""


def test_lines_of_running_text_are_at_most_80_characters(at):
    window = at(*LAPTOP)
    longest = {}
    for path in ["", "case-studies/preston-model/", f"principles/{SITE.principles[2].slug}/", "about/", "join/"]:
        window.open(path)
        longest[path or "home"] = window.page.evaluate(LINE_LENGTHS)
    too_long = {path: lines for path, lines in longest.items() if lines[0][0] > 80}
    assert too_long == {}
    assert max(lines[0][0] for lines in longest.values()) >= 55, f"measured nothing like a line: {longest}"


def test_the_phone_menu_opens_from_the_keyboard_and_leads_to_each_section(at):
    window = at(*PHONE)
    window.open("case-studies/")
    page = window.page
    assert page.locator(".md-tabs").is_hidden()
    menu = page.locator("summary.kil-menu__button")
    assert menu.is_visible() and page.get_by_role("link", name="Principles").first.is_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    panel = page.get_by_role("navigation", name="Sections")
    assert panel.get_by_role("link", name="Case studies").get_attribute("aria-current") == "page"
    panel.get_by_role("link", name="Principles").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == "The six principles"  # content/principles/_index.md
    # On a laptop the sections are a bar, and the menu is gone.
    laptop = at(*LAPTOP)
    laptop.open("")
    assert laptop.page.locator(".md-tabs").is_visible() and laptop.page.locator(".kil-menu").is_hidden()


def test_a_printed_page_has_a_masthead_its_address_an_invitation_and_no_split_card(watched, tmp_path):
    page = watched.page
    watched.open("principles/")
    page.emulate_media(media="print")
    pdf = tmp_path / "principles.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    sheets = text.split("\f")
    first = " ".join(sheets[0].split())
    assert first.startswith("Keep it Local"), first[:80]
    assert "/keep-it-local/principles/" in first
    assert "Join the Keep it Local Network:" in " ".join(text.split())
    assert "/keep-it-local/join/" in " ".join(text.split())
    # Every principle card is on one sheet: its title and its summary's last words together.
    for principle in SITE.principles:
        words = principle.summary.split()
        on = [i for i, sheet in enumerate(sheets) if words[-1] in " ".join(sheet.split())]
        title_on = [i for i, sheet in enumerate(sheets) if principle.title.split()[0] in sheet]
        assert on and set(on) & set(title_on), f"principle {principle.data['number']} is split across sheets"
