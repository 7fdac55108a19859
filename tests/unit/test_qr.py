"""worksheets.qr draws segno's symbols, module for module, in CPython and in MicroPython.

segno is the reference: every matrix here is compared with `segno.make(..., micro=False)`,
except where the module docstring says it differs on purpose (kanji mode and Shift_JIS), and
there with the byte-mode symbol segno makes when asked for one.
"""

from __future__ import annotations

import ast
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st
from segno import consts

from worksheets import qr

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "worksheets" / "qr.py"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
LEVELS = ("l", "m", "q", "h")
SEGNO_LEVELS = (
    consts.ERROR_LEVEL_L,
    consts.ERROR_LEVEL_M,
    consts.ERROR_LEVEL_Q,
    consts.ERROR_LEVEL_H,
)
ANSWER_CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01"
LEVEL_STRATEGY = st.sampled_from(["l", "m", "q", "h", "L", "M", "Q", "H"])


def rows(code: segno.QRCode) -> list[list[bool]]:
    return [[bool(module) for module in row] for row in code.matrix]


def byte_encoding(text: str) -> str:
    """What qr.py puts in byte mode: ISO-8859-1 when it can, else UTF-8."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return "utf-8"
    return "latin-1"


def segno_goes_its_own_way(text: str) -> bool:
    """Text segno encodes as kanji or as Shift_JIS bytes (the module docstring's exceptions)."""
    if byte_encoding(text) == "utf-8":
        try:
            text.encode("shift_jis")
        except UnicodeEncodeError:
            return False
        return True
    return bool(text) and segno.make(text, micro=False).mode == "kanji"


def expected(text: str, error: str) -> list[list[bool]]:
    """segno's matrix; for segno's kanji and Shift_JIS choices, its byte-mode matrix."""
    if segno_goes_its_own_way(text):
        code = segno.make(text, error=error, micro=False, mode="byte", encoding=byte_encoding(text))
    else:
        code = segno.make(text, error=error, micro=False)
    return rows(code)


def answer_like(length: int) -> str:
    """Crockford characters in dashed groups of four, cut to `length`, as the page shows codes."""
    chars = "".join(CROCKFORD[(index * 7) % 32] for index in range(length))
    grouped = "-".join(chars[start : start + 4] for start in range(0, length, 4))
    return grouped[:length]


def data_bits(mode: str, count: int) -> int:
    """ISO/IEC 18004 7.4: the data bits of `count` characters (independent of qr.py)."""
    if mode == "numeric":
        return 10 * (count // 3) + (0, 4, 7)[count % 3]
    if mode == "alphanumeric":
        return 11 * (count // 2) + 6 * (count % 2)
    return 8 * count


def count_bits(mode: str, version: int) -> int:
    band = 0 if version < 10 else 1 if version < 27 else 2
    return {"numeric": (10, 12, 14), "alphanumeric": (9, 11, 13), "byte": (8, 16, 16)}[mode][band]


def longest(mode: str, version: int, level: int) -> int:
    """How many characters of a mode fill a version at a level (segno's capacity table)."""
    capacity = consts.SYMBOL_CAPACITY[version][SEGNO_LEVELS[level]]
    count = 0
    while 4 + count_bits(mode, version) + data_bits(mode, count + 1) <= capacity:
        count += 1
    return count


FILLERS = {"numeric": "8675309", "alphanumeric": "QR CODE-42/$%*+.:", "byte": "qr Code, é!"}


def filler(mode: str, count: int) -> str:
    pattern = FILLERS[mode]
    return (pattern * (count // len(pattern) + 1))[:count]


# -- matrix() against segno ------------------------------------------------------------------


@pytest.mark.parametrize("error", LEVELS)
def test_answer_codes_of_every_length_up_to_60(error):
    for length in range(1, 61):
        text = answer_like(length)
        assert qr.matrix(text, error) == expected(text, error), (text, error)


def test_the_answer_code_is_version_2_at_q():
    modules = qr.matrix(ANSWER_CODE, "q")
    assert len(modules) == 25
    assert modules == rows(segno.make(ANSWER_CODE, error="q", micro=False))
    assert all(type(module) is bool for row in modules for module in row)


@pytest.mark.parametrize(
    "text",
    [
        "",  # empty: byte mode, version 1
        "0",
        "1234567",
        "01234567890123456789",
        "HELLO WORLD",
        "A",
        "hello",  # its bit stream ends on a byte boundary: segno adds a zero byte all the same
        "Hello, World!",
        "lowercase letters are bytes",
        "héllo wörld ß",  # Latin-1 bytes
        "Grüße € 🙂",  # outside Latin-1 and Shift_JIS: UTF-8, as segno
        "ĉu vi parolas",
        "line\nbreak\ttab",
    ],
)
@pytest.mark.parametrize("error", LEVELS)
def test_explicit_texts_in_each_mode_and_level(text, error):
    assert qr.matrix(text, error) == expected(text, error)


@pytest.mark.parametrize("version", range(1, 41))
def test_longest_text_that_fits_each_version_and_one_more(version):
    """Every version's boundary, in a mode and level that rotate (so each pair turns up)."""
    mode = ("numeric", "alphanumeric", "byte")[version % 3]
    level = (version // 3) % 4
    error = LEVELS[level]
    count = longest(mode, version, level)
    text = filler(mode, count)
    assert segno.make(text, error=error, micro=False).version == version
    assert qr.matrix(text, error) == expected(text, error)
    bigger = filler(mode, count + 1)
    if version == 40:
        with pytest.raises(ValueError, match="too much data"):
            qr.matrix(bigger, error)
        with pytest.raises(segno.DataOverflowError):
            segno.make(bigger, error=error, micro=False)
    else:
        assert segno.make(bigger, error=error, micro=False).version == version + 1
        assert qr.matrix(bigger, error) == expected(bigger, error)


@pytest.mark.parametrize("mode", ["numeric", "alphanumeric", "byte"])
@pytest.mark.parametrize("version", range(1, 16))
def test_longest_answer_level_text_per_version_up_to_15(mode, version):
    """Level Q (the answer code's), each mode, versions 1 to 15: the data fills the symbol."""
    text = filler(mode, longest(mode, version, 2))
    assert len(qr.matrix(text, "q")) == version * 4 + 17
    assert qr.matrix(text, "q") == expected(text, "q")


def test_error_level_is_raised_while_the_version_stays():
    """segno's boost_error: one digit at L fits version 1 at H, so it is drawn at H."""
    assert qr.matrix("1", "l") == qr.matrix("1", "h")
    assert segno.make("1", error="l", micro=False).error == "H"
    # 173 bits: version 2 at L holds 272 and at Q 176, so L becomes Q; H needs version 3.
    assert qr.matrix(ANSWER_CODE, "l") == qr.matrix(ANSWER_CODE, "q")
    assert len(qr.matrix(ANSWER_CODE, "h")) == 29


def test_error_level_is_case_insensitive_and_checked():
    assert qr.matrix("ABC", "Q") == qr.matrix("ABC", "q")
    for bad in ("", "x", "qq", "lowest"):
        with pytest.raises(ValueError, match="error correction level"):
            qr.matrix("ABC", bad)


@settings(deadline=None)
@given(st.text(alphabet="0123456789", min_size=1, max_size=400), LEVEL_STRATEGY)
def test_any_digits(text, error):
    assert qr.matrix(text, error) == expected(text, error)


@settings(deadline=None)
@given(st.text(alphabet=ALPHANUMERIC, min_size=1, max_size=250), LEVEL_STRATEGY)
def test_any_alphanumeric_text(text, error):
    assert qr.matrix(text, error) == expected(text, error)


@settings(deadline=None)
@given(st.text(st.characters(max_codepoint=255), max_size=120), LEVEL_STRATEGY)
def test_any_latin_1_text(text, error):
    assert qr.matrix(text, error) == expected(text, error)


@settings(deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=80), LEVEL_STRATEGY)
def test_any_text(text, error):
    assert qr.matrix(text, error) == expected(text, error)


@pytest.mark.parametrize(
    ("text", "segno_mode"),
    [("éé", "kanji"), ("àA", "kanji"), ("日本", "kanji"), ("Привет", "kanji"), ("a→b", "byte")],
)
def test_where_segno_picks_kanji_or_shift_jis_this_is_byte_mode(text, segno_mode):
    """The documented difference: byte mode (Latin-1, else UTF-8) where segno goes Shift_JIS."""
    default = segno.make(text, error="q", micro=False)
    assert default.mode == segno_mode
    assert segno_goes_its_own_way(text)
    byte = segno.make(text, error="q", micro=False, mode="byte", encoding=byte_encoding(text))
    assert qr.matrix(text, "q") == rows(byte)
    assert qr.matrix(text, "q") != rows(default)


@settings(deadline=None, max_examples=300)
@given(st.sampled_from([21, 25, 45]), st.integers(0, 256), st.data())
def test_mask_penalty_is_segnos(size, threshold, data):
    """N1 to N4 on any matrix (any share of dark modules), as segno scores them."""
    from segno import encoder

    noise = data.draw(st.binary(min_size=size * size, max_size=size * size))
    rows = [
        bytearray(1 if byte < threshold else 0 for byte in noise[start : start + size])
        for start in range(0, size * size, size)
    ]
    assert qr._penalty(rows) == sum(encoder.mask_scores(tuple(rows), size, size))


# -- The tables behind it, for every version -----------------------------------------------


def test_capacities_match_iso_table_7_for_every_version_and_level():
    for version in range(1, 41):
        for level, segno_level in enumerate(SEGNO_LEVELS):
            assert qr._capacity(version, level) == consts.SYMBOL_CAPACITY[version][segno_level]


def test_alignment_format_and_version_information_match_segno():
    for version in range(2, 41):
        assert tuple(qr._alignment_positions(version)) == consts.ALIGNMENT_POS[version - 2]
    assert qr._alignment_positions(1) == []
    for version in range(7, 41):
        assert qr._version_bits(version) == consts.VERSION_INFO[version - 7]
    offsets = {consts.ERROR_LEVEL_L: 0x08, consts.ERROR_LEVEL_M: 0, consts.ERROR_LEVEL_Q: 0x18}
    offsets[consts.ERROR_LEVEL_H] = 0x10
    for level, segno_level in enumerate(SEGNO_LEVELS):
        for mask in range(8):
            wanted = consts.FORMAT_INFO[offsets[segno_level] + mask]
            assert qr._format_bits(level, mask) == wanted


def test_blocks_and_error_codewords_match_segno_for_every_version_and_level():
    from segno import encoder

    for version in range(1, 41):
        for level, segno_level in enumerate(SEGNO_LEVELS):
            count = qr._capacity(version, level) // 8
            data = [(index * 37 + version * 11 + level) % 256 for index in range(count)]
            buffer = encoder.Buffer()
            for codeword in data:
                buffer.append_bits(codeword, 8)
            bits = list(encoder.make_final_message(version, segno_level, buffer).getbits())
            ours = qr._final_message(version, level, data)
            theirs = [
                int("".join(map(str, bits[start : start + 8])), 2)
                for start in range(0, len(ours) * 8, 8)
            ]
            assert ours == theirs, (version, level)


# -- svg() ------------------------------------------------------------------------------------

PATH_COMMAND = re.compile(r"([Mmh])(-?[0-9.]+)(?: (-?[0-9.]+))?")


def painted(d: str) -> set[tuple[int, int]]:
    """The (row, column) cells a path of horizontal strokes covers, in viewBox units."""
    assert re.fullmatch(r"(?:[Mmh]-?[0-9.]+(?: -?[0-9.]+)?)+", d), d
    cells = set()
    x = y = 0.0
    for command, first, second in PATH_COMMAND.findall(d):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            length = float(first)
            assert length == int(length) > 0
            assert x == int(x)
            assert y - int(y) == 0.5  # strokes run along the middle of a row of modules
            cells |= {(int(y), int(x) + step) for step in range(int(length))}
            x += length
    return cells


def dark_path(svg: str) -> str:
    root = ET.fromstring(svg)
    strokes = [path for path in root.iter("path") if path.get("stroke") == "#000"]
    assert len(strokes) == 1
    return strokes[0].get("d", "")


def dark_cells(modules: list[list[bool]], border: int) -> set[tuple[int, int]]:
    return {
        (i + border, j + border)
        for i, row in enumerate(modules)
        for j, module in enumerate(row)
        if module
    }


@pytest.mark.parametrize("text", [ANSWER_CODE, "1", "hello wörld", "x" * 200])
@pytest.mark.parametrize("border", [0, 2, 4])
def test_svg_draws_the_matrix_inside_its_quiet_zone(text, border):
    svg = qr.svg(text, error="q", label="QR code", css_class="ef-code-qr", border=border)
    modules = qr.matrix(text, "q")
    size = len(modules) + 2 * border
    assert painted(dark_path(svg)) == dark_cells(modules, border)
    root = ET.fromstring(svg)
    assert root.tag == "svg"
    assert root.get("viewBox") == f"0 0 {size} {size}"
    assert "width" not in root.attrib
    assert "height" not in root.attrib
    backgrounds = [path for path in root.iter("path") if path.get("fill") == "#fff"]
    assert [path.get("d") for path in backgrounds] == [f"M0 0h{size}v{size}h-{size}z"]


@pytest.mark.parametrize("text", [ANSWER_CODE, "hello", "0" * 50])
def test_svg_looks_like_segnos(text):
    ours = qr.svg(text, error="q", label="QR code", css_class="ef-code-qr")
    theirs = segno.make(text, error="q", micro=False).svg_inline(
        dark="#000", light="#fff", border=4, omitsize=True, svgclass="ef-code-qr", lineclass=None
    )
    assert painted(dark_path(ours)) == painted(dark_path(theirs))
    assert ET.fromstring(ours).get("viewBox") == ET.fromstring(theirs).get("viewBox")


def test_svg_names_itself_and_escapes_the_label():
    label = "Code <b>\"A\" & 'B'</b>"
    svg = qr.svg("ABC", label=label, css_class="ef-code-qr")
    assert svg.startswith(
        f'<svg viewBox="0 0 29 29" class="ef-code-qr" role="img" aria-label="{html.escape(label)}">'
    )
    assert "&lt;b&gt;" in svg
    assert "<b>" not in svg
    root = ET.fromstring(svg)
    assert root.get("aria-label") == label
    assert root.get("role") == "img"
    assert root.get("class") == "ef-code-qr"
    assert [title.text for title in root.iter("title")] == [label]
    assert svg.count("<path") == 2


def test_svg_refuses_a_negative_border():
    with pytest.raises(ValueError, match="border"):
        qr.svg("ABC", label="x", css_class="c", border=-1)


# -- MicroPython ---------------------------------------------------------------------------------

#: What MicroPython 1.27 lacks (tests/unit/test_portable.py, /tmp-measured FINDINGS).
MISSING_IN_MICROPYTHON = {"__future__", "typing", "dataclasses", "functools", "textwrap", "re"}


def test_imports_only_what_micropython_has():
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported == {"html"}
    assert not imported & MISSING_IN_MICROPYTHON


TRICKY_LABEL = "a <\"b\"> & 'c'"
MICROPYTHON_CASES = [
    (ANSWER_CODE, "q"),
    (ANSWER_CODE, "h"),
    ("", "q"),
    ("7", "l"),
    ("0123456789" * 3, "m"),
    ("31415926535" * 30, "q"),  # numeric, version 10 and up
    ("A", "h"),
    ("HELLO WORLD", "q"),
    ("ABC-$%*+./: 123" * 8, "m"),
    ("hello", "l"),
    ("hello", "q"),
    ("héllo wörld", "q"),
    ("Grüße € 🙂", "m"),
    ("éé", "q"),  # segno: kanji; here byte mode
    ("日本語", "l"),  # segno: kanji; here UTF-8 bytes
    ("x" * 150, "l"),  # version 7: version information
    ("Z" * 600, "q"),  # version 22
    ("9" * 3000, "m"),  # version 30
    ("b" * 1270, "h"),  # version 40 at H
    ("x" * 2900, "l"),  # version 40 at L
]


def test_micropython_draws_the_same_matrices_and_svg(micropython):
    lines = [
        "from worksheets.qr import matrix, svg",
        f"for text, error in {MICROPYTHON_CASES!r}:",
        "    m = matrix(text, error)",
        '    print("/".join("".join("1" if x else "0" for x in row) for row in m))',
        f"print(svg({ANSWER_CODE!r}, label={TRICKY_LABEL!r}, css_class='k', border=3))",
    ]
    stdout = micropython("\n".join(lines) + "\n")
    output = stdout.splitlines()
    assert len(output) == len(MICROPYTHON_CASES) + 1, stdout[-2000:]
    for line, (text, error) in zip(output, MICROPYTHON_CASES, strict=False):
        drawn = [[char == "1" for char in row] for row in line.split("/")]
        assert drawn == expected(text, error), (text[:20], error)
    assert output[-1] == qr.svg(ANSWER_CODE, label=TRICKY_LABEL, css_class="k", border=3)
