"""Put the content files the browser editor saves in the exact style it saves them.

    python tools/editor_style.py [FOLDER]   (make editor-style; needs Node 20+ and npm)

The editor (Sveltia CMS at /admin/) rewrites a whole file when it saves one field: its own
quoting, list style, key order and line breaks. Files written by hand in another style then
show a reviewer dozens of changed lines for one changed word. This command writes every file
the editor edits (each kind's entries and list page, and the home page) once in the editor's
style, with the editor's own YAML library (tools/cms-yaml/normalise.mjs), so that a save from
the editor changes only the lines that changed. Run it again at any time: a file already in
the style is left alone. content/site.yml is left out: its `#` notes explain each setting, and
the editor would drop them.

A file written by hand in any style the check accepts is still fine: the style is never a
mistake; this only keeps the editor's pull requests small.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keepitlocal.check.load import checked_data_files  # noqa: E402
from keepitlocal.schema.collections import INDEX_FILE, collections_for  # noqa: E402
from keepitlocal.staff.editor import YAML_OUTPUT, editor_config  # noqa: E402

FORMATTER = ROOT / "tools" / "cms-yaml"


def shape(fields: list[dict]) -> list[dict]:
    """The form's fields, in order, as the formatter needs them: which are required, which are
    yes/no boxes (saved as false when empty), and the fields of groups and of list items."""
    out = []
    for field in fields:
        item = {"name": field["name"], "required": bool(field.get("required", True)),
                "boolean": field.get("widget") == "boolean"}
        if field.get("widget") == "object":
            item["fields"] = shape(field["fields"])
        if field.get("widget") == "list" and "fields" in field:
            item["list"] = shape(field["fields"])
        out.append(item)
    return out


def plan(root: Path) -> dict:
    """Every file the editor edits, with the fields of its form."""
    collections = collections_for(root)
    config = editor_config(repo="owner/name", collections=collections, data=checked_data_files(root))
    files = []
    for form in config["collections"]:
        if "folder" in form:
            folder = root / form["folder"]
            for path in sorted(folder.glob("*.md")):
                fields = form["index_file"]["fields"] if path.name == INDEX_FILE else form["fields"]
                files.append({"path": path.relative_to(root).as_posix(), "format": "yaml-frontmatter",
                              "fields": shape(fields)})
        for file in form.get("files", []):
            if file["format"] == "yml":
                continue  # content/site.yml keeps its notes
            if (root / file["file"]).is_file():
                files.append({"path": file["file"], "format": file["format"], "fields": shape(file["fields"])})
    return {"yaml": dict(YAML_OUTPUT), "root": str(root), "files": files}


def main(argv: list[str]) -> int:
    if shutil.which("node") is None:
        print("editor-style: Node.js is not installed: install Node.js 20 or newer", file=sys.stderr)
        return 1
    if not (FORMATTER / "node_modules" / "yaml").is_dir():
        print("editor-style: run  cd tools/cms-yaml && npm ci  first (make editor-style does)", file=sys.stderr)
        return 1
    work = plan(Path(argv[1]).resolve() if len(argv) > 1 else ROOT)
    result = subprocess.run(["node", str(FORMATTER / "normalise.mjs")], input=json.dumps(work),
                            capture_output=True, text=True)
    sys.stderr.write(result.stderr)
    changed = result.stdout.split()
    for path in changed:
        print(f"  {path}")
    print(f"{len(changed)} of {len(work['files'])} files rewritten in the editor's style")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
