"""Links to the join form say which page sent the reader, without tracking anyone.

The site sets no cookie and runs no analytics, so Locality counts on its own sign-up form
which pages bring people to join: every link on a page to the form's address gets
`utm_source`, `utm_medium` and `utm_content=<the page's address>` added to it. The form's
address and the two fixed values are site settings; an engine adapter calls `tag_links` on
each page's finished HTML.
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_HREF = re.compile(r'(<a\b[^>]*?\bhref=")([^"]*)(")', re.I)


def tagged(url: str, params: dict[str, str]) -> str:
    """`url` with `params` added to its query; parameters it already has are kept as they are."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {name for name, _ in query}
    query += [(name, value) for name, value in params.items() if name not in present]
    return urlunsplit(parts._replace(query=urlencode(query, safe="/")))


def tag_links(html: str, target: str, params: dict[str, str], page: str) -> str:
    """Every `<a href>` in `html` that points at `target` (the same address, whatever its
    query or fragment), with the tracking parameters and `utm_content=page` added."""
    if not target or not params:
        return html
    wanted = urlsplit(target)._replace(query="", fragment="").geturl().rstrip("/")
    values = {**params, "utm_content": page or "home"}

    def replace(match: re.Match) -> str:
        href = unescape(match[2])
        if urlsplit(href)._replace(query="", fragment="").geturl().rstrip("/") != wanted:
            return match[0]
        return match[1] + escape(tagged(href, values)) + match[3]

    return _HREF.sub(replace, html)


# A Markdown link's address: [text](address "title"), [text](<address>) or [name]: address.
_MARKDOWN_LINK = re.compile(r"(\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)([^\s<>()]+)", re.M)


def tag_markdown_links(markdown: str, target: str, params: dict[str, str], page: str) -> str:
    """As `tag_links`, for the links written in Markdown and the HTML within it: for an engine
    that builds the page from the Markdown with no step of ours after it."""
    if not target or not params:
        return markdown
    wanted = urlsplit(target)._replace(query="", fragment="").geturl().rstrip("/")
    values = {**params, "utm_content": page or "home"}

    def replace(match: re.Match) -> str:
        if urlsplit(match[2])._replace(query="", fragment="").geturl().rstrip("/") != wanted:
            return match[0]
        return match[1] + tagged(match[2], values)

    return tag_links(_MARKDOWN_LINK.sub(replace, markdown), target, params, page)
