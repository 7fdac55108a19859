"""Python bytecode for the browser, compiled once at build time instead of on every visit.

Pyodide's npm package ships the standard library as .py sources, so each page load compiled
every module it imported, on the reader's device: on this machine that was about 3 s of a 5 s
start (the longest main-thread task 3.7 s), and phones are slower. Sourceless .pyc files
skip that work (measured in BENCHMARKS.md).

A .pyc only loads in the interpreter version that wrote it (its magic number), and the
build machine's CPython is not the browser's, so the compiling is done by Pyodide itself:
Node runs the very `pyodide.mjs` the site ships (`bytecode.mjs`), which runs
`bytecode_compiler.py`. Results are cached by content, so rebuilds cost nothing.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
COMPILER = HERE / "bytecode_compiler.py"
RUNNER = HERE / "bytecode.mjs"


class CompileFailed(RuntimeError):
    """Node or Pyodide could not produce the bytecode; the build must not ship sources silently."""


def _key(pyodide_dir: Path, sources: bytes) -> str:
    digest = hashlib.sha256()
    for part in (
        COMPILER.read_bytes(),
        RUNNER.read_bytes(),
        (pyodide_dir / "package.json").read_bytes(),
        sources,
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def compile_zips(pyodide_dir: Path, zips: dict[str, bytes], cache_dir: Path) -> dict[str, bytes]:
    """Each source zip, compiled to bytecode by the Pyodide in `pyodide_dir` (same keys)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = {name: cache_dir / f"{_key(pyodide_dir, data)}.zip" for name, data in zips.items()}
    missing = [name for name, path in cached.items() if not path.is_file()]
    if missing:
        node = shutil.which("node")
        if node is None:
            raise CompileFailed("Node.js is needed to compile the browser's Python: `make setup`")
        with tempfile.TemporaryDirectory(prefix="ef-bytecode-") as work:
            in_dir, out_dir = Path(work, "in"), Path(work, "out")
            in_dir.mkdir()
            out_dir.mkdir()
            for index, name in enumerate(missing):
                (in_dir / f"{index:03}.zip").write_bytes(zips[name])
            command = [
                node,
                str(RUNNER),
                str(pyodide_dir),
                str(COMPILER),
                str(in_dir),
                str(out_dir),
            ]
            done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
            if done.returncode != 0:
                raise CompileFailed(f"compiling Python in Pyodide failed:\n{done.stderr[-2000:]}")
            for index, name in enumerate(missing):
                # Written then renamed, so an interrupted build never leaves half a cache entry.
                partial = cached[name].with_suffix(".partial")
                partial.write_bytes((out_dir / f"{index:03}.zip").read_bytes())
                partial.replace(cached[name])
    return {name: path.read_bytes() for name, path in cached.items()}
