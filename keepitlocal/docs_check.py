"""Checks on the hand-written pages (docs/) and the site settings file (mkdocs.yml).

The promise "the check passes, so the build passes" has to hold for the home, about and join
pages too, so each page in the docs folder is held to a small schema for its front-matter
(a title and a description), its links, anchors and images are checked as a story's are, and
its generated-part markers (`<!-- keepitlocal:principles -->`) must name parts that exist;
the home page must keep the markers it needs. The settings file must be readable, and every
page its navigation names must exist.
"""

from __future__ import annotations

import re
from pathlib import Path

from .frontmatter import FrontMatter, _Stop, parse_yaml, read_document
from .links import find_links, link_problems
from .problems import Problem, did_you_mean

SETTINGS_FILE = "mkdocs.yml"
PAGE_FIELDS = {"title": "the page's heading in the browser tab and in search results",
               "description": "one or two sentences shown by search engines and in link previews"}
MARKER = re.compile(r"^<!--\s*keepitlocal:([^\s>]*)\s*-->[ \t]*$", re.M)
MARKER_LIKE = re.compile(r"<!--\s*keepitlocal\b[^>]*-->", re.I)
# Generated parts each page must keep: the home page's grid of principles and featured case studies.
REQUIRED_MARKERS = {"index.md": ("principles", "featured")}


def part_names() -> tuple[str, ...]:
    from .home import PARTS

    return tuple(PARTS)


def page_problems(root: Path, folder: str, targets: dict, files: set,
                  labels: dict) -> tuple[list[Problem], list[tuple]]:
    """Every problem in every hand-written page of the docs folder, and the anchors not found
    among written headings (see links.link_problems)."""
    problems: list[Problem] = []
    unsure: list[tuple] = []
    docs = Path(root) / folder
    if not docs.is_dir():
        return problems, unsure
    for file in sorted(docs.rglob("*.md")):
        rel = file.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        path = f"{folder}/{rel}"
        raw = file.read_bytes()
        if raw.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
            document = read_document(raw, path)
            if document.problems:
                problems.extend(document.problems)
                continue
            front_matter, body, body_line = document.front_matter, document.body, document.body_line
        else:
            front_matter, body, body_line = FrontMatter(), raw.decode("utf-8", "replace"), 1
        problems.extend(_field_problems(path, front_matter))
        problems.extend(_marker_problems(path, rel, body, body_line))
        links = find_links(body, body_line)
        if links:
            more, maybe = link_problems(path, rel, links, targets, files, True, body, folder, labels)
            problems.extend(more)
            unsure.extend(maybe)
    return problems, unsure


def _field_problems(path: str, front_matter: FrontMatter) -> list[Problem]:
    problems = []
    data = front_matter.data
    for name, what in PAGE_FIELDS.items():
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            continue
        line, col = front_matter.position((name,)) if name in data else (1, 1)
        state = "is missing" if name not in data else ("is empty" if not str(value or "").strip() else
                                                       "should be text")
        hint = f"add a line {name}: ... with {what}"
        if not data:
            hint = f"start the page with front-matter: a line ---, then {name}: ..., then a line ---"
        problems.append(Problem(path, line, col, name, f"the page's {name} {state}", hint))
    return problems


def _marker_problems(path: str, rel: str, body: str, body_line: int) -> list[Problem]:
    if "keepitlocal" not in body and rel not in REQUIRED_MARKERS:
        return []
    names = part_names()
    problems = []
    found = set()
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if "keepitlocal" not in line:
            continue
        match = MARKER.match(line.strip())
        if match and match[1] in names:
            found.add(match[1])
            continue
        if match or MARKER_LIKE.search(line):
            written = (match[1] if match else MARKER_LIKE.search(line)[0])
            name = match[1] if match else written
            hint = did_you_mean(name, names) or ""
            problems.append(Problem(path, body_line + index, line.index("<!--") + 1 if "<!--" in line else 1, "text",
                                    f"'{written if not match else '<!-- keepitlocal:' + name + ' -->'}' is not a "
                                    "generated part, so it would show nothing",
                                    f"{hint + ' ' if hint else ''}the parts are: "
                                    + ", ".join(f"<!-- keepitlocal:{n} -->" for n in names)
                                    + " (each on a line of its own)"))
    for name in REQUIRED_MARKERS.get(rel, ()):
        if name not in found:
            problems.append(Problem(path, body_line, 1, "text",
                                    f"the line <!-- keepitlocal:{name} --> is missing, so the page would lose its "
                                    f"generated {name}", f"put the line <!-- keepitlocal:{name} --> back where the "
                                    f"{name} should appear, on a line of its own"))
    return problems


def settings_problems(root: Path) -> tuple[list[Problem], list[str]]:
    """Problems in the site settings file, and the pages its navigation names."""
    path = Path(root) / SETTINGS_FILE
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError:
        return [], []
    except UnicodeDecodeError:
        return [Problem(SETTINGS_FILE, 1, 1, "file", "the file is not UTF-8 text", "save it as UTF-8")], []
    try:
        front_matter, problems = parse_yaml(text.replace("\r\n", "\n"), first_line=1, notes=False)
    except _Stop as stop:
        where = stop.where
        if "tag" in where[3]:
            return [], []  # settings may use tags (!ENV) that content may not; MkDocs reads those
        return [Problem(SETTINGS_FILE, *where)], []
    found = [Problem(SETTINGS_FILE, *p) for p in problems]
    nav = front_matter.data.get("nav")
    pages: list[tuple] = []
    _nav_pages(nav, ("nav",), pages)
    return found, [(name, front_matter.position(where)) for name, where in pages]


def _nav_pages(node, where: tuple, out: list) -> None:
    if isinstance(node, str):
        if node.endswith(".md"):
            out.append((node, where))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _nav_pages(item, (*where, index), out)
    elif isinstance(node, dict):
        for key, value in node.items():
            _nav_pages(value, (*where, key), out)


def nav_problems(root: Path, targets: dict) -> list[Problem]:
    problems, pages = settings_problems(root)
    for name, (line, col) in pages:
        if name not in targets:
            hint = did_you_mean(name, list(targets)) or "name a page of the docs folder, or a generated page"
            problems.append(Problem(SETTINGS_FILE, line, col, "nav", f"the menu names {name}, which does not exist",
                                    hint))
    return problems
