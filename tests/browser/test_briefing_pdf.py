"""The campaign briefing as a councillor gets it: printed to PDF by Chromium from the built
/briefing/ page (tools/briefing_pdf.py, as `make briefing` does), then read with poppler's
tools (pdfinfo, pdftotext, pdffonts, pdftoppm) as any PDF reader would."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)
BRIEFING = SITE.data["briefing.yml"]
COUNCILS = [council.data["name"] for council in SITE.entries_of("councils")]


def poppler(*args: str) -> str:
    if shutil.which(args[0]) is None:
        pytest.skip(f"{args[0]} (poppler-utils) is not installed")
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def pdf(built_site, browser, tmp_path_factory):
    from tools.briefing_pdf import make_pdf

    return make_pdf(built_site, tmp_path_factory.mktemp("briefing") / "briefing.pdf", browser=browser)


@pytest.fixture(scope="module")
def text(pdf) -> str:
    return re.sub(r"\s+", " ", poppler("pdftotext", str(pdf), "-"))


def links(pdf) -> set[str]:
    """The addresses a reader can click in the PDF (its link annotations)."""
    return {uri.decode() for uri in re.findall(rb"/URI\s*\(([^)]*)\)", pdf.read_bytes())}


def test_the_briefing_is_a_short_a4_document(pdf):
    info = poppler("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    assert 3 <= pages <= 4, f"{pages} pages"
    assert "(A4)" in info


def test_no_page_is_left_nearly_empty(pdf, tmp_path):
    from PIL import Image

    poppler("pdftoppm", "-r", "40", "-gray", "-png", str(pdf), str(tmp_path / "page"))
    fills = []
    for path in sorted(tmp_path.glob("page-*.png")):
        image = Image.open(path).convert("L")
        width, height = image.size
        margin = round(height * 16 / 297)  # the running header and page number sit in the 16 mm margins
        rows = [y for y in range(margin, height - margin)
                if image.crop((0, y, width, y + 1)).getextrema()[0] < 128]
        fills.append(round((rows[-1] - margin) / (height - 2 * margin), 2) if rows else 0)
    assert all(fill >= 1 / 3 for fill in fills), f"how far down each page the text reaches: {fills}"


def test_one_address_to_join_at_and_it_can_be_clicked(pdf, text):
    # The link carries the join form's counting parameters (join_tracking), like every join link.
    joins = {url.partition("?")[0] for url in links(pdf) if "join" in url}
    assert joins == {BRIEFING["join_url"]}
    site_join = SITE.words["header_button_page"]  # the site's own join page is not a second address
    assert f"keep-it-local/{site_join}" not in text.replace(" ", "")


def test_it_says_which_edition_and_when(text):
    assert BRIEFING["edition"] in text
    assert re.search(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                     r"December) 20\d\d\b", text)


def test_it_carries_the_mark_a_contact_the_councils_and_clickable_sources(pdf, text):
    assert text.count("Keep it Local") >= 2  # the mark and the title
    assert "Lloyds Bank Foundation for England and Wales" in text
    clickable = links(pdf)
    assert BRIEFING["contact_url"] in clickable
    for figure in BRIEFING["figures"]:
        assert figure["source"]["url"] in clickable, figure["figure"]
    assert len(COUNCILS) >= 17
    assert [name for name in COUNCILS if name not in text] == []
    assert f"{len(COUNCILS)} councils have joined" in text


def test_lines_are_short_enough_to_read(pdf):
    layout = poppler("pdftotext", "-bbox-layout", str(pdf), "-")
    long = []
    for line in re.findall(r"<line[^>]*>(.*?)</line>", layout, re.S):
        words = [html.unescape(w) for w in re.findall(r"<word[^>]*>(.*?)</word>", line)]
        said = " ".join(words)
        if len(said) > 80 and not said.startswith("http"):
            long.append(f"{len(said)}: {said}")
    assert long == []


def test_every_font_is_embedded(pdf):
    rows = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert rows, "the PDF names no fonts"
    for row in rows:
        columns = row.split()
        emb = columns[-5]  # name, type..., encoding, emb, sub, uni, object ID (two columns)
        assert emb == "yes", row
    assert any("SourceSans3" in row for row in rows)


def test_the_download_button_says_how_many_pages_and_how_big(built_site, pdf, tmp_path):
    from tools.briefing_pdf import BRIEFING_PATH, fill_facts

    shutil.copytree(built_site / BRIEFING_PATH, tmp_path / BRIEFING_PATH)
    assert fill_facts(tmp_path, pdf) == 1
    page = (tmp_path / BRIEFING_PATH / "index.html").read_text("utf-8")
    pages = int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", str(pdf)), re.M)[1])
    kb = round(pdf.stat().st_size / 1024)
    assert re.search(rf'type="application/pdf" download>[^<]+<span [^>]*>\(PDF, {pages} pages, {kb} KB\)</span>', page)


def test_the_briefing_page_links_to_where_the_pdf_is_printed(built_site):
    from html.parser import HTMLParser
    from urllib.parse import urljoin

    from tools.briefing_pdf import BRIEFING_PATH, PDF_NAME

    hrefs = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a" and dict(attrs).get("type") == "application/pdf":
                hrefs.append(dict(attrs)["href"])

    Links().feed((built_site / BRIEFING_PATH / "index.html").read_text("utf-8"))
    assert [urljoin("/" + BRIEFING_PATH, href) for href in hrefs] == ["/" + PDF_NAME]
