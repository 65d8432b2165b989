"""Pictures of case studies and principles: every mistake in an `image` field is a positioned
problem with a hint, and a good picture is measured and resized once."""

from __future__ import annotations

import io

import pytest
from conftest import PRINCIPLE, case_study

from keepitlocal import images

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
    files = images.resized_files(project.root, [found])
    assert sorted(files) == sorted(v.path for v in found.versions)
    for version in found.versions:
        with Image.open(files[version.path]) as made:
            assert made.size == (version.width, version.height)
            assert made.format == "JPEG"
            assert not made.getexif()
    times = {path: file.stat().st_mtime_ns for path, file in files.items()}
    again = images.resized_files(project.root, [found])
    assert {path: file.stat().st_mtime_ns for path, file in again.items()} == times
