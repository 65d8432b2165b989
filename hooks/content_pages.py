"""MkDocs adapter: publish the content core's pages as generated files.

One job: load and validate content/ (keepitlocal.site), and add every page it makes
(keepitlocal.pages), and a page at each entry's old addresses (keepitlocal.addresses), to
MkDocs' files, in memory. Any content problem stops the build with
every problem listed, one per line, and a summary. Hand-written pages in docs/ get the
generated parts they ask for with a marker line (keepitlocal.home: the principles grid and the
featured case studies on the home page).

Each page's HTML components stand in its Markdown as placeholders, so Python-Markdown converts
only what staff wrote; they are put back after conversion (on_page_content), and those left
out of site search (lists of cards, the filter form) last, once the page is made
(on_post_page). Before they go in,
the converted Markdown (what staff wrote) is cleaned with the allow-list of
keepitlocal.safe_html: no script, event handler, frame, style or form reaches a reader.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.addresses import redirect_pages
from keepitlocal.clashes import url_clashes
from keepitlocal.handwritten import check_pages
from keepitlocal.home import place_markers
from keepitlocal.links import LINK_FIELD
from keepitlocal.pages import Page, build_pages, source_text
from keepitlocal.problems import annotations, report
from keepitlocal.reader_policy import add_policy
from keepitlocal.render import NOT_SEARCHED, PLACEHOLDER, SEARCHABLE, expand
from keepitlocal.safe_html import clean
from keepitlocal.site import load_site

log = logging.getLogger("mkdocs.hooks.content_pages")

# `mkdocs serve` is a preview: drafts are shown there, with a banner, and never in a build.
_preview = False
# The site loaded by this build's on_files, for the generated parts of hand-written pages.
_site = None
# Each page's components by its src_uri: placeholder -> HTML.
_components: dict[str, dict[str, str]] = {}


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_files(files: Files, config) -> Files:
    global _site
    _components.clear()
    project_root = Path(config.config_file_path).parent
    site = _site = load_site(project_root, preview=_preview)
    docs_dir = Path(config.docs_dir)
    # Hand-written pages are checked as make check checks them: settings, markers, links.
    page_problems = check_pages(project_root, os.path.relpath(docs_dir, project_root), site=site)[0]
    if site.problems:
        _stop(site.problems + page_problems)
    pages = build_pages(site, config.site_url or "")
    hand_written = [f.src_uri for f in files if f.generated_by is None and f.abs_src_path
                    and Path(f.abs_src_path).is_relative_to(docs_dir)]
    # An entry's old addresses (its aliases) become small pages that send readers on; they are
    # plain HTML files, so MkDocs leaves them out of search and the sitemap.
    redirects = redirect_pages(site, config.site_url or "")
    clashes = url_clashes(hand_written, [*((p.src_uri, _origin(p)) for p in pages),
                                         *((path, f"an alias ({path[:-len('index.html')]})") for path in redirects)],
                          docs_dir.name)
    if clashes:
        raise PluginError("Two files make the same page:\n" + "\n".join(clashes)
                          + "\nRename or remove the file in " + docs_dir.name + "/.")
    if page_problems:
        _stop(page_problems)
    for page in pages:
        files.append(_generated_file(config, page))
        _components[page.src_uri] = page.components
    for path, html in redirects.items():
        files.append(File.generated(config, path, content=add_policy(html)))  # plain HTML: no page hooks
    return files


def _stop(problems: list) -> None:
    for line in annotations(problems):  # GitHub Actions shows each on its line of the pull request
        print(line, flush=True)
    for problem in problems:  # as MkDocs words its own broken links: a warning each
        if problem.field == LINK_FIELD:
            log.warning(str(problem))
    raise PluginError("Content has problems:\n" + report(problems))


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.generated_by or _site is None:
        return markdown
    try:
        markdown, _components[page.file.src_uri] = place_markers(markdown, _site, page.file.src_uri)
    except ValueError as error:
        raise PluginError(f"{Path(config.docs_dir).name}/{error}") from None
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    # What staff wrote goes through the allow-list; the components, made from the project's own
    # templates, go in after it.
    return expand(clean(html, keep=PLACEHOLDER), _components.get(page.file.src_uri, {}), SEARCHABLE)


def on_post_page(output: str, page, config) -> str:
    return expand(output, _components.get(page.file.src_uri, {}), NOT_SEARCHED)


def _origin(page: Page) -> str:
    """How a clash message names a generated page: its content file, or for a list of entries
    (made from a folder, with its words from _index.md) the page itself."""
    if page.edit_path and not page.src_uri.endswith("/index.md"):
        return page.edit_path
    return f"the generated {page.title} page"


def _generated_file(config, page: Page) -> File:
    file = File.generated(config, page.src_uri, content=source_text(page))
    # Edit links open the content file, which lives beside docs/ (edit_uri points into docs/).
    file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
    return file
