"""schema.org structured data for event pages, as search engines read it.

Google asks for name, startDate (with its offset) and location (a Place with an address, or
a VirtualLocation with a url), and recommends endDate, eventAttendanceMode, eventStatus,
organizer and description. The JSON goes inside <script type="application/ld+json">, where
the HTML parser ends the script at the first `</script`, whatever the JSON means: so every
`<`, `>` and `&` is written as a \\u escape, which JSON reads back as the same character.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keepitlocal.model.events import Event

_SCHEMA = "https://schema.org/"
_MODE = {"in-person": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
         "hybrid": "MixedEventAttendanceMode"}
_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled", "postponed": "EventPostponed",
           "moved-online": "EventMovedOnline"}


def event(ev: Event, url: str) -> dict:
    """The schema.org Event for `ev`, whose page is at `url`."""
    data = ev.data
    item = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": ev.title,
        "description": ev.summary,
        "url": url,
        "startDate": _when(ev.start),
        "eventAttendanceMode": _SCHEMA + _MODE[ev.attendance],
        "eventStatus": _SCHEMA + _STATUS[ev.status],
        "organizer": [{"@type": "Organization", "name": name} for name in ev.organisers],
    }
    if ev.end is not None:
        item["endDate"] = _when(ev.end)
    places = []
    if ev.in_a_room:
        address = {"@type": "PostalAddress", "addressLocality": data["town"], "addressCountry": "GB"}
        if data.get("address"):
            address["streetAddress"] = data["address"]
        places.append({"@type": "Place", "name": data.get("venue") or data["town"], "address": address})
    if ev.online:
        online = data.get("joining_url") or data.get("booking_url") or url
        places.append({"@type": "VirtualLocation", "url": online})
    item["location"] = places[0] if len(places) == 1 else places
    return item


def _when(when) -> str:
    """A date (all-day) or a moment with its UK offset: 2018-07-12, 2027-03-18T10:00:00+00:00."""
    return when.date.isoformat() if when.moment is None else when.moment.isoformat()


def script_json(value) -> str:
    """JSON that is safe as the text of a <script> element: no `<`, `>` or `&` appears in it,
    nor the line separators that end a JavaScript string."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text
