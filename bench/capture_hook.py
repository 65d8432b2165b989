"""Benchmark helper hook: copy every file of a real build, generated ones included, into the
folder named by KIL_CAPTURE, with each page's Markdown as the hooks left it. Building that
folder with a bare Material config (no hooks) gives the baseline: the same pages, the same
theme, the same short nav, without our hooks' work."""

import os
from pathlib import Path

from mkdocs.plugins import event_priority

CAPTURE = Path(os.environ["KIL_CAPTURE"])


@event_priority(-100)
def on_files(files, config):
    for file in files:
        target = CAPTURE / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content_bytes)
    return files


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by is None:  # a docs/ page: keep what the hooks made of it
        text = page.file.content_string
        meta = text.split("\n---", 1)[0] + "\n---\n" if text.startswith("---") else ""
        (CAPTURE / page.file.src_uri).write_text(meta + markdown, encoding="utf-8")
    return markdown
