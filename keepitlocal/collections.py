"""The content collections: which folder holds what, checked against which schema.

This is the one place that says what content exists. Everything else (loading, pages,
the field reference, editor settings) reads it from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jsonschema
import referencing

SCHEMA_FILES = ("principle.schema.json", "case-study.schema.json", "source.schema.json")


@dataclass(frozen=True)
class Collection:
    name: str  # the folder under content/, and the address prefix of its pages
    label: str  # what a reader calls one entry
    label_plural: str
    schema_file: str

    @property
    def schema(self) -> dict:
        return schema(self.schema_file)

    @property
    def validator(self) -> jsonschema.protocols.Validator:
        return _validator(self.schema_file)


PRINCIPLES = Collection("principles", "principle", "Principles", "principle.schema.json")
CASE_STUDIES = Collection("case-studies", "case study", "Case studies", "case-study.schema.json")
COLLECTIONS = {c.name: c for c in (PRINCIPLES, CASE_STUDIES)}


@cache
def schema(file_name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath("schemas").joinpath(file_name).read_text("utf-8"))


@cache
def _registry() -> referencing.Registry:
    return referencing.Registry().with_resources(
        (name, referencing.Resource.from_contents(schema(name), referencing.jsonschema.DRAFT202012))
        for name in SCHEMA_FILES
    )


@cache
def _validator(file_name: str) -> jsonschema.protocols.Validator:
    contents = schema(file_name)
    cls = jsonschema.validators.validator_for(contents)
    cls.check_schema(contents)
    return cls(contents, registry=_registry())


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
