"""A filled (or blank) worksheet as Markdown, and that Markdown as safe HTML for the preview.

What people type is shown literally: it is escaped so that no character they type becomes
Markdown structure, and the HTML renderer refuses raw HTML and images, so typed text can
never become markup on the page or make the browser fetch anything.
"""

from worksheets import schema
from worksheets.schema import Field, Worksheet

#: Shown where a question has no answer yet (a blank template, or a field left empty).
UNANSWERED = "_Not filled in yet._"

#: Whitespace, the same in every interpreter (MicroPython's str methods know only ASCII's).
WHITESPACE = " \t\n\r\x0b\x0c"
# Characters that start inline Markdown anywhere in a line.
_INLINE = "\\`*_[]<>!|~&"
# What starts a block at a line's start: heading, quote, bullet, rule, setext underline, and a
# table's delimiter row (":-:" under a line starting with "|" made a one-column table).
_BLOCK_START = "#>+=-:"
_DIGITS = "0123456789"


def words(text: str) -> list[str]:
    """`text` split at runs of whitespace, as str.split() does in CPython for ASCII."""
    for space in WHITESPACE[1:]:
        text = text.replace(space, " ")
    return [word for word in text.split(" ") if word]


def escape_text(text: str) -> str:
    """Markdown whose rendering shows `text` as typed: lines kept, nothing interpreted."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        line = line.strip(WHITESPACE)
        if line:
            paragraphs[-1].append(_block_escape(escape_inline(line)))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\\\n".join(p) for p in paragraphs if p)


def escape_inline(text: str) -> str:
    """One line of typed text made literal inside Markdown (tables, titles, bylines)."""
    return "".join("\\" + char if char in _INLINE else char for char in text)


def _block_escape(line: str) -> str:
    if line[:1] and line[0] in _BLOCK_START:
        return "\\" + line
    # An ordered list item: its marker is the punctuation after the digits.
    digits = 0
    while digits < len(line) and line[digits] in _DIGITS:
        digits += 1
    if digits and line[digits : digits + 1] in (".", ")"):
        return line[:digits] + "\\" + line[digits:]
    return line


def _answer(item: Field, value: str) -> str:
    if not value.strip():
        return UNANSWERED
    if item.kind == "scale":
        return f"{escape_text(value)} out of 5"
    labels = {o.value: o.label for o in item.choices()}
    return escape_text(labels.get(value, value))


def fill_template(template: str, answers: dict[str, str]) -> str | None:
    """A "{field_id}" template filled with escaped answers; None if any of them is empty."""
    names = schema.template_names(template)
    values = {name: " ".join(words(answers.get(name, ""))) for name in names}
    if not all(values.values()):
        return None
    filled = []
    for name in names:  # our own words before each name, then the escaped answer
        before, _brace, template = template.partition("{" + name + "}")
        filled += [escape_inline(before), escape_inline(values[name])]
    return "".join(filled) + escape_inline(template)


#: Under a private question of a blank document: whose answer it is.
PRIVATE_NOTE = "_Private: this answer is yours; share it only if you choose to._"


def _field_lines(item: Field, value: str, blank: bool = False) -> list[str]:
    note = [PRIVATE_NOTE, ""] if blank and item.private else []
    return [f"**{escape_text(item.label)}**", ""] + note + [_answer(item, value), ""]


def _partner_heading(role: str, alone: bool) -> str:
    return "Your answers" if alone else schema.ROLE_NAMES[role] + "'s answers"


def _record_sections(
    worksheet: Worksheet,
    record: dict[str, str],
    level: str,
    shown: tuple[str, ...],
    alone: bool,
    blank: bool = False,
) -> list[str]:
    """A record's sections: one written together once; one answered apart once per partner
    in `shown`, each under its own heading (the role field is left out: the heading says it).
    A `blank` document asks every question, private ones too: it is the paper to fill in."""
    shared = record if blank else worksheet.shared_record(record)
    out: list[str] = []
    for section in worksheet.sections:
        fields = [item for item in section.fields if item.id != worksheet.role]
        blocks: list[str] = []
        for role in shown if section.apart else ("",):
            ids = [(schema.record_id(f.id, role) if role else f.id, f) for f in fields]
            lines = [
                line
                for rid, f in ids
                if rid in shared
                for line in _field_lines(f, shared[rid], blank)
            ]
            if lines and role:
                lines = [f"{level}# {_partner_heading(role, alone)}", ""] + lines
            blocks += lines
        if blocks:
            out += [f"{level} {escape_text(section.title)}", ""]
            if worksheet.layout == "cards" and section.intro:
                # A card stands alone when printed: it carries the outline its blanks fill in.
                out += [f"_{escape_text(section.intro)}_", ""]
            out += blocks
    return out


def record_markdown(
    worksheet: Worksheet,
    record: dict[str, str],
    results: str = "",
    shown: tuple[str, ...] = schema.ROLES,
    alone: bool = False,
    blank: bool = False,
) -> str:
    """A record of both partners as a document: what was written together once, and each
    partner's own answers in `shown` under their name (`alone`: one form, no role chosen;
    `blank`: nothing answered yet, every question asked)."""
    byline = [line for t in worksheet.byline if (line := fill_template(t, record))]
    body = [part for line in byline for part in (line, "")]
    sections = _record_sections(worksheet, record, "##", shown, alone, blank)
    return _document(worksheet, body + sections, results)


def _document(worksheet: Worksheet, body: list[str], results: str) -> str:
    out = [f"# {escape_text(worksheet.document_title or worksheet.title)}", ""] + body
    if results:
        out += [results.strip(), ""]
    if worksheet.closing:
        out += ["---", "", f"_{escape_text(worksheet.closing)}_", ""]
    return "\n".join(out).rstrip() + "\n"


def to_markdown(
    worksheet: Worksheet,
    answers: dict[str, str],
    results: str = "",
    partner: dict[str, str] | None = None,
) -> str:
    """The worksheet as a Markdown document: title, byline, every section and answer, results.

    Private answers appear only when their author opted in, as in the JSON file. Where the
    partners answer apart, the form's partner's answers come under their name, then (once
    there is one) the other's; a blank document (no answers at all) has room for both.
    """
    if worksheet.answered_apart:
        mine, _theirs = schema.roles(worksheet, answers, partner)
        blank = partner is None and not any(answers.values())
        shown = schema.ROLES if partner is not None or blank else (mine,)
        alone = not blank and partner is None and not answers.get(worksheet.role)
        record = worksheet.record(answers, partner)
        return record_markdown(worksheet, record, results, shown, alone, blank)
    byline = [line for t in worksheet.byline if (line := fill_template(t, answers))]
    body = [part for line in byline for part in (line, "")]
    # Written together throughout: the form's answers are the whole record.
    sections = _record_sections(worksheet, answers, "##", (), False)
    return _document(worksheet, body + sections, results)


def log_to_markdown(worksheet: Worksheet, entries: list[dict[str, str]], results: str = "") -> str:
    """A log worksheet as one document: each entry under its own heading, oldest first."""
    body: list[str] = []
    for number, entry in enumerate(entries, 1):
        title = fill_template(worksheet.entry_title, entry) or f"Entry {number}"
        body += [f"## {title}", ""] + _record_sections(worksheet, entry, "###", schema.ROLES, False)
    if not entries:
        body = ["_Nothing in the log yet._", ""]
    return _document(worksheet, body, results)


def to_html(markdown: str) -> str:
    """Render Markdown for the preview: no raw HTML, no images, links only to safe schemes.

    `markup` renders exactly what markdown-it-py would for the Markdown this module writes
    (tests/unit/test_markup.py holds the two together), in the Python MicroPython runs.
    """
    from worksheets import markup

    return markup.to_html(markdown)


def preview_html(worksheet: Worksheet, markdown: str) -> str:
    """The preview of a worksheet's document; a "cards" worksheet gets one card per section.

    Typed text can never start a line with "## " (it is escaped), so splitting there only
    ever splits between our own sections.
    """
    if worksheet.layout != "cards":
        return to_html(markdown)
    head, *sections = markdown.split("\n## ")
    cards = "".join(
        f'<section class="ef-card">{to_html("## " + section)}</section>' for section in sections
    )
    return to_html(head) + cards
