"""The quick paths of the check give exactly the answers of the full ones.

`make check` reads simple front-matter with keepitlocal.quickyaml and decides validity with
keepitlocal.quickcheck; anything else goes through libyaml and jsonschema. These tests hold
the quick paths to the full ones on the real content, on thousands of damaged copies of it,
and on generated documents full of YAML's traps.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import jsonschema
import pytest
from conftest import ROOT, case_study
from hypothesis import given, settings
from hypothesis import strategies as st

from keepitlocal import frontmatter, quickyaml
from keepitlocal.collections import (
    CASE_STUDIES,
    COLLECTIONS,
    PRINCIPLES,
    SCHEMA_FILES,
    schema,
)
from keepitlocal.site import load_site

REAL_FILES = sorted((ROOT / "content").rglob("*.md"))


def split(raw: bytes) -> tuple[str, int] | None:
    try:
        yaml_text, _, first_line, _ = frontmatter._split(frontmatter._decode(raw))
    except frontmatter._Stop:
        return None
    return yaml_text, first_line


def full_read(yaml_text: str, first_line: int):
    try:
        fm, problems = frontmatter.parse_yaml_events(yaml_text, first_line)
    except frontmatter._Stop as stop:
        return ("refused", stop.where)
    return (fm.data, fm.value_at, fm.key_at, fm.plain_text, problems)


def quick_read(yaml_text: str, first_line: int):
    result = quickyaml.read(yaml_text, first_line, frontmatter.plain_value, frontmatter.MAX_NODES)
    return None if result is None else (*result, [])


def assert_same(yaml_text: str, first_line: int = 2) -> bool:
    """The quick reader either declines or matches the full reader exactly (values, types,
    key order and every position). Returns whether it read the text."""
    quick = quick_read(yaml_text, first_line)
    if quick is None:
        return False
    full = full_read(yaml_text, first_line)
    assert repr(quick) == repr(full), yaml_text
    return True


def test_quick_reader_reads_every_real_file_exactly():
    for path in REAL_FILES:
        yaml_text, first_line = split(path.read_bytes())
        assert assert_same(yaml_text, first_line), f"{path.relative_to(ROOT)} is not read by the quick reader"


def test_quick_reader_reads_the_test_template_exactly():
    yaml_text, first_line = split(case_study().encode())
    assert assert_same(yaml_text, first_line)


_PIECES = [": ", "\n", "  ", "\t", "- ", "[", "]", "{", "}", "'", '"', "&a ", "*a", "!!str ", "!x ", "#", " #x",
           "---\n", "...\n", "? ", "yes", "0x1F", "1:30", "~", "2018-01-01", "\\", "\u00e9", "|\n  ", ">\n  ", "1e3",
           "title: x\n", "<<: ", "=", "%YAML 1.1\n", "\x00", "\u2028", "\x85", "\ufeff", ",", "''", ".inf", "null",
           "\U0001F600", "    ", "\n  - ", "\n    url: x"]


def damaged_copies(count_per_file: int):
    rng = random.Random(20261126)
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
            yield text


def test_quick_reader_matches_or_declines_on_damaged_files():
    read = checked = 0
    for text in damaged_copies(150):
        parts = split(text.encode("utf-8", "surrogatepass"))
        if parts is None:
            continue
        checked += 1
        read += assert_same(*parts)
    # Both branches must be exercised, or this test proves nothing.
    assert checked > 1000 and 0.2 * checked < read < 0.9 * checked, (read, checked)


_KEYS = ["title", "summary", "year", "a", "b_c", "A1", "no", "yes", "_x", "url"]
# Values the quick reader should read (and must read right), and values full of YAML's traps.
_EASY = [
    "plain", "North West", "Preston's College", "2013", "0x1F", "0o17", "1_000", "1:30", "1e3", ".inf", "3.5", "yes",
    "No", "on", "OFF", "true", "False", "~", "null", "Null", "2018-06-07", "2018-6-7", "2018-06-07T10:00:00Z",
    "'single'", "'it''s'", "''''", '"double"', '""', "''", "a#b", "C#", "http://x.org/a?b=c#d", "[a, b]", "[]",
    "[ ]", "[yes, 1, ~]", '["x", y]', "[ a ,b ]", "\u00e9t\u00e9", "\u00a35 million", "\U0001F600 smile", "a  b",
    "a, b", "x ", "Tom & Jerry", "50% more", "(brackets)", "a [b] c",
]
_TRAPS = [
    "-5", "+5", "'a' 'b'", '"a \\" b"', '"x\\ty"', "a: b", "a #b", "end:", "[a, [b]]", "[a,]", "['a, b', c]",
    "[a: b]", "{a: b}", "- x", "-x", "?x", "? x", "&a x", "*a", "!!str 1", "!x y", "%x", "@x", "`x`", "|", ">",
    "<<", "=", "{", "}", "]", ",x", "#x", "'open", '"open', "[open", "a\tb",
]
_SCALARS = st.one_of(st.sampled_from(_EASY), st.sampled_from(_EASY), st.sampled_from(_EASY), st.sampled_from(_TRAPS))


def generated_document(rng: random.Random) -> str:
    """Front-matter-like YAML: mostly the simple shape, with a trap here and there."""

    def scalar() -> str:
        return rng.choice(_TRAPS if rng.random() < 0.04 else _EASY)

    def pick(options, weights):
        return rng.choices(options, weights)[0]

    lines = []
    keys = rng.sample(_KEYS, rng.randint(1, 6))
    for key in keys:
        shape = pick(["scalar", "block", "items", "comment", "blank", "bare"], [8, 2, 3, 1, 1, 0.2])
        gap = pick([" ", "  ", ""], [20, 2, 0.3])
        if shape == "scalar":
            lines.append(f"{key}:{gap}{scalar()}{pick(['', ' ', ' # note'], [20, 2, 0.5])}")
        elif shape == "block":
            lines.append(f"{key}:")
            indent = pick(["", "  ", "    "], [1, 4, 1])
            for _ in range(pick([0, 1, 2, 3], [0.2, 3, 3, 3])):
                lines.append(f"{indent}-{pick([' ', '  ', ''], [20, 1, 0.3])}{scalar()}")
        elif shape == "items":
            lines.append(f"{key}:")
            indent = pick(["", "  "], [1, 4])
            for _ in range(rng.randint(1, 3)):
                fields = rng.sample(_KEYS, rng.randint(1, 4))
                lines.append(f"{indent}- {fields[0]}: {scalar()}")
                for field in fields[1:]:
                    extra = pick(["  ", " ", "   ", "    "], [20, 0.3, 0.3, 0.3])
                    lines.append(f"{indent}{extra}{field}:{gap}{scalar()}")
        elif shape == "comment":
            lines.append(rng.choice(["# a comment", "  # indented comment", "#"]))
            lines.append(f"{key}: {scalar()}")
        elif shape == "blank":
            lines.append(rng.choice(["", "   "]))
            lines.append(f"{key}: {scalar()}")
        else:
            lines.append(f"{key}:{gap}")
    return "\n".join(lines)


def test_quick_reader_matches_or_declines_on_generated_yaml():
    rng = random.Random(20261126)
    tried = read = 0
    for _ in range(3000):
        tried += 1
        read += assert_same(generated_document(rng))
    # Both branches must be exercised, or this test proves nothing.
    assert 0.3 * tried < read < 0.9 * tried, (read, tried)

# The quick validity test: True only where jsonschema finds nothing.


def jsonschema_valid(collection, data) -> bool:
    return not any(True for _ in collection.validator.iter_errors(data))


def test_every_real_file_is_shown_valid_by_the_quick_test():
    site = load_site(ROOT, preview=True)
    assert site.problems == [] and site.entries
    for entry in site.entries:
        assert entry.collection.is_valid(entry.data), entry.path


def test_schemas_are_valid_json_schemas():
    for name in SCHEMA_FILES:
        contents = schema(name)
        jsonschema.validators.validator_for(contents).check_schema(contents)


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False) | st.sampled_from(
        ["", "x", "North West", "keep-it-local", "procurement", "local-spend", "2026-11-26", "2026-13-01",
         "https://example.org/", "javascript:x", "2018", "a" * 301, "Preston City Council"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["title", "url", "publisher", "date", "other"]), inner, max_size=4),
    max_leaves=8,
)


_REAL = load_site(ROOT)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_quick_test_never_passes_what_jsonschema_rejects(data):
    collection = data.draw(st.sampled_from([CASE_STUDIES, PRINCIPLES]))
    base = json.loads(json.dumps((_REAL.case_studies if collection is CASE_STUDIES else _REAL.principles)[0].data))
    for _ in range(data.draw(st.integers(1, 3))):
        field = data.draw(st.sampled_from([*collection.schema["properties"], "extra"]))
        if data.draw(st.booleans()) and field in base:
            del base[field]
        else:
            base[field] = data.draw(_JSONISH)
    if collection.is_valid(base):
        assert jsonschema_valid(collection, base), base


@pytest.mark.parametrize("collection", list(COLLECTIONS.values()), ids=list(COLLECTIONS))
def test_quick_test_decides_common_mistakes_the_same_way(collection):
    entry = next(e for e in _REAL.entries if e.collection is collection and e.data.get("sources"))
    values = ["", "x", "x" * 5000, "javascript:x", "https://x.org/ a", "2026-13-01", "2018", -1, 0, 1799, 2013,
              10**12, 2013.0, True, None, [], ["x"], ["x", "x"], [1], [{"title": "t"}], {"a": 1}]
    for name in collection.schema["properties"]:
        for value in values:
            data = {**entry.data, name: value}
            if collection.is_valid(data):
                assert jsonschema_valid(collection, data), (name, value)
    # and each field of a source
    for name in schema("source.schema.json")["properties"]:
        for value in values:
            source = {**entry.data["sources"][0], name: value}
            data = {**entry.data, "sources": [source, *entry.data["sources"][1:]]}
            if collection.is_valid(data):
                assert jsonschema_valid(collection, data), ("sources", name, value)


def test_checking_valid_content_does_not_load_jsonschema():
    """The full validator is loaded only when a file has a mistake; that keeps `make check`
    fast enough to run on every commit."""
    code = ("import sys; from keepitlocal.__main__ import main; code = main(['check', '--root', sys.argv[1]]); "
            "print('jsonschema' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("False"), result.stdout
