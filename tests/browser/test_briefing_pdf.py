"""The campaign briefing printed to PDF with Chromium, as the deploy workflow does: at most
four A4 pages, every principle's title and the join address in its text, a title and an
outline, and only the project's own font, embedded. Needs Chromium and poppler's tools;
required under CI=true like every browser test."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from conftest import ROOT

from .conftest import _missing

A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def pdf(built_site, browser, tmp_path_factory):
    from tools.briefing_pdf import make_pdf

    for tool in ("pdftotext", "pdfinfo", "pdffonts"):
        if shutil.which(tool) is None:
            _missing(f"{tool} (poppler-utils) is not installed")
    return make_pdf(built_site, tmp_path_factory.mktemp("briefing") / "keep-it-local-briefing.pdf", browser=browser)


def run(*command) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_at_most_four_a4_pages_with_a_title(pdf):
    info = run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    assert 1 <= pages <= 4, info
    width, height = (round(float(n)) for n in re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups())
    assert (width, height) == A4_POINTS, info
    title = yaml.safe_load((ROOT / "content/briefing.yml").read_text("utf-8"))["title"]
    assert re.search(r"^Title:\s+" + re.escape(title), info, re.M), info


def test_the_text_holds_every_principle_title_and_the_join_address(pdf):
    from keepitlocal.site import load_site

    text = " ".join(run("pdftotext", "-layout", str(pdf), "-").split())
    principles = load_site(ROOT).principles
    assert len(principles) == 6
    for principle in principles:
        assert principle.title in text, principle.title
    join_url = yaml.safe_load((ROOT / "content/briefing.yml").read_text("utf-8"))["join_url"]
    assert join_url in text.replace(" ", "") or join_url in text


def test_it_has_an_outline_of_the_briefing(pdf):
    data = pdf.read_bytes()
    assert b"/Outlines" in data
    for heading in (b"The six principles", b"How to join"):
        assert b"/Title (" + heading + b")" in data, heading


def test_every_font_is_the_projects_own_and_embedded(pdf):
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows, "no fonts at all"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert "SourceSans3" in name, f"a font the project does not ship: {row}"
        assert emb == "yes", f"not embedded: {row}"
