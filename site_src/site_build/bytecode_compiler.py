"""Turn a zip of Python sources into a zip of bytecode for the interpreter running this file.

Runs inside Pyodide at build time (see `bytecode.py`), so the magic number and the bytecode
are exactly those of the browser's interpreter; it runs unchanged in CPython for the tests.
Standard library only: it is executed on its own, not imported from `site_build`.

Each `x.py` becomes `x.pyc` beside it, with no source (as `pyodide py-compile` does): zipimport
and the file-system importer both load such "sourceless" modules directly. The .pyc header
is the hash-based, unchecked kind (PEP 552), holding the source's hash instead of a time, so
the same sources always give the same bytes.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import marshal
import zipfile

#: Zip entries get this fixed time, so the archive does not depend on when it was made.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

#: PEP 552 flags: hash-based (bit 0) and not checked against a source (bit 1 clear).
UNCHECKED_HASH = 0b01


def bytecode(source: bytes, filename: str) -> bytes:
    """The .pyc file for `source`; tracebacks will name `filename`."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=0)
    return (
        importlib.util.MAGIC_NUMBER
        + UNCHECKED_HASH.to_bytes(4, "little")
        + importlib.util.source_hash(source)
        + marshal.dumps(code)
    )


def compile_zip(sources: bytes) -> bytes:
    """A zip where every .py of `sources` is replaced by its .pyc; other entries are kept.

    A file that does not compile for this interpreter (a module for another version or a
    test fixture with deliberate errors) stays as source: importing it fails as it would have.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(sources)) as source_zip,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in sorted(source_zip.infolist(), key=lambda info: info.filename):
            data = source_zip.read(entry)
            name = entry.filename
            if name.endswith(".py"):
                with contextlib.suppress(SyntaxError, ValueError):
                    data, name = bytecode(data, name), name + "c"
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()


def main(in_dir: str, out_dir: str) -> None:
    """Compile every zip in `in_dir` into `out_dir`, under the same name."""
    import os

    for name in sorted(os.listdir(in_dir)):
        with open(os.path.join(in_dir, name), "rb") as source:
            compiled = compile_zip(source.read())
        with open(os.path.join(out_dir, name), "wb") as target:
            target.write(compiled)
