"""The field reference for staff, and the words that describe a field, made from the schemas.

Nothing about a field is written here: its name, whether it is required, what kind of value
it takes, the allowed values, an example and the description all come from
keepitlocal/schemas/. A field added to a schema appears on the page and in the template.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape

from keepitlocal.read.frontmatter import plain_value
from keepitlocal.schema.collections import (
    DATA_SCHEMA_FILES,
    HAND_WRITTEN,
    INDEX_FILE,
    INDEX_TEXT,
    SCHEMA_DIR,
    SHARED_SCHEMA_FILES,
    SITE_WORDS,
    SITE_WORDS_FILE,
    Collection,
    schema,
    site_kinds,
)

# The staff pages (the guide, this reference, the templates) live under /staff/, out of readers' way:
# marked noindex and left out of the sitemap and the public footer.
STAFF_FOLDER = "staff/"
REFERENCE_SRC_URI = "staff/field-reference.md"
REFERENCE_URL = "staff/field-reference/"
SCHEMAS_URL = "schemas/"
# Kinds in the order they are declared: the order staff most often need them.


@dataclass(frozen=True)
class Field:
    name: str
    spec: dict
    required: bool


def fields(schema_doc: dict) -> list[Field]:
    required = set(schema_doc.get("required", []))
    return [Field(name, spec, name in required) for name, spec in schema_doc.get("properties", {}).items()]


def referenced_schemas(schema_doc: dict) -> list[str]:
    """File names of the schemas a schema's fields point to with $ref (e.g. a list of sources)."""
    found = []
    for spec in schema_doc.get("properties", {}).values():
        for node in (spec, spec.get("items", {})):
            ref = node.get("$ref")
            if ref and ref not in found:
                found.append(ref)
    return found


def new_command(collection: Collection) -> str:
    return f'make new-{kind(collection)} TITLE="..."'


def kind(collection: Collection) -> str:
    """`case-study`, `principle`: how commands name one entry of a collection."""
    return collection.kind


# Describing a value in words


def allowed_values(spec: dict) -> list:
    items = spec.get("items", {}) if spec.get("type") == "array" else {}
    return list(spec.get("enum") or items.get("enum") or [])


def kind_of_value(spec: dict, target: Collection | None = None) -> str:
    """`Text, 3 to 120 characters`, `A whole number from 1990 to 2100`, ...; `target`: the kind
    a reference field names."""
    if "$ref" in spec:
        return f"A group of fields: see {schema(spec['$ref'])['title']} fields"
    if "enum" in spec:
        return "One of the allowed values"
    kind = spec.get("type")
    if spec.get("errorMessage"):
        words = spec["errorMessage"].removeprefix("must be ")
        return words[0].upper() + words[1:]
    if kind == "string" and target is not None:
        return f"A {target.label} name: a file name in content/{target.name}/ without .md"
    if kind == "string":
        return "Text" + _bounds(spec.get("minLength"), spec.get("maxLength"), "characters", ", ")
    if kind == "integer":
        return "A whole number" + _bounds(spec.get("minimum"), spec.get("maximum"), "", " ")
    if kind == "boolean":
        return "Either true or false"
    if kind == "array":
        items = spec.get("items", {})
        if "$ref" in items:
            title = schema(items["$ref"])["title"]
            what = f"A list of {title.lower()}s, each a group of fields"
        elif "enum" in items:
            what = "A list of values from the allowed list"
        elif target is not None:
            what = (f"A list of {target.label} names: file names in content/{target.name}/ without .md")
        elif items.get("type") == "string":
            what = "A list of text items" + _bounds(items.get("minLength"), items.get("maxLength"), "characters",
                                                    ", each ")
        else:
            what = "A list"
        rules = []
        if spec.get("minItems"):
            rules.append(f"at least {spec['minItems']}")
        if spec.get("uniqueItems"):
            rules.append("no repeats")
        return what + (f" ({', '.join(rules)})" if rules else "")
    return "A value"


def _bounds(low, high, unit: str, joiner: str) -> str:
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{joiner}{'from ' if not unit else ''}{low} to {high}{unit}"
    if low is not None:
        return f"{joiner}{'at least ' if unit else ''}{low}{unit}{'' if unit else ' or more'}"
    if high is not None:
        return f"{joiner}at most {high}{unit}"
    return ""


def example(spec: dict):
    """The schema's first example, or None."""
    examples = spec.get("examples") or []
    return examples[0] if examples else None


# Writing values as YAML, the way a person would


_PLAIN_FIRST_NOT = set("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_NOT = set(",[]{}:#")


def yaml_scalar(value, flow: bool = False) -> str:
    """A value on one line, unquoted where YAML reads it back as the same text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _plain_is_safe(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML string


def _plain_is_safe(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_FIRST_NOT or not text.isprintable():
        return False
    if ": " in text or " #" in text or text.endswith(":") or (flow and _FLOW_NOT & set(text)):
        return False
    try:
        return plain_value(text) == text and isinstance(plain_value(text), str)
    except ValueError:
        return False


def yaml_field(name: str, value, indent: str = "") -> list[str]:
    """`name: value` as YAML lines: lists of plain values in [ ], lists of groups as `- ` items,
    a group as its fields indented under the name, at any depth (a figure's source is a group in
    an item of a list)."""
    if value == {}:
        return [f"{indent}{name}: {{}}"]
    if isinstance(value, dict):
        return [f"{indent}{name}:",
                *(line for key, sub in value.items() for line in yaml_field(key, sub, indent + "  "))]
    if isinstance(value, list) and any(isinstance(item, dict) for item in value):
        lines = [f"{indent}{name}:"]
        inner = indent + "    "
        for item in value:
            item_lines = [line for key, sub in item.items() for line in yaml_field(key, sub, inner)]
            lines += [indent + "  - " + item_lines[0][len(inner):], *item_lines[1:]]
        return lines
    if isinstance(value, list):
        return [f"{indent}{name}: [" + ", ".join(yaml_scalar(item, flow=True) for item in value) + "]"]
    return [f"{indent}{name}: {yaml_scalar(value)}"]


# The page


def markdown(collections: dict[str, Collection] | None = None) -> str:
    """The field reference page: each kind's fields (the site's, or `collections`), then the
    groups of fields they use."""
    parts = [
        ("Every field a content file can have. This page is made from the same schemas the check "
         "uses, so it always matches what `make check` and the pull-request check accept. "
         "How to add and publish a case study is in the [staff guide](index.md)."),
        "",
    ]
    collections = collections or site_kinds()
    sections = []
    sub_schemas: dict[str, dict] = {}
    for collection in collections.values():
        doc = collection.schema
        anchor = kind(collection)
        sections.append((anchor, doc["title"], doc, collection))
        for ref in referenced_schemas(doc):
            sub_schemas.setdefault(ref, schema(ref, collection.schema_dir))
    for other in (INDEX_TEXT, SITE_WORDS, HAND_WRITTEN):  # the other files, checked the same way
        sections.append((kind(other), other.schema["title"], other.schema, other))
        for ref in referenced_schemas(other.schema):
            sub_schemas.setdefault(ref, schema(ref))
    # whole YAML files: the authors and the briefing in content/, the site's settings (mkdocs.yml)
    for name in (*DATA_SCHEMA_FILES, "settings.schema.json"):
        doc = schema(name)
        sections.append((doc["title"].lower().replace(" ", "-"), doc["title"], doc, None))
        for ref in referenced_schemas(doc):
            sub_schemas.setdefault(ref, schema(ref))
    for doc in sub_schemas.values():
        sections.append((doc["title"].lower().replace(" ", "-"), doc["title"], doc, None))
    parts.append("\n".join(f"- [{escape(title)} fields](#{anchor}-fields)" for anchor, title, _, _ in sections))
    parts.append("")
    for anchor, title, doc, collection in sections:
        parts.append(f"## {escape(title)} fields {{#{anchor}-fields}}")
        parts.append("")
        intro = _text(doc.get("description", ""))
        if collection is INDEX_TEXT:
            intro += (f" Each content folder may have one `{INDEX_FILE}`; without it, the page is called after "
                      "the folder and has no introduction.")
        elif collection is SITE_WORDS:
            intro += f" There is one such file, `content/{SITE_WORDS_FILE}`."
        elif collection is HAND_WRITTEN:
            intro += " Any other field is refused."
        elif collection is not None:
            intro += f" A new one, with every field ready to fill in: `{new_command(collection)}`."
        if collection is not None:
            intro += f" Machine-readable schema: [{collection.schema_file}](../{SCHEMAS_URL}{collection.schema_file})."
        parts.extend([intro, ""])
        for field in fields(doc):
            target = collection.references.get(field.name) if collection is not None else None
            parts.extend(_field_section(anchor, field, collections.get(target)))
    return "\n".join(parts).rstrip() + "\n"


def _field_section(anchor: str, field: Field, target: Collection | None = None) -> list[str]:
    spec = field.spec
    lines = [f"### `{field.name}` {{#{anchor}-{field.name.replace('_', '-')}}}", ""]
    status = "**Required.**" if field.required else "*Optional.*"
    lines.extend([f"{status} {_text(kind_of_value(spec, target))}.", ""])
    if spec.get("description"):
        lines.extend([_text(spec["description"]), ""])
    allowed = allowed_values(spec)
    if allowed:
        labels = spec.get("x-labels", {})
        values = ", ".join(f"`{value}`" + (f" ({_text(labels[value])})" if value in labels else "")
                           for value in allowed)
        lines.extend([f"Allowed values: {values}.", ""])
    value = example(spec)
    if value is not None:
        lines.extend(["Example:", ""])
        lines.extend("    " + line for line in yaml_field(field.name, value))
        lines.append("")
    return lines


def _text(text: str) -> str:
    """Schema text as Markdown that shows exactly as written."""
    text = escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def schema_files(collections: dict[str, Collection] | None = None) -> dict[str, str]:
    """Every schema as published in the site (under schemas/), for editors and other tools:
    each kind's, then the ones they share."""

    files = {c.schema_file: c.schema_dir / c.schema_file for c in (collections or site_kinds()).values()}
    files.update({name: SCHEMA_DIR / name for name in SHARED_SCHEMA_FILES})
    files.update({p.name: p for p in sorted(SCHEMA_DIR.glob("*.schema.json")) if p.name not in files})
    return {name: path.read_text("utf-8") for name, path in files.items()}
