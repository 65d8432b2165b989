"""The campaign's words live in content files staff edit: each folder's _index.md (its index
page's title, description and introduction) and content/site.yml (site-wide words and links),
checked like every content file."""

from __future__ import annotations

from builds import mkdocs_build
from conftest import ROOT, line_of

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.build import build_pages

INDEX = """\
---
title: {title}
description: Stories of councils that kept their services local, and of contracts that failed.
---
{body}
"""


def index_page(site, kind: str):
    return next(page for page in build_pages(site) if page.src_uri == f"{kind}/index.md")


def test_index_words_come_from_the_folder_s_index_file(project):
    project.write("content/case-studies/_index.md", INDEX.format(title="Stories from the network",
                                                                 body="Read how *councils* did it."))
    site = project.load()
    assert site.problems == []
    page = index_page(site, "case-studies")
    assert page.title == "Stories from the network"
    assert page.description == "Stories of councils that kept their services local, and of contracts that failed."
    # Headed by its title, then the words as Markdown, converted with the page.
    assert page.expanded().startswith("<h1>Stories from the network</h1>\n\nRead how *councils* did it.\n")
    assert page.edit_path == "content/case-studies/_index.md"
    # It is the index page's words, never an entry of the folder.
    assert [c.slug for c in site.case_studies] == ["good-example"]


def test_without_an_index_file_the_page_is_named_after_the_folder_and_has_no_introduction(project):
    page = index_page(project.load(), "principles")
    assert page.title == "Principles" and page.edit_path is None
    assert page.expanded().startswith('<h1>Principles</h1>\n\n<ol class="kil-principle-grid kil-principle-index">')


def test_mistakes_in_an_index_file_are_reported_at_their_lines(project):
    project.write("content/case-studies/_index.md", INDEX.format(title="Stories", body="REPLACE ME")
                  .replace("description:", "descripton:"))
    problems = [str(p) for p in project.load().problems]
    assert problems == [
        "content/case-studies/_index.md:3:1: descripton: unknown field (did you mean 'description'?)",
        "content/case-studies/_index.md:5:1: text: the text below the fields still says REPLACE ME "
        "(write your own text in its place)",
    ]
    project.write("content/principles/_index.md", INDEX.format(title="REPLACE ME", body="Text."))
    problems = [str(p) for p in project.load().problems]
    assert "content/principles/_index.md:2:8: title: still says REPLACE ME (The index page's heading, also its " \
           "name in the browser tab and in search results; for example: Case studies)" in problems


def test_an_index_file_outside_a_content_folder_is_refused(project):
    project.write("content/_index.md", INDEX.format(title="Everything", body="Text."))
    problems = [str(p) for p in project.load().problems]
    assert problems == ["content/_index.md:1:1: file: content files must be inside a collection folder "
                        "(move it into one of: content/principles/, content/case-studies/, content/news/, "
                        "content/councils/, content/events/, content/publications/)"]


SITE_WORDS = (ROOT / "content/site.yml").read_text("utf-8")


def test_site_words_are_read_from_content_site_yml(project):
    project.write("content/site.yml", SITE_WORDS)
    site = project.load()
    assert site.problems == []
    assert site.words["call_to_action_title"] == "Join the Keep it Local Network"
    assert [p["name"] for p in site.words["partners"]][:1] == ["Locality"]


def test_mistakes_in_site_yml_are_reported_at_their_lines(project):
    text = (SITE_WORDS.replace("call_to_action_url: https://", "call_to_action_url: ")
            .replace("\ncontact_text:", "\ncontact_txt:")
            .replace("  - name: Locality", "  - name: REPLACE ME"))
    project.write("content/site.yml", text)
    problems = [str(p) for p in project.load().problems]
    url_line = line_of(text, "call_to_action_url:")
    assert any(p.startswith(f"content/site.yml:{url_line}:21: call_to_action_url: 'locality.org.uk/")
               and "' must be a web address starting with https:// (for example: https://" in p
               for p in problems), problems
    assert f"content/site.yml:{line_of(text, 'contact_txt:')}:1: contact_txt: unknown field " \
           "(did you mean 'contact_text'?)" in problems, problems
    assert f"content/site.yml:{line_of(text, '  - name: REPLACE ME')}:11: partners[1].name: still says REPLACE ME " \
           "(The organisation's name; for example: Locality)" in problems, problems
    assert len(problems) == 3, problems


def test_broken_yaml_in_site_yml_is_a_positioned_problem(project):
    project.write("content/site.yml", "call_to_action_title: [Join\ncontact_text: x\n")
    problems = project.load().problems
    assert len(problems) == 1 and problems[0].path == "content/site.yml" and problems[0].line == 1, problems


def test_the_real_site_has_its_words_in_content():
    site = load_site(ROOT)
    assert site.problems == []
    assert site.words["network_signup_url"].startswith("https://")
    for name, collection in site.collections.items():
        if collection.pages:
            assert name in site.indexes, f"content/{name}/_index.md is missing"
    # No campaign sentence of the index pages is left in the core's Python.
    core = "".join(p.read_text("utf-8") for p in (ROOT / "keepitlocal").glob("*.py"))
    for index in site.indexes.values():
        assert index.description not in core
        first_sentence = " ".join(index.body.split())[:60]
        assert first_sentence not in " ".join(core.split())
    assert "network_url" not in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_changing_the_words_in_content_changes_the_built_pages(site_copy, tmp_path):
    (site_copy / "content/case-studies/_index.md").write_text(
        INDEX.format(title="Stories from the network", body="Every one of these is *sourced*."), encoding="utf-8")
    words = site_copy / "content/site.yml"
    text = words.read_text("utf-8")
    for old, new in (("call_to_action_title: Join the Keep it Local Network",
                      "call_to_action_title: Sign up & <b>act</b> today"),
                     # Words the core's templates and overrides/ once wrote themselves.
                     ("events_past: Past events", "events_past: Events we held"),
                     ("case_studies_heading: Case studies", "case_studies_heading: Councils that did it"),
                     ("reviewed_text: Last reviewed", "reviewed_text: Checked against its sources"),
                     ("fact_region: Region", "fact_region: Part of England"),
                     ("not_found_title: Page not found", "not_found_title: Nothing here"),
                     ('not_found_home: "{link}, for what Keep it Local is about;"',
                      'not_found_home: "Try {link} & <i>start</i> again;"'),
                     ("not_found_home_link: the home page", "not_found_home_link: our <front> page")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    words.write_text(text, encoding="utf-8")
    briefing = site_copy / "content/briefing.yml"
    briefing.write_text(briefing.read_text("utf-8") + "ask_heading: What we ask of you\n", encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "site/case-studies/index.html").read_text("utf-8")
    # The title names the page in browser tabs, search results and link previews; the heading
    # at its top is its name in the site's menu (nav in mkdocs.yml).
    assert "<title>Stories from the network - Keep it Local</title>" in index
    assert '<meta property="og:title" content="Stories from the network">' in index
    assert "<p>Every one of these is <em>sourced</em>.</p>" in index
    assert "content/case-studies/_index.md" in index  # the edit link opens the file the words are in
    home = (tmp_path / "site/index.html").read_text("utf-8")
    assert "Sign up &amp; &lt;b&gt;act&lt;/b&gt; today" in home and "<b>act</b>" not in home
    # A heading's words change; its anchor, which links elsewhere may point at, does not.
    events = (tmp_path / "site/events/index.html").read_text("utf-8")
    assert '<h2 id="past-events">Events we held' in events and "Past events" not in events
    principle = (tmp_path / "site/principles/commission-simply/index.html").read_text("utf-8")
    assert '<h2 id="case-studies">Councils that did it' in principle
    case = (tmp_path / "site/case-studies/preston-model/index.html").read_text("utf-8")
    assert "Checked against its sources <time" in case and "Last reviewed" not in case
    assert "<dt>Part of England</dt>" in case and "<dt>Region</dt>" not in case
    briefing_page = (tmp_path / "site/briefing/index.html").read_text("utf-8")
    assert '<h2 id="the-ask">What we ask of you' in briefing_page
    # The page-not-found page: the link goes where {link} stands, and every word is escaped.
    missing = (tmp_path / "site/404.html").read_text("utf-8")
    assert "<title>Nothing here - Keep it Local</title>" in missing and "<h1>Nothing here</h1>" in missing
    assert ('<li>Try <a href="/keep-it-local/">our &lt;front&gt; page</a> &amp; &lt;i&gt;start&lt;/i&gt; again;</li>'
            in missing), missing[missing.find('class="kil-not-found"'):][:600]


def test_a_mistake_in_site_yml_stops_the_build_naming_its_line(site_copy, tmp_path):
    words = site_copy / "content/site.yml"
    text = words.read_text("utf-8").replace("call_to_action_button: Sign up with Locality", "call_to_action_button:")
    words.write_text(text, encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "site")
    assert result.returncode == 1
    assert f"content/site.yml:{line_of(text, 'call_to_action_button:')}:" in result.stderr
    assert "call_to_action_button: should be text, not empty" in result.stderr


def test_a_setting_naming_a_page_the_site_does_not_have_is_refused_at_its_line(site_copy):
    from keepitlocal.app.pipeline import check_hand_written

    words = site_copy / "content/site.yml"
    text = (words.read_text("utf-8").replace("{text: Privacy, page: privacy/}", "{text: Privacy, page: privcy/}")
            .replace("print_invitation_page: join/", "print_invitation_page: joinn/"))
    words.write_text(text, encoding="utf-8")
    site = load_site(site_copy)
    assert site.problems == []  # each value has the form of a page; whether the page exists is checked with the pages
    problems = [str(p) for p in check_hand_written(site_copy, site)[0]]
    privacy_line = line_of(text, "      - {text: Privacy")
    assert problems == [
        f"content/site.yml:{privacy_line}:31: footer_links[1].pages[2].page: 'privcy/' is not a page of this site "
        "(did you mean 'privacy/'?)",
        f"content/site.yml:{line_of(text, 'print_invitation_page:')}:24: print_invitation_page: 'joinn/' is not a "
        "page of this site (did you mean 'join/'?)"]
