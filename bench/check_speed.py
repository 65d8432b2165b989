"""How long `python -m keepitlocal check` takes on 1,000 content files.

Generates 1,000 schema-valid files (the real principles, and the real case studies copied
under new names until there are 1,000 files) in a temporary folder, runs the check on them
several times in a fresh interpreter each time, as a pre-commit hook would, and prints the
median wall-clock time.

    .venv/bin/python bench/check_speed.py [--files 1000] [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_project(folder: Path, total: int) -> None:
    """`total` content files: the real principles, the real case studies, then copies."""
    shutil.copytree(ROOT / "content" / "principles", folder / "content" / "principles")
    cases = sorted(p for p in (ROOT / "content" / "case-studies").glob("*.md") if not p.name.startswith("_"))
    target = folder / "content" / "case-studies"
    target.mkdir(parents=True)
    for case in cases:
        shutil.copy2(case, target / case.name)
    written = len(list((folder / "content").rglob("*.md")))
    copy = 0
    while written < total:
        source = cases[copy % len(cases)]
        number = copy // len(cases) + 2
        text = re.sub(r"^title: (.+)$", _retitle(number), source.read_text("utf-8"), count=1, flags=re.MULTILINE)
        (target / f"{source.stem}-copy-{number}.md").write_text(text, encoding="utf-8")
        written += 1
        copy += 1


def _retitle(number: int):
    """A replacement for a `title:` line that adds `(copy N)` inside any quotes."""
    def replace(match: re.Match) -> str:
        title = match[1]
        if title.startswith('"'):
            return f'title: "{title[1:-1]} (copy {number})"'
        return f"title: {title} (copy {number})"
    return replace


def time_check(project: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GITHUB_ACTIONS", None)
    # As on a normal machine, Python keeps compiled modules between runs (the warm-up run writes
    # them), even where the environment says not to (PYTHONDONTWRITEBYTECODE).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(project)],
                            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False)
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, args.files)
        count = len(list((project / "content").rglob("*.md")))
        _, warm_up = time_check(project)  # fills the operating system's file cache
        if warm_up.returncode != 0:
            print(warm_up.stdout, warm_up.stderr, file=sys.stderr)
            print("The generated files did not pass the check.", file=sys.stderr)
            return 1
        times = [time_check(project)[0] for _ in range(args.runs)]
    print(warm_up.stdout.strip())
    print(f"check of {count} files: median {statistics.median(times):.3f} s over {args.runs} runs "
          f"(fastest {min(times):.3f} s, slowest {max(times):.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
