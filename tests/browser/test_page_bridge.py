"""The page's Python stays thin and tidy in a real browser: its proxies are made once."""

from __future__ import annotations

import pytest
from test_keeping import turn_on, wait_until_kept

from worksheets import contract, get

from worksheet_driver import download, open_worksheet

pytestmark = pytest.mark.browser
AGREEMENT = get("agreement")
PROXIES = f"() => Number(document.getElementById({contract.FORM!r}).dataset.proxies)"


def test_typing_500_characters_with_keeping_on_makes_no_new_proxy(page, site_url):
    """Every keystroke reads the form, re-renders, reschedules the save and stores: if any
    of that handed JavaScript a new Python proxy, the count would grow by hundreds."""
    open_worksheet(page, site_url, AGREEMENT)
    at_start = page.evaluate(PROXIES)
    assert 5 < at_start < 30, "the bridge counts the proxies it hands JavaScript"
    turn_on(page)
    field = page.locator(f"#{contract.field_id('pause_signal')}")
    field.click()
    text = ("Marigold " * 60)[:500]
    page.keyboard.type(text)
    wait_until_kept(page, text.strip()[-40:])
    download(page, contract.DOWNLOAD_MARKDOWN)
    download(page, contract.DOWNLOAD_JSON)
    assert page.evaluate(PROXIES) == at_start
