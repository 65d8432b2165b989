"""Vendor the browser editor (Sveltia CMS) from npm, pinned and checked.

    python tools/update_cms.py                  # fetch the pinned version again; fail unless it matches the lock
    python tools/update_cms.py --version 0.222.0  # move to another version: rewrite the files and the lock
    python tools/update_cms.py --verify         # offline: the files in vendor/sveltia-cms/ match the lock

What is vendored, from the one npm package `@sveltia/cms`:

- `sveltia-cms.js`, the editor's single built script, byte for byte as published;
- `LICENSE.txt`, its MIT licence;
- the three fonts the editor uses (`fonts/*.woff2`, from the package's own assets, with their
  licences), and `fonts.css`, the editor's own @font-face rules with the font CDN's addresses
  replaced by these files. The admin page loads `fonts.css` under the id of the style element
  the editor would otherwise inject (`font_style_id` in the lock), so the editor sees its
  fonts are in place and never asks the CDN;
- `schema/sveltia-cms.json`, the JSON Schema of the editor's configuration, which the tests
  hold the generated configuration to (not published);
- `locales/en-GB.json`, the British English wording of the editor, which it would otherwise
  fetch from a package CDN for a browser set to English (UK).

The lock (`cms-lock.json`) records the version, npm's integrity hash of the package and the
SHA-256 of every vendored file. Any difference is an error naming the file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "vendor" / "sveltia-cms"
LOCK = VENDOR / "cms-lock.json"
PACKAGE = "@sveltia/cms"
SCRIPT = "sveltia-cms.js"
SCHEMA = "schema/sveltia-cms.json"  # the JSON Schema of the editor's configuration, for the tests
LOCALES = ("en-GB",)
FONT_CDN = re.compile(r"url\((https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)[:@][^/]*/([a-z0-9-]+)\.woff2)\)")
STYLE = re.compile(r"\{hash:`(svelte-[a-z0-9]+)`,code:`([^`]*)`\}")


class UpdateError(Exception):
    pass


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def read_lock() -> dict:
    return json.loads(LOCK.read_text("utf-8"))


def npm_pack(version: str, into: Path) -> tuple[Path, str]:
    """Download the package through npm (which checks the registry's integrity hash)."""
    if shutil.which("npm") is None:
        raise UpdateError("npm is not installed: install Node.js 20 or newer, which includes npm")
    result = subprocess.run(["npm", "pack", f"{PACKAGE}@{version}", "--json", "--pack-destination", str(into)],
                            capture_output=True, text=True, cwd=into)
    if result.returncode != 0:
        raise UpdateError(f"npm could not fetch {PACKAGE}@{version}:\n{result.stderr.strip()}")
    info = json.loads(result.stdout)[0]
    return into / info["filename"], info["integrity"]


def unpack(tarball: Path, into: Path) -> Path:
    with tarfile.open(tarball) as tar:
        tar.extractall(into, filter="data")
    return into / "package"


def vendored_files(package: Path) -> dict[str, bytes]:
    """The files to vendor, by their path under vendor/sveltia-cms/, from the unpacked package."""
    script = (package / "dist" / SCRIPT).read_bytes()
    files = {SCRIPT: script, "LICENSE.txt": (package / "LICENSE.txt").read_bytes(),
             SCHEMA: (package / SCHEMA).read_bytes()}
    for locale in LOCALES:
        files[f"locales/{locale}.json"] = (package / "locales" / f"{locale}.json").read_bytes()
    style_id, css = font_style(script.decode("utf-8"))
    assets = package / "npm" / "assets"

    def local(match: re.Match) -> str:
        family, stem = match.group(2), match.group(3)
        found = sorted(assets.glob(f"{family}-{stem}-*.woff2"))
        licence = assets / f"{family}.LICENSE.txt"
        if len(found) != 1 or not licence.is_file():
            raise UpdateError(f"the package has no single font file for {match.group(1)} in npm/assets/ "
                              "with its licence: the way the editor loads fonts has changed; look at it again")
        files[f"fonts/{family}-{stem}.woff2"] = found[0].read_bytes()
        files[f"fonts/{family}.LICENSE.txt"] = licence.read_bytes()
        return f"url(fonts/{family}-{stem}.woff2)"

    local_css = FONT_CDN.sub(local, css)
    if "https://" in re.sub(r"/\*.*?\*/", "", local_css, flags=re.S):
        raise UpdateError("the editor's font rules still name another web address after vendoring the fonts")
    header = (f"/* The editor's own font rules (style {style_id} in {SCRIPT}), with the fonts served from this\n"
              "   site instead of a font CDN. Written by tools/update_cms.py: do not edit. */\n")
    files["fonts.css"] = (header + local_css.strip() + "\n").encode("utf-8")
    return files


def font_style(script: str) -> tuple[str, str]:
    """The id and CSS of the style element in which the editor loads its fonts from a CDN."""
    found = [(m.group(1), m.group(2)) for m in STYLE.finditer(script) if "cdn.jsdelivr.net/fontsource" in m.group(2)]
    if len(found) != 1:
        raise UpdateError(f"expected one style with the editor's fonts in {SCRIPT}, found {len(found)}: "
                          "the way the editor loads fonts has changed; look at it again")
    return found[0]


def compare(files: dict[str, bytes], lock: dict) -> list[str]:
    expected = lock["files"]
    problems = [f"{name}: checksum {sha256(data)} does not match the lock's {expected[name]}"
                for name, data in files.items() if name in expected and sha256(data) != expected[name]]
    problems += [f"{name}: not in the lock" for name in files if name not in expected]
    problems += [f"{name}: in the lock but missing" for name in expected if name not in files]
    return problems


def verify() -> list[str]:
    """Offline: the vendored files are exactly the ones the lock names."""
    lock = read_lock()
    on_disk = {p.relative_to(VENDOR).as_posix(): p.read_bytes()
               for p in VENDOR.rglob("*") if p.is_file() and p != LOCK}
    return compare(on_disk, lock)


def write(files: dict[str, bytes]) -> None:
    for path in VENDOR.rglob("*"):
        if path.is_file() and path != LOCK:
            path.unlink()
    for name, data in files.items():
        target = VENDOR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def update(version: str | None) -> str:
    lock = read_lock() if LOCK.exists() else None
    pinned = lock["version"] if lock else None
    if version is None and pinned is None:
        raise UpdateError(f"there is no {LOCK.relative_to(ROOT)} yet: give a version, --version X.Y.Z")
    wanted = version or pinned
    with tempfile.TemporaryDirectory() as tmp:
        tarball, integrity = npm_pack(wanted, Path(tmp))
        files = vendored_files(unpack(tarball, Path(tmp)))
    if lock and wanted == pinned:
        problems = ([f"package integrity {integrity} does not match the lock's {lock['integrity']}"]
                    if integrity != lock["integrity"] else []) + compare(files, lock)
        if problems:
            raise UpdateError(f"{PACKAGE}@{wanted} from npm differs from the lock; nothing was changed:\n  "
                              + "\n  ".join(problems))
    write(files)
    style_id, _ = font_style(files[SCRIPT].decode("utf-8"))
    new_lock = {"package": PACKAGE, "version": wanted, "integrity": integrity, "font_style_id": style_id,
                "files": {name: sha256(data) for name, data in sorted(files.items())}}
    LOCK.write_text(json.dumps(new_lock, indent=2) + "\n", "utf-8")
    return wanted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", help="move to this version of the editor and rewrite the lock")
    parser.add_argument("--verify", action="store_true", help="only check the vendored files against the lock")
    args = parser.parse_args(argv)
    try:
        if args.verify:
            problems = verify()
            if problems:
                raise UpdateError("vendor/sveltia-cms/ does not match its lock:\n  " + "\n  ".join(problems))
            print(f"vendor/sveltia-cms/ matches the lock ({read_lock()['version']})")
        else:
            print(f"vendor/sveltia-cms/ holds {PACKAGE}@{update(args.version)}, matching the lock")
    except UpdateError as error:
        print(f"update-cms: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
