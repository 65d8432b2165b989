"""MkDocs adapter: hand-written pages in docs/ that list `sources` cite them as content files do.

One job: number the `[@id]` citations of such a page and add its source list at the foot
(keepitlocal.render.citations). A mistake in its sources or citations stops the build, named at
its file and line; `make check` reports the same. The source list's words are content/site.yml's.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from keepitlocal.app.pipeline import load_site
from keepitlocal.base.problems import report
from keepitlocal.check.handwritten import read_page
from keepitlocal.render.citations import cite_page

# `mkdocs serve` is a preview: the same rule as the other hooks, so all share one load.
_preview = False
_site = None  # the site, read once per build, for the words of the source lists


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_env(env, config, files):
    global _site
    _site = load_site(Path(config.config_file_path).parent, preview=_preview)
    return env


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
    return cite_page(cited.data["sources"], markdown, _site)
