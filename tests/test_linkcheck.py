"""`make linkcheck`: cited sources checked against a local server that answers in every way a
real one can (fine, missing, moved, slow, refusing HEAD), reported by file and line, never failing."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import case_study

from keepitlocal.cli import main
from keepitlocal.staff.linkcheck import check_all, run_linkcheck

TIMEOUT = 2.0  # seconds; the slow page takes far longer


@contextlib.contextmanager
def source_server():
    """A server on 127.0.0.1 with one address for each kind of answer. Yields its base address
    and a count of the requests each path received."""
    requests: Counter = Counter()
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.answer(head=True)

        def do_GET(self):
            self.answer(head=False)

        def answer(self, head: bool):
            requests[(self.command, self.path)] += 1
            if self.path == "/slow":
                release.wait(10)  # until the test ends; the checker gives up long before
            if self.path == "/moved":
                return self.reply(301, location="/ok")
            if self.path == "/temporary":
                return self.reply(302, location="/ok")
            if self.path == "/no-head" and head:
                return self.reply(405)
            if self.path == "/error":
                return self.reply(500)
            return self.reply(200 if self.path in ("/ok", "/no-head", "/slow") else 404)

        def reply(self, status: int, location: str | None = None):
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sources(*urls: str) -> str:
    return "sources:\n" + "".join(f"  - title: Source {i}\n    url: {u}\n    publisher: Example\n"
                                  for i, u in enumerate(urls, 1))


def write_case(project, slug: str, *urls: str) -> None:
    text = case_study(f"Case study {slug}", sources=sources(*urls))
    # case_study() swaps only the `sources:` line; drop the example source that followed it.
    text = text.replace("  - title: A report\n    url: https://example.org/report\n    publisher: Example Council\n"
                        "    date: 2020-05-01\n", "")
    project.write(f"content/case-studies/{slug}.md", text)


def url_line(project, slug: str, url: str) -> int:
    lines = (project.root / f"content/case-studies/{slug}.md").read_text("utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f"url: {url}")


def test_linkcheck_reports_each_broken_or_moved_source_where_it_is_cited(project):
    with source_server() as (base, requests):
        dead = f"http://127.0.0.1:{closed_port()}/gone"
        write_case(project, "good-example", f"{base}/ok", f"{base}/missing", f"{base}/moved", f"{base}/slow")
        write_case(project, "second", f"{base}/missing", f"{base}/no-head", f"{base}/temporary", f"{base}/error", dead)
        write_case(project, "a-draft", f"{base}/draft-missing")
        draft = project.root / "content/case-studies/a-draft.md"
        draft.write_text(draft.read_text("utf-8").replace("year: 2020", "year: 2020\ndraft: true"), encoding="utf-8")
        out = io.StringIO()
        assert run_linkcheck(project.root, timeout=TIMEOUT, workers=4, out=out) == 0
        counts = dict(requests)
    lines = out.getvalue().splitlines()

    def at(slug, url):
        return f"content/case-studies/{slug}.md:{url_line(project, slug, url)}: {url}: "

    expected = [
        at("a-draft", f"{base}/draft-missing") + "404 Not Found",
        at("good-example", f"{base}/missing") + "404 Not Found",
        at("good-example", f"{base}/slow") + f"timed out after {TIMEOUT:g} s",
        at("second", f"{base}/missing") + "404 Not Found",
        at("second", f"{base}/error") + "500 Internal Server Error",
        at("second", dead) + "connection refused",
        at("good-example", f"{base}/moved") + f"moved permanently to {base}/ok (update the address)",
    ]
    assert lines[:len(expected)] == expected, out.getvalue()
    assert lines[len(expected)] == ("Checked 9 source addresses cited in 3 files: 5 broken, 1 moved, 3 fine.")
    assert "do not stop the build" in lines[-1]
    # Each address once, HEAD first; GET only after HEAD fails, never after a timeout.
    assert counts[("HEAD", "/missing")] == 1 and counts[("GET", "/missing")] == 1
    assert counts[("HEAD", "/no-head")] == 1 and counts[("GET", "/no-head")] == 1
    assert counts[("HEAD", "/ok")] == 3 and ("GET", "/ok") not in counts  # direct, and after both redirects
    assert counts[("HEAD", "/slow")] == 1 and ("GET", "/slow") not in counts


def test_linkcheck_with_everything_fine_says_so(project):
    with source_server() as (base, _):
        write_case(project, "good-example", f"{base}/ok")
        out = io.StringIO()
        assert run_linkcheck(project.root, timeout=TIMEOUT, out=out) == 0
    assert out.getvalue() == "Checked 1 source address cited in 1 file: 0 broken, 0 moved, 1 fine.\n"


def test_linkcheck_says_when_nothing_could_be_reached(project):
    write_case(project, "good-example", *(f"http://127.0.0.1:{closed_port()}/{i}" for i in range(3)))
    out = io.StringIO()
    assert run_linkcheck(project.root, timeout=TIMEOUT, out=out) == 0
    assert "Every address failed: check that this computer is connected to the internet." in out.getvalue()
    assert out.getvalue().count(": connection refused") == 3


def test_linkcheck_skips_files_with_content_problems_and_still_exits_0(project):
    with source_server() as (base, _):
        write_case(project, "good-example", f"{base}/ok")
        project.write("content/case-studies/broken.md", case_study(region="region: Narnia"))
        out = io.StringIO()
        assert run_linkcheck(project.root, timeout=TIMEOUT, out=out) == 0
    assert out.getvalue().startswith("Skipped 1 content file with problems: run `make check` to see them.\n")


def test_concurrency_is_bounded(project):
    """With one worker the slow addresses are checked one after another: the server never
    sees two requests at once."""
    in_flight, most = [0], [0]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self):
            with lock:
                in_flight[0] += 1
                most[0] = max(most[0], in_flight[0])
            threading.Event().wait(0.05)
            with lock:
                in_flight[0] -= 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        results = check_all([f"{base}/{i}" for i in range(6)], timeout=5, workers=1)
        assert most[0] == 1
        check_all([f"{base}/{i}" for i in range(6)], timeout=5, workers=3)
        assert 1 < most[0] <= 3
    finally:
        server.shutdown()
        server.server_close()
    assert all(not r.broken for r in results.values())


@pytest.mark.parametrize("args, message", [
    (["linkcheck", "--timeout", "0"], "not a number of seconds"),
    (["linkcheck", "--workers", "100"], "invalid choice"),
])
def test_bad_options_are_refused_with_a_message(args, message, capsys):
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


# The weekly workflow's issue


def test_the_issue_lists_each_failing_source_once_with_every_file_and_line_that_cites_it(project, tmp_path):
    with source_server() as (base, _):
        write_case(project, "good-example", f"{base}/ok", f"{base}/missing", f"{base}/moved")
        write_case(project, "second", f"{base}/missing|pipe")
        project.write("content/case-studies/third.md", (project.root / "content/case-studies/second.md")
                      .read_text("utf-8").replace(f"{base}/missing|pipe", f"{base}/missing")
                      .replace("title: ", "title: Third, ", 1))  # titles differ between entries
        issue = tmp_path / "issue.md"
        assert main(["linkcheck", "--root", str(project.root), "--timeout", "2", "--issue-body", str(issue)]) == 0
    body = issue.read_text("utf-8")
    missing = [url_line(project, "good-example", f"{base}/missing"), url_line(project, "third", f"{base}/missing")]
    assert body.startswith("The weekly check of the sources cited on the site found 2 addresses that cannot be "
                           "reached and 1 address that moved.")
    assert (f"| {base}/missing | `content/case-studies/good-example.md:{missing[0]}`<br>"
            f"`content/case-studies/third.md:{missing[1]}` | 404 Not Found |") in body
    assert f"| {base}/missing\\|pipe | `content/case-studies/second.md:" in body, "a | cannot break the table"
    assert f"| {base}/moved | `content/case-studies/good-example.md:" in body
    assert f"moved permanently to {base}/ok |" in body
    assert f"{base}/ok |" not in body.replace(f"to {base}/ok |", "")
    assert body.index("## Cannot be reached") < body.index("## Moved: update the address")


def test_under_github_actions_each_line_links_to_the_commit_checked():
    from keepitlocal.staff.linkcheck import Citation, Result, issue_body

    body = issue_body([Citation("content/case-studies/x.md", 14, "https://gone.example/")], [],
                      {"https://gone.example/": Result("https://gone.example/", "404 Not Found", True)},
                      {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "locality/keep-it-local",
                       "GITHUB_SHA": "abc123"})
    assert ("| https://gone.example/ | [content/case-studies/x.md:14](https://github.com/locality/keep-it-local/"
            "blob/abc123/content/case-studies/x.md#L14) | 404 Not Found |") in body


def test_the_issue_file_is_empty_when_all_answer_and_absent_when_none_could(project, tmp_path):
    issue = tmp_path / "issue.md"
    with source_server() as (base, _):
        write_case(project, "good-example", f"{base}/ok")
        run_linkcheck(project.root, timeout=TIMEOUT, out=io.StringIO(), issue_path=issue)
    assert issue.read_text("utf-8") == "", "every source answers: the workflow closes the issue"
    issue.unlink()
    write_case(project, "good-example", *(f"http://127.0.0.1:{closed_port()}/{i}" for i in range(2)))
    run_linkcheck(project.root, timeout=TIMEOUT, out=io.StringIO(), issue_path=issue)
    assert not issue.exists(), "nothing answered (no internet?): the issue is left as it is"
