"""The home page's headline figures and the principles' own order, as a reader meets them in
Chromium: the ask, the join button and a route to the evidence still fill the first screen;
each headline figure leads to the case study that sources it; a principle's page says where
it stands and leads to the next and previous principles."""

from __future__ import annotations

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site
from keepitlocal.render.home import headline_figures

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)], ids=["phone", "laptop"])
def test_headline_figures_follow_the_first_screen_and_lead_to_their_case_studies(watched, width, height):
    page = watched.page
    page.set_viewport_size({"width": width, "height": height})
    watched.open("")
    for name in ("Join the Keep it Local Network", "See the evidence"):
        box = page.locator(".kil-hero").get_by_role("link", name=name).bounding_box()
        assert box and box["y"] + box["height"] <= height, f"{name} is not in the first screen"
    figures = page.locator("ul.kil-headline-figures a.kil-figure")
    expected = headline_figures(SITE)
    assert len(expected) >= 3 and figures.count() == len(expected) + 1, "each headline figure, then the councils"
    values = figures.locator(".kil-figure__value").all_inner_texts()
    assert values[:-1] == [f["figure"] for f in expected]
    assert values[-1] == str(len(SITE.entries_of("councils")))
    first = figures.nth(0)
    assert first.bounding_box()["y"] > page.locator(".kil-hero").bounding_box()["y"], "the figures follow the ask"
    first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == expected[0]["case"].title
    assert page.locator(".kil-figures .kil-figure__value").first.inner_text() == expected[0]["figure"], \
        "the case study shows the figure too, linked to its source"


def test_a_principle_page_says_where_it_stands_and_leads_to_its_neighbours(watched):
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    principles = SITE.principles
    middle = principles[2]
    watched.open(f"principles/{middle.slug}/")
    assert page.locator(".kil-principle-position").inner_text().strip().lower() == \
        f"principle {middle.data['number']} of {len(principles)}"
    pager = page.get_by_role("navigation", name="Principles")
    pager.get_by_role("link", name=f"Next principle {principles[3].data['number']}. {principles[3].title}").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == principles[3].title
    page.get_by_role("navigation", name="Principles").locator('a[rel="prev"]').click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().strip() == middle.title
    watched.open(f"principles/{principles[0].slug}/")
    assert page.locator('nav.kil-principle-pager a[rel="prev"]').count() == 0
    icons = page.locator("svg.kil-icon")
    assert icons.count() == 1, "the principle's own icon, once"
    assert page.locator(".kil-principle-position svg.kil-icon").count() == 1, "beside where it stands"


def test_the_principles_index_is_numbered_cards_with_icons(watched):
    page = watched.page
    watched.open("principles/")
    cards = page.locator("ol.kil-principle-grid > li.kil-principle-card")
    assert cards.count() == len(SITE.principles) == 6
    assert cards.locator('svg.kil-icon[aria-hidden="true"]').count() == 6
    assert cards.locator(".kil-principle-card__number").all_inner_texts() == [str(n) for n in range(1, 7)]
    assert watched.external_requests == []
