"""The written agreement, end to end in Chromium: type, preview, download, print, import.

Every answer is generated from the worksheet's declaration, so these tests cover each
field the form has, and the privacy audit of the `audited` fixture runs after each test.
"""

from __future__ import annotations

import json
import re

import pytest

from site_build.forms import field_dom_id
from worksheets import contract, get
from worksheets import document as files

from worksheet_driver import (
    download,
    fill,
    json_file,
    open_worksheet,
    read,
    sample_answers,
    wait_for_python,
)

pytestmark = pytest.mark.browser
AGREEMENT = get("agreement")
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def filled(page, site_url):
    open_worksheet(page, site_url, AGREEMENT)
    answers = sample_answers(AGREEMENT)
    fill(page, AGREEMENT, answers)
    return page, answers


@pytest.fixture(scope="module")
def filled_once(module_audited):
    """One filled page for all the bad files: each refusal must leave it exactly as it was."""
    page = module_audited.new_page()
    open_worksheet(page, module_audited.site_url, AGREEMENT)
    answers = sample_answers(AGREEMENT)
    fill(page, AGREEMENT, answers)
    return page, answers


def test_form_is_usable_before_python_is_ready(audited, site_url):
    """Hold back the wasm: the form must be typeable and the status must say Python is loading."""
    page = audited.new_page()
    held = []
    page.route("**/micropython.wasm", lambda route: held.append(route))
    page.goto(f"{site_url}worksheets/agreement/", wait_until="domcontentloaded")
    page.fill(f"#{field_dom_id('partner_a')}", "Typed early")
    assert page.get_attribute(f"#{contract.STATUS}", "data-state") == "loading"
    assert "start typing now" in page.text_content(f"#{contract.STATUS}")
    assert page.is_disabled(f'[data-action="{contract.DOWNLOAD_MARKDOWN}"]')
    assert held, "the page never asked for the interpreter"
    for route in held:
        route.continue_()
    wait_for_python(page)
    # What was typed before Python arrived is in the preview as soon as it is ready.
    assert "Typed early" in page.inner_text(f"#{contract.PREVIEW}")
    assert page.is_enabled(f'[data-action="{contract.DOWNLOAD_MARKDOWN}"]')


def test_preview_shows_every_answer(filled_once):
    page, answers = filled_once
    preview = page.inner_text(f"#{contract.PREVIEW}")
    for item in AGREEMENT.fields():
        assert item.label in preview
        first_line = answers[item.id].splitlines()[0]
        assert first_line in preview, item.id


def test_typed_markup_is_shown_as_text_never_run(page, site_url, audited):
    open_worksheet(page, site_url, AGREEMENT)
    page.fill(f"#{field_dom_id('boundaries_shared')}", HOSTILE)
    page.fill(f"#{field_dom_id('partner_b')}", "<script>alert(2)</script>")
    assert HOSTILE in page.inner_text(f"#{contract.PREVIEW}")
    assert page.locator(f"#{contract.PREVIEW} img, #{contract.PREVIEW} script").count() == 0
    page.wait_for_timeout(300)
    assert audited.dialogs == []


def test_markdown_download_holds_every_answer(filled_once):
    page, answers = filled_once
    name, text = download(page, contract.DOWNLOAD_MARKDOWN)
    assert re.fullmatch(r"written-agreement-\d{4}-\d{2}-\d{2}\.md", name)
    assert text.startswith("# Our written agreement")
    for item in AGREEMENT.fields():
        first_line = answers[item.id].splitlines()[0]
        # The Markdown escapes markup characters, so compare with them unescaped.
        assert first_line in re.sub(r"\\(.)", r"\1", text), item.id
    assert "Downloaded as Markdown" in page.text_content(f"#{contract.STATUS}")


def test_json_download_is_the_versioned_document(filled_once):
    page, answers = filled_once
    name, text = download(page, contract.DOWNLOAD_JSON)
    assert name.endswith(".json")
    document = json.loads(text)
    assert document["format"] == files.FORMAT
    assert (document["worksheet"], document["version"]) == ("agreement", AGREEMENT.version)
    assert document["answers"] == answers


def test_import_restores_every_field_in_a_fresh_page(filled, audited, tmp_path):
    page, answers = filled
    _, text = download(page, contract.DOWNLOAD_JSON)
    fresh = audited.new_page()
    open_worksheet(fresh, audited.site_url, AGREEMENT)
    assert all(value == "" for value in read(fresh).values())
    fresh.set_input_files(f"#{contract.IMPORT_FILE}", str(json_file(tmp_path, "ours.json", text)))
    fresh.locator(f"#{contract.STATUS}", has_text="Imported").wait_for()
    assert read(fresh) == answers
    assert answers["partner_a"] in fresh.inner_text(f"#{contract.PREVIEW}")
    assert audited.dialogs == []  # an empty form is filled without asking


def test_import_over_answers_asks_first(filled, audited, tmp_path):
    page, answers = filled
    other = {**answers, "partner_a": "Someone else"}
    path = json_file(tmp_path, "other.json", files.to_json(AGREEMENT, other))
    page.set_input_files(f"#{contract.IMPORT_FILE}", str(path))
    page.locator(f"#{contract.STATUS}", has_text="Imported").wait_for()
    assert audited.dialogs == [
        "confirm: Replace the answers on this page with the ones in the file?"
    ]
    assert read(page)["partner_a"] == "Someone else"


BAD_FILES = {
    "malformed": ('{"format": "equal-footing/worksheet", "answers": {', "damaged or incomplete"),
    "other_worksheet": (
        {"format": files.FORMAT, "worksheet": "balance_check", "version": 1, "answers": {}},
        "belongs to another worksheet",
    ),
    "future_version": (
        {"format": files.FORMAT, "worksheet": "agreement", "version": 99, "answers": {}},
        "newer version",
    ),
    "too_large": ("[" + " " * (files.MAX_BYTES + 10) + "]", "far larger than a worksheet file"),
    "deeply_nested": ("[" * 100_000 + "]" * 100_000, "nested far deeper"),
    "not_ours": ({"hello": "world"}, "not a file downloaded from an Equal Footing worksheet"),
    "hostile_answer": (
        {
            "format": files.FORMAT,
            "worksheet": "agreement",
            "version": 1,
            "answers": {"agreed_on": "2026-99-99"},
        },
        "not one the form offers",
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_file_is_refused_and_changes_nothing(filled_once, tmp_path, kind):
    page, answers = filled_once
    content, message = BAD_FILES[kind]
    before_preview = page.inner_html(f"#{contract.PREVIEW}")
    page.set_input_files(
        f"#{contract.IMPORT_FILE}", str(json_file(tmp_path, f"{kind}.json", content))
    )
    # The page is shared by these cases: wait for this file's own message, not the last one.
    page.locator(f"#{contract.ERROR}", has_text=message).wait_for()
    assert page.is_visible(f"#{contract.ERROR}")
    assert page.get_attribute(f"#{contract.STATUS}", "data-state") == "refused"
    assert read(page) == answers
    assert page.inner_html(f"#{contract.PREVIEW}") == before_preview
    # The page is still alive: Python still answers after the refusal.
    page.fill(f"#{field_dom_id('partner_a')}", "still here")
    page.locator(f"#{contract.PREVIEW}", has_text="still here").wait_for()
    page.fill(f"#{field_dom_id('partner_a')}", answers["partner_a"])


TYPE_THEN_PRINT = f"""(text) => {{
  const field = document.getElementById("{field_dom_id("partner_a")}");
  const preview = document.getElementById("{contract.PREVIEW}");
  field.value = text;
  field.dispatchEvent(new Event("input", {{bubbles: true}}));
  const before = preview.innerText;
  window.dispatchEvent(new Event("beforeprint"));
  return [before, preview.innerText];
}}"""


def test_print_shows_the_filled_agreement_alone(filled_once):
    """Printing right after typing still prints the latest words: the preview waits for a
    pause in the typing, and the browser's beforeprint draws it at once. Typed, then printed,
    in one go in the page, so no pause can come between."""
    page, answers = filled_once
    page.emulate_media(media="print")
    try:
        before, printed = page.evaluate(TYPE_THEN_PRINT, "Typed just before printing")
        assert "Typed just before printing" not in before  # the typing had not paused
        assert "Typed just before printing" in printed
        assert page.is_hidden(".ef-toolbar")
        assert page.is_hidden(".md-sidebar--primary")
        assert page.is_hidden(f"#{contract.FORM}")
        assert page.is_visible(f"#{contract.PREVIEW}")
        assert answers["partner_b"].split(" <")[0] in page.inner_text(f"#{contract.PREVIEW}")
    finally:
        page.emulate_media(media="screen")  # the page is shared with other tests
        page.fill(f"#{field_dom_id('partner_a')}", answers["partner_a"])
        page.locator(
            f"#{contract.PREVIEW}", has_text=answers["partner_a"].split(" <")[0]
        ).wait_for()
