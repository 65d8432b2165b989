"""What the events' templates get: cards, the events page's upcoming and past events, each
event's page with its calendar links and structured data."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from keepitlocal.base import uktime
from keepitlocal.base.urls import absolute_url, file_href, page_url
from keepitlocal.model.events import CALENDAR_FILE, Event, calendar_file, labels, split
from keepitlocal.render import jsonld
from keepitlocal.render.environment import Markup

if TYPE_CHECKING:
    from keepitlocal.model.site import Entry, Site
    from keepitlocal.schema.collections import Collection


def card(collection: Collection, entry: Entry, today: datetime.date) -> dict:
    """One event as listings show it."""
    event = Event.from_data(entry.slug, entry.data)
    day = event.start.date
    return {"item": entry, "event": event, "past": event.is_past(today),
            "format_label": labels(collection, "format")[event.attendance],
            "status_label": labels(collection, "status")[event.status],
            "date_block": {"day": str(day.day), "month": _MONTHS[day.month - 1], "year": str(day.year)}}


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"
OUTLOOK_CALENDAR = "https://outlook.office.com/calendar/0/deeplink/compose"


def calendar_links(event: Event, url: str) -> dict:
    """Links that open a new calendar entry for `event`, filled in from its own fields, in
    Google Calendar and in Outlook (plain links: no script, and nothing is sent until the reader
    follows one). An event with no end is given its start as its end."""
    details = f"{event.summary}\n\n{url}" if url else event.summary
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


def index_context(site: Site, collection: Collection, src_uri: str, site_url: str) -> dict:
    """The events page: upcoming events soonest first, then past events by year, newest first."""
    today = site.today or uktime.today()
    listing = split((Event.from_data(e.slug, e.data) for e in site.entries_of(collection)), today)
    by_slug = {e.slug: e for e in site.entries_of(collection)}
    return {
        "upcoming": [card(collection, by_slug[e.slug], today) for e in listing.upcoming],
        "past_by_year": [(year, [card(collection, by_slug[e.slug], today) for e in found])
                         for year, found in listing.past_by_year],
        "calendar_href": file_href(src_uri, CALENDAR_FILE),
        "calendar_url": _absolute(site_url, CALENDAR_FILE),
        "webcal_url": subscribe_url(_absolute(site_url, CALENDAR_FILE)),
        "network_url": site.words.get("network_signup_url", ""),
    }


def page_context(site: Site, collection: Collection, entry: Entry, site_url: str) -> dict:
    """One event's page: its facts, what to show before and after it, its calendar file and
    its structured data."""
    today = site.today or uktime.today()
    facts = card(collection, entry, today)
    event = facts["event"]
    url = _absolute(site_url, page_url(entry.src_uri))
    facts.pop("item")
    return {
        **facts,
        "ics_href": file_href(entry.src_uri, calendar_file(event)),
        "calendar_href": file_href(entry.src_uri, CALENDAR_FILE),
        "calendar_url": _absolute(site_url, CALENDAR_FILE),
        "webcal_url": subscribe_url(_absolute(site_url, CALENDAR_FILE)),
        "add_links": calendar_links(event, url),
        "json_ld": Markup(jsonld.script_json(jsonld.event(event, url))),
        "principles": site.referenced(entry, "principles"),
        "case_studies": site.referenced(entry, "case_studies"),
    }


def related_events(site: Site, entry: Entry, field: str) -> list[dict]:
    """Events that name `entry` in their `field` (principles or case_studies), soonest first:
    from every kind with this behaviour."""
    today = site.today or uktime.today()
    return [card(collection, e, today) for collection in site.collections.values() if collection.behaviour == "events"
            for e in site.referring(entry, collection, field)]


def _absolute(site_url: str, path: str) -> str:
    """A full address with the site's address, or the path from the root without one."""
    return absolute_url(site_url, path) if site_url else path
