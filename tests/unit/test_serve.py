"""The local server compresses like a real static host: real HTTP requests against it."""

from __future__ import annotations

import gzip
import http.client
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from site_build.serve import choose_coding, serve_in_background

CSS = b"body { color: #222; margin: 0 auto; }\n" * 400
HTML = b"<!doctype html><title>Home</title>" + b"<p>Everything you type stays here.</p>\n" * 300
WASM = b"\0asm\1\0\0\0" + bytes(20_000)
#: Already compressed: sent exactly as they are, whatever the browser accepts.
OPAQUE = {
    "a.png": b"\x89PNG\r\n\x1a\n" + bytes(5000),
    "b.zip": b"PK\x03\x04" + bytes(5000),
    "c.pdf": b"%PDF-1.7\n" + bytes(5000),
    "d.woff2": b"wOF2" + bytes(5000),
}
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Site:
    path: Path
    server: object
    host: str
    port: int

    def ask(self, target: str, method: str = "GET", **headers: str) -> Reply:
        """One request with exactly these headers (no Accept-Encoding unless given)."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.putrequest(method, target, skip_accept_encoding=True)
            for name, value in headers.items():
                connection.putheader(name.replace("_", "-"), value)
            connection.endheaders()
            response = connection.getresponse()
            return Reply(response.status, response.headers, response.read())
        finally:
            connection.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One server for the module (stopping one takes half a second)."""
    tmp_path = tmp_path_factory.mktemp("site")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.css").write_bytes(CSS)
    (tmp_path / "index.html").write_bytes(HTML)
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_bytes(HTML.replace(b"Home", b"Guide"))
    (tmp_path / "pyodide.asm.wasm").write_bytes(WASM)
    (tmp_path / "tiny.svg").write_bytes(b"<svg/>")
    for name, data in OPAQUE.items():
        (tmp_path / name).write_bytes(data)
    server, url = serve_in_background(tmp_path)
    address = urlsplit(url)
    try:
        yield Site(tmp_path, server, address.hostname, address.port)
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        ("gzip, deflate, br, zstd", "br"),  # what Chromium sends, on 127.0.0.1 too
        ("gzip, deflate", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("GZIP", "gzip"),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("identity", None),
        ("deflate, zstd", None),
        ("", None),
        ("gzip;q=nonsense, br;q=0.1", "br"),
    ],
)
def test_the_coding_follows_accept_encoding(header, coding):
    assert choose_coding(header) == coding


@pytest.mark.parametrize("coding", ["br", "gzip"])
@pytest.mark.parametrize(
    ("target", "original", "content_type"),
    [
        ("/assets/main.css", CSS, "text/css"),
        ("/", HTML, "text/html"),
        ("/guide/", HTML.replace(b"Home", b"Guide"), "text/html"),
        ("/pyodide.asm.wasm", WASM, "application/wasm"),
    ],
)
def test_text_and_wasm_are_sent_compressed_when_asked(site, coding, target, original, content_type):
    reply = site.ask(target, Accept_Encoding=coding)
    assert reply.status == 200
    assert reply.headers["Content-Encoding"] == coding
    assert reply.headers["Vary"] == "Accept-Encoding"
    assert reply.headers["Content-Type"].startswith(content_type)
    assert reply.headers["Cache-Control"] == "no-cache"
    assert reply.headers["Last-Modified"]
    assert int(reply.headers["Content-Length"]) == len(reply.body) < len(original) / 2
    assert DECODE[coding](reply.body) == original


@pytest.mark.parametrize("headers", [{}, {"Accept_Encoding": "identity"}])
def test_text_is_sent_as_it_is_when_compression_is_not_asked_for(site, headers):
    reply = site.ask("/assets/main.css", **headers)
    assert reply.status == 200
    assert reply.headers["Content-Encoding"] is None
    assert reply.headers["Vary"] == "Accept-Encoding"  # a shared cache must not mix them up
    assert int(reply.headers["Content-Length"]) == len(CSS)
    assert reply.body == CSS


@pytest.mark.parametrize("name", list(OPAQUE))
def test_compressed_formats_are_never_compressed_again(site, name):
    reply = site.ask(f"/{name}", Accept_Encoding="gzip, deflate, br, zstd")
    assert reply.status == 200
    assert reply.headers["Content-Encoding"] is None
    assert reply.headers["Vary"] is None
    assert int(reply.headers["Content-Length"]) == len(OPAQUE[name])
    assert reply.body == OPAQUE[name]


def test_a_file_that_would_not_shrink_goes_as_it_is(site):
    reply = site.ask("/tiny.svg", Accept_Encoding="br, gzip")
    assert reply.headers["Content-Encoding"] is None
    assert reply.headers["Vary"] == "Accept-Encoding"
    assert reply.body == b"<svg/>"


@pytest.mark.parametrize("coding", ["br", "gzip", None])
def test_head_sends_the_headers_get_would_send_and_no_body(site, coding):
    headers = {"Accept_Encoding": coding} if coding else {}
    get = site.ask("/assets/main.css", **headers)
    head = site.ask("/assets/main.css", "HEAD", **headers)
    assert head.status == 200
    assert head.body == b""
    for name in ("Content-Type", "Content-Encoding", "Content-Length", "Vary", "Last-Modified"):
        assert head.headers[name] == get.headers[name], name


def test_each_file_is_compressed_once_until_it_changes(site):
    css = site.path / "assets" / "rebuilt.css"
    css.write_bytes(CSS)
    compressed = site.server.compressed
    before = compressed.compressions
    first = site.ask("/assets/rebuilt.css", Accept_Encoding="gzip")
    again = site.ask("/assets/rebuilt.css", Accept_Encoding="gzip")
    site.ask("/assets/rebuilt.css", "HEAD", Accept_Encoding="gzip")
    assert again.body == first.body
    assert compressed.compressions == before + 1
    site.ask("/assets/rebuilt.css", Accept_Encoding="br")
    assert compressed.compressions == before + 2  # one copy per coding

    changed = CSS.replace(b"#222", b"#333")  # same size: the new time alone tells
    css.write_bytes(changed)
    stat = css.stat()
    os.utime(css, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    rebuilt = site.ask("/assets/rebuilt.css", Accept_Encoding="gzip")
    assert gzip.decompress(rebuilt.body) == changed
    assert compressed.compressions == before + 3


def test_what_the_server_did_before_still_works(site):
    # A folder without its slash is redirected, as http.server does.
    moved = site.ask("/guide", Accept_Encoding="gzip")
    assert moved.status == 301
    assert moved.headers["Location"] == "/guide/"
    # A missing file, or a file asked for as a folder, is a 404.
    assert site.ask("/missing.css", Accept_Encoding="gzip").status == 404
    assert site.ask("/assets/main.css/", Accept_Encoding="gzip").status == 404
    # Revalidation: an unchanged file is a 304 with no body, compressed or not.
    first = site.ask("/assets/main.css", Accept_Encoding="br")
    since = first.headers["Last-Modified"]
    unchanged = site.ask("/assets/main.css", Accept_Encoding="br", If_Modified_Since=since)
    assert unchanged.status == 304
    assert unchanged.body == b""
    assert unchanged.headers["Vary"] == "Accept-Encoding"
    png_since = site.ask("/a.png").headers["Last-Modified"]
    assert site.ask("/a.png", If_Modified_Since=png_since).status == 304
    stale = site.ask("/assets/main.css", If_Modified_Since="Thu, 01 Jan 1970 00:00:00 GMT")
    assert stale.status == 200
    assert stale.body == CSS
