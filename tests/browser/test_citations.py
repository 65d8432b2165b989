"""Citations as a reader meets them: next to each headline figure on the Preston Model and
Carillion pages is a numbered link; following it lands on the right source, and the source's
link back returns to the figure."""

from __future__ import annotations

import pytest
from conftest import ROOT

from keepitlocal.app.pipeline import load_site

pytestmark = pytest.mark.browser

SITE = load_site(ROOT)

# The headline figures of each page, each with the source that must be cited right after it.
HEADLINES = {
    "preston-model": {
        "about £750m a year": "pse-anchors",
        "£458m left the county": "pse-anchors",
        "£74m more in Preston": "cles-preston-model",
        "from 5% to 18.2% in Preston": "pec-2021",
        "from 14% in 2012 to 28% in 2016": "public-sector-preston",
        "from 6.5% in 2014 to 3.1% in 2017": "guardian-2018",
    },
    "carillion-collapse": {
        "around 420 contracts": "nao-2018",
        "at around 450": "committees-2018",
        "around 45,000 people": "nao-2018",
        "record £79 million dividend": "committees-2018",
        "£1.9 billion of new government work": "nao-2018",
        "£148 million": "nao-2018",
    },
}
FOLLOWED = {"preston-model": "£74m more in Preston", "carillion-collapse": "£148 million"}

# The number of the first citation after `figure` in the block of text that holds it.
CITATION_AFTER = """([figure]) => {
  const blocks = [...document.querySelectorAll('.md-content article p, .md-content article li')]
    .filter(b => !b.closest('.kil-sources') && b.textContent.includes(figure));
  if (blocks.length === 0) return null;
  const block = blocks[0];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let seen = '';
  let found = false;
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === Node.TEXT_NODE && !node.parentElement.closest('sup.kil-cite')) {
      seen += node.textContent;
      if (seen.includes(figure)) found = true;
    } else if (found && node.matches && node.matches('sup.kil-cite')) {
      return [...node.querySelectorAll('a')].map(a => ({id: a.id, href: a.getAttribute('href')}));
    }
  }
  return [];
}"""


def in_view(page, selector: str) -> bool:
    """Whether the element is on screen and not under the sticky header."""
    return page.evaluate("""(selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
      return box.top >= header - 1 && box.top < window.innerHeight;
    }""", selector)


@pytest.mark.parametrize("slug", list(HEADLINES))
def test_each_headline_figure_cites_its_source_and_the_link_goes_there_and_back(watched, slug):
    case = next(c for c in SITE.case_studies if c.slug == slug)
    numbers = {source.get("id"): index for index, source in enumerate(case.data["sources"], start=1)}
    page = watched.page
    page.set_viewport_size({"width": 390, "height": 844})
    watched.open(f"case-studies/{slug}/")
    for figure, source_id in HEADLINES[slug].items():
        links = page.evaluate(CITATION_AFTER, [figure])
        assert links is not None, f"{figure!r} is not on the page"
        assert f"#kil-source-{numbers[source_id]}" in [link["href"] for link in links], \
            f"{figure!r} should cite [{numbers[source_id]}] ({source_id}), not {links}"

    figure = FOLLOWED[slug]
    number = numbers[HEADLINES[slug][figure]]
    link = next(link for link in page.evaluate(CITATION_AFTER, [figure])
                if link["href"] == f"#kil-source-{number}")
    cite = page.locator(f"#{link['id']}")
    assert cite.inner_text() == str(number) and cite.get_attribute("aria-label") == f"Source {number}"
    cite.click()
    page.wait_for_function(f"location.hash === '#kil-source-{number}'")
    source = page.locator(f"#kil-source-{number}")
    url = case.data["sources"][number - 1]["url"]
    assert source.locator(f'a[href="{url}"]').count() == 1, "the number leads to its own source"
    assert in_view(page, f"#kil-source-{number}"), "the source is on screen, not under the header"
    source.locator(f'a[href="#{link["id"]}"]').click()
    page.wait_for_function(f"location.hash === '#{link['id']}'")
    assert in_view(page, f"#{link['id']}"), "the link back returns to the figure"



@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_each_key_figure_leads_to_its_own_source_and_back(watched, width, height):
    case = next(c for c in SITE.case_studies if c.slug == "carillion-collapse")
    numbers = {source.get("id"): index for index, source in enumerate(case.data["sources"], start=1)}
    page = watched.page
    page.set_viewport_size({"width": width, "height": height})
    watched.open("case-studies/carillion-collapse/")
    figures = page.locator(".kil-figures a.kil-figure")
    assert figures.count() == len(case.data["key_figures"])
    for index, figure in enumerate(case.data["key_figures"]):
        link = figures.nth(index)
        assert link.locator(".kil-figure__value").inner_text() == figure["figure"]
        assert link.get_attribute("href") == f"#kil-source-{numbers[figure['source']]}"
    last = case.data["key_figures"][-1]
    number = numbers[last["source"]]
    link = figures.nth(len(case.data["key_figures"]) - 1)
    anchor = link.get_attribute("id")
    link.click()
    page.wait_for_function(f"location.hash === '#kil-source-{number}'")
    url = case.data["sources"][number - 1]["url"]
    assert page.locator(f'#kil-source-{number} a[href="{url}"]').count() == 1
    assert in_view(page, f"#kil-source-{number}"), "the source is on screen, not under the header"
    page.locator(f'#kil-source-{number} a[href="#{anchor}"]').click()
    page.wait_for_function(f"location.hash === '#{anchor}'")
    assert in_view(page, f"#{anchor}"), "the link back returns to the figure"
