"""Every address the site has, from one rule: a page's source path (`case-studies/x.md`) is
published at a directory address (`case-studies/x/`), and every link between pages is relative,
so the site works under any sub-path."""

from __future__ import annotations

import posixpath

# What engines read as Markdown pages; anything else in docs/ is copied as it is.
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
HOME = "index.md"


def page_url(src_uri: str) -> str:
    """The page's address relative to the site root, with directory URLs:
    `case-studies/preston-model.md` -> `case-studies/preston-model/`."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_address(src_uri: str) -> str:
    """A page's address from the site root, as readers and the list of published addresses
    write it: `case-studies/x.md` -> `/case-studies/x/`."""
    return "/" + page_url(src_uri)


def link(from_src_uri: str, to_src_uri: str) -> str:
    """A relative link between two pages."""
    here, there = page_url(from_src_uri).split("/")[:-1], page_url(to_src_uri).split("/")[:-1]
    shared = 0
    while shared < min(len(here), len(there)) and here[shared] == there[shared]:
        shared += 1
    relative = "../" * (len(here) - shared) + "".join(part + "/" for part in there[shared:])
    return relative or "./"


def to_root(src_uri: str) -> str:
    """The relative link from a page to the site root (`../../`, or `./` from the home page)."""
    return link(src_uri, HOME)


def file_href(from_src_uri: str, path: str) -> str:
    """A relative link from a page to a file at `path` from the site root (news/feed.xml,
    events.ics, a picture)."""
    return "../" * page_url(from_src_uri).count("/") + path


def absolute_url(site_url: str, path: str) -> str:
    """`https://example.org/sub` + `case-studies/x/` -> `https://example.org/sub/case-studies/x/`;
    with no site address, the path from the root."""
    return site_url.rstrip("/") + "/" + path if site_url else "/" + path


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
