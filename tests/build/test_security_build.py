"""What the built files promise about CSP, leaving and the offline copy, before any browser.

Hashes are recomputed here from each page by a different route (a regular expression, not
the build's parser), so a mistake in one does not hide in the other.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from site_build import offline

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _pages(site):
    return {p.relative_to(site).as_posix(): p.read_text() for p in sorted(site.rglob("*.html"))}


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_every_page_allows_exactly_its_own_inline_scripts(built_site):
    pages = _pages(built_site.path)
    assert "404.html" in pages
    for name, html in pages.items():
        assert len(META.findall(html)) == 1, name
        assert html.count('<meta name="referrer" content="no-referrer">') == 1, name
        head = html[: html.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), name
        script_src = _directives(META.search(html).group(1))["script-src"]
        hashes = sorted(s for s in script_src if s.startswith("'sha256-"))
        assert hashes == sorted({_sha(s) for s in INLINE_SCRIPT.findall(html)}), name
        assert "'unsafe-inline'" not in script_src, name


def test_only_pages_running_python_may_eval(built_site):
    for name, html in _pages(built_site.path).items():
        directives = _directives(META.search(html).group(1))
        evals = [s for s in directives["script-src"] if "eval" in s]
        expected = ["'wasm-unsafe-eval'", "'unsafe-eval'"] if 'type="mpy"' in html else []
        assert evals == expected, name
        assert directives["connect-src"] == ["'self'"], name
        assert directives["object-src"] == ["'none'"], name


def test_headers_file_repeats_each_pages_policy_and_forbids_framing(built_site):
    rules = (built_site.path / "_headers").read_text().split("\n/")
    by_path = {"/" + rule.split("\n")[0].lstrip("/"): rule for rule in rules[1:]}
    for name, html in _pages(built_site.path).items():
        path = "/" + name.removesuffix("index.html")
        expected = f"Content-Security-Policy: {META.search(html).group(1)}; frame-ancestors 'none'"
        assert expected in by_path[path], name
    assert "camera=(self)" in by_path["/*"]
    assert len(by_path) <= 100  # Cloudflare Pages reads at most 100 rules


def test_every_page_offers_leave_quickly_to_the_configured_page(built_site):
    config = yaml_load((ROOT / "mkdocs.yml").read_text())  # MkDocs' loader: it has !ENV
    destination = config["extra"]["quick_exit"]["url"]
    for name, html in _pages(built_site.path).items():
        assert f'href="{destination}" class="ef-quick-exit" data-ef-quick-exit' in html, name
        assert f'ef-leave.js" data-destination="{destination}"' in html, name
        assert '<link rel="manifest"' in html, name


def test_the_offline_copy_lists_every_file_as_served(built_site):
    text = (built_site.path / "sw.js").read_text()
    files = dict(json.loads(re.search(r"const FILES = (\[.*?\]);", text).group(1)))
    expected = {
        offline.url_of(p.relative_to(built_site.path).as_posix())
        for p in built_site.path.rglob("*")
        if p.is_file() and p.suffix != ".map" and p.name not in ("sw.js", "_headers")
    }
    assert set(files) == expected
    wasm = next(path for path in files if path.endswith("micropython.wasm"))
    digest = hashlib.sha256((built_site.path / wasm).read_bytes()).digest()
    assert files[wasm] == "sha256-" + base64.b64encode(digest).decode()


def test_privacy_page_has_the_offline_controls_and_nothing_else_does(built_site):
    for name, html in _pages(built_site.path).items():
        has = 'data-ef-offline="enable"' in html
        assert has == (name == "privacy/index.html"), name
    privacy = (built_site.path / "privacy" / "index.html").read_text()
    assert re.search(r"data-ef-offline-size>about \d+ MB<", privacy)
