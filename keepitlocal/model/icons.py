"""Icons: a principle (or any entry whose schema marks a field `"x-icon": true`) names an icon
from the openly licensed sets Material for MkDocs ships (`material/handshake`,
`fontawesome/solid/seedling`, `octicons/...`, `simple/...`), and the page shows it as inline
SVG: no icon font, no request to another site, hidden from screen readers.

The sets are found on disk beside the installed theme package, without importing it (the core
never imports MkDocs or the theme). A name with no file is a positioned error with the
closest names in its set.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keepitlocal.schema.collections import Collection

THEME_PACKAGE = "material"
_SVG_OPENING = re.compile(r"^\s*<svg\b")


@cache
def icon_dir() -> Path | None:
    """The folder of icon sets (templates/.icons) in the installed theme, if there is one."""
    spec = importlib.util.find_spec(THEME_PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "templates" / ".icons"
        if folder.is_dir():
            return folder
    return None


@cache
def icon_names(icon_set: str) -> tuple[str, ...]:
    """Every icon of one set (`material`, `fontawesome/solid`), as names such as material/handshake."""
    folder = icon_dir()
    if folder is None or not (folder / icon_set).is_dir():
        return ()
    return tuple(sorted(f"{icon_set}/{path.stem}" for path in (folder / icon_set).glob("*.svg")))


@cache
def icon_sets() -> tuple[str, ...]:
    folder = icon_dir()
    if folder is None:
        return ()
    return tuple(sorted(path.parent.relative_to(folder).as_posix()
                        for path in folder.glob("**/*.svg") if path.parent != folder))


def icon_fields(collection: Collection) -> list[str]:
    return [name for name, spec in collection.schema.get("properties", {}).items() if spec.get("x-icon")]


def icon_file(name: str) -> Path | None:
    folder = icon_dir()
    if folder is None or not re.fullmatch(r"[a-z0-9-]+(/[a-z0-9-]+)+", name):
        return None
    file = folder / f"{name}.svg"
    return file if file.is_file() else None


@cache
def icon_svg(name: str) -> str:
    """The icon's SVG, to put inline: hidden from assistive technology (its text says what it
    shows), never focusable, coloured by the text around it. Empty when there is no such icon."""
    file = icon_file(name)
    if file is None:
        return ""
    svg = file.read_text("utf-8").strip()
    if not _SVG_OPENING.match(svg):
        return ""
    return _SVG_OPENING.sub('<svg class="kil-icon" aria-hidden="true" focusable="false" fill="currentColor"', svg, 1)
