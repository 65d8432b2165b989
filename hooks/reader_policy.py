"""MkDocs adapter: every reader page carries the site's Content-Security-Policy.

One job: once a page is finished (every other hook has had its turn, hence the low priority),
put keepitlocal.reader_policy's policy at the top of its <head>, with the hashes of the inline
scripts and styles it holds; the 404 page too. The policy itself is defined there, nowhere else.
The editor at /admin/ is a file of its own with its own policy, so this never touches it.
The live preview (`mkdocs serve`, `make serve`) goes without it: MkDocs adds its own inline
script to every page it serves there, to reload the page when a file is saved.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from keepitlocal.publish.reader_policy import add_policy

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    return output if _serving else add_policy(output)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config) -> str:
    return add_policy(output_content) if template_name == "404.html" and not _serving else output_content
