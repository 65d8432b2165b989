"""Turn JSON Schema errors into positioned problems a non-programmer can act on.

The schema (keepitlocal/schemas/) decides what is valid; this module only words the
verdict: which field, on which line, what is wrong, and how to put it right.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem, closest, did_you_mean, lookalike
from keepitlocal.check import placeholders
from keepitlocal.read.frontmatter import FIELDS, FrontMatter, dotted
from keepitlocal.schema.collections import Collection, field_schema, site_kinds

if TYPE_CHECKING:
    import jsonschema

_TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a group of fields", "null": "empty",
}
_YAML_BOOLEAN_WORDS = {"yes", "no", "on", "off", "true", "false", "y", "n"}


def schema_problems(path: str, collection: Collection, front_matter: FrontMatter,
                    known: dict | None = None) -> list[Problem]:
    """Every way the front-matter breaks the collection's schema, one problem each, and every
    field that still holds the template's REPLACE ME. `known` (folder name -> file names
    without .md) lets a wrong reference be answered with the names it could be."""
    unfilled = placeholders.field_problems(path, collection, front_matter)
    blank = blank_problems(path, collection, front_matter)
    if not unfilled and not blank and collection.is_valid(front_matter.data):
        return []
    problems = []
    for error in collection.validator.iter_errors(front_matter.data):
        problems.extend(error_problems(path, collection, front_matter, error, known or {}))
    # A field still saying REPLACE ME, or only spaces, is reported as that, not also as the
    # wrong kind of value.
    problems = [p for p in problems if not any(placeholders.is_under(p.field, u.field) for u in unfilled + blank)]
    problems.extend(unfilled)
    problems.extend(blank)
    # A misspelt field is one mistake, not two: drop "missing" for the field an unknown key resembles.
    meant = {_sibling(p.field, p.hint.split("'")[1]) for p in problems
             if p.message == "unknown field" and p.hint.startswith("did you mean")}
    problems = [p for p in problems if not (p.message == "required field is missing" and p.field in meant)]
    return sorted(set(problems))


def blank_problems(path: str, collection: Collection, front_matter: FrontMatter) -> list[Problem]:
    """Text that holds nothing but spaces (or is empty) counts as missing, wherever it is: it
    would publish as a blank heading, card or source."""
    problems = []
    stack = [((), front_matter.data)]
    while stack:
        where, value = stack.pop()
        if type(value) is str:
            if value.isspace() or (not value and where):
                line, col = front_matter.position(where)
                message = "is empty" if not value else "holds only spaces, so it counts as missing"
                if isinstance(where[-1], int):
                    hint = "write the item, or remove it from the list"
                else:
                    example = _example(field_schema(collection, where))
                    hint = f"write the {where[-1]}" + (f", for example: {example}" if example and "(" not in example
                                                       else "")
                    if not _is_required(collection, where):
                        hint += ", or delete the line"
                problems.append(Problem(path, line, col, dotted(where), message, hint))
        elif type(value) is dict:
            stack.extend(((*where, k), v) for k, v in value.items())
        elif type(value) is list:
            stack.extend(((*where, i), v) for i, v in enumerate(value))
    return problems


def _is_required(collection: Collection, where: tuple) -> bool:
    if not where or isinstance(where[-1], int):
        return False
    parent = field_schema(collection, where[:-1])
    return where[-1] in parent.get("required", ())


def error_problems(path, collection, front_matter, error: jsonschema.ValidationError, known: dict | None = None):
    where = tuple(error.absolute_path)
    schema = error.schema
    kind = error.validator
    instance = error.instance

    def problem(at, field_path, message, hint=""):
        line, col = at
        return Problem(path, line, col, dotted(field_path) or FIELDS, message, hint)

    if kind == "required":
        for name in error.validator_value:
            if isinstance(instance, dict) and name not in instance:
                example = _example(field_schema(collection, (*where, name)))
                hint = f"add the field {name}, as the field reference shows" if example == SEE_REFERENCE else \
                    f"add a line like  {name}: {example}" if example else f"add the field {name}"
                yield problem(_missing_field_position(front_matter, where), (*where, name),
                              "required field is missing", hint)
        return
    if kind == "additionalProperties":
        known = list(schema.get("properties", {}))
        for name in instance:
            if name not in known:
                key_path = (*where, name)
                at = front_matter.key_at.get(key_path, front_matter.position(key_path))
                yield problem(at, key_path, "unknown field",
                              did_you_mean(name, known) or f"the fields allowed here are: {', '.join(known)}")
        return

    at = front_matter.position(where)
    if kind == "type":
        known = known or {}
        target = schema.get("x-references") or field_schema(collection, where).get("x-references")
        if target and target in known and not isinstance(instance, (list, dict)):
            # principles: [5]: a reference is a file name, never a number
            label = site_kinds()[target].label if target in site_kinds() else target
            hint = f"write the file name without .md, not a number; {closest(instance, known[target], label, target)}"
        else:
            hint = _type_hint(front_matter, where, schema["type"], instance) or _example_hint(schema)
        yield problem(at, where, f"should be {_type_name(schema['type'])}, not {_describe(instance)}", hint)
    elif kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        odd = lookalike(instance, allowed)
        if odd:
            yield problem(at, where, f"{_show(instance)} {odd[0]}", odd[1])
            return
        hint = did_you_mean(instance, allowed) or f"use one of: {', '.join(allowed)}"
        yield problem(at, where, f"{_show(instance)} {schema.get('errorMessage', 'is not one of the allowed values')}",
                      hint)
    elif kind == "pattern":
        if isinstance(instance, str) and instance.strip() and any(c.isspace() for c in instance.strip()) \
                and "space" not in schema.get("errorMessage", "") \
                and _matches(error.validator_value, "".join(instance.split())):
            rule = schema.get("errorMessage", "is not in the expected form").removeprefix("must be ")
            yield problem(at, where, f"{_show(instance)} contains a space: it must be {rule}, with no spaces",
                          "remove the space; in a web address a space is written %20"
                          if "://" in instance else "remove the space")
            return
        yield problem(at, where, f"{_show(instance)} {schema.get('errorMessage', 'is not in the expected form')}",
                      _example_hint(schema))
    elif kind == "minItems":
        hint = "add one, as the field reference shows" if _example(schema) == SEE_REFERENCE else _example_hint(schema)
        yield problem(at, where, f"must list at least {error.validator_value}", hint)
    elif kind == "maxItems":
        yield _too_many(problem, front_matter, where, instance, error.validator_value)
    elif kind == "minProperties":
        yield problem(at, where, "is empty" if not instance else f"must hold at least {error.validator_value}",
                      "add one, as the field reference shows")
    elif kind == "uniqueItems":
        yield problem(at, where, f"lists {_show(_first_repeat(instance))} more than once", "remove the repeat")
    elif kind == "minLength":
        yield problem(at, where, "is empty" if not instance.strip() else
                      f"is too short (at least {error.validator_value} characters)", _example_hint(schema))
    elif kind == "maxLength":
        yield problem(at, where, f"is too long ({len(instance)} characters; at most {error.validator_value})",
                      "shorten it")
    elif kind in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        bounds = f"between {low} and {high}" if low is not None and high is not None else (
            f"at least {low}" if low is not None else f"at most {high}")
        yield problem(at, where, f"{_show(instance)} is out of range: it must be {bounds}", "")
    else:
        yield problem(at, where, error.message, "")


# The field of a list item that names it best, in this order: a figure by its number, an entry
# by its title or name, anything else by its first line of text.
_ITEM_NAMES = ("figure", "title", "name", "id", "text", "label")


def _too_many(problem, front_matter: FrontMatter, where: tuple, items: list, limit: int):
    """A list longer than its schema allows, reported at the first item past the limit: how many
    it has, how many are allowed, and the items past the limit by name and line (never the
    whole list as data)."""
    extra = len(items) - limit
    noun = str(where[-1]).replace("_", " ") if where and isinstance(where[-1], str) else "items"
    named = []
    for index in range(limit, min(len(items), limit + 5)):
        item = items[index]
        if isinstance(item, dict):
            item = next((item[k] for k in _ITEM_NAMES if isinstance(item.get(k), (str, int, float))), None)
        label = _show(item) if isinstance(item, (str, int, float)) and not isinstance(item, bool) else \
            f"item {index + 1}"
        named.append(f"{label} (line {front_matter.position((*where, index))[0]})")
    if extra > len(named):
        named.append(f"{extra - len(named)} more")
    which = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return problem(front_matter.position((*where, limit)), where,
                   f"lists {len(items)} {noun}; at most {limit} are allowed",
                   f"remove {extra}, such as the last" + (f": {which}" if extra == 1 else f" {extra}: {which}"))


def _matches(pattern: str, text: str) -> bool:

    return re.search(pattern, text) is not None


def _sibling(field: str, name: str) -> str:
    """`sources[1].publsher`, `publisher` -> `sources[1].publisher`."""
    parent = field.rsplit(".", 1)[0] if "." in field else ""
    return f"{parent}.{name}" if parent else name


def _missing_field_position(front_matter: FrontMatter, where: tuple) -> tuple[int, int]:
    """A missing field is reported at the group it belongs in: the front-matter's first line
    for top-level fields, the list item's first line for a source."""
    return front_matter.value_at.get(where, front_matter.value_at.get((), (1, 1)))


def _type_name(expected) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return " or ".join(_TYPE_NAMES.get(n, n) for n in names)


def _describe(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, list):
        return "a list"
    return "a group of fields"


def _type_hint(front_matter: FrontMatter, where: tuple, expected, instance) -> str:
    raw = front_matter.plain_text.get(where, "")
    if expected == "string" and raw.lower() in _YAML_BOOLEAN_WORDS:
        return f'YAML reads {raw} as true/false: put it in quotes, "{raw}"'
    if expected == "string" and instance is not None:
        return f'put the value in quotes, "{raw or instance}"'
    if expected == "string" and instance is None:
        return "write a value after the colon, or remove the field"
    if expected == "array" and isinstance(instance, str):
        return f"write it as a list: [{instance}]"
    if expected == "integer" and isinstance(instance, str) and instance.strip().isdigit():
        return f"write the number without quotes: {instance.strip()}"
    return ""


SEE_REFERENCE = "(see the field reference)"


def _example(schema: dict) -> str:
    examples = schema.get("examples")
    if not examples:
        return ""
    example = examples[0]
    items = example if isinstance(example, list) else [example]
    if isinstance(example, (list, dict)) and any(isinstance(v, dict) for v in items):
        return SEE_REFERENCE
    if isinstance(example, list):
        return "[" + ", ".join(map(str, example)) + "]"
    return str(example)


def _example_hint(schema: dict) -> str:
    example = _example(schema)
    if example == SEE_REFERENCE:
        return "write it as the field reference shows"
    return f"for example: {example}" if example else ""


def _show(value) -> str:
    if isinstance(value, str):
        return "'" + (value if len(value) <= 60 else value[:57] + "...") + "'"
    return json.dumps(value, default=str)[:60]


def _first_repeat(items: list):
    seen = []
    for item in items:
        if item in seen:
            return item
        seen.append(item)
    return None
