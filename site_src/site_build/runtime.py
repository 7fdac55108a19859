"""The self-hosted Python runtime: what a worksheet page loads, all served by the site itself.

Pyodide and PyScript come from the npm packages pinned in package.json (never a CDN); the
`worksheets` package, its pure-Python dependencies and the page bridge travel as one
deterministic zip that PyScript unpacks next to the interpreter. That zip and Pyodide's
standard library are shipped as bytecode compiled by Pyodide itself at build time
(`bytecode.py`), so no reader's device compiles Python. Guide pages get none of it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path, PurePosixPath

from site_build import bytecode
from worksheets import contract

#: The Pyodide core a page needs. The npm package also ships demo pages that load from
#: CDNs (console.html...): they are deliberately not copied.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)

#: Pure-Python packages unpacked into the browser's Python, as installed in this environment
#: (so the browser runs the very versions the tests ran).
PYTHON_PACKAGES = ("worksheets", "markdown_it", "mdurl", "segno")

#: The bridge's module name in the browser: the page's <script type="py"> imports it.
BRIDGE_MODULE = "worksheet_page"

#: Pyodide's standard library, which the site ships compiled (same name: pyodide.mjs asks for it).
STDLIB_ZIP = "python_stdlib.zip"

#: Where, under the built site, the runtime lives.
RUNTIME_DIR = PurePosixPath("runtime")

#: Runs before PyScript and keeps its internal databases in memory (see the file itself).
MEMORY_IDB_SCRIPT = PurePosixPath("assets/javascripts/ef-memory-idb.js")

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class RuntimeMissing(RuntimeError):
    """The npm runtime is not installed; the build cannot produce working worksheet pages."""


def _version(package_dir: Path) -> str:
    return str(json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"])


def python_bundle(packages: tuple[str, ...] = PYTHON_PACKAGES, bridge: bytes = b"") -> bytes:
    """A byte-identical zip of the packages' .py files (and the bridge module, if given), for
    PyScript's `files` to unpack."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        if bridge:
            info = zipfile.ZipInfo(f"{BRIDGE_MODULE}.py", _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, bridge)
        for name in packages:
            spec = importlib.util.find_spec(name)
            if spec is None or not spec.submodule_search_locations:
                raise RuntimeMissing(f"the Python package {name!r} is not installed")
            root = Path(next(iter(spec.submodule_search_locations)))
            for path in sorted(root.rglob("*.py")):
                if "__pycache__" in path.parts:
                    continue
                info = zipfile.ZipInfo(f"{name}/{path.relative_to(root).as_posix()}", _FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                bundle.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _hashed(name: str, content: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-{hashlib.sha256(content).hexdigest()[:10]}{dot}{suffix}"


def _relative(target: PurePosixPath, page_url: str) -> str:
    """`target` (site-relative) as seen from a page at `page_url` (MkDocs style, e.g. 'a/b/')."""
    depth = len([part for part in page_url.split("/")[:-1] if part]) if page_url else 0
    return "../" * depth + str(target) if depth else f"./{target}"


@dataclass(frozen=True)
class Runtime:
    """Everything a worksheet page loads, with the names it has in the built site."""

    pyodide_dir: Path
    pyscript_dir: Path
    pyodide_version: str
    pyscript_version: str
    #: The packages and the bridge, as bytecode.
    bundle: bytes
    #: Pyodide's standard library, as bytecode.
    stdlib: bytes

    @classmethod
    def locate(cls, project_dir: Path, bridge: Path) -> Runtime:
        modules = project_dir / "node_modules"
        pyodide_dir, pyscript_dir = modules / "pyodide", modules / "@pyscript" / "core"
        for needed in (pyodide_dir / "pyodide.mjs", pyscript_dir / "dist" / "core.js"):
            if not needed.is_file():
                raise RuntimeMissing(
                    f"{needed} is missing: install the pinned runtime with `npm ci` "
                    "(`make build` does it)."
                )
        try:
            compiled = bytecode.compile_zips(
                pyodide_dir,
                {
                    "bundle": python_bundle(bridge=bridge.read_bytes()),
                    "stdlib": (pyodide_dir / STDLIB_ZIP).read_bytes(),
                },
                project_dir / ".cache" / "bytecode",
            )
        except bytecode.CompileFailed as error:
            raise RuntimeMissing(str(error)) from error
        return cls(
            pyodide_dir=pyodide_dir,
            pyscript_dir=pyscript_dir,
            pyodide_version=_version(pyodide_dir),
            pyscript_version=_version(pyscript_dir),
            bundle=compiled["bundle"],
            stdlib=compiled["stdlib"],
        )

    @property
    def pyodide_path(self) -> PurePosixPath:
        return RUNTIME_DIR / f"pyodide-{self.pyodide_version}"

    @property
    def pyscript_path(self) -> PurePosixPath:
        return RUNTIME_DIR / f"pyscript-{self.pyscript_version}"

    @property
    def bundle_path(self) -> PurePosixPath:
        return RUNTIME_DIR / "python" / _hashed("equal-footing.zip", self.bundle)

    def pyscript_config(self, page_url: str) -> dict[str, object]:
        """PyScript's config for one page: its URLs resolve against the page, not PyScript."""
        return {
            "interpreter": _relative(self.pyodide_path / "pyodide.mjs", page_url),
            "files": {_relative(self.bundle_path, page_url): "./*"},
            # Installs nothing through micropip, so nothing is cached or fetched from PyPI.
            "packages_cache": "never",
        }

    def preloaded(self) -> tuple[list[PurePosixPath], list[PurePosixPath]]:
        """What a worksheet page will load to start Python: (JS modules, files fetched).

        Without hints the browser finds them one after another (core.js, then its chunk, then
        pyodide.mjs, then the interpreter...); with them it asks for all of them at once.
        """
        modules = [self.pyscript_path / "core.js"]
        chunk = re.search(
            r'from"\./(core-[\w-]+\.js)"',
            (self.pyscript_dir / "dist" / "core.js").read_text(encoding="utf-8"),
        )
        if chunk:
            modules.append(self.pyscript_path / chunk.group(1))
        modules += [self.pyodide_path / "pyodide.mjs", self.pyodide_path / "pyodide.asm.mjs"]
        fetched = [
            self.pyodide_path / "pyodide.asm.wasm",
            self.pyodide_path / "python_stdlib.zip",
            self.pyodide_path / "pyodide-lock.json",
            self.bundle_path,
        ]
        return modules, fetched

    def head_tags(self, page_url: str) -> str:
        """Tags for <head>: the memory-only storage shim must run before PyScript does; then
        preload hints, so the runtime downloads while the page is still being read."""
        modules, fetched = self.preloaded()
        # `crossorigin` matches the runtime's own fetch() calls (same-origin credentials), so
        # the browser reuses each preloaded response instead of downloading it twice.
        hints = "".join(
            f'<link rel="modulepreload" href="{_relative(path, page_url)}">' for path in modules
        ) + "".join(
            f'<link rel="preload" href="{_relative(path, page_url)}" as="fetch" crossorigin>'
            for path in fetched
        )
        return f'<script src="{_relative(MEMORY_IDB_SCRIPT, page_url)}"></script>{hints}'

    def body_tags(self, page_url: str) -> str:
        """Tags at the end of <body>: PyScript itself and the page's Python, which imports
        the (precompiled) bridge rather than fetching and compiling its source."""
        config = escape(json.dumps(self.pyscript_config(page_url), separators=(",", ":")))
        core = _relative(self.pyscript_path / "core.js", page_url)
        return (
            f'<script type="module" src="{core}"></script>'
            f'<script type="py" id="{contract.PYTHON}" config="{config}">import {BRIDGE_MODULE}</script>'
        )

    def write(self, site_dir: Path) -> list[Path]:
        """Copy the runtime into a built site, each vendored file exactly as its package ships
        it (the standard library as bytecode); returns the files written."""
        written: list[Path] = []
        target = site_dir / self.pyodide_path
        target.mkdir(parents=True, exist_ok=True)
        for name in PYODIDE_FILES:
            if name == STDLIB_ZIP:
                (target / name).write_bytes(self.stdlib)
                written.append(target / name)
            else:
                written.append(Path(shutil.copy2(self.pyodide_dir / name, target / name)))
        target = site_dir / self.pyscript_path
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((self.pyscript_dir / "dist").iterdir()):
            # Source maps are for PyScript's developers; service-worker.js serves a mode we do not use.
            if path.suffix in (".js", ".css") and path.name != "service-worker.js":
                written.append(Path(shutil.copy2(path, target / path.name)))
        path = site_dir / self.bundle_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.bundle)
        written.append(path)
        return written
