"""REPLACE ME: the words a new file from the template holds wherever something must be written.

A file made by `make new-case-study` is not valid until every REPLACE ME is gone, in the
fields and in the text, and the check says where each one still is and what belongs there.
"""

from __future__ import annotations

from keepitlocal.base.problems import Problem
from keepitlocal.read.frontmatter import FrontMatter, dotted
from keepitlocal.schema.collections import Collection, field_schema, reference_target

PLACEHOLDER = "REPLACE ME"
BODY_FIELD = "text"  # how problems in the Markdown below the front-matter are labelled


def placeholder_paths(data) -> list[tuple]:
    """Where in the front-matter a value still contains the placeholder, in file order."""
    found = []
    stack = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if PLACEHOLDER in value:
                found.append(path)
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
    return found


def field_problems(path: str, collection: Collection, front_matter: FrontMatter) -> list[Problem]:
    if front_matter.source and PLACEHOLDER not in front_matter.source:
        return []  # the common case, found without walking every value
    problems = []
    for where in placeholder_paths(front_matter.data):
        line, col = front_matter.position(where)
        problems.append(Problem(path, line, col, dotted(where), f"still says {PLACEHOLDER}",
                                what_to_write(collection, where)))
    return problems


def body_problems(path: str, body: str, body_line: int) -> list[Problem]:
    if PLACEHOLDER not in body:
        return []
    return [
        Problem(path, body_line + index, line.index(PLACEHOLDER) + 1, BODY_FIELD,
                f"the text below the fields still says {PLACEHOLDER}", "write your own text in its place")
        for index, line in enumerate(body.split("\n")) if PLACEHOLDER in line
    ]


def is_under(field: str, parent: str) -> bool:
    """`sources[1].url` is under `sources[1]` and under `sources`."""
    return field == parent or field.startswith((parent + ".", parent + "["))


def what_to_write(collection: Collection, where: tuple) -> str:
    """A hint from the schema: the allowed values, or what the field is and an example."""
    spec = field_schema(collection, where)
    if where and isinstance(where[-1], int):  # one item of a list: the list's schema says what items are
        parent = field_schema(collection, where[:-1])
        examples = parent.get("examples") or []
        first = examples[0][0] if examples and isinstance(examples[0], list) and examples[0] else None
        spec = {**parent.get("items", {}), "description": parent.get("description", ""),
                "examples": [first] if isinstance(first, (str, int)) else []}
    allowed = spec.get("enum")
    if allowed:
        return "use one of: " + ", ".join(map(str, allowed))
    target = reference_target(collection, where)
    example = _example(spec)
    if target:
        folder = f"content/{target}/"
        return f"write a file name from {folder} without .md" + (f", for example: {example}" if example else "")
    description = first_sentence(spec.get("description", ""))
    if description and example:
        return f"{description}; for example: {example}"
    return description or (f"for example: {example}" if example else "write the value")


def first_sentence(text: str) -> str:
    """The description's first sentence, without its full stop."""
    return text.split(". ")[0].strip().rstrip(".")


def _example(spec: dict) -> str:
    examples = spec.get("examples") or []
    if not examples:
        return ""
    example = examples[0]
    if isinstance(example, list):
        if any(isinstance(item, (dict, list)) for item in example):
            return ""
        return "[" + ", ".join(map(str, example)) + "]"
    if isinstance(example, bool):
        return "true" if example else "false"
    return str(example)
