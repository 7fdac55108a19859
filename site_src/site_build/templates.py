"""Blank templates of every worksheet, built from its declaration: PDF (A4, US Letter) and Markdown.

Some couples want paper, away from any screen; others want to edit a copy in their own tool.
Both come from the same declaration as the online form, so the three cannot drift apart.
The PDF is HTML and CSS laid out by WeasyPrint; every declaration string is escaped, and
WeasyPrint may fetch nothing (only `data:` URLs), so building a template never leaves the
machine. The page that holds `<!-- templates -->` gets the list of files, and each
worksheet page gets links to its own (both put in by `markers`).
"""

from __future__ import annotations

import math
import posixpath
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import worksheets
from worksheets import render
from worksheets.schema import Field, Section, Worksheet

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


def _height_mm(section: Section) -> float:
    """A rough height of the section on paper, at about 90 characters a line."""

    def text(words: str, mm_a_line: float) -> float:
        return math.ceil(len(words) / 90) * mm_a_line

    height = 14 + text(section.intro, 5)
    for item in section.fields:
        choices = item.choices()
        room: float = max(1, item.lines) * 8
        if choices:
            room = math.ceil(sum(len(o.label) + 8 for o in choices) / 90) * 6.5
        private = PRIVATE if item.private else ""
        height += 4 + text(item.label, 5) + text(item.help, 4.2) + text(private, 4.2) + room
    return height


def _section(section: Section) -> str:
    """A section on paper. Fields never split; the whole section stays on one page when that
    costs at most half a page of white space (a longer one would leave a page nearly empty)."""
    keep = " keep" if _height_mm(section) <= KEEP_WHOLE_MM else ""
    intro = f'<p class="intro">{escape(section.intro)}</p>' if section.intro else ""
    fields = "".join(_field(item) for item in section.fields)
    return (
        f'<section class="section{keep}"><h2>{escape(section.title)}</h2>{intro}{fields}</section>'
    )


def template_html(worksheet: Worksheet, paper: str) -> str:
    """The blank template as a standalone HTML document, laid out for `paper` ("a4", "letter")."""
    size = PAPERS[paper][0]
    intro = f'<p class="intro">{escape(worksheet.intro)}</p>' if worksheet.intro else ""
    closing = f'<p class="closing">{escape(worksheet.closing)}</p>' if worksheet.closing else ""
    sections = "".join(_section(section) for section in worksheet.sections)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(worksheet.title)}</title>"
        f"<style>{_CSS.replace('PAGE_SIZE', size)}</style></head><body>"
        f'<h1>{escape(worksheet.title)}</h1><p class="summary">{escape(worksheet.summary)}</p>'
        f'<p class="note">{escape(NOTE)}</p>{intro}{sections}{closing}</body></html>'
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
