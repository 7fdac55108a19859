"""Page markers: what a page asks the build to put in it, with one syntax and one dispatch table.

A marker is an HTML comment holding one lowercase name, such as `<!-- glossary -->`, on a line
of its own in a page's Markdown. Every marker is expanded here, in one pass over the Markdown
(MkDocs' `on_page_markdown`), from one table: `MARKERS` maps each name to a function of the
page (`PageContext`) that returns Markdown or a raw HTML block. A comment holding one name
that is not in the table stops the build, and so does a marker used twice on a page: a typo
must never ship a page without its form or its glossary. A comment of several words is an
ordinary comment and stays one.

Besides the markers, each page's Markdown gets the worksheet's form at its end if the page
names a worksheet but has no `<!-- worksheet-form -->`, and the glossary's abbreviation lines
(hover definitions) at the very end. A worksheet page also gets the runtime's tags in its
front matter (`ef_runtime`), which `overrides/main.html` emits.

Modelled on Material's own `overrides/hooks/shortcodes.py`: one regex, one dispatch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

import worksheets
from site_build import glossary, offline, templates, worksheet_pages
from site_build.code_reader import CodeReader
from site_build.forms import FORGET_BUTTON
from site_build.runtime import Runtime
from worksheets import answer_code
from worksheets.schema import Worksheet

#: Any comment holding a single lowercase name (letters, digits, dashes) is a marker.
MARKER = re.compile(r"<!--\s*([a-z][a-z0-9-]*)\s*-->")


class MarkerError(ValueError):
    """A page's markers cannot be expanded; the build stops with this message."""


@dataclass(frozen=True)
class BuildContext:
    """What the whole build shares, loaded once when it starts (MkDocs' `on_config`)."""

    #: The glossary (`site_src/content/glossary.yml`), checked and sorted.
    terms: tuple[glossary.Term, ...]
    #: The self-hosted Python runtime a worksheet page loads.
    runtime: Runtime
    #: jsQR and the reader script, for pages whose worksheet has an answer code.
    code_reader: CodeReader

    @classmethod
    def load(cls, project_dir: Path, bridge: Path) -> BuildContext:
        """Check every declaration and load what pages need; a ValueError or RuntimeMissing
        says what is wrong."""
        worksheet_pages.validate_all()
        return cls(
            terms=tuple(glossary.load(project_dir / "site_src" / "content" / "glossary.yml")),
            runtime=Runtime.locate(project_dir, bridge),
            code_reader=CodeReader.locate(project_dir),
        )


@dataclass(frozen=True)
class PageContext:
    """One page being built: where it is, what its front matter says, and the build's context."""

    #: The page's address in the site, MkDocs style ("worksheets/agreement/", "" for home).
    url: str
    #: The page's source, relative to docs/ ("worksheets/agreement.md").
    src_uri: str
    #: The page's front matter. `prepare_page` adds `ef_runtime` to a worksheet page's.
    meta: MutableMapping[str, object]
    build: BuildContext

    @property
    def worksheet(self) -> Worksheet | None:
        """The worksheet the front matter names (`worksheet: <id>`), if any."""
        worksheet_id = self.meta.get("worksheet")
        if worksheet_id is None:
            return None
        try:
            return worksheets.get(str(worksheet_id))
        except KeyError as error:
            raise MarkerError(f"{self.src_uri}: {error.args[0]}") from None


def _html(block: str) -> str:
    """A raw HTML block, apart from the Markdown around it so Markdown passes it through as is."""
    return f"\n\n{block}\n\n"


def _worksheet_form(page: PageContext) -> str:
    worksheet = page.worksheet
    if worksheet is None:
        raise MarkerError(
            f"{page.src_uri}: has <!-- worksheet-form --> but its front matter names no "
            "worksheet (is the front matter valid YAML? quote a value that contains ': ')"
        )
    return _html(worksheet_pages.form_block(worksheet, page.url))


#: Every marker a page may hold, and what it becomes.
MARKERS: Mapping[str, Callable[[PageContext], str]] = {
    # A worksheet page's form, then links to its blank templates (worksheets/*.md).
    "worksheet-form": _worksheet_form,
    # Every worksheet, one line each, linked to its page (worksheets/index.md).
    "worksheet-index": lambda page: worksheet_pages.index_markdown(),
    # The button that erases what the site stored in this browser (privacy.md).
    "forget-everything": lambda page: _html(FORGET_BUTTON),
    # "Make available offline" and "Remove the offline copy" (privacy.md).
    "offline-controls": lambda page: _html(offline.controls_html()),
    # Every worksheet's blank templates (templates.md).
    "templates": lambda page: templates.templates_list(page.url, page.src_uri),
    # The whole glossary as a definition list (glossary.md).
    "glossary": lambda page: glossary.definition_list(page.build.terms),
}


def names(markdown: str) -> list[str]:
    """The markers in `markdown`, in order; refuses an unknown one and one used twice."""
    found = MARKER.findall(markdown)
    for name in found:
        if name not in MARKERS:
            known = ", ".join(f"<!-- {known} -->" for known in MARKERS)
            raise MarkerError(
                f"unknown marker <!-- {name} -->; the markers are {known} "
                "(an ordinary comment needs more than one word)"
            )
        if found.count(name) > 1:
            raise MarkerError(f"<!-- {name} --> is used {found.count(name)} times; once only")
    return found


def expand(markdown: str, page: PageContext) -> str:
    """`markdown` with every marker replaced by what it stands for on this page."""
    try:
        found = names(markdown)
    except MarkerError as error:
        raise MarkerError(f"{page.src_uri}: {error}") from None
    expanded = MARKER.sub(lambda match: MARKERS[match.group(1)](page), markdown)
    if page.worksheet is not None and "worksheet-form" not in found:
        expanded = f"{expanded.rstrip()}{_worksheet_form(page)}"
    return expanded


def prepare_page(markdown: str, page: PageContext) -> str:
    """A page's Markdown as the build renders it: markers expanded, the glossary's hover
    definitions appended, and a worksheet page's runtime tags put in its front matter."""
    worksheet = page.worksheet
    if worksheet is not None:
        runtime, reader = page.build.runtime, page.build.code_reader
        # The answer-code reader (jsQR) runs before PyScript: the page's Python calls it.
        reader_tags = reader.tags(page.url) if answer_code.supports(worksheet) else ""
        page.meta["ef_runtime"] = {
            "head": runtime.head_tags(page.url, worksheet.id),
            "body": reader_tags + runtime.body_tags(page.url, worksheet.id),
        }
    expanded = expand(markdown, page)
    return f"{expanded.rstrip()}\n\n{glossary.abbreviations(page.build.terms)}\n"
