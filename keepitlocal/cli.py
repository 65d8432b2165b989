"""Command line for content.

    python -m keepitlocal check                       validate all content without building the site
    python -m keepitlocal check --base origin/main    also against what that branch published (pull requests)
    python -m keepitlocal new case-study "Title"      start a new case study (a draft) from the template
    python -m keepitlocal linkcheck                   check that the cited sources can still be reached
    python -m keepitlocal addresses                   add new published addresses to content/published-addresses.txt
    python -m keepitlocal export DIR                  write the whole site as source files any engine can build
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from keepitlocal.app.base_branch import BaseError
from keepitlocal.app.export import ExportError, export
from keepitlocal.app.pipeline import check_project, load_site
from keepitlocal.base.problems import annotations, report
from keepitlocal.base.text import plural
from keepitlocal.model import addresses
from keepitlocal.schema.collections import DeclarationError
from keepitlocal.staff.pr_comment import comment_text
from keepitlocal.staff.scaffold import ScaffoldError, kinds, new_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m keepitlocal", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every file under content/")
    check.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    check.add_argument("--base", default=None, metavar="BRANCH",
                       help="also refuse what would break what BRANCH (a git branch or commit) published: an "
                       "address that no page or alias has any more, an event whose id changed")
    check.add_argument("--comment", type=Path, default=None, metavar="FILE",
                       help="also write the text of a pull-request comment listing the problems to FILE")
    check.add_argument("--links", default="", metavar="URL",
                       help="for --comment: the address of the checked files, such as "
                       "https://github.com/OWNER/REPO/blob/COMMIT/, to link each problem to its line")
    check.add_argument("--base-links", default="", metavar="URL",
                       help="for --comment: the same for the base branch, for files the change removes")
    new = commands.add_parser("new", help="start a new content file, a draft, from the template")
    new.add_argument("kind", help="what to make: case-study, principle, or another declared kind")
    new.add_argument("title", help='its title, in quotes: "Wirral community hubs"')
    new.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    linkcheck = commands.add_parser("linkcheck", help="check the source addresses cited in content/ (never fails)")
    linkcheck.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    linkcheck.add_argument("--timeout", type=_positive, default=None,
                           help="seconds to wait for each request")
    linkcheck.add_argument("--workers", type=int, choices=range(1, 33), metavar="1-32", default=None,
                           help="requests under way at once")
    linkcheck.add_argument("--issue-body", type=Path, default=None, metavar="FILE",
                           help="also write the text of a GitHub issue listing the sources that fail to FILE")
    record = commands.add_parser("addresses", help="record the addresses the site publishes "
                                    "(content/published-addresses.txt); under CI=true only say which are new")
    record.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    export = commands.add_parser("export", help="write the whole site into DIR as source files that MkDocs, "
                                 "Zensical or another engine builds with no step of ours")
    export.add_argument("dir", type=Path, help="the folder to write (new, empty, or an earlier export)")
    export.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (default: here)")
    args = parser.parse_args(argv)
    if args.command == "export":
        return run_export(args.root, args.dir)
    if args.command == "addresses":
        return run_addresses(args.root)
    if args.command == "new":
        return run_new(args.root, args.kind, args.title, new)
    if args.command == "linkcheck":
        from keepitlocal.staff import linkcheck  # lazy: its network modules would slow every check

        return linkcheck.run_linkcheck(args.root, args.timeout or linkcheck.DEFAULT_TIMEOUT,
                                       args.workers or linkcheck.DEFAULT_WORKERS,
                                       issue_path=args.issue_body)
    return run_check(args.root, base=args.base, comment=args.comment, links=args.links,
                     base_links=args.base_links)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds between 0 and 600")
    return value


def run_check(root: Path, *, base: str | None = None, comment: Path | None = None, links: str = "",
              base_links: str = "") -> int:
    try:
        checked = check_project(root, base=base)
    except BaseError as error:
        print(f"The check could not compare this change with {base}: {error}", file=sys.stderr)
        return 1
    site, problems = checked.site, checked.problems
    print_notes(checked.notes)
    if comment is not None:
        removed = {p.path for p in problems if not (Path(root) / p.path).exists()}
        comment.write_text(comment_text(problems, links, base_links, removed), encoding="utf-8")
    if problems:
        # Under GitHub Actions each problem is also a workflow command, shown on its line of the pull request.
        for line in annotations(problems):
            print(line)
        print(report(problems), file=sys.stderr)
        return 1
    counts = [f"{len(site.entries_of(c))} {c.label_plural.lower() if len(site.entries_of(c)) != 1 else c.label}"
              for c in site.collections.values()]
    print(f"No problems: {', '.join(counts[:-1]) + ' and ' if len(counts) > 1 else ''}{counts[-1]} checked.")
    if site.left_out:
        print(f"Also checked, and not published yet (draft: true, or a publish_date to come): "
              f"{', '.join(site.left_out)}")
    return 0


def run_export(root: Path, out: Path) -> int:
    try:
        result = export(root, out)
    except ExportError as error:
        print(f"Nothing was exported: {error}", file=sys.stderr)
        return 1
    if isinstance(result, list):
        print(report(result), file=sys.stderr)
        return 1
    print(f"Exported {result.pages} pages and {result.files - result.pages} other files to {out}. "
          f"Build them with: cd {out} && mkdocs build --strict")
    return 0


def run_addresses(root: Path, environ=None) -> int:
    """Add the addresses the site now publishes to the committed list. In CI (CI=true) the
    list is never written, so a build there leaves the checkout as it found it: new addresses
    are only named. Content with problems records nothing (the check or build says why)."""
    environ = os.environ if environ is None else environ
    site = load_site(root)
    if site.problems:
        return 0
    if environ.get("CI") == "true":
        new = addresses.unrecorded(site, site.published)
        if new:
            print(f"{len(new)} published address{'es' if len(new) != 1 else ''} not yet in "
                  f"{addresses.LIST_FILE} (run make addresses and commit it): {', '.join(new)}")
        return 0
    added, written = addresses.write_list(root, site)
    if written:
        print(f"{addresses.LIST_FILE}: {len(added)} new address{'es' if len(added) != 1 else ''} recorded"
              f"{': ' + ', '.join(added) if added else ''}. Commit it with the content.")
    return 0


def print_notes(notes) -> None:
    """Things worth tidying that never fail the check: sources nothing cites, entries not
    reviewed for over a year."""
    if not notes:
        return
    files = len({note.path for note in notes})
    print(f"{plural(len(notes), 'note')} in {plural(files, 'file')} "
          "(worth tidying; they do not stop the build):", file=sys.stderr)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)


def run_new(root: Path, kind: str, title: str, parser: argparse.ArgumentParser | None = None) -> int:
    try:
        known = kinds(root)
    except DeclarationError as error:
        print(report(error.problems), file=sys.stderr)
        return 1
    if kind not in known:
        message = f"argument kind: invalid choice: {kind!r} (choose from {', '.join(map(repr, sorted(known)))})"
        if parser is not None:
            parser.error(message)  # exits with status 2, as for any other wrong argument
        print(message, file=sys.stderr)
        return 2
    try:
        path = new_file(root, known[kind], title)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"Created {rel}, a draft. Open it, replace every REPLACE ME, then run  make check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
