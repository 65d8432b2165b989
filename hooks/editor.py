"""MkDocs adapter: publish the browser editor for staff at /admin/, in memory.

One job: when the site has an address of its own, or in the preview (`make serve`), add the
editor's page (editor/index.html), its configuration made from the schemas (keepitlocal.editor)
and the vendored editor (vendor/sveltia-cms/) to MkDocs' files. On a shared address (<owner>.github.io) the editor is
left out, and the build says why, unless mkdocs.yml accepts the risk:

    extra:
      editor:
        accept_shared_origin: true
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.collections import DeclarationError, collections_for
from keepitlocal.editor import (
    CONFIG_SRC_URI,
    CONNECT_HOSTS,
    EDITOR_DIR,
    LOCALES,
    PAGE_SRC_URI,
    EditorConfigError,
    content_security_policy,
    editor_config,
    github_repository,
    published_files,
    shared_origin,
    vendor_lock,
)
from keepitlocal.site import checked_data_files

log = logging.getLogger("mkdocs.hooks.editor")

# The command that started MkDocs: under `mkdocs serve` (make serve) the site is this computer's
# own preview, at 127.0.0.1, which no other site shares, so the editor is always there: its
# "Work with Local Repository" edits the files of this project's folder.
_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent  # the path may be relative: mkdocs build -f mkdocs.yml
    settings = (config.extra or {}).get("editor") or {}
    repo = github_repository(config.repo_url)
    reason = None if repo else f"repo_url ({config.repo_url or 'not set'}) is not a github.com repository"
    risk = None if _command["name"] == "serve" else shared_origin(config.site_url)
    if reason is None and risk and not settings.get("accept_shared_origin"):
        reason = (f"{risk}. Give the site a custom domain, or set extra.editor.accept_shared_origin: true "
                  "in mkdocs.yml to publish it anyway")
    if reason:
        log.info("The editor at /admin/ is left out: %s.", reason)
        return files
    try:
        collections = collections_for(root)
    except DeclarationError:
        return files  # the content hook stops the build, naming each mistake in the declaration
    branch = settings.get("branch", "main")
    try:
        settings_yaml = yaml.safe_dump(
            editor_config(repo=repo, branch=branch, site_url=config.site_url or "",
                          app_title=config.site_name, collections=collections,
                          docs_dir=_docs_folder(config.docs_dir, root), data=checked_data_files(root)),
            sort_keys=False, allow_unicode=True, width=1000)
    except EditorConfigError as error:
        raise PluginError(f"The editor's form cannot be made from the schemas: {error}") from None
    lock = vendor_lock(root)
    page = jinja2.Environment(loader=jinja2.FileSystemLoader(root / EDITOR_DIR), autoescape=True) \
        .get_template("index.html") \
        .render(title=f"{config.site_name}: editor", csp=content_security_policy(), font_style_id=lock["font_style_id"],
                allowed_hosts=list(CONNECT_HOSTS), locales=LOCALES, branch=branch,
                preview_styles=[_from_admin(path) for path in config.extra_css])
    generated = [File.generated(config, PAGE_SRC_URI, content=page),
                 File.generated(config, CONFIG_SRC_URI, content=settings_yaml)]
    generated += [File.generated(config, src_uri, abs_src_path=str(path))
                  for src_uri, path in published_files(root).items()]
    for file in generated:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(f"{config.docs_dir}/{file.src_uri} would replace the editor's {file.src_uri}: "
                              "rename or remove it")
        file.edit_uri = None
        files.append(file)
    return files


def _from_admin(path) -> str:
    """A site stylesheet's address as seen from /admin/ (`assets/site.css` -> `../assets/site.css`)."""
    return "../" + str(path).lstrip("/")


def _docs_folder(docs_dir: str, root: Path) -> str:
    """The docs folder as the repository names it (docs), for the editor's home page entry."""
    path = Path(docs_dir).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
