"""Every value the check accepts, every writer can take, and the project's own settings are
checked like content: one test per class, at the exact line, with the key words."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, case_study, line_of
from synthetic_events import event

from keepitlocal.app.pipeline import check_hand_written
from keepitlocal.check.settings import settings_problems

SETTINGS = (ROOT / "mkdocs.yml").read_text("utf-8")
EVENT = "content/events/fuzzed.md"


def settings_with(project, old: str, new: str):
    assert old in SETTINGS
    project.write("mkdocs.yml", SETTINGS.replace(old, new, 1))
    return settings_problems(project.root)


def test_a_hashtag_in_a_setting_is_reported_not_dropped(project):
    found = settings_with(project, "site_name: Keep it Local\n", "site_name: Keep it Local #KeepItLocal\n")
    assert [(p.path, p.line, p.col, p.field) for p in found] == [("mkdocs.yml", 1, 26, "site_name")]
    assert "'#KeepItLocal' is left out" in found[0].message and '"Keep it Local #KeepItLocal"' in found[0].hint


def test_a_yes_or_no_written_as_text_is_refused_at_its_line(project):
    found = settings_with(project, "accept_shared_origin: false", 'accept_shared_origin: "no"')
    line = line_of(SETTINGS, "accept_shared_origin:")
    assert [(p.line, p.col, p.field) for p in found] == [(line, 27, "extra.editor.accept_shared_origin")], found
    assert "should be true or false, not the text 'no'" in found[0].message


@pytest.mark.parametrize("old, new, field, meant", [
    ("accept_shared_origin: false", "accept_shared_orgin: true", "extra.editor.accept_shared_orgin",
     "accept_shared_origin"),
    ("  editor:\n", "  editr:\n", "extra.editr", "editor"),
])
def test_a_misspelt_setting_gets_the_closest_name(project, old, new, field, meant):
    found = settings_with(project, old, new)
    assert [(p.line, p.field, p.message) for p in found] == [(line_of(SETTINGS, old.strip()), field, "unknown field")]
    assert f"did you mean '{meant}'?" in found[0].hint


def test_the_engine_s_own_tags_in_settings_are_left_to_it(project):
    assert settings_with(project, "watch:", "x: !ENV [SITE_NAME, Keep it Local]\ny: !!python/name:a.b\nwatch:") == []


def test_the_real_settings_pass_and_the_build_s_checks_include_them(project):
    assert settings_problems(ROOT) == []
    settings_with(project, "accept_shared_origin: false", 'accept_shared_origin: "no"')
    found = check_hand_written(project.root, project.load())[0]  # what make check and the build run
    assert [p.field for p in found if p.path == "mkdocs.yml"] == ["extra.editor.accept_shared_origin"]


@pytest.mark.parametrize("written", ["title: >\n  A folded title", "title: |\n  A title\n  over two lines",
                                     'title: "A title\\nover two lines"'])
def test_a_line_break_in_a_one_line_field_is_folded_with_a_note(project, written):
    project.write(EVENT, event(title=written.removeprefix("title: ")))
    site = project.load()
    assert site.problems == []
    entry = site.get("events", "fuzzed")
    assert "\n" not in entry.title and entry.title.startswith("A ") and entry.title == entry.title.strip()
    notes = [n for n in site.notes if n.path == EVENT and n.field == "title"]
    assert [(n.line, n.col) for n in notes] == [(2, 8)], notes
    assert "line break in this value is shown as a space" in notes[0].message and "one line" in notes[0].hint


@pytest.mark.parametrize("field, text", [
    ("start", event(start="0999-03-18 10:00")),
    ("end", event(end="9999-12-31")),
    ("date_added", event().replace("date_added: 2026-11-20", "date_added: 1066-10-14")),
])
def test_a_date_far_outside_the_campaign_s_life_is_refused_at_its_line(project, field, text):
    project.write(EVENT, text)
    found = [p for p in project.load().problems if p.path == EVENT]
    assert [(p.line, p.field) for p in found] == [(line_of(text, f"{field}:"), field)], found
    assert "from 1900 to 2099" in found[0].message


@pytest.mark.parametrize("field, value, ok", [
    ("network_signup_url", "http://locality.org.uk/join/", False),
    ("call_to_action_url", "http://locality.org.uk/join/", False),
    ("contact_url", "http://locality.org.uk/contact/", False),
    ("contact_url", "mailto:keepitlocal@example.org", True),
    ("network_signup_url", "mailto:keepitlocal@example.org", False),
])
def test_sign_up_and_contact_links_must_be_https(project, field, value, ok):
    words = (ROOT / "content/site.yml").read_text("utf-8")
    text = re.sub(rf"^{field}: .*$", f"{field}: {value}", words, count=1, flags=re.M)
    project.write("content/site.yml", text)
    found = [p for p in project.load().problems if p.path == "content/site.yml"]
    if ok:
        assert found == []
        return
    assert [(p.line, p.field) for p in found] == [(line_of(text, f"{field}:"), field)], found
    assert "must be a web address starting with https://" in found[0].message


def test_a_case_study_date_in_9999_is_refused(project):
    project.write("content/case-studies/later.md", case_study(date_added="date_added: 9999-12-31"))
    found = [p for p in project.load().problems if p.path == "content/case-studies/later.md"]
    assert [(p.line, p.field) for p in found] == [(10, "date_added")] and "1900 to 2099" in found[0].message


def test_a_partner_link_must_be_https(project):
    words = (ROOT / "content/site.yml").read_text("utf-8")
    text = words.replace("    url: https://locality.org.uk/", "    url: http://locality.org.uk/", 1)
    assert text != words
    project.write("content/site.yml", text)
    found = [p for p in project.load().problems if p.path == "content/site.yml"]
    assert [(p.line, p.field) for p in found] == [(line_of(text, "url: http://"), "partners[1].url")], found
    assert "must be a web address starting with https://" in found[0].message
