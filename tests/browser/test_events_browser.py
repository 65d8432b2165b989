"""Events in Chromium: the events page and an event page are accessible, work without
JavaScript, ask nothing of other sites, and "Add to calendar" gives a calendar file from the
site itself. On a small site with synthetic upcoming events (the real site's are all past)."""

from __future__ import annotations

import pytest
from synthetic_events import build_events_site

from browser.conftest import SITE_PATH, Watched

pytestmark = pytest.mark.browser

PAGES = {"events page": "events/", "upcoming event": "events/next-webinar/", "past event": "events/last-year/"}


@pytest.fixture(scope="module")
def events_root(tmp_path_factory):
    from tools.serve import serving

    with serving(build_events_site(tmp_path_factory.mktemp("events-browser")), SITE_PATH) as url:
        yield url


@pytest.fixture
def events_page(context, events_root) -> Watched:
    return Watched(context.new_page(), events_root)


def assert_no_violations(violations: list[dict], where: str) -> None:
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"][:5])
                       for v in violations)
    assert violations == [], f"axe-core on {where}:\n{report}"


def test_events_pages_pass_axe_with_no_request_leaving_the_site(events_page):
    for name, path in PAGES.items():
        events_page.open(path)
        assert_no_violations(events_page.axe(), name)
    assert events_page.external_requests == [] and events_page.console_errors == []


def test_events_work_without_javascript(browser, events_root):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = Watched(context.new_page(), events_root)
        page.open("events/")
        titles = page.page.locator(".kil-event-item__title").all_inner_texts()
        assert titles[:3] == ["Next webinar", "Called-off meeting", "Later meeting"]
        page.page.get_by_role("link", name="Next webinar", exact=True).click()
        page.page.wait_for_load_state("load")
        assert page.page.get_by_role("link", name="Download for another calendar (Next webinar)").is_visible()
        assert page.page.get_by_role("link", name="Book a place (Next webinar)").is_visible()
        for name in ("Add to Google Calendar (Next webinar)", "Add to Outlook (Next webinar)"):
            assert page.page.get_by_role("link", name=name).is_visible()
        assert page.external_requests == []
    finally:
        context.close()


def test_add_to_calendar_downloads_a_calendar_file_from_the_site(context, events_root):
    page = Watched(context.new_page(), events_root)
    page.open("events/next-webinar/")
    link = page.page.get_by_role("link", name="Download for another calendar (Next webinar)")
    href = link.get_attribute("href")
    response = page.page.request.get(page.page.url + href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    assert response.url.startswith(events_root)
    body = response.body()
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and b"UID:next-webinar@" in body
    with page.page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "next-webinar.ics"
    assert page.external_requests == []


def test_the_events_page_offers_a_calendar_to_subscribe_to(events_page):
    events_page.open("events/")
    subscribe = events_page.page.get_by_role("link", name="Subscribe to the events calendar")
    assert subscribe.is_visible()
    assert subscribe.get_attribute("href").startswith("webcal://") and subscribe.get_attribute("href").endswith(
        "/events.ics")
    address = events_page.page.locator(".kil-calendar__address")
    assert address.is_visible() and address.inner_text().startswith("https://")
    item = events_page.page.locator(".kil-event-item").filter(has_text="Next webinar")
    assert item.get_by_role("link", name="Book (Next webinar)").is_visible()
    assert item.locator(".kil-date-block").inner_text().split() == ["18", "MAR", "2027"]


def test_the_home_page_shows_no_past_event(events_page):
    events_page.open("")
    shown = events_page.page.locator(".kil-event-item__title").all_inner_texts()
    assert shown and "Long ago" not in shown and "Last year's event" not in shown
