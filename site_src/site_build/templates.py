"""Blank templates of every worksheet, built from its declaration: PDF (A4, US Letter) and Markdown.

Some couples want paper, away from any screen; others want to edit a copy in their own tool.
Both come from the same declaration as the online form, so the three cannot drift apart.
The PDF is HTML and CSS laid out by WeasyPrint; every declaration string is escaped, and
WeasyPrint may fetch nothing (only `data:` URLs), so building a template never leaves the
machine. The page that holds `<!-- templates -->` gets the list of files, and each
worksheet page gets links to its own (both put in by `markers`).

A section answered apart (`Section.apart`) is printed once per partner: under its heading, a
Partner A part and a Partner B part, each with every field of the section. Short closed
questions sit side by side in two columns, one row per question; anything longer comes as two
blocks, one after the other. The role field ("You are") is left out: the headings say who.
"""

from __future__ import annotations

import math
import posixpath
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import worksheets
from worksheets import render
from worksheets.schema import ROLE_NAMES, ROLES, Field, Section, Worksheet

if TYPE_CHECKING:
    from weasyprint import URLFetcher

#: Where the files go, inside the built site (the Templates page lives there too).
FOLDER = "templates"
#: Paper name in file names -> CSS page size, and the words shown in links.
PAPERS = {"a4": ("A4", "PDF, A4"), "letter": ("letter", "PDF, US Letter")}
NOTE = (
    "A blank template from Equal Footing, to fill in by hand. What you write on it is private "
    "to whoever holds it: keep it, share it or shred it as you both choose."
)
#: Sections up to this height (mm) are kept on one page: about half the writing area.
KEEP_WHOLE_MM = 120
PRIVATE = "Private: this answer is yours; share it only if you choose to."
#: Said under the note of a worksheet with sections answered apart.
APART_NOTE = (
    "Where a section has a Partner A part and a Partner B part, each of you fills in your own, "
    "without looking at the other's; then compare."
)
#: Characters to a line of writing: the full width, and one of two columns.
FULL_LINE, COLUMN_LINE = 90, 40
#: Choices whose words fit in about this many characters sit in a column (three short lines).
COLUMN_CHOICES = 3 * COLUMN_LINE

# Print styles. The footer takes the worksheet's name from the h1 (string-set), so no
# declaration string is ever spliced into CSS.
_CSS = """
@page {
  size: PAGE_SIZE;
  margin: 18mm 17mm 20mm;
  @bottom-left { content: string(sheet) " \\00B7  Equal Footing"; font-size: 8pt; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #444; }
}
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #111; }
body { margin: 0; overflow-wrap: break-word; }
h1 { string-set: sheet content(); font-size: 19pt; line-height: 1.2; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 0.8pt solid #777;
     break-after: avoid; }
p { margin: 0 0 5pt; }
.summary { font-size: 10.5pt; }
.note { font-size: 8.5pt; color: #333; border-left: 2pt solid #999; padding-left: 6pt; }
.intro { font-style: italic; }
.section.keep { break-inside: avoid; }
h2 + .intro { break-after: avoid; }
.field { break-inside: avoid; margin: 0 0 10pt; }
.label { font-weight: bold; margin: 0; }
.help { font-size: 8.5pt; color: #444; margin: 1pt 0 0; }
.rule { height: 8mm; border-bottom: 0.6pt solid #888; }
.options { list-style: none; margin: 5pt 0 0; padding: 0; }
.options li { display: inline-block; max-width: 100%; margin: 0 14pt 4pt 0; }
.box { font-size: 13pt; line-height: 1; }
.closing { margin-top: 14pt; font-style: italic; }
h3.partner { font-size: 11pt; margin: 10pt 0 5pt; break-after: avoid; }
.partner-block.keep { break-inside: avoid; }
table.partners { width: 100%; table-layout: fixed; border-collapse: collapse; }
table.partners th { font-size: 11pt; text-align: left; padding: 0 0 4pt; }
table.partners td { vertical-align: top; padding: 0; }
table.partners th:first-child, table.partners td:first-child { padding-right: 7mm; }
table.partners tr { break-inside: avoid; }
"""


def file_names(worksheet: Worksheet) -> dict[str, str]:
    """The three files of a worksheet, by kind ("a4", "letter", "md")."""
    names = {paper: f"{worksheet.id}-{paper}.pdf" for paper in PAPERS}
    return {**names, "md": f"{worksheet.id}.md"}


def blank_markdown(worksheet: Worksheet) -> str:
    """The Markdown template: the same document the worksheet exports, with nothing filled in."""
    return render.to_markdown(worksheet, {})


def _writing_room(item: Field) -> str:
    choices = item.choices()
    if not choices:  # line, text, date, and any open kind added later: lines to write on.
        return '<div class="rule"></div>' * max(1, item.lines)
    # A ballot-box glyph, not a drawn box: as crisp, and much faster to lay out. Each option is
    # an inline-block, so a box never ends a line apart from its words.
    boxes = "".join(
        f'<li><span class="box">\u2610</span>\u00a0{escape(o.label)}</li>' for o in choices
    )
    return f'<ul class="options">{boxes}</ul>'


def _field(item: Field) -> str:
    help_html = f'<p class="help">{escape(item.help)}</p>' if item.help else ""
    private = f'<p class="help">{PRIVATE}</p>' if item.private else ""
    return (
        f'<div class="field"><p class="label">{escape(item.label)}</p>{help_html}{private}'
        f"{_writing_room(item)}</div>"
    )


def _fields(section: Section, worksheet: Worksheet) -> list[Field]:
    """The fields a template prints for a section: all but the role (the headings say who)."""
    return [item for item in section.fields if item.id != worksheet.role]


def _lines(words: str, per_line: int) -> int:
    return math.ceil(len(words) / per_line)


def _field_mm(item: Field, per_line: int = FULL_LINE) -> float:
    """A rough height of a field on paper, at `per_line` characters a line."""
    choices = item.choices()
    room: float = max(1, item.lines) * 8
    if choices:
        room = _lines("".join(o.label + " " * 8 for o in choices), per_line) * 6.5
    private = PRIVATE if item.private else ""
    texts = ((item.label, 5), (item.help, 4.2), (private, 4.2))
    return 4 + room + sum(_lines(words, per_line) * mm for words, mm in texts)


def _in_columns(fields: list[Field]) -> bool:
    """Whether both partners' answers fit side by side: short closed questions, one line."""
    return all(
        (item.kind in ("line", "date") and item.lines <= 1)
        or (item.choices() and sum(len(o.label) + 8 for o in item.choices()) <= COLUMN_CHOICES)
        for item in fields
    )


def _height_mm(section: Section, worksheet: Worksheet | None = None) -> float:
    """A rough height of the section on paper, both partners' parts where it is answered apart."""
    fields = _fields(section, worksheet) if worksheet else list(section.fields)
    height = 14 + _lines(section.intro, FULL_LINE) * 5
    if not section.apart:
        return height + sum(_field_mm(item) for item in fields)
    if _in_columns(fields):
        return height + 10 + sum(_field_mm(item, COLUMN_LINE) for item in fields)
    return height + 2 * (12 + sum(_field_mm(item) for item in fields))


def _partners_html(fields: list[Field]) -> str:
    """Each partner's own answer space: two columns, or a block each, headed by their name."""
    names = [ROLE_NAMES[role] for role in ROLES]
    if _in_columns(fields):
        head = "".join(f'<th class="partner" scope="col">{name}</th>' for name in names)
        rows = "".join(
            "<tr>" + f"<td>{_field(item)}</td>" * len(names) + "</tr>" for item in fields
        )
        return (
            f'<table class="partners"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        )
    block = 12 + sum(_field_mm(item) for item in fields)
    keep = " keep" if block <= KEEP_WHOLE_MM else ""
    inner = "".join(_field(item) for item in fields)
    return "".join(
        f'<div class="partner-block{keep}"><h3 class="partner">{name}</h3>{inner}</div>'
        for name in names
    )


def _section(section: Section, worksheet: Worksheet) -> str:
    """A section on paper. Fields never split; the whole section stays on one page when that
    costs at most half a page of white space (a longer one would leave a page nearly empty).
    Answered apart, it holds each partner's own part; a section that held only the role keeps
    its heading and intro (what answering apart means here), or is left out without one."""
    fields = _fields(section, worksheet)
    if not fields and not section.intro:
        return ""
    keep = " keep" if _height_mm(section, worksheet) <= KEEP_WHOLE_MM else ""
    apart = " apart" if section.apart and fields else ""
    intro = f'<p class="intro">{escape(section.intro)}</p>' if section.intro else ""
    body = _partners_html(fields) if apart else "".join(_field(item) for item in fields)
    return (
        f'<section class="section{apart}{keep}"><h2>{escape(section.title)}</h2>{intro}{body}'
        "</section>"
    )


def template_html(worksheet: Worksheet, paper: str) -> str:
    """The blank template as a standalone HTML document, laid out for `paper` ("a4", "letter")."""
    size = PAPERS[paper][0]
    intro = f'<p class="intro">{escape(worksheet.intro)}</p>' if worksheet.intro else ""
    closing = f'<p class="closing">{escape(worksheet.closing)}</p>' if worksheet.closing else ""
    sections = "".join(_section(section, worksheet) for section in worksheet.sections)
    apart = f'<p class="note">{escape(APART_NOTE)}</p>' if worksheet.answered_apart else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(worksheet.title)}</title>"
        f"<style>{_CSS.replace('PAGE_SIZE', size)}</style></head><body>"
        f'<h1>{escape(worksheet.title)}</h1><p class="summary">{escape(worksheet.summary)}</p>'
        f'<p class="note">{escape(NOTE)}</p>{apart}{intro}{sections}{closing}</body></html>'
    )


def refusing_fetcher() -> URLFetcher:
    """A URL fetcher for `data:` URLs only: anything else stops the build instead of loading."""
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols=("data",), fail_on_errors=True)


def write_pdf(html: str, target: Path) -> None:
    """Lay out `html` as a PDF at `target`; no dates or random ids, so builds repeat exactly."""
    from weasyprint import HTML

    HTML(string=html, url_fetcher=refusing_fetcher()).write_pdf(target, pdf_identifier=False)


def write_all(site_dir: Path) -> list[Path]:
    """Write every worksheet's three template files into the built site; returns their paths."""
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for worksheet in worksheets.catalogue().values():
        names = file_names(worksheet)
        for paper in PAPERS:
            write_pdf(template_html(worksheet, paper), folder / names[paper])
            written.append(folder / names[paper])
        (folder / names["md"]).write_text(blank_markdown(worksheet), encoding="utf-8")
        written.append(folder / names["md"])
    return written


def _href(page_url: str, name: str) -> str:
    """A link to a template file, relative to the page (the site may live under any path)."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
    return escape(posixpath.relpath(f"{FOLDER}/{name}", base or "."))


def _links(worksheet: Worksheet, page_url: str) -> str:
    names = file_names(worksheet)
    labels = {**{paper: words for paper, (_, words) in PAPERS.items()}, "md": "Markdown"}
    return " · ".join(
        f'<a href="{_href(page_url, names[kind])}" download>{label}</a>'
        for kind, label in labels.items()
    )


def worksheet_links(worksheet: Worksheet, page_url: str) -> str:
    """The block under a worksheet's form: its blank templates, and its name for print only."""
    return (
        f'<p class="ef-templates">Prefer paper, or your own editor? Blank templates: '
        f"{_links(worksheet, page_url)}</p>"
        f'<p class="ef-print-title">{escape(worksheet.title)} · Equal Footing'
        '<span class="ef-print-date" id="ef-print-date"></span></p>'
    )


def templates_list(page_url: str, src_uri: str) -> str:
    """The Templates page's body: each worksheet, its summary, its page and its three files.

    The files are raw HTML links: MkDocs checks Markdown links against the files it knows, and
    the templates are only written after the build. The worksheet's page, a Markdown link
    (`worksheets/<id>.md`, as the worksheets index has it), is checked by the strict build.
    """
    source_dir = posixpath.dirname(src_uri) or "."
    blocks = [
        f"## {render.escape_text(ws.title)}\n\n{render.escape_text(ws.summary)}\n\n"
        f'<p class="ef-templates">{_links(ws, page_url)}</p>\n\n'
        f"[Fill it in online instead]({posixpath.relpath(f'worksheets/{ws.id}.md', source_dir)})"
        for ws in worksheets.catalogue().values()
    ]
    return "\n\n".join(blocks)
