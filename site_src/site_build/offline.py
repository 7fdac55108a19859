"""Offline, by choice: the web app manifest, its icons and the service worker, after the build.

Nothing here runs in a reader's browser unless they ask: the privacy page's "Make available
offline" button (ef-offline.js) registers `sw.js`, which stores every built file, each
checked against the sha256 listed here. The worker's text changes with any file of the site,
so a new build replaces the old copy. Must run last, when every file of the site is final.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from html import escape
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw

from worksheets import contract

#: Filled in after the build, when the size of the whole site is known.
SIZE_SLOT = "<span data-ef-offline-size></span>"
WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
SVG_ICON = "assets/images/favicon.svg"
PNG_SIZES = (192, 512)
THEME_COLOUR = "#5e35b1"
#: Not part of the offline copy: the worker itself, and instructions for the host.
NOT_CACHED = frozenset({WORKER, "_headers"})
_TEMPLATE = Path(__file__).with_name("sw.js")


@dataclass(frozen=True)
class OfflineCopy:
    version: str
    files: int
    size: int


def controls_html() -> str:
    """The controls the privacy page puts where it says `<!-- offline-controls -->`;
    ef-offline.js brings them to life, nothing runs before."""
    return (
        '<div class="ef-offline" data-ef-offline>'
        '<p class="ef-offline__status" id="ef-offline-status" role="status" data-state="off">'
        "This site is not stored on this device.</p>"
        '<p class="ef-offline__buttons">'
        '<button type="button" class="md-button md-button--primary" data-ef-offline="enable" '
        f"disabled>Make available offline ({SIZE_SLOT})</button> "
        '<button type="button" class="md-button" data-ef-offline="remove" disabled>'
        "Remove the offline copy</button></p></div>"
    )


def icon_png(size: int) -> bytes:
    """The favicon (two white bars on a rounded purple square) as a PNG, drawn large then
    reduced so its edges are smooth; the same bytes every build."""
    scale = size * 4 / 64  # the SVG's own units are 64 by 64
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=14 * scale, fill=THEME_COLOUR)
    for y in (26, 40):
        draw.line(
            (14 * scale, y * scale, 50 * scale, y * scale), fill="white", width=round(6 * scale)
        )
        for x in (14, 50):  # round line caps
            r = 3 * scale
            draw.ellipse((x * scale - r, y * scale - r, x * scale + r, y * scale + r), fill="white")
    out = BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def web_manifest(name: str, description: str) -> dict[str, object]:
    """What an installed copy is called and looks like; every address relative to the site."""
    icons: list[dict[str, str]] = [{"src": SVG_ICON, "sizes": "any", "type": "image/svg+xml"}]
    icons += [
        {"src": f"assets/images/icon-{px}.png", "sizes": f"{px}x{px}", "type": "image/png"}
        for px in PNG_SIZES
    ]
    return {
        "id": "./",
        "name": name,
        "short_name": name,
        "description": description,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }


def url_of(relative: str) -> str:
    """The address a file is asked for by, relative to the site root (index.html is a folder)."""
    if relative == "index.html":
        return "./"
    return relative.removesuffix("index.html") if relative.endswith("/index.html") else relative


def integrity(content: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii")


def megabytes(size: int) -> str:
    return f"about {max(1, round(size / 1_000_000))} MB"


def site_files(site_dir: Path) -> list[Path]:
    """What the offline copy holds: every served file but source maps (for developer tools)."""
    return sorted(
        path
        for path in site_dir.rglob("*")
        if path.is_file()
        and path.suffix != ".map"
        and path.relative_to(site_dir).as_posix() not in NOT_CACHED
    )


def worker_script(files: list[tuple[str, str]]) -> tuple[str, str]:
    """The worker's text for these [address, integrity] pairs, and its version."""
    listing = json.dumps(files, separators=(",", ":"))
    version = hashlib.sha256(listing.encode()).hexdigest()[:16]
    text = _TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("__CACHE_PREFIX__", contract.CACHE_PREFIX)
    return text.replace("__VERSION__", version).replace("__FILES__", listing), version


def write(site_dir: Path, name: str, description: str) -> OfflineCopy:
    """Write the manifest, icons and worker into a finished site; returns what it stores."""
    (site_dir / MANIFEST).write_text(
        json.dumps(web_manifest(name, description), indent=2) + "\n", encoding="utf-8"
    )
    for px in PNG_SIZES:
        (site_dir / f"assets/images/icon-{px}.png").write_bytes(icon_png(px))
    size = sum(path.stat().st_size for path in site_files(site_dir))
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if SIZE_SLOT in html:
            slot = SIZE_SLOT.replace("><", f">{escape(megabytes(size))}<")
            page.write_text(html.replace(SIZE_SLOT, slot), encoding="utf-8")
    files = site_files(site_dir)
    listing = [
        (url_of(path.relative_to(site_dir).as_posix()), integrity(path.read_bytes()))
        for path in files
    ]
    text, version = worker_script(listing)
    (site_dir / WORKER).write_text(text, encoding="utf-8")
    return OfflineCopy(version, len(files), sum(path.stat().st_size for path in files))
