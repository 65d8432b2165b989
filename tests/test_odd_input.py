"""Odd but valid files build into pages that say exactly what was written: byte-order marks,
Windows line endings, non-breaking spaces, smart quotes, Welsh names, dates with or without
quotes, a closing `...` and emoji."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builds import mkdocs_build, project_copy
from conftest import PRINCIPLE, case_study

NBSP, LQ, RQ, APOS = "\u00a0", "\u201c", "\u201d", "\u2019"

# slug -> (file bytes, words the page must show)
FILES = {
    "with-bom": (("\ufeff" + case_study("Started with a byte-order mark")).encode("utf-8"),
                 ["Started with a byte-order mark", "The story of what happened."]),
    "windows-lines": (case_study("Windows line endings").replace("\n", "\r\n").encode("utf-8"),
                      ["Windows line endings", "The story of what happened."]),
    "welsh": (case_study(f"Cyngor Gwynedd{APOS}s {LQ}community{RQ} hubs",
                         place=f"place: Ynys{NBSP}Môn", region="region: Wales",
                         services="services: [procurement]\norganisations: [Cyngor Gwynedd, Menter Môn]")
              .encode("utf-8"),
              [f"Cyngor Gwynedd{APOS}s {LQ}community{RQ} hubs", f"Ynys{NBSP}Môn", "Cyngor Gwynedd, Menter Môn"]),
    "quoted-dates": (case_study("Quoted dates", date_added='date_added: "2020-05-01"')
                     .replace("    date: 2020-05-01", '    date: "2020-05-01"').encode("utf-8"),
                     ["Quoted dates", "1 May 2020"]),
    "closed-with-dots": (case_study("Closed with dots").replace("---\nThe story", "...\nThe story").encode("utf-8"),
                         ["Closed with dots", "The story of what happened."]),
    "emoji": (case_study("Growing 🌱 local").replace("The story", "The 🌍 story").encode("utf-8"),
              ["Growing 🌱 local", "The 🌍 story of what happened."]),
}


class Text(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(html)
        self.text = " ".join("".join(self.parts).replace(NBSP, "\0").split()).replace("\0", NBSP)

    def handle_data(self, data):
        self.parts.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = project_copy(tmp_path_factory.mktemp("odd"))
    (root / "content/principles/local-spend.md").write_text(PRINCIPLE.format(number=3), encoding="utf-8")
    plain = case_study("Plain dates", date_added="date_added: 2020-05-01")
    (root / "content/case-studies/plain-dates.md").write_text(plain, encoding="utf-8")
    for slug, (raw, _) in FILES.items():
        (root / f"content/case-studies/{slug}.md").write_bytes(raw)
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("slug", list(FILES))
def test_the_page_shows_what_was_written(site, slug):
    html = (site / f"case-studies/{slug}/index.html").read_text("utf-8")
    text = Text(html).text
    for words in FILES[slug][1]:
        assert words in text, words
    assert "\ufeff" not in html and "\r" not in html and "---" not in text and "date_added" not in text


def test_dates_read_the_same_with_or_without_quotes(site):
    records = {r["slug"]: r for r in json.loads((site / "case-studies.json").read_text("utf-8"))["case_studies"]}
    assert records["quoted-dates"]["date_added"] == records["plain-dates"]["date_added"] == "2020-05-01"
    assert records["quoted-dates"]["sources"][0]["date"] == records["plain-dates"]["sources"][0]["date"] == "2020-05-01"
    assert "1 May 2020" in Text((site / "case-studies/plain-dates/index.html").read_text("utf-8")).text
