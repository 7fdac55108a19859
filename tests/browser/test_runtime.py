"""The runtime a worksheet page starts: Python arrives as bytecode, compiled at build time.

In-page Python (added to the page's own script for this test) reports which imported modules
were loaded from source; Playwright reads that report from the page.
"""

from __future__ import annotations

import json

import pytest

from site_build.runtime import BRIDGE_MODULE

from worksheet_driver import wait_for_python

pytestmark = pytest.mark.browser

REPORT = f""">import {BRIDGE_MODULE}
import json, sys, js
def _origin(module):
    spec = getattr(module, "__spec__", None)
    return (getattr(spec, "origin", None) or "") if spec else ""
js.document.body.dataset.efModules = json.dumps(
    {{name: _origin(module) for name, module in sorted(sys.modules.items())}}
)
</script>"""


def test_every_module_started_on_a_worksheet_page_is_precompiled(audited, site_url):
    """Compiling Python on the reader's device cost seconds; only PyScript's own package,
    which PyScript writes as source at start-up, may still be compiled there."""
    page = audited.new_page()

    def with_report(route):
        html = route.fetch().text()
        assert f">import {BRIDGE_MODULE}</script>" in html
        route.fulfill(
            body=html.replace(f">import {BRIDGE_MODULE}</script>", REPORT, 1),
            content_type="text/html",
        )

    page.route(f"{site_url}worksheets/agreement/", with_report)
    page.goto(f"{site_url}worksheets/agreement/")
    wait_for_python(page)
    page.locator("body[data-ef-modules]").wait_for(state="attached")
    modules = json.loads(page.get_attribute("body", "data-ef-modules"))
    assert "worksheets.schema" in modules
    assert "markdown_it" in modules
    assert modules[BRIDGE_MODULE].endswith(f"/{BRIDGE_MODULE}.pyc")
    from_source = {name for name, origin in modules.items() if origin.endswith(".py")}
    assert from_source == {name for name in from_source if name.split(".")[0] == "pyscript"}
