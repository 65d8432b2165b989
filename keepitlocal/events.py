"""Events and webinars: the checks that span several fields, and the split into upcoming and
past events. Plain Python; the pages, calendar files and structured data build on `Event`.

Nothing that depends on today's date is ever an error: an event that was valid when it was
merged must not stop the daily rebuild later. Date-based findings are `notes`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import uktime
from .problems import Problem
from .uktime import When

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .frontmatter import FrontMatter

# A calendar UID must be the same in every build for as long as the event exists, and unlike
# any other calendar's: the event's permanent `id` field in a namespace of the campaign's own
# (not the site's address, which may move).
UID_DOMAIN = "events.keep-it-local.locality"
DEFAULT_ORGANISER = "Locality"

IN_A_ROOM = ("in-person", "hybrid")
ONLINE = ("online", "hybrid")

# What each format needs: (formats, any one of these fields, the field named in the problem,
# what is missing, what to write).
_NEEDS = (
    (IN_A_ROOM, ("venue", "venue_unknown"), "venue", "a venue", "add a line like  venue: Leeds Civic Hall"),
    (IN_A_ROOM, ("town",), "town", "a town", "add a line like  town: Leeds"),
    (("online",), ("joining_url", "booking_url"), "joining_url", "an address to join or book at",
     "add where people join (joining_url: https://...) or book (booking_url: https://...)"),
)
_ARTICLE = {"in-person": "an in-person", "online": "an online", "hybrid": "a hybrid"}
# A past event without a recording is worth a note for this long after it; older ones may
# never have had one.
RECORDING_NOTE_DAYS = 60


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
    def place_text(self) -> str:
        """Where, for readers and calendars: `Venue, address, Town`, `Online`, or both."""
        room = ", ".join(self.data[k] for k in ("venue", "address", "town") if self.data.get(k))
        if self.format == "online":
            return "Online"
        if self.format == "hybrid":
            return f"{room}, and online" if room else "Online"
        return room


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


# What the templates get (the kind's declaration names this module: `module: events`)

CALENDAR_FILE = "events.ics"  # every published event, at the site root


def labels(field: str) -> dict:
    from .collections import COLLECTIONS

    return COLLECTIONS["events"].schema["properties"][field]["x-labels"]


def card(entry, today: datetime.date) -> dict:
    """One event as listings show it."""
    event = Event.from_data(entry.slug, entry.data)
    day = event.start.date
    return {"item": entry, "event": event, "past": event.is_past(today),
            "format_label": labels("format")[event.format], "status_label": labels("status")[event.status],
            "date_block": {"day": str(day.day), "month": _MONTHS[day.month - 1], "year": str(day.year)}}


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR = "https://outlook.office.com/calendar/0/deeplink/compose"


def calendar_links(event: Event, page_url: str) -> dict:
    """Links that open a new calendar entry for `event`, filled in from its own fields, in
    Google Calendar and in Outlook (plain links: no script, and nothing is sent until the reader
    follows one). An event with no end is given its start as its end."""
    from urllib.parse import urlencode

    details = f"{event.summary}\n\n{page_url}" if page_url else event.summary
    if event.all_day:
        first, after = event.start.date, event.last_day + datetime.timedelta(days=1)
        google_dates = f"{first:%Y%m%d}/{after:%Y%m%d}"
        outlook_times = {"startdt": first.isoformat(), "enddt": after.isoformat(), "allday": "true"}
    else:
        start = event.start.utc
        end = event.end.utc if event.end else start
        google_dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
        outlook_times = {"startdt": f"{start:%Y-%m-%dT%H:%M:%SZ}", "enddt": f"{end:%Y-%m-%dT%H:%M:%SZ}"}
    google = {"action": "TEMPLATE", "text": event.title, "dates": google_dates, "details": details,
              "location": event.place_text}
    outlook = {"path": "/calendar/action/compose", "rru": "addevent", "subject": event.title, **outlook_times,
               "body": details, "location": event.place_text}
    return {"google": f"{GOOGLE_CALENDAR}?{urlencode(google)}", "outlook": f"{OUTLOOK_CALENDAR}?{urlencode(outlook)}"}


def subscribe_url(calendar_url: str) -> str:
    """The calendar's address with webcal:, which opens a calendar app ready to subscribe;
    empty without a full https address (site_url unset)."""
    for scheme in ("https://", "http://"):
        if calendar_url.startswith(scheme):
            return "webcal://" + calendar_url[len(scheme):]
    return ""


def index_context(site, collection, src_uri: str, site_url: str) -> dict:
    """The events page: upcoming events soonest first, then past events by year, newest first."""
    today = site.today or uktime.today()
    listing = split((Event.from_data(e.slug, e.data) for e in site.entries_of(collection)), today)
    by_slug = {e.slug: e for e in site.entries_of(collection)}
    return {
        "upcoming": [card(by_slug[e.slug], today) for e in listing.upcoming],
        "past_by_year": [(year, [card(by_slug[e.slug], today) for e in found]) for year, found in listing.past_by_year],
        "calendar_href": _relative_file(src_uri, CALENDAR_FILE),
        "calendar_url": _absolute(site_url, CALENDAR_FILE),
        "webcal_url": subscribe_url(_absolute(site_url, CALENDAR_FILE)),
        "network_url": site.words.get("network_signup_url", ""),
    }


def page_context(site, entry, site_url: str) -> dict:
    """One event's page: its facts, what to show before and after it, its calendar file and
    its structured data."""
    from . import ics, jsonld
    from .render import Markup

    today = site.today or uktime.today()
    facts = card(entry, today)
    event = facts["event"]
    from .pages import page_url

    url = _absolute(site_url, page_url(entry.src_uri))
    facts.pop("item")
    return {
        **facts,
        "ics_href": _relative_file(entry.src_uri, ics.file_name(event)),
        "calendar_href": _relative_file(entry.src_uri, CALENDAR_FILE),
        "calendar_url": _absolute(site_url, CALENDAR_FILE),
        "webcal_url": subscribe_url(_absolute(site_url, CALENDAR_FILE)),
        "add_links": calendar_links(event, url),
        "json_ld": Markup(jsonld.script_json(jsonld.event(event, url))),
        "principles": site.referenced(entry, "principles"),
        "case_studies": site.referenced(entry, "case_studies"),
    }


def related_events(site, entry, field: str) -> list[dict]:
    """Events that name `entry` in their `field` (principles or case_studies), soonest first."""
    today = site.today or uktime.today()
    return [card(e, today) for e in site.referring(entry, "events", field)]


def _relative_file(from_src_uri: str, path: str) -> str:
    """A link from a page to a file at `path` from the site root (the calendar files)."""
    from .pages import page_url

    depth = page_url(from_src_uri).count("/")
    return "../" * depth + path


def _absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path if site_url else path
