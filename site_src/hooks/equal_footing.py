"""MkDocs hooks for Equal Footing. Wiring only: the logic lives in `site_build`, unit-tested."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from site_build import csp, glossary, offline, quick_exit, templates, worksheet_pages
from site_build.code_reader import CodeReader
from site_build.runtime import Runtime, RuntimeMissing

PROJECT = Path(__file__).resolve().parents[2]
_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        worksheet_pages.validate_all()
        quick_exit.destination(config.extra)
        _state["terms"] = glossary.load(PROJECT / "site_src" / "content" / "glossary.yml")
        _state["runtime"] = Runtime.locate(
            PROJECT, PROJECT / "site_src" / "browser" / "worksheet_page.py"
        )
        _state["code_reader"] = CodeReader.locate(PROJECT)
    except (ValueError, RuntimeMissing) as error:
        raise PluginError(str(error)) from error
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        worksheet_pages.prepare(page.meta, markdown, page.url, _state["runtime"])
        _state["code_reader"].add_tags(page.meta, page.url)
    except worksheet_pages.WorksheetPageError as error:
        raise PluginError(str(error)) from error
    markdown = worksheet_pages.expand_index(markdown)
    markdown = templates.apply(markdown, page.url, page.file.src_uri)
    return glossary.apply(markdown, _state["terms"])


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = offline.insert_controls(html)
    return worksheet_pages.insert_form(html, page.meta, page.url)


def on_post_build(config: MkDocsConfig) -> None:
    _state["runtime"].write(Path(config.site_dir))
    _state["code_reader"].write(Path(config.site_dir))
    templates.write_all(Path(config.site_dir))
    # Last, in this order: the policies go into the final HTML, then the offline copy lists
    # (and hashes) every file exactly as it is served.
    try:
        csp.secure_site(Path(config.site_dir))
    except csp.CspError as error:
        raise PluginError(str(error)) from error
    offline.write(Path(config.site_dir), config.site_name, config.site_description or "")
