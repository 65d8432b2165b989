"""Events as staff write them and readers get them: every bad input positioned, and a built
site with synthetic events at a set date: the events page, event pages, calendar files, the
feed, open data, related events, drafts. None of these events is real or published."""

from __future__ import annotations

import csv
import io
import json
import re

import icalendar
import pytest
from synthetic_events import build_events_site, event

from keepitlocal.render.build import build_pages

REL = "content/events/broken.md"

# (name, text, line, field, words in the message, words in the hint)
BAD_EVENTS = [
    ("end before start", event(end="2027-03-18 09:00"), 6, "end", "before it starts", "check the dates"),
    ("a time the March clock change skips", event(start="2027-03-28 01:30", end="2027-03-28 03:00"), 5, "start",
     "does not exist", "before 01:00 or from 02:00"),
    ("a time the October clock change repeats", event(start="2027-10-31 01:30", end="2027-10-31 03:00"), 5,
     "start", "happens twice", "+01:00"),
    ("online without an address", event(format="format: online", venue=None, town=None), 7, "joining_url",
     "an online event needs an address", "joining_url"),
    ("in person without a venue", event(venue=None), 7, "venue", "needs a venue", "venue:"),
    ("hybrid without an address", event(format="format: hybrid"), 7, "joining_url",
     "a hybrid event needs an address to join or book at", "booking_url"),
    ("moved online without an address", event(status="moved-online"), 10, "joining_url",
     "an event that moved online needs an address to join or book at", "joining_url"),
    ("booking address that is not https", event(booking_url="booking_url: http://example.org/book"), 13,
     "booking_url", "https://", "for example"),
    ("an impossible date", event(start="2027-02-30 10:00", end="2027-03-01 10:00"), 5, "start",
     "not a date in the calendar", "February 2027 has 28 days"),
    ("an unknown status", event(status="canceled"), 10, "status", "not one of the allowed values",
     "did you mean 'cancelled'?"),
    ("a reference to no principle", event(principles="principles: [local-spnd]"), 11, "principles[1]",
     "there is no principle", "did you mean 'local-spend'?"),
]


@pytest.mark.parametrize(("name", "text", "line", "field", "message", "hint"), BAD_EVENTS,
                         ids=[b[0] for b in BAD_EVENTS])
def test_bad_event_is_reported_at_its_line_and_field(project, name, text, line, field, message, hint):
    project.write(REL, text)
    site = project.load()
    assert len(site.problems) == 1, "\n".join(map(str, site.problems))
    [problem] = site.problems
    assert (problem.path, problem.line, problem.field) == (REL, line, field), str(problem)
    assert message in problem.message and hint in problem.hint, str(problem)
    assert "broken" not in {e.slug for e in site.entries_of("events")}


def test_two_events_may_not_share_an_id(project):
    project.write("content/events/one.md", event())
    project.write("content/events/two.md", event(title="Another"))
    problems = project.load().problems
    assert [(p.path, p.field) for p in problems] == [("content/events/one.md", "id"), ("content/events/two.md", "id")]
    assert "content/events/one.md" in problems[1].message and "content/events/two.md" in problems[0].message


def test_a_past_event_is_never_an_error_only_a_note(project, monkeypatch, capsys):
    import datetime

    from keepitlocal.app.pipeline import load_site
    from keepitlocal.cli import run_check

    project.write("content/events/done.md", event())
    site = load_site(project.root, today=datetime.date(2027, 3, 20))
    assert site.problems == [] and "recording_url" in [n.field for n in site.notes]
    monkeypatch.setenv("KEEPITLOCAL_TODAY", "2027-03-20")
    assert run_check(project.root) == 0
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "content/events/done.md:5:8: recording_url: the event has taken place" in out and "No problems" in out


# --- a built site with synthetic events, on a set date (synthetic_events.TODAY) ------------------


@pytest.fixture(scope="module")
def events_site(tmp_path_factory):
    return build_events_site(tmp_path_factory.mktemp("events-project"))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_events_page_lists_upcoming_soonest_first_then_past_by_year(events_site):
    html = (events_site / "events/index.html").read_text("utf-8")
    coming, past = html.split('id="past-events"')
    titles = re.findall(r'class="kil-event-item__title" href="[^"]+">([^<]+)<', coming)
    assert titles == ["Next webinar", "Called-off meeting", "Later meeting"]
    assert re.findall(r'<h3 id="(\d{4})"', past) == ["2026", "2018"]
    assert "Thursday 18 March 2027, 10am to 11am · Online" in text_of(coming)
    cancelled = coming.split("Called-off meeting")[1].split("</li>")[0]
    assert "Cancelled" in cancelled
    assert "Not ready" not in html and "Scheduled later" not in html


def test_event_page_before_it_offers_booking_joining_and_the_calendar_file(events_site):
    html = (events_site / "events/next-webinar/index.html").read_text("utf-8")
    assert 'href="https://example.org/book"' in html and 'href="https://example.org/join"' in html
    assert 'href="../../events/next-webinar.ics"' in html
    assert 'href="webcal://locality.github.io/keep-it-local/events.ics"' in html
    assert "Thursday 18 March 2027, 10am to 11am (UK time)" in text_of(html)
    [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    item = json.loads(ld)
    assert item["startDate"] == "2027-03-18T10:00:00+00:00" and item["location"]["@type"] == "VirtualLocation"
    assert item["url"].endswith("/events/next-webinar/")


def test_add_to_google_calendar_and_outlook_are_links_filled_in_from_the_event(events_site):
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    html = (events_site / "events/next-webinar/index.html").read_text("utf-8")
    links = {text: unescape(href) for href, text in
             re.findall(r'<a href="([^"]+)">(Add to Google Calendar|Add to Outlook)<', html)}
    google = parse_qs(urlsplit(links["Add to Google Calendar"]).query)
    assert links["Add to Google Calendar"].startswith("https://calendar.google.com/calendar/render?")
    assert google["text"] == ["Next webinar"] and google["location"] == ["Online"]
    assert google["dates"] == ["20270318T100000Z/20270318T110000Z"]  # 10am to 11am UK time (GMT in March)
    assert google["details"][0].endswith("https://locality.github.io/keep-it-local/events/next-webinar/")
    outlook = parse_qs(urlsplit(links["Add to Outlook"]).query)
    assert outlook["subject"] == ["Next webinar"] and outlook["startdt"] == ["2027-03-18T10:00:00Z"]
    assert outlook["enddt"] == ["2027-03-18T11:00:00Z"] and "<script" not in html.split("kil-add-to-calendar")[1][:2000]
    # An event over whole days ends, for calendars, at the start of the day after its last.
    days = (events_site / "events/later-meeting/index.html").read_text("utf-8")
    google = re.search(r'href="(https://calendar\.google\.com[^"]+)"', days)[1]
    assert parse_qs(urlsplit(unescape(google)).query)["dates"] == ["20270504/20270506"]


def test_the_events_page_offers_a_calendar_to_subscribe_to_and_its_address_to_copy(events_site):
    text = text_of((events_site / "events/index.html").read_text("utf-8"))
    html = (events_site / "events/index.html").read_text("utf-8")
    assert 'href="webcal://locality.github.io/keep-it-local/events.ics"' in html
    assert "https://locality.github.io/keep-it-local/events.ics" in text
    assert "From URL" in text and "Subscribe from web" in text


def test_listed_events_have_a_date_block_and_a_book_button_only_while_booking_is_open(events_site):
    html = (events_site / "events/index.html").read_text("utf-8")
    items = {re.search(r'kil-event-item__title" href="[^"]+">([^<]+)<', li)[1]: li
             for li in html.split('<li class="kil-event-item')[1:]}
    assert re.search(r'kil-date-block__day">18<.*kil-date-block__month">Mar<', items["Next webinar"], re.S)
    assert 'href="https://example.org/book">Book<' in items["Next webinar"]
    assert "book-called-off" not in items["Called-off meeting"]  # cancelled
    assert "book-old" not in next(li for title, li in items.items() if title.startswith("Last year"))  # over


def test_the_home_page_shows_only_what_is_coming(events_site):
    home = (events_site / "index.html").read_text("utf-8")
    titles = re.findall(r'class="kil-event-item__title" href="[^"]+">([^<]+)<', home)
    assert titles and "Long ago" not in titles and not any(t.startswith("Last year") for t in titles)
    assert titles[0] == "Next webinar"


def test_after_the_event_booking_is_hidden_and_the_recording_shown(events_site):
    html = (events_site / "events/last-year/index.html").read_text("utf-8")
    assert "book-old" not in html and 'href="https://example.org/recording"' in html
    assert "Add to Google Calendar" not in text_of(html) and "Download for another calendar" not in text_of(html)
    assert "This event has finished." in text_of(html)
    assert "Taken place" not in html and "<dt>Status</dt>" not in html


def test_a_cancelled_event_says_so_and_offers_no_booking(events_site):
    html = (events_site / "events/called-off/index.html").read_text("utf-8")
    assert "this event will not take place" in text_of(html) and "book-called-off" not in html
    assert json.loads(re.findall(r'ld\+json">(.*?)</script>', html)[0])["eventStatus"].endswith("EventCancelled")


def test_calendar_files_hold_every_published_event_and_no_draft(events_site):
    cal = icalendar.Calendar.from_ical((events_site / "events.ics").read_bytes())
    uids = sorted(str(e["uid"]).split("@")[0] for e in cal.walk("VEVENT"))
    assert uids == ["called-off", "last-year", "later-meeting", "long-ago", "next-webinar"]
    status = {str(e["uid"]).split("@")[0]: str(e["status"]) for e in cal.walk("VEVENT")}
    assert status["called-off"] == "CANCELLED"
    [one] = icalendar.Calendar.from_ical((events_site / "events/later-meeting.ics").read_bytes()).walk("VEVENT")
    assert str(one["dtend"].to_ical(), "ascii") == "20270506"  # the day after the last day
    assert not (events_site / "events/not-ready.ics").exists()


def test_feed_and_open_data_include_events_but_no_draft(events_site):
    feed = (events_site / "feed.xml").read_text("utf-8")
    assert "/events/next-webinar/" in feed and "not-ready" not in feed and "scheduled-later" not in feed
    data = json.loads((events_site / "events.json").read_text("utf-8"))
    slugs = sorted(r["slug"] for r in next(v for k, v in data.items() if isinstance(v, list) and v
                                            and isinstance(v[0], dict)))
    assert slugs == ["called-off", "last-year", "later-meeting", "long-ago", "next-webinar"]
    rows = list(csv.DictReader(io.StringIO((events_site / "events.csv").read_text("utf-8-sig"))))
    assert sorted(r["slug"] for r in rows) == slugs


def test_principle_and_case_study_pages_list_their_events(events_site):
    for page in ("principles/local-spend/index.html", "case-studies/good-example/index.html"):
        html = (events_site / page).read_text("utf-8")
        assert "Next webinar" in html and "Not ready" not in html, page


def test_with_nothing_upcoming_the_page_says_how_to_hear_of_the_next(tmp_path):
    site = build_events_site(tmp_path, only_past=True)
    words = text_of((site / "events/index.html").read_text("utf-8"))
    assert "No events are planned just now" in words and "subscribe to the events calendar" in words
    home = text_of((site / "index.html").read_text("utf-8"))  # and the home page, with no past event
    assert "No events are planned just now" in home and "Long ago" not in home


def test_make_new_event_fills_the_permanent_id_and_starts_as_a_draft(project):
    from keepitlocal.schema.collections import COLLECTIONS
    from keepitlocal.staff.scaffold import new_file

    path = new_file(project.root, COLLECTIONS["events"], "Keep it Local webinar: commissioning")
    text = path.read_text("utf-8")
    assert "\nid: keep-it-local-webinar-commissioning\n" in text and "\ndraft: true\n" in text
    assert path.name == "keep-it-local-webinar-commissioning.md"


def test_the_page_of_an_event_that_moved_online_gives_no_venue(project):
    project.write("content/events/moved.md", event(status="moved-online",
                                                   joining_url="joining_url: https://example.org/join"))
    project.write("content/events/hall.md", event("A meeting in the hall", id="hall-meeting"))
    site = project.load()
    assert site.problems == []
    pages = {page.src_uri: text_of(page.expanded()) for page in build_pages(site)}
    moved = pages["events/moved.md"]
    assert "it takes place online instead" in moved
    assert "Test Hall" not in moved and "Testford" not in moved
    assert "Format Online" in moved and "Format In person" in pages["events/hall.md"]
    assert "Test Hall, Testford" in pages["events/hall.md"]
    hall, moved = pages["events/index.md"].split("A meeting in the hall", 1)[1].split("A test event", 1)
    assert "Testford" in hall and "Testford" not in moved
