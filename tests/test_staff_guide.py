"""The staff guide tells the truth: its messages are the checker's, and the tools it names are set up."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml
from conftest import PRINCIPLE, ROOT, Project, case_study

GUIDE = (ROOT / "docs/staff/index.md").read_text("utf-8")

# A file that makes each message of the guide's table, as a member of staff might.
MISTAKES = {
    "summary": case_study(summary="summary: REPLACE ME"),
    "story": case_study().replace("The story of what happened.", "REPLACE ME with the story."),
    "missing": case_study(place=None),
    "misspelt": case_study().replace("region:", "regoin:"),
    "not allowed": case_study(region="region: North-West"),
    "not a number": case_study(year="year: twenty"),
    "yes/no": case_study(place="place: no"),
    "not a list": case_study(services="services: procurement"),
    "no such principle": case_study(principles="principles: [local-spending]"),
    "bad url": case_study().replace("url: https://example.org/report", "url: www.example.org/report"),
    "bad date": case_study(date_added="date_added: 26/11/2026"),
    "too long": case_study(summary="summary: " + "x" * 301),
    "twice": case_study(year="year: 2020\nyear: 2021"),
    "colon": case_study(summary="summary: Preston: a model for others"),
    "no ordinary space": case_study(summary="summary:\u00a0Preston kept it local."),
    "too many": case_study(date_added="date_added: 2026-11-26\nkey_figures:" + "".join(
        f"\n  - figure: '{n}'\n    measures: a count\n    source: report" for n in range(6)))
    .replace("  - title: A report\n", "  - id: report\n    title: A report\n"),
    "quote": case_study(place='place: "Testshire County Council'),
    "tab": case_study(services="services:\n\t- procurement"),
    "not closed": case_study().replace("---\nThe story", "The story"),
    "note": case_study("Wigan Deal #KeepItLocal fund"),
    "spaces": case_study(place='place: "   "'),
    "no story": case_study().replace("The story of what happened.\n", ""),
    "no such source": case_study().replace("  - title: A report\n", "  - id: report-2020\n    title: A report\n")
    .replace("The story of what happened.", "The story [@report-2021]."),
    "unreadable citation": case_study().replace("  - title: A report\n", "  - id: report-2020\n    title: A report\n")
    .replace("The story of what happened.", "The story [@report-2020, page 4]."),
    "same id": case_study().replace("  - title: A report\n", "  - id: report-2020\n    title: A report\n")
    .replace("---\nThe story", "  - id: report-2020\n    title: Another\n    url: https://example.org/other\n"
             "    publisher: Example\n---\nThe story"),
    "same page": case_study().replace("---\nThe story", "  - title: Again\n    url: http://www.example.org/report/\n"
                                      "    publisher: Example\n---\nThe story"),
}


def guide_table_messages() -> list[str]:
    section = GUIDE[GUIDE.index("## What the check's messages mean"):GUIDE.index("## Publish")]
    return re.findall(r"^\| `([^`]+)` \|", section, re.MULTILINE)


def produced_messages(tmp_path) -> set[str]:
    messages = set()
    for name, text in MISTAKES.items():
        project = Project(tmp_path / name.replace("/", "-").replace(" ", "-"))
        project.write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
        project.write("content/case-studies/wirral-hubs.md", text)
        problems = project.load().problems
        assert len(problems) == 1, (name, problems)
        messages.add(f"{problems[0].field}: {problems[0].message}")
    # A published case study listing a draft, and a misnamed file.
    project = Project(tmp_path / "draft")
    project.write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
    project.write("content/case-studies/wirral-hubs.md",
                  case_study(principles="principles: [local-spend]\nrelated: [new-one]"))
    project.write("content/case-studies/new-one.md",
                  case_study("New one", date_added="date_added: 2026-11-26\ndraft: true"))
    project.write("content/case-studies/Wirral Hubs.md", case_study())
    project.write("content/case-studies/wirral-deal", case_study())
    messages |= {f"{p.field}: {p.message}" for p in project.load().problems}
    # A new file with the title of a published one: the message at the new file.
    project = Project(tmp_path / "same-title")
    project.write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
    project.write("content/case-studies/preston-model.md", case_study("The Preston Model"))
    project.write("content/published-addresses.txt", "/case-studies/preston-model/\n")
    project.write("content/case-studies/wirral-hubs.md", case_study("The Preston Model"))
    messages |= {f"{p.field}: {p.message}" for p in project.load().problems if p.path.endswith("wirral-hubs.md")}
    return messages


def test_every_message_in_the_guide_is_one_the_checker_prints(tmp_path):
    table = guide_table_messages()
    assert len(table) >= 15
    produced = produced_messages(tmp_path)
    assert sorted(set(table) - produced) == [], "the guide quotes messages the checker does not print"
    assert sorted(produced - set(table)) == [], "a reproduced mistake is missing from the guide's table"


def test_the_guides_example_line_is_real(project):
    example = re.search(r"^    (content/case-studies/wirral-hubs\.md:.+)$", GUIDE, re.MULTILINE)[1]
    project.write("content/case-studies/wirral-hubs.md", case_study(region="region: North-West"))
    assert str(project.load().problems[0]) == example


def test_the_vs_code_task_finds_each_problem_in_the_checks_output(project):
    project.write("content/case-studies/wirral-hubs.md", case_study(region="region: North-West", year="year: x"))
    result = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(project.root)],
                            capture_output=True, text=True, timeout=60, check=False)
    text = (ROOT / ".vscode/tasks.json").read_text("utf-8")
    task = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE))["tasks"][0]
    assert task["group"] == {"kind": "build", "isDefault": True}
    assert [task["command"], *task["args"]] == ["make", "check"]
    pattern = task["problemMatcher"]["pattern"]
    found = []
    for line in result.stderr.splitlines():
        match = re.match(pattern["regexp"], line)
        if match:
            found.append((match[pattern["file"]], match[pattern["line"]], match[pattern["column"]],
                          match[pattern["message"]].split(":")[0]))
    assert found == [("content/case-studies/wirral-hubs.md", "6", "9", "region"),
                     ("content/case-studies/wirral-hubs.md", "7", "7", "year")]


def test_the_pre_commit_hook_runs_the_check_on_content_changes():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system"
    assert hook["entry"] == "make check" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "content/case-studies/wirral-hubs.md")
    assert not re.search(hook["files"], "docs/index.md")


def test_the_pull_request_workflow_checks_then_builds_read_only():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text("utf-8"))
    assert workflow["name"] in GUIDE  # the guide tells staff what the check is called
    assert list(workflow[True]) == ["pull_request"]  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"} and job["timeout-minutes"] <= 30
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
                    "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065"]
    assert job["steps"][0]["with"]["persist-credentials"] is False
    runs = [step["run"].strip() for step in job["steps"] if "run" in step]
    assert "\nmake check " in "\n" + runs[0] and runs[-2:] == ["make test-fast", "make build"]
    # The commenting job writes to pull requests only, and runs none of their code.
    assert workflow["jobs"]["comment"]["permissions"] == {"pull-requests": "write"}
