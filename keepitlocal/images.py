"""Pictures of entries (a case study's or principle's `image`): checked, measured and resized.

An entry's `image` names a file in content/images/ (the folder, the formats and the size limit
are data, in `image.schema.json`'s `file` field). The check (`file_problems`) refuses what would
publish wrongly or not at all: an address on another website, a file outside the folder, a
format the site does not take, a file that is missing, too large, or not the picture its name
says. The build asks `picture(root, entry)` for what a template needs (the resized versions'
addresses and sizes, alt text, credit, licence) and `resized_files` for the files to publish:
each version is made once with Pillow into a cache folder named by the picture's content, so
a rebuild resizes nothing that has not changed.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .collections import Collection, field_schema
from .problems import Problem, closest

# Widths of the resized versions, in pixels. The largest is also the link preview's picture.
WIDTHS = (480, 800, 1200)
# Where the resized versions are published, relative to the site root.
SITE_FOLDER = "images"
# Where they are kept between builds, relative to the project root (not published, not in git).
CACHE_FOLDER = ".cache/images"
# The most pixels a picture may have: more is a mistake (or an attack) that would take the
# build minutes and gigabytes to resize.
MAX_PIXELS = 40_000_000
# How wide the browser will show each picture (the `sizes` attribute), so it fetches the
# smallest version that is sharp: on a page, the text column (33em of 17px text, at most 561
# pixels) from 720 pixels wide, the whole screen below; a card, at most about 400 pixels.
PAGE_SIZES = "(min-width: 720px) 561px, 100vw"
CARD_SIZES = "(min-width: 720px) 400px, 100vw"

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_SIGNATURES = {"JPEG": (b"\xff\xd8\xff",), "PNG": (b"\x89PNG\r\n\x1a\n",), "WEBP": (b"RIFF",)}
_SAVE = {"JPEG": {"quality": 82, "optimize": True, "progressive": True}, "PNG": {"optimize": True},
         "WEBP": {"quality": 80, "method": 4}}


@dataclass(frozen=True)
class Rules:
    """What `image.schema.json` says of a picture file."""

    folder: str  # relative to the project root, e.g. content/images
    formats: dict  # suffix without the dot -> format (JPEG, PNG, WEBP)
    max_bytes: int


def rules(collection: Collection) -> Rules | None:
    """The rules for a kind's `image.file`, or None if its entries have no image."""
    spec = field_schema(collection, ("image", "file"))
    if "x-image-folder" not in spec:
        return None
    return Rules(spec["x-image-folder"].strip("/"), dict(spec["x-image-formats"]), int(spec["x-max-bytes"]))


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
    if not head.startswith(_SIGNATURES[expected]) or (expected == "WEBP" and head[8:12] != b"WEBP"):
        return problem(f"{name} is not a {expected} picture, whatever its name says",
                       f"open it and save it again as {expected}, with the matching ending")
    try:
        width, height = _measure(file)[:2]
    except _Unreadable as error:
        return problem(f"{name} cannot be read as a picture ({error})", f"open it and save it again as {expected}")
    if width * height > MAX_PIXELS:
        return problem(f"{name} is {width:,} by {height:,} pixels, more than the {MAX_PIXELS // 1_000_000} million "
                       "pixels a picture may have", "make it smaller: 2,400 pixels wide is plenty")
    return []


def _example_name(value: str) -> str:
    tail = value.rstrip("/").rpartition("/")[2].split("?")[0]
    stem = re.sub(r"[^a-z0-9]+", "-", tail.rpartition(".")[0].lower() if "." in tail else tail.lower()).strip("-")
    return f"{stem or 'picture'}.jpg"


class _Unreadable(Exception):
    pass


_measured: dict = {}  # (path, mtime, size) -> (width, height, format, digest)


def _measure(file: Path) -> tuple[int, int, str, str]:
    """Width and height as shown (after the camera's rotation), format and content digest,
    read once per version of the file."""
    stat = file.stat()
    key = (str(file), stat.st_mtime_ns, stat.st_size)
    if key not in _measured:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(file) as image:
                width, height = image.size
                if image.getexif().get(0x0112) in (5, 6, 7, 8):  # rotated a quarter turn
                    width, height = height, width
                kind = image.format
                if width * height <= MAX_PIXELS:
                    # Decoded once, so a damaged file fails the check, not the build (a JPEG at
                    # an eighth of its size, which is quick).
                    if kind == "JPEG":
                        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                    image.load()
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise _Unreadable(str(error).split(":")[0] or type(error).__name__) from None
        digest = hashlib.sha256(file.read_bytes()).hexdigest()[:12]
        _measured[key] = (width, height, kind, digest)
    return _measured[key]


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


@dataclass(frozen=True)
class Version:
    path: str  # relative to the site root, e.g. images/preston-market-hall-3f2a9c1b0d4e-800.jpg
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """An entry's picture, as templates show it: resized versions (smallest first), alt text,
    credit and licence."""

    source: Path
    format: str
    versions: tuple[Version, ...]
    alt: str
    credit: str
    licence: str
    licence_url: str = ""
    source_url: str = ""

    @property
    def largest(self) -> Version:
        return self.versions[-1]

    @property
    def default(self) -> Version:
        """The version for browsers that read no srcset: the one nearest 800 pixels wide."""
        return min(self.versions, key=lambda v: abs(v.width - 800))

    def srcset(self, prefix: str) -> str:
        """`prefix` leads from the page to the site root (`../../`)."""
        return ", ".join(f"{prefix}{v.path} {v.width}w" for v in self.versions)


def widths(width: int) -> list[int]:
    """The versions' widths for a picture `width` pixels wide: never wider than the picture."""
    widest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < widest] + [widest]


def picture(root: Path | str, image: dict | None) -> Picture | None:
    """The picture an entry's `image` field names, or None without one. The check has passed."""
    if not image:
        return None
    file = Path(root) / image["file"].strip().lstrip("/")
    width, height, kind, digest = _measure(file)
    stem = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "picture"
    suffix = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[kind]
    versions = tuple(Version(f"{SITE_FOLDER}/{stem}-{digest}-{w}.{suffix}", w, max(1, round(height * w / width)))
                     for w in widths(width))
    return Picture(file, kind, versions, image["alt"].strip(), image["credit"].strip(), image["licence"].strip(),
                   image.get("licence_url", ""), image.get("source_url", ""))


class ImageError(Exception):
    """A picture the check passed that cannot be resized after all (a damaged file)."""


def resized_files(root: Path | str, pictures) -> dict[str, Path]:
    """Every resized version of `pictures`, made (once: kept in the cache folder under a name
    made from the picture's content) and given by its site path. ImageError names a picture
    that cannot be resized."""
    root = Path(root)
    cache = root / CACHE_FOLDER
    files: dict[str, Path] = {}
    for found in pictures:
        missing = []
        for version in found.versions:
            target = cache / posixpath.basename(version.path)
            files[version.path] = target
            if not target.is_file():
                missing.append((version, target))
        if not missing:
            continue
        try:
            _resize(found, missing)
        except (OSError, ValueError) as error:
            where = found.source.relative_to(root) if found.source.is_relative_to(root) else found.source
            raise ImageError(f"{where.as_posix()} cannot be resized ({error}): open it and save it again") from None
    return files


def _resize(found: Picture, missing: list[tuple[Version, Path]]) -> None:
    """Decode the picture once (a JPEG at the smallest scale still as wide as the widest version
    wanted), then make each missing version from it."""
    from PIL import Image, ImageOps

    widest = max(version.width for version, _ in missing)
    with Image.open(found.source) as image:
        if found.format == "JPEG":
            turned = image.getexif().get(0x0112) in (5, 6, 7, 8)
            scale = widest / (image.height if turned else image.width)
            image.draft("RGB", (round(image.width * scale), round(image.height * scale)))
        image = ImageOps.exif_transpose(image)
        if found.format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        for version, target in sorted(missing, key=lambda item: -item[0].width):
            made = image if image.size == (version.width, version.height) else \
                image.resize((version.width, version.height), Image.Resampling.LANCZOS)
            target.parent.mkdir(parents=True, exist_ok=True)
            # Saved without the camera's metadata (which may hold where the photo was taken).
            temporary = target.with_name(f".{target.name}.{os.getpid()}")
            made.save(temporary, found.format, **_SAVE[found.format])
            temporary.replace(target)
