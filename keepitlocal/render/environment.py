"""Templates: every piece of HTML the core makes comes from a Jinja2 template.

Templates live in keepitlocal/templates/ (and, for a project's own kinds of content, in a
`templates/` folder beside its mkdocs.yml, looked in first). Autoescaping is on for every
template, whatever its name: text from content is escaped where it is put in (with the
standard library's `html.escape`, as everywhere else in the site), and only what is already
HTML, or Markdown written by staff (an entry's story), is marked safe, by the caller.

Page templates (`*.md`) lay out a page's Markdown. They put each HTML component in with
`component(template, **context)`, which renders it and leaves a placeholder in the Markdown:
an HTML comment on a line of its own, which Markdown passes through untouched. The engine
adapter puts the components back after Markdown conversion (`expand`). A component made
with `searchable=False` (lists of cards, the filter form: all left out of site search, marked
`data-pagefind-ignore`) goes back last, once the page is made, so nothing parses it before.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from keepitlocal.base import text, urls
from keepitlocal.model import icons, pictures
from keepitlocal.schema.collections import TEMPLATE_DIR, site_kind

__all__ = ["Components", "Markup", "environment", "expand", "render"]

# A component's place in a page's Markdown: <!--kil:c3--> (put back when the Markdown is
# converted) or <!--kil:x3--> (put back last, once the page is made).
PLACEHOLDER = re.compile(r"<!--kil:([cx])\d+-->")
SEARCHABLE, NOT_SEARCHED = "c", "x"


def _escape(value):
    """Every {{ value }} not already HTML is escaped as html.escape does it."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return Markup(html.escape(value))
    return value


@cache
def environment(folders: tuple[Path, ...] = (TEMPLATE_DIR,)) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        finalize=_escape,
        auto_reload=False,  # read each template once per process: a build asks for them thousands of times
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The helpers templates use: links, dates, amounts, type badges, icons.
    env.globals.update(link=urls.link, human_date=text.human_date, joined_parts=text.joined_parts,
                       pounds=text.pounds, badge=lambda kind: type_badge(kind, folders), to_root=urls.to_root,
                       picture_sizes={"page": pictures.PAGE_SIZES, "card": pictures.CARD_SIZES},
                       icon=lambda name: Markup(icons.icon_svg(name)))
    return env


def render(name: str, folders: tuple[Path, ...] = (TEMPLATE_DIR,), **context) -> Markup:
    """A template rendered with `context`, as HTML (or Markdown) safe to put into a page."""
    return Markup(environment(tuple(folders)).get_template(name).render(**context))


class Components:
    """The HTML components of one page: `add` renders one and returns its placeholder."""

    def __init__(self, folders: tuple[Path, ...] = (TEMPLATE_DIR,), context: dict | None = None):
        self.folders = tuple(folders)
        self.context = context or {}
        self.html: dict[str, str] = {}  # placeholder -> HTML

    def add(self, name: str, searchable: bool = True, **context) -> Markup:
        rendered = render(name, self.folders, **{**self.context, **context}).strip()
        if not rendered:
            return Markup("")
        key = f"<!--kil:{SEARCHABLE if searchable else NOT_SEARCHED}{len(self.html)}-->"
        self.html[key] = str(rendered)
        return Markup(key)


def expand(text: str, components: dict[str, str], stages: str = SEARCHABLE + NOT_SEARCHED) -> str:
    """`text` (Markdown, or HTML made from it) with the components of the given stages in place."""
    if not components or "<!--kil:" not in text:
        return text
    return PLACEHOLDER.sub(lambda m: components.get(m[0], m[0]) if m[1] in stages else m[0], text)


def render_html(name: str, **context) -> str:
    """A campaign template (news, the network, the briefing, the home page's parts) rendered with the
    filters those templates use: dates, plurals and CSS strings."""
    return str(render(name, human_date=text.human_date, plural=text.plural, css_string=css_string, **context))


def css_string(value: str) -> Markup:
    """Text as a quoted CSS string, safe inside a <style> element: quotes, backslashes, line
    breaks and angle brackets are written as CSS escapes."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' else c for c in str(value))
    return Markup(f'"{escaped}"')


def type_label(kind: str) -> str:
    """A case-study type's name for readers, from the schema's labels."""
    return site_kind("case-studies").schema["properties"]["type"]["x-labels"][kind]


@cache
def type_badge(kind: str, folders: tuple[Path, ...] = (TEMPLATE_DIR,)) -> Markup:
    return render("components/badge.html", folders, kind=kind, label=type_label(kind))
