"""Words made from values, one way each: slugs, plurals, dates and amounts of money."""

from __future__ import annotations

import datetime
import re
import unicodedata

MONTHS = "January February March April May June July August September October November December".split()


def slugify(text: str) -> str:
    """`Wirral community hubs` -> `wirral-community-hubs` (accents dropped, apostrophes ignored)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", "")))


def plural(count: int, one: str, many: str | None = None) -> str:
    """plural(1, "council") -> "1 council"; plural(17, "council") -> "17 councils"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def human_date(value) -> str:
    """2018-05-16 -> 16 May 2018; 2018-05 -> May 2018; 2018 -> 2018."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def long_date(text: str) -> str:
    """"2027-03-01" -> 1 March 2027; text that is not a date stays as it is."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    return human_date(day.isoformat())


def pounds(value: int) -> str:
    """£800 million, £1.3 billion, £41,500."""
    if value >= 1_000_000_000 and value % 100_000_000 == 0:
        return f"£{value / 1_000_000_000:g} billion"
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"£{value / 1_000_000:g} million"
    return f"£{value:,}"


JOINED_WORDS = ("announced", "after", "before")


def joined_parts(value) -> tuple[str, str] | None:
    """A council's `joined`, split for the page: "announced 2020-03-03" -> ("announced", "2020-03-03"),
    "2022" -> ("", "2022"); None for "not known", which the page leaves out."""
    text = str(value)
    if text == "not known":
        return None
    word, _, date = text.rpartition(" ")
    return (word, date) if word in JOINED_WORDS else ("", text)


_CORRECTED = re.compile(r"\bCorrected on (\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def last_corrected(body: str) -> datetime.date | None:
    """The date of the latest correction note in a story (`*Corrected on 29 November 2026: ...*`);
    ValueError for a day the month does not have."""
    dates = [datetime.date(int(year), MONTHS.index(month) + 1, int(day))
             for day, month, year in _CORRECTED.findall(body) if 1 <= int(day) <= 31]
    return max(dates, default=None)
