"""Nothing written is dropped: for each way text could be cut on its way from a content file to
the site (a note character, unquoted special characters, trailing spaces, tabs, a value over
two lines), either the check reports the file, or the page, the feed, the open data (JSON and
CSV) and the search index all publish exactly what was meant. One build holds every case."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from builds import mkdocs_build, project_copy
from conftest import PRINCIPLE, case_study

from keepitlocal.app.pipeline import load_site
from keepitlocal.publish.search import indexed_pages

# slug -> (title line as written, summary line as written, the title meant, the summary meant)
SUMMARY = "A council kept its services local and the money stayed in the area"
CASES = {
    "hash-after-space": ("title: Wigan Deal #KeepItLocal fund", None, "Wigan Deal #KeepItLocal fund", None),
    "hash-in-word": ("title: Preston's C# and F# programme", None, "Preston's C# and F# programme", None),
    "hash-quoted": ('title: "Wigan Deal #KeepItLocal fund"', None, "Wigan Deal #KeepItLocal fund", None),
    "number-one": (None, f"summary: {SUMMARY}, the UK's #1 council", None, f"{SUMMARY}, the UK's #1 council"),
    "hash-next-line": (None, f"summary: {SUMMARY},\n  #1 in the UK", None, f"{SUMMARY}, #1 in the UK"),
    "colon-in-word": ("title: Wigan: the deal", None, "Wigan: the deal", None),
    "colon-no-space": ("title: Time 10:30 and ratio 3:1", None, "Time 10:30 and ratio 3:1", None),
    "trailing-spaces": ("title: Trailing spaces   ", None, "Trailing spaces", None),
    "tab-inside": ("title: Tab\tinside", None, "Tab\tinside", None),
    "tab-after": ("title: Tab after\t# note", None, "Tab after\t# note", None),
    "two-lines": (None, f"summary: {SUMMARY}\n  over two lines", None, f"{SUMMARY} over two lines"),
    "percent-amp": ("title: 50% more & Tom's", None, "50% more & Tom's", None),
    "star-start": ("title: *Bold* start", None, "*Bold* start", None),
    "bracket-start": ("title: [Draft] report", None, "[Draft] report", None),
    "at-start": ("title: @council report", None, "@council report", None),
    "bang-start": ("title: !Important report", None, "!Important report", None),
    "quote-inside": ("title: The \"Deal\" in Wigan", None, 'The "Deal" in Wigan', None),
    "quote-start": ('title: "The Deal" in Wigan', None, '"The Deal" in Wigan', None),
    "dash-start": ("title: - dashed", None, "- dashed", None),
    "pipe-start": ("title: | piped", None, "| piped", None),
    "yes-word": ("title: Yes", None, "Yes", None),
}


def written(slug: str) -> str:
    title_line, summary_line, _, _ = CASES[slug]
    text = case_study(f"Case {slug}")
    if title_line:
        text = text.replace(f"title: Case {slug}", title_line, 1)
    if summary_line:
        text = text.replace(f"summary: {SUMMARY}.", summary_line, 1)
    return text


class Text(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.feed(html)
        self.text = "".join(self.parts)

    def handle_data(self, data):
        self.parts.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = project_copy(tmp_path_factory.mktemp("dropped"))
    (root / "content/principles/local-spend.md").write_text(PRINCIPLE.format(number=3), encoding="utf-8")
    for slug in CASES:
        (root / f"content/case-studies/{slug}.md").write_text(written(slug), encoding="utf-8")
    reported = {p.path.rsplit("/", 1)[-1][:-3] for p in load_site(root).problems}
    for slug in reported:
        (root / f"content/case-studies/{slug}.md").unlink()
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site", reported


def test_the_cases_are_both_reported_and_published(built):
    _, reported = built
    assert {"hash-after-space", "number-one", "hash-next-line", "star-start"} <= reported
    assert {"hash-in-word", "hash-quoted", "colon-no-space", "two-lines"}.isdisjoint(reported)


@pytest.mark.parametrize("slug", list(CASES))
def test_a_file_that_passes_the_check_publishes_what_was_meant(built, slug):
    site, reported = built
    if slug in reported:
        return
    _, _, title, summary = CASES[slug]
    title = title or f"Case {slug}"
    summary = summary or f"{SUMMARY}."
    page = Text((site / f"case-studies/{slug}/index.html").read_text("utf-8")).text
    assert title in page and summary in page, (title, summary)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = ET.parse(site / "feed.xml").getroot().findall("atom:entry", ns)
    entry = next(e for e in entries if e.findtext("atom:id", namespaces=ns).endswith(f"/{slug}/"))
    assert entry.findtext("atom:title", namespaces=ns) == title
    assert entry.findtext("atom:summary", namespaces=ns) == summary
    record = next(r for r in json.loads((site / "case-studies.json").read_text("utf-8"))["case_studies"]
                  if r["slug"] == slug)
    assert (record["title"], record["summary"]) == (title, summary)
    row = next(r for r in csv.DictReader(io.StringIO((site / "case-studies.csv").read_text("utf-8-sig")))
               if r["slug"] == slug)
    assert row["title"].lstrip("'") == title and row["summary"] == summary
    doc = next(d for d in indexed_pages(site) if d["url"] == f"/case-studies/{slug}/")
    assert doc["meta"]["title"] == title or " ".join(doc["meta"]["title"].split()) == " ".join(title.split())
