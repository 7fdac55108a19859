"""The labour split's shares and flags, on hand-computed cases."""

from __future__ import annotations

import html
import re

import pytest

from worksheets import labour_split as ls
from worksheets import pairs
from worksheets.render import to_html


def test_shares_leave_undecided_tasks_out():
    shares = ls.task_shares({"planning": "80", "money": "50", "scheduling": ""})
    assert [(s.name, s.share_a, s.share_b) for s in shares] == [
        ("Planning", 80, 20),
        ("Money", 50, 50),
    ]
    assert ls.totals(shares) == (65.0, 35.0)
    assert ls.totals([]) is None


@pytest.mark.parametrize(
    ("share_a", "flag"),
    [("100", "a"), ("80", "a"), ("70", ""), ("50", ""), ("30", ""), ("20", "b"), ("0", "b")],
)
def test_over_seventy_percent_one_sided_is_flagged(share_a, flag):
    assert ls.task_shares({"planning": share_a})[0].one_sided == flag


def test_other_task_takes_its_typed_name():
    shares = ls.task_shares({"other_task_name": "  School   runs ", "other_task": "10"})
    assert (shares[0].name, shares[0].share_b) == ("School runs", 90)


def test_a_typed_task_name_stays_text_in_the_suggestions():
    found = ls.split_results({"other_task_name": "**School** [runs](x)", "other_task": "100"})
    html = to_html(found.markdown)
    assert "<strong>" not in html
    assert "<a " not in html
    assert "carries 100% of **school** [runs](x):" in re.sub(r"<[^>]+>", "", html)


def test_results_on_a_hand_computed_case():
    found = ls.split_results({"planning": "100", "scheduling": "90", "money": "40", "notes": "x"})
    assert "Partner A carries 77% and Partner B 23% on average" in found.markdown
    assert "| Planning | 100% | 0% |" in found.markdown
    assert "- Partner A carries 100% of planning: Partner B could take the lead" in found.markdown
    assert "- Partner A carries 90% of scheduling" in found.markdown
    assert "money:" not in found.markdown.lower().split("worth rotating")[1]
    assert found.svg.count("<rect") == 6  # two halves per decided task


def test_all_balanced_and_nothing_decided():
    assert "No task is more than 70% one-sided." in ls.split_results({"money": "60"}).markdown
    empty = ls.split_results({})
    assert empty.svg == ""
    assert "Choose a split" in empty.markdown


def test_own_view_is_headed_as_yours():
    found = ls.split_results({"planning": "50"})
    assert found.markdown.startswith(
        "## The split, as you see it\n\nOver the 1 task you estimated,"
    )


# -- Each partner's estimate, compared ----------------------------------------------------------


def test_each_share_is_estimated_apart_and_the_other_tasks_name_written_together():
    sheet = ls.LABOUR_SPLIT
    assert sheet.version == 2
    assert sheet.features == ("results", "compare")
    assert (sheet.role, sheet.identity) == ("role", ("role",))
    apart = [f.id for f in sheet.apart_fields()]
    assert apart == [task_id for task_id, _, _ in ls.TASKS] + ["other_task"]
    for item in sheet.apart_fields():
        assert item.worry == ("0", "10", "20", "80", "90", "100"), item.id
    joint = [f.id for s in sheet.sections if not s.apart for f in s.fields]
    assert joint == ["other_task_name", "rotation", "notes"]


# Partner B's form was loaded first: the comparison still puts Partner A first.
B_VIEW = {"role": "b", "planning": "50", "scheduling": "60", "money": "90",
          "other_task_name": "School runs", "other_task": "30"}  # fmt: skip
A_VIEW = {"role": "a", "planning": "80", "scheduling": "60", "money": "90",
          "health_logistics": "40", "other_task_name": "School runs"}  # fmt: skip


def test_perception_gap_on_a_hand_computed_case():
    views = ls.task_views(*pairs.ordered(ls.LABOUR_SPLIT, B_VIEW, A_VIEW))
    assert [(v.name, v.estimate_a, v.estimate_b, v.gap) for v in views] == [
        ("Planning", 80, 50, 30),
        ("Scheduling", 60, 60, 0),
        ("Risk and health logistics", 40, None, None),
        ("Money", 90, 90, 0),
        ("School runs", None, 30, None),
    ]
    markdown = ls.compare_results(B_VIEW, A_VIEW).markdown
    assert "| Planning | 80% | 50% | 30 points |" in markdown
    assert "| Scheduling | 60% | 60% | 0 points |" in markdown
    assert "| Risk and health logistics | 40% | not answered | not compared |" in markdown
    assert "| School runs | not answered | 30% | not compared |" in markdown
    assert "You see planning most differently: your estimates are 30 percentage points apart." in (
        markdown
    )


def test_one_sided_tasks_are_flagged_from_each_view():
    markdown = ls.compare_results(B_VIEW, A_VIEW).markdown
    flagged = markdown.split("### Carried mostly by one of you\n\n")[1].split("\n\n")[0]
    assert flagged.splitlines() == [
        "- In Partner A's view, Partner A carries 80% of planning.",
        "- In Partner A's view, Partner A carries 90% of money.",
        "- In Partner B's view, Partner A carries 90% of money.",
    ]
    calm = ls.compare_results({"role": "a", "money": "40"}, {"role": "b", "money": "70"})
    assert "Neither of you sees any task as more than 70% one-sided." in calm.markdown


def test_buckets_on_a_hand_computed_case():
    found = ls.compare_results(B_VIEW, A_VIEW)
    assert (
        "Of the 5 items either of you answered: 1 you agree on, 0 you see differently, "
        "2 marked as a worry by one of you, and 2 not answered by one of you."
    ) in found.markdown
    worries = found.markdown.split("#### One of you marked it as a worry (2)\n\n")[1]
    assert worries.startswith(
        "- Planning — Partner A: 80% for Partner A, Partner B: 50% for Partner A "
        "(30 percentage points apart)\n"
        "- Money — Partner A: 90% for Partner A, Partner B: 90% for Partner A\n"
    )
    assert "#### You agree (1)\n\n- Scheduling — Partner A: 60% for Partner A" in found.markdown
    # The other task is compared under the name you wrote for it, not the form's label.
    assert "- School runs — Partner A: not answered, Partner B: 30% for Partner A" in (
        found.markdown
    )
    assert ls.OTHER_LABEL not in found.markdown


def test_twenty_points_apart_is_a_difference_ten_is_agreement():
    items = pairs.compared(
        ls.LABOUR_SPLIT,
        {"role": "a", "planning": "40", "money": "50"},
        {"role": "b", "planning": "60", "money": "60"},
    )
    assert [(i.field.id, i.bucket, i.gap) for i in items] == [
        ("planning", pairs.DIFFER, 20),
        ("money", pairs.AGREE, 10),
    ]


def test_the_dot_plot_draws_a_circle_and_a_diamond_per_estimate():
    svg = html.unescape(ls.compare_results(B_VIEW, A_VIEW).svg)
    assert svg.count("<circle") == 1 + 4  # the legend's, then Partner A's four estimates
    assert svg.count("<polygon") == 1 + 4  # the legend's, then Partner B's four
    assert svg.count('stroke-width="3"') == 3  # a gap line where both estimated
    assert "Planning: Partner A's estimate 80%, Partner B's estimate 50%, 30 points apart" in svg
    assert "School runs: Partner A's estimate not answered, Partner B's estimate 30%" in svg
    assert "<title>Partner B's estimate: Partner A 50%</title>" in svg


def test_only_agreed_shows_the_agreed_tasks_and_nothing_else():
    found = ls.compare_results(B_VIEW, A_VIEW, only_agreed=True)
    assert pairs.ONLY_AGREED_NOTE in found.markdown
    assert "#### You agree (1)\n\n- Scheduling" in found.markdown
    for hidden in ("Planning", "Money", "perception gap", "Carried mostly", "worry"):
        assert hidden not in found.markdown
    assert found.svg == ""


def test_nothing_estimated_yet():
    found = ls.compare_results({"role": "a"}, {"role": "b"})
    assert "Neither of you has estimated a task yet." in found.markdown
    assert found.svg == ""
