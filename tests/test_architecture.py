"""The content core stays independent of the site engine."""

import ast
from pathlib import Path

import jinja2
from conftest import ROOT
from jinja2 import nodes

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


CORE = ROOT / "keepitlocal"


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_the_import_contracts_hold():
    """The layers of keepitlocal/ (base, read, schema, model, check | render, publish | staff, app,
    cli) import only downwards, check never loads templates or renders, and so on: .importlinter."""
    import subprocess
    import sys

    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_the_contracts_catch_a_check_that_renders(tmp_path):
    """The layers contract is no formality: a check module importing the renderer breaks it."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(CORE, tmp_path / "keepitlocal", ignore=shutil.ignore_patterns("__pycache__", "templates"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    story = tmp_path / "keepitlocal/check/story.py"
    story.write_text(story.read_text("utf-8") + "\nfrom keepitlocal.render import environment  # noqa\n", "utf-8")
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "keepitlocal.check.story -> keepitlocal.render.environment" in result.stdout


def test_no_private_name_is_imported_from_another_module():
    """A name starting with _ is its module's own; another module that needs it needs a public one."""
    found = []
    for path in core_modules() + sorted((ROOT / "hooks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("keepitlocal")):
                found += [f"{path.relative_to(ROOT)}:{node.lineno} {alias.name}" for alias in node.names
                          if alias.name.startswith("_") and alias.name != "__future__"]
    assert found == []


def test_the_core_imports_its_own_modules_at_the_top():
    """An import of the core's own modules inside a function hides an edge between layers, or
    dodges a cycle: refused, unless a comment on its line says why it waits."""
    found = []
    for path in core_modules():
        text = path.read_text("utf-8")
        lines = text.split("\n")
        tree = ast.parse(text)
        top = {node for node in tree.body}
        top |= {inner for node in tree.body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                for inner in node.body}  # imports for type annotations only: never run
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom | ast.Import) and node not in top:
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                if any(name.startswith("keepitlocal") for name in names) or getattr(node, "level", 0):
                    if "#" not in lines[node.lineno - 1]:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_importing_the_core_reads_no_file(tmp_path):
    """Declarations (collections.yml, generated-parts.yml) and schemas are read on first use,
    never when a module is imported: importing every module opens none of the core's data files."""
    import subprocess
    import sys

    modules = [".".join(path.relative_to(ROOT).with_suffix("").parts) for path in core_modules()
               if path.name != "__main__.py"]
    script = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "print('\\n'.join(p for p in opened if p.endswith(('.yml', '.json', '.md', '.html'))))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.split("\n") if "keepitlocal" in line] == []


def test_no_module_keeps_a_cache_keyed_by_object_identity():
    """id() of an object outlives the object: a cache keyed by it can hand one build's value to another."""
    found = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in core_modules()
             for node in ast.walk(ast.parse(path.read_text("utf-8")))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"]
    assert found == []


def test_every_behaviour_a_kind_may_declare_is_registered_and_nothing_else():
    """A kind's `behaviour:` is one of the names collections.schema.json allows, and each layer
    registers its part under those names only: a name nobody registered, or a registered part no
    declaration can reach, is a mistake."""
    import json

    from keepitlocal.check import kinds as check_kinds
    from keepitlocal.render import kinds as render_kinds
    from keepitlocal.schema.collections import site_kinds

    allowed = set(json.loads((CORE / "collections.schema.json").read_text("utf-8"))
                  ["additionalProperties"]["properties"]["behaviour"]["enum"])
    assert set(check_kinds.REGISTRY) | set(render_kinds.REGISTRY) == allowed
    for name, checks in check_kinds.REGISTRY.items():
        assert callable(checks.problems) and callable(checks.notes), name
    for name, pages in render_kinds.REGISTRY.items():
        assert any(vars(pages).values()), f"{name} registers no part of its pages"
    declared = {c.behaviour for c in site_kinds().values() if c.behaviour}
    assert declared <= allowed and declared == {"events", "news", "councils"}


def test_anchors_only_generated_pages_have_are_settled_once_per_load(project, monkeypatch):
    """A story linking to another entry's #sources makes the pipeline build the pages to look;
    every adapter of a build asks for the site, and the pages are built for the first only."""
    from keepitlocal.app import pipeline

    case = project.root / "content/case-studies/good-example.md"
    case.write_text(case.read_text("utf-8") + "\nSee [its sources](../principles/local-spend.md#sources).\n",
                    "utf-8")
    built = []
    real = pipeline.build_pages
    monkeypatch.setattr(pipeline, "build_pages", lambda site, *a: built.append(1) or real(site, *a))
    first = pipeline.load_site(project.root)
    assert pipeline.load_site(project.root) is first and len(built) == 1


def _templates() -> list[Path]:
    """The theme's overrides and the core's templates."""
    return [p for folder in ("overrides", "keepitlocal/templates") for p in sorted((ROOT / folder).rglob("*"))
            if p.suffix in {".html", ".md", ".xml"}]


def _parsed(path: Path) -> nodes.Template:
    return jinja2.Environment(extensions=["jinja2.ext.do"]).parse(path.read_text("utf-8"))


def _method_calls(path: Path) -> list[tuple[int, str]]:
    """The methods a template calls on its values, with their lines, as Jinja2 itself parses it."""
    return [(call.lineno, call.node.attr) for call in _parsed(path).find_all(nodes.Call)
            if isinstance(call.node, nodes.Getattr)]


def test_templates_call_no_python_string_or_list_methods():
    """Templates any engine can read: MiniJinja-based engines (Zensical) lack Python's string and
    list methods (`title.rstrip("/")`, `items.index(x)`), so the theme's overrides and the core's
    templates use filters, loops and the core's own functions instead."""
    python_only = {name for name in dir(str) + dir(list) if not name.startswith("_")}
    templates = _templates()
    assert len(templates) > 40
    found = [f"{path.relative_to(ROOT)}:{line}: .{name}()" for path in templates
             for line, name in _method_calls(path) if name in python_only]
    assert not found, "\n".join(found)


def test_the_template_rule_finds_a_string_method(tmp_path):
    page = tmp_path / "404.html"
    page.write_text('{% set url = page.url.rstrip("/") %}\n{{ items.get("a") }}\n', "utf-8")
    assert [(line, name) for line, name in _method_calls(page) if name in dir(str)] == [(1, "rstrip")]


# Filters every Jinja2-like engine has: Jinja2's own that MiniJinja (under Zensical) shares, and
# `url` and `striptags`, which MkDocs' and Material's own templates use, so any engine that
# renders Material's theme has them.
SHARED_FILTERS = {"abs", "attr", "batch", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
                  "float", "groupby", "indent", "int", "items", "join", "last", "length", "list", "lower", "map",
                  "max", "min", "reject", "rejectattr", "replace", "reverse", "round", "safe", "select",
                  "selectattr", "slice", "sort", "string", "sum", "title", "tojson", "trim", "unique", "upper",
                  "urlencode", "url", "striptags"}


def _filters(path: Path) -> list[tuple[int, str]]:
    return [(node.lineno, node.name) for node in _parsed(path).find_all(nodes.Filter)]


def test_templates_use_only_filters_every_jinja2_like_engine_has():
    """Jinja2-only filters (`xmlattr`, `wordwrap`, `filesizeformat`...) would stop another engine
    as a string method would."""
    found = [f"{path.relative_to(ROOT)}:{line}: | {name}" for path in _templates()
             for line, name in _filters(path) if name not in SHARED_FILTERS]
    assert not found, "\n".join(found)


def test_the_filter_rule_finds_a_jinja2_only_filter(tmp_path):
    page = tmp_path / "x.html"
    page.write_text("{{ words | xmlattr }}\n{{ title | e }}\n", "utf-8")
    assert [name for _, name in _filters(page) if name not in SHARED_FILTERS] == ["xmlattr"]
