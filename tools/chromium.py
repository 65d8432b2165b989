"""The Chromium the project's tools drive (Debian's, or CHROME_PATH), and the flags it needs on a
closed machine run as root: no sandbox, no GPU, no calls home."""

import os

CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run"]
