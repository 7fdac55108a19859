"""The runtime a worksheet page starts: MicroPython, our Python as bytecode compiled at build time.

In-page Python (added to the page's own script for this test) reports which imported modules
were loaded from source; Playwright reads that report from the page.
"""

from __future__ import annotations

import json

import pytest

from site_build.runtime import BRIDGE_MODULE, PAGE_SCRIPT
from worksheets import contract

from worksheet_driver import wait_for_python

pytestmark = pytest.mark.browser
PANELS = {"preview": contract.PREVIEW, "results": contract.RESULTS}

PAGE_PYTHON = f">{PAGE_SCRIPT}</script>"


def open_with_python_after_the_bridge(page, url: str, python: str) -> None:
    """Open a worksheet page whose own script runs `python` once the bridge has started; the
    in-page Python reports what it finds as a data attribute on <body>."""

    def with_report(route):
        html = route.fetch().text()
        assert PAGE_PYTHON in html
        added = f">{PAGE_SCRIPT}\n{python}</script>"
        route.fulfill(body=html.replace(PAGE_PYTHON, added, 1), content_type="text/html")

    page.route(url, with_report)
    page.goto(url)
    wait_for_python(page)


REPORT = """import json, os, sys, js
started = sorted(sys.modules)
import worksheets.markup, worksheets.qr  # deferred by the page: imported here to check them too
def _on_disk(path):  # MicroPython's own library is frozen into its wasm: no file to compile
    try:
        return bool(path) and bool(os.stat(path))
    except OSError:
        return False
origins = {name: getattr(module, "__file__", None) or "" for name, module in sys.modules.items()}
js.document.body.dataset.efModules = json.dumps({
    "started": started,
    "origins": origins,
    "from_source": [name for name, path in origins.items() if path.endswith(".py") and _on_disk(path)],
})"""


def test_every_module_started_on_a_worksheet_page_is_precompiled(audited, site_url):
    """Compiling Python on the reader's device costs main-thread time; only PyScript's own
    package, which PyScript writes as source at start-up, may still be compiled there."""
    page = audited.new_page()
    open_with_python_after_the_bridge(page, f"{site_url}worksheets/agreement/", REPORT)
    page.locator("body[data-ef-modules]").wait_for(state="attached")
    report = json.loads(page.get_attribute("body", "data-ef-modules"))
    modules = report["origins"]
    assert "worksheets.schema" in report["started"]
    assert modules["worksheets.markup"].endswith("worksheets/markup.mpy")
    assert modules[BRIDGE_MODULE].endswith(f"{BRIDGE_MODULE}.mpy")
    ours = {name for name in modules if name.split(".")[0] in ("worksheets", BRIDGE_MODULE)}
    assert len(ours) > 15
    assert all(modules[name].endswith(".mpy") for name in ours)
    from_source = set(report["from_source"])
    assert "pyscript.ffi" in from_source  # the check sees source files where they are
    assert from_source == {name for name in from_source if name.split(".")[0] == "pyscript"}


def test_the_renderer_waits_until_python_is_ready(audited, site_url):
    """The preview of the untouched form comes with the page, so the largest module (the
    Markdown renderer) is left out of the start: it loads just after Python is ready, before
    anyone needs it; the QR drawing waits for the first answer code."""
    page = audited.new_page()
    open_with_python_after_the_bridge(
        page,
        f"{site_url}worksheets/balance_check/",
        "import sys, js\njs.document.body.dataset.efStarted = ' '.join(sorted(sys.modules))",
    )
    page.locator("body[data-ef-started]").wait_for(state="attached")
    started = page.get_attribute("body", "data-ef-started").split()
    assert "worksheets.view" in started
    assert "worksheets.markup" not in started
    assert "worksheets.qr" not in started


# A panel's HTML without the wrapper Material's JS puts around the page's tables on load
# (for scrolling them sideways): Python's later renders are not wrapped.
UNWRAPPED = """(panel) => {
  const copy = panel.cloneNode(true);
  for (const wrap of copy.querySelectorAll(".md-typeset__scrollwrap")) {
    wrap.replaceWith(...wrap.querySelectorAll("table"));
  }
  return copy.innerHTML;
}"""


def test_the_built_preview_is_what_python_renders(audited, site_url):
    """The build renders the untouched form's preview and results into the page; Python in
    the browser must render exactly the same, or the page would change when nothing did."""
    page = audited.new_page()
    page.goto(f"{site_url}worksheets/balance_check/")

    def panels() -> dict[str, str]:
        return {
            part: page.locator(f"#{dom_id}").evaluate(UNWRAPPED) for part, dom_id in PANELS.items()
        }

    built = panels()
    assert "<h1>" in built["preview"]
    assert "<svg" in built["results"]
    assert "<table>" in built["results"]
    wait_for_python(page)
    first = page.locator(f"#{contract.FORM} fieldset.ef-scale").first
    first.locator("input[type=radio]").nth(3).check()
    changed = panels()
    assert changed["preview"] != built["preview"]
    assert changed["results"] != built["results"]
    first.locator("input[type=radio]").first.check()  # back to "No answer"
    assert panels() == built
    audited.assert_private(page)


def test_pyscript_that_cannot_load_is_reported_and_the_form_still_works(audited, site_url):
    """PyScript itself unreachable (a flaky connection, a filtering proxy): the status says the
    tools could not start, nothing is thrown at the reader, and the plain form still works."""
    page = audited.new_page()
    page.route("**/runtime/pyscript-*/core.js", lambda route: route.fulfill(status=404, body=""))
    page.goto(f"{site_url}worksheets/agreement/")
    status = page.locator(f'#{contract.STATUS}[data-state="failed"]')
    status.wait_for()
    assert status.text_content() == contract.START_FAILED.format("TypeError")
    page.fill(f"#{contract.field_id('partner_a')}", "Still typing")
    assert page.input_value(f"#{contract.field_id('partner_a')}") == "Still typing"
