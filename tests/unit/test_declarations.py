"""Every worksheet declaration holds together, and the validator catches what would break it."""

from __future__ import annotations

import pytest

import worksheets
from worksheets import common, schema
from worksheets.schema import DeclarationError, Field, Option, Section, Worksheet, validate


@pytest.mark.parametrize("worksheet", worksheets.catalogue().values(), ids=lambda ws: ws.id)
def test_every_declaration_validates(worksheet):
    validate(worksheet)


def test_registry_finds_by_id_and_names_the_known_ones():
    assert worksheets.get("agreement").title == "Written agreement"
    with pytest.raises(KeyError, match=r"known: .*agreement"):
        worksheets.get("nope")


def test_agreement_asks_everything_strategy_one_needs():
    ids = {f.id for f in worksheets.get("agreement").fields()}
    assert {
        "partner_a", "partner_b", "consent_yes_no", "consent_ongoing", "boundaries_a",
        "boundaries_b", "boundaries_shared", "communication_style", "safety_measures",
        "privacy", "renegotiation_triggers", "breach_handling", "pause_signal", "pause_next",
        "agreed_on", "next_review",
    } <= ids  # fmt: skip


def _sheet(*fields: Field, **changes: object) -> Worksheet:
    base = Worksheet(
        id="demo", title="Demo", version=1, summary="A demo.",
        sections=(Section(id="one", title="One", fields=fields or (Field("a", "A"),)),),
    )  # fmt: skip
    return schema.replace(base, **changes)


def _apart(extra: Field | None = None, **changes: object) -> Worksheet:
    """A worksheet with one section answered apart, its role and one joint field."""
    joint = (Field("together", "Together"),) + ((extra,) if extra else ())
    base = Worksheet(
        id="demo", title="Demo", version=2, summary="A demo.", role="role", identity=("role",),
        sections=(
            Section(id="own", title="Own", fields=(common.ROLE, Field("mine", "Mine")), apart=True),
            Section(id="shared", title="Shared", fields=joint),
        ),
    )  # fmt: skip
    return schema.replace(base, **changes)


def test_a_record_holds_each_answer_given_apart_once_per_partner():
    sheet = _apart(byline=("A: {mine_a}",))
    validate(sheet)
    assert [rid for rid, _f, _r in sheet.record_fields()] == ["mine_a", "mine_b", "together"]
    record = sheet.record({"role": "b", "mine": "B's", "together": "T"}, {"mine": "A's"})
    assert record == {"mine_a": "A's", "mine_b": "B's", "together": "T"}
    assert sheet.record({"mine": "alone"}) == {"mine_a": "alone", "mine_b": "", "together": ""}


@pytest.mark.parametrize(
    ("sheet", "problem"),
    [
        (_sheet(id="Bad Id"), "not a lowercase identifier"),
        (_sheet(version=0), "version must be 1 or more"),
        (_sheet(Field("a", "A"), Field("a", "Again")), "invalid or repeated"),
        (_sheet(Field("a", "A", kind="slider")), "unknown kind 'slider'"),
        (_sheet(Field("a", "  ")), "has no label"),
        (_sheet(Field("a", "A", kind="choice", options=(Option("x", "X"),))), "two or more"),
        (
            _sheet(Field("a", "A", options=(Option("x", "X"), Option("y", "Y")))),
            "cannot have options",
        ),
        (_sheet(byline=("With {ghost}",)), "unknown field 'ghost'"),
        (_sheet(sections=()), "at least one section"),
        (_sheet(layout="poster"), "unknown layout 'poster'"),
        (
            _sheet(Field("a", "A", kind="scale", worry=("9",))),
            "worry '9' is not one of its answers",
        ),
        (_sheet(Field("a", "A", worry=("x",))), "worry 'x' is not one of its answers"),
        # Answering apart needs a role saying whose answers a form holds.
        (_apart(role=""), "answering apart needs a role"),
        (_apart(identity=()), "answering apart needs a role"),
        (_apart(extra=Field("mine_a", "Clash")), "takes the id of another field"),
        (_apart(former_fields=(("old", ("mine_a",)),)), "only a log's records can take it in"),
        (_apart(former_fields=(("mine", ()),)), "must be an old id"),
        (_apart(byline=("By {mine}",)), "unknown field 'mine'"),
    ],
)
def test_validator_rejects_inconsistent_declarations(sheet, problem):
    with pytest.raises(DeclarationError, match=problem):
        validate(sheet)
