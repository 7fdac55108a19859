"""The check-in log: entries round trip, the trend, and the calendar event."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import icalendar
import pytest

from worksheets import check_in as ci
from worksheets import document as files
from worksheets import render

SHEET = ci.CHECK_IN
FIRST = {"date": "2026-11-01", "comfort_a": "4", "comfort_b": "2", "boundaries": "mostly",
         "adjust": "Slower pace", "next_date": "2026-11-22"}  # fmt: skip
SECOND = {"date": "2026-11-22", "comfort_a": "5", "comfort_b": "4", "boundaries": "all",
          "next_date": "2026-12-13"}  # fmt: skip


def test_log_file_round_trips_every_entry():
    text = files.to_json(SHEET, [FIRST, SECOND])
    document = json.loads(text)
    assert "answers" not in document
    assert len(document["entries"]) == 2
    imported = files.from_json(SHEET, text)
    assert [e["date"] for e in imported.entries] == ["2026-11-01", "2026-11-22"]
    assert imported.entries[0]["adjust"] == "Slower pace"
    assert imported.entries[0]["felt_good"] == ""


@pytest.mark.parametrize(
    ("entries", "words"),
    [
        ({"date": "x"}, "no list of entries"),
        ([1, 2], "no list of entries"),
        ([{}] * (files.MAX_ENTRIES + 1), "more than any log here can"),
        ([{"comfort_a": "9"}], "not one the form offers"),
    ],
)
def test_bad_logs_are_refused(entries, words):
    document = json.loads(files.to_json(SHEET, []))
    document["entries"] = entries
    with pytest.raises(files.ImportRefused, match=words):
        files.from_json(SHEET, json.dumps(document))


def test_log_markdown_has_each_entry_under_its_date():
    markdown = render.log_to_markdown(SHEET, [FIRST, SECOND])
    assert "\n## Check-in on 2026-11-01\n" in markdown
    assert "\n## Check-in on 2026-11-22\n" in markdown
    assert "\n### How it feels\n" in markdown
    assert "**Were your boundaries respected since the last check-in?**\n\nMostly\n" in markdown
    assert "_Nothing in the log yet._" in render.log_to_markdown(SHEET, [])


def test_trend_on_a_hand_computed_case():
    undated = {"comfort_a": "3"}
    trend = ci.trend([SECOND, FIRST, undated])
    assert (
        "Across 3 check-ins: Partner A's comfort averaged 4.0 out of 5 (3 answered)"
        in trend.markdown
    )
    assert "Partner B's comfort averaged 3.0 out of 5 (2 answered)" in trend.markdown
    assert "Boundaries were fully respected at 1 of 2 answered." in trend.markdown
    rows = [line for line in trend.markdown.splitlines() if line.startswith("| 20")]
    assert rows[0].startswith("| 2026-11-01 | 4 | 2 | Mostly |")  # oldest first
    assert "| undated | 3 | not answered | not answered |" in trend.markdown
    assert trend.svg.count("<polyline") == 2
    assert "Add a check-in" in ci.trend([]).markdown


def test_next_date_prefers_the_form_then_the_latest_entry():
    assert ci.next_date([FIRST, SECOND], {}) == "2026-12-13"
    assert ci.next_date([SECOND, FIRST], {}) == "2026-12-13"
    assert ci.next_date([FIRST], {"next_date": "2027-01-05"}) == "2027-01-05"
    assert ci.next_date([], {}) == ""


def test_calendar_event_is_valid_and_says_nothing_private():
    text = ci.calendar_event("2026-12-13", now=datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    assert "\r\n" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event.decoded("DTSTART") == date(2026, 12, 13)
    assert event.decoded("DTEND") == date(2026, 12, 14)
    assert str(event["SUMMARY"]) == "Check-in together"
    assert event["UID"] == ci.calendar_event("2026-12-13").split("UID:")[1].split("\r\n")[0]


def test_long_lines_fold_without_splitting_a_character():
    folded = ci._fold("DESCRIPTION:" + "é" * 80)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n "))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 80
