"""A filled (or blank) worksheet as Markdown, and that Markdown as safe HTML for the preview.

What people type is shown literally: it is escaped so that no character they type becomes
Markdown structure, and the HTML renderer refuses raw HTML and images, so typed text can
never become markup on the page or make the browser fetch anything.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from worksheets.schema import Field, Worksheet

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: Shown where a question has no answer yet (a blank template, or a field left empty).
UNANSWERED = "_Not filled in yet._"

# Characters that start inline Markdown anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>!|~&])")
# What starts a block at a line's start: heading, quote, bullet, rule, setext underline...
_BLOCK_START = re.compile(r"^([#>+=-])")
# ...or an ordered list item, whose marker is the punctuation after the digits.
_ORDERED_START = re.compile(r"^(\d+)([.)])")


def escape_text(text: str) -> str:
    """Markdown whose rendering shows `text` as typed: lines kept, nothing interpreted."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    escaped = []
    for paragraph in paragraphs:
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        lines = [_block_escape(escape_inline(line)) for line in lines]
        escaped.append("\\\n".join(lines))
    return "\n\n".join(p for p in escaped if p)


def escape_inline(text: str) -> str:
    """One line of typed text made literal inside Markdown (tables, titles, bylines)."""
    return _INLINE.sub(r"\\\1", text)


def _block_escape(line: str) -> str:
    return _ORDERED_START.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", line))


def _answer(item: Field, value: str) -> str:
    if not value.strip():
        return UNANSWERED
    if item.kind == "scale":
        return f"{escape_text(value)} out of 5"
    labels = {o.value: o.label for o in item.choices()}
    return escape_text(labels.get(value, value))


def fill_template(template: str, answers: dict[str, str]) -> str | None:
    """A "{field_id}" template filled with escaped answers; None if any of them is empty."""
    names = re.findall(r"{(\w+)}", template)
    values = {name: " ".join(answers.get(name, "").split()) for name in names}
    if not all(values.values()):
        return None
    parts = re.sub(r"{(\w+)}", lambda m: "\0" + m.group(1) + "\0", template).split("\0")
    # Even parts are our own words; odd parts are field names, filled with escaped answers.
    return "".join(
        escape_inline(part if i % 2 == 0 else values[part]) for i, part in enumerate(parts)
    )


def _sections(worksheet: Worksheet, answers: dict[str, str], level: str) -> list[str]:
    shared = worksheet.shared_answers(answers)
    out: list[str] = []
    for section in worksheet.sections:
        fields = [item for item in section.fields if item.id in shared]
        if not fields:
            continue
        out += [f"{level} {escape_text(section.title)}", ""]
        if worksheet.layout == "cards" and section.intro:
            # A card stands alone when printed: it carries the outline its blanks fill in.
            out += [f"_{escape_text(section.intro)}_", ""]
        for item in fields:
            out += [f"**{escape_text(item.label)}**", "", _answer(item, shared[item.id]), ""]
    return out


def _document(worksheet: Worksheet, body: list[str], results: str) -> str:
    out = [f"# {escape_text(worksheet.document_title or worksheet.title)}", "", *body]
    if results:
        out += [results.strip(), ""]
    if worksheet.closing:
        out += ["---", "", f"_{escape_text(worksheet.closing)}_", ""]
    return "\n".join(out).rstrip() + "\n"


def to_markdown(worksheet: Worksheet, answers: dict[str, str], results: str = "") -> str:
    """The worksheet as a Markdown document: title, byline, every section and answer, results.

    Private answers appear only when their author opted in, as in the JSON file.
    """
    byline = [line for t in worksheet.byline if (line := fill_template(t, answers))]
    body = [part for line in byline for part in (line, "")]
    return _document(worksheet, body + _sections(worksheet, answers, "##"), results)


def log_to_markdown(worksheet: Worksheet, entries: list[dict[str, str]], results: str = "") -> str:
    """A log worksheet as one document: each entry under its own heading, oldest first."""
    body: list[str] = []
    for number, entry in enumerate(entries, 1):
        title = fill_template(worksheet.entry_title, entry) or f"Entry {number}"
        body += [f"## {title}", "", *_sections(worksheet, entry, "###")]
    if not entries:
        body = ["_Nothing in the log yet._", ""]
    return _document(worksheet, body, results)


@cache
def _renderer() -> MarkdownIt:
    # Imported here, not at the top: in the browser it is the largest import (about 0.1 s),
    # and a page needs it only once something changes (worksheets.view).
    from markdown_it import MarkdownIt

    # CommonMark with raw HTML off; images off too, so no typed URL can make the page fetch.
    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")


def to_html(markdown: str) -> str:
    """Render Markdown for the preview: no raw HTML, no images, links only to safe schemes."""
    html: str = _renderer().render(markdown)  # markdown-it types its renderer's output as Any
    return html


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
