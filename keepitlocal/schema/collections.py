"""The kinds of content ("collections"), declared as data.

`keepitlocal/collections.yml` declares the site's kinds: for each, its folder under content/,
its labels, its JSON Schema, its templates, which fields name other entries, which hold
values unique to one file, how entries sort, whether it has pages, its address, and whether
it is published as open data. A project may declare more kinds of its own in a
`collections.yml` beside its mkdocs.yml (schemas in `schemas/`, templates in `templates/`
beside it), added to the site's. Loading, checks, pages, the scaffold, the field reference,
open data and edit links read the declarations from here; nothing else names a kind.

    collections_for(root)  every kind a project has, by name, in declaration order
    site_kinds()           the site's own kinds (keepitlocal/collections.yml), read on first use
    site_kind(name)        one of them: site_kind("case-studies")
"""

from __future__ import annotations

import json
import re
from dataclasses import KW_ONLY, dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from keepitlocal.base.problems import Problem
from keepitlocal.read.frontmatter import dotted, read_data_file

if TYPE_CHECKING:
    from collections.abc import Callable

    import jsonschema

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"
TEMPLATE_DIR = Path(__file__).parent.parent / "templates"
DECLARATION = Path(__file__).parent.parent / "collections.yml"
DECLARATION_SCHEMA = Path(__file__).parent.parent / "collections.schema.json"
# A project's own kinds, beside its mkdocs.yml, with their schemas and templates beside it.
PROJECT_DECLARATION = "collections.yml"
PROJECT_SCHEMA_DIR = "schemas"
PROJECT_TEMPLATE_DIR = "templates"

# Schemas that are not a kind's own but are shared by several (a list of sources).
SHARED_SCHEMA_FILES = ("source.schema.json",)
# Schemas of whole YAML files in content/ (not kinds of content): the authors, the briefing.
DATA_SCHEMA_FILES = ("authors.schema.json", "briefing.schema.json")
# Content files that are not entries, checked like them: a folder's _index.md (the words of
# its index page) and content/site.yml (the site-wide words and links).
INDEX_FILE = "_index.md"
SITE_WORDS_FILE = "site.yml"


@dataclass(frozen=True, eq=False)
class Collection:
    """One kind of content, as declared. Compare kinds by `name`."""

    name: str  # the folder under content/
    label: str  # what a reader calls one entry: "case study"
    label_plural: str  # a heading for several: "Case studies"
    schema_file: str  # its JSON Schema, a file name in `schema_dir`
    _: KW_ONLY
    schema_dir: Path = SCHEMA_DIR
    kind: str = ""  # how commands name one entry: `make new-case-study`; from the label if not given
    url: str = ""  # the address prefix of its pages, without slashes; the name if not given
    pages: bool = True  # whether each entry gets a page, and the kind an index page
    sort: tuple = ()  # fields to order entries by; "-year" is highest first; ties by file name
    references: dict = field(default_factory=dict)  # field -> the kind whose file names it holds
    unique: tuple = ()  # fields whose value may be used by one file only
    templates: dict = field(default_factory=dict)  # page, index: template names (see pages.py)
    example_title: str = ""  # the title shown in `make new-...` examples
    open_data: bool = False  # published as <name>.json and <name>.csv
    feed: bool = False  # new entries published in the Atom feed
    behaviour: str = ""  # what the kind does beyond its schema and templates, registered under this name
    template_dirs: tuple = (TEMPLATE_DIR,)  # where its templates are looked for, in order
    data_references: dict = field(default_factory=dict)  # field -> the data file in content/ whose names it holds
    future_dates: dict = field(default_factory=dict)  # field -> "refuse" or "needs-publish-date" (see checks.py)

    def __post_init__(self):
        object.__setattr__(self, "kind", self.kind or self.label.replace(" ", "-"))
        object.__setattr__(self, "url", self.url or self.name)

    @property
    def schema(self) -> dict:
        """Its JSON Schema, with what the declaration says about fields added as annotations for
        tools that read schemas (the editor): `x-references` on each reference field (on its
        items, for a list), `x-unique` on each unique field. Schema files never hold these."""
        return _annotated_schema(self.schema_dir / self.schema_file, tuple(self.references.items()), self.unique)

    @property
    def fields(self) -> list[str]:
        return list(self.schema.get("properties", {}))

    @property
    def validator(self) -> jsonschema.protocols.Validator:
        """The full validator, which finds and describes every error."""
        return _validator(self.schema_dir, self.schema_file)

    @property
    def is_valid(self) -> Callable[[object], bool]:
        """A quick yes/no test of validity: the schema compiled by fastjsonschema. Only when it
        says no is the full validator asked which errors there are."""
        return quick_check(self.schema_dir, self.schema_file)

    def template(self, role: str) -> str:
        """The template for `role` ("page", "index"), or the generic one every kind can use."""
        return self.templates.get(role) or f"entry-{role}.md"

    def index_src_uri(self) -> str:
        """Where its index page sits in the site: `case-studies/index.md`."""
        return f"{self.url}/index.md"

    def src_uri(self, slug: str) -> str:
        """Where an entry's page sits in the site, by its file name: `case-studies/preston-model.md`;
        its address follows from it (keepitlocal.base.urls)."""
        return f"{self.url}/{slug}.md"


@cache
def _annotated_schema(path: Path, references: tuple, unique: tuple) -> dict:
    doc = load_schema(path)
    if not references and not unique:
        return doc
    doc = json.loads(json.dumps(doc))  # a copy: the file's own schema stays as written
    properties = doc.get("properties", {})
    for name, target in references:
        spec = properties.get(name, {})
        (spec["items"] if spec.get("type") == "array" and "items" in spec else spec)["x-references"] = target
    for name in unique:
        properties.get(name, {})["x-unique"] = True
    return doc


# Reading declarations


class DeclarationError(Exception):
    """A mistake in a declaration of kinds: carries every problem, positioned."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def read_declarations(path: Path, rel: str, schema_dir: Path, template_dirs: tuple) -> dict[str, Collection]:
    """Every kind declared in one file. Raises DeclarationError naming each mistake's line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DeclarationError([Problem(rel, 1, 1, "file", f"cannot be read ({error.strerror})")]) from None
    document = read_data_file(raw, rel)
    if document.problems:
        raise DeclarationError(document.problems)
    front = document.front_matter
    problems = data_file_problems(rel, front, DECLARATION_SCHEMA)
    if problems:
        raise DeclarationError(problems)
    kinds = {}
    for name, spec in front.data.items():
        schema_file = spec["schema"]
        here = schema_dir if (schema_dir / schema_file).is_file() else SCHEMA_DIR
        if not (here / schema_file).is_file():
            line, col = front.position((name, "schema"))
            raise DeclarationError([Problem(rel, line, col, f"{name}.schema", f"there is no schema file {schema_file}",
                                            f"put it in {schema_dir.name}/")])
        fields = load_schema(here / schema_file).get("properties", {})
        for field_name, prop in fields.items():
            written = {"x-references", "x-unique"} & {*prop, *prop.get("items", {})}
            if written:
                line, col = front.position((name, "schema"))
                raise DeclarationError([Problem(rel, line, col, f"{name}.schema",
                                                f"{schema_file} marks {field_name} with {', '.join(sorted(written))}",
                                                "say it in the declaration (references:, unique:) instead")])
        for key in ("references", "unique", "sort"):
            for field_name in (n.lstrip("-") for n in spec.get(key, ())):
                if field_name not in fields and field_name != "slug":
                    line, col = front.position((name, key))
                    raise DeclarationError([Problem(rel, line, col, f"{name}.{key}",
                                                    f"{schema_file} has no field '{field_name}'",
                                                    "check the spelling")])
        kinds[name] = Collection(
            name=name, label=spec["label"], label_plural=spec["label_plural"], schema_file=schema_file,
            schema_dir=here, kind=spec.get("kind", ""), url=spec.get("url", ""), pages=spec.get("pages", True),
            sort=tuple(spec.get("sort", ())), references=dict(spec.get("references", {})),
            unique=tuple(spec.get("unique", ())), templates=dict(spec.get("templates", {})),
            example_title=spec.get("example_title", ""), open_data=spec.get("open_data", False),
            feed=spec.get("feed", False), behaviour=spec.get("behaviour", ""), template_dirs=template_dirs,
            data_references=dict(spec.get("data_references", {})), future_dates=dict(spec.get("future_dates", {})))
    return kinds


def data_file_problems(rel: str, front, schema_path: Path) -> list[Problem]:
    """A YAML data file checked against its schema: one positioned problem per error."""
    if quick_check(schema_path.parent, schema_path.name)(front.data):
        return []
    import jsonschema

    schema_doc = load_schema(schema_path)
    problems = []
    for error in jsonschema.validators.validator_for(schema_doc)(schema_doc).iter_errors(front.data):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
            where = (*where, extra[0]) if extra else where
            message = f"unknown field{'s' if len(extra) > 1 else ''}: {', '.join(extra)}"
            line, col = front.key_at.get(where) or front.position(where)
        else:
            message = error.message
            line, col = front.position(where)
        problems.append(Problem(rel, line, col, dotted(where) or "file", message,
                                "see DESIGN.md, Adding a kind of content"))
    return sorted(problems)


@cache
def site_kinds() -> dict[str, Collection]:
    """The site's own kinds (keepitlocal/collections.yml), read on first use."""
    return read_declarations(DECLARATION, "keepitlocal/collections.yml", SCHEMA_DIR, (TEMPLATE_DIR,))


_project_kinds: dict = {}  # root -> (declaration file signature, kinds)


def collections_for(root: Path | str) -> dict[str, Collection]:
    """Every kind a project has: the site's, then the project's own (collections.yml beside its
    mkdocs.yml, if there is one). Raises DeclarationError for a mistake in a declaration."""
    kinds = dict(site_kinds())
    path = Path(root) / PROJECT_DECLARATION
    try:
        stat = path.stat()
    except OSError:
        return kinds
    signature = (stat.st_mtime_ns, stat.st_size)
    cached = _project_kinds.get(path)
    if cached is None or cached[0] != signature:
        own = read_declarations(path, PROJECT_DECLARATION, Path(root) / PROJECT_SCHEMA_DIR,
                                (Path(root) / PROJECT_TEMPLATE_DIR, TEMPLATE_DIR))
        cached = _project_kinds[path] = (signature, own)
    for name, collection in cached[1].items():
        if name in kinds:
            raise DeclarationError([Problem(PROJECT_DECLARATION, 1, 1, name,
                                            f"'{name}' is already a kind of content", "choose another name")])
        kinds[name] = collection
    for collection in cached[1].values():
        for field_name, target in collection.references.items():
            if target not in kinds:
                raise DeclarationError([Problem(PROJECT_DECLARATION, 1, 1, f"{collection.name}.references",
                                                f"{field_name} names '{target}', which is not a kind of content",
                                                f"kinds are: {', '.join(kinds)}")])
    return kinds


# Schemas


@cache
def load_schema(path: Path) -> dict:
    return json.loads(Path(path).read_text("utf-8"))


def schema(file_name: str, folder: Path = SCHEMA_DIR) -> dict:
    """A schema by file name: from `folder`, else from the site's schemas."""
    path = Path(folder) / file_name
    return load_schema(path if path.is_file() else SCHEMA_DIR / file_name)


# jsonschema and referencing are imported only when a file needs a full check: importing
# them takes longer than checking a thousand valid files.


@cache
def _registry(folder: Path):
    import referencing
    import referencing.jsonschema

    names = {p.name for p in (*SCHEMA_DIR.glob("*.schema.json"), *Path(folder).glob("*.schema.json"))}
    return referencing.Registry().with_resources(
        (name, referencing.Resource.from_contents(schema(name, folder), referencing.jsonschema.DRAFT202012))
        for name in sorted(names)
    )


@cache
def _validator(folder: Path, file_name: str) -> jsonschema.protocols.Validator:
    import jsonschema

    contents = schema(file_name, folder)
    cls = jsonschema.validators.validator_for(contents)
    cls.check_schema(contents)
    return cls(contents, registry=_registry(folder))


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
def quick_check(folder: Path, file_name: str) -> Callable[[object], bool]:
    import fastjsonschema

    contents = inline_refs(schema(file_name, folder), lambda name: schema(name, folder))
    try:
        validate = fastjsonschema.compile(contents, use_default=False, detailed_exceptions=False)
    except (fastjsonschema.JsonSchemaDefinitionException, re.error, ValueError, TypeError):
        # A schema fastjsonschema cannot compile (a test names the cause): every file is then
        # decided by the full validator, slower but never wrong.
        return lambda data: False
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


# Text longer than this, with no pattern, may run over several lines: the editor gives it a
# several-line box, and the check leaves its line breaks alone. Shorter text is one line.
LONG_TEXT = 200


def several_lines(spec: dict) -> bool:
    """Whether a text field may hold line breaks (a long description), not one line (a title)."""
    return spec.get("maxLength", 0) > LONG_TEXT and not spec.get("pattern")


def field_schema(collection: Collection, path: tuple) -> dict:
    """The schema of the field at `path` (list positions ignored), following $refs."""
    node = collection.schema
    for part in path:
        node = _resolve(node, collection.schema_dir)
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part, {})
    return _resolve(node, collection.schema_dir)


def _resolve(node: dict, folder: Path = SCHEMA_DIR) -> dict:
    ref = node.get("$ref")
    return schema(ref, folder) if ref else node


def reference_target(collection: Collection, path: tuple) -> str | None:
    """The kind named by the field at `path` (or an item of it), if it is a reference field."""
    names = [part for part in path if isinstance(part, str)]
    return collection.references.get(names[0]) if len(names) == 1 else None


# The other content files, described like kinds so the same checks and reference apply.
INDEX_TEXT = Collection("_index", "index page", "Index pages", "index.schema.json", pages=False)
SITE_WORDS = Collection("site", "site-wide words", "Site-wide words", "site.schema.json", kind="site", pages=False)
# The settings at the top of a hand-written page in docs/, checked the same way.
HAND_WRITTEN = Collection("pages", "hand-written page", "Hand-written pages", "page.schema.json", kind="page",
                          pages=False)


def site_kind(name: str) -> Collection:
    """One of the site's own kinds, by name: site_kind("case-studies")."""
    return site_kinds()[name]


@cache
def schema_files() -> tuple[str, ...]:
    """The site's schema files: each kind's, then the others in keepitlocal/schemas/."""
    return tuple(dict.fromkeys([*(c.schema_file for c in site_kinds().values()), *SHARED_SCHEMA_FILES,
                                *sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))]))


_LAZY = {"COLLECTIONS": lambda: site_kinds(), "CASE_STUDIES": lambda: site_kind("case-studies"),
         "PRINCIPLES": lambda: site_kind("principles"), "SCHEMA_FILES": schema_files}


def __getattr__(name: str):
    """COLLECTIONS, CASE_STUDIES, PRINCIPLES and SCHEMA_FILES, read from collections.yml on first use
    (never on import)."""
    if name in _LAZY:
        return _LAZY[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
