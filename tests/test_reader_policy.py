"""Every reader page carries the one Content-Security-Policy, made after the page is rendered:
nothing from another website, and no inline script but the ones the page was built with."""

from __future__ import annotations

import html
import re

from conftest import ROOT

from keepitlocal.publish.reader_policy import DIRECTIVES, add_policy, inline_hashes, policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_the_policy_allows_the_site_alone():
    text = policy()
    assert "default-src 'self'" in text and "object-src 'none'" in text
    # 'wasm-unsafe-eval' (Pagefind's WebAssembly) allows no eval() of text, as 'unsafe-eval' would.
    assert "http" not in text and "*" not in text and "unsafe-inline" not in text and "'unsafe-eval'" not in text


def test_every_built_page_carries_the_policy_with_its_own_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text("utf-8")
        found = META.findall(text)
        assert len(found) == 1, page
        head = text[:text.index(found[0])]
        assert "<script" not in head and "<style" not in head, f"{page}: something comes before the policy"
        scripts, styles = inline_hashes(text)
        assert html.unescape(found[0]) == policy(scripts, styles), page


def test_a_script_added_after_the_build_is_not_in_the_policy():
    page = "<html><head><meta charset=utf-8><script>ours()</script></head><body><p>x</p></body></html>"
    with_policy = add_policy(page)
    text = html.unescape(META.search(with_policy)[1])
    assert inline_hashes("<script>ours()</script>")[0][0] in text
    assert inline_hashes("<script>theirs()</script>")[0][0] not in text
    assert with_policy.index("Content-Security-Policy") < with_policy.index("<script>")
    assert add_policy(with_policy) == with_policy  # once


def test_data_scripts_are_not_allowed_as_code():
    assert inline_hashes('<script type="application/ld+json">{"a": 1}</script>') == ([], [])


def test_the_policy_is_defined_in_one_place_and_the_editor_keeps_its_own():
    defining = [path.relative_to(ROOT).as_posix() for folder in ("keepitlocal", "hooks", "overrides")
                for path in (ROOT / folder).rglob("*") if path.is_file() and path.suffix in (".py", ".html")
                and "default-src" in path.read_text("utf-8")]
    assert sorted(defining) == ["keepitlocal/publish/reader_policy.py", "keepitlocal/staff/editor.py"], defining
    assert set(DIRECTIVES) >= {"default-src", "script-src", "style-src", "img-src", "connect-src"}
    assert "'wasm-unsafe-eval'" in (ROOT / "keepitlocal/publish/reader_policy.py").read_text("utf-8")
