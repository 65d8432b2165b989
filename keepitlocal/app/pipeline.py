"""The one pipeline: what `make check` runs is what the build runs.

    load_site(root)        every content file read and checked, anchors settled: the site model
    check_project(root)    the site and every problem and note of the project (content, hand-written
                           pages, settings): what `make check` prints and what stops a build
    build_outputs(site, project)  what a build publishes, each part made when first asked for

The check never renders; whatever needs both (links to anchors only generated pages have, links
to files the build makes) is put together here and handed down.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from keepitlocal.app.base_branch import compare_with
from keepitlocal.base.problems import Problem
from keepitlocal.base.project import Project, read_project
from keepitlocal.base.text import plural
from keepitlocal.check import load, renames
from keepitlocal.check.addresses import hand_written_clash_problems
from keepitlocal.check.handwritten import check_pages
from keepitlocal.check.links import Published, generated_anchor_problems
from keepitlocal.model import addresses
from keepitlocal.model.events import CALENDAR_FILE, Event, calendar_file
from keepitlocal.model.site import Site
from keepitlocal.publish.exports import export_paths, render_all
from keepitlocal.publish.ics import calendar_files
from keepitlocal.render.build import build_pages
from keepitlocal.render.pages import Page
from keepitlocal.render.redirects import redirect_pages
from keepitlocal.schema.reference import REFERENCE_SRC_URI, SCHEMAS_URL, schema_files
from keepitlocal.schema.reference import markdown as reference_markdown
from keepitlocal.staff.scaffold import TEMPLATES_SRC_URI, staff_files, templates_markdown


def load_site(root: Path | str, *, preview: bool = False, today: datetime.date | None = None) -> Site:
    """Every content file read, checked and cross-referenced (keepitlocal.check.load), with links
    to anchors that only the generated pages have (#sources) looked up in those pages."""
    site = load.load_site(root, preview=preview, today=today)
    if not site.unsure_anchors:
        return site
    # Settling them builds every page: once per load, though every adapter of a build asks.
    if _settled and _settled[0] is site:
        return _settled[1]
    more = generated_anchor_problems(site.unsure_anchors, build_pages(site))
    failed = {p.path for p in more}
    settled = dataclasses.replace(
        site, by_collection={name: [e for e in found if e.path not in failed] for name, found in
                             site.by_collection.items()},
        problems=sorted(site.problems + more), unsure_anchors=[])
    _settled[:] = [site, settled]
    return settled


_settled: list = []  # the check's last site with unsure anchors, and that site with them settled


@dataclass
class Checked:
    site: Site
    problems: list[Problem]  # every problem: none means the build builds
    notes: list[Problem]  # worth tidying, never stopping a build


def check_project(root: Path | str, *, preview: bool = False, project: Project | None = None,
                  base: str | None = None) -> Checked:
    """The content and the hand-written pages checked together, as `make check` and the build
    both check them; with `base` (a git branch or commit, as the pull-request check gives it),
    also against what that branch published (`base_problems`)."""
    project = project or read_project(root)
    site = load_site(root, preview=preview)
    page_problems, page_notes = check_hand_written(root, site, project)
    problems = site.problems + page_problems + hand_written_clash_problems(site, root, project.docs_dir)
    if base is not None:
        problems += base_problems(root, site, base)
    problems = sorted(problems)
    return Checked(site, problems, sorted(site.notes + page_notes + address_notes(root, site)))


def base_problems(root: Path | str, site: Site, ref: str) -> list[Problem]:
    """What the change does to what the branch `ref` published: an address that no page or
    alias has any more, an event whose id changed (keepitlocal.check.renames). The base
    branch's content is loaded by this same pipeline. Raises base_branch.BaseError when git
    cannot give it."""
    base, renamed = compare_with(root, ref, load_site)
    listed, _ = addresses.read_list(root)
    return renames.base_problems(base, site, set(listed), renamed)


def check_hand_written(root: Path | str, site: Site, project: Project | None = None) -> tuple[list, list]:
    """Problems and notes of the hand-written pages and the settings, with their links checked
    against everything the build publishes."""
    project = project or read_project(root)
    return check_pages(Path(root), project.docs_dir, site=site, published=published(site))


def address_notes(root: Path | str, site: Site) -> list[Problem]:
    """A note when the site publishes addresses its list does not have yet (never a failure:
    a page added in the browser editor cannot run make addresses)."""
    if site.problems or not (Path(root) / addresses.LIST_FILE).exists():
        return []
    new = addresses.unrecorded(site, site.published)
    if not new:
        return []
    return [Problem(addresses.LIST_FILE, 1, 1, "address",
                    f"{plural(len(new), 'published address', 'published addresses')} "
                    f"{'are' if len(new) != 1 else 'is'} not on the list yet: "
                    f"{', '.join(new[:5])}{', ...' if len(new) > 5 else ''}", "run make addresses and commit the file")]


# What the build publishes besides the content pages, for the check of links


def published(site: Site) -> Published:
    return Published(files=frozenset(generated_files(site)), pages=lambda wanted: generated_pages(site, wanted))


def generated_files(site: Site) -> set[str]:
    """The site paths of the files the build adds in memory that are not pages: the feeds, the
    open data, the calendars and the published schemas."""
    made = set(export_paths(site)) | {f"{SCHEMAS_URL}{name}" for name in schema_files(site.collections)}
    events = site.entries_with("events")
    if site.of_behaviour("events"):
        made.add(CALENDAR_FILE)
        made.update(calendar_file(Event.from_data(e.slug, e.data)) for e in events)
    return made


def generated_pages(site: Site, wanted: set[str]) -> list:
    """The pages the build makes in memory among `wanted` (site paths), with their Markdown: the
    staff pages made from the schemas, and the content pages (all made, only when one is wanted)."""
    made = {REFERENCE_SRC_URI: lambda: reference_markdown(site.collections),
            TEMPLATES_SRC_URI: lambda: templates_markdown("", site.collections)}
    pages = [Page(src_uri, "", "", make()) for src_uri, make in made.items() if src_uri in wanted]
    if wanted - set(made):
        pages.extend(build_pages(site))
    return pages


# What a build publishes


class Outputs:
    """What a build publishes, from a site without problems; each part is made when first asked
    for, so an adapter that needs one part makes only that one."""

    def __init__(self, site: Site, project: Project):
        self.site, self.project = site, project

    @cached_property
    def pages(self) -> list[Page]:
        return build_pages(self.site, self.project.site_url)

    @cached_property
    def redirects(self) -> dict[str, str]:
        """The page at each old address of an entry, by its path in the site."""
        return redirect_pages(self.site, self.project.site_url)

    @cached_property
    def data_files(self) -> dict[str, str]:
        """Feeds and open data."""
        return render_all(self.site, self.project.site_url, self.project.site_name)

    @cached_property
    def calendars(self) -> dict[str, bytes]:
        return calendar_files(self.site, self.project.site_url)

    @cached_property
    def staff_files(self) -> dict[str, str]:
        """The field reference and templates pages, and the schema files."""
        return staff_files(self.site.collections, self.project.site_url)


def build_outputs(site: Site, project: Project) -> Outputs:
    return Outputs(site, project)
