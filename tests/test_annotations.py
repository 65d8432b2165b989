"""On GitHub Actions, each content mistake is also an annotation on its line of the pull request."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from builds import mkdocs_build
from conftest import case_study

from keepitlocal.base.problems import ANNOTATION_LIMIT, Problem, annotations

ON_GITHUB = {"GITHUB_ACTIONS": "true"}


def test_annotation_format_and_escaping():
    problem = Problem("content/case-studies/a,b:c%.md", 3, 7, "sources[1].url", "100% wrong: see\r\nnext line",
                      "hint, with: colon")
    assert problem.annotation() == (
        "::error file=content/case-studies/a%2Cb%3Ac%25.md,line=3,col=7,title=sources[1].url"
        "::100%25 wrong: see%0D%0Anext line (hint, with: colon)"
    )
    assert Problem("content/x.md", 1, 1, "odd,field: name", "m").annotation() == \
        "::error file=content/x.md,line=1,col=1,title=odd%2Cfield%3A name::m"


def test_annotations_only_under_github_actions():
    problems = [Problem("content/x.md", 2, 1, "title", "is empty")]
    assert annotations(problems, {}) == []
    assert annotations(problems, {"GITHUB_ACTIONS": "false"}) == []
    assert annotations(problems, ON_GITHUB) == ["::error file=content/x.md,line=2,col=1,title=title::is empty"]


def test_past_githubs_limit_the_last_annotation_says_how_many_more():
    problems = [Problem("content/x.md", line, 1, "f", "wrong", "fix it") for line in range(1, ANNOTATION_LIMIT + 4)]
    lines = annotations(problems, ON_GITHUB)
    assert len(lines) == ANNOTATION_LIMIT
    assert lines[0] == "::error file=content/x.md,line=1,col=1,title=f::wrong (fix it)"
    assert lines[-1] == (f"::error file=content/x.md,line={ANNOTATION_LIMIT},col=1,title=f::wrong (fix it. "
                         "3 more problems are listed in this check's log (Details))")


def check(root, env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(root)], capture_output=True,
                          text=True, timeout=60, env={**environ, **env}, check=False)


def test_make_check_prints_annotations_at_each_mistake(project):
    project.write("content/case-studies/broken.md", case_study(region="region: North-West", year="year: twenty"))
    result = check(project.root, ON_GITHUB)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        ("::error file=content/case-studies/broken.md,line=6,col=9,title=region::"
         "'North-West' is not one of the allowed values (did you mean 'North West'?)"),
        ("::error file=content/case-studies/broken.md,line=7,col=7,title=year::"
         "should be a whole number, not the text 'twenty' (for example: 2013)"),
    ]
    assert "content/case-studies/broken.md:6:9: region:" in result.stderr  # the log keeps the usual report

    assert "::error" not in check(project.root, {}).stdout


def test_the_build_prints_annotations_too(site_copy, tmp_path, monkeypatch):
    path = site_copy / "content/case-studies/preston-model.md"
    path.write_text(re.sub(r"^region: .*$", "region: Lancashire", path.read_text("utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "::error" not in result.stdout
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert ("::error file=content/case-studies/preston-model.md,line=6,col=9,title=region::"
            "'Lancashire' is not one of the allowed values (use one of: North East,") in result.stdout
