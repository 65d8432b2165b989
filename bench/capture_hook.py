"""Benchmark helper hook: copy every file of a real build, generated ones included, into the
folder named by KIL_CAPTURE, with each page's Markdown as the hooks left it and every HTML
component put back in it. Building that folder with a bare Material config (no hooks) gives
the baseline: the same pages, the same theme, the same short nav, without our hooks' work."""

import os
from pathlib import Path

from mkdocs.plugins import event_priority

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.build import build_pages
from keepitlocal.render.environment import expand
from keepitlocal.render.home import place_markers

CAPTURE = Path(os.environ["KIL_CAPTURE"])
_site = None


@event_priority(-100)
def on_files(files, config):
    global _site
    _site = load_site(Path(config.config_file_path).parent)
    pages = {page.src_uri: page for page in build_pages(_site)}
    for file in files:
        target = CAPTURE / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        page = pages.get(file.src_uri)
        if page is not None and file.generated_by:
            target.write_text(file.content_string.replace(page.markdown, page.expanded()), encoding="utf-8")
        else:
            target.write_bytes(file.content_bytes)
    return files


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by is None:  # a docs/ page: keep what the hooks made of it, parts and all
        text = page.file.content_string
        meta = text.split("\n---", 1)[0] + "\n---\n" if text.startswith("---") else ""
        _, components = place_markers(text, _site, page.file.src_uri)
        (CAPTURE / page.file.src_uri).write_text(meta + expand(markdown, components), encoding="utf-8")
    return markdown
