"""The self-hosted Python runtime: what a worksheet page loads, all served by the site itself.

MicroPython (PyScript's small interpreter) and PyScript come from the npm packages pinned in
package.json (never a CDN). The `worksheets` package and the page bridge travel as
MicroPython bytecode, compiled at build time (`mpy.py`) so no reader's device compiles Python,
one file per module, which PyScript writes into the interpreter's file system. (Not one zip:
PyScript unpacks a zip for MicroPython with zip.js, whose Web Worker, made from a blob: URL,
the page's CSP refuses; and the 160 KB zip.js itself is saved.) Guide pages get none of it. (Until issue 17 the pages ran Pyodide: 8 MB on a first visit against 0.3 MB now, and
ten seconds to start on a phone against about one; BENCHMARKS.md has the figures.)
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import re
import shutil
from dataclasses import dataclass, field
from html import escape
from pathlib import Path, PurePosixPath

from site_build import mpy
from worksheets import contract

#: The npm package of MicroPython built for PyScript, and the two files a page needs from it.
MICROPYTHON_PACKAGE = "@micropython/micropython-webassembly-pyscript"
MICROPYTHON_FILES = ("micropython.mjs", "micropython.wasm")

#: The Python packages the page imports, as installed in this environment (so the browser runs
#: the very code the tests ran). The worksheets depend on nothing else.
PYTHON_PACKAGES = ("worksheets",)

#: PyScript plugins no page here uses; "error" (which shows a Python error on the page) stays.
UNUSED_PLUGINS = ("deprecations-manager", "donkey", "py-editor", "py-game", "py-terminal")
#: PyScript's config entry that turns them off; PyScript reads it per interpreter type, so a
#: page gives it to "mpy" (its script's config) and to "py" (a <py-config>), or the unused
#: "py" type loads every plugin anyway.
PLUGINS_OFF = {"plugins": [f"!{name}" for name in UNUSED_PLUGINS]}

#: PyScript's chunks that core.js imports only when needed, by family (the name before its
#: hash), that a page here can need: "error" shows a Python error that stops the page. Every
#: other family is named in `UNNEEDED_CHUNKS`, with why (tests/unit/test_site_build.py holds
#: the two lists to what the pinned PyScript imports).
NEEDED_CHUNKS = ("error",)
UNNEEDED_CHUNKS = {
    "codemirror": "the code editor of <py-editor>",
    "codemirror_commands": "the code editor of <py-editor>",
    "codemirror_lang-python": "the code editor of <py-editor>",
    "codemirror_language": "the code editor of <py-editor>",
    "codemirror_state": "the code editor of <py-editor>",
    "codemirror_view": "the code editor of <py-editor>",
    "deprecations-manager": "a plugin turned off (UNUSED_PLUGINS)",
    "donkey": "a plugin turned off (UNUSED_PLUGINS)",
    "py-editor": "a plugin turned off (UNUSED_PLUGINS)",
    "py-game": "a plugin turned off (UNUSED_PLUGINS)",
    "py-terminal": "a plugin turned off (UNUSED_PLUGINS)",
    "pyodide_graph": "Pyodide's package graph: the pages run MicroPython",
    "toml": "TOML configs: the pages' configs are JSON",
    "zip": "zip files in `files`: the pages' modules travel one file each",
}

#: The bridge's module name in the browser: the page's <script type="mpy"> imports it.
BRIDGE_MODULE = "worksheet_page"

#: The page's own Python. PyScript's start-up has just run in this same task (about 0.1 s on a
#: phone): the browser gets a turn before the bridge is imported, and the bridge starts in
#: steps (its `boot`), each a turn of its own.
PAGE_SCRIPT = (
    "import js\n"
    "await js.Promise.new(lambda resolve, _reject: js.setTimeout(resolve))\n"
    f"import {BRIDGE_MODULE}\n"
    f"await {BRIDGE_MODULE}.boot()"
)

#: Where, under the built site, the runtime lives.
RUNTIME_DIR = PurePosixPath("runtime")

#: Starts PyScript one task after the page's own start-up (see the file itself).
PYTHON_START_SCRIPT = PurePosixPath("assets/javascripts/ef-python-start.js")

#: Runs before PyScript and keeps its internal databases in memory (see the file itself).
MEMORY_IDB_SCRIPT = PurePosixPath("assets/javascripts/ef-memory-idb.js")


class RuntimeMissing(RuntimeError):
    """The npm runtime is not installed; the build cannot produce working worksheet pages."""


def _version(package_dir: Path) -> str:
    return str(json.loads((package_dir / "package.json").read_text(encoding="utf-8"))["version"])


def python_sources(
    packages: tuple[str, ...] = PYTHON_PACKAGES, bridge: bytes = b""
) -> dict[str, bytes]:
    """Every module the page may import, by its path in the browser's file system."""
    sources: dict[str, bytes] = {}
    if bridge:
        sources[f"{BRIDGE_MODULE}.py"] = bridge
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeMissing(f"the Python package {name!r} is not installed")
        root = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(root.glob("*.py")):
            sources[f"{name}/{path.name}"] = path.read_bytes()
    return sources


def chunk_family(name: str) -> str:
    """ "core-C9KDLldu.js" -> "core": a bundler's chunk name without its content hash."""
    return re.sub(r"-[\w-]{8}\.js$", "", name)


def module_name(path: str) -> str:
    """ "worksheets/page.py" (or .mpy) -> "worksheets.page"; a package's __init__ -> its name."""
    stem = path.rsplit(".", 1)[0].removesuffix("/__init__")
    return stem.replace("/", ".")


def import_graph(sources: dict[str, bytes]) -> dict[str, frozenset[str]]:
    """Which of our modules each of our modules may import, anywhere in its code (a lazy
    import inside a function counts: the page may need it later)."""
    ours = {module_name(path) for path in sources}
    graph: dict[str, frozenset[str]] = {}
    for path, source in sources.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(source)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:  # a module's parent packages run first
                parts = name.split(".")
                found |= {".".join(parts[: i + 1]) for i in range(len(parts))}
        graph[module_name(path)] = frozenset(found & ours)
    return graph


def needed_modules(graph: dict[str, frozenset[str]], roots: tuple[str, ...]) -> set[str]:
    """Every module reachable from `roots`."""
    needed: set[str] = set()
    todo = [root for root in roots if root in graph]
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo.extend(graph[name] - needed)
    return needed


def modules_dir(modules: dict[str, bytes]) -> PurePosixPath:
    """Where the compiled modules are served: one folder named by their content, so a reader's
    cache never mixes modules of two builds."""
    digest = hashlib.sha256()
    for name, data in sorted(modules.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return RUNTIME_DIR / "python" / digest.hexdigest()[:10]


def _relative(target: PurePosixPath, page_url: str) -> str:
    """`target` (site-relative) as seen from a page at `page_url` (MkDocs style, e.g. 'a/b/')."""
    depth = len([part for part in page_url.split("/")[:-1] if part]) if page_url else 0
    return "../" * depth + str(target) if depth else f"./{target}"


@dataclass(frozen=True)
class Runtime:
    """Everything a worksheet page loads, with the names it has in the built site."""

    micropython_dir: Path
    pyscript_dir: Path
    micropython_version: str
    pyscript_version: str
    #: The package and the bridge as MicroPython bytecode, by path ("worksheets/page.mpy").
    modules: dict[str, bytes]
    #: Which of them each imports (`import_graph`); empty: every page gets every module.
    imports: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def locate(cls, project_dir: Path, bridge: Path) -> Runtime:
        modules = project_dir / "node_modules"
        micropython_dir = modules / MICROPYTHON_PACKAGE
        pyscript_dir = modules / "@pyscript" / "core"
        for needed in (micropython_dir / "micropython.mjs", pyscript_dir / "dist" / "core.js"):
            if not needed.is_file():
                raise RuntimeMissing(
                    f"{needed} is missing: install the pinned runtime with `npm ci` "
                    "(`make build` does it)."
                )
        try:
            sources = python_sources(bridge=bridge.read_bytes())
            compiled = mpy.compile_modules(sources, project_dir / ".cache" / "mpy")
        except (mpy.CompileFailed, OSError) as error:
            raise RuntimeMissing(str(error)) from error
        return cls(
            micropython_dir=micropython_dir,
            pyscript_dir=pyscript_dir,
            micropython_version=_version(micropython_dir),
            pyscript_version=_version(pyscript_dir),
            modules=compiled,
            imports=import_graph(sources),
        )

    @property
    def micropython_path(self) -> PurePosixPath:
        return RUNTIME_DIR / f"micropython-{self.micropython_version}"

    @property
    def pyscript_path(self) -> PurePosixPath:
        return RUNTIME_DIR / f"pyscript-{self.pyscript_version}"

    @property
    def modules_path(self) -> PurePosixPath:
        return modules_dir(self.modules)

    def page_modules(self, worksheet_id: str) -> list[str]:
        """The compiled modules one worksheet's page can import: the bridge and everything it
        may reach, with this worksheet's declaration (`worksheets.get` imports only that one),
        not the other eight."""
        if not self.imports:
            return sorted(self.modules)
        needed = needed_modules(self.imports, (BRIDGE_MODULE, f"worksheets.{worksheet_id}"))
        return sorted(name for name in self.modules if module_name(name) in needed)

    def module_paths(self, worksheet_id: str) -> list[PurePosixPath]:
        return [self.modules_path / name for name in self.page_modules(worksheet_id)]

    def pyscript_config(self, page_url: str, worksheet_id: str) -> dict[str, object]:
        """PyScript's config for one page: its URLs resolve against the page, not PyScript.
        PyScript's own plugins for other kinds of page (an editor, a terminal, games...) are
        turned off: each is one more file to fetch and run before Python starts."""
        return {
            "interpreter": _relative(self.micropython_path / "micropython.mjs", page_url),
            "files": {
                _relative(self.modules_path / name, page_url): f"./{name}"
                for name in self.page_modules(worksheet_id)
            },
            **PLUGINS_OFF,
        }

    def preloaded(self, worksheet_id: str) -> tuple[list[PurePosixPath], list[PurePosixPath]]:
        """What a worksheet page will load to start Python: (JS modules, files fetched).

        Without hints the browser finds them one after another (core.js, then its chunk, then
        the interpreter's module, then the wasm, then the unzipper...); with them it asks for
        all of them at once.
        """
        modules = [self.pyscript_path / "core.js"]
        chunk = re.search(
            r'from"\./(core-[\w-]+\.js)"',
            (self.pyscript_dir / "dist" / "core.js").read_text(encoding="utf-8"),
        )
        if chunk:
            modules.append(self.pyscript_path / chunk.group(1))
        modules.append(self.micropython_path / "micropython.mjs")
        fetched = [self.micropython_path / "micropython.wasm", *self.module_paths(worksheet_id)]
        return modules, fetched

    def head_tags(self, page_url: str, worksheet_id: str) -> str:
        """Tags for <head>: the memory-only storage shim must run before PyScript does; then
        preload hints, so the runtime downloads while the page is still being read."""
        modules, fetched = self.preloaded(worksheet_id)
        # `crossorigin` matches the runtime's own fetch() calls (same-origin credentials), so
        # the browser reuses each preloaded response instead of downloading it twice.
        hints = "".join(
            f'<link rel="modulepreload" href="{_relative(path, page_url)}">' for path in modules
        ) + "".join(
            f'<link rel="preload" href="{_relative(path, page_url)}" as="fetch" crossorigin>'
            for path in fetched
        )
        return f'<script src="{_relative(MEMORY_IDB_SCRIPT, page_url)}"></script>{hints}'

    def body_tags(self, page_url: str, worksheet_id: str) -> str:
        """Tags at the end of <body>: the page's Python, which imports the (precompiled)
        bridge rather than fetching and compiling its source, then the script that starts
        PyScript one task after the page's own start-up (see the file itself)."""
        config = escape(
            json.dumps(self.pyscript_config(page_url, worksheet_id), separators=(",", ":"))
        )
        core = _relative(self.pyscript_path / "core.js", page_url)
        plugins = escape(json.dumps(PLUGINS_OFF))
        return (
            f'<py-config type="json" hidden>{plugins}</py-config>'
            f'<script type="mpy" id="{contract.PYTHON}" data-pyscript="{core}" '
            f'config="{config}">{PAGE_SCRIPT}</script>'
            f'<script src="{_relative(PYTHON_START_SCRIPT, page_url)}"></script>'
        )

    def pyscript_files(self) -> list[str]:
        """The files of PyScript's package a page can load: core.js and what it imports, and of
        the chunks it imports only when needed, those a page here can need (`NEEDED_CHUNKS`).
        The rest (a code editor, a terminal, a TOML parser, an unzipper...) would only make
        the offline copy larger."""
        dist = self.pyscript_dir / "dist"
        found, todo = set(), ["core.js"]
        while todo:
            name = todo.pop()
            if name in found:
                continue
            found.add(name)
            text = (dist / name).read_text(encoding="utf-8")
            todo += re.findall(r'(?:from|import)\s*"\./([\w.-]+\.js)"', text)
            todo += [
                chunk
                for chunk in re.findall(r'import\("\./([\w.-]+\.js)"\)', text)
                if chunk_family(chunk) in NEEDED_CHUNKS
            ]
        return sorted(found)

    def write(self, site_dir: Path) -> list[Path]:
        """Copy the runtime into a built site, each vendored file exactly as its package ships
        it; returns the files written."""
        written: list[Path] = []
        target = site_dir / self.micropython_path
        target.mkdir(parents=True, exist_ok=True)
        for name in MICROPYTHON_FILES:
            written.append(Path(shutil.copy2(self.micropython_dir / name, target / name)))
        target = site_dir / self.pyscript_path
        target.mkdir(parents=True, exist_ok=True)
        for name in self.pyscript_files():
            written.append(Path(shutil.copy2(self.pyscript_dir / "dist" / name, target / name)))
        for name, data in sorted(self.modules.items()):
            path = site_dir / self.modules_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written.append(path)
        return written
