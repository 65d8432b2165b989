"""The resized versions of entries' pictures, made once with Pillow into a cache folder named by
the picture's content, so a rebuild resizes nothing that has not changed."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from keepitlocal.model.pictures import CACHE_FOLDER, Picture, Version

_SAVE = {"JPEG": {"quality": 82, "optimize": True, "progressive": True}, "PNG": {"optimize": True},
         "WEBP": {"quality": 80, "method": 4}}


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
