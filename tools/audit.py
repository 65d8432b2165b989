"""Lighthouse scores (mobile) for every kind of reader page: the home page, each index, a case
study, a principle, an event, a news post, a council, the briefing, a publication, the join and
about pages.

    python tools/audit.py [--chrome /usr/bin/chromium] [--runs 3] [--keep DIR]

Builds the site with `site_url` pointing at a local server (so canonical links and link
previews are what they will be on GitHub Pages, only on another host), serves it gzipped as
GitHub Pages does, runs Lighthouse from tools/lighthouse/ (`npm ci` there first, which
`make audit` does) `--runs` times on each page and prints a table of the median scores. Exits 1
if any score is under its target (performance is the one that varies between runs, and with
the load of the machine: measure on a quiet one).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keepitlocal.base.project import read_project  # noqa: E402
from tools.serve import serving  # noqa: E402

PAGES = [("home", ""), ("case-study index", "case-studies/"), ("case study", "case-studies/preston-model/"),
         ("principles index", "principles/"), ("principle", "principles/local-spend/"),
         ("events index", "events/"), ("event", "events/locality-convention-2018/"),
         ("news index", "news/"), ("news post", "news/keep-it-local-manifesto/"),
         ("network", "network/"), ("council", "network/leeds/"), ("briefing", "briefing/"),
         ("publications index", "publications/"), ("publication", "publications/keep-it-local-manifesto/"),
         ("join", "join/"), ("about", "about/")]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
               "--disable-component-update --no-first-run"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_path() -> str:
    return urlsplit(read_project(ROOT).site_url).path or "/"


def build(site_dir: Path, site_url: str) -> None:
    config = ROOT / f".audit-{os.getpid()}.yml"  # beside mkdocs.yml, so its relative paths hold
    config.write_text(f"INHERIT: mkdocs.yml\nsite_url: {site_url}\n", encoding="utf-8")
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
                                 "-d", str(site_dir)], capture_output=True, text=True,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    finally:
        config.unlink()
    if result.returncode:
        sys.exit(f"The site did not build:\n{result.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is kept")
    parser.add_argument("--keep", type=Path, help="also write each Lighthouse JSON report into this folder")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is not installed: run `make audit` (it runs `npm ci` in tools/lighthouse/).")
    if not Path(args.chrome).exists():
        sys.exit(f"No Chromium at {args.chrome}: install it (apt-get install chromium) or set CHROME_PATH.")
    port, prefix = free_port(), site_path()
    work = Path(tempfile.mkdtemp(prefix="kil-audit-"))
    failed = False
    try:
        build(work / "site", f"http://127.0.0.1:{port}{prefix}")
        rows = []
        with serving(work / "site", prefix, port) as base:
            for name, url in PAGES:
                runs = []
                for run in range(args.runs):
                    report = work / f"{name.replace(' ', '-')}-{run + 1}.json"
                    result = subprocess.run(
                        ["node", str(LIGHTHOUSE), base + url, "--quiet", "--output=json", f"--output-path={report}",
                         "--only-categories=" + ",".join(TARGETS), f"--chrome-flags={CHROME_FLAGS}"],
                        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": args.chrome}, timeout=300)
                    if result.returncode or not report.is_file():
                        sys.exit(f"Lighthouse failed on {base + url}:\n{result.stderr[-3000:]}")
                    runs.append(json.loads(report.read_text("utf-8")))
                    if args.keep:
                        args.keep.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(report, args.keep / report.name)
                scores = {key: round(statistics.median(data["categories"][key]["score"] for data in runs) * 100)
                          for key in TARGETS}
                rows.append((name, scores))
                data = sorted(runs, key=lambda d: d["categories"]["performance"]["score"])[len(runs) // 2]
                for key, score in scores.items():
                    if score < TARGETS[key]:
                        failed = True
                        audits = [a for a in data["categories"][key]["auditRefs"] if a["weight"]]
                        for ref in audits:
                            audit = data["audits"][ref["id"]]
                            if audit["score"] is not None and audit["score"] < 1:
                                print(f"  {name}: {key}: {audit['id']}: {audit['title']}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    header = ["page", *TARGETS]
    print(" | ".join(f"{h:<16}" for h in header))
    for name, scores in rows:
        print(" | ".join([f"{name:<16}", *(f"{scores[k]:<16}" for k in TARGETS)]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
