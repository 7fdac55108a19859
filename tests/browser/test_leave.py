"""Leaving a page in Chromium: quickly on purpose (header link, Escape twice), never by
accident (the leave-page prompt for answers not yet downloaded).

The neutral destination is intercepted and answered here (Audited.fulfil_locally): nothing
reaches the real site, and the audit still fails on any other outside request.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import worksheets
from site_build.forms import field_dom_id

from worksheet_driver import download, fill, open_worksheet, sample_answers

pytestmark = pytest.mark.browser
AGREEMENT = worksheets.get("agreement")
CONFIG = yaml.safe_load((Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text())
DESTINATION = CONFIG["extra"]["quick_exit"]["url"]
NEUTRAL = "<!doctype html><title>Weather</title><p>Sunny spells.</p>"
FIRST_FIELD = f"#{field_dom_id('partner_a')}"


@pytest.fixture
def leaving(audited):
    audited.fulfil_locally(DESTINATION, NEUTRAL)
    return audited


def _unsaved_prompts(audited):
    return [d for d in audited.dialogs if d.startswith("beforeunload")]


def test_escape_twice_replaces_a_filled_worksheet_and_back_does_not_return(leaving):
    page = leaving.new_page()
    page.goto(f"{leaving.site_url}worksheets/")
    open_worksheet(page, leaving.site_url, AGREEMENT)
    answers = sample_answers(AGREEMENT)
    fill(page, AGREEMENT, answers)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(DESTINATION)
    assert page.title() == "Weather"
    assert _unsaved_prompts(leaving) == []  # leaving quickly never asks
    assert all("referer" not in headers for headers in leaving.outside_headers)
    page.go_back()
    assert page.url == f"{leaving.site_url}worksheets/"  # the page before; the worksheet is gone
    assert answers["partner_a"].split(" <")[0] not in page.content()
    assert page.locator("#ef-form").count() == 0


def test_the_header_link_is_on_a_phone_screen_and_leaves_by_keyboard(leaving):
    page = leaving.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{leaving.site_url}guide/why/")
    link = page.locator("[data-ef-quick-exit]")
    box = link.bounding_box()
    assert link.is_visible()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 375
    assert link.inner_text() == "Leave quickly"
    for _ in range(20):  # reachable with Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-ef-quick-exit]')"):
            break
    else:
        pytest.fail("Leave quickly cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(DESTINATION)
    page.go_back()
    assert not page.url.startswith(leaving.site_url)  # this tab opened on that page: nothing before


def test_two_escapes_far_apart_do_not_leave(audited):
    page = audited.new_page()
    page.goto(audited.site_url)
    page.keyboard.press("Escape")
    page.wait_for_timeout(1300)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url == audited.site_url


def _open_before_python(page, url):
    """The worksheet page with the interpreter held back: what is tested here is JavaScript
    that works from first paint, so no test waits for Python it does not need."""
    page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered
    page.goto(f"{url}worksheets/agreement/", wait_until="domcontentloaded")


def test_answers_typed_before_python_ask_before_a_reload_or_a_link(audited):
    page = audited.new_page()
    _open_before_python(page, audited.site_url)
    page.reload(wait_until="domcontentloaded")
    assert _unsaved_prompts(audited) == []  # nothing typed, nothing to lose
    page.fill(FIRST_FIELD, "Typed early")
    page.reload(wait_until="domcontentloaded")
    assert _unsaved_prompts(audited) == ["beforeunload: "]
    page.fill(FIRST_FIELD, "Typed again")
    page.click(".md-nav__link[href$='privacy/']")
    page.wait_for_url("**/privacy/")
    assert len(_unsaved_prompts(audited)) == 2


def test_a_download_settles_it_until_the_next_change(audited):
    page = audited.new_page()
    open_worksheet(page, audited.site_url, AGREEMENT)
    fill(page, AGREEMENT, sample_answers(AGREEMENT))
    download(page, "download-markdown")
    page.reload(wait_until="domcontentloaded")
    assert _unsaved_prompts(audited) == []  # downloaded: nothing to lose
    page.fill(FIRST_FIELD, "Changed after the download")
    page.reload(wait_until="domcontentloaded")
    assert _unsaved_prompts(audited) == ["beforeunload: "]


def test_the_form_is_never_submitted_away(audited):
    page = audited.new_page()
    _open_before_python(page, audited.site_url)
    page.fill(FIRST_FIELD, "Still here")
    page.evaluate("() => document.getElementById('ef-form').requestSubmit()")
    page.wait_for_timeout(300)
    assert page.input_value(FIRST_FIELD) == "Still here"
    assert _unsaved_prompts(audited) == []
