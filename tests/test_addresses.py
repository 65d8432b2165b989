"""Addresses that never break: an entry's old names (aliases) become pages that send readers on,
the committed list of published addresses catches a page that disappeared, and feed ids and
calendar UIDs survive a rename."""

from __future__ import annotations

import datetime
import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import icalendar
from builds import mkdocs_build
from conftest import ROOT, case_study, line_of
from synthetic_events import event

from keepitlocal.cli import run_addresses
from keepitlocal.model import addresses
from keepitlocal.model.events import Event
from keepitlocal.publish import exports, ics
from keepitlocal.publish.search import indexed_pages

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/kil/"
LIST = addresses.LIST_FILE


def with_aliases(text: str, *aliases: str) -> str:
    """A content file with an `aliases` line after its title."""
    head, rest = text.split("\n", 2)[:2], text.split("\n", 2)[2]
    return "\n".join([*head, "aliases: [" + ", ".join(aliases) + "]", rest])


def messages(site, path):
    return [p for p in site.problems if p.path == path]


# An alias becomes a working redirect page


def test_an_alias_becomes_a_page_at_the_old_address_that_sends_readers_to_the_new_one(site_copy, tmp_path):
    old = site_copy / "content/news/keep-it-local-campaign-launched.md"
    text = old.read_text("utf-8")
    old.unlink()
    (site_copy / "content/news/campaign-launched.md").write_text(
        with_aliases(text, "keep-it-local-campaign-launched"), encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    site = tmp_path / "site"
    assert (site / "news/campaign-launched/index.html").is_file()
    page = (site / "news/keep-it-local-campaign-launched/index.html").read_text("utf-8")
    title = re.search(r"^title: \"?(.+?)\"?$", text, re.M)[1]
    assert '<meta http-equiv="refresh" content="0; url=../../news/campaign-launched/">' in page
    assert '<link rel="canonical" href="https://locality.github.io/keep-it-local/news/campaign-launched/">' in page
    assert '<meta name="robots" content="noindex">' in page
    # For people, the words from content/site.yml and a plain link, titled with the page's title.
    assert re.search(r'<p>This page has moved to <a href="../../news/campaign-launched/">[^<]+</a></p>', page)
    assert html.unescape(re.search(r"<title>([^<]+)</title>", page)[1]) == title.replace("\\'", "'")
    # Left out of the sitemap and of site search.
    assert "keep-it-local-campaign-launched" not in (site / "sitemap.xml").read_text("utf-8")
    indexed = [d["url"] for d in indexed_pages(site)]
    assert indexed and not [url for url in indexed if "keep-it-local-campaign-launched" in url]
    # The news feed keeps the post's id: readers' feed apps do not see it as new.
    feed = ET.fromstring((site / "news/feed.xml").read_bytes())
    ids = [e.find(f"{A}id").text for e in feed.findall(f"{A}entry")]
    assert addresses.ID_PREFIX + "/news/keep-it-local-campaign-launched/" in ids
    assert not [i for i in ids if "campaign-launched/" in i and "keep-it-local-campaign" not in i]


def test_an_alias_of_a_hand_written_page_stops_the_check_and_the_build_naming_both(site_copy, tmp_path):
    path = site_copy / "content/case-studies/preston-model.md"
    path.write_text(with_aliases(path.read_text("utf-8"), '"/about/"'), encoding="utf-8")
    checked = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(site_copy)],
                             capture_output=True, text=True)
    assert checked.returncode == 1
    assert "content/case-studies/preston-model.md:3:11: aliases[1]: '/about/' is the address of docs/about.md" \
        in checked.stderr
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode == 1  # the build stops on the same problem, in the same words
    assert "content/case-studies/preston-model.md:3:11: aliases[1]: '/about/' is the address of docs/about.md" \
        in result.stderr


# Aliases that cannot be


def test_an_alias_that_is_a_page_or_another_entrys_alias_is_refused_naming_both_files(project):
    a = with_aliases(case_study("First"), "old-name", "good-example", '"/case-studies/"')
    b = with_aliases(case_study("Second"), "old-name", "second")
    project.write("content/case-studies/a-first.md", a)
    project.write("content/case-studies/second.md", b)
    site = project.load()
    line = line_of(a, "aliases:")
    found = {(p.path, p.line, p.field): p for p in site.problems}
    clash = found[("content/case-studies/a-first.md", line, "aliases[2]")]
    assert "'good-example' is the address of content/case-studies/good-example.md" in clash.message
    assert "still a page" in clash.message
    listing = found[("content/case-studies/a-first.md", line, "aliases[3]")]
    assert "list of case studies" in listing.message
    twice = found[("content/case-studies/second.md", line, "aliases[1]")]
    assert "already an alias in content/case-studies/a-first.md" in twice.message
    own = found[("content/case-studies/second.md", line, "aliases[2]")]
    assert "this file's own name" in own.message
    assert len(site.problems) == 4, site.problems
    assert clash.col == len("aliases: [old-name, ") + 1


def test_a_malformed_alias_is_refused_at_its_line_saying_what_to_write(project):
    text = with_aliases(case_study("Third"), "old-name.md", '"Old Name"')
    project.write("content/case-studies/third.md", text)
    problems = messages(project.load(), "content/case-studies/third.md")
    assert [(p.line, p.field) for p in problems] == [(3, "aliases[1]"), (3, "aliases[2]")]
    assert "must be an old file name without .md" in problems[0].message
    assert "lowercase words joined by hyphens" in problems[1].message


# An address that disappeared


def test_an_address_that_disappeared_without_an_alias_fails_the_check_with_the_fix(project):
    project.write(LIST, "# comment\n/case-studies/good-example/\n/case-studies/gone/\n/news/old-post/ \n")
    site = project.load()
    problem, other = site.problems
    assert (problem.path, problem.line, problem.col, problem.field) == (LIST, 3, 1, "address")
    assert other.line == 4 and other.message.startswith("content/news/old-post.md was published at /news/old-post/")
    assert problem.message.startswith("content/case-studies/gone.md was published at /case-studies/gone/")
    assert problem.hint.startswith("add `aliases: [gone]` to the file that replaces it")
    assert f"write retired after it on line 3 of {LIST}" in problem.hint
    checked = subprocess.run([sys.executable, "-m", "keepitlocal", "check", "--root", str(project.root)],
                             capture_output=True, text=True)
    assert checked.returncode == 1
    assert f"{LIST}:3:1: address: content/case-studies/gone.md was published at /case-studies/gone/" \
        in checked.stderr


def test_an_alias_or_retiring_the_line_puts_it_right(project):
    project.write(LIST, "/case-studies/good-example/\n/case-studies/gone/\n/news/old-post/\n")
    project.write("content/case-studies/gone-again.md",
                  with_aliases(case_study("Gone again"), "gone", '"/news/old-post/"'))
    assert project.load().problems == []
    project.write(LIST, "/case-studies/good-example/\n/case-studies/elsewhere/\n")
    (project.root / "content/case-studies/gone-again.md").unlink()
    [problem] = project.load().problems
    assert problem.line == 2
    project.write(LIST, "/case-studies/good-example/\n/case-studies/elsewhere/ retired\n")  # on purpose
    assert project.load().problems == []
    project.write(LIST, "/case-studies/good-example/\n")  # a deleted line retires it too
    assert project.load().problems == []


def test_a_retired_address_stays_retired_on_the_list_until_a_page_has_it_again(project):
    project.write(LIST, "/case-studies/elsewhere/ retired\n/case-studies/good-example/\n/principles/local-spend/\n")
    site = project.load()
    assert site.problems == []
    text, added = addresses.updated_list(site, addresses.read_list(project.root)[0])
    assert "\n/case-studies/elsewhere/ retired\n" in text and added == []
    project.write("content/case-studies/elsewhere.md", case_study("Back again"))
    site = project.load()
    text, added = addresses.updated_list(site, addresses.read_list(project.root)[0])
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert "/case-studies/elsewhere/" in lines and not any(line.endswith(" retired") for line in lines)


def test_a_published_page_made_a_draft_again_is_reported(project):
    project.write(LIST, "/case-studies/good-example/\n")
    project.write("content/case-studies/good-example.md", case_study("A good example", year="year: 2020\ndraft: true"))
    [problem] = project.load().problems
    assert "content/case-studies/good-example.md was published at /case-studies/good-example/, and is now a " \
           "draft" in problem.message
    assert problem.hint.startswith("publish it again (draft: false)")


def test_a_line_that_is_not_an_address_is_reported_at_its_line(project):
    project.write(LIST, "/case-studies/good-example/\ncase-studies/x\n/a/ /b/ /c/\n/case-studies/good-example/\n"
                  "/case-studies/x/ retird\nretired /case-studies/x/\n")
    problems = project.load().problems
    assert [(p.line, p.field) for p in problems] == [(2, "address"), (3, "address"), (4, "address"),
                                                     (5, "address"), (6, "address")]
    assert "listed twice (line 1 too)" in problems[2].message
    assert "or an address and the word retired" in problems[4].message


# The list is kept by the build


def test_the_list_records_every_published_address_and_never_drafts(project):
    project.write("content/case-studies/a-draft.md", case_study("Unfinished", year="year: 2020\ndraft: true"))
    project.write("content/case-studies/later.md", case_study("Later", year="year: 2020\npublish_date: 2099-01-01"))
    project.write("content/case-studies/renamed.md", with_aliases(case_study("Renamed"), "before"))
    assert run_addresses(project.root, environ={}) == 0
    text = (project.root / LIST).read_text("utf-8")
    listed = [line for line in text.split("\n") if line.startswith("/")]
    # An alias never published before is recorded under its entry's first address, its own.
    assert listed == ["/case-studies/before/ /case-studies/renamed/", "/case-studies/good-example/",
                      "/case-studies/renamed/", "/principles/local-spend/"]
    # Idempotent, and never drops a line: a removed page stays listed until its line is deleted.
    assert run_addresses(project.root, environ={}) == 0
    assert (project.root / LIST).read_text("utf-8") == text


def test_in_ci_the_list_is_never_written_and_the_new_addresses_are_named(project, capsys):
    project.write(LIST, "/case-studies/good-example/\n")
    assert run_addresses(project.root, environ={"CI": "true"}) == 0
    assert (project.root / LIST).read_text("utf-8") == "/case-studies/good-example/\n"
    assert "/principles/local-spend/" in capsys.readouterr().out


def test_the_committed_list_holds_every_address_the_site_publishes():
    from keepitlocal.app.pipeline import load_site

    site = load_site(ROOT)
    assert site.problems == []
    assert addresses.unrecorded(site, site.published) == [], "run make addresses and commit the list"


# Ids that survive a rename


def test_feed_id_and_calendar_uid_stay_the_same_when_a_file_is_renamed_with_an_alias(project):
    project.write("content/events/meeting.md", event(id="2027-03-18-test-meeting"))
    project.write("content/case-studies/newer.md", case_study("Newer", date_added="date_added: 2027-01-01"))

    def ids():
        site = project.load()
        assert site.problems == []
        feed = ET.fromstring(exports.atom_feed(site, SITE_URL, "Keep it Local").encode())
        found = {e.find(f"{A}title").text: e.find(f"{A}id").text for e in feed.findall(f"{A}entry")}
        [entry] = site.entries_of("events")
        cal = icalendar.Calendar.from_ical(ics.calendar([Event.from_data(entry.slug, entry.data)],
                                                        page_url=lambda e: SITE_URL,
                                                        stamp=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)))
        return found, [str(v["uid"]) for v in cal.walk("VEVENT")]

    assert run_addresses(project.root, environ={}) == 0
    before = ids()
    assert before[0]["Newer"] == addresses.ID_PREFIX + "/case-studies/newer/"
    for old, new in [("case-studies/newer", "case-studies/newest"), ("events/meeting", "events/the-meeting")]:
        path = project.root / f"content/{old}.md"
        text = path.read_text("utf-8")
        path.unlink()
        project.write(f"content/{new}.md", with_aliases(text, old.split("/")[1]))
    assert ids() == before
    assert run_addresses(project.root, environ={}) == 0
    assert "/case-studies/newest/ /case-studies/newer/" in (project.root / LIST).read_text("utf-8")
    # Renamed again, with only the latest old name as alias: the list still knows the first one.
    path = project.root / "content/case-studies/newest.md"
    text = path.read_text("utf-8").replace("aliases: [newer]", "aliases: [newest, newer]")
    path.unlink()
    project.write("content/case-studies/newest-yet.md", text)
    assert ids() == before


def test_every_kind_with_pages_declares_the_same_aliases_field():
    from keepitlocal.schema.collections import COLLECTIONS

    declared = {name: c.schema["properties"].get("aliases") for name, c in COLLECTIONS.items() if c.pages}
    assert all(declared.values()), [name for name, spec in declared.items() if not spec]
    rules = [{k: v for k, v in spec.items() if k != "examples"} | {"items": {
        k: v for k, v in spec["items"].items() if k != "examples"}} for spec in declared.values()]
    assert all(rule == rules[0] for rule in rules), "one definition of aliases, in every kind's schema"
    assert "aliases" not in exports.export_fields(COLLECTIONS["case-studies"])
