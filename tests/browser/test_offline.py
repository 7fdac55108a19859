"""Offline, by choice, in Chromium: nothing is stored until asked; once asked, a worksheet
works with the network off; a new build replaces the copy; removing it leaves nothing."""

from __future__ import annotations

import re
import shutil
import time

import pytest

import worksheets
from site_build import offline
from site_build.serve import serve_in_background
from worksheets import contract

from worksheet_driver import download, fill, open_worksheet, sample_answers

pytestmark = pytest.mark.browser
AGREEMENT = worksheets.get("agreement")
STATUS = f"#{contract.OFFLINE_STATUS}"
CACHES = "() => caches.keys()"
#: Storing about 17 MB from 127.0.0.1 took under 2 s here; this bounds a hang, not a speed.
STORE_TIMEOUT_MS = 120_000


def _store(page, site_url):
    page.goto(f"{site_url}privacy/")
    assert page.get_attribute(STATUS, "data-state") == "off"
    started = time.monotonic()
    page.click(f'[{contract.OFFLINE_ATTRIBUTE}="enable"]')
    page.locator(f'{STATUS}:not([data-state="working"])').wait_for(timeout=STORE_TIMEOUT_MS)
    assert page.get_attribute(STATUS, "data-state") == "on", page.text_content(STATUS)
    return time.monotonic() - started


def test_offline_copy_runs_a_worksheet_with_the_network_off(audited):
    page = audited.new_page()
    page.goto(f"{audited.site_url}privacy/")
    audited.assert_private(page)  # the privacy page itself stores nothing
    _store(page, audited.site_url)
    audited.context.set_offline(True)
    away = audited.new_page()  # a fresh tab, opened with no network at all
    open_worksheet(away, audited.site_url, AGREEMENT)
    answers = sample_answers(AGREEMENT)
    fill(away, AGREEMENT, answers)
    name, text = download(away, contract.DOWNLOAD_MARKDOWN)
    assert name.endswith(".md")
    assert answers["partner_a"].split(" <")[0] in re.sub(r"\\(.)", r"\1", text)  # unescaped
    away.close()
    audited.context.set_offline(False)
    page.click(f'[{contract.OFFLINE_ATTRIBUTE}="remove"]')
    page.locator(f'{STATUS}[data-state="off"]').wait_for()
    audited.assert_private(page)  # no registration, no cache left


def test_a_new_build_replaces_the_old_copy(browser, built_site, tmp_path):
    """A copy of the built site, served apart, so changing it disturbs no other test."""
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    server, url = serve_in_background(site)
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        _store(page, url)
        first = page.evaluate(CACHES)
        about = site / "about" / "index.html"
        about.write_text(about.read_text().replace("</h1>", "</h1><p>A newer build.</p>", 1))
        newer = offline.write(site, "Equal Footing", "")
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        for _ in range(150):
            caches = page.evaluate(CACHES)
            if caches == [f"{contract.CACHE_PREFIX}{newer.version}"]:
                break
            page.wait_for_timeout(200)
        assert caches == [f"{contract.CACHE_PREFIX}{newer.version}"] != first
        context.set_offline(True)
        page.goto(f"{url}about/")
        assert "A newer build." in page.content()
        context.set_offline(False)
        page.evaluate("() => window.efOffline.remove()")
        assert page.evaluate(CACHES) == []
    finally:
        context.close()
        server.shutdown()
    assert [r for r in requests if not r.startswith((url, "blob:", "data:"))] == []
