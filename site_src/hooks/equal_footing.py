"""MkDocs hooks for Equal Footing. Wiring only: the logic lives in `site_build`, unit-tested."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from site_build import contract_js, csp, markers, offline, quick_exit, templates
from site_build.runtime import RuntimeMissing
from worksheets import contract

PROJECT = Path(__file__).resolve().parents[2]
#: The page's Python, imported by the `<script type="py">` of every worksheet page.
BRIDGE = PROJECT / "site_src" / "browser" / "worksheet_page.py"

#: Loaded once when the build starts (`on_config`), shared by every page.
_build: markers.BuildContext | None = None


def _context() -> markers.BuildContext:
    if _build is None:
        raise PluginError("the Equal Footing hook was not configured (on_config did not run)")
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build  # MkDocs hooks are module functions: this is their one piece of state
    try:
        quick_exit.destination(config.extra)
        # The page contract's names, for the theme's templates (partials/header.html).
        config.extra["contract"] = contract.for_scripts()
        _build = markers.BuildContext.load(PROJECT, BRIDGE)
    except (ValueError, RuntimeMissing) as error:
        raise PluginError(str(error)) from error
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, str(contract_js.SCRIPT), content=contract_js.script()))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    context = markers.PageContext(page.url, page.file.src_uri, page.meta, _context())
    try:
        return markers.prepare_page(markdown, context)
    except markers.MarkerError as error:
        raise PluginError(str(error)) from error


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    build = _context()
    build.runtime.write(site)
    build.code_reader.write(site)
    templates.write_all(site)
    # Last, in this order: the policies go into the final HTML, then the offline copy lists
    # (and hashes) every file exactly as it is served.
    try:
        csp.secure_site(site)
    except csp.CspError as error:
        raise PluginError(str(error)) from error
    offline.write(site, config.site_name, config.site_description or "")
