"""Pictures of entries (a case study's or principle's `image`): measured, and the versions pages
show (keepitlocal.check.pictures checks them, keepitlocal.publish.pictures makes the files).

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
import re
from dataclasses import dataclass
from pathlib import Path

from keepitlocal.schema.collections import Collection, field_schema

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


class Unreadable(Exception):
    pass


measured: dict = {}  # (path, mtime, size) -> (width, height, format, digest)


def measure(file: Path) -> tuple[int, int, str, str]:
    """Width and height as shown (after the camera's rotation), format and content digest,
    read once per version of the file."""
    stat = file.stat()
    key = (str(file), stat.st_mtime_ns, stat.st_size)
    if key not in measured:
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
            raise Unreadable(str(error).split(":")[0] or type(error).__name__) from None
        digest = hashlib.sha256(file.read_bytes()).hexdigest()[:12]
        measured[key] = (width, height, kind, digest)
    return measured[key]


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
    width, height, kind, digest = measure(file)
    stem = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "picture"
    suffix = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[kind]
    versions = tuple(Version(f"{SITE_FOLDER}/{stem}-{digest}-{w}.{suffix}", w, max(1, round(height * w / width)))
                     for w in widths(width))
    return Picture(file, kind, versions, image["alt"].strip(), image["credit"].strip(), image["licence"].strip(),
                   image.get("licence_url", ""), image.get("source_url", ""))


