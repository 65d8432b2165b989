"""MkDocs adapter: hand-written pages in docs/ that list `sources` cite them as content files do.

One job: number the `[@id]` citations of such a page and add its source list at the foot
(keepitlocal.render.citations). A mistake in its sources or citations stops the build, named at
its file and line; `make check` reports the same.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from keepitlocal.base.problems import report
from keepitlocal.check.handwritten import read_page
from keepitlocal.render.citations import cite_page


def on_page_markdown(markdown: str, page, config, files) -> str:
    if page.file.generated_by or "sources" not in page.meta or not page.file.abs_src_path:
        return markdown
    path = Path(page.file.abs_src_path).resolve()
    root = Path(config.config_file_path).resolve().parent
    cited = read_page(path.read_bytes(), path.relative_to(root).as_posix())
    if cited is None:
        return markdown
    if cited.problems:
        raise PluginError("A page's sources have problems:\n" + report(cited.problems))
    return cite_page(cited.data["sources"], markdown)
