"""What a worksheet page is built from: its checked declaration, its form, the worksheets index.

A worksheet page is Markdown with `worksheet: <id>` in its front matter. The build puts the
block made here where the page says `<!-- worksheet-form -->` (or at its end), and gives that
page, and only that page, the tags that load Python (`markers.prepare_page`).
"""

from __future__ import annotations

import worksheets
from site_build import templates
from site_build.forms import render_form
from worksheets.schema import Worksheet, validate


def validate_all() -> None:
    """Every declaration must hold together before any page is rendered from one."""
    for worksheet in worksheets.catalogue().values():
        validate(worksheet)


def form_block(worksheet: Worksheet, page_url: str) -> str:
    """The worksheet's form, then links to its blank templates, for the page at `page_url`."""
    return render_form(worksheet) + templates.worksheet_links(worksheet, page_url)


def index_markdown() -> str:
    """The worksheets index: every worksheet, one line on what it is for, linked to its page.

    Links point at `<id>.md` beside the index, so the strict build fails if a declared
    worksheet has no page.
    """
    return "\n".join(
        f"- **[{ws.title}]({ws.id}.md)**: {ws.summary}" for ws in worksheets.catalogue().values()
    )
