"""MkDocs adapter: stop the build when one page takes too long to turn into HTML.

One job. Python-Markdown takes time that grows with the square (or worse) of some unusual
texts: a few thousand `[` or `![` in a row, long runs of lines of `=` or `- - -`. A page of
ordinary text converts in milliseconds; a page that takes MAX_SECONDS is stopped with its
file named, rather than leaving the build (and the pull-request check) running for hours.

The limit is a timer signal, so it holds where signals work: the main thread on Unix, which
is where `mkdocs build` runs. KEEPITLOCAL_PAGE_SECONDS sets another limit.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

MAX_SECONDS = 20.0


def _limit() -> float:
    return float(os.environ.get("KEEPITLOCAL_PAGE_SECONDS", MAX_SECONDS))


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _origin(page, config) -> str:
    """The file staff edit: content/... for generated pages (their edit link), else docs/..."""
    edit = page.file.edit_uri or ""
    if page.file.generated_by and edit.startswith("../"):
        return edit[len("../"):]
    return f"{Path(config.docs_dir).name}/{page.file.src_uri}"


@event_priority(-100)  # the last step before MkDocs converts the Markdown
def on_page_markdown(markdown: str, page, config, files) -> str:
    if _can_time():
        limit = _limit()

        def too_slow(signum, frame):
            raise PluginError(
                f"{_origin(page, config)}: its text took more than {limit:g} seconds to turn into a page, so the build "
                "stopped (look for long runs of [ ! < or * characters, or many lines of = or - - -, "
                "and remove or shorten them)")

        signal.signal(signal.SIGALRM, too_slow)
        signal.setitimer(signal.ITIMER_REAL, limit)
    return markdown


@event_priority(100)  # the first step after the Markdown is converted
def on_page_content(html: str, page, config, files) -> str:
    if _can_time():
        signal.setitimer(signal.ITIMER_REAL, 0)
    return html


def on_post_build(config) -> None:
    if _can_time():
        signal.setitimer(signal.ITIMER_REAL, 0)


def on_build_error(error) -> None:
    if _can_time():
        signal.setitimer(signal.ITIMER_REAL, 0)
