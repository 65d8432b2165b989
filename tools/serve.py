"""Serve a built site on 127.0.0.1 the way GitHub Pages does: gzip for text, 404.html for
missing pages, directory addresses ending in /index.html. For tests, screenshots and audits.

    python tools/serve.py SITE_DIR [--port 8000] [--prefix /keep-it-local/]

`prefix` is the path the site lives under (site_url's path), so absolute links in 404.html work.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import threading
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, root: Path, prefix: str, **kwargs):
        self.root, self.prefix = root, prefix
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # quiet: tests and audits read their own output
        pass

    def do_HEAD(self):
        self._respond(head=True)

    def do_GET(self):
        self._respond(head=False)

    def _redirect(self, location: str):
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _respond(self, head: bool):
        path = unquote(urlsplit(self.path).path)
        if path + "/" == self.prefix:
            return self._redirect(self.prefix)
        target = None
        if path.startswith(self.prefix):
            target = (self.root / path[len(self.prefix):].lstrip("/")).resolve()
            if target != self.root and self.root not in target.parents:
                target = None
            elif target.is_dir():
                if not path.endswith("/"):
                    return self._redirect(path + "/")
                target = target / "index.html"
        status = 200
        if target is None or not target.is_file():
            status, target = 404, self.root / "404.html"
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind == "application/javascript":
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        if not head:
            self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that closes a connection early is normal; anything else is reported."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@contextmanager
def serving(site_dir: Path, prefix: str = "/", port: int = 0):
    """Serve `site_dir` in a background thread; yields the site's root address."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = partial(Handler, root=Path(site_dir).resolve(), prefix=prefix)
    server = Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--prefix", default="/")
    args = parser.parse_args()
    with serving(args.site_dir, args.prefix, args.port) as url:
        print(f"Serving {args.site_dir} at {url} (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
