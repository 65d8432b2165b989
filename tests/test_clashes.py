"""Two files never make the same page: a hand-written page in docs/ and a generated one with
the same address stop the build, naming both, instead of one silently replacing the other."""

from __future__ import annotations

import pytest
from builds import mkdocs_build

from keepitlocal.base.urls import output_path
from keepitlocal.publish.clashes import url_clashes

GENERATED = [
    ("principles/index.md", "the generated The six principles page"),
    ("case-studies/index.md", "the generated Case studies page"),
    ("case-studies/preston-model.md", "content/case-studies/preston-model.md"),
]
DOCS = ["index.md", "about.md", "assets/site.css", "staff/index.md"]


@pytest.mark.parametrize("path, output", [
    ("about.md", "about/index.html"),
    ("index.md", "index.html"),
    ("case-studies/index.md", "case-studies/index.html"),
    ("case-studies/README.md", "case-studies/index.html"),
    ("case-studies.markdown", "case-studies/index.html"),
    ("assets/site.css", "assets/site.css"),
])
def test_where_a_docs_file_ends_up(path, output):
    assert output_path(path) == output


def test_the_real_docs_folder_has_no_clash():
    assert url_clashes(DOCS, GENERATED) == []


@pytest.mark.parametrize("docs_file, origin, address", [
    ("case-studies/preston-model.md", "content/case-studies/preston-model.md", "/case-studies/preston-model/"),
    ("case-studies/preston-model/index.md", "content/case-studies/preston-model.md", "/case-studies/preston-model/"),
    ("case-studies/preston-model/index.html", "content/case-studies/preston-model.md", "/case-studies/preston-model/"),
    ("principles/index.md", "the generated The six principles page", "/principles/"),
    ("case-studies.md", "the generated Case studies page", "/case-studies/"),
    ("case-studies/README.md", "the generated Case studies page", "/case-studies/"),
])
def test_a_docs_file_with_a_generated_page_s_address_is_named_with_it(docs_file, origin, address):
    message = f"{origin} and docs/{docs_file} would both be the page {address}"
    assert url_clashes([*DOCS, docs_file], GENERATED) == [message]


def test_every_clash_is_reported():
    clashes = url_clashes([*DOCS, "case-studies.md", "case-studies/index.md", "principles/index.md"], GENERATED)
    assert len(clashes) == 3


def test_pages_beside_generated_ones_are_fine():
    assert url_clashes([*DOCS, "case-studies/how-to-read.md", "principles-explained.md"], GENERATED) == []


@pytest.mark.parametrize("docs_file, named", [
    ("case-studies/preston-model.md", "content/case-studies/preston-model.md"),
    ("principles/index.md", "the generated The six principles page"),
    ("case-studies.md", "the generated Case studies page"),
])
def test_a_build_with_a_clash_stops_and_names_both_files(site_copy, tmp_path, docs_file, named):
    (site_copy / "docs" / docs_file).parent.mkdir(parents=True, exist_ok=True)
    (site_copy / "docs" / docs_file).write_text("# Hand-written\n", encoding="utf-8")
    result = mkdocs_build(site_copy, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"{named} and docs/{docs_file} would both be the page" in result.stderr
