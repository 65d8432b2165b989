"""MkDocs adapter: publish what staff need that is made from the schemas.

One job: add the field reference page and the templates page, and the schema files themselves
(under schemas/, for editors and other tools), all made by keepitlocal.scaffold.staff_files
from the schemas, to MkDocs' files, in memory; and keep every page under staff/ (these two and
the staff guide) out of readers' way: each is marked `staff` in its metadata, so the theme asks
search engines not to index it and the sitemap leaves it out.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.base.problems import report
from keepitlocal.schema.collections import DeclarationError, collections_for
from keepitlocal.schema.reference import STAFF_FOLDER
from keepitlocal.staff.scaffold import staff_files


def on_files(files: Files, config) -> Files:
    try:
        collections = collections_for(Path(config.config_file_path).parent)
    except DeclarationError as error:
        raise PluginError("Content has problems:\n" + report(error.problems)) from None
    for src_uri, content in staff_files(collections, config.site_url or "").items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"{config.docs_dir}/{src_uri} would replace the generated {src_uri}: rename or remove it")
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = None  # made from keepitlocal/schemas/, not edited as a page
        files.append(file)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    # Runs as each page is read, before the sitemap is written, so the sitemap sees the mark.
    if page.file.src_uri.startswith(STAFF_FOLDER):
        page.meta["staff"] = True
    return markdown
