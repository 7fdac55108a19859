"""The answer code: one partner's answers as a short code, read aloud, typed or scanned.

Two partners side by side compare without a file and without a network: one device shows its
code (as a QR code and as text), the other reads it. A code carries only what the comparison
needs: each closed answer given apart (a rating, a share, a choice) or "not answered", the
respondent's role, and private ratings only if their author ticked "include". Never a name,
never free text, so a photo of a code says nothing about who made it.

No one peeks first: before any code, each device shows a fingerprint of its answers (a
salted hash commitment), and each reads the other's. A code carries its salt, so the device
that read the fingerprint checks that the code holds the very answers committed to; answers
changed after seeing the partner's are refused. The salt (40 random bits) keeps the small
answer space from being guessed back out of a fingerprint.

A code, as bits, most significant first (every layout of every worksheet since version 2):

    4 bits   layout version                  } the header: stays in every future version,
    4 bits   worksheet number                } so a newer code is recognised, not misread
    2 bits   role: 0 not answered, 1 Partner A, 2 Partner B
    1 bit    private ratings included (only for a worksheet with private ratings)
    n bits   each answer: its option's position + 1, 0 when not answered; as few bits as
             the field's options need (a rating 3, a share 4, three groups 2)
    n bits   the private ratings, the same way (0 unless included)
    40 bits  the salt
    0-4 bits zero padding, so the whole code is a whole number of characters
    32 bits  CRC-32 of the bits before it (always the last 32 bits, in every version)

A fingerprint: 4 bits 15 (never a layout version), 4 bits the worksheet number, 2 bits the
role, 40 bits of SHA-256 over the code's bits before its padding, 10 bits of checksum: 60
bits, 12 characters. The balance check's version 1 code (no salt, so no fingerprint) is still
recognised, and refused with a reason.

Characters: Crockford base32 (digits and letters without I, L, O, U), shown in groups of four
with dashes. Reading accepts lowercase, spaces, missing dashes and the usual confusions (O for
0, I or L for 1). The QR code holds the same text, dashes included: alphanumeric mode, at
error correction level Q, in the smallest version that holds it.
"""

import binascii
import hashlib

from worksheets.document import ImportRefused
from worksheets.schema import ROLE_NAMES, ROLES, Record, Worksheet

#: Crockford's base32: no I, L, O or U, so nothing reads as another character (or a word).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
#: What people type or a camera reads for what they mean.
_CONFUSED = {"O": "0", "I": "1", "L": "1"}
#: Separators that may sit between groups (phones turn "-" into dashes of every length).
_SEPARATORS = frozenset(" \t\r\n-\u2010\u2011\u2012\u2013\u2014\u2212_")
GROUP = 4

#: Each worksheet's permanent number in a code's header. A number is never reused.
WORKSHEET_NUMBERS = {
    "balance_check": 1,
    "labour_split": 2,
    "check_in": 3,
    "new_partner": 4,
    "consent_map": 5,
}
#: For telling someone which worksheet a code comes from.
TITLES = {
    "balance_check": "Balance check",
    "labour_split": "Emotional labour split",
    "check_in": "Check-in log",
    "new_partner": "New-partner plan",
    "consent_map": "Consent map",
}

HEADER_BITS = 8
CRC_BITS = 32
ROLE_BITS = 2
SALT_BITS = 40
SALT_BYTES = SALT_BITS // 8
#: The first four bits of a fingerprint: never a layout version.
FINGERPRINT_MARK = 15
COMMITMENT_BITS = 40
FINGERPRINT_CHECK_BITS = 10
FINGERPRINT_CHARACTERS = (8 + ROLE_BITS + COMMITMENT_BITS + FINGERPRINT_CHECK_BITS) // 5
#: Mixed into the checksum, so a code from another scheme never passes for ours.
_DOMAIN = b"equal-footing answer code\x00"
_COMMITMENT_DOMAIN = b"equal-footing fingerprint\x00"
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
    "old_version",
    "tampered",
)


class CodeRefused(ImportRefused):
    """A code that will not be compared, with a kind (for tests) and a message (for people)."""


def width(options: int) -> int:
    """The bits that hold a position among `options` answers, or 0 for "not answered"."""
    bits = 0
    while (1 << bits) <= options:
        bits += 1
    return bits


class Layout(Record):
    """What one version of a worksheet's code holds, in order: the field ids of its answers
    and how many bits each takes; private ones after the opt-in field that lets them in."""

    def __init__(
        self,
        worksheet_id: str,
        version: int,
        role: str,
        answers: tuple[tuple[str, int], ...],
        opt_in: str = "",
        private: tuple[tuple[str, int], ...] = (),
        salt_bits: int = SALT_BITS,
    ) -> None:
        self.worksheet_id = worksheet_id
        self.version = version
        self.role = role
        self.answers = answers
        self.opt_in = opt_in
        self.private = private
        self.salt_bits = salt_bits

    @property
    def body_bits(self) -> int:
        fields = sum(bits for _field_id, bits in self.answers + self.private)
        return HEADER_BITS + ROLE_BITS + (1 if self.opt_in else 0) + fields + self.salt_bits

    @property
    def padding_bits(self) -> int:
        return -(self.body_bits + CRC_BITS) % 5

    @property
    def characters(self) -> int:
        return (self.body_bits + self.padding_bits + CRC_BITS) // 5


def derive(worksheet: Worksheet, version: int) -> Layout:
    """The layout a worksheet's declaration implies: every closed field answered apart, in the
    form's order, public ones first. LAYOUTS pins what shipped; a test holds the newest of
    each worksheet to its declaration, so a change of the form needs a new layout version."""
    opt_in = worksheet.private_opt_in
    coded = [
        (item.id, width(len(item.choices())), item.private)
        for item in worksheet.apart_fields()
        if item.choices() and item.id != opt_in
    ]
    private = tuple((field_id, bits) for field_id, bits, hidden in coded if hidden)
    return Layout(
        worksheet_id=worksheet.id,
        version=version,
        role=worksheet.role,
        answers=tuple((field_id, bits) for field_id, bits, hidden in coded if not hidden),
        opt_in=opt_in if private else "",
        private=private,
    )


def _statements(section_ids: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    return tuple((f"{section}_{n}", 3) for section in section_ids for n in (1, 2, 3))


_PATTERNS = ("decisions", "boundaries", "labour", "pressure", "money", "attention", "sharing")
_SHARES = (
    "planning",
    "scheduling",
    "health_logistics",
    "emotional_check_ins",
    "outside_partners",
    "money",
    "other_task",
)
_DECISIONS = (
    "chatting_new",
    "first_date",
    "repeat_dates",
    "plan_changes",
    "affection",
    "intimacy_protected",
    "intimacy_other",
    "partner_present",
    "at_home",
    "overnight",
    "travel",
    "shared_money",
    "photos",
    "messages_shared",
    "meeting_metamour",
    "telling_friends",
    "growing_feelings",
)

#: Every layout by (worksheet, version), written out: a layout never changes once shipped. A
#: change to a worksheet's closed answers given apart means a new version here (the old one
#: kept, to recognise older codes); tests/unit/test_answer_code.py holds each newest layout to
#: `derive` of its declaration.
LAYOUTS: dict[tuple[str, int], Layout] = {
    ("balance_check", 1): Layout(
        "balance_check",
        1,
        "role",
        _statements(_PATTERNS),
        "include_self_check",
        (("free_to_say_no", 3),),
        salt_bits=0,
    ),
    ("balance_check", 2): Layout(
        "balance_check",
        2,
        "role",
        _statements(_PATTERNS),
        "include_self_check",
        (("free_to_say_no", 3),),
    ),
    ("labour_split", 1): Layout("labour_split", 1, "role", tuple((s, 4) for s in _SHARES)),
    ("check_in", 1): Layout("check_in", 1, "role", (("comfort", 3), ("respected", 2))),
    ("new_partner", 1): Layout("new_partner", 1, "role", (("ready", 2),)),
    ("consent_map", 1): Layout("consent_map", 1, "role", tuple((d, 2) for d in _DECISIONS)),
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


def _layout(worksheet: Worksheet) -> Layout:
    layout = latest_layout(worksheet)
    if layout is None:
        raise ValueError(f"the {worksheet.title} has no answer code")
    return layout


def _body(answers: dict[str, str], worksheet: Worksheet, salt: bytes) -> _Bits:
    """A code's bits before its padding: what the fingerprint commits to."""
    layout = _layout(worksheet)
    if len(salt) * 8 != layout.salt_bits:
        raise ValueError(f"a code needs a salt of {layout.salt_bits // 8} bytes")
    bits = _Bits()
    bits.put(layout.version, 4)
    bits.put(WORKSHEET_NUMBERS[worksheet.id], 4)
    role = answers.get(layout.role, "")
    bits.put(ROLES.index(role) + 1 if role in ROLES else 0, ROLE_BITS)
    included = answers.get(layout.opt_in, "") == "yes" if layout.opt_in else False
    if layout.opt_in:
        bits.put(int(included), 1)
    for field_id, size in layout.answers:
        bits.put(_position(worksheet, answers, field_id), size)
    for field_id, size in layout.private:
        bits.put(_position(worksheet, answers, field_id) if included else 0, size)
    bits.put(int.from_bytes(salt, "big"), layout.salt_bits)
    return bits


def _characters(bits: _Bits) -> str:
    return "".join(ALPHABET[(bits.value >> shift) & 31] for shift in range(bits.length - 5, -1, -5))


def encode(answers: dict[str, str], worksheet: Worksheet, salt: bytes) -> str:
    """The answer code of `answers`, with this salt (ungrouped: `group` shows it)."""
    bits = _body(answers, worksheet, salt)
    bits.put(0, _layout(worksheet).padding_bits)
    bits.put(_checksum(bits.value, bits.length), CRC_BITS)
    return _characters(bits)


def _commitment(body: _Bits) -> int:
    packed = (body.value << (-body.length % 8)).to_bytes((body.length + 7) // 8, "big")
    digest = hashlib.sha256(_COMMITMENT_DOMAIN + body.length.to_bytes(2, "big") + packed).digest()
    return int.from_bytes(digest[: COMMITMENT_BITS // 8], "big")


def _fingerprint_text(number: int, role: int, commitment: int) -> str:
    bits = _Bits()
    bits.put(FINGERPRINT_MARK, 4)
    bits.put(number, 4)
    bits.put(role, ROLE_BITS)
    bits.put(commitment, COMMITMENT_BITS)
    bits.put(_checksum(bits.value, bits.length) & ((1 << FINGERPRINT_CHECK_BITS) - 1), 10)
    return _characters(bits)


def fingerprint(answers: dict[str, str], worksheet: Worksheet, salt: bytes) -> str:
    """The fingerprint of the code `encode(answers, worksheet, salt)` (ungrouped)."""
    role = answers.get(worksheet.role, "")
    number = WORKSHEET_NUMBERS[worksheet.id]
    body = _body(answers, worksheet, salt)
    return _fingerprint_text(
        number, ROLES.index(role) + 1 if role in ROLES else 0, _commitment(body)
    )


def _position(worksheet: Worksheet, answers: dict[str, str], field_id: str) -> int:
    item = worksheet.field(field_id)
    value = answers.get(field_id, "")
    if not value:
        return 0
    values = [o.value for o in item.choices()]
    if value not in values:
        raise ValueError(f"{field_id}: {value!r} is not one of its answers")
    return values.index(value) + 1


# -- Reading -------------------------------------------------------------------------------------


class Fingerprint(Record):
    """A partner's fingerprint, as read: their role and the commitment to their answers."""

    def __init__(self, role: str, commitment: int) -> None:
        self.role = role
        self.commitment = commitment


class Code(Record):
    """A partner's code, as read: their answers, and the commitment those answers make."""

    def __init__(self, answers: dict[str, str], commitment: int) -> None:
        self.answers = answers
        self.commitment = commitment


def decode(text: str, worksheet: Worksheet) -> dict[str, str]:
    """Every answer of `worksheet` a code holds ("" for the rest); CodeRefused if it is not one
    (a fingerprint included)."""
    found = read(text, worksheet)
    if not isinstance(found, Code):
        raise CodeRefused(
            "not_a_code",
            "This is your partner's fingerprint, not their code: it says their answers are "
            "fixed, without showing them. Nothing on the page changed.",
        )
    return found.answers


def read(text: str, worksheet: Worksheet) -> "Code | Fingerprint":
    """A code or a fingerprint of `worksheet`; CodeRefused, saying why, for anything else.

    The checksum is checked before anything in the code is believed, so a typo is called a
    typo, not "another worksheet"; a code of the wrong length whose header is ours is called
    incomplete (or too long), since a missing character breaks the checksum too.
    """
    layout = _layout(worksheet)
    chars = normalise(text)
    if 5 * len(chars) < HEADER_BITS + 10:
        raise _length(len(chars), layout.characters, "code", _code_of(worksheet))
    bits = _Bits(0, 5 * len(chars))
    for char in chars:
        bits.value = (bits.value << 5) | _VALUES[char]
    version, number = bits.take(4), bits.take(4)
    if version == FINGERPRINT_MARK:
        return _read_fingerprint(bits, chars, number, worksheet)
    ours = number == WORKSHEET_NUMBERS[worksheet.id] and (worksheet.id, version) in LAYOUTS
    if ours and len(chars) != LAYOUTS[(worksheet.id, version)].characters:
        raise _length(
            len(chars), LAYOUTS[(worksheet.id, version)].characters, "code", _code_of(worksheet)
        )
    if 5 * len(chars) < HEADER_BITS + CRC_BITS:
        raise _length(len(chars), layout.characters, "code", _code_of(worksheet))
    prefix_length = bits.length - CRC_BITS
    if _checksum(bits.value >> CRC_BITS, prefix_length) != bits.value & 0xFFFFFFFF:
        raise _checksum_failed()
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
    if not found.salt_bits:
        raise CodeRefused(
            "old_version",
            f"This code was made by an older version of the {worksheet.title}, from before "
            "fingerprints, so this page cannot check it. Both of you reload the site to get the "
            "newest version, then start again. Nothing on the page changed.",
        )
    answers = _read_body(bits, found, worksheet)
    body = _Bits(bits.value >> (CRC_BITS + found.padding_bits), found.body_bits)
    return Code(answers, _commitment(body))


def _read_fingerprint(bits: _Bits, chars: str, number: int, worksheet: Worksheet) -> Fingerprint:
    if len(chars) != FINGERPRINT_CHARACTERS:
        raise _length(len(chars), FINGERPRINT_CHARACTERS, "fingerprint", "a fingerprint")
    check = bits.value & ((1 << FINGERPRINT_CHECK_BITS) - 1)
    prefix = bits.value >> FINGERPRINT_CHECK_BITS
    if _checksum(prefix, bits.length - FINGERPRINT_CHECK_BITS) & 0x3FF != check:
        raise _checksum_failed()
    if number != WORKSHEET_NUMBERS[worksheet.id]:
        raise _other_worksheet(number, worksheet)
    role = bits.take(ROLE_BITS)
    if role > len(ROLES):
        raise _tampered("its role is neither Partner A nor Partner B")
    return Fingerprint(ROLES[role - 1] if role else "", bits.take(COMMITMENT_BITS))


def _read_body(bits: _Bits, layout: Layout, worksheet: Worksheet) -> dict[str, str]:
    answers = worksheet.empty_answers()
    role = bits.take(ROLE_BITS)
    if role > len(ROLES):
        raise _tampered("its role is neither Partner A nor Partner B")
    answers[layout.role] = ROLES[role - 1] if role else ""
    included = bits.take(1) == 1 if layout.opt_in else False
    for field_id, size in layout.answers:
        answers[field_id] = _read_answer(bits, worksheet, field_id, size)
    for field_id, size in layout.private:
        answer = _read_answer(bits, worksheet, field_id, size)
        if answer and not included:
            raise _tampered("it holds a private rating its author did not include")
        answers[field_id] = answer
    if layout.opt_in:
        answers[layout.opt_in] = "yes" if included else ""
    bits.take(layout.salt_bits)
    if bits.take(layout.padding_bits):
        raise _tampered("its unused bits are not empty")
    return answers


def _read_answer(bits: _Bits, worksheet: Worksheet, field_id: str, size: int) -> str:
    position = bits.take(size)
    values = [o.value for o in worksheet.field(field_id).choices()]
    if position > len(values):
        if worksheet.field(field_id).kind == "scale":
            raise _tampered(f"it holds a rating of {position}, and ratings run from 1 to 5")
        raise _tampered("it holds an answer the form does not offer")
    return values[position - 1] if position else ""


def _code_of(worksheet: Worksheet) -> str:
    return f"a {worksheet.title} code"


def _checksum_failed() -> CodeRefused:
    return CodeRefused(
        "checksum",
        "This code does not add up: its checksum failed, so a character was probably "
        "mistyped or misread. Compare it group by group with your partner's screen and try "
        "again. Nothing on the page changed.",
    )


def _length(count: int, expected: int, noun: str, kind: str) -> CodeRefused:
    """Too few or too many characters for this `noun` ("code"), as `kind` of it has."""
    missing = expected - count
    if missing > 0:
        what = "a character is missing" if missing == 1 else f"{missing} characters are missing"
    else:
        what = "there is a character too many" if missing == -1 else "there are characters too many"
    return CodeRefused(
        "length",
        f"This {noun} has {count} characters, and {kind} has {expected} (not "
        f"counting dashes): {what}. Compare it group by group with your partner's screen and "
        "try again. Nothing on the page changed.",
    )


def _other_worksheet(number: int, worksheet: Worksheet) -> CodeRefused:
    names = {n: ws for ws, n in WORKSHEET_NUMBERS.items()}
    other = TITLES.get(names.get(number, ""), "")
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


def role_name(role: str) -> str:
    return ROLE_NAMES.get(role, "a partner with no role chosen")


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
