"""Templates: every piece of HTML the core makes comes from a Jinja2 template.

Templates live in keepitlocal/templates/ (and, for a project's own kinds of content, in a
`templates/` folder beside its mkdocs.yml, looked in first). Autoescaping is on for every
template, whatever its name: text from content is escaped where it is put in, and only what
is already HTML or Markdown written by staff (an entry's story) is marked safe, by the caller.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .collections import TEMPLATE_DIR

__all__ = ["Markup", "environment", "render"]


@cache
def environment(folders: tuple[Path, ...] = (TEMPLATE_DIR,)) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from . import pages  # the helpers templates use: links, dates, amounts

    env.globals.update(link=pages.link, human_date=pages.human_date, pounds=pages.pounds)
    return env


def render(name: str, folders: tuple[Path, ...] = (TEMPLATE_DIR,), **context) -> Markup:
    """A template rendered with `context`, as HTML (or Markdown) safe to put into a page."""
    return Markup(environment(tuple(folders)).get_template(name).render(**context))
