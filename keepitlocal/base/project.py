"""The project's own settings, read from its mkdocs.yml once, with a YAML parser, and handed down:
where the hand-written pages are, the site's published address and name, and the Markdown
extensions the build converts stories with."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

SETTINGS_FILE = "mkdocs.yml"
# Python-Markdown's own extensions every engine build has, whatever the settings list.
ENGINE_EXTENSIONS = ("toc", "tables", "fenced_code")


class _Settings(yaml.SafeLoader):
    """mkdocs.yml may hold tags PyYAML's safe loader refuses (!!python/name: for an extension's
    setting, !ENV): they read as nothing here; no setting the core reads depends on them."""


_Settings.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: str = "docs"
    site_url: str = ""  # ends in / when set
    site_name: str = ""
    markdown_extensions: tuple[str, ...] = ENGINE_EXTENSIONS
    markdown_settings: dict = field(default_factory=dict)
    config: dict = field(default_factory=dict)  # every setting, as plain data (tags read as nothing)

    @property
    def docs(self) -> Path:
        return self.root / self.docs_dir

    def as_served(self, site_url: str | None, site_name: str | None = None) -> Project:
        """The project as the engine serves it now: its address (under a live preview, the
        preview's own) and name as the engine's settings have them."""
        return dataclasses.replace(self, site_url=site_url or "", site_name=self.site_name if site_name is None
                                   else site_name)


def read_project(root: Path | str) -> Project:
    """The settings of the project at `root`; a missing or unreadable mkdocs.yml gives the
    engine's defaults (the check of the settings file says what is wrong with it)."""
    path = Path(root) / SETTINGS_FILE
    try:
        stat = path.stat()
    except OSError:
        return _project(Path(root), None)
    return _project(Path(root), (stat.st_mtime_ns, stat.st_size))


@cache
def _project(root: Path, signature: tuple | None) -> Project:
    config = {}
    if signature is not None:
        try:
            config = yaml.load((root / SETTINGS_FILE).read_text("utf-8-sig"), Loader=_Settings) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            config = {}
    if not isinstance(config, dict):
        config = {}
    docs_dir = config.get("docs_dir")
    site_url = config.get("site_url")
    extensions, settings = _markdown(config.get("markdown_extensions"))
    return Project(root=root, docs_dir=str(docs_dir).strip("/") if isinstance(docs_dir, str) and docs_dir else "docs",
                   site_url=site_url.rstrip("/") + "/" if isinstance(site_url, str) and site_url.strip() else "",
                   site_name=str(config.get("site_name") or ""), markdown_extensions=extensions,
                   markdown_settings=settings, config=config)


def _markdown(listed) -> tuple[tuple[str, ...], dict[str, dict]]:
    names, settings = list(ENGINE_EXTENSIONS), {}
    for item in listed if isinstance(listed, list) else []:
        pairs = [(item, None)] if isinstance(item, str) else list(item.items()) if isinstance(item, dict) else []
        for name, options in pairs:
            if isinstance(name, str):
                names += [] if name in names else [name]
                if isinstance(options, dict):
                    settings[name] = options
    return tuple(names), settings
