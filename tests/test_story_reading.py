"""The check reads a story the way the build reads it: which lines are code, and which ids the
headings get, are Python-Markdown's own answer with the project's extensions."""

from __future__ import annotations

import pytest
from conftest import ROOT

from keepitlocal.read.citations import find_citations
from keepitlocal.read.markdown import Converter, find_links

STORY = """\
Some text.

!!! note "What the council said"

    Read [the report](missing-page.md) before the meeting [@nao-2018].

- A list item

        [in code](also-missing.md) [@not-a-citation]

```
[fenced](fenced-missing.md)
```

    [indented code](indented-missing.md)
"""


@pytest.fixture(scope="module")
def site_reader() -> Converter:
    return Converter(ROOT)  # the real mkdocs.yml: admonition, attr_list, md_in_html


def test_text_inside_an_admonition_is_read_not_skipped_as_code(site_reader):
    """An admonition's text is indented like code; the build shows it as text, so its links and
    citations are checked."""
    code = site_reader.code_lines(STORY)
    assert [link.target for link in find_links(STORY, 1, code)] == ["missing-page.md"]
    assert [cited.id for citation in find_citations(STORY, code) for cited in citation.ids] == ["nao-2018"]


def test_code_in_a_list_a_fence_and_an_indented_block_is_skipped(site_reader):
    lines = STORY.split("\n")
    code = site_reader.code_lines(STORY)
    assert {lines[i].strip() for i in code} >= {"[in code](also-missing.md) [@not-a-citation]",
                                                "```", "[fenced](fenced-missing.md)",
                                                "[indented code](indented-missing.md)"}
    assert not any("missing-page" in lines[i] for i in code)


def test_without_the_admonition_extension_the_same_lines_are_code():
    """What is code depends on the project's own extensions: the engine alone reads the
    admonition's text as an indented code block, as the build without it would."""
    code = Converter(None).code_lines(STORY)
    assert STORY.split("\n").index('    Read [the report](missing-page.md) before the meeting [@nao-2018].') in code
    assert "missing-page.md" not in [link.target for link in find_links(STORY, 1, code)]


def test_heading_ids_are_the_ones_the_built_page_has(site_reader):
    text = "## Sources\n\nText.\n\n## Sources\n\n## Our plan {#plan}\n\n<h3 id=\"raw\">Raw</h3>\n"
    assert {"sources", "sources_1", "plan", "raw"} <= site_reader.heading_ids(text)


def test_a_broken_link_inside_an_admonition_is_reported_at_its_line(project):
    project.write("mkdocs.yml", "markdown_extensions:\n  - admonition\n")
    case = project.root / "content/case-studies/good-example.md"
    case.write_text(case.read_text("utf-8") + "\n!!! note\n\n    See [the plan](no-such-page.md).\n", "utf-8")
    problems = [p for p in project.load().problems if "no-such-page" in p.message]
    assert len(problems) == 1
    assert problems[0].line == case.read_text("utf-8").split("\n").index("    See [the plan](no-such-page.md).") + 1
