"""Whatever the check accepts, every writer writes: the pages (as Markdown converts them and the
allow-list cleans them), the feeds, the calendars, the schema.org data and the open data files.
A value that passes `make check` and then stops the build is a defect of the check.

Hypothesis writes event and case-study fields in every way YAML allows (plain, quoted with \\n,
folded with >, literal with |) and dates from year 1 to 9999. Quick in `make test`;
WRITER_EXAMPLES=2000 (as `make audit` sets it) searches longer."""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from pathlib import Path

from conftest import PRINCIPLE, ROOT, case_study
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from synthetic_events import event

from keepitlocal.app.pipeline import load_site
from keepitlocal.base.urls import page_url
from keepitlocal.check.safe_html import clean
from keepitlocal.model.events import Event
from keepitlocal.publish import exports, ics
from keepitlocal.read.markdown import Converter
from keepitlocal.render.build import build_pages
from keepitlocal.render.environment import PLACEHOLDER
from keepitlocal.render.redirects import redirect_pages

SITE_URL = "https://example.org/keep-it-local/"
WRITERS = settings(max_examples=int(os.environ.get("WRITER_EXAMPLES", 40)), deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
    ["\n", " ", "#", ":", "<", "&", '"', "'", "\\", "\t", "\r", "\u2028", "\x85"]), min_size=1, max_size=40)


def _written(value: str, style: str) -> str:
    """A text value as staff might type it after `field:`."""
    if style == "quoted":
        return json.dumps(value, ensure_ascii=False)
    lines = value.split("\n")
    return f"{style}\n" + "\n".join("  " + line for line in lines)


_styles = st.sampled_from(["quoted", ">", "|", ">-", "|-"])
_dates = st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))


def write_everything(root: Path) -> list:
    """Every writer on the loaded site; the problems of the load (nothing is written then)."""
    site = load_site(root)
    if site.problems:
        return site.problems
    converter = Converter(root)
    for page in build_pages(site, SITE_URL):
        clean(converter.convert(page.markdown), keep=PLACEHOLDER)
    exports.render_all(site, SITE_URL, "Keep it Local")
    redirect_pages(site, SITE_URL)
    if "events" in site.collections:
        entries = site.entries_of("events")
        events = [Event.from_data(e.slug, e.data) for e in entries]
        urls = {e.slug: SITE_URL + page_url(e.src_uri) for e in entries}
        stamp = datetime.datetime.combine(site.today, datetime.time(), datetime.UTC)
        ics.calendar(events, page_url=lambda ev: urls[ev.slug], stamp=stamp)
        for one in events:
            ics.calendar([one], page_url=lambda ev: urls[ev.slug], stamp=stamp, name=one.title)
    return []


def project_with(files: dict[str, str]) -> list:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), encoding="utf-8")
        base = {"content/principles/local-spend.md": PRINCIPLE.format(number=3),
                "content/case-studies/good-example.md": case_study("A good example")}
        for rel, text in {**base, **files}.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        return write_everything(root)


@WRITERS
@given(field=st.sampled_from(["title", "summary", "venue", "town"]), value=_text, style=_styles)
@example(field="title", value="A title\nover two lines", style="quoted")
@example(field="title", value="A title written\nover two lines", style="|")
@example(field="title", value="A folded title", style=">")
def test_any_event_text_the_check_accepts_is_written(field, value, style):
    written = _written(value, style)
    text = event(title=written) if field == "title" else event(**{field: f"{field}: {written}"})
    project_with({"content/events/fuzzed.md": text})


@WRITERS
@given(start=_dates, end=_dates, added=_dates)
@example(start=datetime.date(2027, 3, 18), end=datetime.date(9999, 12, 31), added=datetime.date(2026, 11, 20))
@example(start=datetime.date(1, 1, 1), end=datetime.date(1, 1, 2), added=datetime.date(1, 1, 1))
def test_any_event_dates_the_check_accepts_are_written(start, end, added):
    text = event(start=start.isoformat(), end=end.isoformat()).replace("date_added: 2026-11-20",
                                                                       f"date_added: {added.isoformat()}")
    project_with({"content/events/fuzzed.md": text})


@WRITERS
@given(field=st.sampled_from(["title", "summary", "place"]), value=_text, style=_styles, added=_dates)
@example(field="title", value="Wigan\nDeal", style="quoted", added=datetime.date(9999, 12, 31))
def test_any_case_study_text_and_date_the_check_accepts_is_written(field, value, style, added):
    text = case_study(**{field: f"{field}: {_written(value, style)}", "date_added": f"date_added: {added}"})
    if field == "title":
        text = case_study(date_added=f"date_added: {added}").replace(
            "title: A test case study", f"title: {_written(value, style)}", 1)
    project_with({"content/case-studies/fuzzed.md": text})
