"""Principles with icons and their place among the others: a principle's `icon` names an SVG
file of the icon sets the theme ships (a name with no file is an error at its line, with the
closest names), shown inline and hidden from screen readers on the numbered cards; each
principle's page says "Principle 3 of 6" and links to the principles before and after it."""

from __future__ import annotations

import re

from conftest import PRINCIPLE

from keepitlocal.model.icons import icon_dir, icon_svg
from keepitlocal.render.build import build_pages
from keepitlocal.render.home import expand_markers

FILE = "content/principles/local-spend.md"


def principle(number: int, title: str, icon: str | None = None) -> str:
    text = PRINCIPLE.format(number=number).replace("title: Increase local spend to invest in the local economy",
                                                   f"title: {title}")
    return text.replace("summary:", f"icon: {icon}\nsummary:", 1) if icon else text


def problems_of(project, icon: str) -> list[str]:
    project.write(FILE, principle(3, "Increase local spend to invest in the local economy", icon))
    site = project.load()
    assert "local-spend" not in {e.slug for e in site.principles}, "a file with an error was published"
    return [str(p) for p in site.problems]


def test_the_icon_sets_are_found_without_importing_the_theme():
    assert icon_dir() is not None and (icon_dir() / "material/handshake.svg").is_file()


def test_a_misspelt_icon_is_an_error_at_its_value_with_the_closest_names(project):
    assert problems_of(project, "material/handshak") == [
        f"{FILE}:4:7: icon: there is no icon named 'material/handshak' (did you mean 'material/handshake' or "
        "'material/hand-saw' or 'material/khanda'?)"]


def test_an_icon_of_a_set_that_does_not_exist_is_an_error_naming_the_sets(project):
    [problem] = problems_of(project, "materials/handshake")
    assert problem.startswith(f"{FILE}:4:7: icon: 'materials/handshake' must be an icon's name")


def test_an_icon_name_that_is_not_a_name_is_an_error_at_its_value(project):
    [problem] = problems_of(project, "handshake.svg")
    assert problem == (f"{FILE}:4:7: icon: 'handshake.svg' must be an icon's name: its set and its name joined by "
                       "a slash, such as material/handshake (for example: material/handshake)")


def test_an_icon_in_a_set_folder_that_is_not_a_set_names_the_sets(project):
    [problem] = problems_of(project, "fontawesome/handshake")
    assert problem.startswith(f"{FILE}:4:7: icon: 'fontawesome/handshake' must be an icon's name")


def test_the_icon_is_inline_svg_hidden_from_screen_readers():
    svg = icon_svg("material/handshake")
    assert svg.startswith('<svg class="kil-icon" aria-hidden="true" focusable="false" fill="currentColor"')
    assert "<path" in svg and "href" not in svg
    assert icon_svg("material/no-such-icon") == ""


def three_principles(project):
    project.write(FILE, principle(3, "Increase local spend to invest in the local economy", "material/cash-marker"))
    project.write("content/principles/whole-system.md",
                  principle(1, "Think about the whole system", "material/sitemap"))
    project.write("content/principles/early-help.md", principle(4, "Focus on early intervention"))
    site = project.load()
    assert site.problems == []
    return site, {p.src_uri: p.expanded() for p in build_pages(site)}


def test_cards_on_the_index_and_the_home_page_carry_number_icon_and_title(project):
    site, pages = three_principles(project)
    for html in (pages["principles/index.md"], expand_markers("<!-- keepitlocal:principles -->\n", site, "index.md")):
        cards = re.findall(r'<li class="kil-principle-card" value="(\d)">(.*?)</li>', html)
        assert [number for number, _ in cards] == ["1", "3", "4"]
        assert '<svg class="kil-icon" aria-hidden="true"' in cards[0][1]
        assert "Think about the whole system" in cards[0][1]
        assert "<svg" not in cards[2][1], "a principle without an icon has none"


def test_each_principle_page_says_where_it_stands_and_links_to_its_neighbours(project):
    _, pages = three_principles(project)
    first, middle, last = (pages[f"principles/{slug}.md"] for slug in ("whole-system", "local-spend", "early-help"))
    assert '<span>Principle 3 of 3</span></p>' in middle
    assert '<span>Principle 1 of 3</span></p>' in first
    assert '<p class="kil-principle-position"><svg class="kil-icon" aria-hidden="true"' in first, "its icon, large"
    assert '<p class="kil-principle-position"><span>' in last, "a principle without an icon has none"
    assert re.search(r'<a href="../whole-system/" rel="prev"><span class="kil-principle-pager__label">Previous '
                     r'principle</span> <span class="kil-principle-pager__title">1. Think about the whole system',
                     middle)
    assert re.search(r'<a href="../early-help/" rel="next"><span class="kil-principle-pager__label">Next principle'
                     r'</span> <span class="kil-principle-pager__title">4. Focus on early intervention', middle)
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_the_words_of_the_position_come_from_the_site_words(project):
    from conftest import ROOT

    project.write("content/site.yml", (ROOT / "content/site.yml").read_text("utf-8")
                  .replace('principle_position: "Principle {number} of {total}"',
                           'principle_position: "Egwyddor {number} o {total}"'))
    _, pages = three_principles(project)
    assert '<span>Egwyddor 3 o 3</span></p>' in pages["principles/local-spend.md"]
