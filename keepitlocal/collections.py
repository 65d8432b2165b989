"""The content collections: which folder holds what, checked against which schema.

This is the one place that says what content exists. Everything else (loading, pages,
the field reference, editor settings) reads it from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    import jsonschema

SCHEMA_DIR = Path(__file__).with_name("schemas")

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
        """The full validator, which finds and describes every error."""
        return _validator(self.schema_file)

    @property
    def is_valid(self) -> Callable[[object], bool]:
        """A quick yes/no test of validity: the schema compiled by fastjsonschema. Only when it
        says no is the full validator asked which errors there are."""
        return _quick_check(self.schema_file)


PRINCIPLES = Collection("principles", "principle", "Principles", "principle.schema.json")
CASE_STUDIES = Collection("case-studies", "case study", "Case studies", "case-study.schema.json")
COLLECTIONS = {c.name: c for c in (PRINCIPLES, CASE_STUDIES)}


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


# Keywords whose meaning draft 7 (what fastjsonschema implements) and draft 2020-12 (what the
# schemas declare, and jsonschema reads) share; the schemas use no others (a test holds them to it).
SHARED_KEYWORDS = frozenset({
    "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
    "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "items", "contains", "required",
    "properties", "additionalProperties", "patternProperties", "propertyNames", "minProperties",
    "maxProperties", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref",
})
ANNOTATION_KEYWORDS = frozenset({"$schema", "$comment", "title", "description", "examples", "default",
                                 "readOnly", "writeOnly", "errorMessage"})


@cache
def _quick_check(file_name: str) -> Callable[[object], bool]:
    import fastjsonschema

    validate = fastjsonschema.compile(inline_refs(schema(file_name)), use_default=False, detailed_exceptions=False)
    invalid = fastjsonschema.JsonSchemaException

    def is_valid(data) -> bool:
        try:
            validate(data)
        except invalid:
            return False
        return True
    return is_valid


def inline_refs(node, load=None):
    """A copy of a schema with each `$ref` to a schema file replaced by that file's schema
    (`load(name)`, by default from the site's schemas):
    fastjsonschema resolves no relative reference by itself. A `$ref` beside other keywords
    (which draft 2020-12 applies together, and draft 7 would ignore) becomes an allOf."""
    load = load or schema
    if isinstance(node, list):
        return [inline_refs(item, load) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    copied = {key: inline_refs(value, load) for key, value in node.items() if key not in ("$ref", "$schema")}
    if not isinstance(ref, str):
        return copied
    target = inline_refs(load(ref), load)
    rules = {key: value for key, value in copied.items() if key not in ANNOTATION_KEYWORDS}
    return {"allOf": [target, copied]} if rules else target


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
