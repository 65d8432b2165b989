"""MkDocs adapter: publish what staff need that is made from the schemas.

One job: add the field reference page and the templates page, and the schema files themselves
(under schemas/, for editors and other tools), all made by keepitlocal.scaffold.staff_files
from the schemas, to MkDocs' files, in memory.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.collections import DeclarationError, collections_for
from keepitlocal.problems import report
from keepitlocal.scaffold import staff_files


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
