"""What pictures cost the check and the build, and that a rebuild resizes nothing.

    .venv/bin/python bench/pictures.py [count] [width]

Makes `count` (default 20) photograph-like JPEG pictures `width` (default 3,000) pixels wide
(3:2, random noise over a gradient, so they compress like photographs, about 1-4 MB each) in a
temporary project, then times, per picture: the check (`file_problems`: reading, decoding once
at an eighth of the size), the first build's resizing into 480, 800 and 1,200 pixel versions,
and a rebuild's (every version already in the cache).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from keepitlocal.check import pictures as check_pictures
from keepitlocal.model import pictures as images
from keepitlocal.publish import pictures as publish_pictures
from keepitlocal.schema.collections import CASE_STUDIES


def photograph(path: Path, width: int, seed: int) -> None:
    from PIL import Image, ImageChops

    height = width * 2 // 3
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40 + seed % 20).convert("RGB")
    ImageChops.add(gradient, noise, scale=1.6).save(path, "JPEG", quality=90)


def main(count: int = 20, width: int = 3000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content/images").mkdir(parents=True)
        for n in range(count):
            photograph(root / f"content/images/photo-{n}.jpg", width, n)
        sizes = [p.stat().st_size for p in (root / "content/images").iterdir()]
        fields = [{"file": f"content/images/photo-{n}.jpg", "alt": "A photograph", "credit": "Bench",
                   "licence": "CC0"} for n in range(count)]
        started, cpu = time.perf_counter(), time.process_time()
        for n, field in enumerate(fields):
            assert not check_pictures.file_problems(root, f"content/case-studies/c{n}.md", CASE_STUDIES, field, (1, 1))
        check = time.perf_counter() - started, time.process_time() - cpu
        pictures = [images.picture(root, field) for field in fields]
        started, cpu = time.perf_counter(), time.process_time()
        made = publish_pictures.resized_files(root, pictures)
        cold = time.perf_counter() - started, time.process_time() - cpu
        started, cpu = time.perf_counter(), time.process_time()
        publish_pictures.resized_files(root, pictures)
        warm = time.perf_counter() - started, time.process_time() - cpu
        published = sum(p.stat().st_size for p in made.values())
        print(f"{count} pictures, {width}x{width * 2 // 3}, {sum(sizes) / count / 1e6:.1f} MB each on average")
        for name, (wall, cpu) in (("check", check), ("resize (first build, 3 versions)", cold),
                                  ("rebuild (all cached)", warm)):
            print(f"{name}: {wall / count * 1000:.2f} ms per picture ({cpu / count * 1000:.2f} ms CPU)")
        print(f"published versions: {published / count / 1000:.0f} KB per picture")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
