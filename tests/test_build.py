"""Build the real site with MkDocs and check what a reader gets, and what an author sees on a mistake."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from builds import mkdocs_build
from conftest import ROOT, case_study

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.campaign import BRIEFING_PDF

SITE = load_site(ROOT)
SITE_PATH = urlsplit(re.search(r"^site_url: (.+)$", (ROOT / "mkdocs.yml").read_text(), re.M)[1]).path.lstrip("/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.meta, self.ids = [], {}, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content")


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text("utf-8"))
    return links


def page(site: Path, url: str) -> Path:
    return site / url / "index.html"


def test_real_content_is_valid_and_complete():
    assert SITE.problems == []
    assert [p.data["number"] for p in SITE.principles] == [1, 2, 3, 4, 5, 6]
    assert len(SITE.case_studies) >= 8
    assert {c.data["type"] for c in SITE.case_studies} == {"keep-it-local", "scale-fail"}
    for entry in SITE.case_studies:
        assert len(re.findall(r"\w+", entry.body)) >= 250, f"{entry.path} has fewer than 250 words"


def test_every_entry_and_index_page_is_built(built_site):
    for entry in SITE.entries:
        assert page(built_site, f"{entry.collection.url}/{entry.slug}").is_file(), entry.path
    assert page(built_site, "principles").is_file() and page(built_site, "case-studies").is_file()
    assert not (ROOT / "docs" / "case-studies").exists(), "generated pages must not be written into docs/"


def test_case_study_pages_show_fact_box_sources_and_description(built_site):
    for case in SITE.case_studies:
        html_path = page(built_site, f"case-studies/{case.slug}")
        html = html_path.read_text("utf-8")
        assert 'class="kil-facts"' in html and "<dt>Region</dt>" in html, case.slug
        links = parse(html_path)
        for source in case.data["sources"]:
            assert source["url"] in links.hrefs, (case.slug, source["url"])
        assert links.meta["description"] == case.summary
        edit = f"https://github.com/locality/keep-it-local/edit/main/{case.path}"
        assert edit in links.hrefs, f"{case.slug}: the edit link must open {case.path}"


def test_each_principle_page_links_its_case_studies(built_site):
    for principle in SITE.principles:
        hrefs = parse(page(built_site, f"principles/{principle.slug}")).hrefs
        expected = {f"../../case-studies/{c.slug}/" for c in SITE.case_studies
                    if principle.slug in c.data["principles"]}
        assert expected <= set(hrefs), principle.slug


def test_index_pages_list_everything_in_order(built_site):
    principles = page(built_site, "principles").read_text("utf-8")
    positions = [principles.index(f'href="{p.slug}/"') for p in SITE.principles]
    assert positions == sorted(positions)
    cases = parse(page(built_site, "case-studies")).hrefs
    assert {f"{c.slug}/" for c in SITE.case_studies} <= set(cases)


def test_nav_stays_short(built_site):
    home = (built_site / "index.html").read_text("utf-8")
    nav = home[home.index("<nav class=\"md-tabs\""):home.index("</nav>", home.index("md-tabs"))]
    assert "preston-model" not in nav and "carillion-collapse" not in nav
    assert nav.count("md-tabs__link") < 15


def test_internal_links_all_resolve(built_site):
    broken = []
    for html in built_site.rglob("*.html"):
        base = "/" + html.relative_to(built_site).as_posix()
        for href in parse(html).hrefs:
            if urlsplit(href).scheme or href.startswith(("#", "mailto:")):
                continue
            if href.endswith(BRIEFING_PDF):  # printed after the build (make briefing); tests/browser checks it
                continue
            target = urlsplit(urljoin(base, href)).path.lstrip("/")
            if html.name == "404.html":  # served from any address, so it links absolutely under site_url
                target = target.removeprefix(SITE_PATH)
            resolved = built_site / target
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                broken.append(f"{base} -> {href}")
    assert broken == []


# An author's mistakes stop the build with positioned messages, never a traceback.

BREAKAGES = [
    ("invalid YAML", lambda t: t.replace("region: North West", "region: North: West"), 6, "fields"),
    ("missing closing ---", lambda t: t[:4] + t[4:].replace("\n---\n", "\n", 1), 1, "fields"),
    ("front-matter not a mapping", lambda t: "---\n- a list\n---\nText\n", 2, "fields"),
    ("duplicate key", lambda t: t.replace("region: North West", "region: North West\nregion: London"), 7, "region"),
    ("unknown key", lambda t: t.replace("region:", "regoin:"), 6, "regoin"),
    ("bad principle reference", lambda t: t.replace("principles: [", "principles: [local-spending, "), None,
     "principles[1]"),
]


def break_preston(copy: Path, change) -> str:
    """Preston's file with one mistake; its region and principles first written in one style
    (the file may be in the editor's style or a hand-written one: both are fine)."""
    path = copy / "content/case-studies/preston-model.md"
    text = re.sub(r"^region: .*$", "region: North West", path.read_text("utf-8"), count=1, flags=re.M)
    text = re.sub(r"^principles:\n((?:  - .*\n)+)", lambda m: "principles: [" + ", ".join(
        item.strip()[2:].strip('"') for item in m.group(1).splitlines()) + "]\n", text, count=1, flags=re.M)
    assert text.startswith("---\ntitle:") and "\nregion: North West\n" in text and "\nprinciples: [" in text
    path.write_text(change(text), encoding="utf-8")
    return "content/case-studies/preston-model.md"


@pytest.mark.parametrize("name, change, line, field", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_broken_content_fails_the_build_with_position(site_copy, tmp_path, name, change, line, field):
    rel = break_preston(site_copy, change)
    if line is None:  # the line the principles are on
        line = 1 + (site_copy / rel).read_text("utf-8").split("\n").index(
            next(t for t in (site_copy / rel).read_text("utf-8").split("\n") if t.startswith("principles:")))
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert re.search(rf"^ERROR.*\n(.*\n)*{re.escape(rel)}:{line}:\d+: {re.escape(field)}: ", result.stderr, re.M), \
        result.stderr
    assert "1 error in 1 file" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_non_utf8_and_unknown_folder_fail_the_build(site_copy, tmp_path):
    latin1 = case_study().replace("story", "caf\u00e9").encode("latin-1")
    (site_copy / "content/case-studies/latin1.md").write_bytes(latin1)
    (site_copy / "content/case-study").mkdir()
    (site_copy / "content/case-study/misplaced.md").write_text(case_study(), encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "content/case-studies/latin1.md:17:" in result.stderr and "not UTF-8" in result.stderr
    assert "content/case-study/misplaced.md:1:1: file: 'case-study' is not a content folder" in result.stderr


def test_three_broken_files_give_three_reports_in_one_run(site_copy, tmp_path):
    for slug, field, new in [("preston-model", "region", "region: Lancashire"),
                             ("carillion-collapse", "type", "type: failure"),
                             ("calderdale-childrens-centres", "year", "year: last year")]:
        path = site_copy / f"content/case-studies/{slug}.md"
        text = path.read_text("utf-8")
        assert re.search(rf"^{field}: ", text, re.M)
        path.write_text(re.sub(rf"^{field}: .*$", new, text, count=1, flags=re.M), encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    reports = re.findall(r"^content/case-studies/([a-z-]+)\.md:\d+:\d+: (\w+): ", result.stderr, re.M)
    assert sorted(reports) == [("calderdale-childrens-centres", "year"), ("carillion-collapse", "type"),
                               ("preston-model", "region")]
    assert "3 errors in 3 files" in result.stderr


def test_a_docs_page_that_clashes_with_a_generated_page_is_an_error(site_copy, tmp_path):
    (site_copy / "docs/case-studies").mkdir()
    (site_copy / "docs/case-studies/preston-model.md").write_text("# Hand-written\n", encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "content/case-studies/preston-model.md and docs/case-studies/preston-model.md" in result.stderr
