"""Icons named by content (a principle's `icon`) must be icons the theme ships."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem
from keepitlocal.model.icons import icon_dir, icon_fields, icon_file, icon_names, icon_sets

if TYPE_CHECKING:
    from keepitlocal.read.frontmatter import FrontMatter
    from keepitlocal.schema.collections import Collection


def icon_problems(path: str, collection: Collection, front_matter: FrontMatter) -> list[Problem]:
    """Each icon field whose value names no icon file, at its value, with the closest names."""
    problems = []
    for field in icon_fields(collection):
        name = front_matter.data.get(field)
        if not isinstance(name, str) or icon_file(name) is not None:
            continue
        line, col = front_matter.position((field,))
        if icon_dir() is None:
            problems.append(Problem(path, line, col, field, "the icon sets cannot be found, so no icon can be checked",
                                    "install the project's packages (make build) and check again"))
            continue
        icon_set, _, stem = name.rpartition("/")
        if icon_set not in icon_sets():
            problems.append(Problem(path, line, col, field, f"'{name}' is not in one of the icon sets",
                                    "the sets are: " + ", ".join(icon_sets()) + "; e.g. material/handshake"))
            continue
        close = difflib.get_close_matches(name, icon_names(icon_set), n=3, cutoff=0.6)
        hint = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else \
            f"look the name up among the {icon_set} icons at https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
        problems.append(Problem(path, line, col, field, f"there is no icon named '{name}'", hint))
    return problems
