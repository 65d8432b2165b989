"""Run MkDocs the way `make build` does, for tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
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


def free_port() -> int:
    """A port of 127.0.0.1 no one is listening on, for a preview under test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stop a preview as Ctrl+C does; kill it if it has not stopped in 15 seconds."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
