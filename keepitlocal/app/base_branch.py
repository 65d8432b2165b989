"""The base branch's content, for the pull-request check: what it published (addresses and
event ids) and which files the change renames, read from git.

The base version's content is taken with `git archive` (no checkout of the repository is
changed, and nothing is left behind) into a temporary folder and loaded by the same pipeline
as the change itself, with today's date: what the base branch publishes today.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from keepitlocal.check.renames import Published, published
from keepitlocal.model.addresses import read_list
from keepitlocal.model.site import CONTENT_DIR
from keepitlocal.schema.collections import PROJECT_DECLARATION, PROJECT_SCHEMA_DIR

# What loading content reads besides content/: the project's own kinds and its settings.
_NEEDED = (CONTENT_DIR, PROJECT_DECLARATION, PROJECT_SCHEMA_DIR, "mkdocs.yml")


class BaseError(Exception):
    """The base branch cannot be read: the message says why, in plain words."""


def _git(root: Path, *args: str, binary: bool = False):
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BaseError(f"git could not be run ({error})") from error
    if result.returncode != 0:
        raise BaseError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout if binary else result.stdout.decode("utf-8", "replace")


def compare_with(root: Path | str, ref: str, load_site) -> tuple[Published, dict[str, str]]:
    """What the version of `ref` where the change branched off (their merge base) published,
    loaded with `load_site(folder)`, and the content files the change renames (old -> new,
    relative to `root`)."""
    root = Path(root).resolve()
    try:
        top = Path(_git(root, "rev-parse", "--show-toplevel").strip()).resolve()
    except BaseError as error:
        raise BaseError(f"{root} is not in a git repository ({error})") from error
    prefix = root.relative_to(top).as_posix() if root != top else ""
    try:
        base = _git(root, "merge-base", ref, "HEAD").strip()
    except BaseError as error:
        raise BaseError(f"cannot find where this branch and {ref} meet ({error}); fetch {ref} first") from error
    inside = f"{base}:{prefix}" if prefix else f"{base}:"
    names = set(_git(root, "ls-tree", "--name-only", inside).split("\n"))
    wanted = [name for name in _NEEDED if name in names]
    with tempfile.TemporaryDirectory(prefix="base-") as folder:
        if wanted:
            archive = _git(root, "archive", "--format=tar", inside, *wanted, binary=True)
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(folder, filter="data")
        site = load_site(folder)
        listed, _ = read_list(folder)
        base_published = published(site, set(listed))
    return base_published, renames(root, base, prefix)


def renames(root: Path, base: str, prefix: str) -> dict[str, str]:
    """Content files renamed since `base`, as git sees them (committed or not): old -> new."""
    out = _git(root, "diff", "-M", "--name-status", "--diff-filter=R", "-z", base, "--", CONTENT_DIR)
    fields = out.split("\0")
    found = {}
    for index in range(0, len(fields) - 2, 3):
        if fields[index].startswith("R"):
            old, new = fields[index + 1], fields[index + 2]
            found[_relative(old, prefix)] = _relative(new, prefix)
    return found


def _relative(path: str, prefix: str) -> str:
    return path[len(prefix) + 1:] if prefix and path.startswith(prefix + "/") else path
