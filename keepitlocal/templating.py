"""Jinja2 templates for generated pages and their HTML components (keepitlocal/templates/).

Autoescaping is on for every template, so text from front-matter is escaped where it becomes
HTML; a story (Markdown written by staff) is passed in marked safe, as it is the page's own
text. Undefined names are errors, so a misspelt variable fails a test instead of printing
nothing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TEMPLATE_DIR = Path(__file__).with_name("templates")
_MONTHS = "January February March April May June July August September October November December".split()


def human_date(value) -> str:
    """2018-05-16 -> 16 May 2018; 2018-05 -> May 2018; 2018 -> 2018."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def plural(count: int, one: str, many: str | None = None) -> str:
    """plural(1, "council") -> "1 council"; plural(17, "council") -> "17 councils"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def css_string(text: str):
    """Text as a quoted CSS string, safe inside a <style> element: quotes, backslashes,
    line breaks and < are written as CSS escapes."""
    import markupsafe

    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' else c for c in str(text))
    return markupsafe.Markup(f'"{escaped}"')


@cache
def environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["human_date"] = human_date
    env.filters["plural"] = plural
    env.filters["css_string"] = css_string
    return env


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context)


def markdown(text: str):
    """Staff-written Markdown (a story), passed to a template unescaped."""
    import markupsafe

    return markupsafe.Markup(text)
