"""The site's generated pages, as Markdown with small HTML components, from the site model.

Every page is a `Page`: where it lives, what it says, and which content file to edit. An
engine adapter (hooks/ for MkDocs) only has to hand these pages to its engine. All text from
front-matter is HTML-escaped here, once, at the point it becomes HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .collections import CASE_STUDIES, PRINCIPLES, Collection
from .related import RelatedIndex
from .render import Markup, render
from .site import Entry, Site

PRINCIPLES_INDEX = PRINCIPLES.index_src_uri()
CASE_STUDIES_INDEX = CASE_STUDIES.index_src_uri()
_MONTHS = "January February March April May June July August September October November December".split()


@dataclass
class Page:
    src_uri: str  # e.g. case-studies/preston-model.md
    title: str
    description: str
    markdown: str
    edit_path: str | None = None  # the content file to edit, relative to the project root
    meta: dict = field(default_factory=dict)  # extra page metadata for templates

    @property
    def url(self) -> str:
        return page_url(self.src_uri)


def page_url(src_uri: str) -> str:
    """The page's address relative to the site root, with directory URLs:
    `case-studies/preston-model.md` -> `case-studies/preston-model/`."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link(from_src_uri: str, to_src_uri: str) -> str:
    """A relative link between two pages, so the site works under any sub-path."""
    here, there = page_url(from_src_uri).split("/")[:-1], page_url(to_src_uri).split("/")[:-1]
    shared = 0
    while shared < min(len(here), len(there)) and here[shared] == there[shared]:
        shared += 1
    relative = "../" * (len(here) - shared) + "".join(part + "/" for part in there[shared:])
    return relative or "./"


def build_pages(site: Site, site_url: str = "") -> list[Page]:
    """Every generated page: for each kind of content that has pages, its index page, then one
    page per entry, each made with the templates its declaration names. `site_url` (the
    published address) makes the full addresses some pages give, e.g. in structured data."""
    related = RelatedIndex(site)
    pages = []
    for collection in site.collections.values():
        if collection.pages:
            pages.append(index_page(site, collection, site_url))
    for collection in site.collections.values():
        if collection.pages:
            pages.extend(entry_page(site, collection, entry, related, site_url)
                         for entry in site.entries_of(collection))
    return pages


def _extension_context(collection: Collection, role: str, site: Site, *args) -> dict:
    """What a kind's own module adds to its templates (e.g. events: upcoming and past)."""
    module = collection.extension
    make = getattr(module, f"{role}_context", None) if module is not None else None
    return make(site, *args) if make is not None else {}


def index_page(site: Site, collection: Collection, site_url: str = "") -> Page:
    """A kind's index page, from the template its declaration names for `index`."""
    name = collection.template("index")
    if name in _PAGES_IN_PYTHON:
        return _PAGES_IN_PYTHON[name](site)
    src_uri = collection.index_src_uri()
    title, description, introduction, edit_path = _index_words(site, collection)
    markdown = render(name, collection.template_dirs, collection=collection, entries=site.entries_of(collection),
                      src_uri=src_uri, introduction=Markup(introduction),
                      **_extension_context(collection, "index", site, collection, src_uri, site_url))
    return Page(src_uri, title, description, str(markdown), edit_path, meta={"hide": ["toc"]})


def entry_page(site: Site, collection: Collection, entry: Entry, related: RelatedIndex | None = None,
               site_url: str = "") -> Page:
    """One entry's page, from the template its kind's declaration names for `page`."""
    name = collection.template("page")
    if name == "case-study.md":
        return case_study_page(site, entry, related)
    if name in _PAGES_IN_PYTHON:
        return _PAGES_IN_PYTHON[name](site, entry)
    markdown = render(name, collection.template_dirs, collection=collection, entry=entry, src_uri=entry.src_uri,
                      story=Markup(entry.body.strip()), draft_banner=Markup(draft_banner(site, entry)),
                      sources=Markup(_source_items(entry)) if entry.data.get("sources") else "",
                      **_extension_context(collection, "page", site, entry, site_url))
    return Page(entry.src_uri, entry.title, entry.summary, str(markdown), entry.path, {"kind": collection.kind})


# Pages


def _index_words(site: Site, collection: Collection) -> tuple[str, str, str, str | None]:
    """Title, description, introduction and file to edit of a kind's index page, from its
    _index.md; without one, the kind's plural label and no introduction."""
    index = site.indexes.get(collection.name)
    if index is None:
        return collection.label_plural, "", "", None
    return index.title, index.description, index.body.strip(), index.path


def principles_index_page(site: Site) -> Page:
    title, description, introduction, edit_path = _index_words(site, PRINCIPLES)
    items = "\n".join(
        f'<li class="kil-principle-item" value="{p.data["number"]}"><a href="{link(PRINCIPLES_INDEX, p.src_uri)}">'
        f'{escape(p.title)}</a><p>{escape(p.summary)}</p></li>'
        for p in site.principles
    )
    markdown = (
        (f"{introduction}\n\n" if introduction else "")
        + f'<ol class="kil-principle-list">\n{items}\n</ol>\n'
    )
    return Page(PRINCIPLES_INDEX, title, description, markdown, edit_path, meta={"hide": ["toc"]})


def case_studies_index_page(site: Site) -> Page:
    title, description, introduction, edit_path = _index_words(site, CASE_STUDIES)
    cards = "\n".join(case_study_card(CASE_STUDIES_INDEX, c, site) for c in site.case_studies)
    count = len(site.case_studies)
    markdown = (
        (f"{introduction}\n\n" if introduction else "")
        + f"{case_study_filter(site)}\n\n"
        f'<p class="kil-count" id="kil-count" aria-live="polite">{count} case {"study" if count == 1 else "studies"}'
        "</p>\n\n"
        f'<ul class="kil-cards kil-case-list" aria-labelledby="kil-count" data-search-exclude>\n{cards}\n</ul>\n'
    )
    return Page(CASE_STUDIES_INDEX, title, description, markdown, edit_path, meta={"hide": ["toc"]})


def principle_page(site: Site, principle: Entry) -> Page:
    cases = site.case_studies_for(principle)
    parts = [principle.body.strip(), "", "## Case studies", ""]
    if not cases:
        parts.append("No case studies illustrate this principle yet.")
    groups = []
    for kind in CASE_STUDY_TYPES:
        group = [c for c in cases if c.data["type"] == kind]
        if group:
            cards = "\n".join(case_study_card(principle.src_uri, c, site) for c in group)
            groups.append(f'<section class="kil-card-group kil-card-group--{kind}" aria-labelledby="kil-{kind}">\n'
                          f'<h3 id="kil-{kind}">{type_label(kind)}</h3>\n'
                          f'<ul class="kil-cards" data-search-exclude>\n{cards}\n</ul>\n'
                          '</section>')
    if groups:
        parts.append('<div class="kil-card-columns">\n' + "\n".join(groups) + "\n</div>\n")
    parts.extend(["", related_events(site, principle, "principles")])
    parts.extend(["", source_list(principle)] if principle.data.get("sources") else [])
    return Page(principle.src_uri, principle.title, principle.summary,
                draft_banner(site, principle) + "\n".join(parts).strip() + "\n",
                principle.path, {"kind": "principle", "number": principle.data["number"]})


def case_study_page(site: Site, case: Entry, related: RelatedIndex | None = None) -> Page:
    related_cases = (related or RelatedIndex(site)).for_case(case)
    markdown = "\n".join([
        draft_banner(site, case) + f'<p class="kil-lead">{escape(case.summary)}</p>',
        "",
        fact_box(site, case),
        "",
        case.body.strip(),
        "",
        source_list(case),
        "",
        related_list(site, case, related_cases),
        "",
        related_events(site, case, "case_studies"),
    ])
    return Page(case.src_uri, case.title, case.summary, markdown + "\n", case.path, {"kind": "case-study"})


# Components

CASE_STUDY_TYPES = CASE_STUDIES.schema["properties"]["type"]["enum"]


def type_label(kind: str) -> str:
    return CASE_STUDIES.schema["properties"]["type"]["x-labels"][kind]


def draft_banner(site: Site, entry: Entry) -> str:
    """Shown only in a preview: this page is not in the published site."""
    if not site.is_draft(entry):
        return ""
    when = entry.data.get("publish_date")
    why = f"scheduled for {human_date(when)}" if when and not entry.data.get("draft") else "marked draft: true"
    return (f'<p class="kil-draft-banner" role="note"><strong>Draft</strong>: this page is {why} and is not '
            "in the published site.</p>\n\n")


def type_badge(kind: str) -> str:
    return f'<span class="kil-badge kil-badge--{kind}">{escape(type_label(kind))}</span>'


def fact_box(site: Site, case: Entry) -> str:
    data = case.data
    principle_links = "".join(
        f'<li><a href="{link(case.src_uri, p.src_uri)}">{p.data["number"]}. {escape(p.title)}</a></li>'
        for p in site.principles_of(case)
    )
    rows = [
        ("Type", type_badge(data["type"])),
        ("Place", escape(data["place"])),
        ("Region", escape(data["region"])),
        ("Year", str(data["year"])),
        ("Services", escape(", ".join(data["services"]))),
        ("Principles", f'<ul class="kil-facts__principles">{principle_links}</ul>'),
    ]
    if data.get("contract_value_gbp") is not None:
        rows.append(("Contract value", pounds(data["contract_value_gbp"])))
    if data.get("organisations"):
        rows.append(("Organisations", escape(", ".join(data["organisations"]))))
    body = "\n".join(f"<dt>{name}</dt>\n<dd>{value}</dd>" for name, value in rows)
    return f'<aside class="kil-facts" aria-label="Key facts">\n<dl>\n{body}\n</dl>\n</aside>'


def related_events(site: Site, entry: Entry, field_name: str) -> str:
    """The events that name this principle or case study in their `field_name`, if any."""
    events = site.collections.get("events")
    if events is None or events.extension is None or not site.entries_of(events):
        return ""
    items = events.extension.related_events(site, entry, field_name)
    if not items:
        return ""
    return str(render("related-events.md", events.template_dirs, items=items, src_uri=entry.src_uri))


def source_list(entry: Entry) -> str:
    return "## Sources\n\n" + _source_items(entry)


def _source_items(entry: Entry) -> str:
    items = []
    for source in entry.data["sources"]:
        when = f", {human_date(source['date'])}" if source.get("date") is not None else ""
        url = escape(source["url"])
        items.append(
            f'<li><a href="{url}">{escape(source["title"])}</a>, {escape(source["publisher"])}{when}.'
            f' <span class="kil-source-url">{url}</span></li>'
        )
    return '<ol class="kil-sources">\n' + "\n".join(items) + "\n</ol>"


def case_study_card(from_src_uri: str, case: Entry, site: Site) -> str:
    """A case study in a listing. Its data attributes let the browser filter without another request.
    Lists of cards are marked data-search-exclude: site search finds the case study's own page."""
    data = case.data
    attributes = {
        "type": data["type"],
        "region": data["region"],
        "principles": " ".join(data["principles"]),
        "services": "|".join(data["services"]),
    }
    data_attributes = " ".join(f'data-{name}="{escape(value)}"' for name, value in attributes.items())
    return (
        f'<li class="kil-card kil-card--{data["type"]}" {data_attributes}>'
        f'<a class="kil-card__title" href="{link(from_src_uri, case.src_uri)}">{escape(case.title)}</a>'
        f'<p class="kil-card__meta">{type_badge(data["type"])} {escape(data["place"])}, {data["year"]}</p>'
        f'<p class="kil-card__summary">{escape(case.summary)}</p></li>'
    )


def related_list(site: Site, case: Entry, related: list[Entry]) -> str:
    """The foot of a case study: a few others to read next (keepitlocal.related picks them)."""
    if not related:
        return ""
    cards = "\n".join(case_study_card(case.src_uri, other, site) for other in related)
    # A Markdown heading (md_in_html), so it is in the page's table of contents like Sources.
    # md_in_html needs a value on the attribute; search drops it from the page once indexed.
    return ('<section class="kil-related" aria-labelledby="related-case-studies" markdown="1">\n\n'
            '## Related case studies\n\n'
            f'<ul class="kil-cards" data-search-exclude="true">\n{cards}\n</ul>\n\n</section>')


def case_study_filter(site: Site) -> str:
    """The case-study browser's filter form. Shown only where JavaScript runs (site CSS, keyed on a
    class the page's head script sets, so the list does not jump when it appears); a page
    without JavaScript lists everything. Made here so its choices are the content's own:
    every principle by number, and the types, regions and services that some case study has,
    in the schema's order."""
    properties = CASE_STUDIES.schema["properties"]
    used = {"type": set(), "region": set(), "services": set()}
    for case in site.case_studies:
        used["type"].add(case.data["type"])
        used["region"].add(case.data["region"])
        used["services"].update(case.data["services"])
    facets = [
        ("principle", "Principle", "All principles",
         [(p.slug, f'{p.data["number"]}. {p.title}') for p in site.principles]),
        ("type", "Type", "Both types",
         [(kind, type_label(kind)) for kind in properties["type"]["enum"] if kind in used["type"]]),
        ("region", "Region", "All regions",
         [(region, region) for region in properties["region"]["enum"] if region in used["region"]]),
        ("service", "Service", "All services",
         [(service, service[:1].upper() + service[1:])
          for service in properties["services"]["items"]["enum"] if service in used["services"]]),
    ]
    fields = []
    for name, label, everything, options in facets:
        choices = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in options)
        fields.append(f'<div class="kil-filter__field"><label for="kil-filter-{name}">{label}</label>'
                      f'<select id="kil-filter-{name}" name="{name}"><option value="">{everything}</option>'
                      f"{choices}</select></div>")
    return ('<form class="kil-filter" id="kil-filter" role="search" aria-label="Filter case studies"'
            ' data-search-exclude>\n'
            + "\n".join(fields)
            + '\n<div class="kil-filter__actions"><button type="reset" class="md-button kil-filter__clear">'
            "Clear filters</button></div>\n</form>")


# Page templates named in keepitlocal/collections.yml that are still made in Python.
_PAGES_IN_PYTHON = {
    "principles-index.md": principles_index_page,
    "case-studies-index.md": case_studies_index_page,
    "principle.md": principle_page,
}


def pounds(value: int) -> str:
    """£800 million, £1.3 billion, £41,500."""
    if value >= 1_000_000_000 and value % 100_000_000 == 0:
        return f"£{value / 1_000_000_000:g} billion"
    if value >= 1_000_000 and value % 100_000 == 0:
        return f"£{value / 1_000_000:g} million"
    return f"£{value:,}"


def human_date(value) -> str:
    """2018-05-16 -> 16 May 2018; 2018-05 -> May 2018; 2018 -> 2018."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]
