"""The two readings of the content agree.

`make check` answers "is this front-matter valid?" with fastjsonschema's compiled validators,
and asks `jsonschema` only for files that fail, to find and word every error. The two must
never disagree: a file fastjsonschema passes that jsonschema would refuse is published wrongly,
and one it refuses that jsonschema passes ends in a check that names no error. These tests
hold them together on the real content, on thousands of damaged copies of it, and on generated
values; and hold the front-matter reader (libyaml's composer, walked) to PyYAML's own values.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import jsonschema
import pytest
import yaml
from conftest import ROOT, case_study
from hypothesis import given, settings
from hypothesis import strategies as st

from keepitlocal.app.pipeline import load_site
from keepitlocal.read import frontmatter
from keepitlocal.schema.collections import (
    ANNOTATION_KEYWORDS,
    CASE_STUDIES,
    COLLECTIONS,
    PRINCIPLES,
    SCHEMA_FILES,
    SHARED_KEYWORDS,
    inline_refs,
    schema,
)

REAL_FILES = sorted((ROOT / "content").rglob("*.md"))


def jsonschema_valid(collection, data) -> bool:
    return not any(True for _ in collection.validator.iter_errors(data))


def assert_agree(collection, data) -> bool:
    quick = collection.is_valid(data)
    assert quick == jsonschema_valid(collection, data), (collection.name, quick, data)
    return quick


# The schemas: keywords both drafts read alike, and a compile that works.


def _keywords(node, inside_properties=False):
    if isinstance(node, list):
        for item in node:
            yield from _keywords(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if inside_properties:  # names of fields, not keywords
                yield from _keywords(value)
                continue
            yield key
            if key in ("examples", "default", "enum", "const") or key.startswith("x-"):
                continue
            yield from _keywords(value, inside_properties=key in ("properties", "patternProperties"))


def test_schemas_are_valid_json_schemas():
    for name in SCHEMA_FILES:
        contents = schema(name)
        jsonschema.validators.validator_for(contents).check_schema(contents)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schemas_use_only_keywords_both_drafts_read_alike(name):
    """fastjsonschema implements drafts 4 to 7; the schemas declare 2020-12. Keywords whose
    meaning changed between them (items as a list, prefixItems, $defs, dependent...) are not used."""
    used = set(_keywords(schema(name)))
    odd = {k for k in used if k not in SHARED_KEYWORDS | ANNOTATION_KEYWORDS and not k.startswith("x-")}
    assert not odd, f"{name} uses {sorted(odd)}"
    for node in _nodes(schema(name)):
        if "items" in node:
            assert isinstance(node["items"], dict), "items must be one schema, not a list (drafts differ)"


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


ALL_SCHEMAS = sorted((ROOT / "keepitlocal/schemas").glob("*.json"))


def test_no_dollar_inside_a_character_class():
    """fastjsonschema turns every unescaped $ of a pattern into \\Z, which inside [ ] breaks the
    pattern: such a $ must be written \\$. Every schema file, not only the kinds' own."""
    assert len(ALL_SCHEMAS) >= 3
    for path in ALL_SCHEMAS:
        name = path.name
        for node in _nodes(json.loads(path.read_text("utf-8"))):
            pattern = node.get("pattern")
            if isinstance(pattern, str):
                for cls in _classes(pattern):
                    assert "$" not in cls.replace("\\$", ""), (name, pattern)


def _classes(pattern: str):
    inside, start, index = False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[" and not inside:
            inside, start = True, index
        elif char == "]" and inside:
            inside = False
            yield pattern[start:index + 1]
        index += 1


def test_references_are_inlined_for_fastjsonschema():
    inlined = inline_refs(schema("case-study.schema.json"))
    assert "$ref" not in json.dumps(inlined)
    assert inlined["properties"]["sources"]["items"]["required"] == ["title", "url", "publisher"]


@pytest.mark.parametrize("collection", list(COLLECTIONS.values()), ids=list(COLLECTIONS))
def test_each_schema_compiles(collection):
    assert collection.is_valid({}) is False


# The real content, damaged copies and generated values.


def test_every_real_file_is_valid_to_both():
    site = load_site(ROOT, preview=True)
    assert site.problems == [] and site.entries
    for entry in site.entries:
        assert assert_agree(entry.collection, entry.data), entry.path


_PIECES = [": ", "\n", "  ", "\t", "- ", "[", "]", "{", "}", "'", '"', "!!str ", "#", " #x", "yes", "0x1F", "1:30",
           "~", "2018-01-01", "\\", "\u00e9", "1e3", ",", "''", ".inf", "null", "\U0001F600", "    ", "\n  - ",
           "\n    url: x", "http://", " ", "-1", "2013.0", "true", "20", "x" * 130, "\\n", "\u00a0"]


def damaged_copies(count_per_file: int):
    rng = random.Random(20261129)
    for path in REAL_FILES:
        base = path.read_text("utf-8")[:3000]
        for _ in range(count_per_file):
            text = base
            for _ in range(rng.randint(1, 4)):
                pos = rng.randrange(len(text))
                roll = rng.random()
                if roll < 0.5:
                    text = text[:pos] + rng.choice(_PIECES) + text[pos:]
                elif roll < 0.8:
                    text = text[:pos] + text[pos + rng.randint(1, 20):]
                else:
                    lines = text.split("\n")
                    lines.insert(rng.randrange(len(lines)), lines[rng.randrange(len(lines))])
                    text = "\n".join(lines)
            yield path.parent.name, text


def test_validators_agree_on_damaged_copies_of_the_real_content():
    read = valid = 0
    for folder, text in damaged_copies(120):
        document = frontmatter.read_document(text.encode("utf-8", "surrogatepass"), "content/x.md")
        if document.problems:
            continue
        read += 1
        valid += assert_agree(COLLECTIONS[folder], document.front_matter.data)
    # Both answers must be common, or this test proves little.
    assert read > 1000 and 0.1 * read < valid < 0.9 * read, (valid, read)


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False) | st.sampled_from(
        ["", "x", "North West", "keep-it-local", "procurement", "local-spend", "2026-11-26", "2026-13-01",
         "2026-11-26\n", "https://example.org/", "https://example.org/\n", "https://x.org/ a", "https://$x",
         "javascript:x", "2018", "a" * 301, "Preston City Council", "True", "1"]) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "url", "publisher", "date", "other"]), inner, max_size=4),
    max_leaves=8,
)

_REAL = load_site(ROOT)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_validators_agree_on_generated_values(data):
    collection = data.draw(st.sampled_from([CASE_STUDIES, PRINCIPLES]))
    entries = _REAL.case_studies if collection is CASE_STUDIES else _REAL.principles
    base = json.loads(json.dumps(data.draw(st.sampled_from(entries)).data))
    for _ in range(data.draw(st.integers(1, 3))):
        field = data.draw(st.sampled_from([*collection.schema["properties"], "extra"]))
        if data.draw(st.booleans()) and field in base:
            del base[field]
        elif field == "sources" and isinstance(base.get("sources"), list) and base["sources"] \
                and isinstance(base["sources"][0], dict) and data.draw(st.booleans()):
            source = dict(base["sources"][0])
            source[data.draw(st.sampled_from(["title", "url", "publisher", "date", "other"]))] = data.draw(_JSONISH)
            base["sources"] = [source, *base["sources"][1:]]
        else:
            base[field] = data.draw(_JSONISH)
    assert_agree(collection, base)


@pytest.mark.parametrize("collection", list(COLLECTIONS.values()), ids=list(COLLECTIONS))
def test_validators_agree_on_common_mistakes(collection):
    entry = next(e for e in _REAL.entries if e.collection is collection and e.data.get("sources"))
    values = ["", "x", "x" * 5000, "javascript:x", "https://x.org/ a", "https://x.org/\n", "2026-13-01",
              "2026-01-01\n", "2018", -1, 0, 1799, 2013, 10**12, 2013.0, 2013.5, True, False, None, [], ["x"],
              ["x", "x"], [1], [True, "True"], [{"title": "t"}], {"a": 1}]
    for name in collection.schema["properties"]:
        for value in values:
            assert_agree(collection, {**entry.data, name: value})
    for name in schema("source.schema.json")["properties"]:
        for value in values:
            source = {**entry.data["sources"][0], name: value}
            assert_agree(collection, {**entry.data, "sources": [source, *entry.data["sources"][1:]]})


# The front-matter reader: libyaml's composer, walked, reads what PyYAML reads.


class _TextDates(yaml.CSafeLoader):
    """PyYAML's safe loader, with dates kept as written, as the front-matter reader keeps them."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", yaml.CSafeLoader.construct_scalar)


def _same_values(text: str):
    document = frontmatter.read_document(text.encode("utf-8", "surrogatepass"), "content/x.md")
    if document.problems:
        return False
    yaml_text = frontmatter._split(text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))[0]
    expected = yaml.load(yaml_text, Loader=_TextDates) or {}  # noqa: S506 -- a safe loader
    assert document.front_matter.data == expected, text
    return True


def test_the_reader_reads_the_values_pyyaml_reads_on_damaged_copies():
    compared = 0
    for _, text in damaged_copies(40):
        compared += _same_values(text)
    assert compared > 300, compared


def test_every_value_position_points_at_the_value_in_the_real_files():
    for path in REAL_FILES:
        text = path.read_text("utf-8")
        lines = text.split("\n")
        fm = frontmatter.read_document(text.encode(), str(path)).front_matter
        for where, (line, col) in fm.value_at.items():
            value = _at(fm.data, where)
            if isinstance(value, str) and value:
                written = lines[line - 1][col - 1:]
                assert written.lstrip("\"'").startswith(value[:5]), (path.name, where, written)
        for where, (line, col) in fm.key_at.items():
            assert lines[line - 1][col - 1:].startswith(where[-1]), (path.name, where)


def _at(data, where):
    for part in where:
        data = data[part]
    return data


def test_the_test_template_is_read_exactly():
    fm = frontmatter.read_document(case_study().encode(), "content/x.md").front_matter
    assert fm.value_at[("sources", 0, "url")] == (13, 10)
    assert fm.key_at[("date_added",)] == (10, 1)
    assert fm.data["date_added"] == "2026-11-26" and fm.data["year"] == 2020


def test_checking_valid_content_does_not_load_jsonschema():
    """The full validator is loaded only when a file has a mistake; that keeps `make check`
    fast enough to run on every commit."""
    code = ("import sys; from keepitlocal.__main__ import main; code = main(['check', '--root', sys.argv[1]]); "
            "print('jsonschema' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False"), result.stdout


@pytest.mark.parametrize("path", ALL_SCHEMAS, ids=[p.name for p in ALL_SCHEMAS])
def test_every_schema_file_compiles_for_fastjsonschema(path):
    import fastjsonschema

    fastjsonschema.compile(inline_refs(json.loads(path.read_text("utf-8"))), use_default=False)
