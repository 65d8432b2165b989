"""Two files may not make the same page.

Generated pages live beside hand-written ones. MkDocs lets a generated file replace a docs/
file with the same path without a word, and writes two pages with the same address over each
other (`case-studies.md` and `case-studies/index.md` are both /case-studies/), so an engine
adapter asks here first, with plain paths.
"""

from __future__ import annotations

from collections.abc import Iterable

from keepitlocal.base.urls import output_path, page_address


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
