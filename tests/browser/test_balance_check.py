"""The balance check in Chromium: two devices with response files, and one device in turns."""

from __future__ import annotations

import json

import pytest

from site_build.forms import field_dom_id
from worksheets import contract, get

from worksheet_driver import download, fill, json_file, open_worksheet, read

pytestmark = pytest.mark.browser
SHEET = get("balance_check")

# Sam feels decisions are fine (5, 5, 4 -> 4.7); Jo does not (2, 1, skipped -> 1.5).
SAM = {"respondent": "Sam", "role": "a", "decisions_1": "5", "decisions_2": "5",
       "decisions_3": "4", "money_1": "4", "notes": "Sam's own note"}  # fmt: skip
JO = {"respondent": "Jo", "role": "b", "decisions_1": "2", "decisions_2": "1",
      "money_1": "4", "notes": "Jo's own note"}  # fmt: skip


def results_text(page) -> str:
    return page.inner_text(f"#{contract.RESULTS}")


def answer_and_download(page, site_url, answers) -> str:
    open_worksheet(page, site_url, SHEET)
    fill(page, SHEET, answers)
    _, text = download(page, contract.DOWNLOAD_JSON)
    return text


def test_two_devices_compare_through_response_files(audited, module_audited, tmp_path):
    sam_page, jo_page = audited.new_page(), module_audited.new_page()
    sam_file = json_file(tmp_path, "sam.json", answer_and_download(sam_page, audited.site_url, SAM))
    jo_file = json_file(tmp_path, "jo.json", answer_and_download(jo_page, audited.site_url, JO))
    assert json.loads(jo_file.read_text())["answers"]["respondent"] == "Jo"

    sam_page.set_input_files(f"#{contract.COMPARE_FILE}", str(jo_file))
    sam_page.locator(f"#{contract.STATUS}", has_text="Comparing with your partner").wait_for()
    jo_page.set_input_files(f"#{contract.COMPARE_FILE}", str(sam_file))
    jo_page.locator(f"#{contract.STATUS}", has_text="Comparing with your partner").wait_for()
    for page in (sam_page, jo_page):
        shown = results_text(page)
        # Partner A's column comes first on both devices, whoever opened whose file.
        assert "Pattern\tSam\tJo\tGap" in shown
        assert "Who decides\t4.7\t1.5\t3.2" in shown
        assert "Money and logistics\t4.0\t4.0\t0.0" in shown
        assert "Outside pressure\tnot answered\tnot answered\tn/a" in shown
        talk = page.inner_text(f"#{contract.RESULTS} ol")
        assert talk.splitlines() == [
            "Who decides: a score of 1.5 and your views are 3.2 points apart."
        ]
        assert page.locator(f"#{contract.RESULTS} svg[role=img] title").first.text_content()
        # The comparison goes into the Markdown download too.
        _, markdown = download(page, contract.DOWNLOAD_MARKDOWN)
        assert "| Who decides | 4.7 | 1.5 | 3.2 |" in markdown
    # Each device keeps its own answers in its form.
    assert read(sam_page)["respondent"] == "Sam"
    assert read(jo_page)["notes"] == "Jo's own note"


def test_one_device_taking_turns_hides_the_first_answers(page, site_url):
    open_worksheet(page, site_url, SHEET)
    fill(page, SHEET, SAM)
    page.click(f'[data-action="{contract.TAKE_TURNS}"]')
    page.locator(f"#{contract.STATUS}", has_text="first answers are hidden").wait_for()
    # Everything here is answered apart: the form is empty, but for who answers now.
    assert read(page) == {**SHEET.empty_answers(), "role": "b"}
    html = page.content()
    assert "Sam's own note" not in html
    assert ">Sam<" not in html
    assert page.inner_text(f'[data-action="{contract.TAKE_TURNS}"]') == "Show our comparison"

    fill(page, SHEET, JO)
    page.click(f'[data-action="{contract.TAKE_TURNS}"]')
    page.locator(f"#{contract.STATUS}", has_text="Both of you have answered").wait_for()
    assert "Who decides\t4.7\t1.5\t3.2" in results_text(page)
    assert (
        page.inner_text(f'[data-action="{contract.TAKE_TURNS}"]') == "Hide my answers and hand over"
    )


def test_handing_over_with_nothing_answered_is_refused(page, site_url):
    open_worksheet(page, site_url, SHEET)
    page.fill(f"#{field_dom_id('respondent')}", "Sam")
    page.click(f'[data-action="{contract.TAKE_TURNS}"]')
    assert "Answer at least one question of your own" in page.inner_text(f"#{contract.ERROR}")
    assert read(page)["respondent"] == "Sam"


def test_private_self_check_is_left_out_unless_included(page, site_url):
    open_worksheet(page, site_url, SHEET)
    fill(page, SHEET, {"respondent": "Sam", "free_to_say_no": "2", "self_check_note": "Not sure"})
    _, text = download(page, contract.DOWNLOAD_JSON)
    shared = json.loads(text)["answers"]
    assert "free_to_say_no" not in shared
    assert "self_check_note" not in shared
    _, markdown = download(page, contract.DOWNLOAD_MARKDOWN)
    assert "Not sure" not in markdown
    assert "Not sure" not in page.inner_text(f"#{contract.PREVIEW}")

    page.check(f"#{field_dom_id('include_self_check')}")
    _, text = download(page, contract.DOWNLOAD_JSON)
    assert json.loads(text)["answers"]["self_check_note"] == "Not sure"


def test_own_scores_show_before_any_comparison(page, site_url):
    open_worksheet(page, site_url, SHEET)
    page.check('input[name="labour_1"][value="2"]')
    page.locator(f"#{contract.RESULTS}", has_text="Planning and emotional work\t2.0").wait_for()
    assert "Who decides\tnot answered" in results_text(page)
