"""The privacy promise, checked in a real browser: every page, its search, and the worksheet flows.

Every request must go to the local server that serves the site, and after every flow the
origin must hold nothing: no cookie, no localStorage or sessionStorage key, no IndexedDB
database, no Cache Storage entry, no service worker. Stock PyScript and Material do write
some of these; the site keeps them in memory instead (see site_src/overrides/assets/javascripts).
"""

from __future__ import annotations

import json

import pytest

import worksheets
from worksheets import contract

from site_pages import built_pages
from worksheet_driver import (
    download,
    fill,
    json_file,
    missing_from_markdown,
    read,
    sample_answers,
    wait_for_python,
)

pytestmark = pytest.mark.browser


def site_pages(site_path):
    return sorted(
        path.relative_to(site_path).parent.as_posix()
        for path in site_path.rglob("*.html")
        if path.name == "index.html"
    )


def test_every_page_stays_local_and_stores_nothing(built_site, module_audited):
    pages = site_pages(built_site.path)
    assert len(pages) >= 3
    page = module_audited.new_page()
    # Every worksheet's Python is audited in its own flow below; here the pages are read as a
    # reader would, without waiting seconds for each runtime (search: the next tests).
    page.route("**/runtime/**", lambda route: route.abort())
    for relative in pages:
        url = module_audited.site_url + ("" if relative == "." else f"{relative}/")
        page.goto(url)
        # Use the theme toggle, which the stock theme would remember in storage.
        page.click("label.md-header__button[for^='__palette']:visible")
        module_audited.assert_private(page)
    assert module_audited.requests, "the audit saw no request at all"


#: Search is one script, one worker and one index on every page; what differs from page to
#: page is how deep it sits (the relative URLs to them) and what else it loads. So it is
#: audited on the home page, on a page at each folder depth, on a worksheet and on the 404.
SEARCHED = ["", "privacy/", "guide/patterns/", "worksheets/agreement/", "404.html"]


def test_search_is_audited_at_every_depth_of_the_site(built_site):
    built = [
        path.relative_to(built_site.path).as_posix().removesuffix("index.html")
        for path in built_site.path.rglob("*.html")
    ]
    assert sorted(built) == sorted(built_pages())
    assert set(SEARCHED) <= set(built)
    assert {page.count("/") for page in built} == {page.count("/") for page in SEARCHED}


@pytest.fixture(scope="module")
def reader(module_audited):
    """One tab for every page's search: the pages only, their Python is audited below."""
    page = module_audited.new_page()
    page.route("**/runtime/**", lambda route: route.abort())
    return page


@pytest.mark.parametrize("path", SEARCHED, ids=lambda path: path.rstrip("/") or "home")
def test_search_stays_local_and_stores_nothing(module_audited, reader, path):
    """Material's search (its same-origin worker and the index it fetches), on each page:
    results come, no request leaves, no policy is broken, nothing is stored."""
    seen = len(module_audited.requests)
    reader.goto(module_audited.site_url + path)
    # Typed key by key: Material's search listens to keystrokes, not to a filled value.
    reader.click("input.md-search__input")
    reader.keyboard.type("consent")
    results = reader.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() > 0
    reader.keyboard.press("Escape")
    loaded = module_audited.requests[seen:]
    assert any(url.endswith("/search/search_index.json") for url in loaded), loaded
    assert module_audited.outside_requests() == []
    assert module_audited.csp_violations == []
    module_audited.assert_private(reader)


def test_guide_pages_load_no_python(built_site, module_audited):
    page = module_audited.new_page()
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    for relative in site_pages(built_site.path):
        if relative.startswith("worksheets/") and relative != "worksheets":
            continue
        loaded.clear()
        page.goto(module_audited.site_url + ("" if relative == "." else f"{relative}/"))
        runtime = [url for url in loaded if "/runtime/" in url]
        assert runtime == [], f"{relative} loads the Python runtime"


@pytest.mark.parametrize("worksheet_id", list(worksheets.IDS))
def test_every_worksheet_fills_exports_reimports_and_stays_private(audited, tmp_path, worksheet_id):
    """Each worksheet, driven from its declaration: both exports hold every answer, the JSON
    comes back exactly, a bad file is refused, and nothing leaves or stays behind."""
    worksheet = worksheets.get(worksheet_id)
    page = audited.new_page()
    page.goto(f"{audited.site_url}worksheets/{worksheet_id}/")
    wait_for_python(page)
    answers = sample_answers(worksheet)
    fill(page, worksheet, answers)
    if worksheet.log:
        page.click(f'[data-action="{contract.ADD_ENTRY}"]')
        page.locator(f"#{contract.STATUS}", has_text="Added the check-in").wait_for()
    shared = worksheet.shared_answers(answers)

    _, markdown = download(page, contract.DOWNLOAD_MARKDOWN)
    assert missing_from_markdown(worksheet, shared, markdown) == []

    _, text = download(page, contract.DOWNLOAD_JSON)
    document = json.loads(text)
    if worksheet.log:  # an entry is a record: each partner's own answers under their role
        assert document["entries"][0] == worksheet.shared_record(worksheet.record(answers))
    else:
        assert document["answers"] == shared

    page.evaluate(f"() => document.getElementById('{contract.FORM}').reset()")
    page.set_input_files(f"#{contract.IMPORT_FILE}", str(json_file(tmp_path, "back.json", text)))
    page.locator(f"#{contract.STATUS}", has_text="Imported").wait_for()
    if worksheet.log:
        assert page.locator(f"#{contract.LOG_LIST} li").count() == 1
    else:
        assert {k: v for k, v in read(page).items() if k in shared} == shared

    page.set_input_files(f"#{contract.IMPORT_FILE}", str(json_file(tmp_path, "bad.json", "{")))
    page.locator(f"#{contract.ERROR}").wait_for(state="visible")
    audited.assert_private(page)
    local = [url for url in audited.requests if url.startswith(audited.site_url)]
    assert any(url.endswith("micropython.wasm") for url in local)
