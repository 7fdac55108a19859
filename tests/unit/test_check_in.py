"""The check-in log: entries (records of both partners) round trip, version 1 logs import,
the trend, this check-in compared, and the calendar event."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import icalendar
import pytest

from worksheets import check_in as ci
from worksheets import document as files
from worksheets import pairs, render

SHEET = ci.CHECK_IN
FIRST = {"date": "2026-11-01", "comfort_a": "4", "comfort_b": "2", "respected_a": "mostly",
         "respected_b": "all", "adjust": "Slower pace", "next_date": "2026-11-22"}  # fmt: skip
SECOND = {"date": "2026-11-22", "comfort_a": "5", "comfort_b": "4", "respected_a": "all",
          "respected_b": "no", "next_date": "2026-12-13"}  # fmt: skip


def test_log_file_round_trips_every_entry():
    text = files.to_json(SHEET, [FIRST, SECOND])
    document = json.loads(text)
    assert "answers" not in document
    assert len(document["entries"]) == 2
    imported = files.from_json(SHEET, text)
    assert [e["date"] for e in imported.entries] == ["2026-11-01", "2026-11-22"]
    assert imported.entries[0]["adjust"] == "Slower pace"
    assert imported.entries[0]["felt_good"] == ""
    assert (imported.entries[1]["respected_a"], imported.entries[1]["respected_b"]) == ("all", "no")
    assert "role" not in imported.entries[0]  # a record says whose answer is whose by its ids


def test_the_form_is_one_partner_and_an_entry_holds_both():
    assert SHEET.version == 2
    assert SHEET.role == "role"
    assert [f.id for f in SHEET.apart_fields()] == ["comfort", "respected", "need_next"]
    assert SHEET.field("comfort").worry == ("1", "2")
    assert SHEET.field("respected").worry == ("no",)
    assert [o.value for o in SHEET.field("respected").options] == ["all", "mostly", "no"]
    assert [rid for rid, _field, _role in SHEET.record_fields()] == [
        "date", "comfort_a", "respected_a", "need_next_a", "comfort_b", "respected_b",
        "need_next_b", "felt_good", "adjust", "agreed_changes", "renegotiations", "next_date",
    ]  # fmt: skip
    form = {"role": "b", "date": "2026-11-01", "comfort": "3", "respected": "mostly"}
    partner = {"role": "a", "comfort": "5", "respected": "all", "need_next": "An earlier night"}
    record = SHEET.record(form, partner)
    assert (record["comfort_a"], record["comfort_b"]) == ("5", "3")
    assert (record["respected_a"], record["respected_b"]) == ("all", "mostly")
    assert (record["need_next_a"], record["need_next_b"]) == ("An earlier night", "")
    assert record["date"] == "2026-11-01"


def _version_1_log(entries: list[dict[str, str]]) -> str:
    return json.dumps({"format": files.FORMAT, "worksheet": "check_in", "version": 1,
                       "saved": "2026-11-01T00:00:00+00:00", "entries": entries})  # fmt: skip


def test_a_version_1_log_reads_the_joint_boundaries_answer_as_each_partners():
    old = {"date": "2026-10-01", "comfort_a": "4", "comfort_b": "3", "boundaries": "mostly",
           "felt_good": "Dinner", "adjust": "", "agreed_changes": "", "renegotiations": "",
           "next_date": "2026-10-22"}  # fmt: skip
    unanswered = dict(old, boundaries="")
    imported = files.from_json(SHEET, _version_1_log([old, unanswered]))
    first = imported.entries[0]
    assert (first["respected_a"], first["respected_b"]) == ("mostly", "mostly")
    assert (first["comfort_a"], first["comfort_b"]) == ("4", "3")
    assert (first["felt_good"], first["next_date"]) == ("Dinner", "2026-10-22")
    assert (first["need_next_a"], first["need_next_b"]) == ("", "")
    assert "boundaries" not in first
    assert (imported.entries[1]["respected_a"], imported.entries[1]["respected_b"]) == ("", "")
    trend = ci.trend(list(imported.entries))
    assert "Partner A felt their boundaries fully respected at 0 of 1 check-in answered." in (
        trend.markdown
    )
    assert "| 2026-10-01 | 4 | 3 | Mostly | Mostly |" in trend.markdown


def test_a_current_log_may_not_use_the_former_id():
    document = json.loads(files.to_json(SHEET, [FIRST]))
    document["entries"][0]["boundaries"] = "all"
    with pytest.raises(files.ImportRefused) as refused:
        files.from_json(SHEET, json.dumps(document))
    assert refused.value.kind == "unknown_fields"


@pytest.mark.parametrize(
    ("entries", "words"),
    [
        ({"date": "x"}, "no list of entries"),
        ([1, 2], "no list of entries"),
        ([{}] * (files.MAX_ENTRIES + 1), "more than any log here can"),
        ([{"comfort_a": "9"}], "not one the form offers"),
        ([{"respected_b": "sometimes"}], "not one the form offers"),
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
    assert "\n### How it feels for you\n" in markdown
    assert (
        "#### Partner A's answers\n\n"
        "**How comfortable do you feel with how things are going?**\n\n4 out of 5\n\n"
        "**Were my boundaries respected since the last check-in?**\n\nMostly\n"
    ) in markdown
    assert "#### Partner B's answers\n\n" in markdown
    assert "**Were my boundaries respected since the last check-in?**\n\nYes, all of them\n" in (
        markdown
    )
    assert "_Nothing in the log yet._" in render.log_to_markdown(SHEET, [])


def test_trend_on_a_hand_computed_case():
    undated = {"comfort_a": "3", "respected_b": "mostly"}
    trend = ci.trend([SECOND, FIRST, undated])
    assert (
        "Across 3 check-ins: Partner A's comfort averaged 4.0 out of 5 (3 answered)"
        in trend.markdown
    )
    assert "Partner B's comfort averaged 3.0 out of 5 (2 answered)." in trend.markdown
    # A: mostly, all -> 1 of 2; B: all, no, mostly -> 1 of 3.
    assert "Partner A felt their boundaries fully respected at 1 of 2 check-ins answered." in (
        trend.markdown
    )
    assert "Partner B felt their boundaries fully respected at 1 of 3 check-ins answered." in (
        trend.markdown
    )
    rows = [line for line in trend.markdown.splitlines() if line.startswith("| 20")]
    assert rows == [  # oldest first
        "| 2026-11-01 | 4 | 2 | Mostly | Yes, all of them |",
        "| 2026-11-22 | 5 | 4 | Yes, all of them | No, one or more were crossed |",
    ]
    assert "| undated | 3 | not answered | not answered | Mostly |" in trend.markdown
    assert trend.svg.count("<polyline") == 2
    assert "Add a check-in" in ci.trend([]).markdown


def test_the_chart_has_a_row_of_boundary_marks_for_each_partner():
    svg = ci.trend([FIRST, SECOND]).svg
    marks = re.findall(r'font-weight="bold" fill="currentColor">([^<]+)</text>', svg)
    # Each row: its letter, then one mark per check-in, oldest first.
    assert marks == ["A", "~", "✓", "B", "✓", "✗"]
    assert "2026-11-01: comfort A 4, B 2; boundaries respected A mostly, B yes, all of them" in svg
    assert "2026-11-22: comfort A 5, B 4; boundaries respected A yes, all of them, B no, one" in svg


# -- This check-in, compared -------------------------------------------------------------------

MINE = {"role": "b", "date": "2026-12-13", "comfort": "2", "respected": "mostly",
        "need_next": "More *time* to talk"}  # fmt: skip
THEIRS = {"role": "a", "date": "2026-12-13", "comfort": "4", "respected": "mostly"}


def test_compare_puts_this_check_in_side_by_side():
    found = ci.compare_results(MINE, THEIRS)
    markdown = found.markdown
    assert markdown.startswith("## This check-in, side by side\n")
    assert "| Comfort | 4 out of 5 | 2 out of 5 |" in markdown  # Partner A first, whoever loaded
    assert "| Boundaries respected | Mostly | Mostly |" in markdown
    assert "- Partner A: nothing written yet\n- Partner B: More \\*time\\* to talk\n" in markdown
    # Comfort 4 and 2: a 2 is a worry, whatever the gap. Respected: the same answer, agreed.
    assert (
        "Of the 2 items either of you answered: 1 you agree on, 0 you see differently, "
        "1 marked as a worry by one of you, and 0 not answered by one of you."
    ) in markdown
    worry = markdown.split("#### One of you marked it as a worry (1)\n\n")[1].split("\n")[0]
    assert worry == (
        "- How comfortable do you feel with how things are going? — Partner A: 4, "
        "Partner B: 2 (2 points apart)"
    )
    assert "#### You agree (1)\n\n- Were my boundaries respected" in markdown
    assert found.svg == ""


def test_compare_buckets_a_crossed_boundary_as_a_worry_and_a_gap_as_a_difference():
    items = pairs.compared(
        SHEET, {"role": "a", "comfort": "5", "respected": "no"}, {"role": "b", "comfort": "3"}
    )
    assert [(i.field.id, i.bucket, i.gap) for i in items] == [
        ("comfort", pairs.DIFFER, 2),
        ("respected", pairs.WORRY, 0),
    ]


def test_compare_with_only_what_you_agree_on():
    markdown = ci.compare_results(MINE, THEIRS, only_agreed=True).markdown
    assert pairs.ONLY_AGREED_NOTE in markdown
    assert "#### You agree (1)" in markdown
    assert "worry" not in markdown
    assert "Comfort |" not in markdown
    assert "More" not in markdown  # what each needs is not an agreement: it stays hidden


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
