"""MkDocs adapter: links to the join form say which page they are on.

One job: on each finished page, add the tracking parameters set under `extra.join_tracking`
in mkdocs.yml to every link to `extra.network_url` (keepitlocal.campaign_links).
"""

from __future__ import annotations

from keepitlocal.campaign_links import tag_links


def on_post_page(output: str, page, config) -> str:
    extra = config.extra
    return tag_links(output, extra.get("network_url", ""), dict(extra.get("join_tracking") or {}), page.url)
