"""Serve a built site on 127.0.0.1 with the MIME types a module script and wasm need.

Used by `make serve`, by the browser tests and by the benchmark, so all three see the same
server. It binds to loopback only: the site is for this device.

Like a real static host (GitHub Pages, Netlify, nginx with `gzip on`), it sends text-like
files compressed when the browser accepts it: Brotli, else gzip, at the levels hosts use
on the fly (quality 5, level 6; `make dist`'s pre-compressed copies are a little smaller).
Each file is compressed once and kept in memory until its size or time changes. So what the
tests and the benchmark measure over the wire is what a reader downloads from a real host.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import email.utils
import functools
import gzip
import io
import os
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

import brotli

from site_build.dist import COMPRESSIBLE

TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".md": "text/markdown; charset=utf-8",
    ".zip": "application/zip",
    ".py": "text/x-python; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
}

#: Content codings the server can send, in order of preference (smallest first).
CODINGS: dict[str, Callable[[bytes], bytes]] = {
    "br": functools.partial(brotli.compress, quality=5),
    "gzip": functools.partial(gzip.compress, compresslevel=6, mtime=0),
}


def choose_coding(accept_encoding: str) -> str | None:
    """The coding to send for an Accept-Encoding header, or None for the bytes as they are.

    The highest weight wins, ties going to the smaller coding; `*` stands for any coding the
    header does not name, and `q=0` refuses one.
    """
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        name, *params = (part.strip() for part in item.split(";"))
        if not name:
            continue
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.lower()] = weight
    best: tuple[float, str] | None = None
    for coding in CODINGS:
        weight = weights.get(coding, weights.get("*", 0.0))
        if weight > 0 and (best is None or weight > best[0]):
            best = (weight, coding)
    return best[1] if best else None


class CompressedFiles:
    """Each file's compressed bytes, per coding, made once and kept while its size and
    modification time stay the same (a rebuilt file is compressed again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._file_locks: dict[tuple[str, str], threading.Lock] = {}
        self._entries: dict[tuple[str, str], tuple[tuple[int, int], bytes | None]] = {}
        #: How many times a file was actually compressed (the tests read it).
        self.compressions = 0

    def get(self, path: Path, stat: os.stat_result, coding: str) -> bytes | None:
        """`path` compressed with `coding`, or None when that would not make it smaller."""
        key = (str(path), coding)
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            file_lock = self._file_locks.setdefault(key, threading.Lock())
        # One thread compresses a file while others asking for the same one wait for it.
        with file_lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] != stamp:
                data = path.read_bytes()
                packed = CODINGS[coding](data)
                entry = (stamp, packed if len(packed) < len(data) else None)
                self._entries[key] = entry
                self.compressions += 1
            return entry[1]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    compressed: CompressedFiles


class _Handler(SimpleHTTPRequestHandler):
    quiet = False
    server: _Server

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """Ours first (module scripts, wasm...), then what http.server would say."""
        return TYPES.get(os.path.splitext(path)[1].lower()) or super().guess_type(path)

    def end_headers(self) -> None:
        # Revalidate every time: a rebuilt site is never mixed with a stale cached file.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def send_head(self) -> BinaryIO | None:
        """A compressible file is answered here (compressed if the browser accepts it, with
        `Vary: Accept-Encoding` either way); anything else exactly as http.server does:
        directory redirects and listings, 404s, other files."""
        path = self._compressible_file()
        if path is None:
            return super().send_head()
        try:
            stat = path.stat()
        except OSError:
            return super().send_head()
        if self._not_modified_since(stat.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        coding = choose_coding(self.headers.get("Accept-Encoding", ""))
        body = self.server.compressed.get(path, stat, coding) if coding else None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-type", self.guess_type(str(path)))
        self.send_header("Vary", "Accept-Encoding")
        if body is None or coding is None:
            file: BinaryIO = path.open("rb")
            length = os.fstat(file.fileno()).st_size
        else:
            self.send_header("Content-Encoding", coding)
            file, length = io.BytesIO(body), len(body)
        self.send_header("Content-Length", str(length))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return file

    def _compressible_file(self) -> Path | None:
        """The file a GET of this URL serves, if it is one worth compressing."""
        translated = self.translate_path(self.path)
        path = Path(translated)
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return None  # http.server redirects to the URL with a slash
            path = path / "index.html"
        elif translated.endswith("/"):
            return None  # a file asked for as a folder: http.server answers 404
        if path.suffix.lower() not in COMPRESSIBLE or not path.is_file():
            return None
        return path

    def _not_modified_since(self, mtime: float) -> bool:
        """http.server's own If-Modified-Since rule, for the files answered here."""
        if "If-Modified-Since" not in self.headers or "If-None-Match" in self.headers:
            return False
        try:
            since = email.utils.parsedate_to_datetime(self.headers["If-Modified-Since"])
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=datetime.UTC)
        if since.tzinfo is not datetime.UTC:
            return False
        modified = datetime.datetime.fromtimestamp(mtime, datetime.UTC).replace(microsecond=0)
        return modified <= since


def make_server(site: Path, port: int = 0, quiet: bool = True) -> ThreadingHTTPServer:
    """A server for `site` on 127.0.0.1 (port 0 picks a free one); call serve_forever()."""
    handler = type("Handler", (_Handler,), {"quiet": quiet})
    server = _Server(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    server.compressed = CompressedFiles()
    return server


def serve_in_background(site: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a quiet server on a free port in a daemon thread; returns it and its base URL."""
    server = make_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.site, args.port, quiet=False)
    print(f"Serving {args.site} on http://127.0.0.1:{args.port}/ (Ctrl+C stops)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
