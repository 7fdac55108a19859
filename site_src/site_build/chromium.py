"""How this project starts Debian's Chromium, for the tests and the benchmark alike.

Playwright cannot download a browser here, so it drives /usr/bin/chromium. The flags keep
Chromium from calling home (component updates, sync, background networking), which would
both break the privacy audit and fail on a machine with no network.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-quic",
]
