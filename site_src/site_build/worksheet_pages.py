"""Turn a page that names a worksheet into a working worksheet page, at build time.

A worksheet page is Markdown with `worksheet: <id>` in its front matter. The build puts the
form rendered from that worksheet's declaration where the page says `<!-- worksheet-form -->`
(or at the end), and gives the page, and only that page, the tags that load Python.
Anything unknown stops the build: a typo must never ship a page without its form.
"""

from __future__ import annotations

from typing import Any

import worksheets
from site_build import templates
from site_build.forms import FORGET_BUTTON, render_form
from site_build.runtime import Runtime
from worksheets.schema import validate

MARKER = "<!-- worksheet-form -->"
INDEX_MARKER = "<!-- worksheet-index -->"
FORGET_MARKER = "<!-- forget-everything -->"
FORGET_MARKER = "<!-- forget-everything -->"


class WorksheetPageError(ValueError):
    """A page names a worksheet wrongly; the build stops with this message."""


def validate_all() -> None:
    """Every declaration must hold together before any page is rendered from one."""
    for worksheet in worksheets.WORKSHEETS.values():
        validate(worksheet)


def prepare(meta: dict[str, Any], markdown: str, page_url: str, runtime: Runtime | None) -> None:
    """Check the page's worksheet and record the runtime tags its template will emit."""
    worksheet_id = meta.get("worksheet")
    if worksheet_id is None:
        if MARKER in markdown:
            raise WorksheetPageError(
                f"{page_url}: has {MARKER} but its front matter names no worksheet "
                "(is the front matter valid YAML? quote a value that contains ': ')"
            )
        return
    try:
        worksheets.get(str(worksheet_id))
    except KeyError as error:
        raise WorksheetPageError(f"{page_url}: {error.args[0]}") from None
    if runtime is None:
        raise WorksheetPageError(f"{page_url}: the Python runtime is not available")
    meta["ef_runtime"] = {"head": runtime.head_tags(page_url), "body": runtime.body_tags(page_url)}


def insert_form(html: str, meta: dict[str, Any], page_url: str = "") -> str:
    """Put the worksheet's form, then links to its blank templates, at the marker or the end."""
    worksheet_id = meta.get("worksheet")
    if worksheet_id is None:
        return html
    worksheet = worksheets.get(str(worksheet_id))
    form = render_form(worksheet) + templates.worksheet_links(worksheet, page_url)
    if MARKER in html:
        return html.replace(MARKER, form, 1)
    return html + form


def index_markdown() -> str:
    """The worksheets index: every worksheet, one line on what it is for, linked to its page.

    Links point at `<id>.md` beside the index, so the strict build fails if a declared
    worksheet has no page.
    """
    return "\n".join(
        f"- **[{ws.title}]({ws.id}.md)**: {ws.summary}" for ws in worksheets.WORKSHEETS.values()
    )


def expand_index(markdown: str) -> str:
    """Expand the worksheets index and the "Forget everything" button where a page asks."""
    if INDEX_MARKER in markdown:
        markdown = markdown.replace(INDEX_MARKER, index_markdown(), 1)
    return markdown.replace(FORGET_MARKER, FORGET_BUTTON, 1)
