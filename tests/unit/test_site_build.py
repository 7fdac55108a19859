"""The build-time pieces: the form from a declaration, the runtime bundle, the page wiring."""

from __future__ import annotations

import io
import json
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import worksheets
from site_build import forms, runtime, worksheet_pages
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


@pytest.mark.parametrize("worksheet", worksheets.WORKSHEETS.values(), ids=lambda ws: ws.id)
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


def test_python_bundle_is_byte_identical_and_complete():
    first, second = (
        runtime.python_bundle(bridge=b"x = 1\n"),
        runtime.python_bundle(bridge=b"x = 1\n"),
    )
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "worksheets/__init__.py" in names
    assert "markdown_it/main.py" in names
    assert "mdurl/__init__.py" in names
    assert f"{runtime.BRIDGE_MODULE}.py" in names
    assert not [n for n in names if "__pycache__" in n or not n.endswith(".py")]


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
    config = located.pyscript_config("worksheets/agreement/")
    assert config["interpreter"] == f"../../runtime/pyodide-{located.pyodide_version}/pyodide.mjs"
    assert list(config["files"].values()) == ["./*"]
    assert all(url.startswith("../../runtime/python/equal-footing-") for url in config["files"])
    assert "https" not in json.dumps(config)


def test_runtime_writes_only_what_pages_load(located, tmp_path):
    written = {p.relative_to(tmp_path).as_posix() for p in located.write(tmp_path)}
    assert f"{located.pyodide_path}/pyodide.asm.wasm" in written
    assert not [p for p in written if p.endswith((".html", ".map"))]


def test_the_browser_gets_python_as_bytecode_only(located, tmp_path):
    """No reader's device compiles the standard library, the packages or the bridge."""
    located.write(tmp_path)
    stdlib = zipfile.ZipFile(tmp_path / located.pyodide_path / runtime.STDLIB_ZIP)
    bundle = zipfile.ZipFile(tmp_path / located.bundle_path)
    for archive, expected in ((stdlib, "asyncio/__init__.pyc"), (bundle, "worksheets/schema.pyc")):
        names = archive.namelist()
        assert expected in names
        assert not [n for n in names if n.endswith(".py")]
    assert f"{runtime.BRIDGE_MODULE}.pyc" in bundle.namelist()
    magics = {
        archive.read(n)[:4]
        for archive in (stdlib, bundle)
        for n in archive.namelist()[:50]
        if n.endswith(".pyc")
    }
    assert len(magics) == 1, "one interpreter compiled everything"


def test_the_page_imports_the_bridge_instead_of_fetching_its_source(located):
    tags = located.body_tags("worksheets/agreement/")
    assert f">import {runtime.BRIDGE_MODULE}</script>" in tags
    assert ".py" not in tags


def test_the_runtime_is_copied_as_published(located, tmp_path):
    """No vendored file is rewritten: what the npm package ships is what the site serves."""
    located.write(tmp_path)
    for name in runtime.PYODIDE_FILES:
        if name != runtime.STDLIB_ZIP:  # shipped as bytecode, compiled by Pyodide itself
            served = (tmp_path / located.pyodide_path / name).read_bytes()
            assert served == (located.pyodide_dir / name).read_bytes(), name


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
    for worksheet in worksheets.WORKSHEETS.values():
        assert f"- **[{worksheet.title}]({worksheet.id}.md)**: {worksheet.summary}" in listed
        assert (ROOT / "docs" / "worksheets" / f"{worksheet.id}.md").is_file()
