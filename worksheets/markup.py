"""Markdown to HTML for the worksheet pages, in the Python that CPython and MicroPython both run.

`to_html(md)` returns what markdown-it-py returns for

    MarkdownIt("commonmark", {"html": False}).enable("table").disable("image").render(md)

byte for byte, for every document the site writes (tests/unit/test_markup.py holds the two
together). markdown-it-py cannot run in MicroPython, so this is a port of the parts of it
those documents use, kept to MicroPython's subset: no `re`, no `unicodedata`, no classes,
no deep recursion, and inline text scanned as a list of characters (indexing a str is
O(n) in MicroPython once it holds a non-ASCII character).

Ported rule by rule from markdown-it-py 4, so exact:
  blocks: paragraphs, ATX and setext headings, thematic breaks, GFM tables (alignment,
  escaped pipes, a table interrupting a paragraph), bullet and ordered lists (tight, loose,
  nested), indented code;
  inline: text, backslash escapes, hard and soft line breaks, code spans, emphasis and
  strong emphasis (the whole delimiter algorithm, with Unicode punctuation and whitespace),
  inline links and autolinks, numeric entities and the common named ones
  (`_ENTITIES_LATIN1`, `_ENTITIES_OTHER`);
  output: & < > " escaped in all text and attributes, `<br />`, `<hr />`, newlines where
  markdown-it puts them, tables with style="text-align:..." when aligned.

Not ported, because the site never writes them: fenced code, block quotes, link reference
definitions, and the other named entities. Such input is still rendered safely, only not
as markdown-it would: a "> quote" line stays paragraph text, a ``` fence is paragraph text
(its backticks may make a code span), "[x]: /url" stays text, and an unknown "&name;"
shows as typed. Link URLs are percent-encoded as markdown-it does but not re-parsed as a
URL: a non-ASCII host name stays percent-encoded where markdown-it writes punycode (and
reads "。" as "."), and an autolink's text keeps an "xn--" host as it is.

Safe whatever the input: raw HTML never passes through (every `<` in the output starts a
tag written here), no image is ever made ("![x](y)" renders as "!" and a link), and a link
is made only to an http:, https: or mailto: URL, or an empty one (markdown-it also allows
relative URLs and other schemes but javascript:, vbscript:, file: and data:; here those
stay text).
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    Token = list[Any]
    State = dict[str, Any]

#: Nesting limit of markdown-it's commonmark preset (maxNesting).
_MAX_NESTING = 20
_ASCII_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
#: Characters that end a run of plain text, so that an inline rule may start there.
_TERMINATORS = "\n!#$%&*+-:<=>@[\\]^_`{}~"
_DIGITS = "0123456789"
_HEX_DIGITS = "0123456789abcdefABCDEF"
_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ALNUM = _DIGITS + _LETTERS
#: What markdown-it trims around blocks and cells (mdTrim): CommonMark whitespace.
_ASCII_TRIM = " \t\n\x0b\x0c\r"
_UNICODE_SPACE = (0xA0, 0x1680, 0x202F, 0x205F, 0x3000)
_UNICODE_TRIM = _UNICODE_SPACE + (0x2028, 0x2029)
#: What CPython's str.strip() also removes (mdurl strips URLs with it).
_PY_SPACE = (0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)
_HEX = "0123456789ABCDEF"
#: Left as they are when a URL is percent-encoded (mdurl's ENCODE_DEFAULT_CHARS).
_URL_SAFE = _ALNUM + ";/?:@&=+$,-_.!~*'()#"
#: Left encoded when an autolink's text is decoded (mdurl's DECODE_DEFAULT_CHARS and "%").
_URL_KEEP_ENCODED = ";/?:@&=+$,#%"
_EMAIL_LOCAL = _ALNUM + ".!#$%&'*+/=?^_`{|}~-"

#: Named entities: the Latin-1 ones name U+00A0 to U+00FF in order; then name:hex pairs.
_ENTITIES_LATIN1 = (
    "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg "
    "plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 "
    "iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml "
    "Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave "
    "Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil "
    "egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde "
    "ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml"
)
_ENTITIES_OTHER = (
    "quot:22 amp:26 apos:27 lt:3c gt:3e OElig:152 oelig:153 Scaron:160 scaron:161 "
    "Yuml:178 fnof:192 circ:2c6 tilde:2dc ensp:2002 emsp:2003 thinsp:2009 zwnj:200c "
    "zwj:200d lrm:200e rlm:200f ndash:2013 mdash:2014 lsquo:2018 rsquo:2019 sbquo:201a "
    "ldquo:201c rdquo:201d bdquo:201e dagger:2020 Dagger:2021 bull:2022 hellip:2026 "
    "permil:2030 prime:2032 Prime:2033 lsaquo:2039 rsaquo:203a oline:203e frasl:2044 "
    "euro:20ac trade:2122 larr:2190 uarr:2191 rarr:2192 darr:2193 harr:2194 minus:2212 "
    "infin:221e ne:2260 le:2264 ge:2265 hearts:2665 check:2713 cross:2717"
)
#: Unicode punctuation and symbols (categories P and S) above U+007F, as ranges: "gap" or
#: "gap.length" in base 36, the gap counted from the previous range's end. Made from CPython
#: 3.11's unicodedata, which markdown-it-py consults; tests/unit/test_markup.py checks it.
_PUNCT_RANGES = (
    "4h.8 2.1 2.3 3 2.2 3 4 o w cr.3 d.d 6.6 2 2.g 3a 9 6.1 2 33 3w 60.5 16.1 3.2 1b 2 3 3 "
    "19.1 i.9 c 2.2 23.3 2v a b k.1 2.d 6h.3 5.1 1d.e w 16 64.1 b 3m.1 7.1 2 3d 3e.1 3j "
    "3n.7 3h 8 5 5n 16 3f 23 g b.1 4m.m 3.5 l 2 2 2.3 20 1l.7 2.5 2.c 34.5 27.1 2k h1.8 "
    "14.9 2v h9.1 19.1 27.2 20.1 4e.2 2.3 11.a 8m 4.1 49.x v.1 3l.6 2.5 4t.g a.a 3i.3 1o.4 "
    "1r.1 1t.7 c kq 2.2 c.2 e.2 e.2 e.1 i.n 9.1a s.4 c.4 i.w 1s.1 2.3 2.1 b 2.2 6.5 2 2 2 "
    "5 c.1 5.4 6.3 2 1n.1 5.ie q.a 2a.25 n.hh v.rj 3.v 2.2w 6e.5 f.3 2.1 35 40.1a 2.19 z.p "
    "2.2g d.5x r.b 6.3 4.o g 6.1 6.2 2k.1 4 2j 45.1 5.9 x.z t.u c.t 9 g.v b.12 g.8v 535.1r "
    "h3l.1i 1k.1 7i.2 2s b 38.5 9.m a.1 2w.1 4e.3 b.3 1n.3 2f.1 15.2 2 1e.1 1c 2q.c h.1 "
    "3h.3 o.2 2t.1 h.1 2y f.1 3k fni 3t.g ak.h 3k 19.3 h.9 n.y 2.i 2.3 46.e b.6 r.5 r.a "
    "3f.6 2.6 e.1 77.2 1h.8 1m.g 3.2 2.c 4 1c.18 bn 1d bj ko w.1 4n w 7l.8 13 21 14.6 1v.6 "
    "2i.3 lt 4o.4 19.3 5a.6 32.1 2.3 3j.3 1d.1 28.3 5 e 2.2 2h.5 30 bm.4 b.1 2 2x 6z.m "
    "2y.2 t.c 25 3n.3 70 7d.2 4c 2l.7 2c.2 2.4 bj.4 17.1 hy.1 65.s e vl.4 29p.1 bjw.1 3q "
    "1u.8 5.1 nm.3 94 f5m 3 3ox.37 1p.6t b.12 3.1n 6.2 n.1 8.t 5.1o m.1t 4 57.2e ob q w q "
    "w q w q w q 1p.e7 1k.3 1f.7 2.d 2.6 1c4 c0 19b.1 nh 4 3i ci.1 7j.17 5.2r d.e 3.e 2.e "
    "2.10 o.4g 1l.s e.17 5.8 8.1 f.5 4b.rb 6.f 4.c 4.37 d.2g 8.b 5 g.b 5.1j 9.9 7.13 9.t "
    "3.1 27.9f d.d 3.4 4.4 4.6 a.s 4.a 6.5 b.9 7.7 9.6 a.42 2.1i"
)
#: Built on first use: entity name -> text; range starts and ends of _PUNCT_RANGES.
_TABLES: "dict[str, Any]" = {}


def to_html(markdown: str) -> str:
    """The HTML markdown-it renders for `markdown` (see the module docstring)."""
    src = markdown.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    if not src:
        return ""
    state = _block_state(src)
    _tokenize(state, 0, state["max"])
    return _render(state["tok"])


# -- Characters --------------------------------------------------------------------------------


def _escape(text: str) -> str:
    """& < > " as entities (markdown-it's escapeHtml: the single quote stays)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def _trim(text: str) -> str:
    """markdown-it's mdTrim. Not str.strip(chars) with non-ASCII chars: MicroPython's strips
    bytes, so it would cut UTF-8 sequences apart."""
    return _strip_ends(text, lambda part: part.strip(_ASCII_TRIM), _is_trim_char)


def _is_trim_char(char: str) -> bool:
    code = ord(char)
    return code in _UNICODE_TRIM or 0x2000 <= code <= 0x200A


def _py_strip(text: str) -> str:
    """CPython's str.strip(), also in MicroPython (whose strip knows ASCII only)."""
    return _strip_ends(text, str.strip, _is_py_space)


def _strip_ends(
    text: str, strip_ascii: "Callable[[str], str]", is_other: "Callable[[str], bool]"
) -> str:
    """`text` without the ASCII characters `strip_ascii` removes and the other characters
    `is_other` names, at either end, one character at a time past the ASCII ones."""
    while True:
        text = strip_ascii(text)
        if text and is_other(text[0]):
            text = text[1:]
        elif text and is_other(text[-1]):
            text = text[:-1]
        else:
            return text


def _is_py_space(char: str) -> bool:
    code = ord(char)
    return code in _PY_SPACE or 0x2000 <= code <= 0x200A


def _is_whitespace(char: str) -> bool:
    """CommonMark's Unicode whitespace (markdown-it's isWhiteSpace)."""
    code = ord(char)
    if code < 0x80:
        return char in _ASCII_TRIM
    return code in _UNICODE_SPACE or 0x2000 <= code <= 0x200A


def _is_punct(char: str) -> bool:
    """Unicode punctuation or symbol (markdown-it's isPunctChar, unicodedata's P* and S*)."""
    code = ord(char)
    if code < 0x80:
        return char in _ASCII_PUNCT
    if "punct" not in _TABLES:
        starts, ends, previous = [], [], 0
        for part in _PUNCT_RANGES.split():
            gap, _dot, length = part.partition(".")
            start = previous + int(gap, 36)
            previous = start + (int(length, 36) if length else 0)
            starts.append(start)
            ends.append(previous)
        _TABLES["punct"] = (starts, ends)
    starts, ends = _TABLES["punct"]
    low, high = 0, len(starts)
    while low < high:  # the last range starting at or before `code`
        middle = (low + high) // 2
        if starts[middle] <= code:
            low = middle + 1
        else:
            high = middle
    return low > 0 and code <= ends[low - 1]


def _entity(name: str) -> "str | None":
    if "entities" not in _TABLES:
        table = {}
        for offset, entity in enumerate(_ENTITIES_LATIN1.split()):
            table[entity] = chr(0xA0 + offset)
        for pair in _ENTITIES_OTHER.split():
            entity, _colon, code = pair.partition(":")
            table[entity] = chr(int(code, 16))
        _TABLES["entities"] = table
    found: "str | None" = _TABLES["entities"].get(name)
    return found


def _valid_entity_code(code: int) -> bool:
    """markdown-it's isValidEntityCode."""
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF:
        return False
    if (code & 0xFFFF) == 0xFFFF or (code & 0xFFFF) == 0xFFFE:
        return False
    if code <= 0x08 or code == 0x0B or 0x0E <= code <= 0x1F or 0x7F <= code <= 0x9F:
        return False
    return code <= 0x10FFFF


def _entity_text(match: str, name: str) -> str:
    """markdown-it's replaceEntityPattern: "&name;" (`match`) as the text it stands for."""
    found = _entity(name)
    if found is not None:
        return found
    code = -1
    if name[:2] in ("#x", "#X") and 3 <= len(name) <= 10 and _all_in(name[2:], _HEX_DIGITS):
        code = int(name[2:], 16)
    elif name[:1] == "#" and 2 <= len(name) <= 9 and _all_in(name[1:], _DIGITS):
        code = int(name[1:])
    if code >= 0 and _valid_entity_code(code):
        return chr(code)
    return match


def _all_in(text: str, allowed: str) -> bool:
    return all(char in allowed for char in text)


def _unescape_all(text: str) -> str:
    """Backslash escapes and entities resolved (markdown-it's unescapeAll)."""
    if "\\" not in text and "&" not in text:
        return text
    chars = list(text)
    size = len(chars)
    out = []
    i = 0
    while i < size:
        char = chars[i]
        if char == "\\" and i + 1 < size and chars[i + 1] in _ASCII_PUNCT:
            out.append(chars[i + 1])
            i += 2
            continue
        if char == "&" and i + 1 < size and (chars[i + 1] == "#" or chars[i + 1] in _LETTERS):
            end = i + 2
            while end < size and end - i <= 32 and chars[end] in _ALNUM:
                end += 1
            if end - i >= 3 and end - i <= 33 and end < size and chars[end] == ";":
                name = "".join(chars[i + 1 : end])
                out.append(_entity_text("&" + name + ";", name))
                i = end + 1
                continue
        out.append(char)
        i += 1
    return "".join(out)


# -- URLs --------------------------------------------------------------------------------------


def _normalize_link(url: str) -> str:
    """markdown-it's normalizeLink, for the URLs a link may have here (see the docstring)."""
    return _encode_url(_py_strip(url))


def _encode_url(url: str) -> str:
    """mdurl.encode: percent-encode all but the URL-safe characters and existing %XX."""
    chars = list(url)
    size = len(chars)
    out = []
    i = 0
    while i < size:
        char = chars[i]
        if char in _URL_SAFE:
            out.append(char)
        elif (
            char == "%"
            and i + 2 < size
            and chars[i + 1] in _HEX_DIGITS
            and chars[i + 2] in _HEX_DIGITS
        ):
            out.append(char + chars[i + 1] + chars[i + 2])
            i += 2
        elif 0xD800 <= ord(char) <= 0xDFFF:  # a lone surrogate (CPython only)
            out.append("%EF%BF%BD")
        else:
            for byte in char.encode("utf-8"):
                out.append("%" + _HEX[byte >> 4] + _HEX[byte & 15])
        i += 1
    return "".join(out)


def _decode_url(url: str) -> str:
    """mdurl.decode(url, ";/?:@&=+$,#%"): %XX runs back to text, as an autolink shows it."""
    if "%" not in url:
        return url
    chars = list(url)
    size = len(chars)
    out = []
    i = 0
    while i < size:
        run = []  # the bytes of a run of %XX
        while (
            i + 2 < size
            and chars[i] == "%"
            and chars[i + 1] in _HEX_DIGITS
            and chars[i + 2] in _HEX_DIGITS
        ):
            run.append(int(chars[i + 1] + chars[i + 2], 16))
            i += 3
        if run:
            out.append(_decode_run(run))
        else:
            out.append(chars[i])
            i += 1
    return "".join(out)


def _decode_run(run: "list[int]") -> str:
    """One run of percent-encoded bytes, decoded as mdurl's repl_func does."""
    out = []
    i = 0
    size = len(run)
    while i < size:
        b1 = run[i]
        if b1 < 0x80:
            char = chr(b1)
            out.append("%" + _HEX[b1 >> 4] + _HEX[b1 & 15] if char in _URL_KEEP_ENCODED else char)
            i += 1
            continue
        for lead_mask, lead, count, low in (
            (0xE0, 0xC0, 2, 0x80),
            (0xF0, 0xE0, 3, 0x800),
            (0xF8, 0xF0, 4, 0x10000),
        ):
            if (b1 & lead_mask) == lead and i + count - 1 < size:
                tail = run[i + 1 : i + count]
                if all((b & 0xC0) == 0x80 for b in tail):
                    code = b1 & (0xFF >> (count + 1))
                    for b in tail:
                        code = (code << 6) | (b & 0x3F)
                    valid = code >= low and code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
                    out.append(chr(code) if valid else "\ufffd" * count)
                    i += count
                    break
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)


def _link_allowed(url: str) -> bool:
    """Only web and mail links (markdown-it's validateLink bans only javascript: and the like)."""
    start = url[:7].lower()
    return url == "" or start[:5] == "http:" or start[:6] == "https:" or start == "mailto:"


def _is_autolink_url(url: str) -> bool:
    """^[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\\x00-\\x20]*$ (Python's $ allows a final newline)."""
    if url[-1:] == "\n":
        url = url[:-1]
    scheme, colon, rest = url.partition(":")
    if not colon or not 2 <= len(scheme) <= 32 or scheme[0] not in _LETTERS:
        return False
    if not _all_in(scheme, _ALNUM + "+.-"):
        return False
    return all(char not in "<>" and ord(char) > 0x20 for char in rest)


def _is_email(url: str) -> bool:
    """markdown-it's EMAIL_RE: a local part, "@", then dot-separated host labels."""
    if url[-1:] == "\n":
        url = url[:-1]
    local, at, domain = url.partition("@")
    if not at or not local or not _all_in(local, _EMAIL_LOCAL):
        return False
    for label in domain.split("."):
        if not 1 <= len(label) <= 63 or not _all_in(label, _ALNUM + "-"):
            return False
        if label[0] == "-" or label[-1] == "-":
            return False
    return True


# -- Blocks ------------------------------------------------------------------------------------
# A block token: [type, tag, nesting, attributes as HTML, hidden, content, level].


def _block_state(src: str) -> "State":
    """markdown-it's StateBlock, by line: each line's text and its marks within it."""
    lines = src.split("\n")
    ends_with_newline = True
    if lines[-1] == "":
        lines.pop()
    elif lines[-1].strip(" \t") == "":
        lines.pop()  # a last line of only spaces, without a newline, is not a line
    else:
        ends_with_newline = False
    shifts, counts = [], []
    for line in lines:
        shift = offset = 0
        for char in line:
            if char == " ":
                offset += 1
            elif char == "\t":
                offset += 4 - offset % 4
            else:
                break
            shift += 1
        shifts.append(shift)
        counts.append(offset)
    size = len(lines)
    return {
        "src": lines + [""],
        "end": [len(line) for line in lines] + [0],
        "shift": shifts + [0],
        "count": counts + [0],
        "newline": ends_with_newline,
        "max": size,
        "indent": 0,
        "line": 0,
        "tight": False,
        "list_indent": -1,
        "parent": "root",
        "level": 0,
        "tok": [],
    }


def _push(state: "State", kind: str, tag: str, nesting: int) -> "Token":
    if nesting < 0:
        state["level"] -= 1
    token = [kind, tag, nesting, "", False, "", state["level"]]
    if nesting > 0:
        state["level"] += 1
    state["tok"].append(token)
    return token


def _is_empty(state: "State", line: int) -> bool:
    return bool(state["shift"][line] >= state["end"][line])


def _is_code(state: "State", line: int) -> bool:
    return bool(state["count"][line] - state["indent"] >= 4)


def _first(state: "State", line: int) -> int:
    """Where a line's content starts (tShift: its lines all begin at 0, bMarks, as markdown-it's
    do without block quotes)."""
    return int(state["shift"][line])


def _get_lines(state: "State", begin: int, end: int, indent: int, keep_last_lf: bool) -> str:
    """markdown-it's getLines: lines [begin, end) less `indent` columns of indentation."""
    src, shifts = state["src"], state["shift"]
    last_line = state["max"] - 1
    parts = []
    for line in range(begin, end):
        text = src[line]
        line_indent = 0
        first = 0
        size = state["end"][line]
        while first < size and line_indent < indent:
            char = text[first]
            if char == "\t":
                line_indent += 4 - line_indent % 4
            elif char == " " or first < shifts[line]:
                line_indent += 1
            else:
                break
            first += 1
        part = text[first:] if first else text
        if (line + 1 < end or keep_last_lf) and (line < last_line or state["newline"]):
            part += "\n"
        if line_indent > indent:  # a tab expanded only partly
            part = " " * (line_indent - indent) + part
        parts.append(part)
    return "".join(parts)


def _tokenize(state: "State", start: int, end: int) -> None:
    """markdown-it's ParserBlock.tokenize over lines [start, end)."""
    line = start
    has_empty_lines = False
    while line < end:
        while line < state["max"] and _is_empty(state, line):
            line += 1
        state["line"] = line
        if line >= end or state["count"][line] < state["indent"]:
            break
        if state["level"] >= _MAX_NESTING:
            state["line"] = end
            break
        for rule in _BLOCK_RULES:
            if rule(state, line, end, False):
                break
        state["tight"] = not has_empty_lines
        line = state["line"]
        if line - 1 < end and _is_empty(state, line - 1):
            has_empty_lines = True
        if line < end and _is_empty(state, line):
            has_empty_lines = True
            line += 1
            state["line"] = line


def _terminates(state: "State", rules: "tuple[Any, ...]", line: int, end: int) -> bool:
    return any(rule(state, line, end, True) for rule in rules)


def _code(state: "State", start: int, end: int, silent: bool) -> bool:
    if not _is_code(state, start):
        return False
    last = line = start + 1
    while line < end:
        if _is_empty(state, line):
            line += 1
        elif _is_code(state, line):
            line += 1
            last = line
        else:
            break
    state["line"] = last
    token = _push(state, "code_block", "code", 0)
    token[5] = _get_lines(state, start, last, 4 + state["indent"], False) + "\n"
    return True


def _hr(state: "State", start: int, end: int, silent: bool) -> bool:
    if _is_code(state, start):
        return False
    text, pos, size = state["src"][start], _first(state, start), state["end"][start]
    if pos >= size or text[pos] not in "*-_":
        return False
    marker = text[pos]
    count = 1
    for char in text[pos + 1 : size]:
        if char == marker:
            count += 1
        elif char != " " and char != "\t":
            return False
    if count < 3:
        return False
    if not silent:
        state["line"] = start + 1
        _push(state, "hr", "hr", 0)
    return True


def _heading(state: "State", start: int, end: int, silent: bool) -> bool:
    if _is_code(state, start):
        return False
    text, pos, size = state["src"][start], _first(state, start), state["end"][start]
    if pos >= size or text[pos] != "#":
        return False
    level = 1
    pos += 1
    while pos < size and text[pos] == "#" and level <= 6:
        level += 1
        pos += 1
    if level > 6 or (pos < size and text[pos] not in " \t"):
        return False
    if silent:
        return True
    body = text[pos:size].rstrip(" \t")  # then a closing run of "#" after a space goes
    before = body.rstrip("#")
    if before != body and before and before[-1] in " \t":
        body = before
    state["line"] = start + 1
    tag = "h" + str(level)
    _push(state, "heading_open", tag, 1)
    _push(state, "inline", "", 0)[5] = _trim(body)
    _push(state, "heading_close", tag, -1)
    return True


def _lheading(state: "State", start: int, end: int, silent: bool) -> bool:
    if _is_code(state, start):
        return False
    level = 0
    line = start + 1
    old_parent = state["parent"]
    state["parent"] = "paragraph"
    while line < end and not _is_empty(state, line):
        if state["count"][line] - state["indent"] > 3:
            line += 1
            continue
        if state["count"][line] >= state["indent"]:
            text, pos, size = state["src"][line], _first(state, line), state["end"][line]
            if pos < size and text[pos] in "-=":
                rest = text[pos:size].lstrip(text[pos]).lstrip(" \t")
                if not rest:
                    level = 1 if text[pos] == "=" else 2
                    break
        if _terminates(state, _PARAGRAPH_ENDS, line, end):
            break
        line += 1
    if not level:  # (markdown-it leaves parentType as "paragraph" here too)
        return False
    content = _trim(_get_lines(state, start, line, state["indent"], False))
    state["line"] = line + 1
    tag = "h" + str(level)
    _push(state, "heading_open", tag, 1)
    _push(state, "inline", "", 0)[5] = content
    _push(state, "heading_close", tag, -1)
    state["parent"] = old_parent
    return True


def _paragraph(state: "State", start: int, end: int, silent: bool) -> bool:
    line = start + 1
    end = state["max"]
    old_parent = state["parent"]
    state["parent"] = "paragraph"
    while line < end and not _is_empty(state, line):
        if state["count"][line] - state["indent"] > 3:
            line += 1  # would be code, but a paragraph continues lazily
            continue
        if _terminates(state, _PARAGRAPH_ENDS, line, end):
            break
        line += 1
    content = _trim(_get_lines(state, start, line, state["indent"], False))
    state["line"] = line
    _push(state, "paragraph_open", "p", 1)
    _push(state, "inline", "", 0)[5] = content
    _push(state, "paragraph_close", "p", -1)
    state["parent"] = old_parent
    return True


def _split_cells(row: str) -> "list[str]":
    """markdown-it's escapedSplit: cells at "|", except at "\\|" (which becomes "|")."""
    cells = []
    current: "list[str]" = []
    escaped = False
    for char in row:
        if char != "|":
            current.append(char)
        elif escaped:
            current[-1] = "|"
        else:
            cells.append("".join(current))
            current = []
        escaped = char == "\\"
    cells.append("".join(current))
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _table(state: "State", start: int, end: int, silent: bool) -> bool:
    if start + 2 > end:
        return False
    below = start + 1
    if state["count"][below] < state["indent"] or _is_code(state, below):
        return False
    text, pos, size = state["src"][below], _first(state, below), state["end"][below]
    if pos + 1 >= size or text[pos] not in "|-:":
        return False
    second = text[pos + 1]
    if second not in "|-: \t" or (text[pos] == "-" and second in " \t"):
        return False
    rule = text[pos:size]
    if not _all_in(rule, "|-: \t"):
        return False
    aligns = []
    columns = rule.split("|")
    for i, column in enumerate(columns):
        column = _trim(column)
        if not column:
            if i == 0 or i == len(columns) - 1:
                continue
            return False
        dashes = column[1:] if column[0] == ":" else column
        dashes = dashes[:-1] if dashes[-1:] == ":" else dashes
        if not dashes or not _all_in(dashes, "-"):
            return False
        if column[-1] == ":":
            aligns.append("center" if column[0] == ":" else "right")
        else:
            aligns.append("left" if column[0] == ":" else "")
    header = _trim(state["src"][start][_first(state, start) : state["end"][start]])
    if "|" not in header or _is_code(state, start):
        return False
    cells = _split_cells(header)
    count = len(cells)
    if count == 0 or count != len(aligns):
        return False
    if silent:
        return True
    styles = [' style="text-align:' + align + '"' if align else "" for align in aligns]
    old_parent = state["parent"]
    state["parent"] = "table"
    _push(state, "table_open", "table", 1)
    _push(state, "thead_open", "thead", 1)
    _push(state, "tr_open", "tr", 1)
    for i in range(count):
        _push(state, "th_open", "th", 1)[3] = styles[i]
        _push(state, "inline", "", 0)[5] = _trim(cells[i])
        _push(state, "th_close", "th", -1)
    _push(state, "tr_close", "tr", -1)
    _push(state, "thead_close", "thead", -1)
    autocompleted = 0
    line = start + 2
    while line < end:
        if state["count"][line] < state["indent"]:
            break
        if _terminates(state, _TABLE_ENDS, line, end):
            break
        row = _trim(state["src"][line][_first(state, line) : state["end"][line]])
        if not row or _is_code(state, line):
            break
        cells = _split_cells(row)
        autocompleted += count - len(cells)
        if autocompleted > 0x10000:
            break
        if line == start + 2:
            _push(state, "tbody_open", "tbody", 1)
        _push(state, "tr_open", "tr", 1)
        for i in range(count):
            _push(state, "td_open", "td", 1)[3] = styles[i]
            _push(state, "inline", "", 0)[5] = _trim(cells[i]) if i < len(cells) else ""
            _push(state, "td_close", "td", -1)
        _push(state, "tr_close", "tr", -1)
        line += 1
    if line > start + 2:
        _push(state, "tbody_close", "tbody", -1)
    _push(state, "table_close", "table", -1)
    state["line"] = line
    state["parent"] = old_parent
    return True


def _bullet_marker(state: "State", line: int) -> int:
    """Where the content may start after "-", "+" or "*" and a space; -1 if no marker."""
    text, pos, size = state["src"][line], _first(state, line), state["end"][line]
    if pos >= size or text[pos] not in "*-+":
        return -1
    if pos + 1 < size and text[pos + 1] not in " \t":
        return -1
    return pos + 1


def _ordered_marker(state: "State", line: int) -> int:
    """Where the content may start after "1." or "1)" and a space; -1 if no marker."""
    text, start, size = state["src"][line], _first(state, line), state["end"][line]
    if start + 1 >= size or text[start] not in _DIGITS:
        return -1
    pos = start + 1
    while True:
        if pos >= size:
            return -1
        char = text[pos]
        pos += 1
        if char in _DIGITS:
            if pos - start >= 10:
                return -1
            continue
        if char == ")" or char == ".":
            break
        return -1
    if pos < size and text[pos] not in " \t":
        return -1
    return pos


def _list(state: "State", start: int, end: int, silent: bool) -> bool:
    counts, shifts = state["count"], state["shift"]
    if _is_code(state, start):
        return False
    if (
        state["list_indent"] >= 0
        and counts[start] - state["list_indent"] >= 4
        and counts[start] < state["indent"]
    ):
        return False
    interrupts = silent and state["parent"] == "paragraph" and counts[start] >= state["indent"]
    value = 1
    after = _ordered_marker(state, start)
    ordered = after >= 0
    if ordered:
        value = int(state["src"][start][_first(state, start) : after - 1])
        if interrupts and value != 1:
            return False
    else:
        after = _bullet_marker(state, start)
        if after < 0:
            return False
    if interrupts and not state["src"][start][after : state["end"][start]].strip(" \t"):
        return False
    marker = state["src"][start][after - 1]
    if silent:
        return True
    first_token = len(state["tok"])
    if ordered:
        opened = _push(state, "ordered_list_open", "ol", 1)
        if value != 1:
            opened[3] = ' start="' + str(value) + '"'
    else:
        _push(state, "bullet_list_open", "ul", 1)
    line = start
    previous_empty_end = False
    tight = True
    old_parent = state["parent"]
    state["parent"] = "list"
    while line < end:
        text, pos, size = state["src"][line], after, state["end"][line]
        initial = offset = counts[line] + after - _first(state, start)
        while pos < size:
            char = text[pos]
            if char == "\t":
                offset += 4 - offset % 4
            elif char == " ":
                offset += 1
            else:
                break
            pos += 1
        content_start = pos
        indent_after = 1 if content_start >= size else offset - initial
        if indent_after > 4:
            indent_after = 1
        indent = initial + indent_after
        _push(state, "list_item_open", "li", 1)
        old_tight, old_shift, old_count = state["tight"], shifts[start], counts[start]
        old_list_indent = state["list_indent"]
        state["list_indent"] = state["indent"]
        state["indent"] = indent
        state["tight"] = True
        shifts[start] = content_start
        counts[start] = offset
        if content_start >= size and _is_empty(state, start + 1):
            state["line"] = min(state["line"] + 2, end)
        else:
            _tokenize(state, start, end)
        if not state["tight"] or previous_empty_end:
            tight = False
        previous_empty_end = state["line"] - start > 1 and _is_empty(state, state["line"] - 1)
        state["indent"] = state["list_indent"]
        state["list_indent"] = old_list_indent
        shifts[start], counts[start], state["tight"] = old_shift, old_count, old_tight
        _push(state, "list_item_close", "li", -1)
        line = start = state["line"]
        if line >= end or counts[line] < state["indent"] or _is_code(state, line):
            break
        if _terminates(state, _LIST_ENDS, line, end):
            break
        after = _ordered_marker(state, line) if ordered else _bullet_marker(state, line)
        if after < 0 or marker != state["src"][line][after - 1]:
            break
    _push(
        state,
        "ordered_list_close" if ordered else "bullet_list_close",
        "ol" if ordered else "ul",
        -1,
    )
    state["line"] = line
    state["parent"] = old_parent
    if tight:  # markTightParagraphs
        tokens = state["tok"]
        level = state["level"] + 2
        i = first_token + 2
        while i < len(tokens) - 2:
            if tokens[i][6] == level and tokens[i][0] == "paragraph_open":
                tokens[i][4] = tokens[i + 2][4] = True
                i += 2
            i += 1
    return True


_BLOCK_RULES = (_table, _code, _hr, _list, _heading, _lheading, _paragraph)
#: What may end a paragraph, a table and a list item without a blank line (no fence or quote).
_PARAGRAPH_ENDS = (_table, _hr, _list, _heading)
_TABLE_ENDS = (_hr, _list, _heading)
_LIST_ENDS = (_hr,)


def _render(tokens: "list[Token]") -> str:
    """markdown-it's RendererHTML for block tokens; their inline content is parsed here."""
    out = []
    size = len(tokens)
    for i in range(size):
        token = tokens[i]
        kind, tag, nesting = token[0], token[1], token[2]
        if kind == "inline":
            out.append(_render_inline(_parse_inline(token[5])))
        elif kind == "code_block":
            out.append("<pre><code>" + _escape(token[5]) + "</code></pre>\n")
        elif not token[4]:
            html = "\n" if nesting != -1 and i and tokens[i - 1][4] else ""
            html += ("</" if nesting == -1 else "<") + tag + token[3]
            if nesting == 0:
                html += " /"
            newline = True
            if nesting == 1 and i + 1 < size:
                following = tokens[i + 1]
                if following[0] == "inline" or following[4]:
                    newline = False
                elif following[2] == -1:
                    newline = following[1] != tag
            out.append(html + (">\n" if newline else ">"))
    return "".join(out)


# -- Inline ------------------------------------------------------------------------------------
# An inline token: [type, content (a link's href), a link's title].
# A delimiter (a run of * or _): [marker, run length, token index, closer index, open, close].


def _parse_inline(content: str) -> "list[Token]":
    if not content:
        return []
    chars = list(content)
    state: "State" = {
        "src": chars,
        "pos": 0,
        "max": len(chars),
        "level": 0,
        "pending": [],
        "tok": [],
        "delims": [],
        "outer": [],
        "scopes": [],
        "cache": {},
        "ticks": None,
    }
    _inline_tokenize(state)
    scopes = [state["delims"]] + state["scopes"]
    for delims in scopes:
        _balance_pairs(delims)
    for delims in scopes:
        _emphasis_pairs(state["tok"], delims)
    tokens: "list[Token]" = state["tok"]
    return tokens


def _push_pending(state: "State") -> None:
    state["tok"].append(["text", "".join(state["pending"]), ""])
    state["pending"] = []


def _inline_push(state: "State", kind: str, nesting: int) -> "Token":
    if state["pending"]:
        _push_pending(state)
    if nesting < 0:
        state["level"] -= 1
        state["delims"] = state["outer"].pop()
    elif nesting > 0:
        state["level"] += 1
        state["outer"].append(state["delims"])
        state["delims"] = []
        state["scopes"].append(state["delims"])
    token = [kind, "", ""]
    state["tok"].append(token)
    return token


def _inline_rule(state: "State", silent: bool) -> bool:
    """Run the rule for the character at `pos` (markdown-it tries them all, in order; only
    the one for this character can match)."""
    src, pos = state["src"], state["pos"]
    char = src[pos]
    if char not in _TERMINATORS:  # text
        end = state["max"]
        start = pos
        while pos < end and src[pos] not in _TERMINATORS:
            pos += 1
        if not silent:
            state["pending"].append("".join(src[start:pos]))
        state["pos"] = pos
        return True
    if char == "\n":
        return _newline(state, silent)
    if char == "\\":
        return _backslash(state, silent)
    if char == "`":
        return _backticks(state, silent)
    if char == "*" or char == "_":
        return False if silent else _emphasis(state)
    if char == "[":
        return _link(state, silent)
    if char == "<":
        return _autolink(state, silent)
    if char == "&":
        return _entity_rule(state, silent)
    return False


def _inline_tokenize(state: "State") -> None:
    end = state["max"]
    while state["pos"] < end:
        ok = state["level"] < _MAX_NESTING and _inline_rule(state, False)
        if ok:
            if state["pos"] >= end:
                break
            continue
        state["pending"].append(state["src"][state["pos"]])
        state["pos"] += 1
    if state["pending"]:
        _push_pending(state)


def _skip_token(state: "State") -> None:
    pos = state["pos"]
    cache = state["cache"]
    if pos in cache:
        state["pos"] = cache[pos]
        return
    ok = False
    if state["level"] < _MAX_NESTING:
        state["level"] += 1
        ok = _inline_rule(state, True)
        state["level"] -= 1
    else:
        state["pos"] = state["max"]
    if not ok:
        state["pos"] += 1
    cache[pos] = state["pos"]


def _newline(state: "State", silent: bool) -> bool:
    pos = state["pos"]
    if not silent:
        pending = "".join(state["pending"])
        if pending[-2:] == "  ":
            pending = pending.rstrip(" ")
            kind = "hardbreak"
        else:
            pending = pending[:-1] if pending[-1:] == " " else pending
            kind = "softbreak"
        state["pending"] = [pending] if pending else []
        _inline_push(state, kind, 0)
    pos += 1
    src, end = state["src"], state["max"]
    while pos < end and (src[pos] == " " or src[pos] == "\t"):
        pos += 1
    state["pos"] = pos
    return True


def _backslash(state: "State", silent: bool) -> bool:
    src, pos, end = state["src"], state["pos"] + 1, state["max"]
    if pos >= end:
        return False
    char = src[pos]
    if char == "\n":
        if not silent:
            _inline_push(state, "hardbreak", 0)
        pos += 1
        while pos < end and (src[pos] == " " or src[pos] == "\t"):
            pos += 1
        state["pos"] = pos
        return True
    if silent:
        pass
    elif char in _ASCII_PUNCT:
        # markdown-it makes a token of it; pending text renders the same, and any token
        # that follows flushes it, so the emphasis delimiters around it stay apart.
        state["pending"].append(char)
    else:  # a token of its own, so a "\\ " does not count toward a hard break's spaces
        _inline_push(state, "text", 0)[1] = "\\" + char
    state["pos"] = pos + 1
    return True


def _backticks(state: "State", silent: bool) -> bool:
    src, start, end = state["src"], state["pos"], state["max"]
    pos = start + 1
    while pos < end and src[pos] == "`":
        pos += 1
    length = pos - start
    size = len(src)
    if state["ticks"] is None:  # the last position of each length of backtick run
        ticks = {}
        i = 0
        while i < size:
            if src[i] == "`":
                j = i
                while j < size and src[j] == "`":
                    j += 1
                ticks[j - i] = i
                i = j
            else:
                i += 1
        state["ticks"] = ticks
    if state["ticks"].get(length, -1) >= pos:
        match_end = pos
        while True:
            match_start = match_end
            while match_start < size and src[match_start] != "`":
                match_start += 1
            if match_start >= size or match_start >= end:
                break
            match_end = match_start + 1
            while match_end < size and src[match_end] == "`":
                match_end += 1
            if match_end > end:
                break
            if match_end - match_start == length:
                if not silent:
                    code = "".join(src[pos:match_start]).replace("\n", " ")
                    if code[:1] == " " and code[-1:] == " " and code.strip(" "):
                        code = code[1:-1]
                    _inline_push(state, "code_inline", 0)[1] = code
                state["pos"] = match_end
                return True
    if not silent:
        state["pending"].append("`" * length)
    state["pos"] = pos
    return True


def _emphasis(state: "State") -> bool:
    src, start, end = state["src"], state["pos"], state["max"]
    marker = src[start]
    pos = start
    while pos < end and src[pos] == marker:
        pos += 1
    length = pos - start
    last = src[start - 1] if start > 0 else " "
    following = src[pos] if pos < end else " "
    last_punct, next_punct = _is_punct(last), _is_punct(following)
    last_space, next_space = _is_whitespace(last), _is_whitespace(following)
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    if marker == "*":
        can_open, can_close = left, right
    else:
        can_open = left and (not right or last_punct)
        can_close = right and (not left or next_punct)
    for _ in range(length):
        _inline_push(state, "text", 0)[1] = marker
        index = len(state["tok"]) - 1
        state["delims"].append([marker, length, index, -1, can_open, can_close])
    state["pos"] = pos
    return True


def _balance_pairs(delims: "list[list[Any]]") -> None:
    """markdown-it's processDelimiters: match each closing run with an opening one."""
    if not delims:
        return
    bottoms: "dict[str, list[int]]" = {}
    header = 0
    last_token = -2
    jumps: "list[int]" = []
    for closer_index in range(len(delims)):
        closer = delims[closer_index]
        jumps.append(0)
        if delims[header][0] != closer[0] or last_token != closer[2] - 1:
            header = closer_index
        last_token = closer[2]
        if not closer[5]:
            continue
        if closer[0] not in bottoms:
            bottoms[closer[0]] = [-1, -1, -1, -1, -1, -1]
        slot = (3 if closer[4] else 0) + closer[1] % 3
        minimum = bottoms[closer[0]][slot]
        opener_index = header - jumps[header] - 1
        new_minimum = opener_index
        while opener_index > minimum:
            opener = delims[opener_index]
            if opener[0] != closer[0]:
                opener_index -= jumps[opener_index] + 1
                continue
            if opener[4] and opener[3] < 0:
                odd = (
                    (opener[5] or closer[4])
                    and (opener[1] + closer[1]) % 3 == 0
                    and (opener[1] % 3 != 0 or closer[1] % 3 != 0)
                )
                if not odd:
                    last_jump = 0
                    if opener_index > 0 and not delims[opener_index - 1][4]:
                        last_jump = jumps[opener_index - 1] + 1
                    jumps[closer_index] = closer_index - opener_index + last_jump
                    jumps[opener_index] = last_jump
                    closer[4] = False
                    opener[3] = closer_index
                    opener[5] = False
                    new_minimum = -1
                    last_token = -2
                    break
            opener_index -= jumps[opener_index] + 1
        if new_minimum != -1:
            bottoms[closer[0]][(3 if closer[4] else 0) + closer[1] % 3] = new_minimum


def _emphasis_pairs(tokens: "list[Token]", delims: "list[list[Any]]") -> None:
    """markdown-it's emphasis postProcess: matched runs become <em> and <strong> tags."""
    i = len(delims) - 1
    while i >= 0:
        start = delims[i]
        if start[3] == -1:
            i -= 1
            continue
        end = delims[start[3]]
        strong = (
            i > 0
            and delims[i - 1][3] == start[3] + 1
            and delims[i - 1][0] == start[0]
            and delims[i - 1][2] == start[2] - 1
            and delims[start[3] + 1][2] == end[2] + 1
        )
        tag = "strong" if strong else "em"
        tokens[start[2]][:2] = [tag + "_open", ""]
        tokens[end[2]][:2] = [tag + "_close", ""]
        if strong:
            tokens[delims[i - 1][2]][1] = ""
            tokens[delims[start[3] + 1][2]][1] = ""
            i -= 1
        i -= 1


def _link_label_end(state: "State", start: int) -> int:
    """markdown-it's parseLinkLabel(disableNested=True): where "]" closes the label at
    `start`, -1 if none does or the label holds a link."""
    old_pos = state["pos"]
    state["pos"] = start + 1
    level = 1
    found = False
    src = state["src"]
    while state["pos"] < state["max"]:
        marker = src[state["pos"]]
        if marker == "]":
            level -= 1
            if level == 0:
                found = True
                break
        previous = state["pos"]
        _skip_token(state)
        if marker == "[":
            if previous == state["pos"] - 1:
                level += 1
            else:
                state["pos"] = old_pos
                return -1
    end = state["pos"] if found else -1
    state["pos"] = old_pos
    return int(end)


def _link_destination(src: "list[str]", pos: int, end: int) -> "tuple[bool, int, str]":
    """markdown-it's parseLinkDestination: (found, position after it, unescaped URL)."""
    start = pos
    if pos < len(src) and src[pos] == "<":
        pos += 1
        while pos < end:
            char = src[pos]
            if char == "\n" or char == "<":
                return False, 0, ""
            if char == ">":
                return True, pos + 1, _unescape_all("".join(src[start + 1 : pos]))
            if char == "\\" and pos + 1 < end:
                pos += 2
                continue
            pos += 1
        return False, 0, ""
    level = 0
    while pos < end:
        char = src[pos]
        if char == " " or ord(char) < 0x20 or char == "\x7f":
            break
        if char == "\\" and pos + 1 < end:
            if src[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > 32:
                return False, 0, ""
        if char == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return False, 0, ""
    return True, pos, _unescape_all("".join(src[start:pos]))


def _link_title(src: "list[str]", pos: int, end: int) -> "tuple[bool, int, str]":
    """markdown-it's parseLinkTitle: (found, position after it, unescaped title)."""
    if pos >= end or src[pos] not in "\"'(":
        return False, 0, ""
    marker = ")" if src[pos] == "(" else src[pos]
    pos += 1
    start = pos
    while pos < end:
        char = src[pos]
        if char == marker:
            return True, pos + 1, _unescape_all("".join(src[start:pos]))
        if char == "(" and marker == ")":
            return False, 0, ""
        if char == "\\" and pos + 1 < end:
            pos += 1
        pos += 1
    return False, 0, ""


def _skip_blank(src: "list[str]", pos: int, end: int) -> int:
    while pos < end and src[pos] in " \t\n":
        pos += 1
    return pos


def _link(state: "State", silent: bool) -> bool:
    """An inline link [text](url "title"); without reference definitions there is no other."""
    src, end, old_pos = state["src"], state["max"], state["pos"]
    label_end = _link_label_end(state, old_pos)
    if label_end < 0:
        return False
    pos = label_end + 1
    if pos >= end or src[pos] != "(":
        return False
    pos = _skip_blank(src, pos + 1, end)
    if pos >= end:
        return False
    href = title = ""
    found, after, url = _link_destination(src, pos, end)
    if found:
        href = _normalize_link(url)
        if _link_allowed(href):
            pos = after
        else:
            href = ""
        start = pos
        pos = _skip_blank(src, pos, end)
        found, after, text = _link_title(src, pos, end)
        if pos < end and start != pos and found:
            title = text
            pos = _skip_blank(src, after, end)
    if pos >= end or src[pos] != ")":
        return False
    pos += 1
    if not silent:
        state["pos"] = old_pos + 1
        state["max"] = label_end
        opened = _inline_push(state, "link_open", 1)
        opened[1], opened[2] = href, title
        _inline_tokenize(state)
        _inline_push(state, "link_close", -1)
    state["pos"] = pos
    state["max"] = end
    return True


def _autolink(state: "State", silent: bool) -> bool:
    """<scheme:...> or <user@host>."""
    src, start, end = state["src"], state["pos"], state["max"]
    pos = start
    while True:
        pos += 1
        if pos >= end or src[pos] == "<":
            return False
        if src[pos] == ">":
            break
    url = "".join(src[start + 1 : pos])
    if _is_autolink_url(url):
        href = _normalize_link(url)
    elif _is_email(url):
        href = _normalize_link("mailto:" + url)
    else:
        return False
    if not _link_allowed(href):
        return False
    if not silent:
        _inline_push(state, "link_open", 1)[1] = href
        _inline_push(state, "text", 0)[1] = _decode_url(_py_strip(url))
        _inline_push(state, "link_close", -1)
    state["pos"] = pos + 1
    return True


def _entity_rule(state: "State", silent: bool) -> bool:
    """&#123; &#x1F; &name; as the character (the source beyond `max` counts, as in
    markdown-it, whose regular expressions look past it)."""
    src, pos = state["src"], state["pos"]
    size = len(src)
    if pos + 1 >= state["max"]:
        return False
    text = None
    if src[pos + 1] == "#":
        hexadecimal = pos + 2 < size and src[pos + 2] in "xX"
        digits = _HEX_DIGITS if hexadecimal else _DIGITS
        first = pos + 3 if hexadecimal else pos + 2
        end = first
        while end < size and end - first < 8 and src[end] in digits:
            end += 1
        count = end - first
        if 1 <= count <= (6 if hexadecimal else 7) and end < size and src[end] == ";":
            code = int("".join(src[first:end]), 16 if hexadecimal else 10)
            text = chr(code) if _valid_entity_code(code) else "\ufffd"
    elif src[pos + 1] in _LETTERS:
        end = pos + 2
        while end < size and end - pos <= 32 and src[end] in _ALNUM:
            end += 1
        if 3 <= end - pos <= 33 and end < size and src[end] == ";":
            text = _entity("".join(src[pos + 1 : end]))
    if text is None:
        return False
    if not silent:
        _inline_push(state, "text", 0)[1] = text
    state["pos"] = end + 1
    return True


def _render_inline(tokens: "list[Token]") -> str:
    out = []
    for token in tokens:
        kind = token[0]
        if kind == "text":
            out.append(_escape(token[1]))
        elif kind == "softbreak":
            out.append("\n")
        elif kind == "hardbreak":
            out.append("<br />\n")
        elif kind == "code_inline":
            out.append("<code>" + _escape(token[1]) + "</code>")
        elif kind == "link_open":
            title = ' title="' + _escape(token[2]) + '"' if token[2] else ""
            out.append('<a href="' + _escape(token[1]) + '"' + title + ">")
        elif kind == "link_close":
            out.append("</a>")
        else:  # em_open, strong_close...
            tag, _underscore, side = kind.partition("_")
            out.append(("<" if side == "open" else "</") + tag + ">")
    return "".join(out)
