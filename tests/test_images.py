"""Pictures of case studies and principles: every mistake in an `image` field is a positioned
problem with a hint, and a good picture is measured and resized once."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from conftest import PRINCIPLE, case_study

from keepitlocal.model import pictures as images
from keepitlocal.publish import pictures as publish_pictures

CASE = "content/case-studies/pictured.md"
GOOD = """image:
  file: content/images/market.jpg
  alt: Stalls and shoppers in a covered market
  credit: Test Photographer
  licence: CC BY 4.0"""


def picture_bytes(width: int = 1600, height: int = 900, kind: str = "JPEG", **save) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 60)).save(out, kind, **save)
    return out.getvalue()


def with_image(block: str = GOOD) -> str:
    return case_study("A pictured case study", year="year: 2020\n" + block)


def only_problem(project, text: str):
    project.write(CASE, text)
    site = project.load()
    assert len(site.problems) == 1, "\n".join(map(str, site.problems))
    problem = site.problems[0]
    assert problem.path == CASE
    assert "pictured" not in {e.slug for e in site.entries}, "a broken file was published"
    return problem


def test_a_good_picture_passes_and_is_published(project):
    project.write("content/images/market.jpg", picture_bytes())
    project.write(CASE, with_image())
    site = project.load()
    assert site.problems == []
    entry = site.get("case-studies", "pictured")
    found = images.picture(project.root, entry.data["image"])
    assert [(v.width, v.height) for v in found.versions] == [(480, 270), (800, 450), (1200, 675)]
    assert found.alt == "Stalls and shoppers in a covered market"


def test_a_picture_folder_holds_pictures_only(project):
    project.write("content/images/market.jpg", picture_bytes())
    project.write("content/images/notes.md", "# Notes\n")
    assert [(p.path, p.message) for p in project.load().problems] == [
        ("content/images/notes.md", "content/images/ holds pictures only, so this file is not published")]


# (name, the image block, line, column, field, words in the message, words in the hint)
BAD = [
    ("no alt text", GOOD.replace("  alt: Stalls and shoppers in a covered market\n", ""), 9, 3, "image.alt",
     "required field is missing", "alt:"),
    ("blank alt text", GOOD.replace("Stalls and shoppers in a covered market", '"   "'), 10, 8, "image.alt",
     "only spaces", "write the alt"),
    ("no credit", GOOD.replace("  credit: Test Photographer\n", ""), 9, 3, "image.credit",
     "required field is missing", "credit:"),
    ("no licence", GOOD.replace("\n  licence: CC BY 4.0", ""), 9, 3, "image.licence", "required field is missing",
     "licence:"),
    ("an address on another website", GOOD.replace("content/images/market.jpg", "https://example.org/m.jpg"),
     9, 9, "image.file", "another website", "content/images/m.jpg"),
    ("a protocol-relative address", GOOD.replace("content/images/market.jpg", "//example.org/m.jpg"),
     9, 9, "image.file", "another website", "save the picture"),
    ("a file outside the pictures folder", GOOD.replace("content/images/market.jpg", "docs/assets/social-card.png"),
     9, 9, "image.file", "not a file in content/images/", "content/images/social-card.jpg"),
    ("a path that climbs out", GOOD.replace("content/images/market.jpg", "content/images/../../secret.jpg"),
     9, 9, "image.file", "not a file in content/images/", "move the picture"),
    ("an unsupported format", GOOD.replace("market.jpg", "market.gif"), 9, 9, "image.file",
     "a .gif file, and the site takes JPEG, PNG, WEBP pictures only", ".jpg"),
    ("a missing file", GOOD.replace("market.jpg", "markt.jpg"), 9, 9, "image.file",
     "there is no file content/images/markt.jpg", "did you mean 'market.jpg'"),
    ("a file too large", GOOD.replace("market.jpg", "huge.jpg"), 9, 9, "image.file",
     "content/images/huge.jpg is 5.2 MB, over the limit of 5 MB", "smaller"),
    ("a file that is not what its name says", GOOD.replace("market.jpg", "fake.jpg"), 9, 9, "image.file",
     "not a JPEG picture", "save it again"),
    ("a remote licence address", GOOD + "\n  licence_url: ftp://example.org/licence", 13, 16,
     "image.licence_url", "must be a web address", ""),
    ("an unknown field", GOOD + "\n  caption: A market", 13, 3, "image.caption", "unknown field", ""),
    ("a file name, not a group", "image: content/images/market.jpg", 8, 8, "image", "should be a group of fields",
     ""),
]


@pytest.mark.parametrize(("block", "line", "col", "field", "message_has", "hint_has"),
                         [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_each_bad_image_is_one_positioned_problem(project, block, line, col, field, message_has, hint_has):
    project.write("content/images/market.jpg", picture_bytes())
    project.write("content/images/huge.jpg", b"\xff\xd8\xff" + b"\0" * 5_200_000)
    project.write("content/images/fake.jpg", picture_bytes(kind="PNG"))
    problem = only_problem(project, with_image(block))
    assert (problem.line, problem.col, problem.field) == (line, col, field), str(problem)
    assert message_has in problem.message, str(problem)
    assert hint_has in problem.hint, str(problem)


def test_a_damaged_picture_is_refused_by_the_check_not_the_build(project):
    project.write("content/images/market.jpg", picture_bytes(1600, 900, quality=95)[:3000])
    problem = only_problem(project, with_image())
    assert (problem.line, problem.col, problem.field) == (9, 9, "image.file")
    assert "cannot be read as a picture" in problem.message and "save it again" in problem.hint


def test_a_picture_with_too_many_pixels_is_refused(project):
    project.write("content/images/market.png", picture_bytes(8000, 6000, "PNG"))
    problem = only_problem(project, with_image(GOOD.replace("market.jpg", "market.png")))
    assert (problem.line, problem.col, problem.field) == (9, 9, "image.file")
    assert "8,000 by 6,000 pixels" in problem.message


def test_a_principle_takes_an_image_too(project):
    project.write("content/images/market.jpg", picture_bytes())
    project.write("content/principles/local-spend.md", PRINCIPLE.format(number=3).replace(
        "summary:", GOOD.replace("market.jpg", "nothing.jpg") + "\nsummary:"))
    site = project.load()
    assert [(p.path, p.line, p.field) for p in site.problems] == [
        ("content/principles/local-spend.md", 5, "image.file")]


def test_versions_are_never_wider_than_the_picture(project):
    assert images.widths(600) == [480, 600]
    assert images.widths(480) == [480]
    assert images.widths(300) == [300]
    assert images.widths(5000) == [480, 800, 1200]


def test_resized_files_are_made_once_and_without_metadata(project):
    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # the camera held on its side: shown a quarter turn round
    project.write("content/images/market.jpg", picture_bytes(1600, 900, exif=exif))
    found = images.picture(project.root, {"file": "content/images/market.jpg", "alt": "A", "credit": "B",
                                          "licence": "C"})
    assert [(v.width, v.height) for v in found.versions] == [(480, 853), (800, 1422), (900, 1600)]
    files = publish_pictures.resized_files(project.root, [found])
    assert sorted(files) == sorted(v.path for v in found.versions)
    for version in found.versions:
        with Image.open(files[version.path]) as made:
            assert made.size == (version.width, version.height)
            assert made.format == "JPEG"
            assert not made.getexif()
    times = {path: file.stat().st_mtime_ns for path, file in files.items()}
    again = publish_pictures.resized_files(project.root, [found])
    assert {path: file.stat().st_mtime_ns for path, file in again.items()} == times


def gps_exif():
    from PIL import Image

    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (53.0, 45.0, 30.0), 3: "W", 4: (2.0, 42.0, 10.0)}  # a street in Preston
    return exif


@pytest.mark.parametrize("kind", ["JPEG", "WEBP", "PNG"])
def test_a_picture_that_records_where_it_was_taken_gets_a_note_naming_it(project, kind):
    suffix = {"JPEG": "jpg", "WEBP": "webp", "PNG": "png"}[kind]
    project.write(f"content/images/garden.{suffix}", picture_bytes(kind=kind, exif=gps_exif()))
    project.write("content/images/market.jpg", picture_bytes())  # no location: no note
    project.write(CASE, with_image(GOOD.replace("market.jpg", f"garden.{suffix}")))
    site = project.load()
    assert site.problems == []  # a note, never a reason to stop
    located = [(n.path, n.field) for n in site.notes if "where it was taken" in n.message]
    assert located == [(f"content/images/garden.{suffix}", "file")]
    note = next(n for n in site.notes if n.path == f"content/images/garden.{suffix}")
    assert "without its location" in note.hint


def test_the_published_copies_of_a_located_picture_leave_the_place_out(project):
    from PIL import Image

    project.write("content/images/garden.jpg", picture_bytes(exif=gps_exif()))
    found = images.picture(project.root, {"file": "content/images/garden.jpg", "alt": "A", "credit": "B",
                                          "licence": "C"})
    for path in publish_pictures.resized_files(project.root, [found]).values():
        with Image.open(path) as made:
            assert not made.getexif().get_ifd(0x8825)


# The built site


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def of(self, tag: str, **having) -> list[dict]:
        return [a for t, a in self.found if t == tag and all(a.get(k) == v for k, v in having.items())]


def tags(path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text("utf-8"))
    return parser


@pytest.fixture(scope="module")
def pictured_site(tmp_path_factory):
    """The real site with a picture on one case study (Preston) and one principle."""
    from builds import mkdocs_build, project_copy

    root = project_copy(tmp_path_factory.mktemp("pictured"), content=True)
    (root / "content/images").mkdir(exist_ok=True)
    (root / "content/images/market.jpg").write_bytes(picture_bytes(2000, 1200))
    block = GOOD.replace("Stalls and shoppers", "Stalls & <shoppers>") + \
        "\n  licence_url: https://creativecommons.org/licenses/by/4.0/"
    for rel in ("content/case-studies/preston-model.md", "content/principles/local-spend.md"):
        path = root / rel
        path.write_text(path.read_text("utf-8").replace("\nsummary:", f"\n{block}\nsummary:", 1), "utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_the_build_publishes_each_resized_version_at_its_width(pictured_site):
    from PIL import Image

    made = sorted((pictured_site / "site/images").glob("market-*.jpg"))
    sizes = []
    for file in made:
        with Image.open(file) as picture:
            sizes.append(picture.size)
            assert file.name.endswith(f"-{picture.width}.jpg")
    assert sorted(sizes) == [(480, 288), (800, 480), (1200, 720)]
    written = [p.name for p in (pictured_site / "docs/images").iterdir() if not p.name.startswith(".")]
    assert written == [], "nothing is written into docs/"


def test_the_page_shows_the_picture_with_srcset_size_alt_credit_and_licence(pictured_site):
    page = pictured_site / "site/case-studies/preston-model/index.html"
    (img,) = tags(page).of("img", alt="Stalls & <shoppers> in a covered market")
    assert (img["width"], img["height"]) == ("800", "480")
    assert img["src"].startswith("../../images/market-") and img["src"].endswith("-800.jpg")
    assert [part.rsplit(" ", 1)[1] for part in img["srcset"].split(", ")] == ["480w", "800w", "1200w"]
    assert all(part.startswith("../../images/market-") for part in img["srcset"].split(", "))
    assert "561px" in img["sizes"]
    html = page.read_text("utf-8")
    assert 'alt="Stalls &amp; &lt;shoppers&gt; in a covered market"' in html  # escaped once
    assert "Picture: Test Photographer, " in html
    assert '<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in html
    principle = tags(pictured_site / "site/principles/local-spend/index.html")
    assert principle.of("img", alt="Stalls & <shoppers> in a covered market")


def test_cards_show_the_picture_and_pages_without_one_show_none(pictured_site):
    listing = tags(pictured_site / "site/case-studies/index.html")
    (card,) = listing.of("img", **{"class": "kil-card__picture"})
    assert card["alt"] == "" and card["loading"] == "lazy"  # the card's title says what it is
    assert card["src"].startswith("../images/market-") and (card["width"], card["height"]) == ("480", "288")
    assert card["srcset"].count("w, ") == 2
    other = tags(pictured_site / "site/case-studies/carillion-collapse/index.html")
    assert not other.of("figure") and not [a for a in other.of("img") if "images/market" in a.get("src", "")]


def test_the_link_preview_uses_the_picture_and_other_pages_keep_the_site_card(pictured_site):
    site_url = "https://locality.github.io/keep-it-local/"
    meta = {a.get("property") or a.get("name"): a.get("content")
            for a in tags(pictured_site / "site/case-studies/preston-model/index.html").of("meta")}
    assert meta["og:image"] == meta["twitter:image"]
    assert meta["og:image"].startswith(site_url + "images/market-") and meta["og:image"].endswith("-1200.jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "720")
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == "Stalls & <shoppers> in a covered market"
    other = {a.get("property") or a.get("name"): a.get("content")
             for a in tags(pictured_site / "site/case-studies/carillion-collapse/index.html").of("meta")}
    assert other["og:image"] == site_url + "assets/social-card.png"
    assert (other["og:image:width"], other["og:image:height"]) == ("1200", "630")


def test_open_data_gives_the_published_picture_not_the_project_file(pictured_site):
    import csv
    import json

    site_url = "https://locality.github.io/keep-it-local/"
    records = {r["slug"]: r for r in json.loads((pictured_site / "site/case-studies.json").read_text("utf-8"))
               ["case_studies"]}
    picture = records["preston-model"]["image"]
    assert picture["url"].startswith(site_url + "images/market-") and picture["url"].endswith("-1200.jpg")
    assert (picture["width"], picture["height"], picture["credit"], picture["licence"]) == (
        1200, 720, "Test Photographer", "CC BY 4.0")
    assert picture["source_url"] is None and records["carillion-collapse"]["image"] is None
    text = (pictured_site / "site/case-studies.csv").read_text("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(text.splitlines())}
    assert json.loads(rows["preston-model"]["image"]) == picture and rows["carillion-collapse"]["image"] == ""


# Pictures a story shows (![what it shows](../images/x.jpg), from docs/images/): published as
# they are, so held to the same formats and size limit as an entry's picture.

STORY_PICTURE = "content/case-studies/story-picture.md"


def with_story_picture(name: str) -> str:
    return case_study("A story with a picture").replace(
        "The story of what happened.", f"The market.\n\n![Stalls in the market hall](../images/{name})")


def story_picture_problem(project, name: str, data: bytes):
    project.write(f"docs/images/{name}", data)
    text = with_story_picture(name)
    project.write(STORY_PICTURE, text)
    found = [p for p in project.load().problems if p.path == STORY_PICTURE]
    assert len(found) == 1, "\n".join(map(str, found))
    assert (found[0].line, found[0].col, found[0].field) == (text.split("\n").index(
        "![Stalls in the market hall](../images/" + name + ")") + 1, 30, "text")
    return found[0]


def test_a_story_picture_that_fits_passes(project):
    project.write("docs/images/market.jpg", picture_bytes())
    project.write(STORY_PICTURE, with_story_picture("market.jpg"))
    assert [p for p in project.load().problems if p.path == STORY_PICTURE] == []


def test_a_story_picture_over_the_size_limit_is_refused(project):
    big = picture_bytes(kind="PNG") + b"\0" * (images.rules(project.load().collections["case-studies"]).max_bytes)
    problem = story_picture_problem(project, "market.png", big)
    assert "over the limit of 5 MB" in problem.message and "docs/images/market.png" in problem.message
    assert "smaller" in problem.hint


@pytest.mark.parametrize("name, data, message_has", [
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "a .svg file"),
    ("market.gif", b"GIF89a" + b"\0" * 20, "a .gif file"),
    ("market.png", b"not a picture at all", "not a PNG picture"),
])
def test_a_story_picture_of_another_format_is_refused(project, name, data, message_has):
    problem = story_picture_problem(project, name, data)
    assert message_has in problem.message
    assert "save it" in problem.hint or "save it again" in problem.hint


def test_the_picture_folders_the_staff_guide_names_exist():
    """The guide's steps open docs/images/ and content/images/ on github.com: both are there."""
    from conftest import ROOT

    guide = (ROOT / "docs/staff/index.md").read_text("utf-8")
    for folder in ("docs/images/", "content/images/"):
        assert f"`{folder}`" in guide
        assert (ROOT / folder).is_dir()
