"""MkDocs adapter: index the built site for search.

One job: once MkDocs has written the site (`make build`, every rebuild of `make serve`, the
deploy workflow's build), run Pagefind over it (keepitlocal.search). When the index cannot be
made the build stops with the reason, rather than publishing a search that finds nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from keepitlocal.publish.search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.search_index")


def on_post_build(config) -> None:
    try:
        pages = index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("Search: %d pages indexed", pages)
