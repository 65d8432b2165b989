"""Text that Python-Markdown converts very slowly, or nests too deeply to convert, stops the build
with the file named, quickly, instead of hanging it or ending in a traceback."""

from __future__ import annotations

import time

import pytest
from builds import mkdocs_build
from conftest import case_study

from keepitlocal.read.frontmatter import MAX_INDENT


@pytest.mark.parametrize("body", [
    "[" * 8_000,  # about 20 seconds on its own
    "![" * 8_000,
])
def test_a_page_that_converts_too_slowly_stops_the_build_naming_its_file(site_copy, tmp_path, monkeypatch, body):
    monkeypatch.setenv("KEEPITLOCAL_PAGE_SECONDS", "1")
    (site_copy / "content/case-studies/slow-text.md").write_text(case_study().replace(
        "The story of what happened.", "The story.\n\n" + body), encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "content/case-studies/slow-text.md: its text took more than 1 seconds to turn into a page" in result.stderr


@pytest.mark.audit
def test_the_build_stops_within_seconds_of_the_limit(site_copy, tmp_path, monkeypatch):
    """The whole build, not only the page, ends soon after the limit (make audit: a time bound)."""
    monkeypatch.setenv("KEEPITLOCAL_PAGE_SECONDS", "1")
    (site_copy / "content/case-studies/slow-text.md").write_text(case_study().replace(
        "The story of what happened.", "The story.\n\n" + "[" * 8_000), encoding="utf-8")
    started = time.perf_counter()
    result = mkdocs_build(site_copy, tmp_path / "out")
    seconds = time.perf_counter() - started
    print(f"build stopped after {seconds:.1f} s")
    assert result.returncode != 0 and seconds < 15, f"{seconds:.1f} s"


def test_text_nested_deeper_than_markdown_can_convert_is_refused_at_its_line(project):
    nested = "\n".join("    " * level + "- item" for level in range(300))
    project.write("content/case-studies/deep.md", case_study() + "\n" + nested + "\n")
    problems = project.load().problems
    first_too_deep = 19 + MAX_INDENT // 4 + 1  # the body's first line is 17; the list starts on 19
    assert [str(p).split(" (")[0] for p in problems] == [
        f"content/case-studies/deep.md:{first_too_deep}:1: text: a line of the text is indented by more than "
        f"{MAX_INDENT} spaces"]
    assert "remove the spaces" in problems[0].hint
