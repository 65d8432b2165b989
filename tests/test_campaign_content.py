"""News posts, the network's councils and the authors list: every mistake positioned, with a
hint, and nothing wrong published; listings of a fixed size however many posts there are."""

from __future__ import annotations

import datetime

import conftest
import pytest

from keepitlocal.model import news
from keepitlocal.render import campaign, home

TODAY = datetime.date(2026, 11, 29)

AUTHORS = """\
authors:
  - short_name: campaign-team
    name: Keep it Local campaign team
    role: Locality
  - short_name: policy-team
    name: Locality policy team
    role: Policy, Locality
"""

POST = """\
---
title: {title}
date: {date}
author: campaign-team
summary: Eleven councils became the first to sign up to the network.
principles: [local-spend]
sources:
  - title: A press release
    url: https://example.org/press
    publisher: Locality
---
The story of the day.
"""



def post(title="Councils sign up", date="2020-03-03", **lines) -> str:
    text = POST.format(title=title, date=date)
    for field, line in lines.items():
        text = "\n".join(line if old.startswith(f"{field}:") else old for old in text.split("\n"))
    return text


def council(name="Calderdale Council", gss="E08000033", **lines) -> str:
    text = conftest.council(name, gss)
    for field, line in lines.items():
        text = "\n".join(line if old.startswith(f"{field}:") else old for old in text.split("\n"))
    return text


def kirklees(**lines) -> str:
    """A second council, to break: another name and code than the one the project has."""
    return council("Kirklees Council", "E08000034", **lines)


@pytest.fixture
def campaign_project(project):
    project.write("content/authors.yml", AUTHORS)
    project.write("content/news/councils-sign-up.md", post())
    project.write("content/councils/calderdale.md", council())
    return project


def load(project):
    from keepitlocal.app.pipeline import load_site

    return load_site(project.root, today=TODAY)


def only_problem(project, rel: str, text: str):
    return conftest.only_problem(project, rel, text, load)


def test_the_valid_project_has_no_problems(campaign_project):
    site = load(campaign_project)
    assert site.problems == []
    assert [p.slug for p in site.entries_of("news")] == ["councils-sign-up"]
    assert [c.slug for c in site.entries_of("councils")] == ["calderdale"]


MISTAKE = "A post with a mistake"  # a title of its own: two posts may not share one

# (name, file, text, line, column, field, words in the message, words in the hint)
BAD = [
    ("unknown author, with the closest names", "content/news/bad.md", post(MISTAKE, author="author: campain-team"),
     4, 9, "author", "'campain-team' is not in content/authors.yml", "did you mean 'campaign-team'?"),
    ("unknown author, nothing close", "content/news/bad.md", post(MISTAKE, author="author: somebody"),
     4, 9, "author", "'somebody' is not in content/authors.yml", "use one of: campaign-team, policy-team"),
    ("post dated in the future without publish_date", "content/news/bad.md", post(MISTAKE, date="2027-01-15"),
     3, 7, "date", "2027-01-15 is after today (2026-11-29)", "add publish_date: 2027-01-15"),
    ("post date not a date", "content/news/bad.md", post(MISTAKE, date="3 March 2020"),
     3, 7, "date", "must be a date written YYYY-MM-DD", "2020-03-03"),
    ("bad GSS code: wrong prefix", "content/councils/bad.md", council(gss="E05000033"),
     3, 11, "gss_code", "is not a council code", "E08000033"),
    ("bad GSS code: too short", "content/councils/bad.md", council(gss="E0800003"),
     3, 11, "gss_code", "is not a council code", "E08000033"),
    ("duplicate GSS code", "content/councils/zz-another.md", council(name="Another Council"),
     3, 11, "gss_code", "E08000033 is also used by content/councils/calderdale.md", "its own gss_code"),
    ("join date in the future", "content/councils/bad.md", kirklees(joined="joined: 2027-03"),
     6, 9, "joined", "2027-03 is after today", "cannot be after today"),
    ("join date not known, without a note", "content/councils/bad.md",
     kirklees(joined='joined: "not known"'), 2, 1, "joined_note", "required field is missing",
     "joined_note:"),
    ("join date in words", "content/councils/bad.md", kirklees(joined="joined: March 2020"),
     6, 9, "joined", "must be a date written YYYY-MM-DD, YYYY-MM or YYYY", ""),
    ("join date after a word the page cannot say", "content/councils/bad.md",
     kirklees(joined="joined: since 2020-03-03"), 6, 9, "joined",
     'which may follow "announced", "after" or "before"', ""),
    ("join date known only as after a day after today", "content/councils/bad.md",
     kirklees(joined="joined: after 2027-03"), 6, 9, "joined", "after 2027-03 is after today",
     "cannot be after today"),
    ("post written after today", "content/news/bad.md",
     post(MISTAKE, author="author: campaign-team\nwritten: 2027-01-15"), 5, 10, "written",
     "2027-01-15 is after today", "cannot be after today"),
    ("council type not in the list", "content/councils/bad.md",
     kirklees(type="type: metropolitan"), 4, 7, "type", "not one of the allowed values",
     "metropolitan borough"),
    ("unknown case study", "content/councils/bad.md",
     kirklees(website="website: https://www.example.gov.uk/\ncase_studies: [good-exampel]"),
     8, 16, "case_studies[1]", "there is no case study 'good-exampel'", "did you mean 'good-example'?"),
]


@pytest.mark.parametrize(("name", "rel", "text", "line", "col", "field", "message", "hint"), BAD,
                         ids=[b[0] for b in BAD])
def test_each_mistake_is_one_positioned_problem_with_a_hint(campaign_project, name, rel, text, line, col, field,
                                                           message, hint):
    problem = only_problem(campaign_project, rel, text)
    assert (problem.line, problem.col, problem.field) == (line, col, field), str(problem)
    assert message in problem.message, str(problem)
    assert hint in problem.hint, str(problem)


def test_a_post_dated_in_the_future_with_a_publish_date_waits_for_it(campaign_project):
    campaign_project.write("content/news/later.md",
                           post("A post for later", date="2027-01-15",
                                author="author: campaign-team\npublish_date: 2027-01-15"))
    site = load(campaign_project)
    assert site.problems == []
    assert "later" not in {p.slug for p in site.entries_of("news")}
    assert "content/news/later.md" in site.left_out


def test_a_mistake_in_the_authors_file_is_positioned_there_and_not_repeated_in_every_post(campaign_project):
    campaign_project.write("content/authors.yml", AUTHORS.replace("    role: Locality\n", "    rol: Locality\n"))
    site = load(campaign_project)
    assert [(p.path, p.line, p.field, p.hint) for p in site.problems] == [
        ("content/authors.yml", 4, "authors[1].rol", "did you mean 'role'?")], \
        "\n".join(map(str, site.problems))


def test_a_short_name_given_to_two_authors_is_refused_at_the_second(campaign_project):
    campaign_project.write("content/authors.yml",
                           AUTHORS.replace("short_name: policy-team", "short_name: campaign-team"))
    site = load(campaign_project)
    assert [str(p) for p in site.problems] == [
        "content/authors.yml:5:17: authors[2].short_name: 'campaign-team' is the short name of another item too "
        "(line 2) (give each its own short name)"]


def test_an_authors_file_in_the_old_grouped_form_says_to_write_a_list(campaign_project):
    campaign_project.write("content/authors.yml", "authors:\n  campaign-team:\n    name: The campaign\n"
                                                  "    role: Locality\n")
    problems = [p for p in load(campaign_project).problems if p.path == "content/authors.yml"]
    assert [str(p) for p in problems] == [
        "content/authors.yml:2:3: authors: should be a list, not a group of fields "
        "(write it as the field reference shows)"]


# Listings stay a fixed size


def many_posts(project, count: int) -> None:
    for n in range(count):
        year = 2023 + n % 3
        project.write(f"content/news/post-{n}.md",
                      post(title=f"Post number {n} about councils keeping it local",
                           date=f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}"))


def test_the_news_index_and_each_archive_page_stay_under_a_fixed_size(campaign_project):
    def sizes(count):
        many_posts(campaign_project, count)
        site = load(campaign_project)
        index = campaign.news_index_page(site, site.collections["news"])
        archives = campaign.news_archive_pages(site, site.collections["news"])
        return len(index.expanded()), max(len(p.expanded()) for p in archives), len(archives)

    small_index, small_archive, _ = sizes(100)
    large_index, large_archive, archive_count = sizes(300)
    assert large_index <= small_index * 1.05, "the news index grew with the number of posts"
    assert large_archive <= small_archive * 1.1, "an archive page grew with the number of posts"
    # 100 posts in each of three years, and the fixture's one post of 2020
    assert archive_count == 3 * -(-100 // news.ARCHIVE_PAGE_SIZE) + 1, "each year is split into numbered pages"
    assert large_archive < 40_000


def test_every_post_is_on_exactly_one_archive_page(campaign_project):
    many_posts(campaign_project, 95)
    site = load(campaign_project)
    archives = "".join(p.expanded() for p in campaign.news_archive_pages(site, site.collections["news"]))
    for n in range(95):
        assert archives.count(f'post-{n}/"') == 1, n


# A council's join date, as plainly as its sources allow; what they do not say stays off the page


@pytest.mark.parametrize(("joined", "facts", "listed"), [
    ("2022", "<dt>Joined</dt>\n<dd>2022</dd>", "Joined 2022"),
    ("2020-03", "<dd>March 2020</dd>", "Joined March 2020"),
    ("2020-03-03", "<dd>3 March 2020</dd>", "Joined 3 March 2020"),
    ("announced 2020-03-03", "<dd>Announced on 3 March 2020</dd>", "Announced 3 March 2020"),
    ("after 2020-03", "<dd>After March 2020</dd>", "Joined after March 2020"),
    ("before 2022", "<dd>Before 2022</dd>", "Joined before 2022"),
])
def test_each_form_of_join_date_is_said_in_plain_words(campaign_project, joined, facts, listed):
    campaign_project.write("content/councils/calderdale.md", council(joined=f"joined: {joined}"))
    site = load(campaign_project)
    assert site.problems == []
    page = campaign.council_page(site, site.collections["councils"], site.entries_of("councils")[0]).expanded()
    assert facts in page
    council_list = home.council_list(site, "join.md")
    assert f'<span class="kil-council__when">{listed}</span>' in council_list


def test_what_the_sources_do_not_say_about_joining_stays_off_the_page(campaign_project):
    note = "Locality's announcement carries no date, so this stays in the file."
    campaign_project.write("content/councils/calderdale.md",
                           council(joined=f'joined: "not known"\njoined_note: "{note}"'))
    site = load(campaign_project)
    assert site.problems == []
    page = campaign.council_page(site, site.collections["councils"], site.entries_of("councils")[0]).expanded()
    network = campaign.network_index_page(site, site.collections["councils"]).expanded()
    for html in (page, network, home.council_list(site, "join.md")):
        assert "Joined" not in html and "not known" not in html and note not in html
    assert "<dt>Region</dt>" in page


# A post written later than the news it reports says when, by whom and from whose words


def test_a_post_written_later_says_who_wrote_it_when_and_from_whose_words(campaign_project):
    campaign_project.write("content/news/councils-sign-up.md", post(
        author="author: campaign-team\nwritten: 2026-11-29\nsummarises: Locality's announcement of the day"))
    site = load(campaign_project)
    assert site.problems == []
    page = campaign.post_page(site, site.collections["news"], site.entries_of("news")[0]).expanded()
    meta = page.split('<p class="kil-post-meta">', 1)[1].split("</p>", 1)[0]
    assert meta.startswith('<time datetime="2020-03-03">3 March 2020</time> · Written for this site by '
                           "Keep it Local campaign team, Locality, on "
                           '<time datetime="2026-11-29">29 November 2026</time>, '
                           "from Locality&#x27;s announcement of the day")
    # The news keeps its own date in the list, so old news is never shown as new.
    index = campaign.news_index_page(site, site.collections["news"]).expanded()
    assert "3 March 2020" in index and "29 November 2026" not in index


def test_a_post_without_written_keeps_its_plain_byline(campaign_project):
    site = load(campaign_project)
    page = campaign.post_page(site, site.collections["news"], site.entries_of("news")[0]).expanded()
    assert '<p class="kil-post-meta">By Keep it Local campaign team, Locality · <time datetime="2020-03-03">' in page
