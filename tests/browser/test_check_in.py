"""The check-in log in Chromium: it grows entry by entry, survives a file, and sets a reminder."""

from __future__ import annotations

import json

import icalendar
import pytest

from worksheets import contract, get

from worksheet_driver import download, fill, json_file, open_worksheet, read

pytestmark = pytest.mark.browser
SHEET = get("check_in")
FIRST = {"date": "2026-11-01", "comfort_a": "4", "comfort_b": "2", "boundaries": "mostly",
         "felt_good": "Talking first", "next_date": "2026-11-22"}  # fmt: skip
SECOND = {"date": "2026-11-22", "comfort_a": "5", "comfort_b": "4", "boundaries": "all",
          "adjust": "Text more", "next_date": "2026-12-13"}  # fmt: skip


def add(page, entry):
    fill(page, SHEET, entry)
    page.click(f'[data-action="{contract.ADD_ENTRY}"]')
    page.locator(
        f"#{contract.STATUS}", has_text=f"Added the check-in of {entry['date']}"
    ).wait_for()


def test_log_grows_exports_imports_and_sets_a_reminder(audited, tmp_path):
    page = audited.new_page()
    open_worksheet(page, audited.site_url, SHEET)
    add(page, FIRST)
    assert all(value == "" for value in read(page).values()), "the form clears for the next one"
    add(page, SECOND)
    assert page.locator(f"#{contract.LOG_LIST} li").count() == 2
    trend = page.inner_text(f"#{contract.RESULTS}")
    assert "Partner A's comfort averaged 4.5 out of 5" in trend
    assert "Boundaries were fully respected at 1 of 2 answered." in trend
    assert page.locator(f"#{contract.RESULTS} svg polyline").count() == 2

    _, text = download(page, contract.DOWNLOAD_JSON)
    entries = json.loads(text)["entries"]
    assert [e["date"] for e in entries] == ["2026-11-01", "2026-11-22"]
    assert entries[1]["adjust"] == "Text more"
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
    add(fresh, {**FIRST, "date": "2026-12-13", "next_date": "2027-01-03"})
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
