"""GitHub Actions workflows and the Dependabot config: valid, free of known security mistakes,
pinned, and a deployment that publishes only a tested, strictly built site.

Every workflow file found is checked, so a new workflow gets the same checks without editing
this file. The linters run offline: check-jsonschema uses its bundled schemas, zizmor its
offline audits.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from keepitlocal.staff.pr_comment import MARKER

GITHUB = ROOT / ".github"
WORKFLOWS = sorted([*GITHUB.glob("workflows/*.yml"), *GITHUB.glob("workflows/*.yaml")])
DEPENDABOT = GITHUB / "dependabot.yml"
DEPLOY = GITHUB / "workflows/deploy.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is missing: it is installed from requirements.lock"
    return found


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=ROOT)


def schema_check(schema: str, path: Path) -> subprocess.CompletedProcess:
    return run(tool("check-jsonschema"), "--builtin-schema", schema, str(path))


def zizmor_findings(path: Path) -> list[str]:
    result = run(tool("zizmor"), "--offline", "--strict-collection", "--format", "json", str(path))
    assert result.stdout.strip(), result.stderr
    findings = json.loads(result.stdout)
    assert result.returncode == 0 or findings, result.stderr
    return [f"{f['ident']}: {f['desc']} ({f['locations'][0]['symbolic']['key']})" for f in findings]


def workflow_id(path: Path) -> str:
    return path.name


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text("utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def test_the_deploy_workflow_and_dependabot_config_exist():
    assert DEPLOY in WORKFLOWS and DEPENDABOT.is_file()


@pytest.mark.parametrize("path", WORKFLOWS, ids=workflow_id)
def test_workflow_matches_the_github_workflow_schema(path):
    result = schema_check("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [*WORKFLOWS, DEPENDABOT], ids=workflow_id)
def test_zizmor_finds_nothing(path):
    assert zizmor_findings(path) == []


def test_dependabot_config_matches_its_schema_and_covers_pip_and_actions():
    result = schema_check("vendor.dependabot", DEPENDABOT)
    assert result.returncode == 0, result.stdout + result.stderr
    updates = {u["package-ecosystem"]: u for u in yaml.safe_load(DEPENDABOT.read_text("utf-8"))["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly" and update["groups"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=workflow_id)
def test_every_action_is_pinned_to_a_commit_with_its_version_named(path):
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(.+?)\s*$", path.read_text("utf-8"), re.M)
    assert uses
    for action in uses:
        if action.startswith(("./", "docker://")):
            continue
        assert PINNED.match(action), f"{path.name}: pin {action!r} as owner/repo@<40-hex commit> # vX.Y.Z"


def test_deploy_publishes_only_a_tested_strict_build_with_least_privilege():
    workflow = load(DEPLOY)
    assert set(workflow["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    # A scheduled case study goes live on its publish_date only if the site is rebuilt that day.
    minute, hour, day, month, weekday = workflow["on"]["schedule"][0]["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit(), "once a day"
    assert workflow["permissions"] in ({}, {"contents": "read"})
    assert workflow["concurrency"]["group"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    for job in (build, deploy):
        assert 0 < job["timeout-minutes"] <= 60
    assert build["permissions"] == {"contents": "read"}
    steps = build["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"] == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.lock"}
    commands = [s.get("run", s.get("uses", "")).strip() for s in steps]
    order = [next(i for i, c in enumerate(commands) if c.startswith(what))
             for what in ("actions/checkout@", "actions/setup-python@", "make test", "make build",
                          "make briefing", "actions/upload-pages-artifact@")]
    assert order == sorted(order), "tests, then the strict build, then the briefing PDF, then the upload"
    assert any("chromium" in c for c in commands[:order[2]]), "Chromium is there before the browser tests"
    # The morning rebuild publishes without re-running the tests, which ran on the push: a flaky
    # browser test must not hold back a scheduled publication. Every other step runs every time.
    skipped_on_schedule = [c for s, c in zip(steps, commands, strict=True) if "if" in s]
    assert all(s["if"] == "github.event_name != 'schedule'" for s in steps if "if" in s)
    always = ("make build", "make briefing", "actions/upload-pages-artifact@", "actions/checkout@",
              "actions/setup-python@")
    assert "make test" in skipped_on_schedule
    assert not any(c.startswith(always) for c in skipped_on_schedule)
    upload = steps[order[5]]
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert "--strict" in (ROOT / "Makefile").read_text("utf-8").split("\nbuild:", 1)[1].split("\n\n")[0]


PULL_REQUEST = GITHUB / "workflows/pull-request.yml"


def test_a_pull_request_runs_the_fast_tests_and_main_runs_every_test():
    job = load(PULL_REQUEST)["jobs"]["check"]
    assert "make test-fast" in [s.get("run", "").strip() for s in job["steps"]]
    make = (ROOT / "Makefile").read_text("utf-8")
    fast = make.split("\ntest-fast:", 1)[1].split("\n\n")[0]
    assert '-m "not build and not browser"' in fast
    deploy = load(DEPLOY)
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert "make test" in [s.get("run", "").strip() for s in deploy["jobs"]["build"]["steps"]]


def test_a_pull_request_is_checked_against_its_base_and_only_the_commenting_job_may_write():
    workflow = load(PULL_REQUEST)
    assert workflow["permissions"] == {} and set(workflow["jobs"]) == {"check", "comment"}
    check, comment = workflow["jobs"]["check"], workflow["jobs"]["comment"]
    assert check["permissions"] == {"contents": "read"}
    checkout = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 2}, "HEAD^1 is the base branch"
    content = next(s for s in check["steps"] if s.get("id") == "content")
    assert 'make check CHECK_ARGS="--base HEAD^1 --comment check-comment.md' in content["run"]
    assert "pull_request.head.sha" in content["env"]["LINKS"], "links go to the pull request's own commit"
    stop = check["steps"][check["steps"].index(content) + 1]
    assert stop["if"] == "steps.content.outputs.status != '0'" and "exit 1" in stop["run"], "a failed check fails"
    assert comment["permissions"] == {"pull-requests": "write"} and comment["needs"] == "check"
    assert "always()" in comment["if"] and "head.repo.full_name == github.repository" in comment["if"]
    assert not any("uses" in step for step in comment["steps"]), "the job that may write runs no repository code"
    script = comment["steps"][0]["run"]
    assert "${{" not in script, "values reach the script through the environment, never pasted into it"
    assert "--method PATCH" in script and "--method POST" in script
    assert comment["steps"][0]["env"]["MARKER"] == MARKER


# The checks above can fail: each catches a workflow written the wrong way.

def test_the_linters_catch_a_broken_and_an_unsafe_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make test\n", encoding="utf-8")
    assert schema_check("vendor.github-workflows", broken).returncode != 0, "a job without runs-on is invalid"

    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(DEPLOY.read_text("utf-8").replace("persist-credentials: false", "fetch-depth: 1")
                      .replace("    permissions:\n      contents: read # check out the repository\n", "")
                      .replace("permissions: {}", "permissions: write-all"), encoding="utf-8")
    assert schema_check("vendor.github-workflows", unsafe).returncode == 0
    findings = " ".join(zizmor_findings(unsafe))
    assert "artipacked" in findings and "excessive-permissions" in findings, findings


def test_the_pin_check_catches_a_tag_and_a_missing_version_comment():
    assert PINNED.match("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2")
    assert not PINNED.match("actions/checkout@v4")
    assert not PINNED.match("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683")
    assert not PINNED.match("actions/checkout@11bd719 # v4.2.2")


LINKCHECK = GITHUB / "workflows/linkcheck.yml"


def test_the_link_check_runs_weekly_apart_from_publishing_and_only_its_reporter_writes_issues():
    workflow = load(LINKCHECK)
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}, "never on a push: it cannot block publishing"
    minute, hour, day, month, weekday = workflow["on"]["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit(), "once a week"
    assert workflow["permissions"] == {}
    check, report = workflow["jobs"]["check"], workflow["jobs"]["report"]
    assert set(workflow["jobs"]) == {"check", "report"}
    assert check["permissions"] == {"contents": "read"}
    assert report["permissions"] == {"issues": "write"}
    assert report["needs"] == "check" and "unknown" in report["if"]
    assert not any("uses" in step for step in report["steps"]), "the job that may write runs no repository code"
    commands = "\n".join(step.get("run", "") for step in check["steps"])
    assert 'make linkcheck LINKCHECK_ARGS="--issue-body linkcheck-issue.md"' in commands
    script = report["steps"][0]["run"]
    assert "gh issue edit" in script and "gh issue create" in script and "gh issue close" in script
    assert "${{" not in script, "values reach the script through the environment, never pasted into it"
    assert report["steps"][0]["env"]["TITLE"] == "Sources that cannot be reached"
    deploy = load(DEPLOY)
    assert all("linkcheck" not in step.get("run", "") for job in deploy["jobs"].values()
               for step in job.get("steps", []))
