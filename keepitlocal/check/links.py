"""Links and images in stories and hand-written pages, checked without building the site.

The build (MkDocs, strict) refuses a link to a page that does not exist, to a heading that does
not exist, or an image that is not there, but it names no line and says nothing a campaigner
can act on. This module finds the same mistakes in the Markdown itself, by pattern, at
`file:line:col`, and more the build lets through: a link from a published page to a draft,
an image from another site (the site promises no third-party requests) and an image without
alt text. Heading anchors are found from the headings' text with the same slug function the
build's table of contents uses, so nothing is rendered.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem, closest, did_you_mean
from keepitlocal.base.project import read_project
from keepitlocal.base.urls import page_url
from keepitlocal.check.pictures import file_problems
from keepitlocal.model.site import BRIEFING_FILE, BRIEFING_SRC_URI, CONTENT_DIR
from keepitlocal.read.frontmatter import dotted, split_page
from keepitlocal.read.markdown import Converter, Link, default_converter, find_links
from keepitlocal.schema.collections import SITE_WORDS

if TYPE_CHECKING:
    from keepitlocal.model.site import Site

LINK_FIELD = "text"  # problems in a story or page body are reported on this field
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")

@dataclass
class Target:
    """What a page can link to: a page's source path (e.g. case-studies/preston-model.md), and
    for each, whether it is published and the heading ids it has."""

    kind: str  # "entry" or "page"
    path: str  # the file to name in messages
    published: bool
    body: str | None  # None: not known (a file with problems of its own), so its anchors are not checked


def link_problems(path: str, src_uri: str, links: list[Link], targets: dict[str, Target], docs_files: set[str],
                  published: bool, own_body: str, docs_dir: str = "docs", labels: dict | None = None,
                  converter: Converter | None = None) -> tuple[list[Problem], list[tuple]]:
    """Problems with the links and images of one page, whose site path is `src_uri`; heading ids
    as `converter` (the project's Python-Markdown) makes them.

    `targets` maps site paths of pages (entries and hand-written pages) to what they are;
    `docs_files` holds the site paths of every other file in the docs folder (images).
    Returns the problems, and the anchors not found among a target's written headings
    ((problem, target site path, anchor)), which the caller may look for in generated headings."""
    converter = converter or default_converter()
    problems: list[Problem] = []
    unsure: list[tuple] = []
    labels = labels or {}  # site folder -> what one entry there is called
    here = posixpath.dirname(src_uri)
    for link in links:
        target = link.target.strip()

        def problem(message: str, hint: str, link=link) -> Problem:
            return Problem(path, link.line, link.col, LINK_FIELD, message, hint)

        if link.image:
            if not link.text.strip():
                problems.append(problem(f"the image {target or '(no address)'} has no alt text, so people who cannot "
                                        "see it are told nothing", "describe the picture between the brackets: "
                                        f"![a short description]({target})"))
            if _SCHEME.match(target) or target.startswith("//"):
                problems.append(problem(f"the image {target} is from another website, and the site makes no "
                                        "requests to other websites", f"save the image in {docs_dir}/images/ and "
                                        "link to it there, e.g. ../images/photo.jpg"))
                continue
        if not target or _SCHEME.match(target) or target.startswith("//"):
            continue  # a web address, mailto: and the like: linkcheck's job
        address, _, anchor = target.partition("#")
        address = address.split("?", 1)[0]
        if not address:
            if anchor and anchor not in converter.heading_ids(own_body):
                found = problem(f"there is no heading with the anchor #{anchor} on this page",
                                _anchor_hint(anchor, own_body, converter))
                unsure.append((found, src_uri, anchor))
            continue
        if address.startswith("/"):
            problems.append(problem(f"the link {target} starts with /, which breaks when the site is not at the "
                                    "root of its address", "link to the file instead, relative to this one, e.g. "
                                    "../case-studies/preston-model.md"))
            continue
        resolved = posixpath.normpath(posixpath.join(here, address))
        if link.image or resolved.lower().endswith(IMAGE_SUFFIXES):
            if resolved not in docs_files:
                near = [f for f in docs_files if f.lower().endswith(IMAGE_SUFFIXES)]
                hint = _closest_file(resolved, near, here, f"image files go in {docs_dir}/images/")
                problems.append(problem(f"there is no image file {docs_dir}/{resolved}", hint))
            continue
        if not resolved.endswith(".md"):
            page = resolved.rstrip("/") + ".md"
            if page in targets or (resolved.rstrip("/") + "/index.md") in targets:
                problems.append(problem(f"the link {target} points at a page's address, not its file",
                                        f"link to the file instead: {posixpath.relpath(page, here)}"))
            elif resolved not in docs_files:
                problems.append(problem(f"there is no file {resolved} for the link {target}",
                                        "link to a .md file, relative to this one"))
            continue
        found_target = targets.get(resolved)
        if found_target is None:
            folder = posixpath.dirname(resolved)
            entries = [t for p, t in targets.items() if posixpath.dirname(p) == folder and t.kind == "entry"]
            name = posixpath.basename(resolved)
            if entries:
                where = posixpath.dirname(entries[0].path)
                label = labels.get(folder, "page")
                names = [posixpath.basename(t.path)[:-3] for t in entries]
                problems.append(problem(f"there is no {label} {name} in {where}/ for the link {target}",
                                        closest(name[:-3], names, label, f"{where}/")))
            else:
                pages = [p for p, t in targets.items() if t.kind == "page" and posixpath.dirname(p) == folder]
                hint = _closest_file(resolved, pages, here, "links are relative to this file, e.g. "
                                     "../principles/local-spend.md")
                problems.append(problem(f"there is no page {resolved} for the link {target}", hint))
            continue
        if published and not found_target.published:
            problems.append(problem(f"the link {target} points at {found_target.path}, which is a draft or "
                                    "scheduled for later, so the link would be broken on the published site",
                                    f"remove the link for now, or publish {found_target.path} first"))
            continue
        if anchor and found_target.body is not None and anchor not in converter.heading_ids(found_target.body):
            found = problem(f"{found_target.path} has no heading with the anchor #{anchor}",
                            _anchor_hint(anchor, found_target.body, converter))
            unsure.append((found, resolved, anchor))
    return problems, unsure


def _anchor_hint(anchor: str, body: str, converter: Converter) -> str:
    ids = sorted(converter.heading_ids(body))
    if not ids:
        return "the page has no headings to link to; remove the #... part"
    return closest(anchor, ids, "heading anchor", "the page").replace(" file names", "s")


def _closest_file(path: str, candidates: list[str], here: str, fallback: str) -> str:

    near = difflib.get_close_matches(path, candidates, n=3, cutoff=0.5)
    if not near:
        return fallback
    return f"did you mean {', '.join(posixpath.relpath(n, here or '.') for n in near)}? {fallback}"


# Links in the stories of content entries


GENERATED_PAGES = ("staff/field-reference.md", "staff/templates.md")  # made in memory by the staff-pages adapter


def site_targets(root, entries: list, drafts: set, preview: bool,
                 present: dict | None = None) -> tuple[dict[str, Target], set[str], str]:
    """Every page a link can point at (entries, their kinds' index pages, hand-written pages and
    generated staff pages), and every other file of the docs folder, by site path."""
    folder = read_project(root).docs_dir
    docs = Path(root) / folder
    targets: dict[str, Target] = {}
    files: set[str] = set()
    if docs.is_dir():
        for file in docs.rglob("*"):
            rel = file.relative_to(docs).as_posix()
            if any(part.startswith(".") for part in rel.split("/")) or not file.is_file():
                continue
            if rel.endswith(".md"):
                try:
                    body = split_page(file.read_text("utf-8", errors="replace"))[0]
                except OSError:
                    body = ""
                targets[rel] = Target("page", f"{folder}/{rel}", True, body)
            else:
                files.add(rel)
    for entry in entries:
        published = preview or (entry.collection.name, entry.slug) not in drafts
        targets[entry.src_uri] = Target("entry", entry.path, published, entry.body)
        index = posixpath.dirname(entry.src_uri) + "/index.md"
        targets.setdefault(index, Target("page", index, True, ""))
    for src_uri, path in (present or {}).items():  # content files with problems of their own
        targets.setdefault(src_uri, Target("entry", path, True, None))
    for src_uri in GENERATED_PAGES:
        targets.setdefault(src_uri, Target("page", src_uri, True, ""))
    if (Path(root) / CONTENT_DIR / BRIEFING_FILE).is_file():  # the briefing, made from content/briefing.yml
        targets.setdefault(BRIEFING_SRC_URI, Target("page", BRIEFING_SRC_URI, True, ""))
    return targets, files, folder


def entry_link_problems(root, entries: list, drafts: set, preview: bool, present: dict | None = None,
                        converter: Converter | None = None) -> tuple[list[Problem], list[tuple]]:
    """Link problems in every entry's story (see link_problems), its code read by `converter`."""
    converter = converter or Converter(root)
    found = [(entry, find_links(entry.body, entry.body_line, converter.code_lines(entry.body))) for entry in entries]
    found = [(entry, links) for entry, links in found if links]
    if not found:
        return [], []
    targets, files, folder = site_targets(root, entries, drafts, preview, present)
    labels = {posixpath.dirname(entry.src_uri): entry.collection.label for entry in entries}
    problems: list[Problem] = []
    unsure: list[tuple] = []
    for entry, links in found:
        published = preview or (entry.collection.name, entry.slug) not in drafts
        more, maybe = link_problems(entry.path, entry.src_uri, links, targets, files, published, entry.body, folder,
                                    labels, converter)
        problems.extend(more)
        unsure.extend(maybe)
    return problems, unsure


def entry_image_problems(root, entries: list) -> list[Problem]:
    """Problems with the picture file each entry's `image` field names (keepitlocal/images.py):
    missing, too large, from another website, outside the pictures folder, of a format the site
    does not take, or not a picture at all."""
    problems: list[Problem] = []
    for entry in entries:
        image = entry.data.get("image")
        if image:
            at = entry.front_matter.position(("image", "file"))
            problems.extend(file_problems(root, entry.path, entry.collection, image, at))
    return problems


def generated_anchor_problems(unsure: list[tuple], pages: list, converter: Converter | None = None) -> list[Problem]:
    """Of the anchors not among a page's written headings, those not among its generated
    headings either (the generated pages' Markdown, converted as the build converts it)."""
    converter = converter or default_converter()
    markdown = {page.src_uri: page.markdown for page in pages}
    # A component's own anchors (the folded source list's "sources") can be linked to as well.
    made = {page.src_uri: set(_COMPONENT_ID.findall("".join(getattr(page, "components", {}).values())))
            for page in pages}
    return [problem for problem, src_uri, anchor in unsure if anchor not in converter.heading_ids(
            markdown.get(src_uri, "")) and anchor not in made.get(src_uri, set())]


_COMPONENT_ID = re.compile(r'\sid="([^"<>]+)"')


# Links in hand-written pages


@dataclass(frozen=True)
class Published:
    """What the build makes besides the content's own pages, as the pipeline tells the check: the
    other files by site path (feeds, open data, calendars, schemas), and the generated pages'
    Markdown and components (`pages(wanted)`, for anchors only they have)."""

    files: frozenset = frozenset()
    pages: Callable[[set], list] = lambda wanted: []


def page_link_problems(root, pages: list[tuple[str, str, str, int]], site: Site, published: Published,
                       converter: Converter | None = None) -> list[Problem]:
    """Link problems in hand-written pages, given as (file path, site path, Markdown, its first
    line), against the loaded `site`. The pages are published, so a link from one to a draft or
    a scheduled entry is a problem, as in a published entry."""

    converter = converter or Converter(root)
    found = [(page, find_links(page[2], page[3], converter.code_lines(page[2]))) for page in pages]
    found = [(page, links) for page, links in found if links]
    if not found:
        return []
    targets, files, folder = _published_targets(root, site, published)
    labels = {collection.url: collection.label for collection in site.collections.values()}
    problems: list[Problem] = []
    unsure: list[tuple] = []
    for (path, src_uri, body, _), links in found:
        more, maybe = link_problems(path, src_uri, links, targets, files, True, body, folder, labels, converter)
        problems.extend(more)
        unsure.extend(maybe)
    if unsure:
        problems.extend(generated_anchor_problems(unsure, published.pages({src_uri for _, src_uri, _ in unsure}),
                                                  converter))
    return problems


def _published_targets(root, site: Site, published: Published) -> tuple[dict[str, Target], set[str], str]:
    """Every page and file of the published site, by source path and site path: what a
    hand-written page or a site-wide setting may point at."""
    collections = site.collections
    by_folder = {collection.name: collection for collection in collections.values()}
    content = Path(root) / CONTENT_DIR
    present, unpublished = {}, {}
    for name, collection in by_folder.items():
        folder = content / name
        for file in folder.glob("*.md") if folder.is_dir() else ():
            if not file.name.startswith((".", "_")):
                present[collection.src_uri(file.stem)] = f"content/{name}/{file.name}"
    for path in site.left_out:
        name, _, file = path.removeprefix("content/").partition("/")
        if name in by_folder:
            unpublished[by_folder[name].src_uri(Path(file).stem)] = path
    preview = bool(site.drafts)
    targets, files, folder = site_targets(root, site.entries, set(site.drafts), preview, present)
    files |= published.files
    for src_uri, path in unpublished.items():
        targets[src_uri] = Target("entry", path, False, None)
    for collection in collections.values():  # a kind's list page is made even while it has no entries
        if collection.pages:
            targets.setdefault(collection.index_src_uri(), Target("page", collection.index_src_uri(), True, ""))
    if site.data.get(BRIEFING_FILE):  # made from content/briefing.yml
        targets.setdefault(BRIEFING_SRC_URI, Target("page", BRIEFING_SRC_URI, True, ""))
    return targets, files, folder


def site_word_page_problems(root, site: Site, published: Published) -> list[Problem]:
    """Every page a site-wide setting names (`"x-page": true` in site.schema.json: the header
    button, the footer's links, the printed invitation) must be a page or file the site
    publishes: a mistyped one would be a broken link on every page, which no build notices."""
    if site.words_at is None:
        return []
    targets, files, _ = _published_targets(root, site, published)
    pages = {_site_path(src_uri) for src_uri, target in targets.items() if target.published} | files
    problems = []
    for path, value in _page_values(SITE_WORDS.schema, site.words_at.data, ()):
        if value.startswith(("http://", "https://")) or value in pages:
            continue
        line, col = site.words_at.position(path)
        problems.append(Problem("content/site.yml", line, col, dotted(path),
                                f"'{value}' is not a page of this site",
                                did_you_mean(value, sorted(pages)) or "use the address of a page, such as join/"))
    return problems


def _site_path(src_uri: str) -> str:
    return page_url(src_uri) if src_uri.endswith(".md") else src_uri


def _page_values(spec: dict, value, path: tuple):
    """(path, value) of each value in `value` whose schema says it names a page (`x-page`)."""
    if spec.get("x-page") and isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _page_values(spec.get("properties", {}).get(key, {}), item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _page_values(spec.get("items", {}), item, (*path, index))
