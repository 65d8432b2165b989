"""Synthetic, schema-valid case studies for benchmarks and scale tests.

`make_project(folder, count)` copies the real site (config, docs, theme, hooks, core and the
real principles) into `folder` and fills content/case-studies/ with `count` generated case
studies of about 400 words each (beside the real ones, which pages link to), deterministic
for a given count.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "docs", "hooks", "overrides", "keepitlocal")

WORDS = [
    "council", "community", "local", "service", "contract", "commissioning", "organisation", "neighbourhood",
    "budget", "provider", "outcome", "people", "care", "support", "trust", "partnership", "evidence", "economy",
    "spend", "anchor", "social", "value", "procurement", "early", "intervention", "prevention", "resident",
    "family", "worker", "volunteer", "centre", "health", "housing", "employment", "probation", "delivery",
    "quality", "cost", "saving", "risk", "failure", "collapse", "market", "scale", "relationship",
    "accountability", "place", "network", "principle", "decision", "officer", "cabinet", "strategy", "review",
    "report", "audit", "committee", "figure", "year", "month", "share", "growth", "jobs", "wages"
]
PLACES = ["Northtown", "Southby", "Eastham", "Westbury", "Midford", "Riverside", "Hillcrest", "Lakeside"]


def _schema():
    import json

    return json.loads((ROOT / "keepitlocal/schemas/case-study.schema.json").read_text("utf-8"))


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    return " ".join(words).capitalize() + "."


def case_study_text(index: int, rng: random.Random, principles: list[str], count: int) -> str:
    props = _schema()["properties"]
    place = f"{rng.choice(PLACES)} {index}"
    related = sorted({f"case-{rng.randrange(count):05d}" for _ in range(rng.randint(0, 2))} - {f"case-{index:05d}"})
    services = rng.sample(props["services"]["items"]["enum"], rng.randint(1, 3))
    lines = [
        "---",
        f"title: Case study {index} in {place}",
        f"summary: {_sentence(rng)} {_sentence(rng)}"[:290],
        f"type: {rng.choice(props['type']['enum'])}",
        f"place: {place} Council",
        f"region: {rng.choice(props['region']['enum'])}",
        f"year: {rng.randint(2005, 2025)}",
        "services: [" + ", ".join(services) + "]",
        "principles: [" + ", ".join(rng.sample(principles, rng.randint(1, 3))) + "]",
        f"organisations: [{place} Community Trust, {place} Council]",
        *([f"related: [{', '.join(related)}]"] if related else []),
        f"date_added: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "sources:",
    ]
    for n in range(rng.randint(2, 4)):
        lines += [f"  - title: Report {n + 1} on {place}", f"    url: https://example.org/{index}/{n}",
                  "    publisher: Example Council", f"    date: {rng.randint(2005, 2025)}"]
    lines.append("---")
    for heading in ("What happened", "What changed", "What others can learn"):
        lines += ["", f"## {heading}", ""]
        for _ in range(2):
            lines.append(" ".join(_sentence(rng) for _ in range(5)))
    return "\n".join(lines) + "\n"


def make_project(folder: Path, count: int) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    shutil.copytree(ROOT / "content/principles", folder / "content/principles")
    cases = folder / "content/case-studies"
    shutil.copytree(ROOT / "content/case-studies", cases)  # the real ones too: pages link to them
    principles = sorted(p.stem for p in (folder / "content/principles").glob("*.md") if not p.name.startswith("_"))
    rng = random.Random(count)
    for index in range(count):
        (cases / f"case-{index:05d}.md").write_text(case_study_text(index, rng, principles, count), encoding="utf-8")
    return folder
