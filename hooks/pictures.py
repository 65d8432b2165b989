"""MkDocs adapter: publish the resized versions of case studies' and principles' pictures.

One job: ask the content core (keepitlocal.images) for every entry's picture, made once into
the project's cache folder, and add each resized version to the build as a file copied from
there; nothing is written into docs/. Content problems are reported by the content-pages hook.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.app.pipeline import load_site
from keepitlocal.publish.pictures import ImageError, resized_files

_preview = False  # `mkdocs serve` shows drafts, so their pictures too


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent
    site = load_site(root, preview=_preview)
    if site.problems:
        return files  # the content-pages hook stops the build, listing them
    try:
        made = resized_files(root, [entry.picture for entry in site.entries if entry.picture])
    except ImageError as error:
        raise PluginError(str(error)) from None
    for site_path, cached in made.items():
        if files.get_file_from_path(site_path) is not None:
            raise PluginError(f"{Path(config.docs_dir).name}/{site_path} has the name of a resized picture; "
                              "rename it")
        files.append(File.generated(config, site_path, abs_src_path=str(cached)))
    return files
