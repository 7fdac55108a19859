"""The labour split's shares and flags, on hand-computed cases."""

from __future__ import annotations

import re

import pytest

from worksheets import labour_split as ls
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
