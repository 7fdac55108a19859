"""The answer code and its fingerprint: exact round trips for every worksheet answered apart,
a QR code sized to each, and a kind refusal for every bad code."""

from __future__ import annotations

import zlib

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st

import worksheets
from worksheets import answer_code as ac
from worksheets import balance_check as bc
from worksheets import get, qr

SHEET = bc.BALANCE_CHECK
LAYOUT = ac.LAYOUTS[("balance_check", 2)]
SALT = b"\x5a" * ac.SALT_BYTES
#: Every worksheet whose partners compare by code.
CODED = [sheet for sheet in worksheets.catalogue().values() if ac.supports(sheet)]
CODED_IDS = [sheet.id for sheet in CODED]


def answers_strategy(sheet=SHEET):
    """Any answers the form can hold, free text included (which the code must leave out)."""
    fields = {}
    for item in sheet.fields():
        values = [o.value for o in item.choices()]
        fields[item.id] = st.sampled_from(["", *values]) if values else st.text(max_size=60)
    return st.fixed_dictionaries(fields)


def expected(sheet, answers: dict[str, str]) -> dict[str, str]:
    """What the other device gets: closed answers given apart and the role; private ones only
    if included."""
    layout = ac.latest_layout(sheet)
    result = sheet.empty_answers()
    result[sheet.role] = answers[sheet.role]
    for field_id, _ in layout.answers:
        result[field_id] = answers[field_id]
    if layout.opt_in and answers[layout.opt_in] == "yes":
        result[layout.opt_in] = "yes"
        for field_id, _ in layout.private:
            result[field_id] = answers[field_id]
    return result


def full_check(rating: str = "4", **extra: str) -> dict[str, str]:
    answers = {f.id: rating for f in SHEET.fields() if f.kind == "scale"}
    return answers | {"respondent": "Sam", "role": "a"} | extra


@pytest.mark.parametrize("sheet", CODED, ids=CODED_IDS)
@given(data=st.data())
def test_round_trip_keeps_every_closed_answer_and_nothing_else(sheet, data):
    answers = data.draw(answers_strategy(sheet))
    salt = data.draw(st.binary(min_size=ac.SALT_BYTES, max_size=ac.SALT_BYTES))
    code = ac.encode(answers, sheet, salt)
    assert len(code) == ac.latest_layout(sheet).characters
    assert ac.decode(code, sheet) == expected(sheet, answers)
    # Read aloud and typed: grouped, lowercase, O for 0, I or L for 1, spaces.
    typed = ac.group(code).lower().replace("0", "o").replace("1", "l").replace("-", " - ")
    assert ac.decode(typed, sheet) == expected(sheet, answers)
    # The fingerprint read on the other device matches the code, and says who made it.
    printed = ac.read(ac.fingerprint(answers, sheet, salt), sheet)
    assert printed == ac.Fingerprint(answers[sheet.role], ac.read(code, sheet).commitment)


@pytest.mark.parametrize("sheet", CODED, ids=CODED_IDS)
@given(data=st.data())
def test_a_fingerprint_changes_with_any_coded_answer_and_with_the_salt(sheet, data):
    answers = data.draw(answers_strategy(sheet))
    layout = ac.latest_layout(sheet)
    field_id, _ = data.draw(st.sampled_from(layout.answers))
    values = ["", *(o.value for o in sheet.field(field_id).choices())]
    other = data.draw(st.sampled_from([v for v in values if v != answers[field_id]]))
    changed = answers | {field_id: other}
    assert ac.fingerprint(answers, sheet, SALT) != ac.fingerprint(changed, sheet, SALT)
    assert ac.fingerprint(answers, sheet, SALT) != ac.fingerprint(answers, sheet, b"\0" * 5)


@pytest.mark.parametrize("sheet", CODED, ids=CODED_IDS)
def test_each_layout_is_pinned_to_its_declaration(sheet):
    # A layout never changes once shipped: if the closed answers given apart change, add a
    # new layout version instead (the newest must be what the declaration implies).
    layout = ac.latest_layout(sheet)
    assert layout == ac.derive(sheet, layout.version)


#: Each worksheet's code: characters, and the QR code it needs (modules on a side).
SIZES = {
    "balance_check": (30, 29),
    "labour_split": (22, 25),
    "check_in": (18, 25),
    "new_partner": (17, 25),
    "consent_map": (24, 25),
}


@pytest.mark.parametrize("sheet", CODED, ids=CODED_IDS)
def test_each_code_is_sized_to_its_worksheet_and_fits_a_small_qr_code(sheet):
    characters, modules = SIZES[sheet.id]
    assert ac.latest_layout(sheet).characters == characters
    grouped = ac.group(ac.encode({sheet.role: "b"}, sheet, SALT))
    reference = segno.make(grouped, error=ac.QR_ERROR, micro=False)
    assert reference.mode == "alphanumeric"
    assert reference.designator.endswith("-Q")
    assert len(qr.matrix(grouped, ac.QR_ERROR)) == modules == reference.symbol_size(border=0)[0]
    printed = ac.group(ac.fingerprint({sheet.role: "b"}, sheet, SALT))
    assert len(printed) == 14  # XXXX-XXXX-XXXX
    assert segno.make(printed, error=ac.QR_ERROR, micro=False).designator == "1-Q"


@given(answers_strategy())
def test_the_code_never_carries_free_text(answers):
    with_other_text = answers | {"respondent": "Someone else", "notes": "x", "self_check_note": "y"}
    assert ac.encode(answers, SHEET, SALT) == ac.encode(with_other_text, SHEET, SALT)


def test_self_check_is_left_out_unless_its_author_includes_it():
    private = full_check(free_to_say_no="2", self_check_note="Not sure")
    left_out = ac.decode(ac.encode(private, SHEET, SALT), SHEET)
    assert left_out["free_to_say_no"] == ""
    assert left_out["include_self_check"] == ""
    assert ac.encode(private, SHEET, SALT) == ac.encode(
        private | {"free_to_say_no": "5"}, SHEET, SALT
    )
    included = ac.decode(ac.encode(private | {"include_self_check": "yes"}, SHEET, SALT), SHEET)
    assert included["free_to_say_no"] == "2"
    assert included["include_self_check"] == "yes"
    assert included["self_check_note"] == included["respondent"] == ""


def test_qr_svg_is_safe_to_insert_and_black_on_white():
    svg = ac.qr_svg(ac.encode(full_check(), SHEET, SALT))
    assert svg.startswith('<svg viewBox="0 0 37 37" class="ef-code-qr" role="img" ')
    assert 'aria-label="QR code of your answers' in svg
    assert 'fill="#fff"' in svg
    assert 'stroke="#000"' in svg
    for unsafe in ("<script", "style=", " on", "href", "Sam"):
        assert unsafe not in svg


def test_the_alphabet_is_crockfords_and_fits_qr_alphanumeric_mode():
    assert len(ac.ALPHABET) == 32
    assert not set("ILOU") & set(ac.ALPHABET)
    assert set(ac.ALPHABET + "-") <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def test_the_balance_check_layout_v2_is_v1_with_a_salt():
    old = ac.LAYOUTS[("balance_check", 1)]
    assert (old.answers, old.private, old.opt_in) == (LAYOUT.answers, LAYOUT.private, LAYOUT.opt_in)
    assert [f for f, _ in LAYOUT.answers][:3] == ["decisions_1", "decisions_2", "decisions_3"]
    assert len(LAYOUT.answers) == 21
    assert LAYOUT.private == (("free_to_say_no", 3),)
    assert (old.body_bits, old.padding_bits, old.characters) == (77, 1, 22)
    assert (LAYOUT.body_bits, LAYOUT.padding_bits, LAYOUT.characters) == (117, 1, 30)


def test_a_version_1_code_is_recognised_and_refused_with_a_reason():
    # Written by version 1 (no salt, so no fingerprint can vouch for it).
    with pytest.raises(ac.CodeRefused) as refused:
        ac.decode("262K-JJKJ-JKJJ-KJJ0-RE2P-EC", SHEET)
    assert refused.value.kind == "old_version"
    assert "older version of the Balance check" in refused.value.message


def test_only_worksheets_with_a_layout_have_a_code():
    assert set(CODED_IDS) == {
        "balance_check", "labour_split", "check_in", "new_partner", "consent_map"
    }  # fmt: skip
    assert all(sheet.answered_apart for sheet in CODED)
    assert not ac.supports(get("agreement"))
    with pytest.raises(ValueError, match="no answer code"):
        ac.encode({}, get("agreement"), SALT)


# -- Bad codes ----------------------------------------------------------------------------------


def _forge(fields: list[tuple[int, int]], pad_to: int | None = None) -> str:
    """A code with a valid checksum around whatever bits are given: a deliberate forgery."""
    bits = ac._Bits()
    for value, width in fields:
        bits.put(value, width)
    pad_to = bits.length if pad_to is None else pad_to
    pad_to += -(pad_to + ac.CRC_BITS) % 5
    bits.put(0, pad_to - bits.length)
    bits.put(ac._checksum(bits.value, bits.length), ac.CRC_BITS)
    return "".join(
        ac.ALPHABET[(bits.value >> shift) & 31] for shift in range(bits.length - 5, -1, -5)
    )


def _body(version: int = 2, number: int = 1, role: int = 1, flag: int = 0,
          ratings: list[int] | None = None, private: int = 0) -> list[tuple[int, int]]:  # fmt: skip
    ratings = [4] * 21 if ratings is None else ratings
    return [(version, 4), (number, 4), (role, 2), (flag, 1), *((r, 3) for r in ratings),
            (private, 3), (0x5A5A5A5A5A, 40)]  # fmt: skip


def _fingerprint(number: int = 1, role: int = 2, check: int | None = None) -> str:
    bits = ac._Bits()
    for value, width in ((15, 4), (number, 4), (role, 2), (12345, 40)):
        bits.put(value, width)
    crc = ac._checksum(bits.value, bits.length) & 0x3FF
    bits.put(crc if check is None else check, 10)
    return "".join(ac.ALPHABET[(bits.value >> s) & 31] for s in range(bits.length - 5, -1, -5))


def test_the_forger_writes_real_codes():
    assert ac.decode(_forge(_body()), SHEET) == ac.decode(
        ac.encode(full_check(), SHEET, SALT), SHEET
    )
    assert ac.read(_fingerprint(), SHEET) == ac.Fingerprint("b", 12345)


GOOD = ac.encode(full_check(), SHEET, SALT)


def _typo(code: str, at: int) -> str:
    other = "7" if code[at] != "7" else "8"
    return code[:at] + other + code[at + 1 :]


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("", "empty", "no code to read yet"),
        (" - - ", "empty", "no code to read yet"),
        ("https://example.org/", "not_a_code", "this has “:”, “/”, “."),
        ("2U2K", "not_a_code", "(no U)"),
        ("Zoë", "not_a_code", "“ë”"),
        ("\x00" * 3, "not_a_code", "U+0000"),
        ("7" * 5000, "not_a_code", "5,000 characters long"),
        (GOOD[:-1], "length", "has 29 characters, and a Balance check code has 30"),
        (GOOD[:-1], "length", "a character is missing"),
        (GOOD[:12], "length", "18 characters are missing"),
        (GOOD + "0", "length", "a character too many"),
        (GOOD[:5], "length", "25 characters are missing"),
        (_typo(GOOD, 10), "checksum", "checksum failed"),
        (_typo(GOOD, 0), "checksum", "checksum failed"),
        (_typo(GOOD, 29), "checksum", "probably mistyped or misread"),
        (GOOD[:8] + GOOD[9] + GOOD[8] + GOOD[10:], "checksum", "checksum failed"),
        (_forge(_body(number=2)), "other_worksheet", "another worksheet (the Emotional labour split), not to the Balance check"),
        (_forge(_body(number=9), pad_to=200), "other_worksheet", "another worksheet, not"),
        (_forge(_body(version=3)), "future_version", "code version 3; this page reads up to version 2"),
        (_forge([*_body(version=4), (0, 30)]), "future_version", "newer version of the Balance check"),
        (_forge(_body(version=0)), "tampered", "not one this site ever wrote"),
        (_forge(_body(role=3)), "tampered", "neither Partner A nor Partner B"),
        (_forge(_body(ratings=[4] * 20 + [6])), "tampered", "a rating of 6"),
        (_forge(_body(ratings=[7] + [4] * 20)), "tampered", "a rating of 7"),
        (_forge(_body(private=3)), "tampered", "private rating its author did not include"),
        (_forge([*_body(), (1, 1)]), "tampered", "unused bits are not empty"),
        (_fingerprint()[:-1], "length", "a fingerprint has 12"),
        (_fingerprint(check=0), "checksum", "checksum failed"),
        (_fingerprint(number=5), "other_worksheet", "(the Consent map)"),
        (_fingerprint(role=3), "tampered", "neither Partner A nor Partner B"),
        (_fingerprint(), "not_a_code", "fingerprint, not their code"),
    ],
)  # fmt: skip
def test_bad_codes_are_refused_with_a_message_naming_what_is_wrong(text, kind, words):
    assert kind in ac.KINDS
    with pytest.raises(ac.CodeRefused) as refused:
        ac.decode(text, SHEET)
    assert refused.value.kind == kind
    assert words in refused.value.message
    assert refused.value.message.endswith("Nothing on the page changed.") or kind == "empty"


@pytest.mark.parametrize("sheet", CODED, ids=CODED_IDS)
def test_a_code_from_another_worksheet_is_refused_by_name(sheet):
    for other in CODED:
        if other is sheet:
            continue
        code = ac.encode({other.role: "a"}, other, SALT)
        with pytest.raises(ac.CodeRefused) as refused:
            ac.read(code, sheet)
        assert refused.value.kind == "other_worksheet"
        assert f"(the {other.title})" in refused.value.message


@given(st.integers(0, 29), st.sampled_from(ac.ALPHABET))
def test_every_single_character_typo_is_caught(at, char):
    typo = GOOD[:at] + char + GOOD[at + 1 :]
    if typo == GOOD:
        return
    with pytest.raises(ac.CodeRefused) as refused:
        ac.decode(typo, SHEET)
    assert refused.value.kind in ("checksum", "length")


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_never_crashes(text):
    outcome = "read"
    try:
        ac.read(text, SHEET)
    except ac.CodeRefused as refused:
        outcome = refused.kind
    assert outcome in (*ac.KINDS, "read")


def test_a_code_of_another_scheme_does_not_pass_for_ours():
    # The same bits with a plain CRC-32 (no domain) fail our checksum.
    bits = ac._Bits()
    for value, width in _body():
        bits.put(value, width)
    bits.put(0, 1)
    packed = (bits.value << (-bits.length % 8)).to_bytes((bits.length + 7) // 8, "big")
    bits.put(zlib.crc32(packed), 32)
    code = "".join(ac.ALPHABET[(bits.value >> s) & 31] for s in range(bits.length - 5, -1, -5))
    with pytest.raises(ac.CodeRefused, match="checksum failed"):
        ac.decode(code, SHEET)


def test_refusals_are_import_refusals_so_the_page_handles_them_alike():
    from worksheets.document import ImportRefused

    assert issubclass(ac.CodeRefused, ImportRefused)


# -- The page: only worksheets with an answer code get its controls and jsQR ----------------------


def test_only_a_worksheet_with_an_answer_code_offers_it():
    from site_build.forms import render_form

    html = render_form(SHEET)
    for action in ("code-show", "code-scan", "code-photo", "code-type", "code-cancel"):
        assert f'data-action="{action}" disabled' in html
    assert '<video class="ef-code-video" id="ef-code-video" muted playsinline' in html
    assert '<label for="ef-code-input">' in html
    assert "code-show" not in render_form(get("agreement"))


def test_jsqr_is_self_hosted_and_loaded_only_where_a_code_is_read(tmp_path):
    from pathlib import Path

    from site_build import markers
    from site_build.code_reader import CodeReader
    from site_build.runtime import MICROPYTHON_PACKAGE, Runtime

    root = Path(__file__).resolve().parents[2]
    reader = CodeReader.locate(root)
    assert reader.version == "1.4.0"  # pinned in package.json
    modules = root / "node_modules"
    runtime = Runtime(modules / MICROPYTHON_PACKAGE, modules / "@pyscript" / "core", "1", "2", {})
    build = markers.BuildContext((), runtime, reader)
    meta: dict[str, object] = {"worksheet": "balance_check"}
    balance = markers.PageContext("worksheets/balance_check/", "b.md", meta, build)
    markers.prepare_page("", balance)
    assert balance.meta["ef_runtime"]["body"] == (
        '<script src="../../assets/javascripts/ef-code-reader.js" '
        'data-jsqr="../../runtime/jsqr-1.4.0/jsQR.js"></script>'
        + runtime.body_tags("worksheets/balance_check/", "balance_check")
    )
    meta = {"worksheet": "agreement"}
    agreement = markers.PageContext("worksheets/agreement/", "a.md", meta, build)
    markers.prepare_page("", agreement)
    assert agreement.meta["ef_runtime"]["body"] == runtime.body_tags(
        "worksheets/agreement/", "agreement"
    )
    guide = markers.PageContext("guide/", "g.md", {}, build)
    markers.prepare_page("", guide)
    assert guide.meta == {}
    written = reader.write(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "runtime/jsqr-1.4.0/jsQR.js",
        "runtime/jsqr-1.4.0/LICENSE",
    ]
    script = written[0].read_text(encoding="utf-8")
    assert "eval(" not in script
    assert "new Function" not in script
