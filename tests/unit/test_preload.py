"""Worksheet pages ask for the whole runtime at once (preload hints); guide pages for none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_build import code_reader, markers, runtime

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def located():
    return runtime.Runtime.locate(ROOT, ROOT / "site_src" / "browser" / "worksheet_page.py")


def test_every_hint_names_a_file_the_site_serves(located, tmp_path):
    written = {p.relative_to(tmp_path).as_posix() for p in located.write(tmp_path)}
    modules, fetched = located.preloaded("agreement")
    assert {str(p) for p in modules + fetched} <= written
    names = {p.name for p in modules + fetched}
    assert {"core.js", "micropython.mjs", "micropython.wasm"} <= names
    assert any(re.fullmatch(r"core-[\w-]+\.js", n) for n in names)  # core.js's own chunk
    # Every compiled module is asked for with the interpreter, not after it has started.
    assert {str(p) for p in located.module_paths("agreement")} <= {str(p) for p in fetched}
    assert "page.mpy" in names


def test_hints_match_how_the_runtime_fetches(located):
    head = located.head_tags("worksheets/agreement/", "agreement")
    assert head.index("ef-memory-idb.js") < head.index("rel=")  # the storage shim stays first
    fetches = re.findall(r'<link rel="preload" href="([^"]+)" as="fetch" crossorigin>', head)
    modules = re.findall(r'<link rel="modulepreload" href="([^"]+)">', head)
    assert fetches[0].startswith("../../runtime/micropython-")  # the largest file, asked first
    assert fetches[0].endswith(".wasm")
    assert all(url.startswith("../../runtime/") for url in fetches + modules)
    assert any(url.endswith("micropython.mjs") for url in modules)


def test_guide_pages_get_no_hint(located):
    reader = code_reader.CodeReader.locate(ROOT)
    build = markers.BuildContext((), located, reader)
    guide = markers.PageContext("guide/", "guide.md", {}, build)
    markers.prepare_page("# Guide", guide)
    assert "ef_runtime" not in guide.meta
