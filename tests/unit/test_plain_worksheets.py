"""The plain worksheets (consent map, health and safety, privacy, scripts, new partner).

They have little logic of their own, so these tests check what each must ask, and that a filled
copy comes out of the Markdown and JSON exports with every answer in the words people chose.
(How the consent map and the new-partner plan compare two partners' answers:
test_compare_worksheets.py.)
"""

from __future__ import annotations

import json

import pytest

from worksheets import document as files
from worksheets import get
from worksheets.render import UNANSWERED, escape_text, to_markdown
from worksheets.schema import ROLE_NAMES, Worksheet

from worksheet_driver import sample_answers

PLAIN = ("consent_map", "health_safety", "privacy_plan", "conversation_scripts", "new_partner")

# The guide's three groups (strategy 6, scenario 3), each label starting with its short name.
CONSENT_LABELS = (
    "Agreed: either of us can go ahead",
    "Talk first: ask before each time",
    "Pause: stop and check in with each other",
)


def kinds(worksheet: Worksheet, kind: str) -> list[str]:
    return [f.id for f in worksheet.fields() if f.kind == kind]


# -- What each worksheet asks ------------------------------------------------------------------


def test_consent_map_offers_exactly_the_three_groups_on_every_decision():
    consent_map = get("consent_map")
    decisions = [f for f in consent_map.fields() if f.kind == "choice" and f.id != "role"]
    assert len(decisions) >= 12
    assert [f.id for f in consent_map.apart_fields()] == [f.id for f in decisions]
    for item in decisions:
        assert tuple(o.label for o in item.options) == CONSENT_LABELS, item.id
        assert [o.value for o in item.options] == ["agreed", "talk_first", "pause"]
        assert item.worry == ("pause",), item.id
    assert {
        "chatting_new", "first_date", "repeat_dates", "overnight", "travel", "photos",
        "meeting_metamour", "telling_friends", "affection", "intimacy_protected",
    } <= {f.id for f in decisions}  # fmt: skip
    assert {"other_decisions", "map_notes"} <= set(kinds(consent_map, "text"))
    intro = consent_map.intro.lower()
    assert "sexual consent" in intro
    assert "relationship consent" in intro
    # Each of you maps the decisions apart; the names, notes and dates are written together.
    assert [s.id for s in consent_map.sections if s.apart] == [
        "about", "meeting", "closeness", "time_place", "sharing",
    ]  # fmt: skip
    joint = [f.id for s in consent_map.sections if not s.apart for f in s.fields]
    assert joint == [
        "partner_a", "partner_b", "other_decisions", "map_notes", "after_pause", "mapped_on",
        "next_review",
    ]  # fmt: skip
    assert (consent_map.role, consent_map.identity) == ("role", ("role",))
    assert consent_map.features == ("results", "compare")


def test_health_protocol_covers_testing_protection_aftercare_and_disclosure():
    health = get("health_safety")
    cadence = health.field("testing_cadence")
    assert cadence.kind == "choice"
    assert [o.label for o in cadence.options] == [
        "Before each new partner",
        "Every three months",
        "Every six months",
        "Another rhythm (described below)",
    ]
    ids = {f.id for f in health.fields()}
    assert {
        "testing_routine", "contraception", "barriers", "aftercare_a", "aftercare_b",
        "new_partner_checks", "new_partner_disclosure", "info_between_us", "info_private",
        "after_risk", "after_positive",
    } <= ids  # fmt: skip
    assert "clinic" in health.intro


def test_privacy_plan_asks_every_audience_the_same_question():
    privacy = get("privacy_plan")
    audiences = ("friends", "family", "colleagues", "communities", "online")
    labels = [
        "Nobody there knows",
        "Only what we agree case by case",
        "May know we are open",
        "May know the details we agree",
    ]
    for audience in audiences:
        assert [o.label for o in privacy.field(f"{audience}_disclosure").options] == labels
        assert privacy.field(f"{audience}_notes").kind == "text"
    ids = {f.id for f in privacy.fields()}
    assert {
        "social_posts", "photos_taking", "photos_sending", "keeping_deleting", "apps_accounts",
        "chats", "devices_backups", "deletion", "found_out_say", "found_out_next",
    } <= ids  # fmt: skip


def test_conversation_scripts_are_short_cards_for_the_four_talks_and_three_more():
    scripts = get("conversation_scripts")
    assert scripts.layout == "cards"
    assert [s.id for s in scripts.sections] == [
        "consent_talk",
        "renegotiation",
        "jealousy",
        "privacy_sharing",
        "pause_phrase",  # strategy 5
        "first_time",  # the partner who has been reading alone
    ]
    for section in scripts.sections:
        assert section.intro, f"{section.id} needs the shape of its talk"
        for item in section.fields:
            assert item.kind in ("line", "text"), item.id
            assert item.lines <= 2, item.id
    assert {
        "ct_input", "ct_afterwards", "ct_time_limit", "ct_next_day", "rn_anxious",
        "rn_flexibility", "rn_halfway", "rn_pause", "jl_words", "jl_signal", "jl_break",
        "jl_return", "ps_between", "ps_decides", "pp_phrase", "pp_a_does", "pp_b_does",
        "ck_words_a", "ck_words_b", "ft_opener", "ft_not_ready",
    } <= {f.id for f in scripts.fields()}  # fmt: skip
    # The mid-evening check-in is a moment in the evening, not a review date.
    assert "evening" in scripts.field("rn_halfway").label
    assert "Sunday" not in scripts.field("rn_halfway").placeholder
    jealousy = scripts.sections[2].intro
    assert "does not cancel the plan" in jealousy
    assert "either of you may pause" in scripts.sections[1].intro
    assert "both of you have said yes" in scripts.sections[3].intro


def test_new_partner_checklist_is_ticks_and_the_other_steps_are_written():
    plan = get("new_partner")
    first_chat, test_run, debrief, pause_rule = (
        next(s for s in plan.sections if s.id == wanted)
        for wanted in ("first_chat", "test_run", "debrief", "pause_rule")
    )
    checks = [f for f in first_chat.fields if f.kind == "check"]
    assert len(checks) >= 6
    # Whether each of you is ready is asked apart now, not ticked once for both of you.
    assert "chat_both_ok" not in {f.id for f in plan.fields()}
    assert [f.id for f in plan.apart_fields()] == ["ready"]
    ready = plan.field("ready")
    assert [(o.value, o.label) for o in ready.options] == [
        ("ready", "Ready to go ahead"),
        ("not_yet", "Not yet"),
    ]
    assert ready.worry == ("not_yet",)
    assert (plan.version, plan.role, plan.identity) == (3, "role", ("role",))
    assert plan.features == ("results", "compare")
    assert plan.former_fields == (("chat_both_ok", ()),)
    assert kinds(plan, "check") == [f.id for f in checks]  # ticks only in the checklist
    assert {"chat_boundaries", "chat_health", "chat_pause_rule", "chat_privacy"} <= {
        f.id for f in checks
    }
    assert {f.id for f in test_run.fields} >= {
        "run_where",
        "run_how_long",
        "run_on_table",
        "run_off_table",
        "run_in_touch",
    }
    assert {"debrief_a", "debrief_b", "debrief_surprised", "debrief_change"} <= {
        f.id for f in debrief.fields if f.kind == "text"
    }
    assert {"pause_triggers", "pause_for_them", "pause_tell_them"} <= {
        f.id for f in pause_rule.fields
    }


# -- What comes out of them ---------------------------------------------------------------------


@pytest.mark.parametrize("worksheet_id", PLAIN)
def test_filled_worksheet_markdown_shows_every_answer_in_its_words(worksheet_id):
    worksheet = get(worksheet_id)
    answers = sample_answers(worksheet)
    markdown = to_markdown(worksheet, answers)
    assert markdown.startswith(f"# {worksheet.document_title}\n")
    assert UNANSWERED not in markdown
    # The role is said by the heading over a partner's own answers, not as an answer.
    shown = [item for item in worksheet.fields() if item.id != worksheet.role]
    for item in shown:
        assert f"**{escape_text(item.label)}**" in markdown
        if item.kind in ("choice", "check"):
            label = {o.value: o.label for o in item.choices()}[answers[item.id]]
            assert f"**{escape_text(item.label)}**\n\n{escape_text(label)}\n" in markdown
        elif item.kind == "line":
            assert f"\n{escape_text(answers[item.id])}\n" in markdown
    for section in worksheet.sections:
        if any(item in shown for item in section.fields):
            assert f"\n## {section.title}\n" in markdown
        else:
            assert f"\n## {section.title}\n" not in markdown
    if worksheet.answered_apart:
        name = ROLE_NAMES[answers[worksheet.role]]
        apart = [s for s in worksheet.sections if s.apart and s.id != "about"]
        assert markdown.count(f"\n### {name}'s answers\n") == len(apart)
        assert markdown.count("'s answers\n") == len(apart)  # only the form's partner so far


def _consent_map_file(version: int, answers: dict[str, str]) -> str:
    return json.dumps({"format": files.FORMAT, "worksheet": "consent_map", "version": version,
                       "saved": "2026-01-01T00:00:00+00:00", "answers": answers})  # fmt: skip


def test_a_consent_map_file_of_version_1_imports_into_the_three_groups():
    consent_map = get("consent_map")
    old = {"partner_a": "Sam", "chatting_new": "sexual", "first_date": "relationship",
           "repeat_dates": "discuss", "overnight": "pause", "travel": ""}  # fmt: skip
    imported = files.from_json(consent_map, _consent_map_file(1, old)).answers
    assert {k: imported[k] for k in old} == {
        "partner_a": "Sam", "chatting_new": "agreed", "first_date": "agreed",
        "repeat_dates": "talk_first", "overnight": "pause", "travel": ""}  # fmt: skip
    assert imported["role"] == ""  # a map made together: whose it is, the person importing says
    assert consent_map.version == 3


def test_a_consent_map_file_of_version_2_imports_as_it_was():
    old = {"partner_a": "Sam", "chatting_new": "talk_first", "overnight": "pause"}
    imported = files.from_json(get("consent_map"), _consent_map_file(2, old)).answers
    assert {k: imported[k] for k in old} == old


def test_a_former_value_is_refused_in_a_file_of_the_current_version():
    """Only files an older version wrote may hold its values: a current one never did."""
    with pytest.raises(files.ImportRefused) as refused:
        files.from_json(get("consent_map"), _consent_map_file(3, {"chatting_new": "sexual"}))
    assert refused.value.kind == "bad_answer"


def test_consent_map_markdown_names_all_three_groups():
    consent_map = get("consent_map")
    markdown = to_markdown(consent_map, sample_answers(consent_map))
    for label in CONSENT_LABELS:
        assert label in markdown


def test_new_partner_markdown_byline_and_unticked_items():
    plan = get("new_partner")
    answers = {"new_person": "J.", "run_date": "2026-12-05", "chat_health": "yes"}
    markdown = to_markdown(plan, answers)
    assert markdown.startswith(
        "# Our new-partner plan\n\nPlanning for J.\n\nTest run on 2026-12-05\n\n"
    )
    assert f"**{plan.field('chat_health').label}**\n\nYes\n" in markdown
    assert f"**{plan.field('chat_privacy').label}**\n\n{UNANSWERED}\n" in markdown
    # No role chosen yet: the one answer given apart is headed as yours.
    assert (
        "## Are you ready to go ahead?\n\n### Your answers\n\n"
        f"**{plan.field('ready').label}**\n\n{UNANSWERED}\n"
    ) in markdown


def _new_partner_file(version: int, answers: dict[str, str]) -> str:
    return json.dumps({"format": files.FORMAT, "worksheet": "new_partner", "version": version,
                       "saved": "2026-01-01T00:00:00+00:00", "answers": answers})  # fmt: skip


def test_a_new_partner_file_of_version_2_imports_without_its_joint_tick():
    """Version 2 ticked "both of us still feel comfortable" once for both: a tick cannot say
    whose yes it was, so it is left out, and each of you answers "ready" again."""
    old = {"new_person": "J.", "chat_health": "yes", "chat_both_ok": "yes"}
    imported = files.from_json(get("new_partner"), _new_partner_file(2, old)).answers
    assert "chat_both_ok" not in imported
    assert (imported["new_person"], imported["chat_health"], imported["ready"]) == ("J.", "yes", "")


def test_the_dropped_tick_is_refused_in_a_file_of_the_current_version():
    with pytest.raises(files.ImportRefused) as refused:
        files.from_json(get("new_partner"), _new_partner_file(3, {"chat_both_ok": "yes"}))
    assert refused.value.kind == "unknown_fields"


@pytest.mark.parametrize("worksheet_id", PLAIN)
def test_filled_worksheet_round_trips_through_json_exactly(worksheet_id):
    worksheet = get(worksheet_id)
    answers = sample_answers(worksheet)
    imported = files.from_json(worksheet, files.to_json(worksheet, answers))
    assert imported.answers == answers


@pytest.mark.parametrize("worksheet_id", PLAIN)
def test_blank_worksheet_round_trips_and_prints_every_question(worksheet_id):
    worksheet = get(worksheet_id)
    blank = worksheet.empty_answers()
    assert files.from_json(worksheet, files.to_json(worksheet, blank)).answers == blank
    markdown = to_markdown(worksheet, blank)
    # A blank copy of a worksheet answered apart has room for each partner's own answers.
    room = [rid for rid, _field, _role in worksheet.record_fields()]
    assert markdown.count(UNANSWERED) == len(room)
    assert len(room) == len(blank) + len(list(worksheet.apart_fields())) - bool(worksheet.role)
