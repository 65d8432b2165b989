"""The site outlives its engine: `python -m keepitlocal export DIR` writes source files that a
plain MkDocs build with no hooks turns into the same site, and ProperDocs (a fork of MkDocs 1.x)
builds the project itself, hooks and all, into the same files as MkDocs."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builds import mkdocs_build

from keepitlocal.base.urls import output_path

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://locality.github.io/keep-it-local/"  # mkdocs.yml's site_url
_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def export(out: Path, root: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "keepitlocal", "export", str(out), "--root", str(root)],
                          capture_output=True, text=True, env=_ENV, timeout=300)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "export"
    result = export(out)
    assert result.returncode == 0, result.stderr
    assert "Exported" in result.stdout
    return out


@pytest.fixture(scope="module")
def export_built(exported: Path, tmp_path_factory) -> Path:
    """The export built by MkDocs with nothing of ours: no hooks, no keepitlocal."""
    assert "hooks" not in (exported / "mkdocs.yml").read_text("utf-8")
    site = tmp_path_factory.mktemp("export-built") / "site"
    result = mkdocs_build(exported, site)
    assert result.returncode == 0, result.stderr
    return site


# Material's search files, which hooks/search_index.py leaves out of the built site.
MATERIAL_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def files(site: Path) -> set[str]:
    """The site's files, but the search: Pagefind makes its index after the build, a step of
    ours (hooks/search_index.py) that an export leaves to whoever builds it (without it the
    search button leads to the list of case studies, as without JavaScript); and the same hook
    leaves out Material's own search files, which an engine with no hooks copies from the theme
    though no page loads them."""
    return {path for path in (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
            if not path.startswith(("pagefind/", *MATERIAL_SEARCH))}


# Where a browser breaks the line: the space (or none) an engine writes between these is not text.
_BLOCKS = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
           "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "nav", "ol", "p", "pre",
           "section", "summary", "table", "td", "th", "tr", "ul"}


class _Article(HTMLParser):
    """The text and links of a page's <article>, without the headings' permalink signs, as a
    reader sees them: a line break between blocks, every other character as written."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if self.depth and tag in _BLOCKS:
            self.text.append("\n")
        if tag == "article":
            self.depth += 1
        elif self.depth and tag == "a":
            if "headerlink" in (found.get("class") or "").split():
                self.skip += 1
            elif "href" in found:
                self.links.append(found["href"])

    def handle_endtag(self, tag):
        if self.depth and tag in _BLOCKS:
            self.text.append("\n")
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag == "a" and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)


def article(page: Path) -> tuple[str, list[str]]:
    parser = _Article()
    parser.feed(page.read_text("utf-8"))
    return " ".join("".join(parser.text).split()), parser.links


def site_path(href: str, address: str, source: str | None = None, built: Path | None = None) -> str:
    """Where a link in the page at `address` leads, from the site root. In an exported page
    (`source`, its file; `built`, the site MkDocs made of the export), a link that MkDocs left
    as written is followed from the page's source file, as an engine that rewrites the links
    in HTML does: `../principles/local-spend.md`, `../events.ics` from events/x.md."""
    if not href or href.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", href):
        return href
    path, rest = re.fullmatch(r"([^#?]*)(.*)", href, re.S).groups()
    as_built = posixpath.normpath(posixpath.join(address or ".", path))
    if source is not None and (path.endswith(".md") or not (built / as_built).exists()):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        return "/" + output_path(target).removesuffix("index.html") + rest
    target = posixpath.normpath(posixpath.join(address or ".", path))
    return "/" + ("" if target == "." else target + ("/" if path.endswith("/") else "")) + rest


def test_the_export_builds_the_same_pages_with_no_hooks(built_site, export_built):
    assert files(export_built) == files(built_site)


def test_each_page_has_the_same_article_text_and_links(built_site, export_built, exported):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) > 50
    checked = 0
    for rel in pages:
        address = rel.removesuffix("index.html")
        text, links = article(built_site / rel)
        if not text:
            continue  # a redirect page: no article, copied as it is
        checked += 1
        text_then, links_then = article(export_built / rel)
        assert text_then == text, rel
        source = next((s for s in (address.rstrip("/") + ".md", address + "index.md")
                       if (exported / "docs" / s).is_file()), None)
        assert [site_path(h, address, source, export_built) for h in links_then] == \
            [site_path(h, address) for h in links], rel
    assert checked > 50


def test_components_link_to_source_files_not_to_addresses(exported):
    page = (exported / "docs/case-studies/preston-model.md").read_text("utf-8")
    assert 'href="../principles/local-spend.md"' in page
    assert 'href="../../principles/local-spend/"' not in page


def test_join_links_and_site_words_are_in_the_files(exported, export_built):
    join = (export_built / "join/index.html").read_text("utf-8")
    assert "utm_content=join/" in join
    case = (export_built / "case-studies/preston-model/index.html").read_text("utf-8")
    assert "utm_content=case-studies/preston-model/" in case  # the call to action's button
    footer = case[case.index('<footer class="md-footer'):]
    assert "locality.org.uk" in footer  # the partners, from content/site.yml
    assert "/edit/main/content/case-studies/preston-model.md" in footer


def test_the_exported_tree_has_no_link_to_its_own_address_and_no_hooks(exported):
    """Feeds, calendars and open data give full addresses by their formats; no page does, so
    the export builds under any address. Nothing in it names the adapters."""
    checked = 0
    link = re.compile(r'(?:href|src|srcset)="([^"]*)"|\]\(<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?$', re.M)
    for path in exported.rglob("*"):
        if not path.is_file() or path.suffix not in (".md", ".html", ".yml", ".js", ".css", ".toml"):
            continue
        text = path.read_text("utf-8")
        rel = path.relative_to(exported).as_posix()
        assert "hooks/" not in text and not re.search(r"^hooks:", text, re.M), rel
        if path.suffix in (".md", ".html"):
            checked += 1
            for match in link.finditer(text):
                assert not (match[1] or match[2] or match[3] or "").startswith(SITE_URL), (rel, match[0])
    assert checked > 60


def test_an_export_never_overwrites_a_folder_of_other_files(tmp_path):
    keep = tmp_path / "notes"
    keep.mkdir()
    (keep / "plan.txt").write_text("mine", "utf-8")
    result = export(keep)
    assert result.returncode == 1
    assert "not an earlier export" in result.stderr and "Traceback" not in result.stderr
    assert [p.name for p in keep.iterdir()] == ["plan.txt"]
    inside = export(ROOT / "content" / "export")
    assert inside.returncode == 1 and "content/" in inside.stderr
    assert not (ROOT / "content" / "export").exists()


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, env=_ENV, timeout=300)
    assert result.returncode == 0, result.stderr
    assert files(site) == files(built_site)
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    for rel in sorted(files(built_site)):
        if rel.endswith(".html"):
            assert generator.sub("", (site / rel).read_text("utf-8")) == \
                generator.sub("", (built_site / rel).read_text("utf-8")), rel


def test_content_with_a_mistake_exports_nothing_and_names_it(site_copy, tmp_path):
    case = site_copy / "content/case-studies/preston-model.md"
    case.write_text(re.sub(r"^region: .*$", "region: Narnia", case.read_text("utf-8"), count=1, flags=re.M), "utf-8")
    out = tmp_path / "export"
    result = export(out, root=site_copy)
    assert result.returncode == 1
    assert "content/case-studies/preston-model.md" in result.stderr and "region" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
