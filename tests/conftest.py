"""Shared test helpers: small throwaway projects with valid content to break on purpose."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import textwrap
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRINCIPLE = """\
---
title: Increase local spend to invest in the local economy
number: {number}
summary: Spend public money with local organisations so it circulates locally.
---
Why local spend matters.
"""

CASE_STUDY = """\
---
title: {title}
summary: A council kept its services local and the money stayed in the area.
type: keep-it-local
place: Testshire County Council
region: North West
year: 2020
services: [procurement, local economy]
principles: [local-spend]
date_added: 2026-11-26
sources:
  - title: A report
    url: https://example.org/report
    publisher: Example Council
    date: 2020-05-01
---
The story of what happened.
"""


COUNCIL = """\
---
name: {name}
gss_code: {gss}
type: {type}
region: {region}
joined: 2020-03-03
website: https://www.example.gov.uk/
sources:
  - title: Trailblazer councils
    url: https://example.org/trailblazers
    publisher: Locality
---
One of the trailblazers.
"""


def council(name: str, gss: str, type: str = "metropolitan borough", region: str = "Yorkshire and the Humber") -> str:
    """A valid council file (one of the trailblazers) with its name, code, type and region."""
    return COUNCIL.format(name=name, gss=gss, type=type, region=region)


def case_study(title: str = "A test case study", **replace: str) -> str:
    """A valid case study, with whole lines replaced: case_study(region="region: Narnia")."""
    text = CASE_STUDY.format(title=title)
    for field, line in replace.items():
        lines = text.split("\n")
        index = next(i for i, old in enumerate(lines) if old.startswith(f"{field}:"))
        lines[index:index + 1] = [] if line is None else line.split("\n")
        text = "\n".join(lines)
    return text


class Project:
    """A folder with content/ that tests write files into."""

    def __init__(self, root: Path):
        self.root = root

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def load(self):
        from keepitlocal.app.pipeline import load_site

        return load_site(self.root)


def problems_of(project: Project, rel: str, text: str | bytes, load=None) -> list:
    """Write `text` at `rel` in the project and load it (with `load(project)`, by default as the
    check does): the problems of that file. A file with a problem is never published."""
    project.write(rel, text)
    site = load(project) if load else project.load()
    slug = rel.rsplit("/", 1)[-1].split(".")[0]
    assert slug not in {e.slug for e in site.entries if e.path == rel}, "a file with a problem was published"
    return [p for p in site.problems if p.path == rel]


def only_problem(project: Project, rel: str, text: str | bytes, load=None):
    """The one problem of the file `text` makes at `rel` (the test fails if there are more)."""
    found = problems_of(project, rel, text, load)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def line_of(text: str, start: str) -> int:
    """The number of the first line of `text` that starts with `start`, or does after its indent."""
    return next(number for number, line in enumerate(text.split("\n"), 1)
                if line.startswith(start) or line.lstrip().startswith(start))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project with one principle (local-spend) and one case study (good-example). The case
    study has its own title, so that a test file made with case_study() is not a second entry
    with the same title."""
    p = Project(tmp_path)
    p.write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
    p.write("content/case-studies/good-example.md", case_study("A good example"))
    return p


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A copy of the real project (config, docs, content, hooks, theme) to build or break."""
    from builds import project_copy

    return project_copy(tmp_path, content=True)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """The real site, built once per test run into a temporary folder, and what the build
    printed: (site folder, finished process). Every test that reads the real site shares it,
    on every test worker: the first to ask builds it, under a lock, and the others read it."""
    from builds import mkdocs_build

    run = tmp_path_factory.getbasetemp()
    shared = (run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run) / "real-build"  # one per run
    shared.mkdir(exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        printed = shared / "printed.json"
        if not printed.exists():
            result = mkdocs_build(ROOT, shared / "site")
            printed.write_text(json.dumps([result.args, result.returncode, result.stdout, result.stderr]), "utf-8")
    result = subprocess.CompletedProcess(*json.loads(printed.read_text("utf-8")))
    assert result.returncode == 0, result.stderr
    return shared / "site", result


@pytest.fixture(scope="session")
def built_site(real_build) -> Path:
    """The real site, built once per test run (a copy to change: shutil.copytree it)."""
    return real_build[0]


# What a test needs, worked out from its code, so that no test file has to say it:
#   browser  drives Chromium (every test in tests/browser/, or one using these fixtures);
#   build    builds the site or runs another program (MkDocs, the preview, Node, Java, a linter):
#            it uses a built or copied site, or its code, its fixtures' code or a function of
#            the project's own that they call names `subprocess` or `mkdocs_build`;
#   audit    holds a time to a bound, or runs for minutes: only under `make audit` (KIL_AUDIT=1).
# `make test-fast` runs what is neither build nor browser. A test that starts a program without
# being marked build fails (see pytest_runtest_call), so the fast tests stay fast.
BROWSER_FIXTURES = {"browser", "context", "watched", "site_root"}
BUILD_FIXTURES = {"real_build", "built_site", "site_copy"}
RUNS_A_PROGRAM = {"subprocess", "mkdocs_build"}
# Whole files that hold times to a bound (what they measure, `make bench` prints as figures).
AUDIT_FILES = {"browser/test_scale.py"}
OWN_CODE = tuple(str(ROOT / folder) + os.sep for folder in ("tests", "bench", "tools"))


def _runs_a_program(function, seen: set) -> bool:
    """Whether `function`, or a function of the project's tests, bench or tools it names,
    names `subprocess` or `mkdocs_build`."""
    code = getattr(getattr(function, "__wrapped__", function), "__code__", None)
    if code is None or code in seen or not code.co_filename.startswith(OWN_CODE):
        return False
    seen.add(code)
    names = set(code.co_names)
    codes = [code]
    while codes:
        for const in codes.pop().co_consts:
            if isinstance(const, types.CodeType):
                names.update(const.co_names)
                codes.append(const)
    if names & RUNS_A_PROGRAM:
        return True
    scope = getattr(function, "__globals__", {})
    return any(_runs_a_program(scope[name], seen) for name in names
               if isinstance(scope.get(name), types.FunctionType))


def pytest_collection_modifyitems(config, items):
    audit = os.environ.get("KIL_AUDIT") == "1"
    kept, left_out = [], []
    for item in items:
        rel = Path(item.path).relative_to(ROOT / "tests").as_posix()
        used = set(getattr(item, "fixturenames", ()))
        if rel.startswith("browser/") or used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        info = getattr(item, "_fixtureinfo", None)
        fixtures = [d.func for defs in info.name2fixturedefs.values() for d in defs] if info else []
        seen: set = set()
        if used & (BUILD_FIXTURES | BROWSER_FIXTURES) or any(
                _runs_a_program(f, seen) for f in [getattr(item, "function", None), *fixtures]):
            item.add_marker(pytest.mark.build)
        if rel in AUDIT_FILES:
            item.add_marker(pytest.mark.audit)
        (kept if audit or not item.get_closest_marker("audit") else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    return (yield from _without_programs(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    return (yield from _without_programs(item))


def _without_programs(item):
    """Run a test phase with subprocess.Popen refused unless the test is marked build."""
    if item.get_closest_marker("build") or item.get_closest_marker("browser"):
        return (yield)

    def refuse(*args, **kwargs):
        program = args[0] if args else kwargs.get("args")
        raise AssertionError(f"{item.nodeid} starts another program ({program!r}) but is not marked build: "
                             "add @pytest.mark.build so that make test-fast leaves it out")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("subprocess.Popen", refuse)
        return (yield)
