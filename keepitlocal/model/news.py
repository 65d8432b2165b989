"""News: the order of posts, the pages that list them, and how long each takes to read.

Pure functions of a list of published posts (entries of the `news` kind). Every listing has a
fixed most: the news front page shows the latest posts and links to one archive per year,
and a year with many posts is split into numbered pages, so no page grows with the number
of posts beyond its own list.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keepitlocal.model.site import Entry

LATEST_COUNT = 10  # posts on /news/
ARCHIVE_PAGE_SIZE = 30  # posts on one page of a year's archive
FEED_COUNT = 20  # posts in /news/feed.xml
WORDS_PER_MINUTE = 200

_WORD = re.compile(r"[A-Za-z0-9£$€%'’-]+")
_MARKUP = re.compile(r"<[^>]+>|\]\([^)]*\)|[#*_`>|]")


def newest_first(posts: list) -> list:
    """By date, newest first; posts of the same day by title, then file name."""
    by_title = sorted(posts, key=lambda p: (p.data["title"].casefold(), p.slug))
    return sorted(by_title, key=lambda p: p.data["date"], reverse=True)


def year_of(post: Entry) -> int:
    return int(post.data["date"][:4])


def reading_minutes(markdown: str) -> int:
    """Minutes to read a story at 200 words a minute, at least 1. Link addresses and markup are not words."""
    words = len(_WORD.findall(_MARKUP.sub(" ", markdown)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class ArchivePage:
    """One page of a year's archive: /news/archive/2020/, then /news/archive/2020/2/ and on."""

    year: int
    number: int  # 1 for the first page of the year
    pages: int  # how many pages the year has
    posts: tuple

    @property
    def src_uri(self) -> str:
        return archive_src_uri(self.year, self.number)


def archive_src_uri(year: int, number: int = 1) -> str:
    return f"news/archive/{year}/index.md" if number == 1 else f"news/archive/{year}/{number}/index.md"


def years(posts: list) -> list[tuple[int, int]]:
    """(year, number of posts) for every year with a post, newest year first."""
    counts: dict[int, int] = {}
    for post in posts:
        counts[year_of(post)] = counts.get(year_of(post), 0) + 1
    return sorted(counts.items(), reverse=True)


def archive_pages(posts: list, size: int = ARCHIVE_PAGE_SIZE) -> list[ArchivePage]:
    """Every archive page: each year's posts, newest first, `size` to a page."""
    ordered = newest_first(posts)
    by_year: dict[int, list] = {}
    for post in ordered:
        by_year.setdefault(year_of(post), []).append(post)
    pages = []
    for year, found in sorted(by_year.items(), reverse=True):
        count = math.ceil(len(found) / size)
        pages.extend(ArchivePage(year, n + 1, count, tuple(found[n * size:(n + 1) * size])) for n in range(count))
    return pages
