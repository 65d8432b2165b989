"""The staff editor at /admin/, in Chromium: it loads from the site alone and offers token sign-in.

The real site's address is on github.io, where the editor is left out, so these tests build a
copy of the project on its own domain."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from builds import mkdocs_build, project_copy

from keepitlocal.editor import CONNECT_HOSTS, IMAGE_HOSTS

from .conftest import Watched

# Hosts the editor's page may ask for besides the site: the same list as the staff guide's.
ALLOWED = set(CONNECT_HOSTS) | set(IMAGE_HOSTS)


@pytest.fixture(scope="module")
def editor_root(tmp_path_factory):
    from tools.serve import serving

    project = project_copy(tmp_path_factory.mktemp("editor"), content=True)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url: .*$", "site_url: https://keepitlocal.example/",
                             config.read_text("utf-8"), flags=re.M), "utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with serving(site, "/") as url:
        yield url


@pytest.mark.parametrize("locale", ["en-GB", "en-US"])
def test_the_editor_loads_from_the_site_alone_and_offers_token_sign_in(browser, editor_root, locale):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=locale)
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        watched = Watched(page, editor_root)
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        watched.open("admin/")
        button = page.get_by_role("button", name="Sign In Using Access Token")
        button.wait_for()
        assert page.title() == "Keep it Local"  # the editor's app title, from the site's name
        page.wait_for_timeout(1500)  # time for the update check and late requests
        assert watched.console_errors == []
        assert [u for u in watched.external_requests if urlsplit(u).hostname not in ALLOWED] == []
        assert watched.external_requests == []  # before sign-in, nothing leaves the site at all
        served = {urlsplit(u).path for u in requested}
        assert {"/admin/sveltia-cms.js", "/admin/config.yml", "/admin/fonts.css"} <= served
        assert any(p.startswith("/admin/fonts/") for p in served)
        if locale == "en-GB":
            assert "/admin/locales/en-GB.json" in served
        button.click()
        page.get_by_label("Personal Access Token").wait_for()
    finally:
        context.close()


def test_the_guard_refuses_other_hosts_without_a_request(context, editor_root):
    """The editor's update check and status check are refused in the page, before any request."""
    page = context.new_page()
    watched = Watched(page, editor_root)
    watched.open("admin/")
    outcome = page.evaluate("""async () => {
        const results = [];
        for (const url of ['https://unpkg.com/@sveltia/cms/package.json',
                           'https://www.githubstatus.com/api/v2/status.json']) {
            try { await fetch(url); results.push('fetched ' + url); }
            catch (error) { results.push(error.message); }
        }
        return results;
    }""")
    assert outcome == ["The editor on this site does not contact unpkg.com",
                       "The editor on this site does not contact www.githubstatus.com"]
    assert watched.external_requests == []


def test_the_editor_page_is_for_staff_only(context, editor_root):
    page = context.new_page()
    watched = Watched(page, editor_root)
    watched.open("admin/")
    robots = page.locator('meta[name="robots"]').evaluate_all("metas => metas.map(m => m.content)")
    assert robots and all("noindex" in content for content in robots)
    sitemap = page.request.get(editor_root + "sitemap.xml").text()
    assert "/admin/" not in sitemap and "<loc>" in sitemap


def test_the_generated_form_opens_in_the_editor_with_every_field(context, editor_root):
    """The configuration works in the editor itself: with its in-browser test repository in
    place of GitHub, the form for a new entry of each collection shows every schema field."""
    import yaml

    from keepitlocal.collections import COLLECTIONS
    from keepitlocal.reference import fields

    page = context.new_page()
    watched = Watched(page, editor_root)
    settings = yaml.safe_load(page.request.get(editor_root + "admin/config.yml").text())
    settings["backend"] = {"name": "test-repo"}
    page.route("**/admin/config.yml*", lambda route: route.fulfill(
        status=200, content_type="application/yaml", body=yaml.safe_dump(settings, sort_keys=False)))
    watched.open("admin/")
    page.get_by_role("button", name="Work with Test Repository").click()
    page.get_by_text(settings["collections"][0]["label"]).first.wait_for()  # signed in: the list of collections
    for name, collection in COLLECTIONS.items():
        watched.open(f"admin/#/collections/{name}/new")
        form = next(c for c in settings["collections"] if c["name"] == name)
        labels = {f["name"]: f["label"] for f in form["fields"]}
        # The editor wraps names in invisible isolation marks: "Creating \u2068Principle\u2069".
        page.get_by_text(f"Creating \u2068{form['label_singular']}\u2069").wait_for()
        for field in fields(collection.schema):
            label = page.get_by_text(labels[field.name], exact=True)
            # A long form (events) draws its lower fields only as they are scrolled to.
            for _ in range(20):
                if any(shown.is_visible() for shown in label.all()):
                    break
                page.mouse.move(300, 500)  # over the form, not the preview beside it
                page.mouse.wheel(0, 400)
                page.wait_for_timeout(100)
            assert any(shown.is_visible() for shown in label.all()), f"{name}: {field.name}"
    assert watched.console_errors == []
    assert watched.external_requests == []
