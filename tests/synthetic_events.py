"""Synthetic events for tests: a valid event file with lines replaced, and a small project
with upcoming, cancelled, past, draft and scheduled events, built on a set date. None of these
events is real; the published site shows only the events in content/events/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from builds import mkdocs_build, project_copy
from conftest import PRINCIPLE, ROOT, case_study

TODAY = "2027-03-01"  # the build's date for the synthetic site

EVENT = """\
---
title: {title}
summary: A synthetic event for the tests, about councils keeping services local.
id: {id}
start: {start}
end: {end}
format: in-person
venue: Test Hall
town: Testford
status: {status}
principles: [local-spend]
case_studies: [good-example]
date_added: 2026-11-20
sources:
  - title: The announcement
    url: https://example.org/announcement
    publisher: Example
---
What the event is about.
"""


def event(title="A test event", id="test-event", start="2027-03-18 10:00", end="2027-03-18 12:30",
          status="scheduled", **replace) -> str:
    text = EVENT.format(title=title, id=id, start=start, end=end, status=status)
    for field, line in replace.items():
        lines = text.split("\n")
        index = next((i for i, old in enumerate(lines) if old.startswith(f"{field}:")), None)
        if index is None:
            lines.insert(lines.index("date_added: 2026-11-20"), line)
        else:
            lines[index:index + 1] = [] if line is None else line.split("\n")
        text = "\n".join(lines)
    return text



def build_events_site(root: Path, only_past: bool = False) -> Path:
    """A project with synthetic events, built as it would be on TODAY; returns the site folder.
    `only_past`: the past events alone, nothing coming up."""
    root = project_copy(root)
    # The real councils, case studies and principles, which the hand-written home page links to.
    for kind in ("councils", "case-studies", "principles"):
        shutil.copytree(ROOT / "content" / kind, root / "content" / kind, dirs_exist_ok=True)

    def write(rel, text):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    write("content/principles/local-spend.md", PRINCIPLE.format(number=3))
    write("content/case-studies/good-example.md", case_study())
    if only_past:
        write("content/events/long-ago.md", event("Long ago", "long-ago", "2018-07-12", "2018-07-12"))
        return _build(root)
    write("content/events/next-webinar.md", event(
        "Next webinar", "next-webinar", "2027-03-18 10:00", "2027-03-18 11:00", format="format: online",
        venue=None, town=None, joining_url="joining_url: https://example.org/join",
        booking_url="booking_url: https://example.org/book"))
    write("content/events/later-meeting.md", event(
        "Later meeting", "later-meeting", "2027-05-04", "2027-05-05"))
    write("content/events/called-off.md", event(
        "Called-off meeting", "called-off", "2027-04-01 14:00", "2027-04-01 16:00", status="cancelled",
        booking_url="booking_url: https://example.org/book-called-off"))
    write("content/events/last-year.md", event(
        "Last year's event", "last-year", "2026-06-10 10:00", "2026-06-10 12:00",
        booking_url="booking_url: https://example.org/book-old",
        recording_url="recording_url: https://example.org/recording"))
    write("content/events/long-ago.md", event("Long ago", "long-ago", "2018-07-12", "2018-07-12"))
    write("content/events/not-ready.md", event("Not ready", "not-ready", draft="draft: true"))
    write("content/events/scheduled-later.md", event("Scheduled later", "scheduled-later",
                                                      publish_date="publish_date: 2027-06-01"))
    return _build(root)


def _build(root: Path) -> Path:
    site_dir = root / "site"
    previous = os.environ.get("KEEPITLOCAL_TODAY")
    os.environ["KEEPITLOCAL_TODAY"] = TODAY
    try:
        result = mkdocs_build(root, site_dir)
    finally:
        if previous is None:
            del os.environ["KEEPITLOCAL_TODAY"]
        else:
            os.environ["KEEPITLOCAL_TODAY"] = previous
    assert result.returncode == 0, result.stderr
    return site_dir
