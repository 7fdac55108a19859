"""The guide in Chromium: glossary tooltips, and every page photographed on a phone, light and dark.

The screenshots land in build/screenshots/ (not committed) for a person to look at; the
test itself checks what a machine can: nothing wider than the phone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
pytestmark = pytest.mark.browser


def glossary_definitions() -> dict[str, str]:
    entries = yaml.safe_load((ROOT / "site_src" / "content" / "glossary.yml").read_text())
    return {e["term"]: " ".join(e["definition"].split()) for e in entries}


def test_hovering_a_glossary_term_shows_its_definition(page, site_url):
    page.goto(f"{site_url}guide/patterns/")
    term = page.locator("article abbr[title]").first
    definition = term.get_attribute("title")
    assert definition in glossary_definitions().values()
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == definition


def _pages(site: Path) -> list[str]:
    return sorted(
        "" if p.parent == site else f"{p.parent.relative_to(site).as_posix()}/"
        for p in site.rglob("index.html")
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_fits_a_phone_in_both_themes(browser, built_site, site_url, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme=scheme)
    # Layout is what is looked at here; the worksheets' Python is tested elsewhere, so its
    # runtime is not fetched (the form is plain HTML and lays out without it).
    context.route("**/runtime/**", lambda route: route.abort())
    page = context.new_page()
    folder = SHOTS / scheme
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for path in _pages(built_site.path):
            page.goto(site_url + path, wait_until="domcontentloaded")
            body = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
            assert (body == "rgb(255, 255, 255)") == (scheme == "light"), (path, body)
            wide = page.evaluate(
                "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
            )
            assert wide <= 0, f"{path or 'home'} scrolls sideways by {wide}px at 375px"
            name = (path.strip("/") or "home").replace("/", "-")
            page.screenshot(path=str(folder / f"{name}.png"))
    finally:
        context.close()


def test_a_guide_page_asks_for_each_file_once_and_arrives_compressed(audited, site_url):
    """The logo is drawn inline, so the page itself never loads the favicon (the browser's
    tab asks for it once, apart from the page: headless Chromium has no tab icon to fetch);
    and the server compresses text as a static host would, so Chromium receives Brotli."""
    page = audited.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{site_url}guide/patterns/", wait_until="load")
    urls = [response.url for response in responses]
    assert sorted(urls) == sorted(set(urls)), "a file was requested twice"
    assert not [url for url in urls if url.endswith("/favicon.svg")]
    document = next(r for r in responses if r.url.endswith("/guide/patterns/"))
    assert document.all_headers().get("content-encoding") == "br"
    audited.assert_private(page)
