"""MkDocs adapter: publish the events calendars, events.ics (every published event, for
subscribing) and events/<slug>.ics (one event, for "Add to calendar").

One job: make them with the content core (keepitlocal.ics) and add them to MkDocs' files in
memory. Hooks never import each other, so this one asks the core for the content with the same
rule as hooks/content_pages.py (drafts only in `mkdocs serve`), and the core hands both the
same load. The calendars are stamped with the build's date (midnight UTC), so a day's builds
make the same files.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from keepitlocal import ics
from keepitlocal.events import CALENDAR_FILE, Event
from keepitlocal.exports import absolute_url
from keepitlocal.pages import page_url
from keepitlocal.problems import report
from keepitlocal.site import load_site

_preview = False


def on_startup(command: str, dirty: bool) -> None:
    global _preview
    _preview = command == "serve"


def on_files(files: Files, config) -> Files:
    site = load_site(Path(config.config_file_path).parent, preview=_preview)
    if site.problems:
        raise PluginError("Content has problems:\n" + report(site.problems))
    if "events" not in site.collections:
        return files
    entries = site.entries_of("events")
    events = [Event.from_data(e.slug, e.data) for e in entries]
    urls = {e.slug: absolute_url(config.site_url or "", page_url(e.src_uri)) for e in entries}
    stamp = datetime.datetime.combine(site.today, datetime.time(), datetime.UTC)

    def url(event: Event) -> str:
        return urls[event.slug]

    made = {CALENDAR_FILE: ics.calendar(events, page_url=url, stamp=stamp)}
    for event in events:
        made[ics.file_name(event)] = ics.calendar([event], page_url=url, stamp=stamp, name=event.title)
    for path, content in made.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            raise PluginError(f"{Path(config.docs_dir).name}/{existing.src_uri} has the same name as the generated "
                              f"{path}: rename or remove it")
        files.append(File.generated(config, path, content=content))
    return files
