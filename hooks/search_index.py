"""MkDocs adapter: index the built site for search.

One job: once MkDocs has written the site (`make build`, every rebuild of `make serve`, the
deploy workflow's build), run Pagefind over it (keepitlocal.search). When the index cannot be
made the build stops with the reason, rather than publishing a search that finds nothing.
Material's own search (lunr, its languages and its worker), which the theme would copy into
every site, is left out of the files to publish: nothing on the site loads it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from keepitlocal.publish.search import SearchIndexError, index_site

log = logging.getLogger("mkdocs.hooks.search_index")


# Material's search files, by their place in the theme.
MATERIAL_SEARCH = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def on_files(files, config):
    for file in [f for f in files if f.src_uri.startswith(MATERIAL_SEARCH)]:
        files.remove(file)
    return files


def on_post_build(config) -> None:
    try:
        pages = index_site(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("Search: %d pages indexed", pages)
