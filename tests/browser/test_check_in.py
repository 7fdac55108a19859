"""The check-in log in Chromium: it grows entry by entry, survives a file, and sets a reminder."""

from __future__ import annotations

import json

import icalendar
import pytest

from worksheets import contract, get

from worksheet_driver import download, fill, json_file, open_worksheet, read

pytestmark = pytest.mark.browser
SHEET = get("check_in")
# Each check-in: what is written together, then each partner's own answers, given in turns.
FIRST = (
    {"date": "2026-11-01", "felt_good": "Talking first", "next_date": "2026-11-22"},
    {"role": "a", "comfort": "4", "respected": "mostly", "need_next": "More notice"},
    {"role": "b", "comfort": "2", "respected": "all", "need_next": "A slower pace"},
)
SECOND = (
    {"date": "2026-11-22", "adjust": "Text more", "next_date": "2026-12-13"},
    {"role": "a", "comfort": "5", "respected": "all"},
    {"role": "b", "comfort": "4", "respected": "no"},
)


def add(page, entry):
    """Answer a check-in in turns on one device, compare, then add it to the log."""
    together, first, second = entry
    fill(page, SHEET, together | first)
    page.click(f'[data-action="{contract.TAKE_TURNS}"]')
    page.locator(f"#{contract.STATUS}", has_text="first answers are hidden").wait_for()
    fill(page, SHEET, second)
    page.click(f'[data-action="{contract.TAKE_TURNS}"]')
    page.locator(f"#{contract.STATUS}", has_text="Both of you have answered").wait_for()
    page.click(f'[data-action="{contract.ADD_ENTRY}"]')
    page.locator(
        f"#{contract.STATUS}", has_text=f"Added the check-in of {together['date']}"
    ).wait_for()


def test_log_grows_exports_imports_and_sets_a_reminder(audited, tmp_path):
    page = audited.new_page()
    open_worksheet(page, audited.site_url, SHEET)
    add(page, FIRST)
    # The form clears for the next one; whoever holds the device stays who they are.
    assert read(page) == {**SHEET.empty_answers(), "role": "b"}
    add(page, SECOND)
    assert page.locator(f"#{contract.LOG_LIST} li").count() == 2
    trend = page.inner_text(f"#{contract.RESULTS}")
    assert "Partner A's comfort averaged 4.5 out of 5 (2 answered)" in trend
    assert "Partner B's comfort averaged 3.0 out of 5 (2 answered)" in trend
    for who in ("Partner A", "Partner B"):
        assert f"{who} felt their boundaries fully respected at 1 of 2 check-ins answered." in trend
    assert "2026-11-22\t5\t4\tYes, all of them\tNo, one or more were crossed" in trend
    assert page.locator(f"#{contract.RESULTS} svg polyline").count() == 2

    _, text = download(page, contract.DOWNLOAD_JSON)
    entries = json.loads(text)["entries"]
    assert [e["date"] for e in entries] == ["2026-11-01", "2026-11-22"]
    assert entries[1]["adjust"] == "Text more"
    # Each entry holds both partners' own answers, each under their role.
    assert {k: v for k, v in entries[0].items() if k.endswith(("_a", "_b"))} == {
        "comfort_a": "4", "respected_a": "mostly", "need_next_a": "More notice",
        "comfort_b": "2", "respected_b": "all", "need_next_b": "A slower pace",
    }  # fmt: skip
    _, markdown = download(page, contract.DOWNLOAD_MARKDOWN)
    assert "## Check-in on 2026-11-22" in markdown
    assert "## Trend" in markdown

    name, ics = download(page, contract.CALENDAR)
    assert name == "check-in-2026-12-13.ics"
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Check-in together"

    fresh = audited.new_page()
    open_worksheet(fresh, audited.site_url, SHEET)
    fresh.set_input_files(f"#{contract.IMPORT_FILE}", str(json_file(tmp_path, "log.json", text)))
    fresh.locator(f"#{contract.STATUS}", has_text="Imported").wait_for()
    assert fresh.locator(f"#{contract.LOG_LIST} li").count() == 2
    together, first, second = FIRST
    add(fresh, (together | {"date": "2026-12-13", "next_date": "2027-01-03"}, first, second))
    assert fresh.locator(f"#{contract.LOG_LIST} li").count() == 3

    fresh.click(f'#{contract.LOG_LIST} button[data-entry="0"]')
    fresh.locator(f"#{contract.STATUS}", has_text="Removed the check-in of 2026-11-01").wait_for()
    assert fresh.locator(f"#{contract.LOG_LIST} li").count() == 2
    assert audited.dialogs[-1] == "confirm: Remove the check-in of 2026-11-01 from the log?"


def test_an_entry_needs_a_date_and_the_calendar_a_next_date(page, site_url):
    open_worksheet(page, site_url, SHEET)
    page.click(f'[data-action="{contract.CALENDAR}"]')
    assert "Set the date of the next check-in first" in page.inner_text(f"#{contract.ERROR}")
    fill(page, SHEET, {"felt_good": "Plenty"})
    page.click(f'[data-action="{contract.ADD_ENTRY}"]')
    assert "Add the date of this check-in first" in page.inner_text(f"#{contract.ERROR}")
    assert read(page)["felt_good"] == "Plenty"
    assert page.locator(f"#{contract.LOG_LIST} li").count() == 0


def test_a_check_in_compared_through_a_file_keeps_both_partners_answers(
    audited, module_audited, tmp_path
):
    together, first, second = FIRST
    mine, theirs = audited.new_page(), module_audited.new_page()
    for page, own in ((mine, first), (theirs, second)):
        open_worksheet(page, audited.site_url, SHEET)
        fill(page, SHEET, together | own)
    # The file holds the check-in still in the form: what the partner compares with.
    _, text = download(theirs, contract.DOWNLOAD_JSON)
    theirs.close()
    mine.set_input_files(f"#{contract.COMPARE_FILE}", str(json_file(tmp_path, "jo.json", text)))
    mine.locator(f"#{contract.STATUS}", has_text="Comparing with your partner").wait_for()
    assert "Comfort\t4 out of 5\t2 out of 5" in mine.inner_text(f"#{contract.RESULTS}")

    mine.click(f'[data-action="{contract.ADD_ENTRY}"]')
    mine.locator(f"#{contract.STATUS}", has_text="Added the check-in of 2026-11-01").wait_for()
    assert "Partner B's comfort averaged 2.0 out of 5" in mine.inner_text(f"#{contract.RESULTS}")
    _, text = download(mine, contract.DOWNLOAD_JSON)
    (entry,) = json.loads(text)["entries"]
    assert (entry["comfort_a"], entry["comfort_b"]) == ("4", "2")
    assert (entry["need_next_a"], entry["need_next_b"]) == ("More notice", "A slower pace")
    assert entry["felt_good"] == "Talking first"
