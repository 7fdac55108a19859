"""The offline copy's build side: manifest, icons, and the worker's list of hashed files."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re

from PIL import Image

from site_build import offline


def _site(tmp_path):
    (tmp_path / "assets" / "images").mkdir(parents=True)
    (tmp_path / "privacy").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / "privacy" / "index.html").write_text(offline.controls_html())
    (tmp_path / "assets" / "images" / "favicon.svg").write_text("<svg/>")
    (tmp_path / "bundle.js").write_text("x")
    (tmp_path / "bundle.js.map").write_text("{}")
    (tmp_path / "_headers").write_text("/*\n")
    return tmp_path


def _listing(site):
    text = (site / "sw.js").read_text()
    return json.loads(re.search(r"const FILES = (\[.*?\]);", text).group(1)), text


def test_worker_lists_every_served_file_with_its_sha256(tmp_path):
    site = _site(tmp_path)
    copy = offline.write(site, "Equal Footing", "A guide.")
    files, text = _listing(site)
    assert sorted(path for path, _ in files) == [
        "./",
        "assets/images/favicon.svg",
        "assets/images/icon-192.png",
        "assets/images/icon-512.png",
        "bundle.js",
        "manifest.webmanifest",
        "privacy/",
    ]
    served = {"./": "index.html", "privacy/": "privacy/index.html"}
    for path, integrity in files:
        digest = hashlib.sha256((site / served.get(path, path)).read_bytes()).digest()
        assert integrity == "sha256-" + base64.b64encode(digest).decode()
    assert f'const VERSION = "{copy.version}";' in text
    assert "__FILES__" not in text
    assert "__VERSION__" not in text
    assert copy.files == len(files)


def test_a_changed_file_changes_the_worker_so_browsers_replace_the_copy(tmp_path):
    site = _site(tmp_path)
    first = offline.write(site, "Equal Footing", "")
    (site / "bundle.js").write_text("y")
    assert offline.write(site, "Equal Footing", "").version != first.version


def test_privacy_page_controls_start_disabled_and_get_the_size(tmp_path):
    site = _site(tmp_path)
    offline.write(site, "Equal Footing", "")
    html = (site / "privacy" / "index.html").read_text()
    assert html.count("disabled") == 2  # nothing works, or pretends to, before the script runs
    assert "Make available offline (<span data-ef-offline-size>about 1 MB</span>)" in html


def test_manifest_and_icons_make_it_installable(tmp_path):
    site = _site(tmp_path)
    offline.write(site, "Equal Footing", "A guide.")
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert (manifest["name"], manifest["start_url"], manifest["scope"]) == (
        "Equal Footing",
        "./",
        "./",
    )
    for icon in manifest["icons"]:
        assert (site / icon["src"]).is_file()
        if icon["type"] == "image/png":
            size = int(icon["sizes"].split("x")[0])
            assert Image.open(site / icon["src"]).size == (size, size)


def test_icons_are_the_same_bytes_every_build():
    assert offline.icon_png(192) == offline.icon_png(192)
    assert Image.open(io.BytesIO(offline.icon_png(192))).getpixel((96, 20))[:3] == (94, 53, 177)


def test_megabytes_never_says_zero():
    assert offline.megabytes(10) == "about 1 MB"
    assert offline.megabytes(17_400_000) == "about 17 MB"
