"""Byte budget of a guide page: what a reader downloads before reading, counted exactly.

Every guide page (any page that is not a worksheet) must come in under 300 KB as a host sends
it, compressed (gzip, as every static host and `make dist`'s copies do), with no Python at
all. The files are the page, the stylesheets, scripts and images it references, and what
Material's script fetches at once: the search worker and the search index. Timings live in
BENCHMARKS.md (`make bench`); bytes are exact, so they are tested here.
"""

from __future__ import annotations

import gzip
import json
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlparse

import pytest

import worksheets

BUDGET = 300 * 1024


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.config: dict | None = None
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        rel = found.get("rel", "").split()
        if tag == "link" and {"stylesheet", "icon", "modulepreload", "preload"} & set(rel):
            self.urls.append(found["href"])
        elif tag in ("script", "img") and found.get("src"):
            self.urls.append(found["src"])
        self._in_config = tag == "script" and found.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config = json.loads(data)
            self._in_config = False


def page_files(site: Path, relative: str) -> list[Path]:
    """The built files a page loads at once: itself, what it references, search's files."""
    page_url = "http://site/" + relative.removesuffix("index.html")
    parser = _References()
    parser.feed((site / relative).read_text(encoding="utf-8"))
    urls = list(parser.urls)
    if parser.config and "search" in parser.config:
        base = urljoin(page_url, parser.config["base"] + "/")
        urls += [
            urljoin(page_url, parser.config["search"]),
            urljoin(base, "search/search_index.json"),
        ]
    files = [site / relative]
    for url in urls:
        absolute = urlparse(urljoin(page_url, url))
        if absolute.scheme in ("http", "https") and absolute.netloc == "site":
            files.append(site / PurePosixPath(absolute.path).relative_to("/"))
    return list(dict.fromkeys(files))


def guide_pages(site: Path) -> list[str]:
    worksheet_pages = {f"worksheets/{ws.id}/index.html" for ws in worksheets.catalogue().values()}
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if p.relative_to(site).as_posix() not in worksheet_pages
    ]


def test_page_files_finds_what_a_guide_page_loads(built_site):
    names = {p.name for p in page_files(built_site.path, "guide/patterns/index.html")}
    assert "index.html" in names
    assert "search_index.json" in names
    assert any(n.startswith("bundle.") and n.endswith(".js") for n in names)
    assert any(n.startswith("main.") and n.endswith(".css") for n in names)
    assert any(n.startswith("search.") and n.endswith(".js") for n in names)  # the worker


@pytest.mark.parametrize("relative", ["index.html", "guide/patterns/index.html", "faq/index.html"])
def test_guide_page_is_under_300_kb_compressed_with_no_python(built_site, relative):
    files = page_files(built_site.path, relative)
    missing = [str(f) for f in files if not f.is_file()]
    assert missing == [], missing
    assert not [f for f in files if "runtime" in f.parts], "a guide page loads no Python"
    raw = {f.relative_to(built_site.path).as_posix(): f.read_bytes() for f in files}
    sent = {name: len(gzip.compress(data, compresslevel=6)) for name, data in raw.items()}
    detail = ", ".join(f"{n} {sent[n] / 1024:.0f} KB" for n in sorted(sent, key=sent.get)[::-1])
    total = sum(sent.values())
    assert total < BUDGET, (
        f"{total / 1024:.0f} KB compressed (raw {sum(map(len, raw.values())) / 1024:.0f} KB): {detail}"
    )


def test_every_guide_page_is_within_budget(built_site):
    over = {}
    for relative in guide_pages(built_site.path):
        files = page_files(built_site.path, relative)
        sent = sum(len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in files)
        if sent >= BUDGET or any("runtime" in f.parts for f in files):
            over[relative] = sent
    assert over == {}
