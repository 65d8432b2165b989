"""Pictures checked: an entry's `image` must name a file in content/images/ the site can publish
(the folder, the formats and the size limit are data, in image.schema.json's `file` field), and
a picture that records where it was taken gets a note."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from keepitlocal.base.problems import Problem, closest
from keepitlocal.model.pictures import MAX_PIXELS, Unreadable, measure, rules
from keepitlocal.schema.collections import Collection, schema

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SIGNATURES = {"JPEG": (b"\xff\xd8\xff",), "PNG": (b"\x89PNG\r\n\x1a\n",), "WEBP": (b"RIFF",)}


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"


def file_problems(root: Path | str, path: str, collection: Collection, image: dict, position) -> list[Problem]:
    """What is wrong with the file an entry's `image` names (at most one problem, the first
    found). `position`: (line, col) of its `file` value. The schema has checked the fields."""
    found = rules(collection)
    if found is None or not isinstance(image, dict) or not isinstance(image.get("file"), str):
        return []
    line, col = position
    value = image["file"].strip()
    field = "image.file"
    folder = found.folder
    example = f"{folder}/{_example_name(value)}"

    def problem(message: str, hint: str) -> list[Problem]:
        return [Problem(path, line, col, field, message, hint)]

    if _SCHEME.match(value) or value.startswith("//"):
        return problem(f"{value} is an address on another website, and the site makes no requests to other websites",
                       f"save the picture (if its licence allows) in {folder}/ and write its file, e.g. {example}")
    name = value.lstrip("/")
    parent, _, file_name = name.rpartition("/")
    if posixpath.normpath(name) != name or parent != folder or not file_name:
        return problem(f"{value} is not a file in {folder}/, where pictures go",
                       f"move the picture into {folder}/ and write {example}")
    suffix = file_name.rpartition(".")[2].lower() if "." in file_name else ""
    if suffix not in found.formats:
        kinds = ", ".join(dict.fromkeys(found.formats.values()))
        shown = f"a .{suffix} file" if suffix else "a file with no .jpg, .png or .webp ending"
        return problem(f"{value} is {shown}, and the site takes {kinds} pictures only",
                       "save the picture as .jpg (photographs) or .png (drawings, charts) and write its new name")
    file = Path(root) / name
    if not file.is_file():
        there = Path(root) / folder
        names = sorted(p.name for p in there.iterdir() if p.is_file()) if there.is_dir() else []
        hint = closest(file_name, names, "picture", f"{folder}/") if names else \
            f"save the picture in {folder}/ first (that folder is empty or missing)"
        return problem(f"there is no file {name}", hint)
    size = file.stat().st_size
    if size > found.max_bytes:
        return problem(f"{name} is {megabytes(size)}, over the limit of {megabytes(found.max_bytes)} for a picture",
                       "make it smaller: 2,400 pixels wide is plenty, saved as JPEG at quality 80")
    expected = found.formats[suffix]
    with file.open("rb") as handle:
        head = handle.read(16)
    if not head.startswith(SIGNATURES[expected]) or (expected == "WEBP" and head[8:12] != b"WEBP"):
        return problem(f"{name} is not a {expected} picture, whatever its name says",
                       f"open it and save it again as {expected}, with the matching ending")
    try:
        width, height = measure(file)[:2]
    except Unreadable as error:
        return problem(f"{name} cannot be read as a picture ({error})", f"open it and save it again as {expected}")
    if width * height > MAX_PIXELS:
        return problem(f"{name} is {width:,} by {height:,} pixels, more than the {MAX_PIXELS // 1_000_000} million "
                       "pixels a picture may have", "make it smaller: 2,400 pixels wide is plenty")
    return []


def story_picture_problem(file: Path, name: str) -> tuple[str, str] | None:
    """What is wrong with a picture a story or page shows (`![what it shows](../images/x.jpg)`),
    as (message, hint): the same formats and size limit as an entry's `image` (image.schema.json's
    `file` field), and the file must be the picture its name says. A story's picture is published
    as it is, not resized, so a large one costs every reader of the page its full size."""
    spec = schema("image.schema.json")["properties"]["file"]
    formats, max_bytes = spec["x-image-formats"], int(spec["x-max-bytes"])
    suffix = name.rpartition(".")[2].lower() if "." in name.rpartition("/")[2] else ""
    if suffix not in formats:
        kinds = ", ".join(dict.fromkeys(formats.values()))
        shown = f"a .{suffix} file" if suffix else "a file with no .jpg, .png or .webp ending"
        return (f"the picture {name} is {shown}, and the site takes {kinds} pictures only",
                "save it as .jpg (photographs) or .png (drawings, charts) and write its new name")
    try:
        size = file.stat().st_size
        with file.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return None  # the link check names a missing file
    if size > max_bytes:
        return (f"the picture {name} is {megabytes(size)}, over the limit of {megabytes(max_bytes)} for a picture",
                "make it smaller: 2,400 pixels wide is plenty, saved as JPEG at quality 80")
    expected = formats[suffix]
    if not head.startswith(SIGNATURES[expected]) or (expected == "WEBP" and head[8:12] != b"WEBP"):
        return (f"the picture {name} is not a {expected} picture, whatever its name says",
                f"open it and save it again as {expected}, with the matching ending")
    return None


def _example_name(value: str) -> str:
    tail = value.rstrip("/").rpartition("/")[2].split("?")[0]
    stem = re.sub(r"[^a-z0-9]+", "-", tail.rpartition(".")[0].lower() if "." in tail else tail.lower()).strip("-")
    return f"{stem or 'picture'}.jpg"


_located: dict = {}  # (path, mtime, size) -> whether the picture records where it was taken


def location_note(rel: str, file: Path) -> Problem | None:
    """A note when a picture records where it was taken (a phone's GPS position, in its EXIF
    data). The published copies never carry it (they are made from the pixels alone), but the
    file in the repository does, for anyone to read: a staff member's street, perhaps."""
    try:
        stat = file.stat()
    except OSError:
        return None
    key = (str(file), stat.st_mtime_ns, stat.st_size)
    if key not in _located:
        from PIL import Image

        try:
            with Image.open(file) as image:  # reads the header only
                gps = image.getexif().get_ifd(0x8825)  # the GPS block of the EXIF data
                _located[key] = any(tag in gps for tag in (2, 4))  # a latitude or a longitude
        except Exception:  # noqa: BLE001 - an unreadable picture is reported where an entry names it
            _located[key] = False
    if not _located[key]:
        return None
    return Problem(rel, 1, 1, "file", "this picture records where it was taken (its GPS position, from the phone "
                   "or camera); the site's copies leave it out, but anyone can read it in this file",
                   "if that place should stay private, save the picture again without its location (on a phone: "
                   "share it with Location switched off) and replace this file")
