"""The strict build, and what the built files promise before any browser opens them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import worksheets
from worksheets import render, view

ROOT = Path(__file__).resolve().parents[2]
SHARED_TOOLS = ROOT.parent / "shared" / "tools"


def _shared_tool(name: str) -> Path:
    """One of the workplace's audit tools, kept beside this checkout (not in the repository).

    The project's CI (.ci/run) has them and must run them; GitHub's runners never do
    (.github/workflows/ci.yml), so there the test is skipped and says why.
    """
    tool = SHARED_TOOLS / name
    if not tool.exists():
        if os.environ.get("CI") and not os.environ.get("GITHUB_ACTIONS"):
            pytest.fail(f"{tool} is missing: CI must run it")
        pytest.skip(f"{tool} is not beside this checkout")
    return tool


def test_strict_build_has_no_warning(built_site):
    assert "WARNING" not in built_site.log, built_site.log
    assert (built_site.path / "index.html").is_file()


def test_built_site_loads_nothing_from_another_origin(built_site):
    result = subprocess.run(
        [str(_shared_tool("outside-urls")), str(built_site.path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert " 0 load(s) from another origin" in result.stdout


def test_no_sentence_is_copied_from_the_source_guide():
    result = subprocess.run(
        [str(_shared_tool("overlap"))], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert " 0 run(s)" in result.stdout


def test_worksheet_page_has_its_form_and_runtime(built_site):
    page = (built_site.path / "worksheets" / "agreement" / "index.html").read_text()
    assert 'id="ef-form" class="ef-form" data-worksheet="agreement"' in page
    assert 'name="pause_signal"' in page
    assert '<script type="mpy" id="ef-python"' in page
    assert page.index("ef-memory-idb.js") < page.index("pyscript-0.7.31/core.js")


@pytest.mark.parametrize("worksheet_id", ["agreement", "balance_check", "check_in"])
def test_worksheet_page_shows_its_preview_before_python(built_site, worksheet_id):
    """The untouched form's preview (and results) are in the page as built: first paint."""
    sheet = worksheets.get(worksheet_id)
    page = (built_site.path / "worksheets" / worksheet_id / "index.html").read_text()
    state = view.untouched(sheet)
    preview = render.preview_html(sheet, view.document(sheet, state, with_results=False))
    assert f'id="ef-preview">{preview}</div>' in page
    found = view.results(sheet, state)
    if found is not None:
        assert f'id="ef-results">{view.results_html(found)}</div>' in page


def test_guide_pages_carry_no_python(built_site):
    for page in built_site.path.rglob("*.html"):
        if page.parent.parent.name == "worksheets" or page.parent.name == "worksheets":
            continue
        text = page.read_text()
        assert 'type="mpy"' not in text, page
        assert 'type="py"' not in text, page
        assert "/runtime/" not in text, page


def test_no_page_uses_browser_storage_helpers_inline(built_site):
    """Material's inline storage helpers are replaced by the memory-only script everywhere."""
    for page in built_site.path.rglob("*.html"):
        text = page.read_text()
        assert "localStorage" not in text, page
        assert "ef-memory-storage.js" in text, page


def test_runtime_files_are_in_the_site(built_site):
    runtime = built_site.path / "runtime"
    assert len(list(runtime.glob("micropython-*/micropython.wasm"))) == 1
    assert len(list(runtime.glob("pyscript-*/core.js"))) == 1
    assert len(list(runtime.glob("python/*/worksheets/page.mpy"))) == 1  # one build's modules
    assert not list(runtime.rglob("*.py")), "Python travels compiled only"
    assert not list(runtime.glob("pyodide-*")), "the pages run MicroPython: no Pyodide ships"
    assert not list(runtime.rglob("*.html")), "demo pages of the npm packages must not ship"


def test_every_worksheet_has_its_templates_and_its_page_links_them(built_site):
    import worksheets
    from site_build import templates

    folder = built_site.path / templates.FOLDER
    for worksheet in worksheets.catalogue().values():
        names = templates.file_names(worksheet)
        for paper in templates.PAPERS:
            assert (folder / names[paper]).read_bytes().startswith(b"%PDF-"), names[paper]
        markdown = (folder / names["md"]).read_text(encoding="utf-8")
        assert markdown.startswith("# ")
        # Answered apart: each partner has their own answers in the blank document.
        for name in ("Partner A", "Partner B"):
            assert (f"### {name}'s answers" in markdown) == worksheet.answered_apart, name
        listing = (folder / "index.html").read_text()
        assert f'href="{names["letter"]}" download' in listing
        page = (built_site.path / "worksheets" / worksheet.id / "index.html").read_text()
        assert f'href="../../templates/{names["a4"]}" download' in page
