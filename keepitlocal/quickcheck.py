"""A quick yes/no answer to "is this front-matter valid?", compiled from the JSON Schemas.

Almost every file a check reads is valid, and proving that with `jsonschema` costs more
than reading the file (and importing it costs more than the rest of a small check). So each
schema is compiled here into plain Python checks for the keywords our schemas use. The
answer is one-sided on purpose:

- True means the data is valid: `jsonschema` would find no error.
- False means "not shown valid": the caller then asks `jsonschema`, which decides and
  reports every error in detail.

Anything this module does not understand (a keyword, a `$ref` form, a number that is a
float) answers False, so a new rule in a schema can make the check slower but never makes
it accept a file that `jsonschema` rejects. The tests compare both on many documents.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Check = Callable[[Any], bool]

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"

# Keywords that say nothing about validity (annotations, and this project's x- extensions).
_ANNOTATIONS = {"$schema", "$comment", "$defs", "title", "description", "examples", "default", "deprecated",
                "readOnly", "writeOnly", "errorMessage"}
_SCALAR_TYPES = (str, int, bool, type(None))
_TYPE_CHECKS: dict[str, Check] = {
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int,  # not bool; a float like 2.0 is left to jsonschema
    "number": lambda v: type(v) is int or type(v) is float,
    "boolean": lambda v: type(v) is bool,
    "array": lambda v: type(v) is list,
    "object": lambda v: type(v) is dict,
    "null": lambda v: v is None,
}


def _unsure(_value: Any) -> bool:
    return False


def compile_schema(schema: Any, load: Callable[[str], dict], _cache: dict | None = None) -> Check:
    """A function that returns True only for data the schema accepts.

    `load(name)` returns the schema a `$ref` names (a file name next to this schema)."""
    cache = {} if _cache is None else _cache
    if schema is True:
        return lambda v: True
    if not isinstance(schema, dict):
        return _unsure
    if schema.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
        return _unsure
    leaf = _compile_leaf(schema)
    if leaf is not None:
        return leaf
    checks: list[Check] = []
    for keyword, value in schema.items():
        if keyword in _ANNOTATIONS or keyword.startswith("x-"):
            continue
        make = _KEYWORDS.get(keyword)
        check = make(value, schema, load, cache) if make else None
        if check is None:
            return _unsure
        checks.append(check)
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    checks_tuple = tuple(checks)

    def check_all(v) -> bool:
        for check in checks_tuple:
            if not check(v):
                return False
        return True
    return check_all


# A schema of plain values (no lists or groups inside) is compiled into one expression, which
# is several times quicker than a function per keyword: these are most of a file's fields.
_LEAF_KEYWORDS = {"type", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum"}
_TYPE_TESTS = {
    "string": "type(v) is str", "integer": "type(v) is int", "number": "(type(v) is int or type(v) is float)",
    "boolean": "type(v) is bool", "null": "v is None",
}
_APPLIES_TO = {"pattern": "string", "minLength": "string", "maxLength": "string", "minimum": "number",
               "maximum": "number"}


def _compile_leaf(schema: dict) -> Check | None:
    """One expression for a schema made only of the keywords above, or None."""
    rules = {k: v for k, v in schema.items() if k not in _ANNOTATIONS and not k.startswith("x-")}
    if not rules or not set(rules) <= _LEAF_KEYWORDS:
        return None
    types = rules.get("type")
    types = [types] if isinstance(types, str) else types
    if types is not None and not (isinstance(types, list) and all(t in _TYPE_TESTS for t in types)):
        return None
    namespace: dict = {"_SCALAR_TYPES": _SCALAR_TYPES}
    terms = []
    if types is not None:
        terms.append("(" + " or ".join(_TYPE_TESTS[t] for t in types) + ")")
    only = types[0] if types is not None and len(types) == 1 else None
    if "integer" == only:
        only = "number"  # integers are numbers for minimum and maximum
    if "enum" in rules:
        allowed = rules["enum"]
        if not isinstance(allowed, list) or not all(type(item) in _SCALAR_TYPES for item in allowed):
            return None
        namespace["ALLOWED"] = frozenset((type(item), item) for item in allowed)
        terms.append("(type(v) in _SCALAR_TYPES and (type(v), v) in ALLOWED)")
    for keyword, value in rules.items():
        if keyword not in _APPLIES_TO:
            continue
        applies = _APPLIES_TO[keyword]
        if keyword == "pattern":
            namespace["SEARCH"] = re.compile(value).search
            condition = "SEARCH(v) is not None"
        elif type(value) not in ((int,) if keyword.endswith("Length") else (int, float)) or value != value \
                or value in (float("inf"), float("-inf")):
            return None  # not a plain finite number: leave it to jsonschema
        elif keyword.endswith("Length"):
            condition = f"len(v) {'>=' if keyword == 'minLength' else '<='} {value!r}"
        else:
            condition = f"v {'>=' if keyword == 'minimum' else '<='} {value!r}"
        if only == applies:
            terms.append(condition)  # the type test before it has already made sure
        elif only is None:
            guard = "type(v) is str" if applies == "string" else "(type(v) is int or type(v) is float)"
            terms.append(f"(not {guard} or {condition})")
        # else: the keyword cannot apply to the only type allowed, and says nothing
    return eval("lambda v: " + " and ".join(terms), namespace)  # noqa: S307 -- built above from the schema's numbers


def _type(value, schema, load, cache) -> Check | None:
    names = value if isinstance(value, list) else [value]
    if not all(name in _TYPE_CHECKS for name in names):
        return None
    checks = [_TYPE_CHECKS[name] for name in names]
    return checks[0] if len(checks) == 1 else (lambda v: any(check(v) for check in checks))


def _enum(value, schema, load, cache) -> Check | None:
    if not isinstance(value, list) or not all(type(item) in _SCALAR_TYPES for item in value):
        return None
    allowed = {(type(item), item) for item in value}
    return lambda v: type(v) in _SCALAR_TYPES and (type(v), v) in allowed


def _pattern(value, schema, load, cache) -> Check | None:
    search = re.compile(value).search
    return lambda v: type(v) is not str or search(v) is not None


def _length(bound: str):
    def make(value, schema, load, cache) -> Check | None:
        if type(value) is not int:
            return None
        if bound == "min":
            return lambda v: type(v) is not str or len(v) >= value
        return lambda v: type(v) is not str or len(v) <= value
    return make


def _number_bound(bound: str):
    def make(value, schema, load, cache) -> Check | None:
        if type(value) not in (int, float):
            return None
        if bound == "min":
            return lambda v: not (type(v) is int or type(v) is float) or v >= value
        return lambda v: not (type(v) is int or type(v) is float) or v <= value
    return make


def _items_count(bound: str):
    def make(value, schema, load, cache) -> Check | None:
        if type(value) is not int:
            return None
        if bound == "min":
            return lambda v: type(v) is not list or len(v) >= value
        return lambda v: type(v) is not list or len(v) <= value
    return make


def _unique_items(value, schema, load, cache) -> Check | None:
    if value is not True:
        return (lambda v: True) if value is False else None
    # Only lists of text are decided here; anything else (1 and True, 1 and 1.0) goes to jsonschema.
    def check_unique(v) -> bool:
        if type(v) is not list:
            return True
        for item in v:
            if type(item) is not str:
                return False
        return len(set(v)) == len(v)
    return check_unique


def _items(value, schema, load, cache) -> Check | None:
    if "prefixItems" in schema:
        return None
    check = compile_schema(value, load, cache)

    def check_items(v) -> bool:
        if type(v) is list:
            for item in v:
                if not check(item):
                    return False
        return True
    return check_items


def _required(value, schema, load, cache) -> Check | None:
    if not isinstance(value, list):
        return None
    names = frozenset(value)
    return lambda v: type(v) is not dict or names.issubset(v)


def _properties(value, schema, load, cache) -> Check | None:
    if not isinstance(value, dict) or "patternProperties" in schema:
        return None
    checks = {name: compile_schema(sub, load, cache) for name, sub in value.items()}
    extra = schema.get("additionalProperties", True)
    extra_check = None if extra is True else (_unsure if extra is False else compile_schema(extra, load, cache))

    def check(v) -> bool:
        if type(v) is not dict:
            return True
        for name, item in v.items():
            known = checks.get(name)
            if known is not None:
                if not known(item):
                    return False
            elif extra_check is not None and not extra_check(item):
                return False
        return True
    return check


def _additional_properties(value, schema, load, cache) -> Check | None:
    if "properties" in schema:
        return lambda v: True  # checked together with `properties`
    return _properties({}, {**schema, "properties": {}}, load, cache)


def _ref(value, schema, load, cache) -> Check | None:
    if not isinstance(value, str) or "#" in value or "/" in value:
        return None
    if value not in cache:
        cache[value] = _unsure  # a reference cycle stays unsure rather than recursing forever
        cache[value] = compile_schema(load(value), load, cache)
    return lambda v: cache[value](v)


def _if(value, schema, load, cache) -> Check | None:
    """`if` a field equals a value `then` more rules: only the narrow form
    {"properties": {field: {"const": X}}, "required": [field]}, whose failure is certain
    (the field is missing or holds another value). Anything else is left to jsonschema."""
    if "else" in schema or not isinstance(value, dict) or set(value) != {"properties", "required"}:
        return None
    props, required = value["properties"], value["required"]
    if not (isinstance(props, dict) and len(props) == 1 and required == list(props)):
        return None
    (name, condition), = props.items()
    if not (isinstance(condition, dict) and set(condition) == {"const"}
            and type(condition["const"]) in _SCALAR_TYPES and type(condition["const"]) is not bool):
        return None
    wanted = condition["const"]
    then = compile_schema(schema.get("then", True), load, cache)

    def check(v) -> bool:
        if type(v) is not dict or name not in v or type(v[name]) is not type(wanted) or v[name] != wanted:
            return True
        return then(v)
    return check


def _then(value, schema, load, cache) -> Check | None:
    return (lambda v: True) if "if" in schema else None  # checked together with `if`


def _property_names(value, schema, load, cache) -> Check | None:
    names = compile_schema(value, load, cache)
    return lambda v: type(v) is not dict or all(names(k) for k in v)


def _min_properties(value, schema, load, cache) -> Check | None:
    if type(value) is not int:
        return None
    return lambda v: type(v) is not dict or len(v) >= value


_KEYWORDS = {
    "propertyNames": _property_names,
    "minProperties": _min_properties,
    "if": _if,
    "then": _then,
    "type": _type,
    "enum": _enum,
    "pattern": _pattern,
    "minLength": _length("min"),
    "maxLength": _length("max"),
    "minimum": _number_bound("min"),
    "maximum": _number_bound("max"),
    "minItems": _items_count("min"),
    "maxItems": _items_count("max"),
    "uniqueItems": _unique_items,
    "items": _items,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional_properties,
    "$ref": _ref,
}
