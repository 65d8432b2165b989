"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar, the W3C validator's engine),
run once over the whole site in one Java process.

Without Java or the checker (`make test` installs it with npm into tools/vnu/) the test is
skipped on a developer's machine and fails under CI=true."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from conftest import ROOT

VNU = ROOT / "tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

# Errors that come from Material's own page frame, which the site cannot change without
# copying the whole of it, each with why it stays.
THEME_ERRORS = [
    ('Attribute “autocomplete” is only allowed when the input type is', '<input class="md-toggle"',
     "Material's two hidden toggles (search and drawer) carry autocomplete=\"off\" so that Firefox does "
     "not reopen the search overlay when a reader goes back a page; the attribute does nothing else"),
]


def _missing(what: str) -> None:
    message = f"{what}: the valid-HTML test cannot run"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: install it, see .ci/run and `make test`)", pytrace=False)
    pytest.skip(message)


def theme_error(message: dict) -> bool:
    return any(message["message"].startswith(text) and extract in message.get("extract", "")
               for text, extract, _ in THEME_ERRORS)


def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    if java is None:
        _missing("Java is not installed (Debian: apt-get install default-jre-headless)")
    if not VNU.is_file():
        _missing(f"the Nu HTML Checker is missing from {VNU.relative_to(ROOT)} (cd tools/vnu && npm ci)")
    result = subprocess.run([java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             str(built_site)], capture_output=True, text=True, timeout=240)
    if result.returncode == 0 and not result.stderr.strip():
        messages = []  # the checker prints nothing when every page is valid
    else:
        try:
            messages = json.loads(result.stderr)["messages"]
        except ValueError:
            pytest.fail(f"the checker did not run:\n{result.stdout[-2000:]}{result.stderr[-2000:]}", pytrace=False)
    pages = len(list(built_site.rglob("*.html")))
    errors = [m for m in messages if m["type"] in ("error", "non-document-error") and not theme_error(m)]
    report = "\n".join(f"{m['url'].split(built_site.as_posix())[-1]}:{m.get('lastLine', '?')}: {m['message']}\n"
                       f"    {m.get('extract', '').strip()[:160]}" for m in errors[:30])
    assert errors == [], f"{len(errors)} HTML errors in {pages} pages:\n{report}"
    assert pages >= 20
