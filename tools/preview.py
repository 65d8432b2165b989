"""Start the live preview (`mkdocs serve`) on a port of this computer, or say in one line why not.

    python tools/preview.py [PORT]        make serve  /  make serve PORT=8001

MkDocs answers a port already in use with a traceback; this says so in a sentence, with the
command to use another port, before starting it.
"""

from __future__ import annotations

import os
import socket
import sys

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
    print(f"Starting the preview at http://{HOST}:{port}/ (drafts included; Ctrl+C stops it)", flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{port}"])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv))
