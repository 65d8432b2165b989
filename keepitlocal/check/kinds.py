"""What the check does for kinds with a `behaviour:` in their declaration, by that name. Every
other kind is checked by its schema and declaration alone.

A behaviour's checks give `problems(path, data, front_matter)` (across fields, once the schema
passes) and `notes(path, data, front_matter, today)` (date-based findings that never fail).
"""

from __future__ import annotations

import datetime
from typing import Protocol

from keepitlocal.check import councils, events
from keepitlocal.schema.collections import Collection


class KindChecks(Protocol):
    def problems(self, path: str, data: dict, front_matter) -> list: ...

    def notes(self, path: str, data: dict, front_matter, today: datetime.date) -> list: ...


REGISTRY: dict[str, KindChecks] = {"events": events, "councils": councils}


def checks(collection: Collection) -> KindChecks | None:
    """The checks registered for the kind's behaviour, or None for a kind that needs none."""
    return REGISTRY.get(collection.behaviour)
