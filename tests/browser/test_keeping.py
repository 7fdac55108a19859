"""Keeping answers on this device: off by default, on by choice, sealed by a passphrase,
and gone after "Forget everything"."""

from __future__ import annotations

import json

import pytest

from site_build.forms import field_dom_id
from worksheets import contract, get
from worksheets.keeping import KEEP_FLAG, storage_key

from worksheet_driver import open_worksheet, read, wait_for_python

pytestmark = pytest.mark.browser
AGREEMENT = get("agreement")
SECRET = "Marigold-7 is our pause word"
ALL_STORED = """async () => JSON.stringify({
  local: Object.entries(localStorage), session: Object.entries(sessionStorage),
  idb: (await indexedDB.databases()).map((d) => d.name), caches: await caches.keys(),
})"""


def kept(page) -> str | None:
    return page.evaluate(f"() => localStorage.getItem({json.dumps(storage_key('agreement'))})")


def wait_until_kept(page, needle: str = "") -> str:
    for _ in range(100):
        value = kept(page)
        if value and needle in value:
            return value
        page.wait_for_timeout(100)
    raise AssertionError(f"nothing containing {needle!r} was kept: {kept(page)!r}")


def turn_on(page, passphrase: str = "") -> None:
    page.click(f"#{contract.KEEP} summary")
    if passphrase:
        page.fill(f"#{contract.KEEP_PASSPHRASE}", passphrase)
    page.check(f"#{contract.KEEP_ON}")
    page.locator(f"#{contract.KEEP_STATUS}", has_text="On:").wait_for()


def test_kept_answers_survive_a_reload(page, site_url):
    open_worksheet(page, site_url, AGREEMENT)
    turn_on(page)
    page.fill(f"#{field_dom_id('pause_signal')}", SECRET)
    wait_until_kept(page, SECRET)
    assert page.evaluate(f"() => localStorage.getItem({json.dumps(KEEP_FLAG)})") == "on"
    page.reload()
    wait_for_python(page)
    assert read(page)["pause_signal"] == SECRET
    assert "Your answers are back" in page.inner_text(f"#{contract.KEEP_STATUS}")


def test_a_passphrase_keeps_only_ciphertext_and_a_wrong_one_changes_nothing(page, site_url):
    open_worksheet(page, site_url, AGREEMENT)
    turn_on(page, passphrase="correct horse battery")
    page.fill(f"#{field_dom_id('pause_signal')}", SECRET)
    envelope = json.loads(wait_until_kept(page, "ciphertext"))
    page.wait_for_timeout(600)  # let the last keystroke's save land
    everything = page.evaluate(ALL_STORED)
    assert "Marigold" not in everything
    assert "pause word" not in everything
    assert envelope["kind"] == "sealed"
    assert envelope["iterations"] >= 600_000

    page.reload()
    wait_for_python(page)
    page.locator(f"#{contract.KEEP_STATUS}", has_text="encrypted").wait_for()
    before = kept(page)
    page.fill(f"#{contract.KEEP_PASSPHRASE}", "wrong guess")
    page.click(f'[data-action="{contract.KEEP_UNLOCK}"]')
    page.locator(f"#{contract.KEEP_STATUS}", has_text="did not open").wait_for()
    assert kept(page) == before
    assert read(page)["pause_signal"] == ""
    page.fill(f"#{field_dom_id('partner_a')}", "typed while locked")
    page.wait_for_timeout(600)
    assert kept(page) == before, "nothing may overwrite sealed answers before they are opened"

    page.fill(f"#{contract.KEEP_PASSPHRASE}", "correct horse battery")
    page.click(f'[data-action="{contract.KEEP_UNLOCK}"]')
    page.locator(f"#{contract.KEEP_STATUS}", has_text="Your answers are back").wait_for()
    assert read(page)["pause_signal"] == SECRET


def test_forget_everything_leaves_nothing(audited, site_url):
    page = audited.new_page()
    open_worksheet(page, site_url, AGREEMENT)
    turn_on(page, passphrase="pass")
    page.fill(f"#{field_dom_id('partner_a')}", "Sam")
    wait_until_kept(page, "ciphertext")
    page.click(f"#{contract.KEEP} [{contract.FORGET_ATTRIBUTE}]")
    page.locator(
        f"[{contract.FORGET_STATUS_ATTRIBUTE}]", has_text="nothing stored"
    ).first.wait_for()
    audited.assert_private(page)  # cookies, both storages, IndexedDB, caches, service workers
    assert not page.is_checked(f"#{contract.KEEP_ON}")


def test_forget_everything_works_from_the_privacy_page_without_python(audited, site_url):
    page = audited.new_page()
    page.goto(f"{site_url}privacy/")
    page.evaluate(f"() => {{ localStorage.setItem({json.dumps(KEEP_FLAG)}, 'on'); }}")
    page.click(f"[{contract.FORGET_ATTRIBUTE}]")
    page.locator(f"[{contract.FORGET_STATUS_ATTRIBUTE}]", has_text="nothing stored").wait_for()
    audited.assert_private(page)
    assert not [url for url in audited.requests if "/runtime/" in url]
