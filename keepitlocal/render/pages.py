"""The site's generated pages, made from the site model with templates (keepitlocal/templates/).

Every page is a `Page`: where it lives, its title and description, its Markdown, the HTML
components that go into it, and which content file to edit. A page's Markdown holds only
what staff wrote (an entry's story, an index page's introduction) and the page's layout; each
HTML component (fact box, sources, cards, lists, the filter form) is rendered from its own
template and stands in the Markdown as a placeholder, so Markdown never parses it. An engine
adapter (hooks/ for MkDocs) converts the Markdown, then puts the components in
(`Page.components`, `fill`); `Page.expanded()` is the whole page for an engine that cannot.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from html import escape

from keepitlocal.base.text import human_date, last_corrected
from keepitlocal.base.urls import link, page_url, to_root
from keepitlocal.model.related import RelatedIndex
from keepitlocal.model.site import Entry, Site
from keepitlocal.render import events
from keepitlocal.render.citations import Citations
from keepitlocal.render.environment import Components, Markup, environment, expand, render
from keepitlocal.schema.collections import Collection, site_kind


@dataclass
class Page:
    src_uri: str  # e.g. case-studies/preston-model.md
    title: str
    description: str
    markdown: str  # with a placeholder for each component
    edit_path: str | None = None  # the content file to edit, relative to the project root
    meta: dict = field(default_factory=dict)  # extra page metadata for templates
    components: dict = field(default_factory=dict)  # placeholder -> its HTML (see render.Components)

    @property
    def url(self) -> str:
        return page_url(self.src_uri)

    def expanded(self) -> str:
        """The Markdown with every component in its place."""
        return expand(self.markdown, self.components)


def source_text(page: Page, markdown: str | None = None, **more_meta) -> str:
    """The page as an engine reads a Markdown file: its metadata at the top, then `markdown`
    (the page's own, with placeholders, unless given). Material writes the title and
    description into HTML unescaped (the tab title, the heading, the description in the head,
    the search index), so they are handed over as escaped HTML. JSON is YAML, and writing it is many times quicker
    than yaml.safe_dump: it runs per page."""
    meta = {"title": escape(page.title), "description": escape(page.description), **page.meta, **more_meta}
    front_matter = json.dumps(meta, ensure_ascii=False)
    return f"---\n{front_matter}\n---\n\n{page.markdown if markdown is None else markdown}"


def index_page(site: Site, collection: Collection, helpers: Helpers | None = None, more: dict | None = None) -> Page:
    """A kind's index page, from the template its declaration names for `index`, with the
    words of its _index.md (without one: the kind's plural label and no introduction)."""
    helpers = helpers or Helpers(site)
    src_uri = collection.index_src_uri()
    index = site.indexes.get(collection.name)
    components = Components(collection.template_dirs, helpers.context(src_uri))
    markdown = render(collection.template("index"), collection.template_dirs, **helpers.context(src_uri),
                      component=components.add, collection=collection, entries=site.entries_of(collection),
                      introduction=Markup(index.body.strip()) if index else "",
                      **(more or {}))
    title = index.title if index else collection.label_plural
    heading = components.add("components/page-heading.html", title=title)
    return Page(src_uri, title, index.description if index else "", f"{heading}\n\n{markdown}",
                index.path if index else None, {"hide": ["toc"]}, components.html)


def entry_page(site: Site, collection: Collection, entry: Entry, helpers: Helpers | None = None,
               more: dict | None = None) -> Page:
    """One entry's page, from the template its kind's declaration names for `page`; `more` is what
    a kind's behaviour adds to the template's context."""
    helpers = helpers or Helpers(site)
    components = Components(collection.template_dirs, helpers.context(entry.src_uri))
    citations = Citations(entry.data.get("sources", []), components=components)
    # Key figures stand above the story, so they cite first; both before the source list, which links back.
    key_figures = [{**figure, "anchor": anchor, "number": number,
                    "label": figure_label(site, citations.sources[number - 1], number)}
                   for figure in entry.data.get("key_figures", [])
                   for anchor, number in [citations.cite(figure["source"])]]
    story = Markup(citations.render(entry.body.strip()))
    markdown = render(collection.template("page"), collection.template_dirs, **helpers.context(entry.src_uri),
                      component=components.add, collection=collection, entry=entry, story=story,
                      citations=citations, key_figures=key_figures, reviewed=review_dates(entry),
                      draft=draft_reason(site, entry),
                      **(more or {}))
    meta = {"kind": collection.kind, "search_kind": kind_label(collection),
            **({"number": entry.data["number"]} if "number" in entry.data else {}),
            **({"picture": share_picture(entry.picture)} if entry.picture else {})}
    return Page(entry.src_uri, entry.title, entry.summary, str(markdown), entry.path, meta, components.html)


def figure_label(site: Site, source: dict, number: int) -> str:
    """What a key figure's card says of its source: the publisher (its short name, where it
    gives one in brackets: "Centre for Local Economic Strategies (CLES)" is CLES) and the
    year, in the words of `key_figure_source`, e.g. "CLES, 2019"."""
    publisher = source.get("publisher", "")
    short = re.search(r"\(([^()]+)\)\s*$", publisher)
    name = short[1] if short else publisher
    year = str(source.get("date") or "")[:4]
    if not year:  # an undated source: its publisher alone
        return name
    return site.word("key_figure_source", publisher=name, year=year, number=number)


def share_picture(found) -> dict:
    """What the link-preview tags say of an entry's picture: its largest version (a path from the
    site root), its size and its alt text."""
    return {"src": found.largest.path, "width": found.largest.width, "height": found.largest.height,
            "alt": found.alt}


class Helpers:
    """What page and component templates may call, for one build of the site's pages."""

    def __init__(self, site: Site, site_url: str = ""):
        self.site = site
        self.site_url = site_url
        self._related: RelatedIndex | None = None

    @property
    def related(self) -> RelatedIndex:
        if self._related is None:
            self._related = RelatedIndex(self.site)
        return self._related

    @related.setter
    def related(self, index: RelatedIndex) -> None:
        self._related = index

    def context(self, src_uri: str) -> dict:
        return {"site": self.site, "src_uri": src_uri, "cards": self.cards, "related_to": self.related_to,
                "card_groups": self.card_groups, "filter_facets": filter_facets, "events_about": self.events_about}

    def events_about(self, entry: Entry, field_name: str) -> list[dict]:
        """The events that name `entry` in their `field_name` (principles, case_studies)."""
        return events.related_events(self.site, entry, field_name)

    def cards(self, cases: list[Entry], from_src_uri: str) -> Markup:
        """Case-study cards, one per line, linking from `from_src_uri`."""
        return Markup("\n".join(card(from_src_uri, case) for case in cases))

    def card_groups(self, cases: list[Entry], from_src_uri: str) -> list[dict]:
        """Case studies by type, in the schema's order of types, leaving out empty ones."""
        groups = []
        for kind, label in case_study_types():
            group = [case for case in cases if case.data["type"] == kind]
            if group:
                groups.append({"kind": kind, "label": label, "cards": self.cards(group, from_src_uri)})
        return groups

    def related_to(self, case: Entry) -> list[Entry]:
        return self.related.for_case(case)


# Components, rendered from templates/components/


def case_study_types() -> list[tuple[str, str]]:
    """(value, label) of each case-study type, in the schema's order."""
    spec = site_kind("case-studies").schema["properties"]["type"]
    return [(kind, spec["x-labels"][kind]) for kind in spec["enum"]]


def draft_reason(site: Site, entry: Entry) -> str:
    """Why a page in a preview is not in the published site, or "" when it is."""
    if not site.is_draft(entry):
        return ""
    when = entry.data.get("publish_date")
    if when and not entry.data.get("draft"):
        return site.word("draft_scheduled", date=human_date(when))
    return site.word("draft_marked")


def card(from_src_uri: str, case: Entry) -> str:
    """A case study in a listing (templates/components/card.html), linking from `from_src_uri`.
    A card differs between pages only by its link, so each case study's card is rendered once
    per build (`_cards`) and given each page's link."""
    cached = _cards.get(case.path)
    if cached is None or cached[0] is not case:
        cached = _cards[case.path] = (case, str(_card_template().render(href=_HREF, root=_ROOT, case=case)))
    found = cached[1].replace(_HREF, link(from_src_uri, case.src_uri), 1)
    return found.replace(_ROOT, to_root(from_src_uri)) if case.picture else found


_HREF = "\x00href\x00"  # stands for the link in a rendered card: no text from content holds it
_ROOT = "\x00root\x00"  # stands for the link to the site root (the card's picture)
_cards: dict = {}  # content file -> (its entry, its card): cleared by each build of the pages


def clear_cards() -> None:
    """Forget the cards of an earlier build (the live preview builds again and again)."""
    _cards.clear()


@cache
def _card_template():
    return environment().get_template("components/card.html")


def case_study_filter(site: Site) -> str:
    """The case-study browser's filter form (templates/components/filter.html)."""
    return str(render("components/filter.html", facets=filter_facets(site), words=site.words))


# The filters: a case study's field each one reads, and whether it holds a list of values.
FILTERS = (("principle", "principles", True), ("type", "type", False), ("region", "region", False),
           ("service", "services", True))


def filter_facets(site: Site) -> list[dict]:
    """The filter form's choices are the content's own: every principle by number (with its
    short title), and the types, regions and services that some case study has, in the
    schema's order. Each choice carries how many case studies it leaves with no other filter
    chosen (the browser script keeps these counts up to date as filters change); the names of
    the filters and their choice that filters nothing come from content/site.yml."""
    properties = site_kind("case-studies").schema["properties"]
    counts: dict[str, dict[str, int]] = {name: {} for name, _, _ in FILTERS}
    for case in site.case_studies:  # one pass: the cost grows with the case studies, no more
        for name, field_name, many in FILTERS:
            for value in (case.data[field_name] if many else [case.data[field_name]]):
                counts[name][value] = counts[name].get(value, 0) + 1
    labels = {
        "principle": [(p.slug, f'{p.data["number"]}. {p.data.get("short_title", p.title)}') for p in site.principles],
        "type": case_study_types(),
        "region": [(region, region) for region in properties["region"]["enum"]],
        "service": [(service, service[:1].upper() + service[1:])
                    for service in properties["services"]["items"]["enum"]],
    }
    words = site.words
    return [{"name": name, "label": words[f"filter_{name}"], "everything": words[f"filter_{name}_all"],
             "total": len(site.case_studies),
             "options": [{"value": value, "label": label, "count": counts[name].get(value, 0)}
                         for value, label in labels[name] if name == "principle" or counts[name].get(value)]}
            for name, _, _ in FILTERS]


def review_dates(entry: Entry) -> dict:
    """When the page's facts were last checked against its sources (`last_reviewed`), and
    last corrected (its latest correction note), as YYYY-MM-DD or None
    (templates/components/reviewed.html)."""
    try:
        corrected = last_corrected(entry.body)
    except ValueError:  # a day the month does not have
        corrected = None
    return {"reviewed": entry.data.get("last_reviewed"), "corrected": corrected.isoformat() if corrected else None}


def kind_label(collection: Collection) -> str:
    """The kind a page of this collection shows in search results and is filtered by: its label,
    as a name ("case study" -> "Case study")."""
    return collection.label[:1].upper() + collection.label[1:]
