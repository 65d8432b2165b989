"""MkDocs adapter: publish the browser editor for staff at /admin/, in memory.

One job: when the site has an address of its own, or in the preview (`make serve`), add the
editor's page, its configuration made from the schemas and the vendored editor
(vendor/sveltia-cms/), all named by keepitlocal.editor.editor_files, to MkDocs' files. On a
shared address (<owner>.github.io) the editor is left out, and the build says why, unless
mkdocs.yml accepts the risk:

    extra:
      editor:
        accept_shared_origin: true
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.schema.collections import DeclarationError
from keepitlocal.staff.editor import EditorConfigError, editor_files

log = logging.getLogger("mkdocs.hooks.editor")

# The command that started MkDocs: under `mkdocs serve` (make serve) the editor is always there.
_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent  # the path may be relative: mkdocs build -f mkdocs.yml
    try:
        made, reason = editor_files(root, site_url=config.site_url, repo_url=config.repo_url,
                                    site_name=config.site_name, settings=(config.extra or {}).get("editor") or {},
                                    docs_dir=_docs_folder(config.docs_dir, root),
                                    preview=_command["name"] == "serve",
                                    stylesheets=[*_theme_stylesheets(files), *config.extra_css])
    except DeclarationError:
        return files  # the content hook stops the build, naming each mistake in the declaration
    except EditorConfigError as error:
        raise PluginError(f"The editor's form cannot be made from the schemas: {error}") from None
    if reason:
        log.info("The editor at /admin/ is left out: %s.", reason)
        return files
    for src_uri, made_file in made.items():
        if isinstance(made_file, Path):
            file = File.generated(config, src_uri, abs_src_path=str(made_file))
        else:
            file = File.generated(config, src_uri, content=made_file)
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(f"{config.docs_dir}/{file.src_uri} would replace the editor's {file.src_uri}: "
                              "rename or remove it")
        file.edit_uri = None
        files.append(file)
    return files


def _theme_stylesheets(files: Files) -> list[str]:
    """The theme's own stylesheets (their names carry a hash), which the site's build on: the
    editor's preview needs them to look like a page."""
    return sorted(f.src_uri for f in files if f.src_uri.startswith("assets/stylesheets/")
                  and f.src_uri.endswith(".min.css") and f.src_uri.count("/") == 2)


def _docs_folder(docs_dir: str, root: Path) -> str:
    """The docs folder as the repository names it (docs), for the editor's home page entry."""
    path = Path(docs_dir).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
