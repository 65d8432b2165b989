"""Arbitrary input never ends in a traceback or a hang: only in a valid entry or positioned problems."""

from __future__ import annotations

import json
import os
import string
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from conftest import PRINCIPLE, case_study
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.build import build_pages


# FUZZ_EXAMPLES=5000 make test  runs a longer search; make audit runs 1,000 examples a test.
@pytest.fixture(scope="module", autouse=True)
def _warm_validators():
    """Compile every kind's validators once, so that the time bound below is the time to read
    one file, not the one-off cost of setting up the checks."""
    from conftest import ROOT

    from keepitlocal.schema.collections import COLLECTIONS

    load_site(ROOT)
    for collection in COLLECTIONS.values():
        collection.validator  # noqa: B018  the full validator, built on a file's first mistake


# Each file is read within a second of CPU and each example takes under 2 s: time bounds, so
# held only under `make audit` (KIL_AUDIT=1, with a longer search), not in the timed suite.
TIMED = os.environ.get("KIL_AUDIT") == "1"
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 50)), deadline=2000 if TIMED else None,
                suppress_health_check=[HealthCheck.too_slow])

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)


def load_one(raw: bytes, rel: str = "content/case-studies/fuzzed.md", files: dict | None = None):
    """Load a project holding one principle and the fuzzed file (and `files`: path -> bytes);
    check the outcome is well-formed."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for path, contents in (files or {}).items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(contents)
        (root / "content/principles").mkdir(parents=True)
        (root / "content/case-studies").mkdir(parents=True)
        (root / "content/principles/local-spend.md").write_text(PRINCIPLE.format(number=3), encoding="utf-8")
        (root / rel).write_bytes(raw)
        # CPU time of this process: a machine busy with other work does not fail the bound.
        started = time.process_time()
        site = load_site(root, preview=True)  # drafts count as pages here
        seconds = time.process_time() - started
    assert seconds < 1 or not TIMED, f"reading one file took {seconds:.2f} s"
    lines = raw.count(b"\n") + raw.count(b"\r") + 1
    for problem in site.problems:
        assert problem.path == rel
        assert 1 <= problem.line <= lines + 1 and problem.col >= 1, problem
        assert problem.message and problem.field
        assert "Traceback" not in str(problem)
    published = [e for e in site.case_studies if e.path == rel]
    assert bool(site.problems) != bool(published), "a file must become exactly one page or at least one problem"
    build_pages(site)  # whatever was accepted renders
    return site


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(raw):
    load_one(raw)


@FUZZ
@given(st.binary(max_size=500))
def test_random_bytes_after_a_front_matter_opening(raw):
    load_one(b"---\n" + raw)


@FUZZ
@given(st.text(alphabet=string.printable + "\t\u00a0\u2019\u201c\ufeff:-[]{}&*!|>'\"#%@`", max_size=600))
def test_random_yaml_like_text(text):
    load_one(("---\n" + text + "\n---\nBody\n").encode("utf-8"))


@FUZZ
@given(st.dictionaries(st.text(max_size=20), json_values, max_size=8))
def test_random_front_matter_structures(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    load_one(f"---\n{text}---\nBody\n".encode())


FIELDS = ["title", "summary", "type", "place", "region", "year", "services", "principles", "organisations",
          "contract_value_gbp", "related", "date_added", "sources", "draft", "publish_date", "aliases", "image"]


@FUZZ
@given(st.sampled_from(FIELDS), json_values)
def test_any_value_in_any_field(field, value):
    text = case_study()
    lines = [line for line in text.split("\n") if not line.startswith(f"{field}:")]
    if field == "sources":
        start = lines.index("sources:") if "sources:" in lines else None
        lines = lines[:start] + lines[start + 5:] if start is not None else lines
    dumped = yaml.safe_dump({field: value}, allow_unicode=True, width=1000).rstrip("\n")
    lines.insert(2, dumped)
    load_one("\n".join(lines).encode("utf-8"))


# Old names and addresses, well-formed or nearly: the file's own name, a principle's page, a
# kind's list page, paths with and without slashes, and anything else.
ALIAS_ITEMS = (st.sampled_from(["fuzzed", "old-name", "local-spend", "/principles/local-spend/", "/case-studies/",
                                "/case-studies/fuzzed/", "/news/old/", "old-name.md", "Old Name", "/", "//"])
               | st.from_regex(r"/?([a-z0-9]{1,3}(-[a-z0-9]{1,3})?/){0,2}[a-z0-9. -]{0,6}/?", fullmatch=True)
               | json_scalars)


@FUZZ
@given(st.lists(ALIAS_ITEMS, max_size=4) | json_values)
def test_any_aliases(value):
    lines = case_study().split("\n")
    lines.insert(2, yaml.safe_dump({"aliases": value}, allow_unicode=True, width=1000).rstrip("\n"))
    site = load_one("\n".join(lines).encode("utf-8"))
    for entry in site.case_studies:  # accepted: every alias is an address no page has
        for alias in entry.data.get("aliases", []):
            assert alias not in ("fuzzed", "/case-studies/fuzzed/", "/principles/local-spend/", "/case-studies/")


def _jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (40, 120, 60)).save(out, "JPEG")
    return out.getvalue()


JPEG = _jpeg()


@FUZZ
@given(st.one_of(st.text(max_size=60), st.text(max_size=30).map(lambda name: f"content/images/{name}"),
                 st.sampled_from(["content/images/pic.jpg", "/content/images/pic.jpg", "content/images/pic.JPG",
                                  "content/images/../images/pic.jpg", "https://example.org/pic.jpg"])),
       st.one_of(st.binary(max_size=300), st.just(JPEG), st.integers(0, len(JPEG)).map(lambda n: JPEG[:n]),
                 st.binary(max_size=200).map(lambda tail: JPEG[:200] + tail)))
def test_any_picture_name_and_contents(name, contents):
    image = {"file": name, "alt": "A picture of a market", "credit": "Someone", "licence": "CC BY 4.0"}
    dumped = yaml.safe_dump({"image": image}, allow_unicode=True, width=1000).rstrip("\n")
    lines = case_study().split("\n")
    lines.insert(2, dumped)
    load_one("\n".join(lines).encode("utf-8"), files={"content/images/pic.jpg": contents})


@FUZZ
@given(st.integers(min_value=0, max_value=400), st.text(min_size=1, max_size=5))
def test_text_inserted_anywhere_in_a_valid_file(position, inserted):
    text = case_study()
    position = min(position, len(text))
    load_one((text[:position] + inserted + text[position:]).encode("utf-8"))


@FUZZ
@given(st.integers(min_value=0, max_value=18), st.sampled_from(["delete", "duplicate", "indent", "dedent"]))
def test_a_line_deleted_duplicated_or_reindented(index, action):
    lines = case_study().split("\n")
    index = min(index, len(lines) - 1)
    if action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, lines[index])
    elif action == "indent":
        lines[index] = "  " + lines[index]
    else:
        lines[index] = lines[index].lstrip()
    load_one("\n".join(lines).encode("utf-8"))


def test_deep_nesting_long_strings_and_many_keys_are_refused_quickly():
    for raw in [
        b"---\na: " + b"[" * 50_000 + b"\n---\n",
        b"---\na: " + b"{a: " * 10_000 + b"\n---\n",
        b"---\n" + b"".join(b"k%d: v\n" % i for i in range(20_000)) + b"---\n",
        b"---\ntitle: " + b"x" * 500_000 + b"\n---\n",
        b"---\n" + b"- " * 100_000 + b"\n---\n",
    ]:
        site = load_one(raw)
        assert len(site.problems) >= 1


@FUZZ
@given(st.text(max_size=300), st.text(max_size=300))
def test_random_unicode_anywhere(front_matter, body):
    # Any code point: control characters, right-to-left marks, combining marks, emoji, private use.
    load_one(f"---\n{front_matter}\n---\n{body}".encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.sampled_from(FIELDS), st.integers(min_value=1_000, max_value=300_000),
       st.sampled_from("x \u00e9\U0001f331:#'\""))
def test_very_long_values(field, length, character):
    text = case_study()
    lines = [line for line in text.split("\n") if not line.startswith(f"{field}:")]
    lines.insert(2, f"{field}: {json.dumps(character * length, ensure_ascii=False)}")
    load_one("\n".join(lines).encode("utf-8"))


@FUZZ
@given(st.integers(min_value=1, max_value=3_000), st.sampled_from(["flow list", "flow map", "block list",
                                                                  "block map", "mixed"]))
def test_deep_nesting(depth, shape):
    if shape == "flow list":
        yaml_text = "title: " + "[" * depth + "x" + "]" * depth
    elif shape == "flow map":
        yaml_text = "title: " + "{a: " * depth + "x" + "}" * depth
    elif shape == "block list":
        yaml_text = "title:\n" + "\n".join("  " * level + "- " for level in range(depth)) + "x"
    elif shape == "block map":
        yaml_text = "".join("  " * level + f"k{level}:\n" for level in range(depth)) + "  " * depth + "x"
    else:
        yaml_text = "title: " + "[{a: " * (depth // 2 + 1)
    load_one(f"---\n{yaml_text}\n---\nBody\n".encode())
