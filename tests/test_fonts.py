"""One typeface, served by the site itself and cut down to what the site uses: every character a
reader sees on a page is in the fonts, the fonts stay small, and no page asks another host for
a font. (That the body is drawn in it is checked in a real browser: tests/browser/test_identity.py.)"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT
from fontTools.ttLib import TTFont

sys.path.insert(0, str(ROOT / "tools"))
import subset_fonts  # noqa: E402

CSS = (ROOT / "docs" / "assets" / "site.css").read_text("utf-8")
FACES = re.findall(r"@font-face\s*{[^}]*}", CSS)


class VisibleText(HTMLParser):
    """The text a reader sees: not scripts, styles, icons or the page's head."""

    HIDDEN = {"script", "style", "svg", "head", "template"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.text.append(data)


def characters(font: Path) -> set[str]:
    return {chr(code) for code in TTFont(font).getBestCmap()}


def test_the_site_serves_two_weights_of_one_typeface_that_show_text_at_once():
    assert len(FACES) == 2, "at most two weights of the site's typeface"
    for face in FACES:
        assert 'font-family: "Source Sans 3"' in face
        assert "font-display: swap" in face, "text must show in a fallback face while the font loads"
        url = re.search(r'url\("([^"]+)"\)', face)[1]
        assert not url.startswith(("http:", "https:", "//")), "fonts come from the site itself"
        assert (ROOT / "docs" / "assets" / url).is_file()
    assert {re.search(r"font-weight: (\d+)", f)[1] for f in FACES} == {"400", "700"}


@pytest.mark.parametrize("weight", subset_fonts.WEIGHTS)
def test_each_font_is_cut_down_to_what_the_site_uses(weight):
    full, cut = subset_fonts.source_file(weight), subset_fonts.output_file(weight)
    assert cut.stat().st_size < 12_000, f"{cut.name} is {cut.stat().st_size:,} bytes: run make fonts"
    assert len(characters(cut)) < len(characters(full))
    assert set(subset_fonts.ALWAYS) <= characters(cut) | {"\u2009", "\u00a0"}


def test_every_character_on_the_built_pages_is_in_the_fonts(built_site):
    drawn = characters(subset_fonts.output_file(400)) & characters(subset_fonts.output_file(700))
    missing: dict[str, str] = {}
    for page in sorted(built_site.rglob("*.html")):
        parser = VisibleText()
        parser.feed(page.read_text("utf-8"))
        for char in set("".join(parser.text)) - drawn:
            if char.isprintable() and not char.isspace():
                missing.setdefault(char, page.relative_to(built_site).as_posix())
    assert not missing, ("characters the site's fonts lack (run make fonts and commit docs/assets/fonts/): "
                         + ", ".join(f"{c!r} (U+{ord(c):04X}) on {p}" for c, p in sorted(missing.items())))


def test_the_characters_come_from_the_sites_own_words(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yml").write_text("name: Ysbyty Gwynedd, Caerdydd \u0175\u0177\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Keep it Local\n", "utf-8")
    found = subset_fonts.site_characters(tmp_path)
    assert {"\u0175", "\u0177"} <= found
    assert "\u0175" not in subset_fonts.site_characters(tmp_path.parent / "nowhere-else")


def test_every_page_fetches_both_fonts_with_its_stylesheets(built_site):
    """A font found only once the stylesheet is read arrives after the first paint on a slow
    phone, and every line drawn in the fallback face moves when it swaps in (Lighthouse
    measured a layout shift of 0.2 on text pages): each page asks for both at once."""
    files = sorted(re.search(r'url\("([^"]+)"\)', face)[1].rsplit("/", 1)[1] for face in FACES)
    for page in ("index.html", "about/index.html", "case-studies/index.html", "404.html"):
        html = (built_site / page).read_text("utf-8")
        head = html[:html.index("</head>")]
        preloaded = sorted(re.findall(r'<link rel="preload" href="[^"]*/?fonts/([^"/]+)" as="font" '
                                      r'type="font/woff2" crossorigin>', head))
        assert preloaded == files, page
