"""The live preview (`make serve`) while content has a problem: every page shows the problems
at once, reloads itself when the file is fixed (with its search made again), and the terminal
lists them on every save."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from builds import free_port, project_copy, stop
from conftest import ROOT


def _wait_for_port(port: int, process: subprocess.Popen, log, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the preview stopped:\n" + log.read_text("utf-8")[-3000:])
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail("the preview did not start:\n" + log.read_text("utf-8")[-3000:])


def test_preview_shows_the_problems_on_every_page_then_the_page_once_fixed(tmp_path, browser):
    (tmp_path / "project").mkdir()
    project = project_copy(tmp_path / "project", content=True)
    entry = next(path for path in sorted((project / "content/case-studies").glob("*.md"))
                 if re.search(r"^region: ", path.read_text("utf-8"), re.M))
    good = entry.read_text("utf-8")
    line = good.split("\n").index(next(t for t in good.split("\n") if t.startswith("region: "))) + 1
    broken = re.sub(r"^region: .*$", "region: Narnia", good, count=1, flags=re.M)
    where = f"content/case-studies/{entry.name}:{line}:9"
    entry.write_text(broken, encoding="utf-8")

    port, log = free_port(), tmp_path / "terminal.txt"
    with log.open("w") as terminal:
        process = subprocess.Popen([sys.executable, str(ROOT / "tools/preview.py"), str(port)], cwd=project,
                                   stdout=terminal, stderr=subprocess.STDOUT, start_new_session=True,
                                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    page = browser.new_page()
    try:
        _wait_for_port(port, process, log)
        base = f"http://127.0.0.1:{port}/keep-it-local/"
        # Without JavaScript: an answer, not a request kept waiting as MkDocs alone would keep
        # it (the timeout ends one in an error that is not the HTTPError expected), with each
        # problem at its place.
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(base + "case-studies/", timeout=10)
        html = answer.value.read().decode("utf-8")
        assert f"<li><code>{where}</code> region: &#x27;Narnia&#x27; is not one of the allowed values" in html
        assert "1 error in 1 file" in html

        page.goto(base + "network/")  # any address
        assert page.locator("h1").inner_text().startswith("The preview cannot show the site")
        assert page.locator(".kil-preview-problems li").all_inner_texts() == [
            f"{where} region: 'Narnia' is not one of the allowed values (use one of: "
            + re.search(r"\(use one of: ([^)]*)\)", html)[1] + ")"]

        entry.write_text(good, encoding="utf-8")  # fixed: the page reloads itself into the real page
        page.wait_for_selector("h1:has-text('Network')", timeout=60_000)
        assert page.locator(".kil-preview-problems").count() == 0
        # The first build stopped on the mistake, so the search index served now was made by the
        # rebuild that followed the fix: the preview's search is made again after each build.
        with urllib.request.urlopen(base + "pagefind/pagefind-entry.json", timeout=10) as index:
            assert index.status == 200
        # The editor is there too, although the site's address (github.io) leaves it out of builds:
        # the preview is this computer's own, and "Work with Local Repository" edits its files.
        with urllib.request.urlopen(base + "admin/", timeout=10) as editor:
            assert '<script src="sveltia-cms.js"></script>' in editor.read().decode("utf-8")

        entry.write_text(broken, encoding="utf-8")  # the same mistake again: shown again
        page.wait_for_selector(".kil-preview-problems", timeout=60_000)
    finally:
        page.close()
        stop(process)
    terminal = log.read_text("utf-8")
    assert terminal.startswith(f"Starting the preview at {base} ")  # the address README gives, on its port
    # The full list on both saves that had the problem, not MkDocs' "Aborted with a BuildError!"
    assert terminal.count(f"{where}: region: 'Narnia' is not one of the allowed values") == 2, terminal
    assert terminal.count("1 error in 1 file") == 2
    assert re.search(r"Search: \d+ pages indexed", terminal), terminal
    assert "Aborted" not in terminal and "Traceback" not in terminal and "appear stuck" not in terminal
    assert "code 404" not in terminal  # the pages shown in place of the problems are not reported missing
