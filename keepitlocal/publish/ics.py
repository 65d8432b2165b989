"""iCalendar (RFC 5545) files for events: one calendar of every published event, and one file
per event for "Add to calendar". The `icalendar` library writes the text: escaping, CRLF line
endings and folding at 75 octets are its job, not ours.

Times are written in UTC: calendar clients differ in how they read UK time-zone blocks, and a
UTC time is one moment everywhere. All-day events are dates, with the exclusive end the
standard asks for (an event on 7 and 8 November ends on the 9th).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from keepitlocal.base.urls import absolute_url, page_url
from keepitlocal.model.events import CALENDAR_FILE, Event, calendar_file

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from keepitlocal.model.site import Site

MEDIA_TYPE = "text/calendar"
PRODID = "-//Locality//Keep it Local events//EN"

# STATUS and a word before the title, for clients that do not show STATUS.
_STATUS = {
    "scheduled": ("CONFIRMED", ""),
    "moved-online": ("CONFIRMED", "Moved online: "),
    "postponed": ("TENTATIVE", "Postponed: "),
    "cancelled": ("CANCELLED", "Cancelled: "),
}


def calendar(events: Iterable[Event], *, page_url: Callable[[Event], str], stamp: datetime.datetime,
             name: str = "Keep it Local events") -> bytes:
    """A calendar of `events`. `page_url(event)` gives each event's page address; `stamp` (UTC)
    is DTSTAMP, when this calendar was made."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, page_url(event), stamp))
    return cal.to_ical()


def _vevent(event: Event, url: str, stamp: datetime.datetime):
    import icalendar

    status, prefix = _STATUS[event.status]
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    if event.all_day:
        vevent.add("dtstart", event.start.date)
        vevent.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        vevent.add("dtstart", event.start.utc)
        if event.end is not None:
            vevent.add("dtend", event.end.utc)
    vevent.add("summary", prefix + event.title)
    vevent.add("description", description(event, url))
    if event.place_text:
        vevent.add("location", event.place_text)
    vevent.add("url", url)
    vevent.add("status", status)
    return vevent


def description(event: Event, url: str) -> str:
    """Plain text: the summary, how to take part, and the page."""
    lines = [event.summary]
    if event.data.get("joining_url"):
        lines.append(f"Join online: {event.data['joining_url']}")
    if event.data.get("booking_url"):
        lines.append(f"Book a place: {event.data['booking_url']}")
    lines.append(f"Details: {url}")
    return "\n\n".join(lines)


def calendar_files(site: Site, site_url: str) -> dict[str, bytes]:
    """The events calendars by their path in the site: events.ics (every published event, for
    subscribing) and events/<slug>.ics (one event, for "Add to calendar"); none for a site
    without events. They are stamped with the build's date (midnight UTC), so a day's builds
    make the same files."""
    entries = [e for collection in site.collections.values() if collection.behaviour == "events"
               for e in site.entries_of(collection)]
    if not any(collection.behaviour == "events" for collection in site.collections.values()):
        return {}
    events = [Event.from_data(e.slug, e.data) for e in entries]
    urls = {e.slug: absolute_url(site_url, page_url(e.src_uri)) for e in entries}
    stamp = datetime.datetime.combine(site.today, datetime.time(), datetime.UTC)

    def url(event: Event) -> str:
        return urls[event.slug]

    made = {CALENDAR_FILE: calendar(events, page_url=url, stamp=stamp)}
    for event in events:
        made[calendar_file(event)] = calendar([event], page_url=url, stamp=stamp, name=event.title)
    return made
