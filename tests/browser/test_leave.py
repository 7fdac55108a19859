"""Leaving a page in Chromium: quickly on purpose (header link, Shift pressed three times),
never by accident (Escape closes things and nothing more; the leave-page prompt for answers
not yet downloaded).

The neutral destination is intercepted and answered here (Audited.fulfil_locally): nothing
reaches the real site, and the audit still fails on any other outside request.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

import worksheets
from site_build.forms import field_dom_id

from site_pages import built_pages
from worksheet_driver import download, fill, open_worksheet, sample_answers

pytestmark = pytest.mark.browser
AGREEMENT = worksheets.get("agreement")
# MkDocs' own loader: mkdocs.yml uses its tags (site_url: !ENV ...).
CONFIG = yaml_load((Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text())
DESTINATION = CONFIG["extra"]["quick_exit"]["url"]
NEUTRAL = "<!doctype html><title>Weather</title><p>Sunny spells.</p>"
FIRST_FIELD = f"#{field_dom_id('partner_a')}"
#: One page of each kind: home, a guide page, a worksheet, a generated page, "not found".
PAGE_KINDS = ["", "guide/why/", "worksheets/agreement/", "glossary/", "404.html"]
STATUS = "#ef-quick-exit-status"


@pytest.fixture
def leaving(audited):
    audited.fulfil_locally(DESTINATION, NEUTRAL)
    return audited


def _unsaved_prompts(audited):
    return [d for d in audited.dialogs if d.startswith("beforeunload")]


def _shift_three_times(page):
    for _ in range(3):
        page.keyboard.press("Shift")


def _still_here(page, url):
    page.wait_for_timeout(300)  # leaving would have started by now
    assert page.url == url
    assert page.evaluate("() => !document.documentElement.hidden")


def test_shift_three_times_replaces_a_filled_worksheet_and_back_does_not_return(leaving):
    page = leaving.new_page()
    page.goto(f"{leaving.site_url}worksheets/")
    open_worksheet(page, leaving.site_url, AGREEMENT)
    answers = sample_answers(AGREEMENT)
    fill(page, AGREEMENT, answers)
    page.focus(FIRST_FIELD)  # from inside a field, as a reader mid-answer would
    _shift_three_times(page)
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


def test_every_built_page_has_the_exit_and_its_announcer(audited):
    """The header link, its description and the live region are on every page the build
    writes, with the script that listens for Shift."""
    page = audited.new_page()
    page.route("**/runtime/**", lambda route: route.abort())  # no Python needed here
    for path in built_pages():
        page.goto(audited.site_url + path, wait_until="domcontentloaded")
        link = page.locator("[data-ef-quick-exit]")
        assert link.count() == 1, path
        # Its description (the title, which Material turns into a tooltip on hover).
        hint = (
            link.get_attribute("title")
            or page.locator("#" + link.get_attribute("aria-describedby")).text_content()
        )
        assert "Shift key three times" in hint, path
        assert page.get_attribute(STATUS, "role") == "status", path
        assert page.locator("script[src$='ef-leave.js']").count() == 1, path


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_shift_three_times_leaves_every_kind_of_page(leaving, path):
    page = leaving.new_page()
    page.route("**/runtime/**", lambda route: route.abort())  # the exit needs no Python
    page.goto(leaving.site_url + path, wait_until="domcontentloaded")
    _shift_three_times(page)
    page.wait_for_url(DESTINATION)
    assert page.title() == "Weather"
    assert _unsaved_prompts(leaving) == []


def test_each_press_is_announced_and_the_count_runs_out(audited):
    page = audited.new_page()
    page.clock.install()
    page.goto(f"{audited.site_url}guide/why/")
    page.keyboard.press("Shift")
    assert "twice more" in page.text_content(STATUS)
    page.keyboard.press("Shift")
    assert "once more" in page.text_content(STATUS)
    page.clock.run_for(6000)  # longer than the window between presses
    assert "cancelled" in page.text_content(STATUS)
    page.keyboard.press("Shift")  # the first press of a new count, not the third
    assert "twice more" in page.text_content(STATUS)
    _still_here(page, f"{audited.site_url}guide/why/")


def test_capitals_shift_tab_and_other_keys_between_presses_never_leave(audited):
    page = audited.new_page()
    _open_before_python(page, audited.site_url)
    url = page.url
    page.focus(FIRST_FIELD)
    page.keyboard.type("ANNA AND BEN")  # Shift held for each capital
    for key in ["Shift+A", "Shift+B", "Shift+C", "Shift+Tab", "Shift+Tab", "Shift+Tab"]:
        page.keyboard.press(key)
    for _ in range(3):  # Shift, then another key: the count starts again each time
        page.keyboard.press("Shift")
        page.keyboard.press("x")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.mouse.click(5, 400)  # a click between presses starts the count again too
    page.keyboard.press("Shift")
    _still_here(page, url)
    assert page.input_value(FIRST_FIELD) == "ANNA AND BENABC"


def test_escape_closes_search_tooltip_and_dialog_and_never_leaves(audited):
    """Wide screen: the search dialog opened, typed into, closed with Escape (twice, fast, as
    a habit); a glossary tooltip shown and dismissed with Escape; Escape on the page itself."""
    page = audited.new_page()
    url = f"{audited.site_url}guide/patterns/"
    page.goto(url)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    _still_here(page, url)

    page.click("[data-md-component=search-query]")
    page.keyboard.type("Consent")
    page.locator(".md-search-result__list a").first.wait_for()
    assert page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")
    _still_here(page, url)

    page.locator("article abbr[title]").first.hover()
    page.locator(".md-tooltip2--active").wait_for()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    _still_here(page, url)
    audited.assert_private(page)


def test_escape_closes_the_drawer_and_search_on_a_phone_and_never_leaves(audited):
    page = audited.new_page()
    page.set_viewport_size({"width": 375, "height": 740})
    _open_before_python(page, audited.site_url)
    url = page.url
    page.fill(FIRST_FIELD, "Typed on a phone")
    page.click("[data-ef-toggle=__drawer]")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    _still_here(page, url)

    page.click("[data-ef-toggle=__search]")
    page.keyboard.type("pause")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")
    _still_here(page, url)
    assert page.input_value(FIRST_FIELD) == "Typed on a phone"


def _open_before_python(page, url):
    """The worksheet page with the interpreter held back: what is tested here is JavaScript
    that works from first paint, so no test waits for Python it does not need."""
    page.route("**/micropython.wasm", lambda route: None)  # never answered
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
