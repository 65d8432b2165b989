"""The site's machine-readable files: an Atom feed of case studies, and the case studies as
open data (JSON and CSV), rendered from the site model as strings.

Pure functions: a `Site` and the site's public address in, text out. Escaping is left to the
standard library's xml, json and csv writers. Only published entries are in a `Site` loaded
for a build, so drafts and scheduled pages never reach these files.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

from keepitlocal.base.urls import absolute_url, page_url
from keepitlocal.model import news
from keepitlocal.model.addresses import stable_id
from keepitlocal.model.site import Entry, Site
from keepitlocal.schema.collections import Collection, schema, site_kind

FEED_PATH = "feed.xml"
NEWS_FEED_PATH = "news/feed.xml"
JSON_PATH = "case-studies.json"  # every kind declared `open_data: true` has <name>.json and <name>.csv
CSV_PATH = "case-studies.csv"
# The hand-written open data page, and the line on it where the table of exported fields goes.
OPEN_DATA_PAGE = "open-data.md"
FIELD_TABLE_MARKER = "<!-- open-data-fields -->"

AUTHOR = "Locality"
AUTHOR_URL = "https://locality.org.uk/"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

ATOM = "http://www.w3.org/2005/Atom"
LIST_SEPARATOR = "; "

# Publishing controls say when and where a page goes live; once it is live they carry no information.
_NOT_EXPORTED = {"draft", "publish_date", "aliases"}
# Columns added to the front-matter fields: where the record lives.
_ADDED_FIELDS = ("slug", "url")


def _added_fields(collection: Collection) -> dict[str, tuple[str, str]]:
    """The words for the columns added to the schema's fields."""
    own = next((name for name, target in collection.references.items() if target == collection.name), None)
    used_by = f" Other {collection.label_plural.lower()}' `{own}` lists use it." if own else ""
    return {
        "slug": ("text", f"The {collection.label}'s short name: its file name in content/{collection.name}/ "
                         f"without .md.{used_by}"),
        "url": ("web address", f"The {collection.label}'s page on this site."),
    }


def export_fields(collection: Collection | None = None) -> list[str]:
    collection = collection or site_kind("case-studies")
    """The fields of one exported entry, in order: the added fields, then the schema's."""
    schema_fields = [name for name in collection.schema["properties"] if name not in _NOT_EXPORTED]
    return [*_ADDED_FIELDS, *schema_fields]


def render_all(site: Site, site_url: str, site_name: str, today: datetime.date | None = None) -> dict[str, str]:
    """Every exported file, by its path from the site root: the feed, and each kind declared
    `open_data: true` as <name>.json and <name>.csv."""
    files = {}
    if any(c.feed for c in site.collections.values()):
        files[FEED_PATH] = atom_feed(site, site_url, site_name, today=today)
    for collection in site.collections.values():
        if collection.open_data:
            files[f"{collection.name}.json"] = collection_json(site, site_url, collection)
            files[f"{collection.name}.csv"] = collection_csv(site, site_url, collection)
    if "news" in site.collections:
        files[NEWS_FEED_PATH] = news_feed(site, site_url, site_name, today=today)
    return files


def export_paths(site: Site) -> list[str]:
    """The paths of the files render_all makes, without making them (for the link check)."""
    paths = [FEED_PATH] if any(c.feed for c in site.collections.values()) else []
    for collection in site.collections.values():
        if collection.open_data:
            paths.extend([f"{collection.name}.json", f"{collection.name}.csv"])
    return paths + ([NEWS_FEED_PATH] if "news" in site.collections else [])


def entry_url(site_url: str, entry: Entry) -> str:
    return absolute_url(site_url, page_url(entry.src_uri))


def feed_collection(site: Site) -> Collection:
    """The kind whose new entries the feed announces: the first declared `feed: true`."""
    return next((c for c in site.collections.values() if c.feed), site.collections["case-studies"])


def feed_order(site: Site) -> list[Entry]:
    """The new entries of every kind declared `feed: true` (case studies, events), newest first
    by the date each was added, then by title."""
    found = [e for c in site.collections.values() if c.feed for e in site.entries_of(c)]
    by_title = sorted(found, key=lambda c: (c.title.casefold(), c.slug))
    return sorted(by_title, key=lambda c: c.data["date_added"], reverse=True)


# Atom feed (RFC 4287)


def atom_feed(site: Site, site_url: str, site_name: str, today: datetime.date | None = None) -> str:
    """The case studies as an Atom feed. Dates are the days they were added, so the feed only
    changes when the content does; an empty feed is dated `today`."""
    entries = feed_order(site)
    collection = feed_collection(site)
    newest = entries[0].data["date_added"] if entries else (today or datetime.date.today()).isoformat()
    feed = _feed_head(site, collection, site_url, f"{site_name}: {collection.label_plural.lower()}", FEED_PATH, newest)
    for case in entries:
        entry = _feed_entry(feed, site, site_url, case, case.data["date_added"])
        _author(entry)
        labels = case.collection.schema["properties"].get("type", {}).get("x-labels", {})
        if case.data.get("type") in labels:
            ET.SubElement(entry, _atom("category"), {"term": case.data["type"], "label": labels[case.data["type"]]})
        elif case.collection is not collection:  # another kind: say which (an event)
            ET.SubElement(entry, _atom("category"), {"term": case.collection.kind,
                                                      "label": case.collection.label.capitalize()})
        _text(entry, "summary", case.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _feed_entry(feed: ET.Element, site: Site, site_url: str, item, date: str) -> ET.Element:
    """An entry of a feed with what every entry says: its stable id (not its address, so renaming
    the file keeps it), title, page, and the day it was published."""
    entry = ET.SubElement(feed, _atom("entry"))
    _text(entry, "id", stable_id(site, item))
    _text(entry, "title", item.title)
    _link(entry, "alternate", entry_url(site_url, item), "text/html")
    _text(entry, "published", _timestamp(date))
    _text(entry, "updated", _timestamp(date))
    return entry


def _feed_head(site: Site, collection: Collection, site_url: str, title: str, path: str, newest: str) -> ET.Element:
    """An Atom feed element with what every feed of the site says about itself: id and links
    from the kind's index page, the subtitle from its _index.md, the date of its newest entry."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(_atom("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": "en-GB"})
    index_url = absolute_url(site_url, page_url(collection.index_src_uri()))
    _text(feed, "id", index_url)
    _text(feed, "title", title)
    index = site.indexes.get(collection.name)
    if index is not None and index.description:  # the description on the kind's _index.md
        _text(feed, "subtitle", index.description)
    _link(feed, "self", absolute_url(site_url, path), "application/atom+xml")
    _link(feed, "alternate", index_url, "text/html")
    _text(feed, "updated", _timestamp(newest))
    _author(feed)
    _text(feed, "rights", f"{AUTHOR}. Text may be reused under {LICENCE} ({LICENCE_URL}).")
    return feed


def news_feed(site: Site, site_url: str, site_name: str, today: datetime.date | None = None) -> str:
    """The latest news posts as an Atom feed, newest first, at most news.FEED_COUNT of them.
    Each entry is dated by its post and names its author from content/authors.yml."""

    collection = site.collections["news"]
    posts = news.newest_first(site.entries_of("news"))[:news.FEED_COUNT]
    authors = site.authors
    newest = posts[0].data["date"] if posts else (today or datetime.date.today()).isoformat()
    feed = _feed_head(site, collection, site_url, f"{site_name}: news", NEWS_FEED_PATH, newest)
    for post in posts:
        entry = _feed_entry(feed, site, site_url, post, post.data["date"])
        author = authors.get(post.data["author"])
        if author:
            element = ET.SubElement(entry, _atom("author"))
            _text(element, "name", author["name"])
        else:
            _author(entry)
        _text(entry, "summary", post.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _atom(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, _atom(tag)).text = text


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, _atom("link"), {"rel": rel, "type": media_type, "href": href})


def _author(parent: ET.Element) -> None:
    author = ET.SubElement(parent, _atom("author"))
    _text(author, "name", AUTHOR)
    _text(author, "uri", AUTHOR_URL)


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


# Open data


def records(site: Site, site_url: str, collection: Collection | None = None) -> list[dict]:
    collection = collection or site.collections["case-studies"]
    """One record per published entry of a kind, in its order, with every exported field.
    A field an entry leaves out is None (a list field: an empty list), so every record has
    the same keys. Source dates are text (YYYY, YYYY-MM or YYYY-MM-DD) or None."""
    properties = collection.schema["properties"]
    result = []
    for case in site.entries_of(collection):
        record = {"slug": case.slug, "url": entry_url(site_url, case)}
        for name in export_fields(collection)[len(_ADDED_FIELDS):]:
            empty = [] if properties[name].get("type") == "array" else None
            record[name] = case.data.get(name, empty)
        if "sources" in record:
            record["sources"] = [_source(s) for s in record["sources"]]
        if "image" in record:
            record["image"] = _picture(site_url, case.picture) if case.picture else None
        result.append(record)
    return result


def _picture(site_url: str, found) -> dict:
    """An entry's picture as open data: the address of its largest published version (the
    file in content/images/ is not published), its size, alt text, credit and licence."""
    return {"url": absolute_url(site_url, found.largest.path), "width": found.largest.width,
            "height": found.largest.height, "alt": found.alt, "credit": found.credit, "licence": found.licence,
            "licence_url": found.licence_url or None, "source_url": found.source_url or None}


def _source(source: dict) -> dict:
    date = source.get("date")
    return {"title": source["title"], "url": source["url"], "publisher": source["publisher"],
            "date": None if date is None else str(date)}


def case_studies_json(site: Site, site_url: str) -> str:
    return collection_json(site, site_url, site.collections["case-studies"])


def case_studies_csv(site: Site, site_url: str) -> str:
    return collection_csv(site, site_url, site.collections["case-studies"])


def collection_json(site: Site, site_url: str, collection: Collection) -> str:
    document = {
        "title": f"Keep it Local {collection.label_plural.lower()}",
        "publisher": AUTHOR,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "source": absolute_url(site_url, ""),
        "fields": export_fields(collection),
        collection.name.replace("-", "_"): records(site, site_url, collection),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def collection_csv(site: Site, site_url: str, collection: Collection) -> str:
    """One row per entry. List fields are joined with "; "; `sources` (and any other list of
    records, such as `key_figures`) is a JSON list, so each source keeps its title, address,
    publisher and date together.
    Starts with a UTF-8 byte-order mark so spreadsheet programs read accents and £ signs right."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=export_fields(collection), lineterminator="\r\n")
    writer.writeheader()
    for record in records(site, site_url, collection):
        writer.writerow({name: _cell(name, value) for name, value in record.items()})
    return "\ufeff" + out.getvalue()


# A spreadsheet reads a cell starting with one of these as a formula, which can run when the
# file is opened: such a cell is written with an apostrophe in front, which shows it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(name: str, value) -> str:
    if value is None:
        return ""
    if name in ("sources", "image") or (isinstance(value, list) and any(isinstance(item, dict) for item in value)):
        text = json.dumps(value, ensure_ascii=False)  # records (sources, key figures, a picture) keep their fields
    elif isinstance(value, list):
        text = LIST_SEPARATOR.join(map(str, value))
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# The field reference on the open data page


def field_reference_markdown(collection: Collection | None = None) -> str:
    collection = collection or site_kind("case-studies")
    """A Markdown table of the exported fields, worded from the schema."""
    properties = collection.schema["properties"]
    added = _added_fields(collection)
    rows = ["| Field | Kind | What it holds |", "| --- | --- | --- |"]
    for name in export_fields(collection):
        if name in added:
            kind, description = added[name]
        else:
            spec = properties[name]
            kind, description = _kind(name, spec, name in collection.references), spec.get("description", "")
        rows.append(f"| `{name}` | {kind} | {_table_text(description)} |")
    if "sources" not in properties:
        return "\n".join(rows) + "\n"
    rows += ["", "Each source in `sources` has these fields:", "",
             "| Field | Kind | What it holds |", "| --- | --- | --- |"]
    for name, spec in schema("source.schema.json")["properties"].items():
        kind = "date (YYYY, YYYY-MM or YYYY-MM-DD), or empty" if name == "date" else _kind(name, spec)
        rows.append(f"| `{name}` | {kind} | {_table_text(spec.get('description', ''))} |")
    return "\n".join(rows) + "\n"


def _kind(name: str, spec: dict, is_reference: bool = False) -> str:
    if name == "sources":
        return "list of sources"
    if name == "image":
        return "picture: its address, width, height, alt, credit, licence, licence_url, source_url"
    if name.startswith("date"):
        return "date (YYYY-MM-DD)"
    if spec.get("type") == "array" and spec.get("items", {}).get("type") == "object":
        return "list of " + ", ".join(f"`{field}`" for field in spec["items"]["properties"]) + " (JSON in the CSV)"
    if spec.get("type") == "array":
        return "list" + (" of slugs" if is_reference else "")
    if "enum" in spec:
        return "one of: " + ", ".join(f"`{v}`" for v in spec["enum"])
    return {"string": "text", "integer": "whole number"}.get(spec.get("type"), "text")


def _table_text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
