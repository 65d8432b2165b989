"""MkDocs adapter: publish the machine-readable files, feed.xml, case-studies.json and
case-studies.csv, at the site root.

One job: render them with the content core (keepitlocal.exports) and add them to MkDocs'
files in memory, so that `mkdocs serve` serves them and MkDocs checks links to them like any
other file. The open data page gets its field table from the schema here too.

Hooks never import each other, so this one asks the core for the content with the same rule
as hooks/content_pages.py (drafts only in `mkdocs serve`); the core hands both hooks the same
load while no content file has changed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.app.pipeline import build_outputs, load_site
from keepitlocal.base.problems import report
from keepitlocal.base.project import read_project
from keepitlocal.publish import exports

# `mkdocs serve` is a preview: drafts are shown there, and never in a build.
_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_files(files: Files, config) -> Files:
    if not config.site_url:
        raise PluginError("site_url must be set in mkdocs.yml: the feed and open data files give full addresses, "
                          "e.g. site_url: https://<owner>.github.io/<repository>/")
    root = Path(config.config_file_path).parent
    site = load_site(root, preview=_preview)
    if site.problems:
        raise PluginError("Content has problems:\n" + report(site.problems))
    project = read_project(root).as_served(config.site_url, config.site_name)
    for path, text in build_outputs(site, project).data_files.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"{Path(config.docs_dir).name}/{existing.src_uri} has the same name as the generated "
                              f"{path}: rename or remove it")
        files.append(File.generated(config, path, content=text))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.src_uri == exports.OPEN_DATA_PAGE:
        return markdown.replace(exports.FIELD_TABLE_MARKER, exports.field_reference_markdown())
    return markdown
