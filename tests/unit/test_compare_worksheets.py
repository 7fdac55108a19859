"""Worksheets answered apart, compared: the consent map and the new-partner plan on
hand-computed cases, and what every comparing worksheet promises (registered, Partner A first
whoever loaded first, only what you agree on when you choose it).

The labour split's and the check-in's own comparisons: test_labour_split.py, test_check_in.py.
"""

from __future__ import annotations

import pytest

import worksheets
from worksheets import consent_map as cm
from worksheets import new_partner as np
from worksheets import pairs, view
from worksheets.results import Results

APART = ("labour_split", "check_in", "new_partner", "consent_map")


# -- Registered ----------------------------------------------------------------------------------


@pytest.mark.parametrize("worksheet_id", APART)
def test_each_worksheet_answered_apart_shows_results_and_compares(worksheet_id):
    sheet = worksheets.get(worksheet_id)
    assert sheet.answered_apart
    assert {"results", "compare"} <= set(sheet.features)
    assert worksheet_id in worksheets.RESULTS
    assert worksheets.COMPARE[worksheet_id] == "compare_results"
    compare = worksheets.compare_of(worksheet_id)
    blank = sheet.empty_answers()
    found = compare(dict(blank, role="a"), dict(blank, role="b"), only_agreed=True)
    assert isinstance(found, Results)
    assert pairs.ONLY_AGREED_NOTE in found.markdown


@pytest.mark.parametrize("worksheet_id", APART)
def test_partner_a_comes_first_whoever_was_loaded_first(worksheet_id):
    sheet = worksheets.get(worksheet_id)
    a = {item.id: item.choices()[0].value for item in sheet.apart_fields() if item.choices()}
    b = {item.id: item.choices()[-1].value for item in sheet.apart_fields() if item.choices()}
    compare = worksheets.compare_of(worksheet_id)
    one = compare(dict(a, role="a"), dict(b, role="b"))
    other = compare(dict(b, role="b"), dict(a, role="a"))
    assert one == other
    assert one != compare(dict(a, role="b"), dict(b, role="a"))


# -- The consent map -----------------------------------------------------------------------------

# Partner A's map and Partner B's, hand-sorted below.
MAP_A = {"role": "a", "chatting_new": "agreed", "first_date": "agreed", "repeat_dates": "talk_first",
         "overnight": "pause", "travel": "agreed", "photos": "talk_first"}  # fmt: skip
MAP_B = {"role": "b", "chatting_new": "talk_first", "first_date": "agreed",
         "repeat_dates": "talk_first", "overnight": "agreed", "at_home": "pause"}  # fmt: skip


def _section(markdown: str, heading: str) -> list[str]:
    """The lines under a heading, up to the next blank line after its items."""
    body = markdown.split(f"{heading}\n\n")[1]
    return [line for line in body.split("\n\n###")[0].splitlines() if line.startswith("- ")]


def test_consent_maps_sorted_into_the_three_lists():
    markdown = cm.compare_results(MAP_B, MAP_A).markdown  # B's loaded first: A still first
    assert markdown.startswith("## How your maps compare\n\n### Agreed by both of you (1)\n")
    assert _section(markdown, "### Agreed by both of you (1)") == [
        "- A first date or first meeting"
    ]
    assert _section(markdown, "### Talk about these first (4)") == [
        "- Chatting or messaging with someone new — Partner A: Agreed, Partner B: Talk first",
        "- Seeing the same person again — Partner A: Talk first, Partner B: Talk first",
        "- Travelling or going away together — Partner A: Agreed, Partner B: not answered",
        "- Taking or sending photos — Partner A: Talk first, Partner B: not answered",
    ]
    assert _section(markdown, "### Paused by either of you (2)") == [
        "- Meeting at our home — Partner A: not answered, Partner B: Pause",
        "- Staying the night — Partner A: Pause, Partner B: Agreed",
    ]


def test_consent_map_buckets_on_a_hand_computed_case():
    items = pairs.compared(cm.CONSENT_MAP, MAP_A, MAP_B)
    assert [(i.field.id, i.bucket) for i in items] == [
        ("chatting_new", pairs.DIFFER),  # agreed / talk first
        ("first_date", pairs.AGREE),
        ("repeat_dates", pairs.AGREE),  # both said talk first: you agree to talk first
        ("at_home", pairs.WORRY),  # a pause is a worry even when the other left it blank
        ("overnight", pairs.WORRY),
        ("travel", pairs.UNANSWERED),
        ("photos", pairs.UNANSWERED),
    ]
    markdown = cm.compare_results(MAP_A, MAP_B).markdown
    assert (
        "Of the 7 items either of you answered: 2 you agree on, 1 you see differently, "
        "2 marked as a worry by one of you, and 2 not answered by one of you."
    ) in markdown
    assert "#### You see it differently (1)\n\n- Chatting or messaging with someone new" in markdown


def test_consent_map_with_only_what_you_agree_on_shows_the_agreed_list_alone():
    markdown = cm.compare_results(MAP_A, MAP_B, only_agreed=True).markdown
    assert markdown == (
        "## How your maps compare\n\n"
        f"{pairs.ONLY_AGREED_NOTE}\n\n"
        "### Agreed by both of you (1)\n\n"
        "- A first date or first meeting\n"
    )


def test_consent_maps_with_nothing_in_common():
    markdown = cm.compare_results({"role": "a"}, {"role": "b"}).markdown
    assert "### Agreed by both of you (0)\n\nNothing here yet.\n" in markdown
    assert "### Talk about these first (0)" in markdown
    assert "### Paused by either of you (0)" in markdown


def test_your_own_map_in_its_three_groups():
    markdown = cm.own_results(MAP_A).markdown
    assert _section(markdown, "### Agreed (3)") == [
        "- Chatting or messaging with someone new",
        "- A first date or first meeting",
        "- Travelling or going away together",
    ]
    assert _section(markdown, "### Talk first (2)") == [
        "- Seeing the same person again",
        "- Taking or sending photos",
    ]
    assert _section(markdown, "### Pause (1)") == ["- Staying the night"]
    left = len(cm.DECISIONS) - 6
    assert f"Not placed yet: {left} decisions." in markdown
    assert "Nothing here yet." in cm.own_results({}).markdown


# -- The new-partner plan ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ready_a", "ready_b", "verdict", "who"),
    [
        ("ready", "ready", np.BOTH_READY, []),
        ("ready", "not_yet", np.NOT_YET, ["- Partner B said not yet."]),
        (
            "not_yet",
            "not_yet",
            np.NOT_YET,
            ["- Partner A said not yet.", "- Partner B said not yet."],
        ),
        ("", "ready", np.NOT_YET, ["- Partner A has not answered yet."]),
        (
            "not_yet",
            "",
            np.NOT_YET,
            ["- Partner A said not yet.", "- Partner B has not answered yet."],
        ),
    ],
)
def test_the_plan_is_ready_only_when_both_of_you_said_ready(ready_a, ready_b, verdict, who):
    markdown = np.compare_results({"role": "b", "ready": ready_b}, {"role": "a", "ready": ready_a})
    lines = markdown.markdown.split("### Item by item")[0].splitlines()
    assert lines[2] == verdict
    assert (np.BOTH_READY in markdown.markdown) == (verdict == np.BOTH_READY)
    assert [line for line in lines if line.startswith("- ")] == who
    assert "%" not in markdown.markdown  # no score
    assert markdown.svg == ""


def test_new_partner_buckets_on_a_hand_computed_case():
    items = pairs.compared(
        np.NEW_PARTNER, {"role": "a", "ready": "ready"}, {"role": "b", "ready": "not_yet"}
    )
    assert [(i.field.id, i.bucket) for i in items] == [("ready", pairs.WORRY)]
    agree = pairs.compared(
        np.NEW_PARTNER, {"role": "a", "ready": "ready"}, {"role": "b", "ready": "ready"}
    )
    assert [(i.field.id, i.bucket) for i in agree] == [("ready", pairs.AGREE)]
    markdown = np.compare_results(
        {"role": "a", "ready": "ready"}, {"role": "b", "ready": "not_yet"}
    ).markdown
    assert "#### One of you marked it as a worry (1)\n\n- After the first chat" in markdown
    assert "Partner A: Ready to go ahead, Partner B: Not yet" in markdown


def test_new_partner_with_only_what_you_agree_on():
    not_yet = np.compare_results(
        {"role": "a", "ready": "ready"}, {"role": "b", "ready": "not_yet"}, True
    )
    assert np.NOT_YET not in not_yet.markdown
    assert "Partner B" not in not_yet.markdown  # nothing says who is not ready yet
    assert "#### You agree (0)\n\nNothing here." in not_yet.markdown
    both = np.compare_results(
        {"role": "a", "ready": "ready"}, {"role": "b", "ready": "ready"}, True
    )
    assert np.BOTH_READY in both.markdown
    assert "#### You agree (1)" in both.markdown


@pytest.mark.parametrize(
    ("ready", "said"),
    [
        ("ready", "You said you are ready to go ahead."),
        ("not_yet", "You said not yet."),
        ("", "You have not said yet whether you are ready."),
    ],
)
def test_your_own_answer_and_what_the_plan_waits_for(ready, said):
    markdown = np.own_results({"ready": ready}).markdown
    assert markdown.startswith(
        f"## Ready to go ahead?\n\n{said} The plan reads ready only when both"
    )


# -- On the page ---------------------------------------------------------------------------------


def test_the_page_shows_the_comparison_once_there_is_a_partner():
    sheet = worksheets.get("consent_map")
    state = view.PageState(dict(sheet.empty_answers(), **MAP_A), partner=MAP_B)
    found = view.results(sheet, state)
    assert found is not None
    assert "### Agreed by both of you (1)" in found.markdown
    alone = view.results(sheet, view.PageState(MAP_A))
    assert alone is not None
    assert alone.markdown.startswith("## Your map\n")
    agreed = view.results(sheet, view.PageState(MAP_A, partner=MAP_B, only_agreed=True))
    assert agreed is not None
    assert "Talk about these first" not in agreed.markdown
