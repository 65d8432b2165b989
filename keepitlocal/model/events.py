"""Events and webinars as the model has them: one event's facts (`Event`) and the split into
upcoming and past events. Plain Python; the checks (keepitlocal.check.events), the pages
(keepitlocal.render.events), calendar files and structured data build on `Event`.

Nothing that depends on today's date is ever an error: an event that was valid when it was
merged must not stop the daily rebuild later. Date-based findings are `notes`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from keepitlocal.base import uktime
from keepitlocal.base.uktime import When

if TYPE_CHECKING:
    from collections.abc import Iterable

# A calendar UID must be the same in every build for as long as the event exists, and unlike
# any other calendar's: the event's permanent `id` field in a namespace of the campaign's own
# (not the site's address, which may move).
UID_DOMAIN = "events.keep-it-local.locality"
DEFAULT_ORGANISER = "Locality"

IN_A_ROOM = ("in-person", "hybrid")



@dataclass(frozen=True)
class Event:
    """One valid event's facts, read once from its front-matter."""

    slug: str
    data: dict
    start: When
    end: When | None

    @classmethod
    def from_data(cls, slug: str, data: dict) -> Event:
        """For front-matter that passed `problems`: its times parse."""
        end = data.get("end")
        return cls(slug, data, uktime.parse(data["start"]), uktime.parse(end) if end else None)

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def summary(self) -> str:
        return self.data["summary"]

    @property
    def format(self) -> str:
        return self.data["format"]

    @property
    def status(self) -> str:
        return self.data["status"]

    @property
    def uid(self) -> str:
        return f"{self.data['id']}@{UID_DOMAIN}"

    @property
    def organisers(self) -> list[str]:
        return self.data.get("organisers") or [DEFAULT_ORGANISER]

    @property
    def all_day(self) -> bool:
        return self.start.all_day

    @property
    def last_day(self) -> datetime.date:
        return self.end.date if self.end else self.start.date

    def is_past(self, today: datetime.date) -> bool:
        """Over by `today`: its last day was before it. An event on today's date is upcoming."""
        return self.last_day < today

    @property
    def when_text(self) -> str:
        return uktime.describe(self.start, self.end)

    @property
    def venue(self) -> str:
        return self.data.get("venue", "")

    @property
    def attendance(self) -> str:
        """How people take part now: the format, or `online` for an event that moved online."""
        return "online" if self.status == "moved-online" else self.format

    @property
    def in_a_room(self) -> bool:
        """Whether people meet in a room: not an online event, nor one that moved online (whose
        old venue is no longer given anywhere, so nobody goes there)."""
        return self.format in IN_A_ROOM and self.status != "moved-online"

    @property
    def online(self) -> bool:
        """Whether people take part online: an online or hybrid event, or one that moved online."""
        return self.format != "in-person" or self.status == "moved-online"

    @property
    def place_text(self) -> str:
        """Where, for readers and calendars: `Venue, address, Town`, `Online`, or both."""
        room = ", ".join(self.data[k] for k in ("venue", "address", "town") if self.data.get(k))
        if not self.in_a_room:
            return "Online"
        if self.format == "hybrid":
            return f"{room}, and online" if room else "Online"
        return room


@dataclass(frozen=True)
class Listing:
    """Events as readers browse them on a given day."""

    upcoming: list[Event]  # soonest first
    past_by_year: list[tuple[int, list[Event]]]  # newest year first, newest event first


def split(events: Iterable[Event], today: datetime.date) -> Listing:
    events = list(events)
    upcoming = sorted((e for e in events if not e.is_past(today)), key=lambda e: (e.start.sort_key(), e.title))
    past = sorted((e for e in events if e.is_past(today)), key=lambda e: (e.start.sort_key(), e.title),
                  reverse=True)
    years: dict[int, list[Event]] = {}
    for event in past:
        years.setdefault(event.start.date.year, []).append(event)
    return Listing(upcoming, list(years.items()))


CALENDAR_FILE = "events.ics"  # every published event, at the site root


def calendar_file(event: Event) -> str:
    """The event's own calendar file, beside the site's other event files: events/<slug>.ics."""
    return f"events/{event.slug}.ics"


def labels(collection, field: str) -> dict:
    """What readers are shown for each value of `field` (format, status), from the kind's schema."""
    return collection.schema["properties"][field]["x-labels"]
