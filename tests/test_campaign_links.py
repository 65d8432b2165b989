"""Links to the join form carry which page they are on (keepitlocal.campaign_links), and only
those links."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from conftest import ROOT

from keepitlocal.app.pipeline import load_site
from keepitlocal.publish.join_links import tag_links, tagged

FORM = "https://locality.org.uk/join/"
PARAMS = {"utm_source": "kil-site", "utm_medium": "website"}


def test_a_link_to_the_form_gets_the_parameters_and_the_page():
    html = tag_links(f'<p><a class="x" href="{FORM}">Join</a></p>', FORM, PARAMS, "case-studies/preston-model/")
    href = unescape(re.search(r'href="([^"]+)"', html)[1])
    assert parse_qs(urlsplit(href).query) == {"utm_source": ["kil-site"], "utm_medium": ["website"],
                                              "utm_content": ["case-studies/preston-model/"]}
    assert '&amp;' in html, "the attribute is written escaped"


def test_other_links_and_existing_parameters_are_left_alone():
    html = f'<a href="https://locality.org.uk/other/">a</a><a href="{FORM}?utm_source=newsletter#top">b</a>'
    out = tag_links(html, FORM, PARAMS, "")
    assert '<a href="https://locality.org.uk/other/">a</a>' in out
    href = unescape(re.findall(r'href="([^"]+)"', out)[1])
    assert parse_qs(urlsplit(href).query)["utm_source"] == ["newsletter"]
    assert parse_qs(urlsplit(href).query)["utm_content"] == ["home"]
    assert href.endswith("#top")
    assert tag_links(html, FORM, {}, "x") == html, "no parameters set: nothing changes"
    assert tagged(FORM, {"a": "1 2"}) == FORM + "?a=1+2"


def test_every_join_button_on_the_built_site_says_which_page_it_is_on(built_site):
    site = load_site(ROOT)
    form = site.words["call_to_action_url"]
    pages = ["", "join/", *(f"case-studies/{c.slug}/" for c in site.case_studies),
             *(f"principles/{p.slug}/" for p in site.principles)]
    for page in pages:
        html = (built_site / page / "index.html").read_text("utf-8")
        links = [unescape(h) for h in re.findall(r'href="([^"]+)"', html) if unescape(h).startswith(form)]
        assert links, f"{page or 'home'} has no link to the join form"
        for link in links:
            query = parse_qs(urlsplit(link).query)
            assert query["utm_content"] == [page or "home"], link
            assert query["utm_source"] == [site.words["join_tracking"]["utm_source"]], link
