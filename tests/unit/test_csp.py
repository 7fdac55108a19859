"""The Content-Security-Policy pass: hashes, placement, page kinds, and the `_headers` file."""

from __future__ import annotations

import base64
import hashlib

import pytest

from site_build import csp

THEME_SCRIPT = 'var palette=__md_get("__palette");if(palette){x()}'
PAGE = (
    '<!doctype html><html><head>\n<meta charset="utf-8">\n<title>t</title>'
    '<link rel="stylesheet" href="a.css"><script src="ext.js"></script></head><body>'
    f"<script>{THEME_SCRIPT}</script>"
    '<script id="__config" type="application/json">{"a": 1}</script>'
    '<script type="module">import "./m.js";</script>'
    "</body></html>"
)
PYTHON_PAGE = PAGE.replace("</body>", '<script type="mpy">import page</script></body>')


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_inline_executable_script_is_hashed_and_nothing_else():
    policy = csp.page_policy(PAGE)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert script_src.split() == [
        "script-src",
        "'self'",
        _sha(THEME_SCRIPT),
        _sha('import "./m.js";'),
    ]
    assert "unsafe-inline" not in policy


def test_guide_page_policy_is_the_measured_strict_one():
    policy = csp.page_policy(PAGE).replace(f" {_sha(THEME_SCRIPT)}", "")
    policy = policy.replace(" " + _sha('import "./m.js";'), "")
    assert policy == (
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
        "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


@pytest.mark.parametrize("script_type", ["mpy", "py"])  # MicroPython (the site's) or Pyodide
def test_a_python_page_adds_only_the_runtime_evals(script_type):
    guide = csp.page_policy(PAGE)
    python = csp.page_policy(PYTHON_PAGE.replace('"mpy"', f'"{script_type}"'))
    assert python == guide.replace("'; style-src", "' 'wasm-unsafe-eval' 'unsafe-eval'; style-src")
    assert "blob:" not in python
    assert "sha256" not in python.split("'unsafe-eval'")[1]  # Python is not hashed as a script


def test_meta_tags_come_right_after_charset_once_even_when_run_twice():
    html, policy = csp.apply(PAGE)
    again, same = csp.apply(html)
    assert (again, same) == (html, policy)
    assert html.count('http-equiv="Content-Security-Policy"') == 1
    assert html.count('<meta name="referrer" content="no-referrer">') == 1
    meta = html.index("Content-Security-Policy")
    assert html.index('<meta charset="utf-8">') < meta < html.index("<script")
    assert meta < html.index("<link")
    assert f'content="{policy}"' in html


def test_a_page_without_charset_gets_the_tags_first_in_head():
    html, _ = csp.apply("<html><head><title>x</title></head><body></body></html>")
    assert html.startswith('<html><head><meta http-equiv="Content-Security-Policy"')


@pytest.mark.parametrize(
    "markup",
    [
        '<button onclick="go()">x</button>',
        '<p style="color: red">x</p>',
        "<style>p { color: red }</style>",
    ],
)
def test_what_the_policy_would_silently_block_stops_the_build(markup):
    with pytest.raises(csp.CspError):
        csp.apply(PAGE.replace("<body>", f"<body>{markup}"))


def test_headers_file_carries_each_policy_plus_what_meta_cannot():
    text = csp.headers_file({"index.html": "P1", "a/b/index.html": "P2", "404.html": "P3"})
    lines = text.splitlines()
    for path, policy in [("/", "P1"), ("/index.html", "P1"), ("/a/b/", "P2"), ("/404.html", "P3")]:
        rule = lines.index(path)
        assert lines[rule + 1] == f"  Content-Security-Policy: {policy}; frame-ancestors 'none'"
    common = lines[lines.index("/*") + 1 : lines.index("/*") + 5]
    assert "  X-Content-Type-Options: nosniff" in common
    assert "  Referrer-Policy: no-referrer" in common
    permissions = next(line for line in common if "Permissions-Policy" in line)
    assert "camera=(self)" in permissions
    assert "microphone=()" in permissions
    assert "geolocation=()" in permissions


def test_secure_site_covers_every_html_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "a" / "index.html").write_text(PYTHON_PAGE)
    (tmp_path / "404.html").write_text(PAGE)
    policies = csp.secure_site(tmp_path)
    assert sorted(policies) == ["404.html", "a/index.html", "index.html"]
    assert "'wasm-unsafe-eval'" in policies["a/index.html"]
    for name, policy in policies.items():
        assert f'content="{policy}"' in (tmp_path / name).read_text()
    assert "/a/\n" in (tmp_path / "_headers").read_text()
