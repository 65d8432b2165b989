"""The browser editor's configuration (Sveltia CMS at /admin/), made from the collections and schemas.

Nothing here names a field: each collection in keepitlocal/collections.py becomes a folder
collection, and each property of its JSON Schema becomes the form widget that can hold exactly
the values the schema allows, with the schema's description as the hint and its limits as the
form's limits. A new collection or field appears in the editor with no change here; a property
no widget can express stops the build (EditorConfigError) rather than giving staff a form that
writes what the check refuses.

What the editor writes comes back through `make check` like any other change: it commits to a
branch and opens a pull request (the editorial workflow), never to the main branch.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import yaml

from keepitlocal.check.load import checked_data_files
from keepitlocal.check.story import story_required
from keepitlocal.model.site import AUTHORS_FILE, RESERVED_SLUGS, SLUG, named_items
from keepitlocal.schema.collections import (
    INDEX_FILE,
    INDEX_TEXT,
    LONG_TEXT,  # noqa: F401  the editor's several-line box, for the tests' samples
    SCHEMA_DIR,
    SITE_WORDS,
    SITE_WORDS_FILE,
    Collection,
    collections_for,
    schema,
    several_lines,
    site_kinds,
)
from keepitlocal.schema.reference import fields

# Where the editor's page, configuration and vendored files are published.
ADMIN_URL = "admin/"
CONFIG_SRC_URI = "admin/config.yml"
PAGE_SRC_URI = "admin/index.html"
# The vendored editor (tools/update_cms.py) and our own page for it, in the project.
VENDOR_DIR = "vendor/sveltia-cms"
EDITOR_DIR = "editor"
# Our scripts beside the editor: the guard (runs first) and the preview's styles (runs after it).
EDITOR_SCRIPTS = ("guard.js", "preview-style.js")
LOCALES = ("en-GB",)  # the editor's wording served from the site; any other language falls back to US English

# The hosts the editor's page may contact besides the site itself, and why. Anything else is
# refused in the page (editor/guard.js) and by its Content-Security-Policy; the staff guide and
# the browser test hold the same list.
CONNECT_HOSTS = {"api.github.com": "GitHub's API: signing in with a token, reading content, saving changes "
                                   "as pull requests"}
IMAGE_HOSTS = {"avatars.githubusercontent.com": "the signed-in person's picture on GitHub, shown in the editor"}

# A string property with exactly this pattern (or `"format": "date"`) is a calendar date:
# the form offers a date picker and writes YYYY-MM-DD.
DATE_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$(?!\\n)"
DATE_FORMAT = "YYYY-MM-DD"  # Day.js tokens, as the editor reads them

MEDIA_FOLDER = "content/images"
AUTHORS_SCHEMA = "authors.schema.json"  # content/authors.yml, edited in the form as a list

# New entries are named from their title in plain ASCII, accents made plain letters ("Café" ->
# "cafe"), as the check's rule for file names asks; the picture library names uploads the same way.
SLUG_OPTIONS = {"encoding": "ascii", "clean_accents": True}
# The check's rule for a file name (keepitlocal/site.py), for a name typed in the editor's own
# box for it, where the editor offers one.
FILE_NAME_PATTERN = "^(?!(?:" + "|".join(sorted(RESERVED_SLUGS)) + ")$)" + SLUG.pattern.removeprefix("^")
FILE_NAME_MESSAGE = "A file name is lowercase words and digits joined by hyphens, such as wirral-community-hubs"
# The editor makes the file name from the title (or name) in plain ASCII: every character but
# letters, digits, `-`, `_` and `~` becomes a hyphen (runs of them one, none at either end), and a
# title with nothing left gets a random name of hex digits. So a name is one the check takes unless
# the title holds `_` or `~`, which it keeps, or is the word "index" alone, the list page's name:
# the form refuses those in the title box, before a file is named
# (tests/test_editor.py reads the vendored editor's code for this rule).
NAMED_BY_PATTERN = ("^(?![^A-Za-z0-9]*(?:" + "|".join("".join(f"[{c.upper()}{c}]" for c in name)
                                                     for name in sorted(RESERVED_SLUGS)) + ")[^A-Za-z0-9]*$)[^_~]*$")
NAMED_BY_MESSAGE = ("The file name is made from this, and cannot hold _ or ~ (write them as words, or use a "
                    "hyphen) or be the word index alone")
FILE_NAME_HINT = ("The page's address and file name, made from the title. It cannot be changed in the editor "
                  "once saved: the staff guide says how to rename a published page.")

# A picture's limits, from the schema of its `file` field (the check holds files to the same).
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

# A whole number whose schema allows only four-digit values is a year: chosen from a list of
# years, so it is never shown as a quantity ("2,013").
YEARS = (1000, 9999)

# Text longer than this gets a several-line box rather than a one-line input.

# How the editor writes YAML. Its default leaves text unquoted wherever YAML 1.2 reads it as
# text, but the content reader follows YAML 1.1 (as PyYAML and most tools do), where unquoted
# `No`, `on`, `1_000` or `9:30` are a yes/no or a number: a place or a title typed into the
# form would come back as something else. Double quotes around every text value mean the
# same thing to both. tests/test_editor_output.py holds the reader to exactly this style.
YAML_OUTPUT = {"indent_size": 2, "indent_sequences": True, "quote": "double"}


def image_max_bytes() -> int:
    """The largest picture staff may upload, from image.schema.json (as the check has it)."""
    return int(schema("image.schema.json")["properties"]["file"]["x-max-bytes"])


def content_security_policy() -> str:
    connect = " ".join(f"https://{host}" for host in CONNECT_HOSTS)
    images = " ".join(f"https://{host}" for host in IMAGE_HOSTS)
    # blob: in connect-src: a picture just uploaded is previewed from the browser's memory.
    return ("default-src 'self'; "
            f"connect-src 'self' blob: {connect}; "
            f"img-src 'self' data: blob: {images}; "
            "script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; worker-src 'self' blob:; "
            # The preview of an entry, styled as the site, is a frame the editor writes in memory.
            "frame-src blob:; "
            "object-src 'none'; base-uri 'self'; form-action 'none'")


def vendor_lock(root: Path | str) -> dict:
    return json.loads((Path(root) / VENDOR_DIR / "cms-lock.json").read_text("utf-8"))


def published_files(root: Path | str) -> dict[str, Path]:
    """The files published under /admin/ besides its page and configuration, by their path in the site:
    the vendored editor, its licence, fonts and wording (not its configuration schema, which is for
    the tests), the script that keeps it from contacting other hosts, and the one that styles its
    preview as the site."""
    root = Path(root)
    files = {ADMIN_URL + name: root / VENDOR_DIR / name for name in vendor_lock(root)["files"]
             if not name.startswith("schema/")}
    for name in EDITOR_SCRIPTS:
        files[ADMIN_URL + name] = root / EDITOR_DIR / name
    return files


class EditorConfigError(Exception):
    """A schema says something the editor's form cannot express; the message names the field."""


def github_repository(repo_url: str | None) -> str | None:
    """`owner/name` from a https://github.com/owner/name address, or None for anything else."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme != "https" or parts.netloc.lower() != "github.com" or len(path) != 2 or not all(path):
        return None
    return "/".join(path)


def shared_origin(site_url: str | None) -> str | None:
    """Why this address would put the editor's sign-in at risk, or None when it is the site's own.

    The editor keeps its GitHub token in the browser's storage for the page's origin. Every
    GitHub Pages site of an owner shares the origin https://<owner>.github.io, so any of them
    could read the token; a custom domain is this site's alone.
    """
    if not site_url:
        return "site_url is not set, so the editor's address (and whose it is) is unknown"
    host = (urlsplit(site_url).hostname or "").lower()
    if not host:
        return f"site_url {site_url!r} has no host name"
    if host == "github.io" or host.endswith(".github.io"):
        return (f"{host} is shared by every GitHub Pages site of its owner, and any of them could read "
                "the GitHub token the editor keeps in the browser")
    return None


def editor_files(root: Path | str, *, site_url: str | None, repo_url: str | None, site_name: str,
                 settings: dict | None = None, docs_dir: str = "docs", preview: bool = False,
                 stylesheets: list[str] | tuple = ()) -> tuple[dict[str, str | Path], str | None]:
    """The editor's files by their path in the site (its page and configuration as text, the
    vendored editor as files to copy), and None; or no files and why the editor is left out.
    `settings` are `extra.editor` in mkdocs.yml (branch, accept_shared_origin). `preview`: the
    live preview on this computer (make serve), at 127.0.0.1, which no other site shares, so
    the editor is always there, and its "Work with Local Repository" edits the project folder.
    `stylesheets`: the site's own, relative to the site, for the editor's preview. Raises
    EditorConfigError when a schema says what the form cannot express, and
    collections.DeclarationError for a mistake in a declaration of a kind of content."""


    root = Path(root)
    settings = settings or {}
    repo = github_repository(repo_url)
    reason = None if repo else f"repo_url ({repo_url or 'not set'}) is not a github.com repository"
    risk = None if preview else shared_origin(site_url)
    if reason is None and risk and not settings.get("accept_shared_origin"):
        reason = (f"{risk}. Give the site a custom domain, or set extra.editor.accept_shared_origin: true "
                  "in mkdocs.yml to publish it anyway")
    if reason:
        return {}, reason

    collections = collections_for(root)
    branch = settings.get("branch", "main")
    settings_yaml = yaml.safe_dump(
        editor_config(repo=repo, branch=branch, site_url=site_url or "", app_title=site_name,
                      collections=collections, docs_dir=docs_dir, data=checked_data_files(root)),
        sort_keys=False, allow_unicode=True, width=1000)
    lock = vendor_lock(root)
    page = jinja2.Environment(loader=jinja2.FileSystemLoader(root / EDITOR_DIR), autoescape=True) \
        .get_template("index.html") \
        .render(title=f"{site_name}: editor", csp=content_security_policy(), font_style_id=lock["font_style_id"],
                allowed_hosts=list(CONNECT_HOSTS), locales=LOCALES, branch=branch,
                preview_styles=["../" + str(path).lstrip("/") for path in stylesheets])
    return {PAGE_SRC_URI: page, CONFIG_SRC_URI: settings_yaml, **published_files(root)}, None


def editor_config(*, repo: str, branch: str = "main", site_url: str = "", app_title: str = "",
                  collections: dict[str, Collection] | None = None, docs_dir: str = "docs",
                  data: dict[str, dict] | None = None) -> dict:
    """The editor's whole configuration, as a plain dict to write out as YAML or JSON.

    `data`: the data files in content/ by name (authors.yml -> its contents), for fields that
    name one of their items (a post's `author`), offered as a list to pick from."""
    collections = site_kinds() if collections is None else collections
    config: dict = {
        "backend": {"name": "github", "repo": repo, "branch": branch, "auth_methods": ["token"]},
        # Every change is a pull request, checked like any other, never a commit to `branch`.
        "publish_mode": "editorial_workflow",
        # The media library's folder: pictures of case studies and principles (their `image.file`
        # fields name the same folder, from the schema, so uploads land where the check looks).
        "media_folder": MEDIA_FOLDER,
        # No stock-photo panel (it would contact other websites, which the page refuses), and
        # uploads held to the check's limit for a picture and named as the check asks.
        "media_libraries": {"default": {"config": {"max_file_size": image_max_bytes(), "slugify_filename": True}},
                            "stock_assets": {"providers": []}},
        "slug": dict(SLUG_OPTIONS),
        "output": {"omit_empty_optional_fields": True, "yaml": dict(YAML_OUTPUT)},
    }
    if app_title:
        config["app_title"] = app_title
    if site_url:
        config["site_url"] = site_url.rstrip("/")
    config["collections"] = [*(folder_collection(c, collections, data or {}) for c in collections.values()),
                             site_files(collections, docs_dir)]
    return config


def index_file(collection: Collection, collections: dict[str, Collection]) -> dict:
    """The kind's _index.md (the title, description and introduction of its list page), edited
    with the kind's entries but with its own fields."""
    doc = INDEX_TEXT.schema
    return {"name": INDEX_FILE.removesuffix(".md"), "label": f"{collection.label_plural}: list page",
            "fields": [*fields_of(doc, collections, where=f"{collection.name}/{INDEX_FILE}"), body_field(doc)]}


def site_files(collections: dict[str, Collection], docs_dir: str) -> dict:
    """The files that are not entries of a kind: the site-wide words, the authors of news posts,
    and the home page (whose title and description are those of a list page)."""
    authors = schema(AUTHORS_SCHEMA)
    return {"name": "site", "label": "Site-wide", "files": [
        {"name": "site-words", "label": SITE_WORDS.label_plural, "file": f"content/{SITE_WORDS_FILE}",
         "format": "yml", "fields": fields_of(SITE_WORDS.schema, collections, where=f"content/{SITE_WORDS_FILE}")},
        {"name": "authors", "label": authors["title"], "file": f"content/{AUTHORS_FILE}", "format": "yml",
         "fields": fields_of(authors, collections, where=f"content/{AUTHORS_FILE}")},
        {"name": "home", "label": "Home page", "file": f"{docs_dir}/index.md", "format": "yaml-frontmatter",
         "fields": [*fields_of(INDEX_TEXT.schema, collections, where=f"{docs_dir}/index.md"),
                    {**body_field(INDEX_TEXT.schema), "hint": "The home page's text, in Markdown. Lines such as "
                     "`<!-- keepitlocal:principles -->` mark where the site puts its generated parts: keep them."}]},
    ]}


def data_choices(collection: Collection, data: dict[str, dict]) -> dict[str, dict]:
    """A select widget for each field that names an item of a data file (a post's `author`, a
    short name in content/authors.yml), showing each item's name; the file's own order."""
    choices = {}
    for field_name, file_name in collection.data_references.items():
        items = named_items(data.get(file_name) or {})
        if items:
            choices[field_name] = {"widget": "select", "options": [
                {"label": item["name"] if isinstance(item, dict) and item.get("name") else key, "value": key}
                for key, item in items.items()]}
    return choices


def folder_collection(collection: Collection, collections: dict[str, Collection], data: dict | None = None) -> dict:
    doc = collection.schema
    names = [f.name for f in fields(doc)]
    entry: dict = {
        "name": collection.name,
        "label": collection.label_plural,
        "label_singular": collection.label[:1].upper() + collection.label[1:],
        "folder": f"content/{collection.name}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        # A page's address is its file name: once published, renaming or deleting the file
        # breaks links to it, which the check refuses. So the editor names a new entry once,
        # and deletes none of a kind with pages; the staff guide says how to rename or retire one.
        "slug": {"template": "{{slug}}", "editable": ["create"], "pattern": [FILE_NAME_PATTERN, FILE_NAME_MESSAGE],
                 "hint": FILE_NAME_HINT},
    }
    if collection.pages:
        entry["delete"] = False
    named_by = next((n for n in ("title", "name") if n in names), None)
    if named_by:
        entry["identifier_field"] = named_by
        entry["summary"] = "{{" + named_by + "}}"
    sortable = sortable_fields(collection.sort, names)
    if sortable:
        entry["sortable_fields"] = sortable
    entry["index_file"] = index_file(collection, collections)
    chosen = data_choices(collection, data or {})
    entry["fields"] = [{"name": f["name"], "label": f["label"], **chosen[f["name"]],
                        **{k: f[k] for k in ("required", "hint") if k in f}} if f["name"] in chosen else f
                       for f in fields_of(doc, collections, where=collection.name, folder=collection.schema_dir)]
    if named_by:
        entry["fields"] = [names_the_file(f) if f["name"] == named_by else f for f in entry["fields"]]
    entry["fields"].append(body_field(doc, required=story_required(collection)))
    return entry


def names_the_file(field: dict) -> dict:
    """The title (or name) a new entry's file name is made from, held to what makes a name the
    check takes (NAMED_BY_PATTERN), besides any pattern of its own."""
    own = field.get("pattern")
    if own:
        pattern = "(?=" + NAMED_BY_PATTERN + ")" + own[0]
        return {**field, "pattern": [pattern, f"{own[1]}. {NAMED_BY_MESSAGE}"]}
    return {**field, "pattern": [NAMED_BY_PATTERN, NAMED_BY_MESSAGE]}


def sortable_fields(sort: tuple, names: list[str]) -> dict | None:
    """The entry list sorted as the site sorts the kind (`-year` is highest first), and by title."""
    keys = [key for key in sort if key.lstrip("-") in names]
    if not keys:
        return None
    fields_ = list(dict.fromkeys([*(key.lstrip("-") for key in keys), *(["title"] if "title" in names else [])]))
    first = keys[0]
    direction = "descending" if first.startswith("-") else "ascending"
    return {"fields": fields_, "default": {"field": first.lstrip("-"), "direction": direction}}


def body_field(doc: dict, required: bool = False) -> dict:
    """The text under the front-matter. Raw Markdown only: the rich-text mode rewrites Markdown
    that staff did not touch. Required where the check refuses a page with no story. The hint
    is the schema's description of the story (`x-story-description`), not of the fields."""
    hint = doc.get("x-story-description")
    return {"name": "body", "label": "Text", "widget": "markdown", "modes": ["raw"], "required": required,
            **({"hint": hint} if hint else {})}


def fields_of(doc: dict, collections: dict[str, Collection], where: str, folder: Path = SCHEMA_DIR) -> list[dict]:
    """One form field per property, in the schema's order (the order of the template)."""
    out = []
    for field in fields(doc):
        spec = field.spec
        widget = widget_for(spec, collections, f"{where}: {field.name}", folder)
        out.append({"name": field.name, "label": label(field.name, spec), **widget,
                    "required": field.required, **({"hint": spec["description"]} if spec.get("description") else {})})
    return out


# Short forms in field names, as the staff guide writes them.
SHORT_FORMS = {"url": "address", "gss": "GSS", "id": "ID", "utm": "UTM", "gbp": "(£)"}


def label(name: str, spec: dict) -> str:
    """The schema's title, or the field's name in words: `gss_code` is "GSS code",
    `booking_url` "Booking address"."""
    if spec.get("title"):
        return spec["title"]
    words = [SHORT_FORMS.get(word, word) for word in name.replace("-", "_").split("_") if word]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def widget_for(spec: dict, collections: dict[str, Collection], where: str, folder: Path = SCHEMA_DIR) -> dict:
    """The widget settings that hold exactly the values `spec` allows; EditorConfigError otherwise."""
    if "$ref" in spec:
        group = schema(spec["$ref"], folder)
        return {"widget": "object", "fields": fields_of(group, collections, where, folder)}
    if "enum" in spec:
        return {"widget": "select", "options": options(spec)}
    if spec.get("type") == "object" and "properties" in spec and spec.get("additionalProperties") is False:
        # A group of named fields and nothing else: the form's group of fields holds exactly that.
        return {"widget": "object", "fields": fields_of(spec, collections, where, folder)}
    types = spec.get("type")
    types = types if isinstance(types, list) else [types]
    if types == ["string"] and spec.get("x-references"):
        return relation(spec["x-references"], collections, where)
    if types == ["string"] and spec.get("x-image-folder"):
        # Chosen from, or uploaded into, the pictures folder; the editor writes /content/images/<name>,
        # which the check reads as the same file. No address of a picture on another website.
        folder = "/" + spec["x-image-folder"].strip("/")
        accept = ",".join(dict.fromkeys(IMAGE_TYPES[kind] for kind in spec.get("x-image-formats", {}).values()))
        return {"widget": "image", "media_folder": folder, "public_folder": folder, "choose_url": False,
                **({"accept": accept} if accept else {})}
    if types == ["string"] and (spec.get("format") == "date" or spec.get("pattern") == DATE_PATTERN):
        return {"widget": "datetime", "format": DATE_FORMAT, "time_format": False}
    if types == ["string"] or sorted(types) == ["integer", "string"] and spec.get("pattern"):
        # A value the schema takes as text or a whole number (a year) is written as text, which its
        # pattern then holds to; text is what the editor can write for both.
        return text_widget(spec)
    if types == ["integer"] and YEARS[0] <= spec.get("minimum", 0) <= spec.get("maximum", 0) <= YEARS[1]:
        # Newest first; written as a whole number, shown as 2013, never 2,013.
        return {"widget": "select", "options": list(range(spec["maximum"], spec["minimum"] - 1, -1))}
    if types == ["integer"]:
        widget = {"widget": "number", "value_type": "int", "step": 1}
        if "minimum" in spec:
            widget["min"] = spec["minimum"]
        if "maximum" in spec:
            widget["max"] = spec["maximum"]
        return widget
    if types == ["boolean"]:
        return {"widget": "boolean", "default": False}
    if types == ["array"]:
        return list_widget(spec, collections, where, folder)
    raise EditorConfigError(f"{where}: no form widget can hold the values this schema allows ({_show(spec)}); "
                            "change the schema, or teach keepitlocal/editor.py a widget for it")


def options(spec: dict) -> list:
    labels = spec.get("x-labels") or {}
    return [{"label": labels[value], "value": value} if value in labels else value for value in spec["enum"]]


def text_widget(spec: dict) -> dict:
    long = several_lines(spec)
    widget: dict = {"widget": "text" if long else "string"}
    if "minLength" in spec:
        widget["minlength"] = spec["minLength"]
    if "maxLength" in spec:
        widget["maxlength"] = spec["maxLength"]
    if spec.get("pattern"):
        message = spec.get("errorMessage") or f"must match {spec['pattern']}"
        widget["pattern"] = [spec["pattern"], message[:1].upper() + message[1:]]
    return widget


def relation(target: str, collections: dict[str, Collection], where: str) -> dict:
    if target not in collections:
        raise EditorConfigError(f"{where}: refers to a collection '{target}' that does not exist")
    # Stored as the entry's file name (its slug), shown and searched by its title (a council's name).
    named_by = "name" if "title" not in collections[target].schema.get("properties", {}) else "title"
    return {"widget": "relation", "collection": target, "value_field": "{{slug}}",
            "display_fields": [named_by], "search_fields": [named_by]}


def list_widget(spec: dict, collections: dict[str, Collection], where: str, folder: Path) -> dict:
    items = spec.get("items", {})
    limits = {}
    if spec.get("minItems"):
        limits["min"] = spec["minItems"]
    if "maxItems" in spec:
        limits["max"] = spec["maxItems"]
    if "enum" in items:
        return {"widget": "select", "multiple": True, "options": options(items), **limits}
    if items.get("x-references"):
        return {**relation(items["x-references"], collections, where), "multiple": True, **limits}
    if "$ref" in items or (items.get("type") == "object" and "properties" in items):
        group = schema(items["$ref"], folder) if "$ref" in items else items
        return {"widget": "list", "label_singular": group.get("title", "Item"),
                "fields": fields_of(group, collections, where, folder), **limits}
    if items.get("type") == "string" and not items.get("format"):
        # One text box per item, holding each to the items' pattern (an alias) when they have one.
        return {"widget": "list", "field": {"name": "item", "label": "Item", **text_widget(items)}, **limits}
    raise EditorConfigError(f"{where}: no form widget can hold a list of these items ({_show(items)}); "
                            "change the schema, or teach keepitlocal/editor.py a widget for it")


def _show(spec: dict) -> str:
    shown = {k: v for k, v in spec.items() if k not in ("description", "examples")}
    return re.sub(r"\s+", " ", repr(shown))[:200]
