"""Draw the site's favicon and app icons from its wordmark: `make icons`.

The campaign's mark is its name set in its own typeface (the header's wordmark, see
overrides/partials/header.html). The icons carry the same letters, "KiL", in Source Sans 3 Bold,
white on the campaign's deep teal, over the yellow bar that underlines "Local" in the header.
The letters are drawn as outlines (no font needed to show them), from the full font in
tools/fonts/, and written to docs/assets/icons/:

    favicon.svg              the browser tab (browsers that draw SVG icons)
    favicon-32.png           the browser tab elsewhere
    apple-touch-icon.png     180 x 180, a phone's home screen
    icon-192.png, icon-512.png   the web app manifest (site.webmanifest)

Run it again only if the colours or the letters change, and commit the files.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "tools" / "fonts" / "source-sans-3-latin-700-normal.woff2"
OUT = ROOT / "docs" / "assets" / "icons"
LETTERS = "KiL"
TEAL = "#0b4f4a"     # --md-primary-fg-color in docs/assets/site.css
YELLOW = "#ffbf47"   # the focus and hover yellow, and the wordmark's bar
WHITE = "#ffffff"
SIZE = 64            # the SVG's own grid
PNGS = {"favicon-32.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


def letters_path(font: TTFont, text: str, box: float) -> tuple[str, float]:
    """The SVG path of `text` set in `font`, scaled to fit `box` wide, with its height."""
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    names = [cmap[ord(c)] for c in text]
    advance = sum(glyphs[n].width for n in names)
    scale = box / advance
    pen = SVGPathPen(glyphs)
    bounds = BoundsPen(glyphs)
    x = 0
    for name in names:
        # Font units grow upwards and SVG's downwards: flip, and move to the pen's place.
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x * scale, 0)))
        glyphs[name].draw(TransformPen(bounds, (scale, 0, 0, -scale, x * scale, 0)))
        x += glyphs[name].width
    x_min, y_min, x_max, y_max = bounds.bounds
    return pen.getCommands(), (x_min, y_min, x_max, y_max)


def svg(font: TTFont) -> str:
    path, (x_min, y_min, x_max, y_max) = letters_path(font, LETTERS, SIZE * 0.78)
    width, height = x_max - x_min, y_max - y_min
    dx = (SIZE - width) / 2 - x_min
    dy = SIZE * 0.44 - height / 2 - y_min
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
            f'<rect width="{SIZE}" height="{SIZE}" rx="8" fill="{TEAL}"/>'
            f'<rect x="{SIZE * 0.14:.1f}" y="{SIZE * 0.76:.1f}" width="{SIZE * 0.72:.1f}" height="{SIZE * 0.1:.1f}" '
            f'fill="{YELLOW}"/>'
            f'<path transform="translate({dx:.2f} {dy:.2f})" fill="{WHITE}" d="{path}"/></svg>\n')


def png(font_file: io.BytesIO, size: int) -> Image.Image:
    """The same icon drawn at `size` pixels (square corners: phones round them their own way)."""
    scale = 4  # drawn large and reduced, for smooth edges
    big = size * scale
    image = Image.new("RGB", (big, big), TEAL)
    draw = ImageDraw.Draw(image)
    draw.rectangle([big * 0.14, big * 0.76, big * 0.86, big * 0.86], fill=YELLOW)
    font_file.seek(0)
    face = ImageFont.truetype(font_file, size=int(big * 0.62))
    left, top, right, bottom = draw.textbbox((0, 0), LETTERS, font=face)
    draw.text(((big - (right - left)) / 2 - left, big * 0.44 - (bottom - top) / 2 - top), LETTERS, font=face,
              fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    font = TTFont(FONT)
    (OUT / "favicon.svg").write_text(svg(font), "utf-8")
    plain = io.BytesIO()
    font.flavor = None  # FreeType reads the font without WOFF2's compression
    font.save(plain)
    for name, size in PNGS.items():
        png(plain, size).save(OUT / name, optimize=True)
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
