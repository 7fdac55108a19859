"""The answer code: a balance check's ratings as a short code, read aloud, typed or scanned.

Two partners side by side compare without a file and without a network: one device shows its
code (as a QR code and as text), the other reads it. The code carries only what the comparison
needs: each statement's rating or "not answered", the respondent's role, and the private
self-check rating only if its author ticked "include". Never a name, never free text, so a
photo of the code says nothing about who made it.

Layout, as bits, most significant first (version 1, the balance check):

    4 bits   layout version (1)              } the header: stays in every future version,
    4 bits   worksheet number (1)            } so a newer code is recognised, not misread
    2 bits   role: 0 not answered, 1 Partner A, 2 Partner B
    1 bit    the self-check is included
    21 x 3   each statement's rating: 0 not answered, 1..5
    3 bits   the self-check rating (0 unless included)
    1 bit    zero padding, so the whole code is a whole number of characters
    32 bits  CRC-32 of the bits before it (always the last 32 bits, in every version)

110 bits: 22 characters of Crockford base32 (digits and letters without I, L, O, U), shown
in groups of four with dashes. Reading accepts lowercase, spaces, missing dashes and the
usual confusions (O for 0, I or L for 1). The QR code holds the same text, dashes included:
alphanumeric mode, version 2 (25 x 25 modules) at error correction level Q.
"""

import binascii

from worksheets.balance_check import BALANCE_CHECK, PATTERNS
from worksheets.document import ImportRefused
from worksheets.schema import Record, Worksheet

#: Crockford's base32: no I, L, O or U, so nothing reads as another character (or a word).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
#: What people type or a camera reads for what they mean.
_CONFUSED = {"O": "0", "I": "1", "L": "1"}
#: Separators that may sit between groups (phones turn "-" into dashes of every length).
_SEPARATORS = frozenset(" \t\r\n-\u2010\u2011\u2012\u2013\u2014\u2212_")
GROUP = 4

#: Each worksheet's permanent number in a code's header. A number is never reused.
WORKSHEET_NUMBERS = {"balance_check": 1}
#: For telling someone which worksheet a code comes from (titles of numbered worksheets).
_TITLES = {"balance_check": BALANCE_CHECK.title}

HEADER_BITS = 8
CRC_BITS = 32
RATING_BITS = 3
ROLE_BITS = 2
#: Mixed into the checksum, so a code from another scheme never passes for ours.
_DOMAIN = b"equal-footing answer code\x00"
#: Longer than any code could be: refused before any work is done on it.
_MAX_INPUT = 400

#: Why codes are refused: for tests (the messages are for people).
KINDS = (
    "empty",
    "not_a_code",
    "length",
    "checksum",
    "other_worksheet",
    "future_version",
    "tampered",
)


class CodeRefused(ImportRefused):
    """A code that will not be compared, with a kind (for tests) and a message (for people)."""


class Layout(Record):
    """What one version of a worksheet's code holds, in order."""

    def __init__(
        self,
        worksheet_id: str,
        version: int,
        role: str,
        role_values: tuple[str, ...],
        ratings: tuple[str, ...],
        opt_in: str,
        private_ratings: tuple[str, ...],
    ) -> None:
        self.worksheet_id = worksheet_id
        self.version = version
        # A choice field, packed as its option's position + 1 (0: not answered).
        self.role = role
        self.role_values = role_values
        # Scale fields, 3 bits each, always present.
        self.ratings = ratings
        # The `check` field that lets private ratings in, and those private scale fields.
        self.opt_in = opt_in
        self.private_ratings = private_ratings

    @property
    def body_bits(self) -> int:
        return (
            HEADER_BITS
            + ROLE_BITS
            + 1
            + RATING_BITS * (len(self.ratings) + len(self.private_ratings))
        )

    @property
    def padding_bits(self) -> int:
        return -(self.body_bits + CRC_BITS) % 5

    @property
    def characters(self) -> int:
        return (self.body_bits + self.padding_bits + CRC_BITS) // 5


#: Every layout by (worksheet, version). A layout never changes once shipped: a change to the
#: statements means a new version here (and the old one kept, to read older codes).
LAYOUTS: dict[tuple[str, int], Layout] = {
    ("balance_check", 1): Layout(
        worksheet_id="balance_check",
        version=1,
        role="role",
        role_values=("a", "b"),
        ratings=tuple(f"{section_id}_{n}" for section_id, _, _ in PATTERNS for n in (1, 2, 3)),
        opt_in="include_self_check",
        private_ratings=("free_to_say_no",),
    ),
}


def latest_layout(worksheet: Worksheet) -> Layout | None:
    """The layout new codes of `worksheet` are written in; None if it has no answer code."""
    versions = [v for (ws, v) in LAYOUTS if ws == worksheet.id]
    return LAYOUTS[(worksheet.id, max(versions))] if versions else None


def supports(worksheet: Worksheet) -> bool:
    return latest_layout(worksheet) is not None


# -- Bits and characters -------------------------------------------------------------------------


class _Bits:
    """Fixed-width unsigned fields, appended and read most significant bit first."""

    def __init__(self, value: int = 0, length: int = 0) -> None:
        self.value, self.length, self.position = value, length, 0

    def put(self, field: int, width: int) -> None:
        assert 0 <= field < 1 << width
        self.value = (self.value << width) | field
        self.length += width

    def take(self, width: int) -> int:
        shift = self.length - self.position - width
        self.position += width
        return (self.value >> shift) & ((1 << width) - 1)


def _checksum(value: int, length: int) -> int:
    packed = (value << (-length % 8)).to_bytes((length + 7) // 8, "big")
    return binascii.crc32(_DOMAIN + length.to_bytes(2, "big") + packed)


def group(code: str) -> str:
    """`code` in groups of four, joined by dashes, for reading aloud."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def _printable(char: str) -> str:
    """A character as a message can show it: quoted if it is visible, else its code point.

    Visible: ASCII from "!" to "~", and anything past Latin-1's controls except the usual
    invisible marks (soft hyphen, zero-width and direction marks, the byte-order mark).
    """
    point = ord(char)
    invisible = point < 0x21 or 0x7F <= point <= 0xA0 or point == 0xAD
    invisible = invisible or 0x2000 <= point <= 0x200F or 0x2028 <= point <= 0x202F
    invisible = invisible or 0x2060 <= point <= 0x206F or point == 0xFEFF
    return f"U+{point:04X}" if invisible else f"“{char}”"


def normalise(text: str) -> str:
    """The code's characters, uppercase, without separators or confusable letters.

    Raises CodeRefused("empty" or "not_a_code") for text that cannot be a code at all.
    """
    if len(text) > _MAX_INPUT:
        raise CodeRefused(
            "not_a_code",
            f"This is not an answer code: it is {len(text):,} characters long, and an answer "
            "code has a couple of dozen. Nothing on the page changed.",
        )
    chars: list[str] = []
    strangers: list[str] = []
    for char in text:
        if char in _SEPARATORS:
            continue
        upper = char.upper() if char < "\x80" else char
        upper = _CONFUSED.get(upper, upper)
        if upper in _VALUES:
            chars.append(upper)
        elif char not in strangers:
            strangers.append(char)
    if strangers:
        shown = ", ".join(_printable(c) for c in strangers[:3])
        raise CodeRefused(
            "not_a_code",
            "This is not an Equal Footing answer code: a code has only digits and the letters "
            f"A to Z (no U), in groups of four, and this has {shown}. "
            "Nothing on the page changed.",
        )
    if not chars:
        raise CodeRefused("empty", "There is no code to read yet: type your partner's code first.")
    return "".join(chars)


# -- Writing -------------------------------------------------------------------------------------


def encode(answers: dict[str, str], worksheet: Worksheet = BALANCE_CHECK) -> str:
    """The answer code of `answers` (ungrouped: pass it through `group` to show it)."""
    layout = latest_layout(worksheet)
    if layout is None:
        raise ValueError(f"the {worksheet.title} has no answer code")
    bits = _Bits()
    bits.put(layout.version, 4)
    bits.put(WORKSHEET_NUMBERS[worksheet.id], 4)
    role = answers.get(layout.role, "")
    bits.put(layout.role_values.index(role) + 1 if role else 0, ROLE_BITS)
    included = answers.get(layout.opt_in, "") == "yes"
    bits.put(int(included), 1)
    for field_id in layout.ratings:
        bits.put(_rating(worksheet, answers, field_id), RATING_BITS)
    for field_id in layout.private_ratings:
        bits.put(_rating(worksheet, answers, field_id) if included else 0, RATING_BITS)
    bits.put(0, layout.padding_bits)
    bits.put(_checksum(bits.value, bits.length), CRC_BITS)
    return "".join(ALPHABET[(bits.value >> shift) & 31] for shift in range(bits.length - 5, -1, -5))


def _rating(worksheet: Worksheet, answers: dict[str, str], field_id: str) -> int:
    value = answers.get(field_id, "")
    if not worksheet.field(field_id).accepts(value):
        raise ValueError(f"{field_id}: {value!r} is not a rating")
    return int(value) if value else 0


# -- Reading -------------------------------------------------------------------------------------


def decode(text: str, worksheet: Worksheet = BALANCE_CHECK) -> dict[str, str]:
    """Every answer of `worksheet` a code holds ("" for the rest); CodeRefused if it is not one.

    The checksum is checked before anything in the code is believed, so a typo is called a
    typo, not "another worksheet"; a code of the wrong length whose header is ours is called
    incomplete (or too long), since a missing character breaks the checksum too.
    """
    layout = latest_layout(worksheet)
    if layout is None:
        raise ValueError(f"the {worksheet.title} has no answer code")
    chars = normalise(text)
    if 5 * len(chars) < HEADER_BITS + CRC_BITS:
        raise _length(len(chars), layout, worksheet)
    bits = _Bits(0, 5 * len(chars))
    for char in chars:
        bits.value = (bits.value << 5) | _VALUES[char]
    version, number = bits.take(4), bits.take(4)
    ours = number == WORKSHEET_NUMBERS[worksheet.id] and (worksheet.id, version) in LAYOUTS
    if ours and len(chars) != LAYOUTS[(worksheet.id, version)].characters:
        raise _length(len(chars), LAYOUTS[(worksheet.id, version)], worksheet)
    prefix_length = bits.length - CRC_BITS
    if _checksum(bits.value >> CRC_BITS, prefix_length) != bits.value & 0xFFFFFFFF:
        raise CodeRefused(
            "checksum",
            "This code does not add up: its checksum failed, so a character was probably "
            "mistyped or misread. Compare it group by group with your partner's screen and try "
            "again. Nothing on the page changed.",
        )
    if number != WORKSHEET_NUMBERS[worksheet.id]:
        raise _other_worksheet(number, worksheet)
    if version > layout.version:
        raise CodeRefused(
            "future_version",
            f"This code was made by a newer version of the {worksheet.title} (code version "
            f"{version}; this page reads up to version {layout.version}). Reload the site to "
            "get the newest version, then read the code again. Nothing on the page changed.",
        )
    found = LAYOUTS.get((worksheet.id, version))
    if found is None or len(chars) != found.characters:
        raise _tampered("its version or length is not one this site ever wrote")
    return _read_body(bits, found, worksheet)


def _read_body(bits: _Bits, layout: Layout, worksheet: Worksheet) -> dict[str, str]:
    answers = worksheet.empty_answers()
    role = bits.take(ROLE_BITS)
    if role > len(layout.role_values):
        raise _tampered("its role is neither Partner A nor Partner B")
    answers[layout.role] = layout.role_values[role - 1] if role else ""
    included = bits.take(1) == 1
    for field_id in layout.ratings:
        answers[field_id] = _read_rating(bits)
    for field_id in layout.private_ratings:
        rating = _read_rating(bits)
        if rating and not included:
            raise _tampered("it holds a private rating its author did not include")
        answers[field_id] = rating
    answers[layout.opt_in] = "yes" if included else ""
    if bits.take(layout.padding_bits):
        raise _tampered("its unused bits are not empty")
    return answers


def _read_rating(bits: _Bits) -> str:
    rating = bits.take(RATING_BITS)
    if rating > 5:
        raise _tampered(f"it holds a rating of {rating}, and ratings run from 1 to 5")
    return str(rating) if rating else ""


def _length(count: int, layout: Layout, worksheet: Worksheet) -> CodeRefused:
    expected = layout.characters
    missing = expected - count
    if missing > 0:
        what = "a character is missing" if missing == 1 else f"{missing} characters are missing"
    else:
        what = "there is a character too many" if missing == -1 else "there are characters too many"
    return CodeRefused(
        "length",
        f"This code has {count} characters, and a {worksheet.title} code has {expected} (not "
        f"counting dashes): {what}. Compare it group by group with your partner's screen and "
        "try again. Nothing on the page changed.",
    )


def _other_worksheet(number: int, worksheet: Worksheet) -> CodeRefused:
    names = {n: ws for ws, n in WORKSHEET_NUMBERS.items()}
    other = _TITLES.get(names.get(number, ""), "")
    which = f"another worksheet (the {other})" if other else "another worksheet"
    return CodeRefused(
        "other_worksheet",
        f"This code belongs to {which}, not to the {worksheet.title}. Read it on that "
        "worksheet's page. Nothing on the page changed.",
    )


def _tampered(why: str) -> CodeRefused:
    return CodeRefused(
        "tampered",
        f"This code was not made by this site, or it has been altered: {why}. Ask your partner "
        "to show their code again. Nothing on the page changed.",
    )


# -- The QR code ---------------------------------------------------------------------------------

#: Version 2 at Q restores a quarter of the code when part of it is hidden or blurred.
QR_ERROR = "q"
QR_LABEL = "QR code of your answers (the same code is written out below it)"


def qr_svg(code: str) -> str:
    """The QR code as inline SVG, drawn black on white (even in a dark theme) so cameras read it.

    Safe to insert as HTML: it holds only paths and the fixed label, never any typed text.
    """
    from worksheets import qr  # only the page that shows a code needs it

    return qr.svg(group(normalise(code)), error=QR_ERROR, label=QR_LABEL, css_class="ef-code-qr")
