"""The Content-Security-Policy in Chromium: the site's own flows break none of it, and a
script slipped into a page does not run.

Every audited context already fails on any violation (tests/conftest.py listens for them on
every page of every browser test); these tests walk the flows the policy must allow, by name.
"""

from __future__ import annotations

import pytest

import worksheets
from site_build.forms import field_dom_id
from worksheets import contract

from worksheet_driver import download, fill, json_file, open_worksheet, sample_answers

pytestmark = pytest.mark.browser
AGREEMENT = worksheets.get("agreement")

INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.efInjected = true";
  document.head.append(script);
  return window.efInjected === true;
}"""
# Run from a timer: code evaluated by Playwright itself is exempt from the page's eval rule.
TRY_EVAL = """() => new Promise((done) => setTimeout(() => {
  try { done(eval("6 * 7")); } catch (error) { done(error.name); }
}))"""


def _expect_violation(page, audited, report):
    """The page's securitypolicyviolation event for what this test provoked was seen; the
    audit's list is then cleared (Chromium logs its own line first), so any other violation
    still fails the test."""
    wanted = f"securitypolicyviolation: {report}"
    for _ in range(20):  # the event is dispatched a moment after the violation
        if wanted in audited.csp_violations:
            break
        page.wait_for_timeout(100)
    assert wanted in audited.csp_violations, audited.csp_violations
    audited.csp_violations.clear()


def test_guide_pages_and_the_404_page_break_no_rule(built_site, module_audited):
    page = module_audited.new_page()
    guides = [
        p.relative_to(built_site.path).as_posix().removesuffix("index.html")
        for p in sorted(built_site.path.rglob("*.html"))
        if 'type="py"' not in p.read_text()
    ]
    assert "404.html" in guides
    for relative in guides:
        page.goto(module_audited.site_url + relative)
        page.click("label.md-header__button[for^='__palette']:visible")
        page.click("input.md-search__input")
        page.keyboard.type("consent")  # search runs in a same-origin worker
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("Escape")
    assert module_audited.csp_violations == []


def test_the_worksheet_flow_breaks_no_rule(audited, tmp_path):
    page = audited.new_page()
    open_worksheet(page, audited.site_url, AGREEMENT)
    answers = sample_answers(AGREEMENT)
    fill(page, AGREEMENT, answers)
    assert answers["partner_a"].split(" <")[0] in page.inner_text(f"#{contract.PREVIEW}")
    download(page, contract.DOWNLOAD_MARKDOWN)
    _, text = download(page, contract.DOWNLOAD_JSON)  # both are blob: downloads, allowed
    fresh = audited.new_page()
    open_worksheet(fresh, audited.site_url, AGREEMENT)
    fresh.set_input_files(f"#{contract.IMPORT_FILE}", str(json_file(tmp_path, "ours.json", text)))
    fresh.locator(f"#{contract.STATUS}", has_text="Imported").wait_for()
    assert fresh.input_value(f"#{field_dom_id('partner_a')}") == answers["partner_a"]
    assert audited.csp_violations == []


@pytest.mark.parametrize("path", ["", "worksheets/agreement/"])
def test_an_injected_inline_script_is_blocked(audited, path):
    page = audited.new_page()
    page.goto(audited.site_url + path)
    assert page.evaluate(INJECT) is False
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.efInjected") is None
    _expect_violation(page, audited, "script-src-elem inline")


def test_guide_pages_cannot_eval(audited):
    page = audited.new_page()
    page.goto(audited.site_url)
    assert page.evaluate(TRY_EVAL) == "EvalError"
    _expect_violation(page, audited, "script-src eval")
