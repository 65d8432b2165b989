"""Two files may not make the same page.

Generated pages live beside hand-written ones. MkDocs lets a generated file replace a docs/
file with the same path without a word, and writes two pages with the same address over each
other (`case-studies.md` and `case-studies/index.md` are both /case-studies/), so an engine
adapter asks here first, with plain paths.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from .pages import page_url

# What MkDocs reads as Markdown pages; anything else in docs/ is copied as it is.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def output_path(src_uri: str) -> str:
    """The file a docs/ path becomes in the built site, with directory URLs (`page_url`):
    `about.md` -> `about/index.html`, `a/index.md` and `a/README.md` -> `a/index.html`,
    `assets/site.css` -> `assets/site.css`."""
    stem, suffix = posixpath.splitext(src_uri)
    if suffix.lower() not in MARKDOWN_SUFFIXES:
        return src_uri
    parent, name = posixpath.split(stem)
    if name == "README":
        stem = posixpath.join(parent, "index")
    return page_url(stem + ".md") + "index.html"


def page_address(output: str) -> str:
    """/case-studies/ for case-studies/index.html; other files keep their path."""
    return "/" + (output[: -len("index.html")] if output.endswith("index.html") else output)


def url_clashes(docs_paths: Iterable[str], generated: Iterable[tuple[str, str]], docs_dir: str = "docs") -> list[str]:
    """One message for each generated page that another file would also make.

    `docs_paths`: every file in the docs folder, relative to it (`case-studies/index.md`).
    `generated`: (src_uri, what it is made from) for each generated page, e.g.
    ("case-studies/preston-model.md", "content/case-studies/preston-model.md")."""
    made_by: dict[str, list[str]] = {}
    for path in sorted(docs_paths):
        made_by.setdefault(output_path(path), []).append(f"{docs_dir}/{path}")
    messages = []
    for src_uri, origin in generated:
        output = output_path(src_uri)
        others = made_by.setdefault(output, [])
        for other in others:
            messages.append(f"{origin} and {other} would both be the page {page_address(output)}")
        others.append(origin)
    return messages
