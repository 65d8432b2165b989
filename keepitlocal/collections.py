"""The content collections: which folder holds what, checked against which schema.

This is the one place that says what content exists. Everything else (loading, pages,
the field reference, editor settings) reads it from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .quickcheck import compile_schema

if TYPE_CHECKING:
    import jsonschema

    from .quickcheck import Check

SCHEMA_DIR = Path(__file__).with_name("schemas")

SCHEMA_FILES = ("principle.schema.json", "case-study.schema.json", "news-post.schema.json", "council.schema.json",
                "source.schema.json", "authors.schema.json", "briefing.schema.json")


@dataclass(frozen=True)
class Collection:
    name: str  # the folder under content/, and the address prefix of its pages
    label: str  # what a reader calls one entry
    label_plural: str
    schema_file: str
    url: str = field(default="", kw_only=True)  # the address prefix of its pages; the name if not given
    sort: tuple = field(default=(), kw_only=True)  # fields to order entries by; "-date" is highest first
    # field -> the kind whose file names it holds
    references: dict = field(default_factory=dict, hash=False, kw_only=True)
    # field -> the data file in content/ whose names it holds
    data_references: dict = field(default_factory=dict, hash=False, kw_only=True)
    # field -> "refuse" or "needs-publish-date": what a date after today means
    future_dates: dict = field(default_factory=dict, hash=False, kw_only=True)

    def __post_init__(self):
        object.__setattr__(self, "url", self.url or self.name)

    def index_src_uri(self) -> str:
        return f"{self.url}/index.md"

    @property
    def schema(self) -> dict:
        return schema(self.schema_file)

    @property
    def validator(self) -> jsonschema.protocols.Validator:
        """The full validator, which finds and describes every error."""
        return _validator(self.schema_file)

    @property
    def is_valid(self) -> Check:
        """A quick test that is True only for valid front-matter (see quickcheck)."""
        return _quick_check(self.schema_file)


PRINCIPLES = Collection("principles", "principle", "Principles", "principle.schema.json")
CASE_STUDIES = Collection("case-studies", "case study", "Case studies", "case-study.schema.json")
NEWS = Collection("news", "post", "News", "news-post.schema.json", sort=("-date", "title"),
                  references={"principles": "principles", "case_studies": "case-studies", "councils": "councils"},
                  data_references={"author": "authors.yml"}, future_dates={"date": "needs-publish-date"})
COUNCILS = Collection("councils", "council", "The network", "council.schema.json", url="network", sort=("name",),
                      references={"case_studies": "case-studies"}, future_dates={"joined": "refuse"})
COLLECTIONS = {c.name: c for c in (PRINCIPLES, CASE_STUDIES, NEWS, COUNCILS)}


@cache
def schema(file_name: str) -> dict:
    return json.loads((SCHEMA_DIR / file_name).read_text("utf-8"))


# jsonschema and referencing are imported only when a file needs a full check: importing
# them takes longer than checking a thousand valid files.


@cache
def _registry():
    import referencing
    import referencing.jsonschema

    return referencing.Registry().with_resources(
        (name, referencing.Resource.from_contents(schema(name), referencing.jsonschema.DRAFT202012))
        for name in SCHEMA_FILES
    )


@cache
def _validator(file_name: str) -> jsonschema.protocols.Validator:
    import jsonschema

    contents = schema(file_name)
    cls = jsonschema.validators.validator_for(contents)
    cls.check_schema(contents)
    return cls(contents, registry=_registry())


@cache
def _quick_check(file_name: str) -> Check:
    return compile_schema(schema(file_name), schema)


def field_schema(collection: Collection, path: tuple) -> dict:
    """The schema of the field at `path` (list positions ignored), following $refs."""
    node = collection.schema
    for part in path:
        node = _resolve(node)
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return _resolve(node)


def _resolve(node: dict) -> dict:
    ref = node.get("$ref")
    return schema(ref) if ref else node
