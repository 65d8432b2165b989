"""New content files, made from the schema: `make new-case-study TITLE="Wirral community hubs"`.

The file has every field of its collection, each under a short note saying what it is (from
the schema's description) and what to write; required fields hold REPLACE ME, optional ones
are notes to remove the # from. It starts as a draft, so nothing is published by accident,
and `make check` fails, naming each REPLACE ME, until every one is filled in.
"""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import yaml

from keepitlocal.base.project import read_project
from keepitlocal.base.text import slugify
from keepitlocal.check.placeholders import PLACEHOLDER
from keepitlocal.model.site import CONTENT_DIR, RESERVED_SLUGS
from keepitlocal.schema.collections import Collection, collections_for, schema, site_kinds
from keepitlocal.schema.reference import (
    REFERENCE_SRC_URI,
    REFERENCE_URL,
    SCHEMAS_URL,
    allowed_values,
    example,
    fields,
    kind,
    kind_of_value,
    markdown,
    schema_files,
    yaml_field,
)


def kinds(root: Path | str) -> dict[str, Collection]:
    """What `new` can make in a project, by the word commands use: `case-study`, `principle`, ...
    Raises collections.DeclarationError for a mistake in a declaration of kinds."""
    return {kind(collection): collection for collection in collections_for(root).values()}
WIDTH = 92

# The field that keeps a new file out of the published site until it is ready.
DRAFT_FIELD = "draft"


class ScaffoldError(Exception):
    """Something a person can put right; the message says how."""


def new_file(root: Path | str, collection: Collection, title: str, today: datetime.date | None = None) -> Path:
    """Write content/<collection>/<slug>.md from the template; never overwrites a file."""
    root = Path(root)
    title = " ".join(title.split())
    make = f'make new-{kind(collection)} TITLE="{example_title(collection)}"'
    if not title:
        raise ScaffoldError(f"Give the new {collection.label} a title, for example:  {make}")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"The title {title!r} has no letters or numbers to make a file name from; "
                            f"use words, for example:  {make}")
    if slug in RESERVED_SLUGS:
        raise ScaffoldError(f"'{slug}' is reserved for the list of {collection.label_plural.lower()}; "
                            "choose another title")
    folder = root / CONTENT_DIR / collection.name
    if not (root / CONTENT_DIR).is_dir():
        raise ScaffoldError(f"There is no {CONTENT_DIR}/ folder in {root}: run this in the project folder")
    path = folder / f"{slug}.md"
    rel = path.relative_to(root).as_posix()
    if path.exists():
        raise ScaffoldError(f"{rel} already exists, so nothing was written. Edit that file, "
                            "or choose a different title.")
    address = read_project(root).site_url
    text = template(collection, title, today or datetime.date.today(),
                    reference=address + REFERENCE_URL if address else "", known=_known_slugs(root),
                    collections=collections_for(root))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:  # "x": fail rather than overwrite
            file.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{rel} already exists, so nothing was written.") from None
    return path


def example_title(collection: Collection) -> str:
    if collection.example_title:
        return collection.example_title
    return str(example(collection.schema.get("properties", {}).get(title_field(collection), {})) or "A short title")


def title_field(collection: Collection) -> str:
    """The field that names an entry: `title`, or `name` for a council."""
    return next((f for f in ("title", "name") if f in collection.schema.get("properties", {})), "title")


def _known_slugs(root: Path) -> dict[str, list[str]]:
    """The entries that exist, by collection, for notes on fields that name them."""
    return {name: sorted(p.stem for p in (root / CONTENT_DIR / name).glob("*.md") if not p.name.startswith("_"))
            for name in collections_for(root)}


def template(collection: Collection, title: str | None, today: datetime.date | None, *, reference: str = "",
             known: dict[str, list[str]] | None = None, collections: dict[str, Collection] | None = None) -> str:
    """The new file's text. Without a title or a date, those fields say REPLACE ME too.
    `known`: file names by kind, listed in notes on fields that name entries."""
    known = known or {}
    collections = collections or site_kinds()
    label = collection.label
    filled = {DRAFT_FIELD: True}
    if title is not None:
        filled[title_field(collection)] = title
        # A field marked `"x-fill": "title-slug"` starts as the title's file name (an event's
        # permanent id): unique like the file name, and kept when the file is renamed.
        for name, spec in collection.schema.get("properties", {}).items():
            if spec.get("x-fill") == "title-slug":
                filled[name] = slugify(title)
    if today is not None:
        filled.update({name: today.isoformat() for name in ("date_added", "date")
                       if name in collection.schema.get("properties", {})})
    lines = ["---"]
    lines += _comment(
        f"A new {label}. Replace every {PLACEHOLDER} below, and the text under the closing ---. "
        f"Lines starting with # are notes for you: they are never published, and you may delete them.")
    lines += _comment(
        "To check your work: open a pull request (the check marks each mistake on its line), "
        "or run  make check  on your computer.")
    if DRAFT_FIELD in collection.schema.get("properties", {}):
        lines += _comment(f"The page stays out of the published site while it says {DRAFT_FIELD}: true. "
                          f"When it is ready, change that to {DRAFT_FIELD}: false.")
    if reference:
        lines += _comment(f"Every field is explained at {reference}")
    for field in fields(collection.schema):
        lines.append("")
        spec = field.spec
        target = collections.get(collection.references.get(field.name, ""))
        lines += _comment(spec.get("description", ""))
        if field.name in filled:
            lines += _field_notes(spec, field.required, known, show_example=False, target=target)
            lines += yaml_field(field.name, filled[field.name])
        elif field.required:
            lines += _field_notes(spec, True, known, show_example=True, target=target)
            lines += _placeholder_lines(field.name, spec, collection)
        else:
            lines += _field_notes(spec, False, known, show_example=False, target=target)
            lines += _comment("Optional: to use it, remove the # at the start of the next line and change the value.")
            value = example(spec)
            lines += ["# " + line for line in yaml_field(field.name, value if value is not None else PLACEHOLDER)]
    lines += ["---", ""]
    lines += _wrap(
        f"{PLACEHOLDER} with the {label}, in Markdown: a few paragraphs, with a ## heading before each part "
        "(for example ## What happened, ## What changed, ## Why it matters). The fact box and the numbered "
        "list of sources are made from the fields above, so they do not need repeating here.", WIDTH)
    return "\n".join(lines) + "\n"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)


TEMPLATES_SRC_URI = "staff/templates.md"


def templates_markdown(reference: str = "", collections: dict[str, Collection] | None = None) -> str:
    """A page with each collection's template, to copy into a new file on github.com."""
    parts = [
        ("Each template below has every field, with a note on what to write. To start a new file on "
         "github.com, copy the whole template (the button at its top right copies it), paste it into the "
         "new file, then replace every REPLACE ME. The [staff guide](index.md) goes through it "
         "step by step; the [field reference](field-reference.md) explains every field."),
        "",
    ]
    collections = collections or site_kinds()
    for collection in collections.values():
        parts += [f"## {collection.label.capitalize()} template {{#{kind(collection)}-template}}", ""]
        parts += [(f"Save it as a new file in `content/{collection.name}/`, named after the title in lowercase "
                   "words joined by hyphens, ending in `.md`; for example "
                   f"`content/{collection.name}/{slugify(example_title(collection))}.md`."), ""]
        text = template(collection, None, None, reference=reference, collections=collections)
        parts += ["    " + line if line else "" for line in text.rstrip("\n").split("\n")]
        parts.append("")
    return "\n".join(parts)


def _comment(text: str) -> list[str]:
    return ["# " + line for line in _wrap(text, WIDTH - 2)] if text else []


def _field_notes(spec: dict, required: bool, known: dict, show_example: bool,
                 target: Collection | None = None) -> list[str]:
    allowed = allowed_values(spec)
    if "enum" in spec:
        what = "One of: " + ", ".join(map(str, allowed)) + "."
    else:
        what = kind_of_value(spec, target) + "."
        if allowed:
            what += " Allowed values: " + ", ".join(map(str, allowed)) + "."
    notes = ("Required. " if required else "") + what
    if target is not None and known.get(target.name):
        notes += f" Names you can use: {', '.join(known[target.name])}."
    lines = _comment(notes)
    value = example(spec)
    if show_example and value is not None and not _is_list_of_groups(value):
        lines += _comment("Example: " + yaml_field("x", value)[0].removeprefix("x: "))
    return lines


def _placeholder_lines(name: str, spec: dict, collection: Collection) -> list[str]:
    if spec.get("type") != "array":
        return [f"{name}: {PLACEHOLDER}"]
    item = spec.get("items", {})
    if "$ref" not in item:
        return [f"{name}: [{PLACEHOLDER}]"]
    # A list of groups of fields (sources): one item to copy, its required fields to fill in.
    group = schema(item["$ref"], collection.schema_dir)
    lines = _comment(f"One item per {group['title'].lower()}, each starting with '- '. To add another, copy "
                     "the lines from '- ' down and paste them below, lined up the same way.")
    lines.append(f"{name}:")
    first = True
    for sub in fields(group):
        lead = "  - " if first else "    "
        if sub.required:
            lines.append(f"{lead}{sub.name}: {PLACEHOLDER}")
            first = False
    for sub in fields(group):
        if not sub.required:
            value = example(sub.spec)
            lines.append(f"    # Optional: {kind_of_value(sub.spec)}. To use it, remove the # on the next line.")
            lines.append(f"    # {yaml_field(sub.name, value if value is not None else PLACEHOLDER)[0]}")
    return lines


def _is_list_of_groups(value) -> bool:
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def staff_files(collections: dict[str, Collection], site_url: str = "") -> dict[str, str]:
    """What staff need that is made from the schemas, by its path in the site: the field
    reference page and the templates page (Markdown with their title and description at the
    top), and the schema files themselves under schemas/, for editors and other tools."""


    reference_address = site_url.rstrip("/") + "/" + REFERENCE_URL if site_url else ""
    pages = {
        REFERENCE_SRC_URI: ("Field reference",
                            ("Every field of a Keep it Local content file: required or optional, what to write, "
                             "the allowed values and an example."),
                            markdown(collections)),
        TEMPLATES_SRC_URI: ("Templates for new pages",
                            "Templates to copy when adding a case study or a principle on github.com.",
                            templates_markdown(reference_address, collections)),
    }
    files = {}
    for src_uri, (title, description, text) in pages.items():
        # for_staff: the site's search leaves the page out (overrides/main.html), as for the staff guide.
        meta = yaml.safe_dump({"title": title, "description": description, "for_staff": True}, sort_keys=False,
                              allow_unicode=True)
        files[src_uri] = f"---\n{meta}---\n\n{text}"
    files.update({f"{SCHEMAS_URL}{name}": text for name, text in schema_files(collections).items()})
    return files
