"""Checks on the story: the Markdown below a content file's closing `---`.

An entry with no story would publish as a page with a heading and nothing under it, so an
empty story (or one of only spaces and notes) counts as missing, for every kind of content
whose schema does not say `"x-story": "optional"`.
"""

from __future__ import annotations

import re

from keepitlocal.base.problems import Problem
from keepitlocal.check.placeholders import BODY_FIELD
from keepitlocal.schema.collections import Collection

_HTML_NOTE = re.compile(r"<!--.*?-->", re.DOTALL)


def story_required(collection: Collection) -> bool:
    return collection.schema.get("x-story", "required") != "optional"


def empty_story_problems(path: str, collection: Collection, body: str, body_line: int) -> list[Problem]:
    if body.strip() and (("<!--" not in body) or _HTML_NOTE.sub("", body).strip()):
        return []
    if not story_required(collection):
        return []
    what = "no text" if not body.strip() else "only notes (<!-- ... -->), which are never published"
    return [Problem(path, max(body_line - 1, 1), 1, BODY_FIELD,
                    f"there is {what} below the closing --- line, so the page would be empty",
                    f"write the {collection.label}'s story below the closing ---")]
