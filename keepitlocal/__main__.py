"""Command line: `python -m keepitlocal check` validates all content without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import report
from .site import load_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m keepitlocal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every file under content/")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    args = parser.parse_args(argv)
    return run_check(args.root)


def run_check(root: Path) -> int:
    site = load_site(root)
    if site.problems:
        print(report(site.problems), file=sys.stderr)
        return 1
    print(f"No problems: {len(site.principles)} principles and {len(site.case_studies)} case studies checked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
