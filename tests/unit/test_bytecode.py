"""Bytecode for the browser: the compiler (run here in CPython, in Pyodide at build time) and
its cache. The browser tests prove Pyodide loads what the build compiled."""

from __future__ import annotations

import importlib
import importlib.util
import io
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from site_build import bytecode
from site_build.bytecode_compiler import UNCHECKED_HASH, compile_zip

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


SOURCES = _zip(
    {
        "efdemo/__init__.py": b'"""A package."""\nfrom efdemo.inner import twice\n',
        "efdemo/inner.py": b"def twice(x):\n    return 2 * x\n",
        "efdemo/data.txt": b"kept as it is",
        "efdemo/broken.py": b"def (:\n",
    }
)


@pytest.fixture
def imported_from(tmp_path):
    """Import `efdemo` from a zip on sys.path, then forget it again."""
    added: list[str] = []

    def load(archive: bytes):
        path = tmp_path / f"archive{len(added)}.zip"
        path.write_bytes(archive)
        sys.path.insert(0, str(path))
        added.append(str(path))
        importlib.invalidate_caches()
        return importlib.import_module("efdemo")

    yield load
    for path in added:
        sys.path.remove(path)
    for name in [n for n in sys.modules if n == "efdemo" or n.startswith("efdemo.")]:
        del sys.modules[name]


def test_sources_become_sourceless_bytecode_that_imports(imported_from):
    compiled = compile_zip(SOURCES)
    names = zipfile.ZipFile(io.BytesIO(compiled)).namelist()
    assert names == [
        "efdemo/__init__.pyc",
        "efdemo/broken.py",
        "efdemo/data.txt",
        "efdemo/inner.pyc",
    ]
    package = imported_from(compiled)
    assert package.twice(21) == 42
    assert package.__spec__.origin.endswith("efdemo/__init__.pyc")
    assert sys.modules["efdemo.inner"].__spec__.origin.endswith("inner.pyc")


def test_a_file_that_does_not_compile_stays_source_and_fails_as_before(imported_from):
    imported_from(compile_zip(SOURCES))
    with pytest.raises(SyntaxError):
        importlib.import_module("efdemo.broken")


def test_header_is_an_unchecked_source_hash_so_output_is_reproducible():
    first, second = compile_zip(SOURCES), compile_zip(SOURCES)
    assert first == second
    pyc = zipfile.ZipFile(io.BytesIO(first)).read("efdemo/inner.pyc")
    assert pyc[:4] == importlib.util.MAGIC_NUMBER
    assert int.from_bytes(pyc[4:8], "little") == UNCHECKED_HASH
    assert pyc[8:16] == importlib.util.source_hash(b"def twice(x):\n    return 2 * x\n")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs Pyodide at build time")
def test_pyodide_compiles_once_then_the_cache_answers(tmp_path, monkeypatch):
    """The real path: Node runs the site's Pyodide. Then, with Node gone, the cache serves."""
    compiled = bytecode.compile_zips(PYODIDE, {"demo": SOURCES}, tmp_path)["demo"]
    pyc = zipfile.ZipFile(io.BytesIO(compiled)).read("efdemo/inner.pyc")
    assert pyc[:4] != importlib.util.MAGIC_NUMBER, "compiled for the browser's Python, not ours"
    assert int.from_bytes(pyc[4:8], "little") == UNCHECKED_HASH
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert bytecode.compile_zips(PYODIDE, {"again": SOURCES}, tmp_path)["again"] == compiled
    with pytest.raises(bytecode.CompileFailed, match=r"Node\.js is needed"):
        bytecode.compile_zips(PYODIDE, {"new": _zip({"x.py": b"x = 1\n"})}, tmp_path)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs Pyodide at build time")
def test_a_failing_compile_stops_the_build(tmp_path):
    broken = tmp_path / "pyodide"
    broken.mkdir()
    (broken / "package.json").write_text('{"version": "0"}')
    with pytest.raises(bytecode.CompileFailed, match="failed"):
        bytecode.compile_zips(broken, {"x": SOURCES}, tmp_path / "cache")
