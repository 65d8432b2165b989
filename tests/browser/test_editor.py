"""The staff editor at /admin/, in Chromium: it loads from the site alone and offers token sign-in.

The real site's address is on github.io, where the editor is left out, so these tests build a
copy of the project on its own domain."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from builds import mkdocs_build, project_copy
from editor_samples import AWKWARD_TITLES

from keepitlocal.staff.editor import CONNECT_HOSTS, IMAGE_HOSTS

from .conftest import Watched

# Hosts the editor's page may ask for besides the site: the same list as the staff guide's.
ALLOWED = set(CONNECT_HOSTS) | set(IMAGE_HOSTS)


@pytest.fixture(scope="module")
def editor_project(tmp_path_factory):
    """A copy of the project on its own domain, built, and its address."""
    from tools.serve import serving

    project = project_copy(tmp_path_factory.mktemp("editor"), content=True)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url: .*$", "site_url: https://keepitlocal.example/",
                             config.read_text("utf-8"), flags=re.M), "utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    with serving(site, "/") as url:
        yield project, url


@pytest.fixture(scope="module")
def editor_root(editor_project):
    return editor_project[1]


@pytest.mark.parametrize("locale", ["en-GB", "en-US", "fr-FR", "pl-PL"])
def test_the_editor_loads_from_the_site_alone_and_offers_token_sign_in(browser, editor_root, locale):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale=locale, bypass_csp=False)
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
        # Whatever the browser's language, the editor shows the British English the staff guide
        # names its buttons in, from the site: one request for it, not a retry after another.
        if locale != "en-US":
            assert "/admin/locales/en-GB.json" in served
        assert len([u for u in requested if "/locales/" in u]) <= 1
        assert page.evaluate("document.documentElement.lang") in ("en-GB", "en")
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

    from keepitlocal.schema.collections import COLLECTIONS
    from keepitlocal.schema.reference import fields

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


def test_the_editor_refuses_to_run_inside_another_sites_frame(context, editor_root, tmp_path):
    """Nobody can show the editor in a hidden frame and trick a signed-in member of staff into
    clicking in it: inside a frame it never starts, and a link opens it alone."""
    from tools.serve import serving

    (tmp_path / "index.html").write_text(f'<!doctype html><title>Another site</title>'
                                         f'<iframe src="{editor_root}admin/"></iframe>', "utf-8")
    (tmp_path / "404.html").write_text("Not found", "utf-8")
    page = context.new_page()
    with serving(tmp_path, "/") as elsewhere:  # another origin: another port
        page.goto(elsewhere)
        frame = page.frame_locator("iframe")
        link = frame.get_by_role("link", name="This editor opens only in its own window: open it here")
        link.wait_for()
        assert link.get_attribute("target") == "_top"
        page.wait_for_timeout(1000)  # time the editor would take to show its sign-in
        assert frame.get_by_role("button").count() == 0
        assert page.url == elsewhere  # the browser refuses a frame's move of the page without a click
        link.click()
        page.wait_for_url(editor_root + "admin/")
        page.get_by_role("button", name="Sign In Using Access Token").wait_for()


def test_a_change_written_straight_to_main_is_refused_before_any_request(context, editor_root):
    """Every change goes through a pull request: the editor's picture library would upload
    straight to the main branch, and the page refuses it; a draft's own branch is allowed."""
    page = context.new_page()
    watched = Watched(page, editor_root)
    watched.open("admin/")
    outcome = page.evaluate("""async () => {
        const commit = (branch) => fetch('https://api.github.com/graphql', {method: 'POST', body: JSON.stringify({
            query: 'mutation($input: CreateCommitOnBranchInput!) '
                + '{ createCommitOnBranch(input: $input) { commit { oid } } }',
            variables: {input: {branch: {repositoryNameWithOwner: 'locality/keep-it-local', branchName: branch}}}})});
        const results = [];
        for (const branch of ['main', 'cms/news/a-draft']) {
            try { await commit(branch); results.push('sent'); } catch (error) { results.push(error.message); }
        }
        return results;
    }""")
    assert outcome[0] == ("Changes go through a pull request, never straight to main: add a picture in the "
                          "Image box of the entry it belongs to")
    assert outcome[1] != outcome[0]  # the draft's branch is not refused by the page
    assert watched.external_requests == ["https://api.github.com/graphql"]  # the draft's, stopped by the test


# Editing a copy of the repository kept in the browser's own storage, as "Work with Local
# Repository" does with a folder on the computer: one signed-in editor for the tests below.

OPEN_FOLDER = """(() => {
    window.showDirectoryPicker = async () =>
        (await navigator.storage.getDirectory()).getDirectoryHandle('repository', {create: true});
})();"""
WRITE_FILES = """async (files) => {
    const root = await navigator.storage.getDirectory();
    const repository = await root.getDirectoryHandle('repository', {create: true});
    await repository.getDirectoryHandle('.git', {create: true});
    for (const [path, text] of Object.entries(files)) {
        const parts = path.split('/');
        let folder = repository;
        for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
        const writable = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
        await writable.write(text);
        await writable.close();
    }
}"""
READ_FILE = """async (path) => {
    let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('repository');
    const parts = path.split('/');
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
    try { return await (await (await folder.getFileHandle(parts.at(-1))).getFile()).text(); }
    catch (error) { return null; }
}"""
LIST_FOLDER = """async (path) => {
    let folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('repository');
    for (const part of path.split('/')) folder = await folder.getDirectoryHandle(part);
    const names = [];
    for await (const name of folder.keys()) names.push(name);
    return names.sort();
}"""


@pytest.fixture(scope="module")
def local_editor(browser, editor_project, tmp_path_factory):
    """The editor signed in to a copy of the project's content in the browser's storage, the
    files first put in the editor's style (make editor-style), as the project keeps them."""
    import json
    import shutil
    import subprocess

    import yaml

    from tools import editor_style

    project, url = editor_project
    if shutil.which("node") is None or not (editor_style.FORMATTER / "node_modules" / "yaml").is_dir():
        from .conftest import _missing

        _missing("the editor's YAML library is not installed (make editor-style installs it)")
    work = tmp_path_factory.mktemp("repository")
    for name in ("content", "docs", "overrides", "mkdocs.yml"):
        (shutil.copytree if (project / name).is_dir() else shutil.copy2)(project / name, work / name)
    result = subprocess.run(["node", str(editor_style.FORMATTER / "normalise.mjs")],
                            input=json.dumps(editor_style.plan(work)), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    files = {p.relative_to(work).as_posix(): p.read_text("utf-8")
             for p in [*work.glob("content/**/*.md"), *work.glob("content/*.yml"), work / "docs/index.md"]}
    # One collection more than the site's, for the tests alone: entries titled with the awkward
    # titles, listed by the editor's own naming of each (its `slugify`, with the site's options).
    for number, title in enumerate(AWKWARD_TITLES):
        files[f"content/slug-check/t{number}.md"] = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
    settings = yaml.safe_load((project / "site/admin/config.yml").read_text("utf-8"))
    settings["collections"].append({"name": "slug-check", "label": "Slug check", "folder": "content/slug-check",
                                    "format": "yaml-frontmatter", "extension": "md", "create": False,
                                    "summary": "{{slug}}: {{title | slugify}}",
                                    "fields": [{"name": "title", "label": "Title"}]})
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False)
    context.set_default_timeout(15_000)
    context.add_init_script(OPEN_FOLDER)
    page = context.new_page()
    watched = Watched(page, url)
    served = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)
    page.route("**/admin/config.yml*",
               lambda route: route.fulfill(status=200, content_type="application/yaml", body=served))
    watched.open("admin/")
    page.evaluate(WRITE_FILES, files)
    page.get_by_role("button", name="Work with Local Repository").click()
    page.get_by_text("Case studies").first.wait_for()
    yield watched, work, files
    context.close()


def save(page) -> None:
    """Save the entry open in the editor, and wait until it is written (the editor then goes
    back to the list)."""
    editing = page.url
    for attempt in range(3):  # a click while the form is still taking the last field's text can go unheard
        page.get_by_role("button", name="Save").click()
        try:
            page.wait_for_function("editing => window.location.href !== editing", arg=editing, timeout=8_000)
            return
        except Exception:
            if attempt == 2 or page.url != editing:
                raise


def reach(page, key_path: str) -> None:
    """Scroll the form down to a field: a long form draws its lower fields as they are reached."""
    for _ in range(40):
        if field(page, key_path).count() and field(page, key_path).first.is_visible():
            field(page, key_path).first.scroll_into_view_if_needed()
            return
        page.mouse.move(300, 500)  # over the form, not the preview beside it
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    raise AssertionError(f"the form has no field {key_path}")


def field(page, key_path: str):
    return page.locator(f'[data-key-path="{key_path}"]')


def new_post(watched, title: str, author: str) -> None:
    page = watched.page
    # From the list, as staff do: after a save the editor shows the saved entry, and a jump
    # straight from there to a new one can leave the old form in place.
    for attempt in range(3):
        watched.open("admin/#/collections/news")
        page.wait_for_timeout(500)
        watched.open("admin/#/collections/news/new")
        try:
            page.get_by_text("Creating \u2068News post\u2069").wait_for(timeout=6_000)
            break
        except Exception:
            if attempt == 2:
                raise
    field(page, "title").locator("input").fill(title)
    field(page, "date").locator("input").fill("2026-12-01")
    field(page, "author").get_by_text(author, exact=True).click()
    field(page, "summary").locator("textarea").fill("A post with an awkward title, to see what the editor saves.")
    for attempt in range(3):  # a click while the form is still being drawn can go unheard
        field(page, "sources").get_by_role("button", name="Add").click()
        try:
            field(page, "sources.0.id").locator("input").wait_for(timeout=5_000)
            break
        except Exception:
            if attempt == 2:
                raise
    field(page, "sources.0.id").locator("input").fill("locality-home")
    field(page, "sources.0.title").locator("input, textarea").first.fill("Locality")
    field(page, "sources.0.url").locator("input").fill("https://locality.org.uk/")
    field(page, "sources.0.publisher").locator("input").fill("Locality")
    reach(page, "body")
    field(page, "body").locator("textarea:visible, [contenteditable]:visible").first.fill(
        "Locality supports community organisations [@locality-home].")
    # The editor takes typed text into the entry a moment later (its rich-text box shows no sign of
    # it): a Save pressed at once is ignored for good, so give it that moment.
    page.wait_for_timeout(2_500)
    save(page)


def test_the_editors_naming_of_awkward_titles_agrees_with_the_checks_rule_and_the_forms(local_editor):
    """Every title of the list, named by the vendored editor itself: the name is one the check
    takes exactly when the form takes the title (a title with nothing left to name it by gets
    random hex digits, which the check takes)."""
    from keepitlocal.model.site import RESERVED_SLUGS, SLUG
    from keepitlocal.staff.editor import NAMED_BY_PATTERN

    watched, _, _ = local_editor
    page = watched.page
    watched.open("admin/#/collections/slug-check")
    page.get_by_text("Slug check").first.wait_for()
    shown = page.get_by_text(re.compile(r"^t[0-9]+:"))
    for _ in range(100):
        if shown.count() >= len(AWKWARD_TITLES):
            break
        page.wait_for_timeout(100)
    named = dict(text.split(": ", 1) if ": " in text else (text.rstrip(":"), "") for text in shown.all_inner_texts())
    names = {title: named[f"t{number}"].strip() for number, title in enumerate(AWKWARD_TITLES)}
    disagree = {title: name for title, name in names.items()
                if bool(re.match(NAMED_BY_PATTERN, title)) is not bool((SLUG.match(name) and name not in RESERVED_SLUGS)
                                                                       or name == "")}
    assert disagree == {}
    assert names["Children’s centres"] == "children-s-centres" and names["Under_score"] == "under_score"
    assert names["Straße, ÆØÅ"] == "strasse-aeoa" and names["about ~ half"] == "about-~-half"


def test_entries_with_awkward_titles_are_saved_under_names_the_check_accepts(local_editor):
    import subprocess
    import sys

    from keepitlocal.model.site import SLUG

    watched, work, _ = local_editor
    before = set(watched.page.evaluate(LIST_FOLDER, "content/news"))
    # Quotes, a pound sign, accents, letters beyond accents, emoji; a title of punctuation alone
    # (the editor names it with random hex digits).
    titles = ["Children’s centres: £148m for Café Zoë 🎉", "Łódź & Ynys Môn — “keep it local”", "?! … —"]
    import yaml

    authors = yaml.safe_load((work / "content/authors.yml").read_text("utf-8"))["authors"]
    for title in titles:
        new_post(watched, title, authors[0]["name"])
    made = sorted(set(watched.page.evaluate(LIST_FOLDER, "content/news")) - before)
    assert len(made) == len(titles)
    assert "children-s-centres-148m-for-cafe-zoe.md" in made
    assert all(SLUG.match(name.removesuffix(".md")) for name in made), made
    for name in made:
        (work / "content/news" / name).write_text(watched.page.evaluate(READ_FILE, f"content/news/{name}"), "utf-8")
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(work)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert watched.console_errors == []
    assert watched.external_requests == []


@pytest.mark.parametrize(("path", "key_path"), [("content/case-studies/preston-model.md", "summary"),
                                                ("content/councils/leeds.md", "name"),
                                                ("content/principles/local-spend.md", "short_title")])
def test_one_field_changed_in_a_file_in_the_editors_style_changes_one_line(local_editor, path, key_path):
    watched, _, files = local_editor
    page = watched.page
    collection, slug = path.split("/")[1], path.split("/")[2].removesuffix(".md")
    watched.open(f"admin/#/collections/{collection}/entries/{slug}")
    box = field(page, key_path).locator("input, textarea").first
    box.fill(box.input_value() + " (edited)")
    save(page)
    before, after = files[path].splitlines(), page.evaluate(READ_FILE, path).splitlines()
    assert len(before) == len(after)
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert len(changed) == 1, changed
    assert changed[0][1].startswith(f"{key_path}: ") and changed[0][1].endswith(' (edited)"')


def test_the_authors_file_is_edited_in_the_form_one_line_for_one_field(local_editor):
    """content/authors.yml is a list in the form: an author's role changed is one line, and the
    file still passes the check."""
    import subprocess
    import sys

    watched, work, files = local_editor
    page = watched.page
    path = "content/authors.yml"
    watched.open("admin/#/collections/site/entries/authors")
    box = field(page, "authors.1.role").locator("input").first
    box.wait_for()
    box.fill(box.input_value() + " (edited)")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Save").click()
    for _ in range(50):  # written a moment after the click; unreadable while it is being written
        after = page.evaluate(READ_FILE, path)
        if after is not None and after != files[path]:
            break
        page.wait_for_timeout(100)
    changed = [(old, new) for old, new in zip(files[path].splitlines(), after.splitlines(), strict=True) if old != new]
    assert changed == [('    role: "Policy and public affairs, Locality"',
                        '    role: "Policy and public affairs, Locality (edited)"')]
    (work / path).write_text(after, "utf-8")
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(work)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_preview_is_styled_as_the_sites_pages(local_editor):
    """The theme's stylesheets and the site's own reach the preview, whose text is set as a
    page's article is: the site's typeface, its headings."""
    watched, _, _ = local_editor
    page = watched.page
    watched.open("admin/#/collections/case-studies/entries/preston-model")
    frame = page.frame_locator("iframe.preview")
    frame.locator("body.md-typeset").wait_for()
    preview = next(f for f in page.frames if f.url.startswith("blob:"))
    sheets = preview.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')].map(link => new URL(link.href).pathname)")
    assert any(s.startswith("/assets/stylesheets/main.") for s in sheets) and "/assets/site.css" in sheets
    assert preview.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Source Sans 3"')
    assert watched.console_errors == []


def test_a_published_entry_is_neither_renamed_nor_deleted_in_the_editor(local_editor):
    """Its file name is its published address: the editor offers neither (the staff guide says
    how to rename or retire a page with `aliases`)."""
    watched, _, _ = local_editor
    page = watched.page
    watched.open("admin/#/collections/news/entries/keep-it-local-manifesto")
    page.get_by_role("button", name="Show Editor Options").click()
    items = page.get_by_role("menuitem")
    items.first.wait_for()
    offered = dict(zip(items.all_inner_texts(), items.evaluate_all(
        "items => items.map(item => item.getAttribute('aria-disabled') !== 'true')"), strict=True))
    assert "Delete" not in offered and offered["Edit Slug"] is False and offered["Duplicate"] is True
    page.keyboard.press("Escape")


def test_a_picture_just_uploaded_is_shown_in_the_form_and_the_preview(local_editor, tmp_path):
    """The editor shows a new picture from the browser's memory (a blob: address), which the
    page's policy allows; refused, it would show a file icon."""
    from PIL import Image

    Image.new("RGB", (1200, 800), (40, 120, 60)).save(tmp_path / "garden.jpg", "JPEG")
    watched, _, _ = local_editor
    page = watched.page
    watched.open("admin/#/collections/case-studies/entries/preston-model")
    reach(page, "image")
    field(page, "image").get_by_role("checkbox").first.click()
    reach(page, "image.file")
    field(page, "image.file").locator("input[type=file]").first.set_input_files(str(tmp_path / "garden.jpg"))
    shown = field(page, "image.file").locator("img[src^='blob:']")
    shown.wait_for()
    page.wait_for_function("image => image.complete && image.naturalWidth === 1200", arg=shown.element_handle())
    # The preview draws a part as it is scrolled to.
    page.frame_locator("iframe.preview").locator("[data-key-path='image']").first.scroll_into_view_if_needed()
    preview = page.frame_locator("iframe.preview").locator("[data-key-path='image.file'] img")
    preview.wait_for(state="attached")
    preview.evaluate("image => image.scrollIntoView()")
    page.wait_for_function("image => image.complete && image.naturalWidth === 1200", arg=preview.element_handle())
    assert watched.console_errors == []
    assert watched.external_requests == []


def test_a_title_that_would_make_a_name_the_check_refuses_is_refused_in_the_form(local_editor):
    """The editor keeps _ and ~ in a file name, and a title "Index" would take the list page's
    name: the title box says so, and nothing is saved."""
    from keepitlocal.staff.editor import NAMED_BY_MESSAGE

    watched, _, _ = local_editor
    page = watched.page
    before = page.evaluate(LIST_FOLDER, "content/news")
    for title in ("Councils_pledge ~50%", "Index"):
        watched.open("admin/#/collections/news")
        watched.open("admin/#/collections/news/new")
        page.get_by_text("Creating \u2068News post\u2069").wait_for()
        field(page, "title").locator("input").fill(title)
        page.wait_for_timeout(500)
        page.get_by_role("button", name="Save").click()
        field(page, "title").get_by_text(NAMED_BY_MESSAGE).wait_for()
    assert page.evaluate(LIST_FOLDER, "content/news") == before
    assert watched.external_requests == []


# A script that reached a reader page would run at the editor's address, where a signed-in
# editor's GitHub token is kept (in the browser's storage, as the editor keeps it). These
# lines try to read it and send it away.
HOSTILE_STORY = ('<p>Read more. <script>fetch("/stolen?" + localStorage.getItem("sveltia-cms.user"))</script>'
                 '<img src="missing.png" onerror="fetch(\'/stolen?\' + localStorage.getItem(\'sveltia-cms.user\'))">'
                 '<a id="hostile" href="javascript:fetch(\'/stolen?\' + localStorage.getItem(\'sveltia-cms.user\'))">'
                 'The full story</a></p>')


@pytest.mark.parametrize("route", ["as the build publishes it", "past the build's allow-list"])
def test_a_signed_in_editors_token_is_unreadable_from_a_reader_page_with_a_hostile_story_line(
        browser, editor_project, route):
    from keepitlocal.check.safe_html import clean

    project, url = editor_project
    built = (project / "site/case-studies/preston-model/index.html").read_text("utf-8")
    line = clean(HOSTILE_STORY) if route == "as the build publishes it" else HOSTILE_STORY
    assert built.count("</article>") == 1 and 'http-equiv="Content-Security-Policy"' in built
    name = "hostile-" + route.split()[0]
    (project / f"site/case-studies/{name}").mkdir(exist_ok=True)
    (project / f"site/case-studies/{name}/index.html").write_text(built.replace("</article>", line + "</article>"),
                                                                   "utf-8")
    context = browser.new_context(bypass_csp=False)  # the pages as readers get them, under their policy
    try:
        page = context.new_page()
        watched = Watched(page, url)
        stolen: list[str] = []
        context.on("request", lambda r: "stolen" in r.url and stolen.append(r.url))
        watched.open("admin/")  # signed in: the editor's record of the account, with its token
        page.evaluate("""localStorage.setItem('sveltia-cms.user', JSON.stringify(
            {backendName: 'github', token: 'github_pat_SECRET', login: 'staff-member'}))""")
        watched.open(f"case-studies/{name}/")
        assert page.locator("article").get_by_text("Read more.").count() == 1  # the line is on the page
        if page.locator("#hostile").count():
            page.locator("#hostile").click()
        page.wait_for_timeout(500)
        assert stolen == []
        assert page.evaluate("localStorage.getItem('sveltia-cms.user')").count("github_pat_SECRET") == 1
    finally:
        context.close()
