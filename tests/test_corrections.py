"""Corrections stay corrected: no claim about a named organisation goes further than its
source, no figure the sources do not contain comes back, every corrected page says so in
a dated note, and every source list is clean (no page cited twice, no malformed address).

The checks read the content as shipped. Each one names the file and the words at fault,
so a campaigner can see what to change."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from conftest import ROOT, case_study

from keepitlocal.app.pipeline import load_site

# "*Corrected on 29 November 2026: what changed and why.*" on a line of its own.
NOTE = re.compile(r"^\*Corrected on (?P<date>\d{1,2} [A-Z][a-z]+ \d{4}): (?P<what>[^*\n]+)\*$", re.M)
NOTE_START = re.compile(r"^[\W_]*correct(ed|ion)\b", re.I)

# Words a sentence may carry strong words in only when it says who used them.
ATTRIBUTION = re.compile(r"\b(said|says|told|called|calls|described|describes|according to|in the words of|"
                         r"judged|warned|argued|argues)\b|[\"“”]", re.I)

# Phrases that went further than any source found, or figures no cited source contains.
# Each is checked in every page's title, summary and text, and in the hand-written pages.
WITHDRAWN = [
    (r"two of the biggest probation providers had failed", "Interserve's operating companies carried on trading"),
    (r"headline saving on paper", "the NAO found that NHS England had saved significant sums"),
    (r"£60\s*(m\b|million)", "the Capita saving of about £60m is not in the NAO's report: say what it said"),
    (r"\bsmall suppliers\b", "the committees counted some 30,000 suppliers, not how small they were"),
    (r"35\s*(%|per\s*cent)?\s*(and|to|-|–)\s*55\s*(%|per\s*cent)", "the 35-55% figure is not in any source found"),
    (r"five to six months", "the BDA's wait time is not in the cited sources"),
    (r"\bbacked seven\b", "the source says Bristol was seeking to support the groups"),
    (r"\bno centre closed\b", "true of 2014 only: say when"),
]

# Words that, said of a company by the site itself, pass a verdict the sources do not.
VERDICTS = re.compile(r"\b(fail(ed|s|ing|ure)?|collaps(e|ed|es|ing)|went bust|gone bust|went under|went down)\b", re.I)

# Parameters that only track where a reader came from: they never make a different page.
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|ref|ref_src|cmpid|ito|ico|"
                      r"ns_mchannel|ns_campaign|itm_\w+)$", re.I)

def _entries(root: Path):
    site = load_site(root, preview=True)
    assert site.problems == [], "fix the content first: make check"
    return site.entries


def _prose(text: str) -> str:
    """Text as a reader sees it: link targets and Markdown emphasis removed, spaces folded."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:;])\s+|\n\s*\n|\n[-*] ", text) if s.strip()]


def _readable(root: Path, notes: bool = False) -> dict[str, dict[str, str]]:
    """Every piece of prose a reader can see, by file: its title, summary and text. Correction
    notes are left out unless asked for: they say what an earlier version got wrong."""
    pieces = {}
    for entry in _entries(root):
        pieces[entry.path] = {"title": entry.title, "summary": entry.summary, "text": entry.body}
    for page in sorted((root / "docs").glob("*.md")):
        pieces[page.relative_to(root).as_posix()] = {"text": page.read_text("utf-8")}
    if not notes:
        for fields in pieces.values():
            fields["text"] = NOTE.sub("", fields["text"])
    return pieces


def withdrawn_phrases(root: Path) -> list[str]:
    found = []
    for path, fields in _readable(root).items():
        for name, text in fields.items():
            prose = _prose(text)
            for pattern, why in WITHDRAWN:
                for match in re.finditer(pattern, prose, re.I):
                    found.append(f"{path} ({name}): {match.group(0)!r}: {why}")
    return found


def unattributed_verdicts(root: Path, company: str = "Interserve") -> list[str]:
    found = []
    for path, fields in _readable(root).items():
        for name, text in fields.items():
            for sentence in _sentences(_prose(text)):
                if company in sentence and VERDICTS.search(sentence) and not ATTRIBUTION.search(sentence):
                    found.append(f"{path} ({name}): {sentence.strip()!r}")
    return found


def missing_caveats(root: Path) -> list[str]:
    """Figures that must travel with the caveat their own source gives them."""
    found = []
    for path, fields in _readable(root).items():
        for name, text in fields.items():
            for paragraph in re.split(r"\n\s*\n", text):
                prose = _prose(paragraph)
                if re.search(r"£1\.9\s*(bn|billion)", prose) and not re.search(r"agreed before", prose):
                    found.append(f"{path} ({name}): Carillion's £1.9bn without the NAO's point that many "
                                 "of those contracts were agreed before the profit warning")
                if re.search(r"serious(ly)? harm", prose) and "Capita" in text and "no actual harm" not in prose:
                    found.append(f"{path} ({name}): 'serious harm' without the NAO's finding that no actual "
                                 "harm had been identified")
                for sentence in _sentences(prose):
                    if "400,000" in sentence and not re.search(r"\b2018\b", sentence):
                        found.append(f"{path} ({name}): Locality's 400,000 a week is a 2018 figure: "
                                     f"date it: {sentence.strip()!r}")
                    if "December 2019" in sentence and "Wales" in sentence and "Commons Library" not in sentence:
                        found.append(f"{path} ({name}): the date probation in Wales was unified needs its "
                                     f"source named: {sentence.strip()!r}")
    return found


def normalised(url: str) -> str:
    """One spelling per page: http and https, www. or not, a trailing slash, an empty query,
    a fragment and tracking parameters make no difference to which page is cited."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    path = parts.path.rstrip("/") or ""
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k))
    return f"{host}{port}{path}" + (f"?{urlencode(query)}" if query else "")


def repeated_in(path: str, sources: list[dict]) -> list[str]:
    found, seen = [], {}
    for source in sources:
        key = normalised(source["url"])
        if key in seen:
            found.append(f"{path}: {source['url']} cites the same page as {seen[key]}")
        else:
            seen[key] = source["url"]
    return found


def repeated_sources(root: Path) -> list[str]:
    return [problem for entry in _entries(root) for problem in repeated_in(entry.path, entry.data.get("sources") or [])]


def malformed_address(url: str) -> str | None:
    parts = urlsplit(url)
    if url != url.strip() or re.search(r"\s", url):
        return "has a space in it"
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return "is not a whole web address (http:// or https://, then a site name)"
    if re.search(r"(^|\.)-|-(\.|$)|\.\.|\.$", parts.hostname):
        return "has a site name that ends oddly"
    if re.search(r"[-.,;:!)\]'\"”’]$", url):
        return f"ends in {url[-1]!r}, most likely a slip when it was copied"
    if "%20" in url.lower() and url.lower().endswith("%20"):
        return "ends in an encoded space"
    return None


def malformed_sources(root: Path) -> list[str]:
    found = []
    for entry in _entries(root):
        for source in entry.data.get("sources") or []:
            problem = malformed_address(source["url"])
            if problem:
                found.append(f"{entry.path}: {source['url']!r} {problem}")
    return found


def correction_notes(root: Path) -> dict[str, list[tuple[datetime.date, str]]]:
    notes = {}
    for path, fields in _readable(root, notes=True).items():
        text = fields["text"]
        notes[path] = [(datetime.datetime.strptime(m["date"], "%d %B %Y").date(), m["what"])
                       for m in NOTE.finditer(text)]
    return notes


def malformed_notes(root: Path) -> list[str]:
    """A line that starts a correction note but does not follow the one format."""
    found = []
    for path, fields in _readable(root, notes=True).items():
        for line in fields["text"].split("\n"):
            if NOTE_START.search(line.strip()) and not NOTE.match(line.strip()):
                found.append(f"{path}: {line.strip()!r}")
            match = NOTE.match(line.strip())
            if match:
                try:
                    datetime.datetime.strptime(match["date"], "%d %B %Y")
                except ValueError:
                    found.append(f"{path}: {match['date']!r} is not a date written like 29 November 2026")
    return found


# Pages whose meaning changed in the corrections, each of which must say so.
CORRECTED = [
    "content/case-studies/interserve-administration.md",
    "content/case-studies/transforming-rehabilitation.md",
    "content/case-studies/carillion-collapse.md",
    "content/case-studies/capita-primary-care-support.md",
    "content/case-studies/bristol-make-it-local.md",
    "content/case-studies/calderdale-childrens-centres.md",
    "content/principles/commission-simply.md",
    "content/principles/whole-system.md",
    "content/principles/neighbourhood-coordination.md",
    "docs/about.md",
]


def test_withdrawn_phrases_and_figures_do_not_come_back():
    assert withdrawn_phrases(ROOT) == []


def test_no_page_calls_interserve_failed_or_collapsed_in_its_own_voice():
    assert unattributed_verdicts(ROOT) == []


def test_figures_keep_the_caveats_their_sources_give_them():
    assert missing_caveats(ROOT) == []


def test_every_corrected_page_says_so_in_a_dated_note():
    notes = correction_notes(ROOT)
    missing = [path for path in CORRECTED if not notes.get(path)]
    assert missing == []
    today = datetime.date.today()
    assert [(p, d) for p, found in notes.items() for d, _ in found if d > today] == []


def test_correction_notes_all_follow_one_format():
    assert malformed_notes(ROOT) == []


def test_no_content_file_cites_one_page_twice():
    assert repeated_sources(ROOT) == []


def test_no_source_address_is_malformed():
    assert malformed_sources(ROOT) == []


# The checks themselves, on small made-up inputs, so that each is known to be able to fail.

@pytest.mark.parametrize("a, b", [
    ("https://www.calderdale.gov.uk/v2/x", "https://calderdale.gov.uk/v2/x"),
    ("http://example.org/a/", "https://example.org/a"),
    ("https://example.org/a?utm_source=x&utm_medium=y", "https://example.org/a"),
    ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
    ("https://Example.ORG/a#section", "https://example.org/a"),
])
def test_spellings_of_one_page_are_recognised_as_one(a, b):
    assert normalised(a) == normalised(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.org/a", "https://example.org/b"),
    ("https://democracy.example.gov.uk/mgAi.aspx?ID=1", "https://democracy.example.gov.uk/mgAi.aspx?ID=2"),
    ("https://example.org/A", "https://example.org/a"),
])
def test_different_pages_stay_different(a, b):
    assert normalised(a) != normalised(b)


@pytest.mark.parametrize("url", [
    "https://example.org/a page", "https://example.org/guide-", "https://example.org/a.", "https://example.org/a)",
    "example.org/a", "https://localhost/a", " https://example.org/a", "https://example-.org/a",
])
def test_malformed_addresses_are_caught(url):
    assert malformed_address(url)


@pytest.mark.parametrize("url", [
    "https://example.org/", "https://example.org/a-b", "https://democracy.kirklees.gov.uk/mgAi.aspx?ID=20927",
    "https://hansard.parliament.uk/Commons/2019-03-18/debates/EB0B6302-1676-4ED2-9D0C-63AAB8982A0D/Interserve",
])
def test_good_addresses_pass(url):
    assert malformed_address(url) is None


SUMMARY = "A council kept its services local and the money stayed local."


def _write(project, body: str, summary: str = SUMMARY) -> Path:
    """The conftest project, its case study given this summary and text."""
    text = case_study(summary=f"summary: {summary}").replace("The story of what happened.", body)
    project.write("content/case-studies/good-example.md", text)
    return project.root


def test_a_verdict_in_the_sites_own_voice_is_caught_and_an_attributed_one_is_not(project):
    root = _write(project, "The collapse of [Interserve](good-example.md) followed weeks later.\n\n"
                              "An MP said Interserve had failed its staff.")
    assert len(unattributed_verdicts(root)) == 1


def test_a_withdrawn_phrase_is_caught_wherever_it_is(project):
    root = _write(project, "It produced a headline\nsaving on paper.",
                  summary="It produced a headline saving on paper, they said.")
    assert len(withdrawn_phrases(root)) == 2


def test_a_figure_without_its_caveat_is_caught(project):
    root = _write(project, "It still won £1.9bn of work.\n\nMembers support 400,000 people every week.")
    assert len(missing_caveats(root)) == 2
    root2 = _write(project, "It won £1.9bn of work, many agreed before the warning.\n\n"
                                     "In 2018 members supported 400,000 people every week.")
    assert missing_caveats(root2) == []


def test_one_page_cited_twice_is_caught():
    twice = [{"url": "https://www.example.org/a/"}, {"url": "https://example.org/b"},
             {"url": "http://example.org/a?utm_source=feed"}]
    assert len(repeated_in("x.md", twice)) == 1


def test_a_note_in_another_format_is_caught(project):
    root = _write(project, "Text.\n\n*Corrected 29 Nov 2026: wrong date.*\n\n"
                              "*Corrected on 29 November 2026: fine.*")
    assert len(malformed_notes(root)) == 1
    assert [d.isoformat() for d, _ in correction_notes(root)["content/case-studies/good-example.md"]] == ["2026-11-29"]


# The public pages speak as a campaign that knows itself: what is not known, and how we looked
# for it, belongs in the content files' notes, the field reference and the staff pages.

RESEARCH_LOG = re.compile(r"\b(?:date (?:of joining )?not known|what is not known|not known\b|"
                          r"we (?:have )?(?:found|could (?:read|check|find))|no source we found|the day we wrote it|"
                          r"(?:not recorded|found) in the sources|this post is dated the day|carries no date)", re.I)


def research_log_phrases(site_dir: Path) -> list[str]:
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if rel.startswith(("staff/", "staff-guide/", "admin/")) or rel == "404.html":
            continue
        text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text("utf-8"), flags=re.S))
        text = re.sub(r"\s+", " ", text)
        for match in RESEARCH_LOG.finditer(text):
            found.append(f"/{rel}: ...{text[max(0, match.start() - 60):match.end() + 40]}...")
    return found


def test_no_public_page_reads_like_a_research_log(built_site):
    assert research_log_phrases(built_site) == []


def test_a_research_log_phrase_is_caught_and_its_page_named(tmp_path):
    (tmp_path / "network/leeds").mkdir(parents=True)
    (tmp_path / "network/leeds/index.html").write_text(
        "<dl><dt>Joined</dt><dd>Date not known (no source we found gives it)</dd></dl>", encoding="utf-8")
    (tmp_path / "staff/field-reference").mkdir(parents=True)
    (tmp_path / "staff/field-reference/index.html").write_text("<p>Write \"not known\" when</p>", encoding="utf-8")
    (tmp_path / "news/principles-into-practice").mkdir(parents=True)
    (tmp_path / "news/principles-into-practice/index.html").write_text(
        "<p>Locality's announcement carries no date of its own.</p>", encoding="utf-8")
    problems = research_log_phrases(tmp_path)
    assert [p.split(": ")[0] for p in problems] == ["/network/leeds/index.html"] * 2 + \
        ["/news/principles-into-practice/index.html"]
