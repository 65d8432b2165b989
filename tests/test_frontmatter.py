"""The front-matter reader: values, positions and limits."""

from __future__ import annotations

import time

import pytest

from keepitlocal.read.frontmatter import MAX_DEPTH, MAX_FILE_BYTES, MAX_FRONT_MATTER_CHARS, dotted, read_document


def read(text: str | bytes):
    return read_document(text.encode("utf-8") if isinstance(text, str) else text, "content/x.md")


def test_values_and_their_positions():
    doc = read("---\ntitle: Hello\nsources:\n  - url: https://a.example\n    title: A\n---\nBody\n")
    assert doc.problems == []
    fm = doc.front_matter
    assert fm.data == {"title": "Hello", "sources": [{"url": "https://a.example", "title": "A"}]}
    assert fm.value_at[("title",)] == (2, 8)
    assert fm.key_at[("sources",)] == (3, 1)
    assert fm.value_at[("sources", 0, "url")] == (4, 10)
    assert fm.value_at[("sources", 0, "title")] == (5, 12)
    assert (doc.body, doc.body_line) == ("Body\n", 7)


def test_dates_stay_as_written_and_yaml_types_are_kept():
    fm = read("---\nwhen: 2018-01-15\nyear: 2018\nok: yes\nnothing:\n---\n").front_matter
    assert fm.data == {"when": "2018-01-15", "year": 2018, "ok": True, "nothing": None}
    assert fm.plain_text[("ok",)] == "yes"


def test_quoted_words_stay_text():
    assert read('---\nplace: "no"\n---\n').front_matter.data == {"place": "no"}


def test_empty_front_matter_is_an_empty_mapping():
    doc = read("---\n---\nBody")
    assert doc.problems == [] and doc.front_matter.data == {}


def test_every_duplicate_key_is_reported():
    doc = read("---\na: 1\nb: 2\na: 3\nb: 4\n---\n")
    assert [(p.line, p.field) for p in doc.problems] == [(4, "a"), (5, "b")]


def test_duplicate_keys_inside_a_source_name_the_source():
    doc = read("---\nsources:\n  - title: A\n    title: B\n---\n")
    assert [(p.line, p.col, p.field) for p in doc.problems] == [(4, 5, "sources[1].title")]


def test_dotted_paths_count_list_items_from_one():
    assert dotted(("sources", 0, "url")) == "sources[1].url"
    assert dotted(("services", 2)) == "services[3]"


@pytest.mark.parametrize("text, message", [
    ("---\n" + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n---\n", "nested too deeply"),
    ("---\na: !!python/object:os.system x\n---\n", "word starting with !"),
    ("---\na: !!binary aGVsbG8=\n---\n", "word starting with !"),
    ("---\na: !!set {x}\n---\n", "word starting with !"),
    ("---\n? [a, b]\n: c\n---\n", "field name must be plain text"),
    ("---\na: 1\n---\nBody\n", None),
    ("---\na: 1\n...\n---\nb: 2\n---\n", None),
    ("---\n\x00: 1\n---\n", "control character"),
])
def test_unusual_yaml_is_refused_with_a_message(text, message):
    doc = read(text)
    if message is None:
        assert doc.problems == []
    else:
        assert len(doc.problems) == 1 and message in doc.problems[0].message, doc.problems


ALIAS_BOMB_LINES = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(9)]


def test_alias_bomb_is_refused():
    doc = read("\n".join(ALIAS_BOMB_LINES + ["---", ""]))
    assert "aliases" in doc.problems[0].message and doc.problems[0].line == 2


@pytest.mark.audit
def test_alias_bomb_is_refused_quickly():
    # CPU time of this process: a machine busy with other work does not fail the bound.
    started = time.process_time()
    doc = read("\n".join(ALIAS_BOMB_LINES + ["---", ""]))
    seconds = time.process_time() - started
    print(f"alias bomb refused in {seconds:.3f} s of CPU")
    assert seconds < 0.5 and doc.problems


def test_very_large_file_is_refused_before_parsing():
    doc = read(b"---\ntitle: x\n---\n" + b"word " * (MAX_FILE_BYTES // 5 + 1))
    assert "too large" in doc.problems[0].message and doc.problems[0].field == "file"


def test_very_long_front_matter_is_refused():
    doc = read("---\nsummary: " + "x" * MAX_FRONT_MATTER_CHARS + "\n---\n")
    assert "the fields at the top are too long" in doc.problems[0].message


def test_too_many_values_are_refused():
    doc = read("---\nitems: [" + ", ".join(["x"] * 6000) + "]\n---\n")
    assert "too many values" in doc.problems[0].message
