"""Build-cost benchmark: how build time, page size, search index and memory grow with content.

For each size (default 100, 1,000 and 5,000 synthetic case studies) it measures, as the
median of several runs:
  build   full `mkdocs build` of the site, hooks and all
  bare    the same pages (the same Markdown the hooks generate, with every component in it,
          written to docs/) built by a bare Material site: same theme, same short nav, no
          hooks -- the baseline of the hooks' overhead
  stories the case studies' stories alone (title and text, no generated parts, no index
          pages) built by a bare Material site: same theme, short nav, search on, no hooks --
          the baseline of what the whole build costs against Material doing nothing extra
  check   `python -m keepitlocal check` (content validation only)
and reports the average case-study page size, total site size, the search index's size on
the server (Pagefind's, site/pagefind/, made by a hook in the build measured, none in the bare
one) and the peak memory of the build process.

    python bench/bench.py [--sizes 100,1000,5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project

RESULTS = Path(__file__).resolve().parent / "results"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak resident memory in MB of that process)."""
    started = time.perf_counter()
    # Errors go to a file, not a pipe: a command that writes more than a pipe holds (the check's
    # notes) would wait for a reader for ever.
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{errors.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def bare_project(project: Path, folder: Path) -> Path:
    """The same pages, generated ones included, as plain files in a site without hooks:
    captured from one real build (bench/capture_hook.py)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    capture_config = {**config, "hooks": [*config.get("hooks", []), str(Path(__file__).parent / "capture_hook.py")]}
    (project / "mkdocs-capture.yml").write_text(yaml.safe_dump(capture_config, sort_keys=False), "utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-capture.yml", "-d",
                    str(folder / "capture-site")], cwd=project, env={**ENV, "KIL_CAPTURE": str(folder / "docs")},
                   check=True)
    config.pop("hooks", None)
    config["watch"] = []
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    shutil.copytree(project / "overrides", folder / "overrides")
    return folder


def stories_project(project: Path, folder: Path) -> Path:
    """Each case study's title and story as a plain Markdown file, in a Material site with the
    same theme and extensions, a one-page nav, search on and no hooks."""
    sys.path.insert(0, str(project))
    from keepitlocal.read.frontmatter import read_document

    docs = folder / "docs"
    (docs / "case-studies").mkdir(parents=True)
    (docs / "index.md").write_text("# Stories\n", "utf-8")
    for path in sorted((project / "content/case-studies").glob("*.md")):
        if path.name.startswith("_"):
            continue
        document = read_document(path.read_bytes(), path.name)
        title = json.dumps(document.front_matter.data["title"])
        (docs / "case-studies" / path.name).write_text(f"---\ntitle: {title}\n---\n\n{document.body}", "utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    for key in ("hooks", "extra_javascript", "extra_css"):
        config.pop(key, None)
    config.update({"watch": [], "nav": [{"Stories": "index.md"}], "plugins": ["search"]})
    # The real stories link to principle pages this site does not have: say so quietly.
    config["validation"] = {"nav": {"omitted_files": "ignore"},
                            "links": {"not_found": "info", "anchors": "info", "unrecognized_links": "info"}}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    shutil.copytree(project / "overrides", folder / "overrides")
    return folder


def sizes(site: Path) -> dict:
    pages = list((site / "case-studies").glob("case-*/index.html"))
    # The search index is Pagefind's (site/pagefind/, its files compressed already): what the
    # server holds. A reader fetches only the parts a query needs (bench/first_visit.py).
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {
        "page_kb": sum(p.stat().st_size for p in pages) / len(pages) / 1024,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024 / 1024,
        "search_kb": sum(p.stat().st_size for p in index) / 1024,
    }


def measure(count: int, runs: int, work: Path) -> dict:
    project = make_project(work / f"site-{count}", count)
    bare = bare_project(project, work / f"bare-{count}")
    stories = stories_project(project, work / f"stories-{count}")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d"]
    ours, baseline, plain, checks = [], [], [], []
    for _ in range(runs):  # interleaved, so a busy moment slows all alike
        ours.append(timed([*mkdocs, str(work / f"out-{count}")], project))
        baseline.append(timed([*mkdocs, str(work / f"bare-out-{count}")], bare))
        plain.append(timed([*mkdocs, str(work / f"stories-out-{count}")], stories))
        checks.append(timed([sys.executable, "-m", "keepitlocal", "check", "--root", str(project)], project))
    return {"count": count, "build_s": statistics.median(t for t, _ in ours),
            "bare_s": statistics.median(t for t, _ in baseline), "stories_s": statistics.median(t for t, _ in plain),
            "check_s": statistics.median(t for t, _ in checks),
            "peak_mb": max(m for _, m in ours), **sizes(work / f"out-{count}")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    counts = [int(n) for n in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory(prefix="kil-bench-") as folder:
        for count in counts:
            print(f"measuring {count:,} case studies ...", file=sys.stderr, flush=True)
            rows.append(measure(count, args.runs, Path(folder)))
    print(f"\n{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"median of {args.runs} runs, {time.strftime('%Y-%m-%d')}\n")
    header = ("| case studies | build s | bare Material s | hook overhead | stories alone s | build / stories "
              "| check s | page KB | site MB | search index KB (Pagefind) | peak MB |")
    print(header)
    print("|---:" * 11 + "|")
    for r in rows:
        print(f"| {r['count']:,} | {r['build_s']:.2f} | {r['bare_s']:.2f} | {r['build_s'] / r['bare_s'] - 1:+.0%} "
              f"| {r['stories_s']:.2f} | {r['build_s'] / r['stories_s']:.2f} "
              f"| {r['check_s']:.3f} | {r['page_kb']:.1f} | {r['site_mb']:.1f} | "
              f"{r['search_kb']:,.0f} | {r['peak_mb']:.0f} |")
    by = {r["count"]: r for r in rows}
    print()
    if 100 in by and 1000 in by:
        print(f"t(1,000) / t(100) = {by[1000]['build_s'] / by[100]['build_s']:.1f}  (target <= 11)")
        print(f"page size at 1,000 vs 100: {by[1000]['page_kb'] / by[100]['page_kb'] - 1:+.1%}  (target within 10%)")
    if 1000 in by:
        print(f"hook overhead at 1,000: {by[1000]['build_s'] / by[1000]['bare_s'] - 1:+.1%}  (target <= 15%)")
        print(f"build against the stories alone at 1,000: {by[1000]['build_s'] / by[1000]['stories_s']:.2f}x  "
              "(target <= 1.5x)")
        print(f"check at 1,000: {by[1000]['check_s']:.3f} s  (target < 0.5 s)")
        print(f"search index at 1,000: {by[1000]['search_kb'] / 1024:.2f} MB on the server, fetched only in the "
              "parts a query needs (bench/first_visit.py)")
    if 5000 in by:
        print(f"peak memory at 5,000: {by[5000]['peak_mb']:.0f} MB  (target < 1,024 MB)")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
