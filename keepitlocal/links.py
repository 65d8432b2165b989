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

import posixpath
import re
from dataclasses import dataclass
from functools import cache

from .problems import Problem, closest

LINK_FIELD = "text"  # problems in a story or page body are reported on this field

# [text](target "title") and ![alt](src "title"); text may hold one level of [brackets].
_INLINE = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
                     r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)
_REFERENCE = re.compile(r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\[([^\]\n]*)\]")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ATTR = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_HTML_ID = re.compile(r"""<h[1-6][^>]*\bid=["']([^"']+)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")


@dataclass(frozen=True)
class Link:
    line: int  # in the file
    col: int
    image: bool
    text: str  # the link text, or the image's alt text
    target: str


def find_links(body: str, body_line: int) -> list[Link]:
    """Every link and image in Markdown text, with its position in the file; code is skipped."""
    if "](" not in body and "][" not in body and "<img" not in body.lower():
        return []
    found = []
    lines = body.split("\n")
    definitions = {}
    if "]:" in body:
        for match in _DEFINITION.finditer(body):
            definitions[match[1].strip().casefold()] = _unwrap(match[2])
    for index, line in outside_fences(lines):
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "+")) and \
                (index == 0 or not lines[index - 1].strip()):
            continue  # an indented code block
        if "`" in line:
            line = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        number = body_line + index
        for match in _INLINE.finditer(line):
            found.append(Link(number, match.start(3) + 1, bool(match[1]), match[2], _unwrap(match[3])))
        if "][" in line:
            for match in _REFERENCE.finditer(line):
                name = (match[3] or match[2]).strip().casefold()
                if name in definitions:
                    found.append(Link(number, match.start() + 1, bool(match[1]), match[2], definitions[name]))
        if "<img" in line.lower():
            for match in _HTML_IMG.finditer(line):
                attrs = {m[1].lower(): next(v for v in m.groups()[1:] if v is not None) for m in
                         _HTML_ATTR.finditer(match[0])}
                found.append(Link(number, match.start() + 1, True, attrs.get("alt", ""), attrs.get("src", "")))
    return found


def outside_fences(lines: list[str]):
    """(index, line) for each line that is not inside a fenced code block, nor a fence itself."""
    fence = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened[1]
            continue
        yield index, line


def _unwrap(target: str) -> str:
    return target[1:-1] if target.startswith("<") and target.endswith(">") else target


def heading_ids(body: str) -> set[str]:
    """The ids the table of contents gives the headings of Markdown text (and ids written with
    {#id} or in HTML), found by pattern, without rendering."""
    slugify = _slugify()
    ids: set[str] = set()
    lines = body.split("\n")
    for index, line in outside_fences(lines):
        text = None
        match = _ATX.match(line)
        if match:
            text = match[2]
        elif index and _SETEXT.match(line) and lines[index - 1].strip() and not _ATX.match(lines[index - 1]):
            text = lines[index - 1].strip()
        if "<h" in line:
            ids.update(_HTML_ID.findall(line))
        if text is None:
            continue
        custom = _ATTR_ID.search(text)
        if custom:
            ids.add(custom[1])
            continue
        slug = slugify(_plain_heading(text), "-")
        # The table of contents makes repeated ids unique with _1, _2, ...
        unique, count = slug, 0
        while unique in ids:
            count += 1
            unique = f"{slug}_{count}"
        ids.add(unique)
    return ids


def _plain_heading(text: str) -> str:
    """Heading text as the table of contents sees it: link targets, emphasis and code marks gone."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text)


@cache
def _slugify():
    """The table of contents' own slug function (Python-Markdown's toc extension)."""
    from markdown.extensions.toc import slugify

    return slugify


@dataclass
class Target:
    """What a page can link to: a page's source path (e.g. case-studies/preston-model.md), and
    for each, whether it is published and the heading ids it has."""

    kind: str  # "entry" or "page"
    path: str  # the file to name in messages
    published: bool
    body: str | None  # None: not known (a file with problems of its own), so its anchors are not checked


def link_problems(path: str, src_uri: str, links: list[Link], targets: dict[str, Target], docs_files: set[str],
                  published: bool, own_body: str, docs_dir: str = "docs",
                  labels: dict | None = None) -> tuple[list[Problem], list[tuple]]:
    """Problems with the links and images of one page, whose site path is `src_uri`.

    `targets` maps site paths of pages (entries and hand-written pages) to what they are;
    `docs_files` holds the site paths of every other file in the docs folder (images).
    Returns the problems, and the anchors not found among a target's written headings
    ((problem, target site path, anchor)), which the caller may look for in generated headings."""
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
            if anchor and anchor not in heading_ids(own_body):
                found = problem(f"there is no heading with the anchor #{anchor} on this page",
                                _anchor_hint(anchor, own_body))
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
        if anchor and found_target.body is not None and anchor not in heading_ids(found_target.body):
            found = problem(f"{found_target.path} has no heading with the anchor #{anchor}",
                            _anchor_hint(anchor, found_target.body))
            unsure.append((found, resolved, anchor))
    return problems, unsure


def _anchor_hint(anchor: str, body: str) -> str:
    ids = sorted(heading_ids(body))
    if not ids:
        return "the page has no headings to link to; remove the #... part"
    return closest(anchor, ids, "heading anchor", "the page").replace(" file names", "s")


def _closest_file(path: str, candidates: list[str], here: str, fallback: str) -> str:
    import difflib

    near = difflib.get_close_matches(path, candidates, n=3, cutoff=0.5)
    if not near:
        return fallback
    return f"did you mean {', '.join(posixpath.relpath(n, here or '.') for n in near)}? {fallback}"


# Links in the stories of content entries


GENERATED_PAGES = ("staff/field-reference.md", "staff/templates.md")  # made in memory by the staff-pages adapter


def docs_dir(root) -> str:
    """The folder of hand-written pages, as mkdocs.yml names it (docs/ unless it says otherwise)."""
    from pathlib import Path

    config = Path(root) / "mkdocs.yml"
    try:
        match = re.search(r"^docs_dir:\s*['\"]?([^'\"\s#]+)", config.read_text("utf-8"), re.MULTILINE)
    except OSError:
        match = None
    return match[1].rstrip("/") if match else "docs"


def site_targets(root, entries: list, drafts: set, preview: bool,
                 present: dict | None = None) -> tuple[dict[str, Target], set[str], str]:
    """Every page a link can point at (entries, their kinds' index pages, hand-written pages and
    generated staff pages), and every other file of the docs folder, by site path."""
    from pathlib import Path

    from .frontmatter import split_page

    folder = docs_dir(root)
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
    from .campaign import BRIEFING_FILE, BRIEFING_SRC_URI
    from .site import CONTENT_DIR

    if (Path(root) / CONTENT_DIR / BRIEFING_FILE).is_file():  # the briefing, made from content/briefing.yml
        targets.setdefault(BRIEFING_SRC_URI, Target("page", BRIEFING_SRC_URI, True, ""))
    return targets, files, folder


def entry_link_problems(root, entries: list, drafts: set, preview: bool,
                        present: dict | None = None) -> tuple[list[Problem], list[tuple]]:
    """Link problems in every entry's story (see link_problems)."""
    found = [(entry, find_links(entry.body, entry.body_line)) for entry in entries]
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
                                    labels)
        problems.extend(more)
        unsure.extend(maybe)
    return problems, unsure


def entry_image_problems(root, entries: list) -> list[Problem]:
    """Problems with the picture file each entry's `image` field names (keepitlocal/images.py):
    missing, too large, from another website, outside the pictures folder, of a format the site
    does not take, or not a picture at all."""
    from .images import file_problems

    problems: list[Problem] = []
    for entry in entries:
        image = entry.data.get("image")
        if image:
            at = entry.front_matter.position(("image", "file"))
            problems.extend(file_problems(root, entry.path, entry.collection, image, at))
    return problems


def generated_anchor_problems(unsure: list[tuple], pages: list) -> list[Problem]:
    """Of the anchors not among a page's written headings, those not among its generated
    headings either (the generated pages' Markdown, by pattern)."""
    markdown = {page.src_uri: page.markdown for page in pages}
    # A component's own anchors (the folded source list's "sources") can be linked to as well.
    made = {page.src_uri: set(_COMPONENT_ID.findall("".join(getattr(page, "components", {}).values())))
            for page in pages}
    return [problem for problem, src_uri, anchor in unsure
            if anchor not in heading_ids(markdown.get(src_uri, "")) and anchor not in made.get(src_uri, set())]


_COMPONENT_ID = re.compile(r'\sid="([^"<>]+)"')


# Links in hand-written pages


def page_link_problems(root, pages: list[tuple[str, str, str, int]], site) -> list[Problem]:
    """Link problems in hand-written pages, given as (file path, site path, Markdown, its first
    line), against the loaded `site`. The pages are published, so a link from one to a draft or
    a scheduled entry is a problem, as in a published entry."""

    found = [(page, find_links(page[2], page[3])) for page in pages]
    found = [(page, links) for page, links in found if links]
    if not found:
        return []
    targets, files, folder = _published_targets(root, site)
    labels = {collection.url: collection.label for collection in site.collections.values()}
    problems: list[Problem] = []
    unsure: list[tuple] = []
    for (path, src_uri, body, _), links in found:
        more, maybe = link_problems(path, src_uri, links, targets, files, True, body, folder, labels)
        problems.extend(more)
        unsure.extend(maybe)
    if unsure:
        problems.extend(generated_anchor_problems(unsure, generated_pages(site, {src_uri for _, src_uri, _ in unsure})))
    return problems


def _published_targets(root, site) -> tuple[dict[str, Target], set[str], str]:
    """Every page and file of the published site, by source path and site path: what a
    hand-written page or a site-wide setting may point at."""
    from pathlib import Path

    collections = site.collections
    by_folder = {collection.name: collection for collection in collections.values()}
    content = Path(root) / "content"
    present, unpublished = {}, {}
    for name, collection in by_folder.items():
        folder = content / name
        for file in folder.glob("*.md") if folder.is_dir() else ():
            if not file.name.startswith((".", "_")):
                present[f"{collection.url}/{file.stem}.md"] = f"content/{name}/{file.name}"
    for path in site.left_out:
        name, _, file = path.removeprefix("content/").partition("/")
        if name in by_folder:
            unpublished[f"{by_folder[name].url}/{file}"] = path
    preview = bool(site.drafts)
    targets, files, folder = site_targets(root, site.entries, set(site.drafts), preview, present)
    files |= generated_files(site)
    for src_uri, path in unpublished.items():
        targets[src_uri] = Target("entry", path, False, None)
    for collection in collections.values():  # a kind's list page is made even while it has no entries
        if collection.pages:
            targets.setdefault(collection.index_src_uri(), Target("page", collection.index_src_uri(), True, ""))
    from .campaign import BRIEFING_FILE, BRIEFING_SRC_URI

    if site.data.get(BRIEFING_FILE):  # made from content/briefing.yml
        targets.setdefault(BRIEFING_SRC_URI, Target("page", BRIEFING_SRC_URI, True, ""))
    return targets, files, folder


def site_word_page_problems(root, site) -> list[Problem]:
    """Every page a site-wide setting names (`"x-page": true` in site.schema.json: the header
    button, the footer's links, the printed invitation) must be a page or file the site
    publishes: a mistyped one would be a broken link on every page, which no build notices."""
    if site.words_at is None:
        return []
    from .collections import SITE_WORDS
    from .frontmatter import dotted
    from .problems import did_you_mean

    targets, files, _ = _published_targets(root, site)
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
    from .pages import page_url

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


@dataclass(frozen=True)
class _Made:
    src_uri: str
    markdown: str


def generated_files(site) -> set[str]:
    """The site paths of the files the build adds in memory that are not pages: the feeds, the
    open data, the calendars and the published schemas."""
    from .events import CALENDAR_FILE
    from .exports import export_paths
    from .ics import file_name
    from .reference import SCHEMAS_URL, schema_files

    made = set(export_paths(site)) | {f"{SCHEMAS_URL}{name}" for name in schema_files(site.collections)}
    if "events" in site.collections:
        from .events import Event

        made.add(CALENDAR_FILE)
        made.update(file_name(Event.from_data(e.slug, e.data)) for e in site.entries_of("events"))
    return made


def generated_pages(site, wanted: set[str]) -> list:
    """The pages the build makes in memory among `wanted` (site paths), with their Markdown: the
    staff pages made from the schemas, and the content pages (all made, only when one is wanted)."""
    from .reference import REFERENCE_SRC_URI, markdown
    from .scaffold import TEMPLATES_SRC_URI, templates_markdown

    made = {REFERENCE_SRC_URI: lambda: markdown(site.collections),
            TEMPLATES_SRC_URI: lambda: templates_markdown("", site.collections)}
    pages = [_Made(src_uri, make()) for src_uri, make in made.items() if src_uri in wanted]
    if wanted - set(made):
        from .pages import build_pages

        pages.extend(build_pages(site))
    return pages
