"""Page markers: one syntax, one table; Markdown in, the exact Markdown the build renders out."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

import worksheets
from site_build import glossary, markers, offline, templates, worksheet_pages
from site_build.code_reader import CodeReader
from site_build.forms import FORGET_BUTTON, render_form
from site_build.runtime import MICROPYTHON_PACKAGE, Runtime

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """A build context with two glossary terms and the real runtime's files (no bytecode)."""
    path = tmp_path_factory.mktemp("glossary") / "glossary.yml"
    path.write_text(
        "- term: Pause signal\n  definition: A word that stops everything.\n"
        "- term: Consent\n  definition: A yes.\n  tooltip: false\n",
        encoding="utf-8",
    )
    modules = ROOT / "node_modules"
    runtime = Runtime(
        modules / MICROPYTHON_PACKAGE, modules / "@pyscript" / "core", "1", "2", {"page.mpy": b"M"}
    )
    reader = CodeReader(modules / "jsqr" / "dist" / "jsQR.js", "3")
    return markers.BuildContext(tuple(glossary.load(path)), runtime, reader)


def _page(build, url="guide/", src_uri="guide.md", **meta):
    return markers.PageContext(url, src_uri, dict(meta), build)


ABBR = "*[Pause signal]: A word that stops everything."


# -- The syntax and the table -----------------------------------------------------------------


def test_every_marker_the_docs_use_is_in_the_table_and_every_entry_is_used():
    used = [name for page in DOCS.rglob("*.md") for name in markers.names(page.read_text())]
    assert sorted(set(used)) == sorted(markers.MARKERS)


def test_markers_are_found_in_order_and_ordinary_comments_are_not_markers():
    text = "<!-- templates -->\n<!-- a note to editors -->\n<!--glossary-->\n<!-- TODO -->\n"
    assert markers.names(text) == ["templates", "glossary"]


def test_an_unknown_marker_is_refused_with_the_list_of_known_ones(build):
    with pytest.raises(markers.MarkerError) as refused:
        markers.expand("# Glossary\n\n<!-- glosary -->\n", _page(build, src_uri="glossary.md"))
    message = str(refused.value)
    assert message.startswith("glossary.md: unknown marker <!-- glosary -->; the markers are ")
    assert "<!-- glossary -->" in message
    assert "more than one word" in message


def test_a_marker_used_twice_is_refused(build):
    with pytest.raises(markers.MarkerError, match=r"^a\.md: <!-- glossary --> is used 2 times"):
        markers.expand("<!-- glossary -->\n\n<!-- glossary -->\n", _page(build, src_uri="a.md"))


# -- Each marker ----------------------------------------------------------------------------


def test_a_page_without_markers_is_unchanged(build):
    assert markers.expand("# Guide\n\nText.\n", _page(build)) == "# Guide\n\nText.\n"


def test_glossary_marker_becomes_the_definition_list(build):
    out = markers.expand("# Glossary\n\n<!-- glossary -->\n", _page(build))
    assert out == (
        "# Glossary\n\n"
        "Consent { #consent }\n:   A yes.\n\n"
        "Pause signal { #pause-signal }\n:   A word that stops everything.\n"
    )


def test_worksheet_index_marker_becomes_one_line_per_worksheet(build):
    out = markers.expand("# Worksheets\n\n<!-- worksheet-index -->\n", _page(build))
    lines = [
        f"- **[{ws.title}]({ws.id}.md)**: {ws.summary}" for ws in worksheets.catalogue().values()
    ]
    assert out == "# Worksheets\n\n" + "\n".join(lines) + "\n"


def test_templates_marker_becomes_the_list_relative_to_the_page(build):
    page = _page(build, "templates/", "templates.md")
    out = markers.expand("# Templates\n\n<!-- templates -->\n", page)
    assert out == "# Templates\n\n" + templates.templates_list("templates/", "templates.md") + "\n"
    assert '<a href="agreement-a4.pdf" download>PDF, A4</a>' in out
    assert "[Fill it in online instead](worksheets/agreement.md)" in out


@pytest.mark.parametrize(
    ("name", "block"),
    [("forget-everything", FORGET_BUTTON), ("offline-controls", offline.controls_html())],
)
def test_html_markers_become_raw_html_blocks(build, name, block):
    out = markers.expand(f"Intro.\n<!-- {name} -->\nAfter.\n", _page(build, "privacy/"))
    assert out == f"Intro.\n\n\n{block}\n\n\nAfter.\n"


def test_worksheet_form_marker_becomes_the_form_and_its_template_links(build):
    page = _page(build, "worksheets/agreement/", "worksheets/agreement.md", worksheet="agreement")
    out = markers.expand("# Agreement\n\n<!-- worksheet-form -->\n\nAfter.\n", page)
    agreement = worksheets.get("agreement")
    block = render_form(agreement) + templates.worksheet_links(agreement, "worksheets/agreement/")
    assert block == worksheet_pages.form_block(agreement, "worksheets/agreement/")
    assert out == f"# Agreement\n\n\n\n{block}\n\n\n\nAfter.\n"
    assert 'href="../../templates/agreement-a4.pdf"' in out


def test_a_worksheet_page_without_the_marker_gets_its_form_at_the_end(build):
    page = _page(build, "w/", "w.md", worksheet="agreement")
    block = worksheet_pages.form_block(worksheets.get("agreement"), "w/")
    assert markers.expand("# Agreement\n\nText.\n", page) == f"# Agreement\n\nText.\n\n{block}\n\n"


def test_the_form_marker_on_a_page_naming_no_worksheet_is_refused(build):
    with pytest.raises(markers.MarkerError, match=r"^x\.md: .* names no worksheet"):
        markers.expand("<!-- worksheet-form -->\n", _page(build, src_uri="x.md"))


def test_a_page_naming_an_unknown_worksheet_stops_the_build(build):
    page = _page(build, src_uri="x.md", worksheet="agremeent")
    with pytest.raises(markers.MarkerError, match=r"^x\.md: no worksheet 'agremeent'"):
        markers.prepare_page("# X\n", page)


# -- The whole page ---------------------------------------------------------------------------


def test_a_guide_page_gets_the_hover_definitions_and_no_runtime(build):
    page = _page(build)
    assert markers.prepare_page("# Guide\n\nUse the pause signal.\n\n\n", page) == (
        f"# Guide\n\nUse the pause signal.\n\n{ABBR}\n"
    )
    assert page.meta == {}


def test_the_glossary_page_gets_its_list_then_the_hover_definitions(build):
    out = markers.prepare_page("# Glossary\n\nIntro.\n\n<!-- glossary -->\n", _page(build))
    assert out == (
        "# Glossary\n\nIntro.\n\n"
        "Consent { #consent }\n:   A yes.\n\n"
        "Pause signal { #pause-signal }\n:   A word that stops everything.\n\n"
        f"{ABBR}\n"
    )


def test_hover_definitions_render_as_abbreviations_only_for_listed_forms(build):
    out = markers.prepare_page("Consent first, then a Pause signal.", _page(build))
    html = markdown.markdown(out, extensions=["abbr"])
    assert html == (
        '<p>Consent first, then a <abbr title="A word that stops everything.">Pause signal'
        "</abbr>.</p>"
    )


def test_a_worksheet_page_gets_the_runtime_tags(build):
    page = _page(build, "worksheets/agreement/", "worksheets/agreement.md", worksheet="agreement")
    markers.prepare_page("<!-- worksheet-form -->\n", page)
    assert page.meta["ef_runtime"] == {
        "head": build.runtime.head_tags("worksheets/agreement/", "agreement"),
        "body": build.runtime.body_tags("worksheets/agreement/", "agreement"),
    }


def test_only_a_page_with_an_answer_code_gets_the_code_reader_first(build):
    url = "worksheets/balance_check/"
    page = _page(build, url, "worksheets/balance_check.md", worksheet="balance_check")
    markers.prepare_page("<!-- worksheet-form -->\n", page)
    body = page.meta["ef_runtime"]["body"]
    assert body == build.code_reader.tags(url) + build.runtime.body_tags(url, "balance_check")
    assert re.match(
        r'<script src="\.\./\.\./assets/javascripts/ef-code-reader\.js" '
        r'data-jsqr="\.\./\.\./runtime/jsqr-3/jsQR\.js"></script>',
        body,
    )
