"""Input built to exhaust the checker (an alias bomb, a huge file, deep nesting, endless values)
is refused in a fraction of a second, with the file and line named, and the limits staff read
about are the ones enforced. The fraction of a second is held under `make audit` (KIL_AUDIT=1)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from conftest import PRINCIPLE, ROOT

from keepitlocal.app.pipeline import load_site
from keepitlocal.read.frontmatter import MAX_DEPTH, MAX_FILE_BYTES, MAX_FRONT_MATTER_CHARS, MAX_INDENT, MAX_NODES

REL = "content/case-studies/hostile.md"

# Billion laughs: nine levels of nine aliases each, 9**9 strings if expanded.
ALIAS_BOMB = ("---\n" + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
              + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                        for i in range(8))
              + "---\nText\n").encode()

# (name, file bytes, expected start of the report, words of the message)
HOSTILE = [
    ("alias bomb", ALIAS_BOMB, f"{REL}:2:4: fields: ", "anchors (&name) and aliases (*name) are not allowed"),
    ("alias without anchor", b"---\ntitle: *nothing\n---\n", f"{REL}:2:8: fields: ", "aliases"),
    ("file of 20 MB", b"---\ntitle: x\n---\n" + b"word " * 4_000_000, f"{REL}:1:1: file: ",
     f"file is too large (20,000,017 bytes; the limit is {MAX_FILE_BYTES:,})"),
    ("one value of 500,000 characters", b"---\ntitle: " + b"x" * 500_000 + b"\n---\n", f"{REL}:2:1: fields: ",
     f"the limit is {MAX_FRONT_MATTER_CHARS:,}"),
    ("20,000 fields", b"---\n" + b"".join(b"k%d: v\n" % i for i in range(20_000)) + b"---\n",
     f"{REL}:2:1: fields: ", "the fields at the top are too long"),
    ("a list of 6,000 values", b"---\nservices: [" + b", ".join([b"x"] * 6000) + b"]\n---\n",
     f"{REL}:2:15003: fields: ", f"too many values (the limit is {MAX_NODES:,})"),
    ("50,000 nested [", b"---\ntitle: " + b"[" * 50_000 + b"\n---\n", f"{REL}:2:1007: fields: ",
     f"nested too deeply (the limit is {MAX_DEPTH} levels)"),
    ("20 nested [", b"---\ntitle: " + b"[" * 20 + b"]" * 20 + b"\n---\n", f"{REL}:2:15: title[1][1][1][1][1][1][1]: ",
     f"nested too deeply (the limit is {MAX_DEPTH} levels)"),
    ("30 nested fields", ("---\n" + "".join("  " * i + f"k{i}:\n" for i in range(30)) + "---\n").encode(),
     f"{REL}:10:17: k0.k1.k2.k3.k4.k5.k6.k7: ", f"nested too deeply (the limit is {MAX_DEPTH} levels)"),
    ("story nested 300 levels", ("---\ntitle: x\n---\n" + "\n".join("    " * i + "- x" for i in range(300))).encode(),
     f"{REL}:{4 + MAX_INDENT // 4 + 1}:1: text: ", f"indented by more than {MAX_INDENT} spaces"),
]


def load(tmp_path, raw: bytes):
    (tmp_path / "content/principles").mkdir(parents=True)
    (tmp_path / "content/case-studies").mkdir(parents=True)
    (tmp_path / "content/principles/local-spend.md").write_text(PRINCIPLE.format(number=3), encoding="utf-8")
    (tmp_path / REL).write_bytes(raw)
    # CPU time of this process: a machine busy with other work does not fail the bound.
    started = time.process_time()
    site = load_site(tmp_path)
    return site, time.process_time() - started


@pytest.mark.parametrize("name, raw, where, message", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_input_is_refused_at_its_file_and_line(tmp_path, name, raw, where, message):
    site, _ = load(tmp_path, raw)
    assert len(site.problems) == 1, site.problems
    assert str(site.problems[0]).startswith(where) and message in site.problems[0].message, str(site.problems[0])
    assert site.problems[0].hint
    assert "hostile" not in {e.slug for e in site.entries}


@pytest.mark.audit
@pytest.mark.parametrize("name, raw", [case[:2] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
def test_hostile_input_is_refused_quickly(tmp_path, name, raw):
    site, seconds = load(tmp_path, raw)
    print(f"{name}: {seconds:.3f} s of CPU")
    assert seconds < 0.5 and site.problems, f"took {seconds:.2f} s"


def gigabytes(tmp_path) -> None:
    load(tmp_path, b"---\n")
    with open(tmp_path / REL, "r+b") as file:
        file.truncate(3 * 2**30)  # sparse: takes no disk space


def test_a_file_of_several_gigabytes_is_refused(tmp_path):
    gigabytes(tmp_path)
    site = load_site(tmp_path)
    assert [str(p).split(" (")[0] for p in site.problems] == [f"{REL}:1:1: file: file is too large"]
    assert f"({3 * 2**30:,} bytes; the limit is {MAX_FILE_BYTES:,})" in site.problems[0].message


@pytest.mark.audit
def test_a_file_of_several_gigabytes_is_refused_without_reading_it(tmp_path):
    gigabytes(tmp_path)
    started = time.process_time()
    site = load_site(tmp_path)
    seconds = time.process_time() - started
    print(f"a file of 3 GB: {seconds:.3f} s of CPU")
    assert seconds < 0.5 and site.problems, f"took {seconds:.2f} s"


def test_the_check_command_reports_an_alias_bomb_and_fails(tmp_path):
    load(tmp_path, ALIAS_BOMB)
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(tmp_path)],
                            capture_output=True, text=True, timeout=30, cwd=ROOT, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    expected = f"{REL}:2:4: fields: anchors (&name) and aliases (*name) are not allowed"
    assert expected in result.stdout + result.stderr


def test_the_staff_guide_states_the_limits_that_are_enforced():
    guide = (ROOT / "docs/staff/index.md").read_text("utf-8")
    limits = guide[guide.index("## Limits"):]
    for figure in (f"{MAX_FILE_BYTES:,} bytes", f"{MAX_FRONT_MATTER_CHARS:,} characters", f"| {MAX_NODES:,} |",
                   f"{MAX_DEPTH} levels", f"| {MAX_INDENT} |"):
        assert figure in limits, figure
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        from page_time_limit import MAX_SECONDS
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    assert f"{MAX_SECONDS:g} seconds" in limits
