"""Cut the site's typeface down to the characters the site uses: `make fonts`.

The site is set in Source Sans 3 (SIL Open Font License), regular and bold. The full Latin
files from @fontsource/source-sans-3 (tools/fonts/, see SOURCE.txt there) hold about 300
characters each; a reader's first visit downloads both, so the published copies in
docs/assets/fonts/ keep only:

- every printable ASCII character;
- the symbols and typographic punctuation campaign writing uses (pound and euro signs, curly
  quotes, dashes, ellipsis, bullets, arrows, and the pilcrow of headings' links);
- every other character found in the site's words: content/, the hand-written pages in docs/,
  the templates, the theme overrides and the site's name and sections in mkdocs.yml.

A character the files lack still shows, in the reader's own sans-serif. The test
tests/test_fonts.py fails when the built site uses a character the files lack: run
`make fonts` and commit the two files.

    python tools/subset_fonts.py          # writes docs/assets/fonts/source-sans-3-{400,700}.woff2
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "fonts"
OUT = ROOT / "docs" / "assets" / "fonts"
WEIGHTS = (400, 700)
# Where the site's words are: every text file under these, and these files.
WORD_FOLDERS = ("content", "docs", "overrides", "keepitlocal/templates")
WORD_FILES = ("mkdocs.yml", "keepitlocal/collections.yml")
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".html", ".txt", ".json"}
ALWAYS = (
    [chr(c) for c in range(0x20, 0x7F)]
    + list("\u00a3\u00a9\u00b0\u00bd\u00d7\u00e9\u00b7\u00b6\u20ac\u2122\u2212\u2009\u00a0")
    + list("\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u2191\u2193")
)


def site_characters(root: Path = ROOT) -> set[str]:
    """Every character the typeface should have: ALWAYS, and each one in the site's words that
    the fonts can draw (the source files decide; emoji and the like fall back)."""
    found = set(ALWAYS)
    paths = [root / name for name in WORD_FILES if (root / name).is_file()]
    for folder in WORD_FOLDERS:
        paths += [p for p in sorted((root / folder).rglob("*")) if p.suffix in TEXT_SUFFIXES and p.is_file()]
    for path in paths:
        found |= set(path.read_text("utf-8", errors="ignore"))
    return {c for c in found if c.isprintable() or c in "\u00a0\u2009"}


def source_file(weight: int) -> Path:
    return SOURCE / f"source-sans-3-latin-{weight}-normal.woff2"


def output_file(weight: int) -> Path:
    return OUT / f"source-sans-3-{weight}.woff2"


def make(characters: set[str]) -> list[Path]:
    written = []
    for weight in WEIGHTS:
        options = subset.Options()
        options.flavor = "woff2"
        options.hinting = False          # browsers on screens that matter ignore it; 20% smaller
        options.desubroutinize = True    # compresses better
        options.name_IDs = ["*"]         # keep the font's names, licence and copyright notice
        options.notdef_outline = True
        font = subset.load_font(str(source_file(weight)), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(characters)))
        subsetter.subset(font)
        out = output_file(weight)
        subset.save_font(font, str(out), options)
        written.append(out)
    return written


def main() -> int:
    characters = site_characters()
    for path in make(characters):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
