"""What a link to the site shows when shared, and what search engines read, in the built HTML."""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser

from conftest import ROOT

from keepitlocal.app.pipeline import load_site

SITE = load_site(ROOT)
SITE_URL = "https://locality.github.io/keep-it-local/"


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.scripts = {}, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs["href"]
        if tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])


def head(path) -> Head:
    parser = Head()
    parser.feed(path.read_text("utf-8"))
    return parser


def pages(built_site):
    """Every page but those at old addresses, which name the page they send readers on to."""
    return [p for p in built_site.rglob("index.html") if 'http-equiv="refresh"' not in p.read_text("utf-8")]


def test_every_page_has_a_canonical_link_description_and_link_preview(built_site):
    for path in pages(built_site):
        rel = path.parent.relative_to(built_site).as_posix()
        url = SITE_URL + ("" if rel == "." else rel + "/")
        tags = head(path)
        assert tags.canonical == url, rel
        assert tags.meta["og:url"] == url, rel
        assert tags.meta["description"] and tags.meta["og:description"] == tags.meta["description"], rel
        assert tags.meta["twitter:description"] == tags.meta["description"], rel
        assert tags.meta["og:title"] and tags.meta["twitter:title"] == tags.meta["og:title"], rel
        assert tags.meta["og:image"] == tags.meta["twitter:image"] == SITE_URL + "assets/social-card.png", rel
        assert tags.meta["twitter:card"] == "summary_large_image"


def test_a_case_study_is_shared_with_its_title_and_summary(built_site):
    for case in SITE.case_studies:
        tags = head(built_site / "case-studies" / case.slug / "index.html")
        assert tags.meta["og:title"] == case.title
        assert tags.meta["og:description"] == case.summary
        assert tags.meta["og:type"] == "article"


def test_the_preview_image_ships_with_the_site_at_1200_by_630(built_site):
    image = built_site / "assets" / "social-card.png"
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 630)
    assert len(data) < 300_000, "keep the preview image small"


def test_scripts_and_styles_are_all_local(built_site):
    for path in [*pages(built_site), built_site / "404.html"]:
        text = path.read_text("utf-8")
        for script in head(path).scripts:
            assert "://" not in script, f"{path}: {script}"
        # The page's own words may name a host (the staff guide names the editor's); the theme may not.
        frame = re.sub(r"<article\b.*?</article>", "", text, flags=re.S)
        assert "fonts.googleapis" not in frame and "api.github.com" not in frame
        assert 'data-md-component="source"' not in text, "Material's repository widget calls the GitHub API"
