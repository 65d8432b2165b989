"""The project's own settings in mkdocs.yml, checked like content.

Every value in mkdocs.yml is read by the same reader as content files, so the same mistakes are
caught at their line: `site_name: Keep it Local #KeepItLocal` silently loses its hashtag (after a
space, # starts a note). The keys under `extra:` that are the project's own (the editor's
settings) are checked against `schemas/settings.schema.json`: `accept_shared_origin: "no"` is
text, which the editor adapter would have read as yes; a misspelt key gets the closest name.

Tags MkDocs reads in its own settings (`!ENV`, `!!python/name:`) are not content: they are
blanked, keeping every position, before the file is read.
"""

from __future__ import annotations

import re
from pathlib import Path

from keepitlocal.base.problems import Problem
from keepitlocal.check.datafiles import data_file_kind
from keepitlocal.check.validate import schema_problems
from keepitlocal.read.frontmatter import read_data_file, too_large

SETTINGS_FILE = "mkdocs.yml"
SCHEMA_NAME = "settings.yml"  # checks.data_file_kind: schemas/settings.schema.json
_ENGINE_TAG = re.compile(r"(?<=[\s:\[,])!!?[^\s,\[\]{}]+")


def settings_problems(root: Path | str) -> list[Problem]:
    """Problems in the project's mkdocs.yml (none when there is no such file)."""

    path = Path(root) / SETTINGS_FILE
    try:
        problem = too_large(path.stat().st_size, SETTINGS_FILE)
        if problem is not None:
            return [problem]
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(SETTINGS_FILE, 1, 1, "file", "the file cannot be read",
                        f"check it exists and is saved as UTF-8 ({type(error).__name__})")]
    blanked = _ENGINE_TAG.sub(lambda m: " " * len(m[0]), text)
    document = read_data_file(blanked.encode("utf-8"), SETTINGS_FILE)
    if document.problems:
        return document.problems
    return schema_problems(SETTINGS_FILE, data_file_kind(SCHEMA_NAME), document.front_matter)
