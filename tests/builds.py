"""Run MkDocs the way `make build` does, for tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=env, timeout=300,
    )


def project_copy(root: Path, *, content: bool = False) -> Path:
    """The real project's configuration, docs, hooks and theme in `root`, with its content, or
    with empty content folders to write test files into."""
    project = Path(__file__).resolve().parent.parent
    for name in ("mkdocs.yml", "docs", "hooks", "overrides", "keepitlocal", "editor", "vendor",
                 *(["content"] if content else [])):
        source = project / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    if not content:
        (root / "content/principles").mkdir(parents=True)
        (root / "content/case-studies").mkdir(parents=True)
    return root
