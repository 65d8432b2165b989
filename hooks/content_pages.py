"""MkDocs adapter: publish the content core's pages as generated files.

One job: check the project (keepitlocal.app.pipeline, as make check does), and add every page
it makes (keepitlocal.render), and a page at each entry's old addresses, to
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
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.app.pipeline import build_outputs, check_project
from keepitlocal.base.problems import annotations, report
from keepitlocal.base.project import read_project
from keepitlocal.check.links import LINK_FIELD
from keepitlocal.check.safe_html import clean
from keepitlocal.publish.clashes import url_clashes
from keepitlocal.publish.reader_policy import add_policy
from keepitlocal.render.environment import NOT_SEARCHED, PLACEHOLDER, SEARCHABLE, expand
from keepitlocal.render.home import place_markers
from keepitlocal.render.pages import Page, source_text

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
    # The address MkDocs publishes at (under `mkdocs serve`, the preview's own).
    project = read_project(project_root).as_served(config.site_url)
    # Content and hand-written pages are checked as make check checks them, by the same function.
    checked = check_project(project_root, preview=_preview, project=project)
    site = _site = checked.site
    docs_dir = Path(config.docs_dir)
    if site.problems:
        _stop(checked.problems)
    outputs = build_outputs(site, project)
    pages = outputs.pages
    hand_written = [f.src_uri for f in files if f.generated_by is None and f.abs_src_path
                    and Path(f.abs_src_path).is_relative_to(docs_dir)]
    # An entry's old addresses (its aliases) become small pages that send readers on; they are
    # plain HTML files, so MkDocs leaves them out of search and the sitemap. An alias at a
    # hand-written page's address is one of the check's problems, above.
    redirects = outputs.redirects
    clashes = url_clashes(hand_written, [(p.src_uri, _origin(p)) for p in pages], docs_dir.name)
    if clashes:
        raise PluginError("Two files make the same page:\n" + "\n".join(clashes)
                          + "\nRename or remove the file in " + docs_dir.name + "/.")
    if checked.problems:  # in the hand-written pages and settings (a clash above says more)
        _stop(checked.problems)
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
