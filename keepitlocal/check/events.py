"""What an event needs beyond its schema, at the field to change: dates that are in the calendar,
UK times the clocks neither skip nor repeat, an end after the start, and what each format needs.

Nothing that depends on today's date is ever an error: an event that was valid when it was
merged must not stop the daily rebuild later. Date-based findings are `notes`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from keepitlocal.base import uktime
from keepitlocal.base.problems import Problem
from keepitlocal.base.uktime import When
from keepitlocal.model.events import IN_A_ROOM, Event

if TYPE_CHECKING:
    from keepitlocal.read.frontmatter import FrontMatter

# What each format needs: (formats, any one of these fields, the field named in the problem,
# what is missing, what to write).
_JOIN = ("joining_url", "booking_url")
_JOIN_HINT = "add where people join (joining_url: https://...) or book (booking_url: https://...)"
_NEEDS = (
    (IN_A_ROOM, ("venue", "venue_unknown"), "venue", "a venue", "add a line like  venue: Leeds Civic Hall"),
    (IN_A_ROOM, ("town",), "town", "a town", "add a line like  town: Leeds"),
    (("online", "hybrid"), _JOIN, "joining_url", "an address to join or book at", _JOIN_HINT),
)
_ARTICLE = {"in-person": "an in-person", "online": "an online", "hybrid": "a hybrid"}
# A past event without a recording is worth a note for this long after it; older ones may
# never have had one.
RECORDING_NOTE_DAYS = 60


def problems(path: str, data: dict, front_matter: FrontMatter) -> list[Problem]:
    """What the schema cannot say about one event's front-matter (which has passed its schema):
    dates that are not in the calendar, UK times the clocks skip or repeat, an end before the
    start, and what each format needs. Each is positioned on the field to change."""
    found: list[Problem] = []

    def problem(field: str, at: str, message: str, hint: str = "") -> None:
        line, col = front_matter.position((at,))
        found.append(Problem(path, line, col, field, message, hint))

    times = {}
    for name in ("start", "end"):
        if name in data:
            try:
                times[name] = uktime.parse(data[name])
            except uktime.TimeProblem as error:
                problem(name, name, error.message, error.hint)
    start, end = times.get("start"), times.get("end")
    if start and end:
        if start.all_day != end.all_day:
            problem("end", "end", "start and end must both be dates, or both dates and times",
                    f"write end like start: {_like(data['start'], end)}")
        elif end.sort_key() < start.sort_key() or (not end.all_day and end.utc == start.utc):
            problem("end", "end", f"ends before it starts ({data['end']} is before {data['start']})"
                    if end.sort_key() < start.sort_key() else "ends at the moment it starts",
                    "check the dates and times; leave end out when the end time is not known")

    fmt = data.get("format")
    for formats, any_of, field, what, hint in _NEEDS:
        if fmt in formats and not any(data.get(name) for name in any_of):
            problem(field, "format", f"{_ARTICLE[fmt]} event needs {what}", hint)
    if data.get("status") == "moved-online" and fmt != "online" and not any(data.get(name) for name in _JOIN):
        # Readers are told it takes place online, and the venue is no longer shown: they need the link.
        problem("joining_url", "status", "an event that moved online needs an address to join or book at",
                _JOIN_HINT)
    return found


def _like(start_text: str, end: When) -> str:
    """An example end written the same way as start."""
    if " " in start_text.strip() or "T" in start_text:
        return f"{end.date.isoformat()} 17:00"
    return end.date.isoformat()


def notes(path: str, data: dict, front_matter: FrontMatter, today: datetime.date) -> list[Problem]:
    """Findings that depend on today's date: worth a look, never a reason to stop a build."""
    try:
        event = Event.from_data("", data)
    except uktime.TimeProblem:
        return []
    found = []
    recent = 0 <= (today - event.last_day).days <= RECORDING_NOTE_DAYS
    if event.is_past(today) and recent and event.status in ("scheduled", "moved-online"):
        if not data.get("recording_url") and not data.get("slides_url"):
            line, col = front_matter.position(("start",))
            found.append(Problem(path, line, col, "recording_url",
                                 "the event has taken place and has no recording or slides yet",
                                 "add recording_url or slides_url when they are online"))
    if not event.is_past(today) and data.get("venue_unknown"):
        line, col = front_matter.position(("venue_unknown",))
        found.append(Problem(path, line, col, "venue", "the event is still to come and its venue is not given",
                             "add venue: once it is known, and remove venue_unknown"))
    if not event.is_past(today) and (data.get("recording_url") or data.get("slides_url")):
        name = "recording_url" if data.get("recording_url") else "slides_url"
        line, col = front_matter.position((name,))
        found.append(Problem(path, line, col, name, "the event has not happened yet, so this is not shown",
                             "it appears on the page from the day after the event"))
    return found
