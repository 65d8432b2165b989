"""Serve a built site the way GitHub Pages serves a project site, on 127.0.0.1, for tests.

The site lives under a sub-path (`/keep-it-local/`); anything outside it is a bare 404. Inside
it, a folder is served by its index.html (and an address without the trailing slash is
redirected to one with it), and a missing file gets the site's 404.html with status 404.
"""

from __future__ import annotations

import contextlib
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


def _handler(site_dir: Path, prefix: str):
    root = site_dir.resolve()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self._serve(send_body=True)

        def do_HEAD(self):
            self._serve(send_body=False)

        def _serve(self, send_body: bool):
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                return self._send(404, b"Not found", "text/plain", send_body)
            target = (root / path[len(prefix):]).resolve()
            if target != root and root not in target.parents:
                return self._send(404, b"Not found", "text/plain", send_body)
            if target.is_dir():
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    return self.end_headers()
                target = target / "index.html"
            if target.is_file():
                media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                return self._send(200, target.read_bytes(), media_type, send_body)
            missing = root / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"Not found"
            return self._send(404, body, "text/html", send_body)

        def _send(self, status: int, body: bytes, media_type: str, send_body: bool):
            self.send_response(status)
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@contextlib.contextmanager
def serve_site(site_dir: Path, prefix: str = "/keep-it-local/"):
    """Yield the base address (`http://127.0.0.1:PORT/keep-it-local/`) while the site is served."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site_dir, prefix))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
