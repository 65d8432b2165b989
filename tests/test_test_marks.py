"""The marks that split the tests: a test that starts another program is marked build (so that
`make test-fast` leaves it out), however deep in the project's own helpers the program starts,
and one that does not start a program is not."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from conftest import ROOT, _runs_a_program, _without_programs

SAMPLE = '''
import subprocess

def lint(path):
    return subprocess.run(["ruff", path])

def check_twice(path):
    return [lint(path) for _ in range(2)]

def pure(text):
    return text.upper()

def test_calls_a_helper_that_lints():
    assert check_twice("x")

def test_adds():
    assert pure("a") == "A"
'''


def sample() -> dict:
    scope: dict = {}
    exec(compile(SAMPLE, str(ROOT / "tests" / "sample.py"), "exec"), scope)  # noqa: S102
    return scope


def test_a_program_started_two_helpers_down_marks_the_test_build():
    scope = sample()
    assert _runs_a_program(scope["test_calls_a_helper_that_lints"], set())
    assert _runs_a_program(scope["lint"], set())


def test_a_test_that_starts_no_program_is_not_marked():
    assert not _runs_a_program(sample()["test_adds"], set())


class Unmarked(SimpleNamespace):
    nodeid = "tests/test_x.py::test_lints"

    def get_closest_marker(self, name):
        return None


def test_an_unmarked_test_that_starts_a_program_fails_saying_what_to_mark():
    programs = sys.modules["subprocess"]  # by this name, this test is not itself marked build
    before = programs.Popen
    phase = _without_programs(Unmarked())
    next(phase)  # the test runs here: a program is refused
    with pytest.raises(AssertionError, match=r"test_lints starts another program .* add @pytest.mark.build"):
        programs.run([sys.executable, "--version"])
    with pytest.raises(StopIteration):
        phase.send(None)
    assert programs.Popen is before  # given back afterwards
