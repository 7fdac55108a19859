"""QR codes in plain Python: the same symbols as segno, in CPython and in MicroPython alike.

The page that shows an answer code runs in the browser's MicroPython, which cannot import segno
(it needs modules MicroPython lacks). This module draws the same symbols: `matrix(text, error)`
equals `segno.make(text, error=error, micro=False).matrix` module for module, as segno picks:
the mode for the whole string, the smallest version, a higher error level when it fits in that
version (segno's `boost_error`), and the mask with the lowest ISO/IEC 18004 penalty (the first
of equals). segno's own quirks are kept: a bit stream that ends on a byte boundary still gets a
whole zero byte of padding, and the penalty's finder-like patterns are counted as segno counts
them.

What differs from segno, on purpose (tests/unit/test_qr.py pins each case):

- Byte mode holds ISO-8859-1 when every character fits, as in segno, and UTF-8 otherwise.
  segno tries Shift_JIS before UTF-8 (and then uses kanji mode or Shift_JIS bytes): that needs
  a large table and most scanners read it as mojibake anyway. So text with a character outside
  Latin-1 that Shift_JIS has (Cyrillic, Greek, Japanese, most CJK, some symbols) gives another
  (valid) symbol than segno: what `segno.make(text, mode="byte", encoding="utf-8")` gives.
- Kanji mode is never chosen. segno also picks it for Latin-1 text whose bytes pair up into
  Shift_JIS kanji codes (such as "éé": a scanner then shows one kanji): here that is byte mode.
- Never ECI, structured append or Micro QR (segno.make adds ECI only when asked for).

Portable on purpose: no dataclasses, typing, functools, re or dict order; only lists, tuples,
bytearrays and ints, and no recursion.
"""

import html

#: The error levels, weakest first: the index into the tables below.
_LEVELS = "lmqh"
#: Each level's two bits in the format information (ISO/IEC 18004 Table 12).
_FORMAT_LEVEL_BITS = (1, 0, 3, 2)

_NUMERIC = 1
_ALPHANUMERIC = 2
_BYTE = 4
_ALPHANUMERIC_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

# ISO/IEC 18004 Table 9, per level (L, M, Q, H) and version 1..40: error correction codewords
# in each block, and the number of blocks. Everything else follows from these.
# fmt: off
_EC_PER_BLOCK = (
    (7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
     28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    (10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
     26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28),
    (13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
     28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
    (17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
     30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30),
)
_BLOCKS = (
    (1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
     8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25),
    (1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
     17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49),
    (1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
     23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68),
    (1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
     25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81),
)
# fmt: on


def _gf_tables() -> tuple[list[int], list[int]]:
    """Powers and logarithms in GF(256) (polynomial 0x11D), for the Reed-Solomon codewords."""
    exp = [0] * 512
    log = [0] * 256
    value = 1
    for power in range(255):
        exp[power] = value
        log[value] = power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for power in range(255, 512):
        exp[power] = exp[power - 255]
    return exp, log


_EXP, _LOG = _gf_tables()
#: Generator polynomials (as logarithms of their coefficients) and function patterns, made
#: once per size: only the lookup is used, never the order.
_GENERATORS: dict[int, list[int]] = {}
_TEMPLATES: dict[int, tuple[list[bytearray], list[tuple[int, int]]]] = {}


def _level(error: str) -> int:
    """The level's index (0 for L .. 3 for H), so a mistyped level fails loudly."""
    index = _LEVELS.find(error.lower()) if len(error) == 1 else -1
    if index < 0:
        raise ValueError(f"unknown error correction level {error!r}: use l, m, q or h")
    return index


def _size(version: int) -> int:
    """Modules on a side: 21 for version 1, four more per version."""
    return version * 4 + 17


def _codewords(version: int) -> int:
    """All codewords a version holds: its modules less the function patterns, in bytes."""
    modules = (16 * version + 128) * version + 64
    if version >= 2:
        count = version // 7 + 2
        modules -= (25 * count - 10) * count - 55
        if version >= 7:
            modules -= 36
    return modules // 8


def _capacity(version: int, level: int) -> int:
    """Data bits a version holds at a level (ISO/IEC 18004 Table 7)."""
    data = _codewords(version) - _BLOCKS[level][version - 1] * _EC_PER_BLOCK[level][version - 1]
    return data * 8


def _count_bits(mode: int, version: int) -> int:
    """Length of the character count field (ISO/IEC 18004 Table 3)."""
    band = 0 if version < 10 else 1 if version < 27 else 2
    if mode == _NUMERIC:
        return (10, 12, 14)[band]
    if mode == _ALPHANUMERIC:
        return (9, 11, 13)[band]
    return (8, 16, 16)[band]


def _append(bits: list[int], value: int, length: int) -> None:
    """Bits as a list of 0 and 1, most significant first: simple, and fast enough."""
    for shift in range(length - 1, -1, -1):
        bits.append((value >> shift) & 1)


def _segment(text: str) -> tuple[int, int, list[int]]:
    """The mode, character count and data bits, with the mode segno picks for the string."""
    codes = [ord(char) for char in text]
    data = bytes(codes) if not codes or max(codes) < 256 else text.encode()
    bits: list[int] = []
    if data and all(48 <= byte <= 57 for byte in data):
        for start in range(0, len(data), 3):
            value = 0
            for byte in data[start : start + 3]:
                value = value * 10 + byte - 48
            _append(bits, value, 3 * len(data[start : start + 3]) + 1)
        return _NUMERIC, len(data), bits
    indexes = [_ALPHANUMERIC_CHARS.find(chr(byte)) if byte < 128 else -1 for byte in data]
    if data and min(indexes) >= 0:
        for start in range(0, len(indexes) - 1, 2):
            _append(bits, indexes[start] * 45 + indexes[start + 1], 11)
        if len(indexes) % 2:
            _append(bits, indexes[-1], 6)
        return _ALPHANUMERIC, len(data), bits
    for byte in data:
        _append(bits, byte, 8)
    return _BYTE, len(data), bits


def _data_codewords(text: str, level: int) -> tuple[int, int, list[int]]:
    """The version, the (possibly raised) level and the data codewords, padded as segno pads."""
    mode, count, data = _segment(text)
    version = 1
    while 4 + _count_bits(mode, version) + len(data) > _capacity(version, level):
        version += 1
        if version > 40:
            raise ValueError(f"too much data for a QR code at level {_LEVELS[level]!r}")
    needed = 4 + _count_bits(mode, version) + len(data)
    while level < 3 and _capacity(version, level + 1) >= needed:
        level += 1
    capacity = _capacity(version, level)
    bits: list[int] = []
    _append(bits, mode, 4)
    _append(bits, count, _count_bits(mode, version))
    bits.extend(data)
    bits.extend([0] * min(capacity - len(bits), 4))
    # As segno: a stream that already ends on a byte boundary still gets a whole zero byte.
    bits.extend([0] * (8 - len(bits) % 8))
    codewords = []
    for start in range(0, len(bits), 8):
        value = 0
        for bit in bits[start : start + 8]:
            value = value << 1 | bit
        codewords.append(value)
    while len(codewords) < capacity // 8:
        codewords.append(0x11 if (len(codewords) - len(bits) // 8) % 2 else 0xEC)
    return version, level, codewords[: capacity // 8]


def _generator(degree: int) -> list[int]:
    """The Reed-Solomon generator of that degree: (x - a^0)..(x - a^(degree-1)), as logs."""
    if degree not in _GENERATORS:
        poly = [1]
        for power in range(degree):
            product = poly + [0]  # not [*poly, 0]: MicroPython has no star in a list display
            for index, coef in enumerate(poly):
                if coef:
                    product[index + 1] ^= _EXP[_LOG[coef] + power]
            poly = product
        _GENERATORS[degree] = [_LOG[coef] for coef in poly[1:]]
    return _GENERATORS[degree]


def _error_codewords(block: list[int], degree: int) -> list[int]:
    """The block's Reed-Solomon codewords: the remainder of its division by the generator."""
    generator = _generator(degree)
    rest = block + [0] * degree
    for index in range(len(block)):
        coef = rest[index]
        if coef:
            shift = _LOG[coef]
            for offset in range(degree):
                rest[index + 1 + offset] ^= _EXP[shift + generator[offset]]
    return rest[len(block) :]


def _final_message(version: int, level: int, data: list[int]) -> list[int]:
    """Data and error codewords split into blocks and interleaved (ISO/IEC 18004 7.6)."""
    count = _BLOCKS[level][version - 1]
    degree = _EC_PER_BLOCK[level][version - 1]
    total = _codewords(version)
    short = total // count - degree
    shorts = count - total % count
    blocks = []
    errors = []
    start = 0
    for number in range(count):
        length = short if number < shorts else short + 1
        block = data[start : start + length]
        start += length
        blocks.append(block)
        errors.append(_error_codewords(block, degree))
    message = []
    for index in range(short + 1):
        for block in blocks:
            if index < len(block):
                message.append(block[index])
    for index in range(degree):
        for block in errors:
            message.append(block[index])
    return message


def _alignment_positions(version: int) -> list[int]:
    """Centres of the alignment patterns, on each axis (ISO/IEC 18004 Annex E)."""
    if version == 1:
        return []
    count = version // 7 + 2
    step = 26 if version == 32 else (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    positions = [_size(version) - 7 - step * index for index in range(count - 1)]
    positions.append(6)
    positions.reverse()
    return positions


def _template(version: int) -> tuple[list[bytearray], list[tuple[int, int]]]:
    """The function patterns (format and version areas light) and the data modules in order.

    The order is the placement of ISO/IEC 18004 7.7.3: two-module columns from the right,
    alternately upwards and downwards, skipping the vertical timing pattern.
    """
    if version in _TEMPLATES:
        return _TEMPLATES[version]
    size = _size(version)
    modules = [bytearray(size) for _ in range(size)]
    fixed = [bytearray(size) for _ in range(size)]
    # Format information, the dark module's place included (written after masking).
    for index in range(9):
        fixed[index][8] = fixed[8][index] = 1
    for index in range(8):
        fixed[size - 1 - index][8] = fixed[8][size - 1 - index] = 1
    if version >= 7:
        for index in range(6):
            for offset in range(size - 11, size - 8):
                fixed[index][offset] = fixed[offset][index] = 1
    for index in range(8, size - 8):
        modules[6][index] = modules[index][6] = 1 - index % 2
        fixed[6][index] = fixed[index][6] = 1
    for row, col in ((3, 3), (3, size - 4), (size - 4, 3)):
        for i in range(max(row - 4, 0), min(row + 5, size)):
            for j in range(max(col - 4, 0), min(col + 5, size)):
                ring = max(abs(i - row), abs(j - col))
                modules[i][j] = 1 if ring in (0, 1, 3) else 0
                fixed[i][j] = 1
    positions = _alignment_positions(version)
    last = len(positions) - 1
    for a, row in enumerate(positions):
        for b, col in enumerate(positions):
            if (a, b) in ((0, 0), (0, last), (last, 0)):
                continue
            for i in range(row - 2, row + 3):
                for j in range(col - 2, col + 3):
                    modules[i][j] = 1 if max(abs(i - row), abs(j - col)) != 1 else 0
                    fixed[i][j] = 1
    cells = []
    upwards = True
    right = size - 1
    while right > 0:
        if right == 6:
            right = 5
        for step in range(size):
            i = size - 1 - step if upwards else step
            for j in (right, right - 1):
                if not fixed[i][j]:
                    cells.append((i, j))
        upwards = not upwards
        right -= 2
    _TEMPLATES[version] = (modules, cells)
    return modules, cells


def _masked(i: int, j: int, mask: int) -> bool:
    """Data mask patterns (ISO/IEC 18004 Table 10): i is the row, j the column."""
    if mask == 0:
        return (i + j) % 2 == 0
    if mask == 1:
        return i % 2 == 0
    if mask == 2:
        return j % 3 == 0
    if mask == 3:
        return (i + j) % 3 == 0
    if mask == 4:
        return (i // 2 + j // 3) % 2 == 0
    if mask == 5:
        return (i * j) % 2 + (i * j) % 3 == 0
    if mask == 6:
        return ((i * j) % 2 + (i * j) % 3) % 2 == 0
    return ((i + j) % 2 + (i * j) % 3) % 2 == 0


_FINDER_LIKE = b"\x01\x00\x01\x01\x01\x00\x01"


def _line_penalty(line: bytearray, size: int) -> int:
    """N1 (runs of five or more) and N3 (1:1:3:1:1 patterns), counted as segno counts them."""
    score = 0
    run = 1
    for index in range(1, size):
        if line[index] == line[index - 1]:
            run += 1
        else:
            if run >= 5:
                score += run - 2
            run = 1
    if run >= 5:
        score += run - 2
    found = line.find(_FINDER_LIKE)
    while found != -1:
        # Light on one side, up to four modules (the quiet zone counts as light), as segno.
        after = found + 7
        if not any(line[max(found - 4, 0) : found]) or not any(line[after : after + 4]):
            score += 40
        else:
            after = found + 4  # the next pattern may share this one's last three modules
        found = line.find(_FINDER_LIKE, after)
    return score


def _penalty(rows: list[bytearray]) -> int:
    """The mask penalty of ISO/IEC 18004 7.8.3.1 (with format and version areas light)."""
    size = len(rows)
    columns = [bytearray(size) for _ in range(size)]
    score = 0
    dark = 0
    previous = rows[0]
    for i in range(size):
        row = rows[i]
        dark += sum(row)
        for j in range(size):
            columns[j][i] = row[j]
        score += _line_penalty(row, size)
        if i:
            for j in range(1, size):
                bit = row[j]
                if bit == row[j - 1] and bit == previous[j] and bit == previous[j - 1]:
                    score += 3
        previous = row
    for column in columns:
        score += _line_penalty(column, size)
    # segno's arithmetic (a float), so the rare exact boundary rounds the same way.
    percent = float(dark) / (size * size)
    return score + 10 * int(abs(percent * 100 - 50) / 5)


def _bch(value: int, generator: int, degree: int) -> int:
    """The value followed by its BCH remainder (format and version information)."""
    rest = value << degree
    for shift in range(degree + 6, degree - 1, -1):
        if rest >> shift & 1:
            rest ^= generator << (shift - degree)
    return value << degree | rest


def _format_bits(level: int, mask: int) -> int:
    """The 15 format bits (ISO/IEC 18004 7.9.1), masked so they are never all light."""
    return _bch(_FORMAT_LEVEL_BITS[level] << 3 | mask, 0x537, 10) ^ 0x5412


def _version_bits(version: int) -> int:
    """The 18 version bits of versions 7 and up (ISO/IEC 18004 7.10)."""
    return _bch(version, 0x1F25, 12)


def matrix(text: str, error: str = "q") -> list[list[bool]]:
    """The symbol's modules, row by row (True is dark), without the quiet zone.

    The same as `segno.make(text, error=error, micro=False).matrix` (but for the text the
    module docstring lists), so a code looks the same whichever interpreter draws it. `error`
    is the lowest level wanted: raised while the version stays the same, as segno does.
    Raises ValueError for an unknown level or text too long for version 40.
    """
    version, level, data = _data_codewords(text, _level(error))
    message = _final_message(version, level, data)
    base, cells = _template(version)
    filled = [bytearray(row) for row in base]
    total = len(message) * 8
    for index in range(min(total, len(cells))):
        if message[index >> 3] >> (7 - (index & 7)) & 1:
            i, j = cells[index]
            filled[i][j] = 1
    best: list[bytearray] = filled
    best_mask = 0
    best_score = -1
    for mask in range(8):
        rows = [bytearray(row) for row in filled]
        for i, j in cells:
            if _masked(i, j, mask):
                rows[i][j] ^= 1
        score = _penalty(rows)
        if best_score < 0 or score < best_score:
            best, best_mask, best_score = rows, mask, score
    size = len(best)
    bits = _format_bits(level, best_mask)
    for index in range(8):
        low = bits >> index & 1
        high = bits >> (14 - index) & 1
        near = index if index < 6 else index + 1
        best[near][8] = low
        best[8][near] = high
        best[8][size - 1 - index] = low
        best[size - 1 - index][8] = high
    best[size - 8][8] = 1
    if version >= 7:
        bits = _version_bits(version)
        for index in range(18):
            bit = bits >> index & 1
            best[size - 11 + index % 3][index // 3] = bit
            best[index // 3][size - 11 + index % 3] = bit
    return [[bool(module) for module in row] for row in best]


def svg(text: str, *, error: str = "q", label: str, css_class: str, border: int = 4) -> str:
    """The symbol as inline SVG: black on white, sized by its container, named for screen readers.

    The dark modules are one path of horizontal strokes, a row's runs joined by relative moves,
    so a code adds about a kilobyte to the page. `border` is the quiet zone, in modules (four,
    as ISO/IEC 18004 asks, unless the page around it is white).
    """
    if border < 0:
        raise ValueError("the border cannot be negative")
    modules = matrix(text, error)
    width = len(modules) + 2 * border
    moves = []
    x = 0
    y = 0
    started = False
    for row_index, row in enumerate(modules):
        col = 0
        size = len(row)
        while col < size:
            if not row[col]:
                col += 1
                continue
            end = col
            while end < size and row[end]:
                end += 1
            if started:
                moves.append(f"m{col + border - x} {row_index + border - y}h{end - col}")
            else:
                moves.append(f"M{col + border} {row_index + border}.5h{end - col}")
                started = True
            x = end + border
            y = row_index + border
            col = end
    name = html.escape(label)
    path = f'<path stroke="#000" d="{"".join(moves)}"/>' if moves else ""
    return (
        f'<svg viewBox="0 0 {width} {width}" class="{html.escape(css_class)}" role="img"'
        f' aria-label="{name}"><title>{name}</title>'
        f'<path fill="#fff" d="M0 0h{width}v{width}h-{width}z"/>{path}</svg>'
    )
