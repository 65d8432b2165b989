"""The promise of `make check`: if it says "No problems", the strict build succeeds and publishes
what was written. Held over damaged copies of the real content, every class of mistake the
check knows and random damage: the copies the check passes are all built at once, strictly."""

from __future__ import annotations

import random
import re

from builds import mkdocs_build, project_copy
from conftest import ROOT

from keepitlocal.app.pipeline import check_hand_written, load_site

# Damage a content file the way people do: in the fields, in the story's links and images.
STORY_DAMAGE = [
    "[Preston](preston-model.md)", "[Preston](preston-modle.md)", "[a principle](../principles/local-spend.md)",
    "[a principle](../principles/local-spend.md#why-it-matters)", "[nowhere](../principles/local-spend.md#nowhere)",
    "[its sources](carillion-collapse.md#sources)", "[top](#nowhere)", "![A photo](../images/none.jpg)",
    "![](../assets/social-card.png)", "![Social card](../assets/social-card.png)",
    "![Remote](https://example.org/x.png)", "[root](/case-studies/)", "[page](../about.md)", "[page](../abot.md)",
    "[addr](preston-model/)", "<img src=\"../assets/social-card.png\">", "`[code](nowhere.md)`",
    "[mail](mailto:info@example.org)", "[web](https://example.org/a b)", "\n## A heading\n", "#1 council",
    "C# programme", "[ref][x]\n\n[x]: nowhere.md",
    # HTML a story may not hold, and notes for staff (what the page must never carry is marked
    # kilHostile and kilNote, looked for in every built file).
    "<script>kilHostile()</script>", '<a href="preston-model.md" onclick="kilHostile()">Preston</a>',
    "[Preston](javascript:kilHostile())", '<iframe src="https://www.youtube.com/embed/kilHostile"></iframe>',
    '\n{: onclick="kilHostile()" }', '<img src="../assets/social-card.png" alt="Card" onerror="kilHostile()">',
    '<form action="https://example.org/kilHostile"><button>Go</button></form>', '<span style="color:red">red</span>',
    "<!-- kilNote for staff -->", "\n<!-- kilNote never closed\n", "<abbr title=\"Local Government Association\">LGA"
    "</abbr> and 10<sup>th</sup>", "\n<details><summary>More</summary>Detail.</details>\n",
    # Markdown that would change a typed word: refused at its line, and its fixes pass.
    "\n\n#KeepItLocal is trending\n", "\n\n\\#KeepItLocal is trending\n", "prices rose 2*3*4 times",
    "prices rose 2\\*3\\*4 times", "\n\n2024. A good year\n", "\n\n2024\\. A good year\n",
    "\n\n[Preston]: https://example.org/preston\n", "ask <Preston> about it", "ask &lt;Preston&gt; about it",
    "\n\n## Vote {now}\n", "\n\n!!! Warning about the budget\n",
]
FIELD_DAMAGE = [
    ("title: ", "title: Wigan #KeepItLocal "), ("summary: ", "summary: The UK's #1: "), ("region: ", "region: '"),
    ("region: North West", "region: North\u00a0West"), ("principles: [", "principles: [5, "),
    ("principles: [", "principles: [local-spending, "), ("year: ", "year: 2013.0 #"), ("url: ", "url: https://x.org/ "),
    ("title: ", "title:    "), ("date_added: ", "date_added: '"), ("sources:\n", "sources:\n  # note\n"),
    # A line break in a one-line value, and dates far outside the campaign's life.
    ("title: ", "title: >\n  "), ("place: ", "place: |\n  "), ("date_added: 20", "date_added: 99"),
    ("date: 20", "date: 18"),
]

# Damage a hand-written page in docs/: its links and images, its generated-part markers, the
# settings at its top.
PAGE_DAMAGE = [
    "[Preston](case-studies/preston-model.md)", "[Preston](case-studies/preston-modle.md)",
    "[a principle](principles/local-spend.md#nowhere)", "[top](#nowhere)", "![A photo](images/none.jpg)",
    "![](assets/social-card.png)", "![Social card](assets/social-card.png)", "[data](case-studies.json)",
    "[data](case-studys.json)", "[feed](feed.xml)", "[fields](staff/field-reference.md#nowhere)",
    "[list](case-studies/index.md)", "[page](about.md#the-campaign)", "[page](abot.md)", "[root](/about/)",
    "\n<!-- keepitlocal:principals -->\n", "\n<!-- keepitlocal:featured -->\n", "<!-- keepitlocal:principles -->",
    "<!-- keepitlocal:council-count -->", "\n<!--keepitlocal: councils-->\n",
]
PAGE_FIELD_DAMAGE = [
    ("title: ", "titel: "), ("title: ", "title: A #1 "), ("description: ", "description: Short "),
    ("description: ", "description: '"), ("---\n", "---\nhide: [tocs]\n"), ("---\n", "---\ntemplate: nohome.html\n"),
    ("---\n", "---\nhide: [toc, footer]\n"), ("<!-- keepitlocal:featured -->", ""),
    ("<!-- keepitlocal:councils -->", "<!-- keepitlocal:council -->"), ("<!-- keepitlocal:principles -->", ""),
]


def damaged_page(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 2)):
        if rng.random() < 0.6:
            head, sep, body = text.partition("\n---\n")
            lines = body.split("\n")
            at = rng.randrange(len(lines))
            lines[at] = lines[at] + " " + rng.choice(PAGE_DAMAGE)
            text = head + sep + "\n".join(lines)
        else:
            old, new = rng.choice(PAGE_FIELD_DAMAGE)
            text = text.replace(old, new, 1)
    return text


def damaged(rng: random.Random, text: str, number: int) -> str:
    text = re.sub(r"^title: (.+)$", lambda m: f"title: Copy {number} of {m[1].strip(chr(34))}", text, count=1,
                  flags=re.MULTILINE)
    for _ in range(rng.randint(1, 3)):
        if rng.random() < 0.6:
            head, sep, body = text.partition("\n---\n")
            lines = body.split("\n")
            at = rng.randrange(len(lines))
            lines[at] = lines[at] + " " + rng.choice(STORY_DAMAGE)
            text = head + sep + "\n".join(lines)
        else:
            old, new = rng.choice(FIELD_DAMAGE)
            text = text.replace(old, new, 1)
    return text


# Damage the project's own settings (mkdocs.yml) the same way.
SETTINGS_DAMAGE = [
    ("site_name: Keep it Local", "site_name: Keep it Local #KeepItLocal"),
    ("accept_shared_origin: false", 'accept_shared_origin: "no"'),
    ("accept_shared_origin: false", "accept_shared_orgin: true"), ("  editor:\n", "  editr:\n"),
    ("accept_shared_origin: false", "accept_shared_origin: false #for now"),
]


def test_every_damaged_setting_is_refused_by_the_check(tmp_path):
    from keepitlocal.check.settings import settings_problems

    settings = (ROOT / "mkdocs.yml").read_text("utf-8")
    for old, new in SETTINGS_DAMAGE:
        assert old in settings
        (tmp_path / "mkdocs.yml").write_text(settings.replace(old, new, 1), encoding="utf-8")
        assert settings_problems(tmp_path), new


def _keep_what_the_check_passes(root, written: dict, problems) -> int:
    """Check every damaged file at once, then remove each copy the check names (a page damaged in
    place is put back as it was), and check again until it names none; how many it named."""
    refused = 0
    while named := {p.path for p in problems()} & set(written):
        for rel in named:
            if written.pop(rel) == "in place":
                (root / rel).write_bytes((ROOT / rel).read_bytes())
            else:
                (root / rel).unlink()
        refused += len(named)
    return refused


# Damage the site-wide words (content/site.yml) where they link readers away: sign-up, contact
# and partner links that are not https://, or not web addresses at all.
SITE_WORDS_DAMAGE = [
    ("network_signup_url: https://", "network_signup_url: http://"),
    ("call_to_action_url: https://", "call_to_action_url: http://"),
    ("contact_url: https://", "contact_url: http://"), ("    url: https://", "    url: http://"),
    ("network_signup_url: https://", "network_signup_url: javascript:kilHostile()//https://"),
    ("contact_url: https://", "contact_url: mailto:"),  # mailto: before no e-mail address
]


def test_every_damaged_site_words_file_is_refused_by_the_check(project):
    words = (ROOT / "content/site.yml").read_text("utf-8")
    for old, new in SITE_WORDS_DAMAGE:
        assert old in words
        project.write("content/site.yml", words.replace(old, new, 1))
        assert [p for p in project.load().problems if p.path == "content/site.yml"], new
    project.write("content/site.yml", words)
    assert [p for p in project.load().problems if p.path == "content/site.yml"] == []


def test_every_damaged_copy_the_check_passes_builds_strictly(tmp_path):
    rng = random.Random(20261129)
    root = tmp_path / "project"
    root.mkdir()
    project_copy(root, content=True)
    cases = sorted((ROOT / "content/case-studies").glob("*.md"))
    written = {}
    for number in range(60):
        rel = f"content/case-studies/damaged-{number}.md"
        (root / rel).write_text(damaged(rng, cases[number % len(cases)].read_text("utf-8"), number), encoding="utf-8")
        written[rel] = "copy"
    failed = _keep_what_the_check_passes(root, written, lambda: load_site(root).problems)
    site = load_site(root)
    assert site.problems == []
    assert len(written) >= 10 and failed >= 10, (len(written), failed)  # both outcomes, or the test proves little
    # Hand-written pages: damaged copies beside the real ones, and the home and join pages
    # damaged where they are (their generated-part markers are required there).
    pages = sorted((ROOT / "docs").glob("*.md"))
    written = {}
    for number in range(40):
        source = pages[number % len(pages)]
        in_place = number % 8 == 0 and source.name in ("index.md", "join.md") and f"docs/{source.name}" not in written
        rel = f"docs/{source.name}" if in_place else f"docs/damaged-{number}.md"
        (root / rel).write_text(damaged_page(rng, source.read_text("utf-8")), encoding="utf-8")
        written[rel] = "in place" if in_place else "copy"
    failed = _keep_what_the_check_passes(root, written, lambda: check_hand_written(root, site)[0])
    assert check_hand_written(root, site)[0] == []
    assert len(written) >= 8 and failed >= 8, (len(written), failed)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr[-3000:]
    # Typed as text (a line Markdown shows as written), the words may show; inside a tag, or as a
    # note, never.
    hostile = re.compile(r"<(?:[^>]*kilHostile|script[^>]*>[^<]*kilHostile|!--[^>]*kilNote)")
    published = [path for path in (tmp_path / "site").rglob("*") if path.suffix in (".html", ".json", ".xml", ".ics")
                 and hostile.search(path.read_text("utf-8"))]
    assert published == []
