"""MkDocs adapter: publish the events calendars, events.ics (every published event, for
subscribing) and events/<slug>.ics (one event, for "Add to calendar").

One job: make them with the content core (keepitlocal.ics.calendar_files) and add them to
MkDocs' files in memory. Hooks never import each other, so this one asks the core for the
content with the same rule as hooks/content_pages.py (drafts only in `mkdocs serve`), and the
core hands both the same load.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.app.pipeline import build_outputs, load_site
from keepitlocal.base.problems import report
from keepitlocal.base.project import read_project

_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent
    site = load_site(root, preview=_preview)
    if site.problems:
        raise PluginError("Content has problems:\n" + report(site.problems))
    project = read_project(root).as_served(config.site_url)
    for path, content in build_outputs(site, project).calendars.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"{Path(config.docs_dir).name}/{existing.src_uri} has the same name as the generated "
                              f"{path}: rename or remove it")
        files.append(File.generated(config, path, content=content))
    return files
