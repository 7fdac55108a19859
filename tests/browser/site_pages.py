"""The site's pages, known before it is built, so that each can be a test of its own."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def built_pages() -> list[str]:
    """Every page the build writes, by its path, known from the Markdown sources before the
    site is built: `index.md` is its folder's page, any other `name.md` the folder `name/`;
    and the 404 page."""
    pages = []
    for source in sorted(DOCS.rglob("*.md")):
        parts = source.relative_to(DOCS).with_suffix("").parts
        if parts[-1] == "index":
            parts = parts[:-1]
        pages.append("".join(f"{part}/" for part in parts))
    return [*pages, "404.html"]
