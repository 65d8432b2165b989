"""HTML comes from templates, escaped by default, and Markdown converts only what staff wrote."""

from __future__ import annotations

import re

from conftest import ROOT

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.build import build_pages
from keepitlocal.render.environment import PLACEHOLDER, environment, render

HTML_TAG = re.compile(r"</?(?:a|p|li|ul|ol|div|span|section|aside|dl|dt|dd|h[1-6]|form|label|select|option|button|"
                      r"strong|em|br|table|tr|td|th|img|script|style|meta|link|nav|main|header|footer)[\s>/]")
TEMPLATES = ROOT / "keepitlocal/templates"


def test_the_core_s_python_holds_at_most_a_handful_of_html_tags():
    found = [f"{path.name}:{number}: {match}"
             for path in sorted((ROOT / "keepitlocal").glob("*.py"))
             for number, line in enumerate(path.read_text("utf-8").split("\n"), 1)
             for match in HTML_TAG.findall(line)]
    assert len(found) <= 5, "\n".join(found)


def test_the_tag_count_would_see_a_component_written_in_python():
    assert HTML_TAG.findall("""f'<li class="kil-card"><a href="{url}">{title}</a></li>'""") == \
        ['<li ', '<a ', '</a>', '</li>']


def test_every_template_is_rendered_with_autoescaping():
    env = environment()
    assert env.autoescape is True
    names = [path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*") if path.is_file()]
    assert len(names) >= 15
    for name in names:
        template = env.get_template(name)  # every template parses
        assert template.environment.autoescape is True, name
    assert str(env.from_string("{{ text }}").render(text="<b>\"Tom\" & 'Jerry'</b>")) == \
        "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;"


def test_a_component_is_its_template(project):
    site = project.load()
    case = site.case_studies[0]
    html = str(render("components/card.html", href="good-example/", case=case))
    assert html.startswith('<li class="kil-card kil-card--keep-it-local"') and 'href="good-example/"' in html


def test_markdown_gets_only_what_staff_wrote_and_placeholders_for_components():
    site = load_site(ROOT)
    for page in build_pages(site):
        # What staff wrote may hold citations, which the story carries as links.
        allowed = r'<p class="kil-(lead|count)".*?</p>|</?section[^>]*>|<sup class="kil-cite">.*?</sup>'
        assert not HTML_TAG.search(re.sub(allowed, "", page.markdown)), page.src_uri
        assert set(PLACEHOLDER.findall(page.markdown)) <= {"c", "x"}
        for placeholder, html in page.components.items():
            if html.startswith('<sup class="kil-cite">'):
                continue  # a citation stands where it is cited, inside a sentence: an inline HTML comment
            # On a line of its own between blank lines: Markdown passes it through untouched.
            assert f"\n\n{placeholder}\n\n" in f"\n\n{page.markdown}\n", (page.src_uri, placeholder)
        assert "<!--kil:" not in page.expanded()


def test_every_placeholder_is_filled_in_the_built_site(built_site):
    left = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
            if "<!--kil:" in path.read_text("utf-8")]
    assert left == []
    index = (built_site / "case-studies/index.html").read_text("utf-8")
    assert index.count('<li class="kil-card ') == len(load_site(ROOT).case_studies)

