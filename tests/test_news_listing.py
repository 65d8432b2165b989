"""News listings stay a fixed size however many posts there are; reading time and order."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from keepitlocal.model import news


@dataclass
class Post:
    slug: str
    data: dict
    body: str = ""
    src_uri: str = field(init=False)

    def __post_init__(self):
        self.src_uri = f"news/{self.slug}.md"

    @property
    def title(self):
        return self.data["title"]

    @property
    def summary(self):
        return self.data["summary"]


def posts(count: int, years: tuple = (2024, 2025, 2026)) -> list[Post]:
    """`count` posts spread over `years`, one a day."""
    made = []
    for n in range(count):
        year = years[n % len(years)]
        made.append(Post(f"post-{n}", {"title": f"Post number {n}", "date": f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                                       "author": "campaign-team", "summary": "A post about keeping it local."}))
    return made


def test_newest_first_then_by_title():
    found = [Post("b", {"title": "B", "date": "2020-01-01"}), Post("a", {"title": "A", "date": "2020-01-01"}),
             Post("c", {"title": "C", "date": "2021-06-01"})]
    assert [p.slug for p in news.newest_first(found)] == ["c", "a", "b"]


def test_each_archive_page_holds_at_most_a_page_of_posts_and_every_post_once():
    many = posts(400)
    pages = news.archive_pages(many)
    assert all(len(page.posts) <= news.ARCHIVE_PAGE_SIZE for page in pages)
    listed = [p.slug for page in pages for p in page.posts]
    assert sorted(listed) == sorted(p.slug for p in many)
    assert len({page.src_uri for page in pages}) == len(pages)
    assert [page.year for page in pages] == sorted((page.year for page in pages), reverse=True)


def test_a_year_with_more_posts_than_a_page_gets_numbered_pages():
    pages = [p for p in news.archive_pages(posts(70, years=(2025,))) if p.year == 2025]
    assert [(p.number, p.pages, len(p.posts)) for p in pages] == [(1, 3, 30), (2, 3, 30), (3, 3, 10)]
    assert pages[0].src_uri == "news/archive/2025/index.md"
    assert pages[1].src_uri == "news/archive/2025/2/index.md"


@pytest.mark.parametrize(("text", "minutes"), [
    ("", 1),
    ("word " * 199, 1),
    ("word " * 201, 2),
    ("word " * 1000, 5),
    ("[a link](https://example.org/a-very-long-address-that-is-not-words) " * 10 + "word " * 180, 1),
])
def test_reading_time_counts_words_not_markup(text, minutes):
    assert news.reading_minutes(text) == minutes
