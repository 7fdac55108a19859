"""The Content-Security-Policy of every built page: the browser, not our intentions, keeps
what a reader types on the device.

Run over the final HTML after the build, so every file is covered (the 404 page too) and the
hashes match the bytes served. The theme's few inline scripts are allowed by their sha256,
never by 'unsafe-inline'. A page that runs Python gets only what the runtime needs on top.
`headers_file` writes the same policies for static hosts that read a `_headers` file, plus
what a <meta> tag cannot carry.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

#: Script types the browser runs as JavaScript (an absent type is JavaScript too). Anything else
#: (application/json config, PyScript's type="py") is data to the browser and needs no hash.
EXECUTABLE_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "importmap"}
)

#: PyScript's script types: Pyodide ("py") and MicroPython ("mpy", what the site runs).
PYTHON_TYPES = frozenset({"py", "mpy"})

#: The guide-page policy, measured with zero violations (shared/DESIGN.md).
BASE_POLICY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    # Material's CSS draws its icons as data: SVG images.
    ("img-src", ("'self'", "data:")),
    ("script-src", ("'self'",)),
    ("style-src", ("'self'",)),
    # Search runs in a same-origin worker; the opt-in offline copy is a same-origin service worker.
    ("worker-src", ("'self'",)),
    ("connect-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)

#: What a page running Python adds to script-src, and why. Nothing else is relaxed: PyScript
#: runs on the main thread (worker mode would also need blob: workers, and falls back to a CDN
#: when eval is blocked there, so it is not used).
PYTHON_SCRIPT_SRC = (
    # MicroPython's WebAssembly interpreter is compiled in the page.
    "'wasm-unsafe-eval'",
    # PyScript 0.7.31 builds its hook functions with Function(...), even on the main thread.
    "'unsafe-eval'",
)

#: Only an HTTP header can forbid framing (click-jacking); a <meta> policy ignores it.
HEADER_ONLY = "frame-ancestors 'none'"

#: For every file: no MIME sniffing, no referrer, and no powerful feature but one. The camera
#: stays available to the site itself: a worksheet's "Scan my partner's screen" asks for
#: it (ef-code-reader.js reads the answer code), only when that button is pressed.
COMMON_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    (
        "Permissions-Policy",
        "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), "
        "bluetooth=(), midi=(), accelerometer=(), gyroscope=(), magnetometer=(), "
        "display-capture=(), idle-detection=(), browsing-topics=()",
    ),
)

_OUR_META = re.compile(
    r'<meta http-equiv="Content-Security-Policy" content="[^"]*">'
    r'|<meta name="referrer" content="no-referrer">'
)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.IGNORECASE)


class CspError(ValueError):
    """The page has something a strict policy would silently break; the build stops."""


class _Scan(HTMLParser):
    """Inline executable scripts, whether the page runs Python, and what the policy forbids."""

    def __init__(self) -> None:
        # Script text is read raw, as the browser hashes it.
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.runs_python = False
        self.forbidden: list[str] = []
        self._inline: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        for name in found:
            if name.startswith("on"):
                self.forbidden.append(f"<{tag} {name}=...> (inline event handler)")
        if "style" in found:
            self.forbidden.append(f"<{tag} style=...> (inline style)")
        if tag == "style":
            self.forbidden.append("<style> element (inline style)")
        if tag == "script":
            kind = found.get("type", "").strip().lower()
            self.runs_python = self.runs_python or kind in PYTHON_TYPES
            if "src" not in found and kind in EXECUTABLE_TYPES:
                self._inline = []

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline is not None:
            self.scripts.append("".join(self._inline))
            self._inline = None


def sha256_source(script: str) -> str:
    """The CSP source that allows exactly this inline script text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(_OUR_META.sub("", html))
    parser.close()
    return parser


def policy(script_hashes: Iterable[str], runs_python: bool) -> str:
    """The policy for one page: the base, its inline scripts' hashes, the runtime's needs."""
    extra = [*dict.fromkeys(script_hashes), *(PYTHON_SCRIPT_SRC if runs_python else ())]
    return "; ".join(
        " ".join((name, *values, *(extra if name == "script-src" else ())))
        for name, values in BASE_POLICY
    )


def page_policy(html: str) -> str:
    """The policy `html` needs, computed from the page itself; refuses what CSP would break."""
    found = scan(html)
    if found.forbidden:
        raise CspError("blocked by the Content-Security-Policy: " + "; ".join(found.forbidden))
    return policy(map(sha256_source, found.scripts), found.runs_python)


def apply(html: str) -> tuple[str, str]:
    """`html` with its policy and no-referrer <meta> tags first in <head>, and the policy.

    Earlier tags from a previous pass are replaced, so running twice changes nothing.
    """
    html = _OUR_META.sub("", html)
    content = page_policy(html)
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{content}">'
        '<meta name="referrer" content="no-referrer">'
    )
    # After <meta charset> (which must come first), before any script or stylesheet.
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise CspError("the page has no <head> to put its Content-Security-Policy in")
    return html[: anchor.end()] + tags + html[anchor.end() :], content


def url_paths(relative: str) -> list[str]:
    """The URL paths a built HTML file is served at (directory URLs serve index.html)."""
    if relative == "index.html":
        return ["/", "/index.html"]
    if relative.endswith("/index.html"):
        return [f"/{relative.removesuffix('index.html')}", f"/{relative}"]
    return [f"/{relative}"]


def headers_file(policies: dict[str, str]) -> str:
    """Netlify / Cloudflare Pages `_headers`: common headers for all, each page's policy.

    Rules are exact paths: a wildcard would merge two pages' policies (both enforced, so both
    pages' hashes would be needed). Cloudflare Pages reads at most 100 rules.
    """
    lines = ["# Written by the build (site_build.csp): edit the code, not this file.", "/*"]
    lines += [f"  {name}: {value}" for name, value in COMMON_HEADERS]
    lines += ["/sw.js", "  Cache-Control: no-cache"]
    for relative, content in sorted(policies.items()):
        for path in url_paths(relative):
            lines += [path, f"  Content-Security-Policy: {content}; {HEADER_ONLY}"]
    return "\n".join(lines) + "\n"


def secure_site(site_dir: Path) -> dict[str, str]:
    """Give every built HTML file its policy, write `_headers`; returns {file: policy}."""
    policies: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        try:
            html, policies[relative] = apply(path.read_text(encoding="utf-8"))
        except CspError as error:
            raise CspError(f"{relative}: {error}") from None
        path.write_text(html, encoding="utf-8")
    (site_dir / "_headers").write_text(headers_file(policies), encoding="utf-8")
    return policies
