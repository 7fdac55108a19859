"""The JSON document: exact round trips, and a kind refusal for every sort of bad file."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheets import document as files
from worksheets import get

AGREEMENT = get("agreement")
TEXT_FIELDS = [f for f in AGREEMENT.fields() if f.kind in ("line", "text")]


def answers_strategy():
    """Any text a person could type (any Unicode, up to each field's limit) in every text field."""
    return st.fixed_dictionaries(
        {f.id: st.text(max_size=min(f.max_length, 300)) for f in TEXT_FIELDS}
        | {f.id: st.sampled_from(["", "2026-02-28", "2031-12-31"]) for f in AGREEMENT.fields()
           if f.kind == "date"}
    )  # fmt: skip


@given(answers_strategy())
def test_json_round_trip_is_exact(answers):
    imported = files.from_json(AGREEMENT, files.to_json(AGREEMENT, answers))
    assert imported.answers == answers


def test_document_is_versioned_and_complete():
    saved = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    document = json.loads(files.to_json(AGREEMENT, {"partner_a": "Sam"}, saved=saved))
    assert document["format"] == "equal-footing/worksheet"
    assert document["worksheet"] == "agreement"
    assert document["version"] == AGREEMENT.version
    assert document["saved"] == "2026-12-01T09:30:00+00:00"
    assert set(document["answers"]) == {f.id for f in AGREEMENT.fields()}
    assert document["answers"]["partner_a"] == "Sam"
    assert document["answers"]["partner_b"] == ""


def test_a_byte_order_mark_from_a_text_editor_is_accepted():
    text = files.to_json(AGREEMENT, {"partner_a": "Ré"})
    assert files.from_json(AGREEMENT, b"\xef\xbb\xbf" + text.encode()).answers["partner_a"] == "Ré"


def _doc(**changes):
    base = {"format": files.FORMAT, "worksheet": "agreement", "version": 1, "answers": {}}
    return json.dumps(base | changes)


@pytest.mark.parametrize(
    ("data", "kind", "words"),
    [
        ("{", "malformed", "damaged or incomplete (line 1, column 2)"),
        ("", "malformed", "damaged or incomplete"),
        (b"\xff\xfe\x00", "not_a_worksheet", "not a text file"),
        ("[1, 2]", "not_a_worksheet", "not a file downloaded from an Equal Footing worksheet"),
        ('{"format": "something"}', "not_a_worksheet", "not a file downloaded"),
        (_doc(worksheet="balance_check"), "other_worksheet", "another worksheet ('balance_check')"),
        (_doc(worksheet=None), "other_worksheet", "another worksheet ('something else')"),
        (
            _doc(version=AGREEMENT.version + 1),
            "future_version",
            f"newer version of this worksheet (version {AGREEMENT.version + 1}",
        ),
        (_doc(version="1"), "not_a_worksheet", "version number is missing or invalid"),
        (_doc(version=True), "not_a_worksheet", "version number is missing or invalid"),
        (_doc(answers=[]), "not_a_worksheet", "holds no answers"),
        (_doc(answers={"ghost": "x"}), "unknown_fields", "does not ask for ('ghost')"),
        (
            _doc(answers={"partner_a": 7}),
            "bad_answer",
            "“Partner A: name or initials” in this file is not text",
        ),
        (_doc(answers={"partner_a": "x" * 201}), "bad_answer", "201 characters, at most 200"),
        (_doc(answers={"agreed_on": "tomorrow"}), "bad_answer", "not one the form offers"),
        (_doc(answers={"agreed_on": "2026-2-3"}), "bad_answer", "not one the form offers"),
        ("[" * 5000 + "]" * 5000, "not_a_worksheet", "nested far deeper"),
        (" " * (files.MAX_BYTES + 1), "too_large", "at most 512 KB"),
    ],
)
def test_each_bad_file_gets_its_own_message(data, kind, words):
    with pytest.raises(files.ImportRefused) as refused:
        files.from_json(AGREEMENT, data)
    assert refused.value.kind == kind
    assert words in refused.value.message
    assert "nothing on the page changed" in refused.value.message.lower()


def test_size_is_checked_before_reading():
    files.check_size(files.MAX_BYTES)
    with pytest.raises(files.ImportRefused, match="It was not opened"):
        files.check_size(files.MAX_BYTES + 1)


@pytest.mark.parametrize(
    ("text", "depth"),
    [("{}", 1), ('{"a": [[1]]}', 3), ('"[[[[["', 0), ('["\\"[[["]', 1), ("[" * 40, 17)],
)
def test_nesting_depth_ignores_brackets_inside_strings(text, depth):
    assert files.nesting_depth(text) == depth
