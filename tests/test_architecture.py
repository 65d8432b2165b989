"""The content core stays independent of the site engine."""

import ast
from pathlib import Path

from conftest import ROOT

ALLOWED = {"yaml", "fastjsonschema", "jsonschema", "referencing", "jinja2", "markupsafe", "icalendar", "markdown",
           "PIL", "nh3", "keepitlocal", "pagefind_bin"}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_imports_only_the_standard_library_yaml_and_jsonschema():
    import sys

    for path in (ROOT / "keepitlocal").rglob("*.py"):
        third_party = {m for m in imported_modules(path) if m not in sys.stdlib_module_names}
        assert third_party <= ALLOWED, f"{path.relative_to(ROOT)} imports {third_party - ALLOWED}"


def test_hooks_do_not_import_each_other():
    hooks = {p.stem for p in (ROOT / "hooks").glob("*.py")}
    for path in (ROOT / "hooks").glob("*.py"):
        assert not (imported_modules(path) & hooks), path.name


def test_no_hook_reads_the_content_once_per_page():
    """A hook that loads the site for each page makes a build grow with the square of its size:
    pages are built from what on_files or on_env read once per build."""
    per_page = []
    for path in sorted((ROOT / "hooks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith(("on_page_", "on_post_page")):
                called = {n.func.id for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
                if "load_site" in called:
                    per_page.append(f"{path.name}: {node.name}")
    assert per_page == []
