"""Start the live preview (`mkdocs serve`) on a port of this computer, or say in one line why not.

    python tools/preview.py [PORT]        make serve  /  make serve PORT=8001

MkDocs answers a port already in use with a traceback; this says so in a sentence, with the
command to use another port, before starting it.

While the site cannot be built (a content problem, or any other), MkDocs' own preview stops at
the first build, or leaves every page request waiting until the problem is fixed. Here every
address shows the list of problems instead (keepitlocal/preview.py), the page that reloads
itself after the next build, and the terminal prints the list on every save. Only the preview
does this: `mkdocs build` and `make build` still stop with the list and a non-zero exit.
"""

from __future__ import annotations

import logging
import socket
import sys
import time
import traceback
from pathlib import Path
from urllib.parse import urlsplit

from keepitlocal.base.project import read_project

HOST = "127.0.0.1"


def main(argv: list[str]) -> int:
    text = argv[1] if len(argv) > 1 else "8000"
    if not text.isdigit() or not 1024 <= int(text) <= 65535:
        print(f"PORT={text} is not a port number: use a number from 1024 to 65535, e.g. make serve PORT=8001",
              file=sys.stderr)
        return 2
    port = int(text)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            print(f"Port {port} is already in use (is another preview running?): stop it, or use another port "
                  f"with  make serve PORT={port + 1}", file=sys.stderr)
            return 1
    address = f"http://{HOST}:{port}{site_path(Path.cwd() / 'mkdocs.yml')}"
    print(f"Starting the preview at {address} (drafts included; Ctrl+C stops it)", flush=True)
    return serve(port)


def site_path(config_file: Path) -> str:
    """The path the site lives under (site_url's, e.g. /keep-it-local/), which the preview uses too."""
    path = urlsplit(read_project(config_file.parent).site_url).path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def serve(port: int) -> int:
    import mkdocs.commands.serve as serve_command
    from mkdocs.__main__ import cli

    # `mkdocs serve` builds through this name, for the first build and every rebuild.
    serve_command.build = showing_problems(serve_command.build)
    cli.main(["serve", "--dev-addr", f"{HOST}:{port}"], prog_name="mkdocs")  # exits when stopped
    return 0


def showing_problems(build):
    """`build`, except that a build that fails leaves a site whose every address is the page
    of problems, rather than an error that the preview server would wait on forever."""
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.utils import DuplicateFilter, clean_directory

    from keepitlocal.render.preview import problem_page

    failed = False

    def quiet_while_failed(record: logging.LogRecord) -> bool:
        # Each page shown in place of the problems is a "404" to the server: not worth a warning.
        return not (failed and record.getMessage().endswith(" code 404"))

    logging.getLogger("mkdocs.livereload").addFilter(quiet_while_failed)

    def build_or_show_problems(config, **options) -> None:
        nonlocal failed
        failed = False
        try:
            build(config, **options)
        except Exception as error:  # noqa: BLE001 - whatever stops the build, the preview says so
            cause = error.__context__ if isinstance(error, Abort) else error
            if isinstance(cause, BuildError):
                message = str(cause)  # MkDocs has just printed it, in full, as an ERROR
                # MkDocs prints each message of its build once per run, so the same problems
                # after the next save would go unsaid: forget that this one was printed.
                for log_filter in logging.getLogger("mkdocs.commands.build").filters:
                    if isinstance(log_filter, DuplicateFilter):
                        log_filter.msgs.discard(message)
            else:
                traceback.print_exc()
                message = f"The site could not be built: {type(error).__name__}: {error}"
            # The preview server answers any address it has no file for with 404.html.
            clean_directory(config.site_dir)
            page = problem_page(message, epoch=round(time.monotonic() * 1000), site_name=config.site_name)
            Path(config.site_dir, "404.html").write_text(page, encoding="utf-8")
            failed = True
            print(f"The preview at {config.site_url} shows these problems in place of every page, "
                  "and tries again when you save a file.", file=sys.stderr, flush=True)

    return build_or_show_problems


if __name__ == "__main__":
    sys.exit(main(sys.argv))
