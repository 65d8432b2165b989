"""MkDocs adapter: publish what staff need that is made from the schemas.

One job: add the field reference page and the templates page (keepitlocal.reference and
keepitlocal.scaffold, both made from the schemas), and the schema files themselves (under
schemas/, for editors and other tools), to MkDocs' files, in memory.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal.collections import DeclarationError, collections_for
from keepitlocal.problems import report
from keepitlocal.reference import REFERENCE_SRC_URI, REFERENCE_URL, SCHEMAS_URL, markdown, schema_files
from keepitlocal.scaffold import TEMPLATES_SRC_URI, templates_markdown


def on_files(files: Files, config) -> Files:
    try:
        collections = collections_for(Path(config.config_file_path).parent)
    except DeclarationError as error:
        raise PluginError("Content has problems:\n" + report(error.problems)) from None
    reference_address = (config.site_url or "").rstrip("/") + "/" + REFERENCE_URL if config.site_url else ""
    pages = {
        REFERENCE_SRC_URI: ("Field reference",
                            ("Every field of a Keep it Local content file: required or optional, what to write, "
                             "the allowed values and an example."),
                            markdown(collections)),
        TEMPLATES_SRC_URI: ("Templates for new pages",
                            "Templates to copy when adding a case study or a principle on github.com.",
                            templates_markdown(reference_address, collections)),
    }
    generated = {src_uri: _page(title, description, text) for src_uri, (title, description, text) in pages.items()}
    generated.update({f"{SCHEMAS_URL}{name}": text for name, text in schema_files(collections).items()})
    for src_uri, content in generated.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"{config.docs_dir}/{src_uri} would replace the generated {src_uri}: rename or remove it")
        file = File.generated(config, src_uri, content=content)
        file.edit_uri = None  # made from keepitlocal/schemas/, not edited as a page
        files.append(file)
    return files


def _page(title: str, description: str, text: str) -> str:
    # for_staff: the site's search leaves the page out (overrides/main.html), as for the staff guide.
    meta = yaml.safe_dump({"title": title, "description": description, "for_staff": True}, sort_keys=False,
                          allow_unicode=True)
    return f"---\n{meta}---\n\n{text}"
