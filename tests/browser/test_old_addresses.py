"""A reader who follows a link to a renamed page's old address lands on the page."""

from __future__ import annotations

import dataclasses
import shutil

from conftest import ROOT

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.redirects import redirect_pages

from .conftest import SITE_PATH, Watched


def test_visiting_an_old_address_lands_on_the_new_page(built_site, tmp_path, context):
    """The built site with a page at the Preston Model's old address (as an alias in its
    front-matter would add), served as GitHub Pages serves it."""
    from tools.serve import serving

    site = load_site(ROOT)
    preston = site.get("case-studies", "preston-model")
    entries = site.by_collection["case-studies"]
    renamed = dataclasses.replace(preston, data={**preston.data, "aliases": ["preston"]})
    site = dataclasses.replace(site, by_collection={**site.by_collection, "case-studies": [
        renamed if e is preston else e for e in entries]})
    served = tmp_path / "site"
    shutil.copytree(built_site, served)
    for path, html in redirect_pages(site, "https://locality.github.io/keep-it-local/").items():
        (served / path).parent.mkdir(parents=True, exist_ok=True)  # the site's own moved pages are built already
        (served / path).write_text(html, encoding="utf-8")
    with serving(served, SITE_PATH) as root:
        watched = Watched(context.new_page(), root)
        watched.open("case-studies/preston/")
        watched.page.wait_for_url("**/case-studies/preston-model/")
        assert watched.page.locator("h1").first.inner_text() == preston.title
        assert watched.console_errors == [] and watched.external_requests == []
