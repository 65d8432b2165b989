"""The whole site as source files that an engine builds with no step of ours:
`python -m keepitlocal export DIR` (`make export`).

The MkDocs adapters in hooks/ add the generated pages in memory and put their HTML components
in after Markdown conversion; an engine that runs no hooks (Zensical, MkDocs 2) cannot. This
writes what those adapters hand MkDocs, made by the same functions, as files:

- `docs/`: the hand-written pages with their generated parts, citations and field table in
  place; every generated page as Markdown with its HTML components in place; redirect pages,
  feeds, calendars, open data, the schemas, the editor and resized pictures as files to copy;
- `overrides/`: the theme's templates, which read the site's words from `extra.campaign`;
- `mkdocs.yml`: the project's settings without `hooks:`, with the site's words.

Components link by the path of the file they link to (`../principles/local-spend.md`), never
by built address: an engine rewrites links in the HTML it reads as it rewrites Markdown links
(Zensical does), and a built address would be rewritten wrongly. Links to the join form carry
their tracking parameters, and the call to action and each page's edit link are in the page's
own settings, so nothing is left for a step after conversion.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import yaml

from keepitlocal.app.pipeline import build_outputs, check_project
from keepitlocal.base.problems import Problem
from keepitlocal.base.project import read_project
from keepitlocal.base.urls import MARKDOWN_SUFFIXES, output_path, page_url
from keepitlocal.check.handwritten import read_page
from keepitlocal.model.site import BRIEFING_FILE
from keepitlocal.publish.clashes import url_clashes
from keepitlocal.publish.exports import FIELD_TABLE_MARKER, OPEN_DATA_PAGE, field_reference_markdown
from keepitlocal.publish.join_links import tag_markdown_links, tagged
from keepitlocal.publish.pictures import ImageError, resized_files
from keepitlocal.render.citations import cite_page
from keepitlocal.render.environment import expand
from keepitlocal.render.home import MARKER, inline_marker, place_markers
from keepitlocal.render.pages import source_text
from keepitlocal.render.redirects import redirect_pages
from keepitlocal.staff.editor import EditorConfigError, editor_files

# The first line of an exported mkdocs.yml: how a folder is known to be an earlier export, which
# the next export may replace (any other folder that is not empty is left alone).
HEADER = "# The Keep it Local site as source files, made by `python -m keepitlocal export`."
# Settings of the project's mkdocs.yml that only the adapters read.
_ADAPTER_SETTINGS = ("hooks", "watch")
# Metadata that MkDocs reads at the top of a page, as mkdocs/utils/meta.py finds it.
_META = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LINK_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")|(\ssrcset=")([^"]*)(")')


class ExportError(Exception):
    """Something outside the content stops the export; the message says what and how to fix it."""


@dataclass
class Exported:
    pages: int  # Markdown pages written
    files: int  # every file written, pages included


def read_config(root: Path) -> dict:
    """The project's mkdocs.yml as plain data."""
    path = root / "mkdocs.yml"
    try:
        config = yaml.safe_load(path.read_text("utf-8-sig"))
    except OSError as error:
        raise ExportError(f"mkdocs.yml cannot be read in {root}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ExportError(f"mkdocs.yml cannot be read: {error}") from None
    if not isinstance(config, dict):
        raise ExportError("mkdocs.yml holds no settings")
    if not config.get("site_url"):
        raise ExportError("site_url must be set in mkdocs.yml: the feeds and open data give full addresses, "
                          "e.g. site_url: https://<owner>.github.io/<repository>/")
    return config


def export(root: Path | str, out: Path | str) -> Exported | list[Problem]:
    """Write the site's source files into `out`: the count of files written, or the content's
    problems (and nothing written) when the content cannot be built."""
    root, out = Path(root).resolve(), Path(out).resolve()
    config = read_config(root)
    site_url = config["site_url"]
    docs_name = str(config.get("docs_dir") or "docs").strip("/")
    docs = (root / docs_name).resolve()
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    custom_dir = (root / theme["custom_dir"]).resolve() if theme.get("custom_dir") else None
    _check_target(root, out, [docs, root / "content", *([custom_dir] if custom_dir else [])])

    checked = check_project(root)
    site = checked.site
    if checked.problems:
        return checked.problems

    outputs = build_outputs(site, read_project(root))
    pages = outputs.pages
    hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    written = [p for p in hand_written if p.endswith(MARKDOWN_SUFFIXES)]
    redirects = redirect_pages(site)  # links and canonical addresses relative: no site address in the files
    clashes = url_clashes(hand_written, [(p.src_uri, p.edit_path or f"the generated {p.title} page") for p in pages],
                          docs_name)
    if clashes:
        raise ExportError("Two files make the same page:\n" + "\n".join(clashes)
                          + f"\nRename or remove the file in {docs_name}/.")

    made: dict[str, str | bytes | Path] = {}
    made.update({path: _with_meta(text, {"edit_url": ""}) if path.endswith(".md") else text  # made from the schemas
                 for path, text in outputs.staff_files.items()})
    made.update(outputs.data_files)
    made.update(outputs.calendars)
    try:
        made.update(resized_files(root, [entry.picture for entry in site.entries if entry.picture]))
    except ImageError as error:
        raise ExportError(str(error)) from None
    made.update(redirects)
    try:
        editor, _ = editor_files(root, site_url=site_url, repo_url=config.get("repo_url"),
                                 site_name=config.get("site_name", ""),
                                 settings=(config.get("extra") or {}).get("editor") or {}, docs_dir=docs_name,
                                 stylesheets=[str(path) for path in config.get("extra_css") or []])
    except EditorConfigError as error:
        raise ExportError(f"The editor's form cannot be made from the schemas: {error}") from None
    made.update(editor)
    taken = sorted(set(made) & set(hand_written))
    if taken:
        raise ExportError("\n".join(f"{docs_name}/{path} has the same name as a file the site makes: "
                                    "rename or remove it" for path in taken))

    # Every page's address and source file, to turn the components' links into links to files.
    sources = {output_path(path).removesuffix("index.html"): path
               for path in [*written, *(path for path in made if path.endswith(".md"))]}
    sources.update({page_url(p.src_uri): p.src_uri for p in pages})
    links = _JoinLinks(site.words)
    edit = _EditLinks(config)

    for page in pages:
        components = {key: source_links(html, page.src_uri, sources) for key, html in page.components.items()}
        markdown = links.tag(_expand(page.markdown, components), page.url)
        made[page.src_uri] = source_text(page, markdown, **links.meta(page.url),
                                         edit_url=edit.url(f"../{page.edit_path}") if page.edit_path else "")
    for path in written:
        made[path] = _hand_written_page(root, docs, path, site, sources, links)

    if out.exists():
        shutil.rmtree(out)
    for path, content in made.items():
        _write(out / docs_name / path, content)
    for path in hand_written:
        if path not in made:
            _write(out / docs_name / path, docs / path)
    if custom_dir is not None:
        shutil.copytree(custom_dir, out / custom_dir.name)
    (out / "mkdocs.yml").write_text(export_config(config, site.words, custom_dir.name if custom_dir else None,
                                                  briefing=bool(site.data.get(BRIEFING_FILE))),
                                    "utf-8")
    return Exported(pages=sum(1 for path in made if path.endswith(MARKDOWN_SUFFIXES)),
                    files=len(made) + len(set(hand_written) - set(made)) + 1)


def export_config(config: dict, words: dict, custom_dir: str | None, *, briefing: bool = False) -> str:
    """The exported mkdocs.yml: the project's settings without those only the adapters read,
    the site's words under `extra.campaign`, where the theme's templates find them, and whether
    there is a briefing page to link to under `extra.briefing_published`."""
    settings = {name: value for name, value in config.items() if name not in _ADAPTER_SETTINGS}
    settings["site_dir"] = "site"
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {"name": settings.get("theme")}
    # Zensical's look for a Material site (its own is `modern`); MkDocs hands it to the templates, which ignore it.
    settings["theme"] = {**theme, **({"custom_dir": custom_dir} if custom_dir else {}),
                         **({"variant": "classic"} if theme.get("name") == "material" else {})}
    settings["extra"] = {**(settings.get("extra") or {}), "campaign": words, "briefing_published": briefing}
    text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=1000)
    return (f"{HEADER}\n# Edit the project's mkdocs.yml and content/, then export again; this file is "
            "rewritten each time.\n\n" + text)


def source_links(html: str, src_uri: str, sources: dict[str, str]) -> str:
    """`html` of the page `src_uri` with each relative link (href, src, srcset) to a page or
    file of the site written as the path of its source file from the page's source file:
    `../../principles/local-spend/` from case-studies/x.md is `../principles/local-spend.md`.
    `sources`: every page's source file by its address (`principles/local-spend/`)."""
    here = page_url(src_uri)
    folder = posixpath.dirname(src_uri)

    def one(url: str) -> str:
        if not url or url.startswith(("#", "/", "?")) or _SCHEME.match(url):
            return url
        cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
        path, rest = url[:cut], url[cut:]
        if path.endswith(MARKDOWN_SUFFIXES):
            return url  # already a source file
        target = posixpath.normpath(posixpath.join(here, path))
        if target == "..." or target.startswith("../") or target == "..":
            return url  # above the site's root: not the site's
        target = "" if target == "." else target
        source = sources.get(target + "/" if target else "") if path.endswith("/") or path in ("", ".") \
            else None
        return posixpath.relpath(source or target, folder or ".") + rest

    def replace(match: re.Match) -> str:
        if match[1]:
            return match[1] + one(match[2]) + match[3]
        candidates = [part.strip().split(" ", 1) for part in match[5].split(",")]
        return match[4] + ", ".join(" ".join([one(c[0]), *c[1:]]) for c in candidates) + match[6]

    return _LINK_ATTRIBUTE.sub(replace, html)


class _JoinLinks:
    """The tracking parameters on links to the join form (keepitlocal.campaign_links), as the
    join-link adapter adds them to each finished page."""

    def __init__(self, words: dict):
        self.params = dict(words.get("join_tracking") or {})
        self.targets = sorted({words.get("network_signup_url"), words.get("call_to_action_url")} - {None, ""})
        self.call_to_action = words.get("call_to_action_url") or ""

    def tag(self, markdown: str, url: str) -> str:

        for target in self.targets:
            markdown = tag_markdown_links(markdown, target, self.params, url)
        return markdown

    def meta(self, url: str) -> dict:
        """The page's call to action (overrides/partials/call-to-action.html) with its parameters."""

        if not self.call_to_action or not self.params:
            return {}
        return {"call_to_action_url": tagged(self.call_to_action, {**self.params, "utm_content": url or "home"})}


class _EditLinks:
    """Each page's edit link as MkDocs makes it from repo_url and edit_uri."""

    def __init__(self, config: dict):
        self.repo_url = str(config.get("repo_url") or "")
        self.edit_uri = config.get("edit_uri")
        if self.edit_uri is None and "github.com" in self.repo_url:
            self.edit_uri = "edit/master/docs/"

    def url(self, path: str) -> str:
        if not self.repo_url or not self.edit_uri:
            return ""
        return urljoin(self.repo_url.rstrip("/") + "/", str(self.edit_uri).rstrip("/") + "/" + path)


def _hand_written_page(root: Path, docs: Path, path: str, site, sources: dict[str, str], links: _JoinLinks) -> str:
    """A page of docs/ as the adapters hand it to MkDocs: its generated parts (keepitlocal.home),
    citations and source list (keepitlocal.handwritten) and the open data field table in place."""

    raw = (docs / path).read_bytes()
    text = raw.decode("utf-8-sig")
    found = _META.match(text)
    head, body = (text[:found.end()], text[found.end():].lstrip("\n")) if found else ("", text)

    def fill(marker: re.Match) -> str:
        """One generated part, by the function the adapter calls for the whole page."""
        text, components = place_markers(marker[0], site, path)
        return source_links(_expand(text, components), path, sources)

    try:
        body = inline_marker().sub(fill, MARKER.sub(fill, body))
    except ValueError as error:
        raise ExportError(f"{docs.name}/{error}") from None
    cited = read_page(raw, (docs / path).relative_to(root).as_posix()) if found else None
    if cited is not None and not cited.problems:
        body = cite_page(cited.data["sources"], body, site)
    if path == OPEN_DATA_PAGE:
        body = body.replace(FIELD_TABLE_MARKER, field_reference_markdown())
    url = output_path(path).removesuffix("index.html")
    body = links.tag(body, url)
    return _with_meta(head + body if head else body, links.meta(url), bare=not found)


def _with_meta(text: str, meta: dict, bare: bool = False) -> str:
    """`text` with `meta` added to the settings at its top (a block of them if it has none)."""

    if not meta:
        return text
    lines = "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in meta.items())
    found = None if bare else _META.match(text)
    if found is None:
        return f"---\n{lines}---\n\n{text}"
    return text[:found.start(1)] + found[1] + lines + text[found.end(1):]


def _expand(markdown: str, components: dict[str, str]) -> str:
    """The Markdown with its components in place. A component that opens an element closed
    by a later one (a wrapper around Markdown: the briefing's) gets `markdown="1"` on it, so
    that Markdown converts what it wraps, as it does between the placeholders."""

    return expand(markdown, {key: _wrapping(html) for key, html in components.items()})


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _wrapping(html: str) -> str:

    opened: list[tuple[str, int]] = []  # (tag, offset of the end of its start tag's name)
    lines = [0]
    for line in html.splitlines(keepends=True):
        lines.append(lines[-1] + len(line))

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in _VOID:
                line, col = self.getpos()
                opened.append((tag, lines[line - 1] + col + 1 + len(tag)))

        def handle_endtag(self, tag):
            for index in range(len(opened) - 1, -1, -1):
                if opened[index][0] == tag:
                    del opened[index:]
                    break

    Tags(convert_charrefs=True).feed(html)
    for _, at in reversed(opened):
        if "markdown=" not in html[at:html.find(">", at)]:
            html = html[:at] + ' markdown="1"' + html[at:]
    return html


def _write(path: Path, content) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        shutil.copyfile(content, path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8", newline="")


def _check_target(root: Path, out: Path, keep: list[Path]) -> None:
    """Refuse a folder whose removal would lose work: the project itself, a folder of it that
    holds what staff write, or any folder with files in it that is not an earlier export."""
    if out == root or root.is_relative_to(out):
        raise ExportError(f"{out} holds the project itself: choose a new folder, e.g. export/")
    for folder in keep:
        if out.is_relative_to(folder.resolve()):
            raise ExportError(f"{out} is inside {folder.relative_to(root)}/, which the site is made from: "
                              "choose a folder outside it, e.g. export/")
    if out.is_file():
        raise ExportError(f"{out} is a file: choose a folder")
    if out.is_dir() and any(out.iterdir()):
        config = out / "mkdocs.yml"
        if not config.is_file() or not config.read_text("utf-8", errors="replace").startswith(HEADER):
            raise ExportError(f"{out} has files in it and is not an earlier export, so it is left as it is: "
                              "choose a new or empty folder")
