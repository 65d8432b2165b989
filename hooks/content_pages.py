"""MkDocs adapter: publish the content core's pages as generated files.

One job: load and validate content/ (keepitlocal.site), and add every page it makes
(keepitlocal.pages) to MkDocs' files, in memory. Any content problem stops the build with
every problem listed, one per line, and a summary.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.pages import Page, build_pages
from keepitlocal.problems import annotations, report
from keepitlocal.site import load_site


# `mkdocs serve` is a preview: drafts are shown there, with a banner, and never in a build.
_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_files(files: Files, config) -> Files:
    project_root = Path(config.config_file_path).parent
    site = load_site(project_root, preview=_preview)
    if site.problems:
        for line in annotations(site.problems):  # GitHub Actions shows each on its line of the pull request
            print(line, flush=True)
        raise PluginError("Content has problems:\n" + report(site.problems))
    clashes = []
    for page in build_pages(site):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            clashes.append(f"{page.edit_path or 'the generated ' + page.title + ' page'} and "
                           f"{Path(config.docs_dir).name}/{existing.src_uri} would both be the page /{page.url}")
            continue
        files.append(_generated_file(config, page))
    if clashes:
        raise PluginError("Two files make the same page:\n" + "\n".join(clashes))
    return files


def _generated_file(config, page: Page) -> File:
    meta = {"title": page.title, "description": page.description, **page.meta}
    front_matter = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    file = File.generated(config, page.src_uri, content=f"---\n{front_matter}---\n\n{page.markdown}")
    # Edit links open the content file, which lives beside docs/ (edit_uri points into docs/).
    file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
    return file
