"""The Content-Security-Policy of every reader page: the one place it is defined.

GitHub Pages cannot send headers, so the policy travels in the page, as a meta element with
http-equiv="Content-Security-Policy" (templates/components/content-security-policy.html), the
first thing in the page's head (a policy applies only to what follows it). It is made after
the page is rendered: each inline script and style element the page holds then (the theme's
own, and ours in overrides/) is allowed by its sha256 hash, and nothing else inline runs: not
a script a story might smuggle past the allow-list (keepitlocal/safe_html.py), not an event
handler attribute, not a `javascript:` link.

Everything else comes from the site itself (`'self'`): no third-party origin is allowed, so a
page can make no request to another website. Pictures may also be `data:` addresses, which the
theme's stylesheet uses for its icons.

The staff editor at /admin/ keeps its own policy (editor/index.html, from
keepitlocal/editor.py): it talks to GitHub, which a reader page never does.

To change the policy, change DIRECTIVES below and nothing else. The site's search (Pagefind)
is built on WebAssembly, so script-src has `'wasm-unsafe-eval'`: browsers refuse to compile
WebAssembly under a policy without it, and it allows nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import re

from keepitlocal.render.environment import Markup, render

# Each directive and its sources. Hashes of the page's inline scripts and styles are added to
# script-src and style-src when the page is made.
DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # Pagefind, the site's search, compiles WebAssembly: 'wasm-unsafe-eval' allows that and no
    # other evaluation of code (not eval(), not new Function()).
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# Script types a browser runs; JSON (the theme's settings, schema.org data) is only read.
_RUN = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)
MARK = 'http-equiv="Content-Security-Policy"'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """The hashes of the inline scripts a browser would run, and of the style elements, in order."""
    scripts = [_hash(m[2]) for m in _SCRIPT.finditer(html) if not _SRC.search(m[1])
               and ((t := _TYPE.search(m[1])) is None or t[1].lower() in _RUN)]
    styles = [_hash(m[1]) for m in _STYLE.finditer(html)]
    return list(dict.fromkeys(scripts)), list(dict.fromkeys(styles))


def policy(script_hashes=(), style_hashes=()) -> str:
    """The policy's text, with these inline scripts and styles allowed."""
    sources = {name: list(values) for name, values in DIRECTIVES.items()}
    sources["script-src"] += script_hashes
    sources["style-src"] += style_hashes
    return "; ".join(f"{name} {' '.join(values)}" for name, values in sources.items())


def add_policy(html: str) -> str:
    """A rendered page with its policy at the top of its <head> (after the character set, which
    must come first). A page that already has one, or has no <head>, is left as it is."""
    if MARK in html:
        return html
    head = _HEAD.search(html)
    if head is None:
        return html
    text = policy(*inline_hashes(html))

    # Sources and base64 hashes only: no character that could end the attribute.
    assert not set(text) & set('"<>&'), text
    tag = "\n" + str(render("components/content-security-policy.html", policy=Markup(text))).strip()
    return html[:head.end()] + tag + html[head.end():]
