"""The page the preview shows while the site cannot be built: the build's message, each
problem at its place, escaped, and the request that reloads it after the next build."""

from __future__ import annotations

from keepitlocal.base.problems import Problem, report
from keepitlocal.render.preview import problem_page


def test_every_problem_is_listed_at_its_place_and_escaped():
    problems = [Problem("content/case-studies/a.md", 2, 8, "title", "<script>alert(1)</script> is odd", "fix it"),
                Problem("content/principles/b.md", 14, 1, "front-matter", "a quote is not closed")]
    page = problem_page("Content has problems:\n" + report(problems), epoch=123, site_name="Keep it Local")
    assert "<li><code>content/case-studies/a.md:2:8</code> title: &lt;script&gt;alert(1)&lt;/script&gt; is odd " \
           "(fix it)</li>" in page
    assert "<li><code>content/principles/b.md:14:1</code> front-matter: a quote is not closed</li>" in page
    assert "<script>alert(1)" not in page
    assert "<p>Content has problems:</p>" in page and "<p>2 errors in 2 files</p>" in page
    assert "<title>2 problems to fix – preview of Keep it Local</title>" in page
    assert 'data-epoch="123"' in page and '"/livereload/" + epoch' in page
    assert "<noscript>" in page


def test_a_failure_that_names_no_line_is_shown_as_it_was_said():
    page = problem_page("The site could not be built: KeyError: 'x' & <y>", epoch=1)
    assert "<p>The site could not be built: KeyError: &#x27;x&#x27; &amp; &lt;y&gt;</p>" in page
    assert "kil-preview-problems" not in page and "<title>A problem to fix – preview of the site</title>" in page
