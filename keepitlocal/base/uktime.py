"""Dates and times as staff write them, read as UK time.

Staff write `2027-03-18 10:00` (UK time, whatever the season), a date alone for an all-day
event, or a time with an offset (`2027-03-18T10:00+01:00`, `...Z`) when it was given in
another zone. Twice a year UK clocks change, and two kinds of UK time are then not one moment:

- on the last Sunday of March, 01:00 to 01:59 never happens (clocks go from 01:00 GMT to
  02:00 BST), so `2027-03-28 01:30` names no moment at all;
- on the last Sunday of October, 01:00 to 01:59 happens twice (first BST, then GMT), so
  `2027-10-31 01:30` names two moments an hour apart.

Both are refused with a message saying which, rather than guessed. Nothing here depends on
today's date.
"""

from __future__ import annotations

import calendar
import datetime
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
UTC = datetime.UTC

_WHEN = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?P<zone>Z|[+-]\d{2}:?\d{2})?)?$"
)


class TimeProblem(ValueError):
    """A date or time that cannot be read as one moment; `message` and `hint` are for staff."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class When:
    """A start or end: a date (all-day) or a moment (an aware datetime, kept in UK time)."""

    date: datetime.date
    moment: datetime.datetime | None = None  # None for a date alone

    @property
    def all_day(self) -> bool:
        return self.moment is None

    @property
    def utc(self) -> datetime.datetime:
        if self.moment is None:
            raise ValueError("an all-day date has no moment")
        return self.moment.astimezone(UTC)

    def sort_key(self) -> tuple:
        """Orders dates and moments together: a date sorts at the start of its UK day."""
        if self.moment is None:
            return (self.date, datetime.datetime.combine(self.date, datetime.time(), UK).astimezone(UTC))
        return (self.date, self.utc)


def parse(text: str) -> When:
    """`2027-03-18`, `2027-03-18 10:00`, `2027-03-18T10:00+01:00` -> When; TimeProblem otherwise."""
    match = _WHEN.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise TimeProblem("is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM)",
                          "for example: 2027-03-18 10:00")
    try:
        day = datetime.date.fromisoformat(match["date"])
    except ValueError:
        raise TimeProblem(f"{match['date']} is not a date in the calendar",
                          _calendar_hint(match["date"])) from None
    if match["hour"] is None:
        return When(day)
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise TimeProblem(f"{match['hour']}:{match['minute']} is not a time of day",
                          "use the 24-hour clock, 00:00 to 23:59")
    naive = datetime.datetime.combine(day, datetime.time(hour, minute, second))
    if match["zone"]:
        moment = naive.replace(tzinfo=_offset(match["zone"]))
        local = moment.astimezone(UK)
        return When(local.date(), local)
    return When(day, uk_moment(naive))


def uk_moment(naive: datetime.datetime) -> datetime.datetime:
    """A UK wall-clock time as an aware datetime; TimeProblem when the clocks' change makes it
    name no moment (March) or two (October)."""
    early = naive.replace(tzinfo=UK, fold=0)
    late = naive.replace(tzinfo=UK, fold=1)
    if early.utcoffset() == late.utcoffset():
        return early
    clock = naive.strftime("%H:%M")
    back = early.astimezone(UTC).astimezone(UK).replace(tzinfo=None)
    if back != naive:
        raise TimeProblem(
            f"{clock} on {naive:%-d %B %Y} does not exist in UK time: the clocks go forward "
            "from 01:00 to 02:00 that night",
            "use a time before 01:00 or from 02:00, or give an offset, e.g. +01:00")
    raise TimeProblem(
        f"{clock} on {naive:%-d %B %Y} happens twice in UK time: the clocks go back from "
        "02:00 BST to 01:00 GMT that night",
        f"say which with an offset: {naive:%Y-%m-%d %H:%M}+01:00 (the first, BST) or "
        f"{naive:%Y-%m-%d %H:%M}+00:00 (the second, GMT)")


def _offset(zone: str) -> datetime.timezone:
    if zone == "Z":
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _calendar_hint(text: str) -> str:
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return "the month must be 01 to 12"

    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    return f"{calendar.month_name[month]} {year} has {last} days"


def today(environ=None) -> datetime.date:
    """The build's date: KEEPITLOCAL_TODAY (YYYY-MM-DD) when set, for previews and tests;
    otherwise today's date in the UK."""
    environ = os.environ if environ is None else environ
    value = environ.get("KEEPITLOCAL_TODAY", "").strip()
    if value:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise TimeProblem(f"KEEPITLOCAL_TODAY={value!r} is not a date",
                              "write it YYYY-MM-DD, e.g. KEEPITLOCAL_TODAY=2018-07-01") from None
    return datetime.datetime.now(UK).date()


# Plain English, in GOV.UK style: "Thursday 12 July 2018", "10am to 12:30pm".

def long_date(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: datetime.datetime) -> str:
    """10:00 -> 10am, 12:30 -> 12:30pm, 12:00 -> midday, 00:00 -> midnight."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def describe(start: When, end: When | None) -> str:
    """The when of an event for readers, in UK time.

    Thursday 12 July 2018 · Thursday 12 July 2018, 10am to 12:30pm ·
    Wednesday 7 November to Thursday 8 November 2018 · Thursday 12 July 2018, 10am"""
    if end is None or (end.all_day and end.date == start.date):
        text = long_date(start.date)
        return f"{text}, {clock(start.moment)}" if start.moment else text
    if start.moment and end.moment and end.date == start.date:
        return f"{long_date(start.date)}, {clock(start.moment)} to {clock(end.moment)}"
    first = long_date(start.date)
    if start.date.year == end.date.year:
        first = first[: -len(f" {start.date.year}")]
    first = f"{first}, {clock(start.moment)}" if start.moment else first
    last = long_date(end.date)
    last = f"{last}, {clock(end.moment)}" if end.moment else last
    return f"{first} to {last}"
