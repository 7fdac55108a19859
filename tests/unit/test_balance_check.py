"""The balance check's comparison, on hand-computed cases."""

from __future__ import annotations

import json

import pytest

from worksheets import balance_check as bc
from worksheets import document as files
from worksheets import render

SHEET = bc.BALANCE_CHECK


def test_seven_patterns_of_three_statements_each():
    assert len(bc.PATTERNS) == 7
    for section_id, _, _ in bc.PATTERNS:
        fields = SHEET.sections[[s.id for s in SHEET.sections].index(section_id)].fields
        assert [f.kind for f in fields] == ["scale"] * 3


def test_pattern_score_is_the_mean_of_answered_statements_only():
    assert bc.pattern_score({"decisions_1": "5", "decisions_2": "2"}, "decisions") == (3.5, 2)
    assert bc.pattern_score({"decisions_1": "", "decisions_3": "1"}, "decisions") == (1.0, 1)
    assert bc.pattern_score({}, "decisions") == (None, 0)


def test_comparison_on_a_hand_computed_case():
    sam = {"respondent": "Sam", "role": "a", "decisions_1": "5", "decisions_2": "4",
           "decisions_3": "3", "boundaries_1": "4", "boundaries_2": "4"}  # fmt: skip
    jo = {"respondent": "Jo", "role": "b", "decisions_1": "2", "decisions_2": "2",
          "boundaries_1": "5", "boundaries_3": "4"}  # fmt: skip
    result = bc.compare(sam, jo)
    decisions, boundaries, labour = result.patterns[:3]
    assert (decisions.score_a, decisions.score_b, decisions.gap) == (4.0, 2.0, 2.0)
    assert (boundaries.score_a, boundaries.score_b, boundaries.gap) == (4.0, 4.5, 0.5)
    assert (labour.score_a, labour.score_b, labour.gap) == (None, None, None)
    assert (decisions.answered_a, decisions.answered_b) == (3, 2)
    assert decisions.needs_talk  # Jo's 2.0, and 2 points apart
    assert not boundaries.needs_talk
    assert not labour.needs_talk  # unanswered is never a low score
    assert [v.section_id for v in result.talk_first] == ["decisions"]


def test_partner_b_goes_second_whoever_loaded_first():
    a = {"respondent": "Ana", "role": "a", "money_1": "5"}
    b = {"respondent": "Bo", "role": "b", "money_1": "1"}
    result = bc.compare(b, a)
    assert (result.name_a, result.name_b) == ("Ana", "Bo")
    assert result.patterns[4].score_a == 5.0


def test_one_sided_extremes_and_talk_order():
    low = {f"{p}_{n}": "1" for p, _, _ in bc.PATTERNS for n in (1, 2, 3)}
    high = {f"{p}_{n}": "5" for p, _, _ in bc.PATTERNS for n in (1, 2, 3)}
    high["sharing_1"] = high["sharing_2"] = high["sharing_3"] = "1"
    result = bc.compare(low, high)
    assert all(v.needs_talk for v in result.patterns)
    # All share the lowest score (1.0); the widest gap (4.0) comes before the one with none.
    assert result.talk_first[-1].section_id == "sharing"
    assert {v.gap for v in result.talk_first[:-1]} == {4.0}


def test_nothing_to_flag_when_both_feel_balanced():
    both = {f"{p}_1": "4" for p, _, _ in bc.PATTERNS}
    result = bc.compare(both, dict(both))
    assert result.talk_first == ()
    assert "Nothing stands out" in bc.comparison_results(result).markdown


def test_results_give_a_table_and_an_accessible_chart():
    shown = bc.compare_results({"respondent": "<Sam>", "decisions_1": "2"}, {"decisions_1": "5"})
    assert "| Who decides | 2.0 | 5.0 | 3.0 |" in shown.markdown
    assert "| Outside pressure | not answered | not answered | n/a |" in shown.markdown
    assert (
        "1. **Who decides**: a score of 2.0 and your views are 3.0 points apart." in shown.markdown
    )
    assert shown.svg.startswith("<svg")
    assert 'role="img"' in shown.svg
    assert "&lt;Sam&gt;" in shown.svg
    assert "<Sam>" not in shown.svg
    assert "Who decides: 2.0 and 5.0" in shown.svg  # the description carries the data
    assert shown.svg.count("<circle") == 2  # legend + Sam's one answered pattern


def test_private_self_check_stays_out_unless_its_author_opts_in():
    answers = {"respondent": "Sam", "free_to_say_no": "2", "self_check_note": "scared"}
    shared = json.loads(files.to_json(SHEET, answers))["answers"]
    assert "free_to_say_no" not in shared
    assert "self_check_note" not in shared
    assert "scared" not in render.to_markdown(SHEET, answers)
    opted = json.loads(files.to_json(SHEET, {**answers, "include_self_check": "yes"}))["answers"]
    assert (opted["free_to_say_no"], opted["self_check_note"]) == ("2", "scared")
    assert "scared" in render.to_markdown(SHEET, {**answers, "include_self_check": "yes"})


@pytest.mark.parametrize("value", ["0", "6", "five", "3.5"])
def test_an_imported_rating_outside_the_scale_is_refused(value):
    document = json.loads(files.to_json(SHEET, {}))
    document["answers"]["decisions_1"] = value
    with pytest.raises(files.ImportRefused, match="not one the form offers"):
        files.from_json(SHEET, json.dumps(document))
