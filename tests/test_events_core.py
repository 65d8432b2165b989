"""Events in the content core: UK time, cross-field checks, upcoming and past, iCalendar files
and schema.org JSON-LD. Events here are synthetic; none is published."""

from __future__ import annotations

import datetime
import json
import re
from urllib.parse import unquote_plus

import icalendar
import pytest

from keepitlocal.base import uktime
from keepitlocal.check import events as event_checks
from keepitlocal.model import events
from keepitlocal.publish import ics
from keepitlocal.read.frontmatter import read_document
from keepitlocal.render import jsonld
from keepitlocal.render.events import calendar_links

UTC = datetime.UTC
STAMP = datetime.datetime(2026, 11, 29, tzinfo=UTC)


def front(**fields) -> str:
    base = {
        "title": "Keep it Local for health and wellbeing",
        "summary": "How councils and community organisations can work together on health.",
        "id": "synthetic-event",
        "start": "2027-03-18 10:00",
        "end": "2027-03-18 12:30",
        "format": "in-person",
        "venue": "Civic Hall",
        "town": "Leeds",
        "status": "scheduled",
    }
    base.update(fields)
    lines = [f"{k}: {json.dumps(v)}" for k, v in base.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\nAbout the event.\n"


def read(**fields):
    doc = read_document(front(**fields).encode(), "content/events/x.md")
    assert not doc.problems
    return doc.front_matter


def event(slug="x", **fields) -> events.Event:
    return events.Event.from_data(slug, read(**fields).data)


def check(**fields):
    fm = read(**fields)
    return event_checks.problems("content/events/x.md", fm.data, fm)


def line_of(field: str, **fields) -> int:
    text = front(**fields)
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(f"{field}:"))


# --- UK time ---------------------------------------------------------------------------------

def test_winter_and_summer_times_are_uk_time():
    assert uktime.parse("2027-01-14 10:00").utc == datetime.datetime(2027, 1, 14, 10, tzinfo=UTC)
    assert uktime.parse("2027-07-14 10:00").utc == datetime.datetime(2027, 7, 14, 9, tzinfo=UTC)


def test_a_date_alone_is_all_day_and_an_offset_is_respected():
    assert uktime.parse("2018-07-12").all_day
    assert uktime.parse("2027-07-14T10:00+02:00").utc == datetime.datetime(2027, 7, 14, 8, tzinfo=UTC)
    assert uktime.parse("2027-07-14T10:00Z").moment.hour == 11  # shown in UK time


def test_a_time_the_clocks_skip_in_march_is_refused_saying_so():
    with pytest.raises(uktime.TimeProblem) as error:
        uktime.parse("2027-03-28 01:30")
    assert "does not exist" in error.value.message and "go forward" in error.value.message


def test_a_time_the_clocks_repeat_in_october_is_refused_saying_so_with_both_choices():
    with pytest.raises(uktime.TimeProblem) as error:
        uktime.parse("2027-10-31 01:30")
    assert "happens twice" in error.value.message
    assert "+01:00" in error.value.hint and "+00:00" in error.value.hint
    first = uktime.parse("2027-10-31 01:30+01:00").utc
    second = uktime.parse("2027-10-31 01:30+00:00").utc
    assert second - first == datetime.timedelta(hours=1)


def test_times_either_side_of_the_changes_are_fine():
    for text in ("2027-03-28 00:59", "2027-03-28 02:00", "2027-10-31 00:59", "2027-10-31 02:00"):
        uktime.parse(text)


@pytest.mark.parametrize("text", ["2027-02-30", "2027-13-01", "2027-02-29 10:00", "2027-04-31"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(uktime.TimeProblem, match="not a date in the calendar"):
        uktime.parse(text)


def test_today_can_be_set_and_a_bad_setting_is_a_clear_message():
    assert uktime.today({"KEEPITLOCAL_TODAY": "2018-07-01"}) == datetime.date(2018, 7, 1)
    with pytest.raises(uktime.TimeProblem, match="KEEPITLOCAL_TODAY"):
        uktime.today({"KEEPITLOCAL_TODAY": "1 July"})


def test_when_in_plain_english():
    p = uktime.parse
    assert uktime.describe(p("2018-07-12"), None) == "Thursday 12 July 2018"
    assert uktime.describe(p("2027-03-18 10:00"), p("2027-03-18 12:30")) == "Thursday 18 March 2027, 10am to 12:30pm"
    assert uktime.describe(p("2027-03-18 12:00"), None) == "Thursday 18 March 2027, midday"
    assert uktime.describe(p("2018-11-07"), p("2018-11-08")) == "Wednesday 7 November to Thursday 8 November 2018"
    assert uktime.describe(p("2027-12-31"), p("2028-01-01")) == "Friday 31 December 2027 to Saturday 1 January 2028"


# --- cross-field checks, positioned -----------------------------------------------------------

def test_a_valid_event_has_no_problems():
    assert check() == []


def test_end_before_start_is_reported_on_the_end_line():
    [problem] = check(end="2027-03-18 09:00")
    assert (problem.field, problem.line) == ("end", line_of("end"))
    assert "before it starts" in problem.message


def test_all_day_end_before_start_and_mixed_forms():
    assert "before it starts" in check(start="2027-03-18", end="2027-03-17")[0].message
    [mixed] = check(start="2027-03-18", end="2027-03-18 12:00")
    assert "both" in mixed.message and mixed.field == "end"


def test_clock_change_times_are_positioned_on_their_field():
    [skipped] = check(start="2027-03-28 01:30", end="2027-03-28 03:00")
    assert (skipped.field, skipped.line) == ("start", line_of("start"))
    assert "does not exist" in skipped.message
    [repeated] = check(start="2027-10-31 00:30", end="2027-10-31 01:15")
    assert repeated.field == "end" and "happens twice" in repeated.message


def test_impossible_date_positioned():
    [problem] = check(start="2027-02-30 10:00", end=None)
    assert problem.field == "start" and "February 2027 has 28 days" in problem.hint


def test_online_event_needs_an_address_to_join_or_book():
    [problem] = check(format="online", venue=None, town=None)
    assert problem.field == "joining_url" and problem.line == line_of("format", format="online")
    assert check(format="online", venue=None, town=None, booking_url="https://example.org/book") == []


def test_in_person_and_hybrid_events_need_venue_and_town():
    found = check(format="hybrid", venue=None, town=None, joining_url="https://example.org/join")
    assert sorted(p.field for p in found) == ["town", "venue"]
    assert all(p.hint.startswith("add a line like") for p in found)


def test_date_based_findings_are_notes_only():
    fm = read(start="2027-03-18 10:00", end="2027-03-18 12:00")
    assert event_checks.problems("x", fm.data, fm) == []
    [note] = event_checks.notes("x", fm.data, fm, datetime.date(2027, 3, 25))
    assert "no recording" in note.message
    assert event_checks.notes("x", fm.data, fm, datetime.date(2028, 3, 25)) == []  # long past: quiet
    fm = read(recording_url="https://example.org/r")
    [early] = event_checks.notes("x", fm.data, fm, datetime.date(2027, 1, 1))
    assert early.field == "recording_url"


# --- upcoming and past -------------------------------------------------------------------------

def test_split_at_a_set_date():
    leeds = event("leeds", start="2018-07-12", end=None)
    bristol = event("bristol", start="2018-11-07", end="2018-11-08")
    later = event("later", start="2019-03-01 10:00", end="2019-03-01 11:00")
    listing = events.split([later, leeds, bristol], datetime.date(2018, 7, 1))
    assert [e.slug for e in listing.upcoming] == ["leeds", "bristol", "later"]
    assert listing.past_by_year == []
    listing = events.split([later, leeds, bristol], datetime.date(2018, 11, 8))
    assert [e.slug for e in listing.upcoming] == ["bristol", "later"]  # on its last day: still upcoming
    listing = events.split([later, leeds, bristol], datetime.date(2020, 1, 1))
    assert listing.upcoming == []
    assert [(y, [e.slug for e in es]) for y, es in listing.past_by_year] == [
        (2019, ["later"]), (2018, ["bristol", "leeds"])]


# --- iCalendar ---------------------------------------------------------------------------------

def url(ev):
    return f"https://example.org/events/{ev.slug}/"


def parsed(data: bytes):
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_calendar_parses_back_to_the_same_events():
    timed = event("timed", id="timed-1", start="2027-03-18 10:00", end="2027-03-18 12:30")
    allday = event("allday", id="allday-1", start="2018-11-07", end="2018-11-08")
    [a, b] = parsed(ics.calendar([timed, allday], page_url=url, stamp=STAMP))
    assert a.decoded("dtstart") == datetime.datetime(2027, 3, 18, 10, tzinfo=UTC)
    assert a.decoded("dtend") == datetime.datetime(2027, 3, 18, 12, 30, tzinfo=UTC)
    assert str(a["uid"]) == "timed-1@" + events.UID_DOMAIN
    assert str(a["summary"]) == timed.title and str(a["url"]) == url(timed)
    assert str(a["status"]) == "CONFIRMED" and str(a["location"]) == "Civic Hall, Leeds"
    assert a.decoded("dtstamp") == STAMP
    assert b.decoded("dtstart") == datetime.date(2018, 11, 7)
    assert b.decoded("dtend") == datetime.date(2018, 11, 9)  # exclusive end


def test_times_round_trip_across_both_clock_changes():
    for start, end, utc_start, utc_end in [
        ("2027-03-27 23:30", "2027-03-28 03:00", (2027, 3, 27, 23, 30), (2027, 3, 28, 2, 0)),
        ("2027-10-30 23:30", "2027-10-31 03:00", (2027, 10, 30, 22, 30), (2027, 10, 31, 3, 0)),
    ]:
        ev = event(start=start, end=end)
        [back] = parsed(ics.calendar([ev], page_url=url, stamp=STAMP))
        assert back.decoded("dtstart") == datetime.datetime(*utc_start, tzinfo=UTC)
        assert back.decoded("dtend") == datetime.datetime(*utc_end, tzinfo=UTC)
        assert back.decoded("dtstart").astimezone(uktime.UK).strftime("%H:%M") == start[-5:]
        assert back.decoded("dtend").astimezone(uktime.UK).strftime("%H:%M") == end[-5:]


def test_uid_follows_the_id_not_the_file_name():
    one = parsed(ics.calendar([event("old-name", id="kept")], page_url=url, stamp=STAMP))[0]
    two = parsed(ics.calendar([event("new-name", id="kept")], page_url=url, stamp=STAMP))[0]
    assert one["uid"] == two["uid"]


def test_cancelled_event_is_marked():
    [back] = parsed(ics.calendar([event(status="cancelled")], page_url=url, stamp=STAMP))
    assert str(back["status"]) == "CANCELLED" and str(back["summary"]).startswith("Cancelled: ")


def test_lines_are_crlf_and_folded_at_75_octets_without_splitting_characters():
    long_title = "Keep it Local — councils, communities; and ünïcödé " * 3
    data = ics.calendar([event(title=long_title[:120], summary="Ä " * 140)], page_url=url, stamp=STAMP)
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    for line in lines:
        line.decode("utf-8")  # no character split across a fold
    for required in (b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:", b"UID:", b"DTSTAMP:", b"DTSTART:"):
        assert required in data
    [back] = parsed(data)
    assert str(back["summary"]) == long_title[:120]


def test_text_with_commas_and_semicolons_survives():
    ev = event(venue="Hall 1, Floor 2; rear", town="Leeds")
    data = ics.calendar([ev], page_url=url, stamp=STAMP)
    assert b"Hall 1\\, Floor 2\\; rear" in data
    assert str(parsed(data)[0]["location"]) == "Hall 1, Floor 2; rear, Leeds"


# --- JSON-LD -----------------------------------------------------------------------------------

def test_json_ld_has_what_search_engines_require():
    ev = event(start="2027-07-14 10:00", end="2027-07-14 12:00")
    item = jsonld.event(ev, url(ev))
    assert item["@type"] == "Event" and item["name"] == ev.title
    assert item["startDate"] == "2027-07-14T10:00:00+01:00" and item["endDate"] == "2027-07-14T12:00:00+01:00"
    assert item["location"]["@type"] == "Place" and item["location"]["address"]["addressLocality"] == "Leeds"
    assert item["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert item["eventStatus"].endswith("EventScheduled")
    assert item["organizer"][0]["name"] == "Locality"


def test_json_ld_online_and_hybrid_locations():
    online = event(format="online", venue=None, town=None, joining_url="https://example.org/join")
    assert jsonld.event(online, "u")["location"] == {"@type": "VirtualLocation", "url": "https://example.org/join"}
    hybrid = event(format="hybrid", joining_url="https://example.org/join", status="cancelled")
    item = jsonld.event(hybrid, "u")
    assert [p["@type"] for p in item["location"]] == ["Place", "VirtualLocation"]
    assert item["eventStatus"].endswith("EventCancelled")


@pytest.mark.parametrize("title", ["</script><script>alert(1)</script>", "a <!-- b", "x\u2028y & z"])
def test_json_ld_text_cannot_end_its_script(title):
    ev = event(title=title + " event")
    text = jsonld.script_json(jsonld.event(ev, url(ev)))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == title + " event"
    assert re.search(r"</script", text, re.I) is None



def test_an_unknown_venue_must_be_said_and_is_a_note_for_an_event_to_come():
    assert check(venue=None, venue_unknown=True) == []
    fm = read(venue=None, venue_unknown=True)
    assert [n.field for n in event_checks.notes("x", fm.data, fm, datetime.date(2027, 1, 1))] == ["venue"]
    assert event_checks.notes("x", fm.data, fm, datetime.date(2029, 1, 1)) == []


def test_json_ld_of_an_event_whose_venue_is_unknown_names_the_town():
    item = jsonld.event(event(venue=None, venue_unknown=True), "u")
    assert item["location"]["name"] == "Leeds" and item["location"]["address"]["addressLocality"] == "Leeds"


# --- an event that moved online, and hybrid events -------------------------------------------

def test_hybrid_event_needs_an_address_to_join_or_book():
    [problem] = check(format="hybrid")
    assert (problem.field, problem.line) == ("joining_url", line_of("format", format="hybrid"))
    assert problem.message == "a hybrid event needs an address to join or book at"
    assert "joining_url: https://" in problem.hint and "booking_url: https://" in problem.hint
    assert check(format="hybrid", joining_url="https://example.org/join") == []


@pytest.mark.parametrize("fmt", ["in-person", "hybrid"])
def test_an_event_that_moved_online_needs_an_address_to_join_or_book(fmt):
    found = check(format=fmt, status="moved-online")
    assert ("joining_url", line_of("status", status="moved-online")) in [(p.field, p.line) for p in found]
    assert any(p.message == "an event that moved online needs an address to join or book at" for p in found)
    assert check(format=fmt, status="moved-online", booking_url="https://example.org/book") == []


def test_an_online_event_without_a_link_is_reported_once_whatever_its_status():
    assert len(check(format="online", venue=None, town=None, status="moved-online")) == 1


def test_an_event_that_moved_online_gives_no_venue_anywhere():
    ev = event(status="moved-online", address="Calverley Street, Leeds LS1 1UR",
               joining_url="https://example.org/join")
    assert ev.place_text == "Online"
    text = ics.calendar([ev], page_url=url, stamp=STAMP).decode()
    assert "LOCATION:Online" in text and "Civic Hall" not in text and "Calverley" not in text
    item = jsonld.event(ev, url(ev))
    assert item["location"] == {"@type": "VirtualLocation", "url": "https://example.org/join"}
    assert item["eventAttendanceMode"].endswith("/OnlineEventAttendanceMode")
    assert item["eventStatus"].endswith("/EventMovedOnline")
    links = calendar_links(ev, url(ev))
    assert "Civic" not in unquote_plus(links["google"]) and "Civic" not in unquote_plus(links["outlook"])
