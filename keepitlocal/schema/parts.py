"""The generated parts a hand-written page may ask for with a marker, `<!-- keepitlocal:NAME -->`,
declared once as data in `generated-parts.yml`: what each shows, whether it stands inside a
sentence, and which pages must have it. The build fills them (keepitlocal.render.home); the
check refuses a marker the build would not fill as meant (keepitlocal.check.markers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DECLARATION = Path(__file__).parent.parent / "generated-parts.yml"


@dataclass(frozen=True)
class Part:
    name: str
    what: str  # what the part shows, in words
    inline: bool  # stands inside a sentence; otherwise its marker is a line of its own
    required_on: tuple  # pages (paths in docs/) that must have it


@cache
def parts() -> dict[str, Part]:
    """The declared generated parts, by name."""
    declared = yaml.safe_load(DECLARATION.read_text("utf-8"))
    return {name: Part(name, part["what"], bool(part.get("inline")), tuple(part.get("required_on", ())))
            for name, part in declared.items()}


def marker(name: str) -> str:
    return f"<!-- keepitlocal:{name} -->"
