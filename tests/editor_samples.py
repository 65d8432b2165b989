"""Entries for every collection, as the browser editor's form could fill them in, made from the schemas.

Every property of every collection is filled in, each text field with awkward text (words
YAML 1.1 reads as yes/no or numbers, colons, #, quotes, several lines). `make editor-samples`
hands them to the editor's own YAML library (tools/cms-yaml/) to write the files in
tests/data/editor-output/ exactly as the editor writes them; tests/test_editor_output.py checks
that `make check` accepts those files and reads back the same values.

    python tests/editor_samples.py   # the samples as JSON, for tools/cms-yaml/format.mjs
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keepitlocal.schema.collections import COLLECTIONS, INDEX_FILE, INDEX_TEXT, SITE_WORDS, SITE_WORDS_FILE, schema  # noqa: E402
from keepitlocal.schema.reference import fields  # noqa: E402
from keepitlocal.staff.editor import DATE_PATTERN, LONG_TEXT, YAML_OUTPUT, editor_config  # noqa: E402

OUTPUT_DIR = "tests/data/editor-output"
# The picture every sample's `image` names, as the editor's media library writes it (the tests
# put a picture there).
SAMPLE_PICTURE = "/content/images/sample-picture.jpg"
PER_COLLECTION = 4

# Text a member of staff might type that YAML can misread when it is not quoted.
AWKWARD = ["No", "Yes", "on", "OFF", "true", "null", "~", "1_000", "9:30", "2026-11-26", "0x1F", "1e3", "=",
           "Preston: a model for others", "# not a comment", "- not a list", "'single' and \"double\" quotes",
           "@Locality", "`code`", "A & B * C | D > E % F", "Ends with a colon:", "Two lines\nof text",
           "Café, £148m and – dashes"]
BODY = ("## What happened\n\nA paragraph with **bold**, a [link](https://example.org/) and a list:\n\n"
        "- one\n- two\n\n---\n\nText after a rule, and `code: yes`.")


def slug(collection: str, index: int) -> str:
    return f"sample-{collection}-{index + 1}"


def text_value(spec: dict, turn: int) -> str:
    low, high = spec.get("minLength", 0), spec.get("maxLength", 10_000)
    several_lines = high > LONG_TEXT  # only the several-line box (the text widget) can hold a line break
    for step in range(len(AWKWARD)):
        value = AWKWARD[(turn + step) % len(AWKWARD)]
        if "\n" in value and not several_lines:
            continue
        if low <= len(value) <= high:
            return value
        padded = value + " and more words" * ((low - len(value)) // 15 + 1)
        if low <= len(padded) <= high:
            return padded
    raise ValueError(f"no sample text fits {spec}")


def value_for(spec: dict, index: int, turn: int, last: bool):
    """A value the form could hold for this property; `turn` varies the awkward text."""
    spec = schema(spec["$ref"]) if "$ref" in spec else spec
    if "enum" in spec:
        return spec["enum"][(index + turn) % len(spec["enum"])]
    kind = spec.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if kinds == ["string"] and spec.get("x-references"):
        return slug(spec["x-references"], 0)
    if kinds == ["string"] and spec.get("x-image-folder"):
        return SAMPLE_PICTURE
    if kinds == ["object"]:
        return {f.name: value_for(f.spec, index, turn + n, last) for n, f in enumerate(fields(spec))}
    if kinds == ["string"] and (spec.get("format") == "date" or spec.get("pattern") == DATE_PATTERN):
        return f"20{20 + index:02d}-0{1 + index % 9}-{10 + index:02d}"  # past dates: nothing is held back
    if "string" in kinds and spec.get("pattern"):
        # The schema's example, made different for each entry and item where the pattern allows
        # (two sources in one file may not share an address or a short name).
        example = str((spec.get("examples") or [None])[0])
        if spec.get("x-icon"):  # an icon file that exists, whatever the entry
            return example
        if spec.get("x-page"):  # a page of the site: the example is one, a varied one would not be
            return example
        if spec.get("x-unique"):  # a different value in each entry, in the same form: E08000031, E08000032...
            return example[:-1] + str(index + 1)
        varied = example + (f"?sample={turn}" if example.startswith("http") else f"-{turn}")
        return varied if re.fullmatch(spec["pattern"], varied) else example
    if kinds == ["string"]:
        return text_value(spec, turn)
    if kinds == ["integer"]:
        low = spec.get("minimum", 0)
        high = spec.get("maximum", low + 1000)
        return low + index if spec.get("x-unique") else min(high, low + 7 * (index + 1))
    if kinds == ["boolean"]:
        return last  # only the last entry, which nothing refers to, is a draft or featured
    if kinds == ["array"]:
        items = spec["items"]
        if "enum" in items:
            count = max(spec.get("minItems", 1), 2)
            return [items["enum"][(index + k) % len(items["enum"])] for k in range(count)]
        if items.get("x-references"):
            # The first entries of the target collection, never the last (a draft) and never itself.
            return [slug(items["x-references"], k) for k in range(max(spec.get("minItems", 1), 1))]
        if "$ref" in items or (items.get("type") == "object" and "properties" in items):
            group = schema(items["$ref"]) if "$ref" in items else items
            return [{f.name: value_for(f.spec, index, turn + k + n, last) for n, f in enumerate(fields(group))}
                    for k in range(2)]
        if items.get("pattern"):  # old names (aliases): each entry its own, or two would claim one address
            return [f"{items['examples'][0]}-{index + 1}-{k + 1}" for k in range(2)]
        return [text_value(items, turn + k) for k in range(2)]
    if kinds == ["object"] and "properties" in spec:
        return {f.name: value_for(f.spec, index, turn + n, last) for n, f in enumerate(fields(spec))}
    raise ValueError(f"no sample value for {spec}")


# Titles staff may well type, each awkward for a file name made from it (tests/test_editor.py and
# tests/browser/test_editor.py).
AWKWARD_TITLES = [
    "Children’s centres", "£148m saved by councils", "Café Zoë and the Ynys Môn plan", "Łódź: “keep it local”",
    "🎉 A win for Wigan", "🎉🎉🎉", "?!…", "— “” —", "Councils' 50% pledge?", "A/B: ‘quotes’ & <tags>",
    "Tab\tand  spaces\u00a0here", "Straße, ÆØÅ", "中文标题", "Ελληνικά νέα", "10:30 at St. Mary’s",
    "Under_score", "snake_case_title", "~50 councils", "about ~ half", "Index", "index!", " INDEX ", "Indexes of spend",
    "An index of spend", "-- leading and trailing --",
]


def data_names(file_name: str) -> list[str]:
    """The names a data file in content/ defines (the authors in authors.yml), in order."""
    import yaml

    from keepitlocal.model.site import named_items

    return list(named_items(yaml.safe_load((ROOT / "content" / file_name).read_text("utf-8"))))


def samples() -> list[dict]:
    out = []
    for name, collection in COLLECTIONS.items():
        for index in range(PER_COLLECTION):
            last = index == PER_COLLECTION - 1
            data = {}
            for turn, field in enumerate(fields(collection.schema)):
                value = value_for(field.spec, index, index * 7 + turn, last)
                if field.name in collection.data_references:  # a name from a data file, e.g. an author
                    value = data_names(collection.data_references[field.name])[index % 2]
                if field.spec.get("type") == "array" and field.spec.get("items", {}).get("x-references") == name:
                    value = [slug(name, k) for k in range(PER_COLLECTION - 1) if k != index][:1]
                data[field.name] = value
            for figure in data.get("key_figures", []):  # a key figure names one of the entry's own sources
                figure["source"] = data["sources"][len(figure["figure"]) % len(data["sources"])]["id"]
            if isinstance(data.get("quote"), dict):  # so does a council's quote
                data["quote"]["source"] = data["sources"][0]["id"]
            kind = collection.schema["properties"].get("type", {})
            if data.get("type") in kind.get("x-code-prefixes", {}):  # a council's code starts as its type's do
                data["gss_code"] = kind["x-code-prefixes"][data["type"]] + data["gss_code"][3:]
            for only, home in kind.get("x-only-region", {}).items():  # a London borough is in London, and only it
                regions = collection.schema["properties"]["region"]["enum"]
                if data.get("type") == only:
                    data["region"] = home
                elif data.get("region") == home:
                    data["region"] = next(region for region in regions if region != home)
            out.append({"path": f"content/{name}/{slug(name, index)}.md", "data": data, "body": BODY})
        # The kind's list page, edited with its entries.
        out.append({"path": f"content/{name}/{INDEX_FILE}", "body": BODY,
                    "data": {f.name: value_for(f.spec, 0, len(out) + turn, False)
                             for turn, f in enumerate(fields(INDEX_TEXT.schema))}})
    # The site-wide words: a YAML file of its own, not front-matter.
    words = {f.name: value_for(f.spec, 0, turn, False) for turn, f in enumerate(fields(SITE_WORDS.schema))}
    out.append({"path": f"content/{SITE_WORDS_FILE}", "format": "yml", "data": words})
    return out


def formatter_input(root: str) -> dict:
    yaml_options = editor_config(repo="owner/repo")["output"]["yaml"]
    assert yaml_options == YAML_OUTPUT
    return {"yaml": yaml_options, "root": root, "files": samples()}


if __name__ == "__main__":
    json.dump(formatter_input(sys.argv[1] if len(sys.argv) > 1 else OUTPUT_DIR), sys.stdout, ensure_ascii=False,
              indent=1)
