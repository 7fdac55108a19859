"""The answer code: exact round trips, a small QR code, and a kind refusal for every bad code."""

from __future__ import annotations

import zlib

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st

from worksheets import answer_code as ac
from worksheets import balance_check as bc
from worksheets import get, qr

SHEET = bc.BALANCE_CHECK
LAYOUT = ac.LAYOUTS[("balance_check", 1)]
RATINGS = st.sampled_from(["", "1", "2", "3", "4", "5"])


def answers_strategy():
    """Any answers the form can hold, free text included (which the code must leave out)."""
    return st.fixed_dictionaries(
        {f.id: RATINGS for f in SHEET.fields() if f.kind == "scale"}
        | {"role": st.sampled_from(["", "a", "b"]),
           "include_self_check": st.sampled_from(["", "yes"]),
           "respondent": st.text(max_size=40),
           "self_check_note": st.text(max_size=200),
           "notes": st.text(max_size=200)}
    )  # fmt: skip


def expected(answers: dict[str, str]) -> dict[str, str]:
    """What the other device gets: ratings and role; the self-check only if included."""
    result = SHEET.empty_answers()
    for item in SHEET.fields():
        if item.kind == "scale" and not item.private:
            result[item.id] = answers[item.id]
    result["role"] = answers["role"]
    if answers["include_self_check"] == "yes":
        result["include_self_check"] = "yes"
        result["free_to_say_no"] = answers["free_to_say_no"]
    return result


def full_check(rating: str = "4", **extra: str) -> dict[str, str]:
    answers = {f.id: rating for f in SHEET.fields() if f.kind == "scale"}
    return answers | {"respondent": "Sam", "role": "a"} | extra


@given(answers_strategy())
def test_round_trip_keeps_every_rating_and_nothing_else(answers):
    code = ac.encode(answers)
    assert len(code) == LAYOUT.characters == 22
    assert ac.decode(code) == expected(answers)
    # Read aloud and typed: grouped, lowercase, O for 0, I or L for 1, spaces.
    typed = ac.group(code).lower().replace("0", "o").replace("1", "l").replace("-", " - ")
    assert ac.decode(typed) == expected(answers)


@given(answers_strategy())
def test_the_code_never_carries_free_text(answers):
    with_other_text = answers | {"respondent": "Someone else", "notes": "x", "self_check_note": "y"}
    assert ac.encode(answers) == ac.encode(with_other_text)


def test_self_check_is_left_out_unless_its_author_includes_it():
    private = full_check(free_to_say_no="2", self_check_note="Not sure")
    left_out = ac.decode(ac.encode(private))
    assert left_out["free_to_say_no"] == ""
    assert left_out["include_self_check"] == ""
    assert ac.encode(private) == ac.encode(private | {"free_to_say_no": "5"})
    included = ac.decode(ac.encode(private | {"include_self_check": "yes"}))
    assert included["free_to_say_no"] == "2"
    assert included["include_self_check"] == "yes"
    assert included["self_check_note"] == included["respondent"] == ""


def test_a_full_check_fits_a_small_qr_code_at_error_correction_q():
    code = ac.encode(full_check(free_to_say_no="3", include_self_check="yes"))
    grouped = ac.group(code)
    assert len(grouped) == 27  # 22 characters in groups of four: XXXX-XXXX-XXXX-XXXX-XXXX-XX
    assert grouped.count("-") == 5
    # segno, the reference encoder, says how it is drawn: 25 x 25 modules, a quarter of which
    # may be hidden or blurred; the page's own encoder (worksheets/qr.py) draws the same.
    reference = segno.make(grouped, error=ac.QR_ERROR, micro=False)
    assert (reference.mode, reference.designator) == ("alphanumeric", "2-Q")
    assert len(qr.matrix(grouped, ac.QR_ERROR)) == 25


def test_qr_svg_is_safe_to_insert_and_black_on_white():
    svg = ac.qr_svg(ac.encode(full_check()))
    assert svg.startswith('<svg viewBox="0 0 33 33" class="ef-code-qr" role="img" ')
    assert 'aria-label="QR code of your answers' in svg
    assert 'fill="#fff"' in svg
    assert 'stroke="#000"' in svg
    for unsafe in ("<script", "style=", " on", "href", "Sam"):
        assert unsafe not in svg


def test_the_alphabet_is_crockfords_and_fits_qr_alphanumeric_mode():
    assert len(ac.ALPHABET) == 32
    assert not set("ILOU") & set(ac.ALPHABET)
    assert set(ac.ALPHABET + "-") <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def test_layout_v1_is_pinned_to_the_declaration():
    # A layout never changes once shipped: if the statements change, add version 2 instead.
    statements = [f.id for f in SHEET.fields() if f.kind == "scale" and not f.private]
    assert list(LAYOUT.ratings) == statements
    assert LAYOUT.ratings[:3] == ("decisions_1", "decisions_2", "decisions_3")
    assert LAYOUT.ratings[-1] == "sharing_3"
    assert len(LAYOUT.ratings) == 21
    assert LAYOUT.private_ratings == ("free_to_say_no",)
    assert SHEET.field("role").options[0].value == "a"
    assert (LAYOUT.body_bits, LAYOUT.padding_bits, LAYOUT.characters) == (77, 1, 22)


def test_a_known_code_still_reads():
    # Written by version 1; any later change of the layout must keep reading it.
    answers = ac.decode("262K-JJKJ-JKJJ-KJJ0-RE2P-EC")
    assert answers["role"] == "b"
    ratings = [answers[field_id] for field_id in LAYOUT.ratings]
    assert ratings == [str(n % 5 + 1) for n in range(21)]


def test_only_worksheets_with_a_layout_have_a_code():
    assert ac.supports(SHEET)
    assert not ac.supports(get("agreement"))
    with pytest.raises(ValueError, match="no answer code"):
        ac.encode({}, get("agreement"))


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


def _body(version: int = 1, number: int = 1, role: int = 1, flag: int = 0,
          ratings: list[int] | None = None, private: int = 0) -> list[tuple[int, int]]:  # fmt: skip
    ratings = [4] * 21 if ratings is None else ratings
    return [(version, 4), (number, 4), (role, 2), (flag, 1), *((r, 3) for r in ratings),
            (private, 3)]  # fmt: skip


def test_the_forger_writes_real_codes():
    assert ac.decode(_forge(_body())) == ac.decode(ac.encode(full_check()))


GOOD = ac.encode(full_check())


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
        (GOOD[:-1], "length", "has 21 characters, and a Balance check code has 22"),
        (GOOD[:-1], "length", "a character is missing"),
        (GOOD[:12], "length", "10 characters are missing"),
        (GOOD + "0", "length", "a character too many"),
        (GOOD[:5], "length", "17 characters are missing"),
        (_typo(GOOD, 10), "checksum", "checksum failed"),
        (_typo(GOOD, 0), "checksum", "checksum failed"),
        (_typo(GOOD, 21), "checksum", "probably mistyped or misread"),
        (GOOD[:8] + GOOD[9] + GOOD[8] + GOOD[10:], "checksum", "checksum failed"),
        (_forge(_body(number=2)), "other_worksheet", "belongs to another worksheet, not to the Balance check"),
        (_forge(_body(number=2), pad_to=200), "other_worksheet", "another worksheet"),
        (_forge(_body(version=2)), "future_version", "code version 2; this page reads up to version 1"),
        (_forge([*_body(version=3), (0, 30)]), "future_version", "newer version of the Balance check"),
        (_forge(_body(version=0)), "tampered", "not one this site ever wrote"),
        (_forge(_body(role=3)), "tampered", "neither Partner A nor Partner B"),
        (_forge(_body(ratings=[4] * 20 + [6])), "tampered", "a rating of 6"),
        (_forge(_body(ratings=[7] + [4] * 20)), "tampered", "a rating of 7"),
        (_forge(_body(private=3)), "tampered", "private rating its author did not include"),
        (_forge([*_body(), (1, 1)]), "tampered", "unused bits are not empty"),
    ],
)  # fmt: skip
def test_bad_codes_are_refused_with_a_message_naming_what_is_wrong(text, kind, words):
    assert kind in ac.KINDS
    with pytest.raises(ac.CodeRefused) as refused:
        ac.decode(text)
    assert refused.value.kind == kind
    assert words in refused.value.message
    assert refused.value.message.endswith("Nothing on the page changed.") or kind == "empty"


@given(st.integers(0, 21), st.sampled_from(ac.ALPHABET))
def test_every_single_character_typo_is_caught(at, char):
    typo = GOOD[:at] + char + GOOD[at + 1 :]
    if typo == GOOD:
        return
    with pytest.raises(ac.CodeRefused) as refused:
        ac.decode(typo)
    assert refused.value.kind in ("checksum", "length")


@given(st.text(max_size=60))
def test_any_text_is_read_or_refused_never_crashes(text):
    outcome = "read"
    try:
        ac.decode(text)
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
        ac.decode(code)


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
