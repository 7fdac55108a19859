"""Markdown of a filled and of an empty agreement, and typed text that stays text."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from worksheets import get
from worksheets.render import UNANSWERED, escape_text, preview_html, to_html, to_markdown

AGREEMENT = get("agreement")


def test_empty_agreement_is_a_blank_document_with_every_question():
    markdown = to_markdown(AGREEMENT, {})
    assert markdown.startswith("# Our written agreement\n\n## Who is agreeing\n")
    for section in AGREEMENT.sections:
        assert f"\n## {section.title}\n" in markdown
    for item in AGREEMENT.fields():
        assert f"\n**{item.label}**\n\n{UNANSWERED}\n" in markdown
    assert markdown.count(UNANSWERED) == len(list(AGREEMENT.fields()))
    assert "Between" not in markdown  # no byline without names
    assert markdown.endswith(f"_{AGREEMENT.closing}_\n")


def test_filled_agreement_markdown_exactly():
    answers = {
        "partner_a": "Sam",
        "partner_b": "R. *J*",
        "agreed_on": "2026-12-01",
        "pause_signal": "Pineapple",
        "boundaries_a": "No overnight stays.\n- Text me when you leave\n\nThat's all.",
    }
    markdown = to_markdown(AGREEMENT, answers)
    assert markdown.startswith(
        "# Our written agreement\n\n"
        "Between Sam and R. \\*J\\*\n\n"
        "Agreed on 2026-12-01\n\n"
        "## Who is agreeing\n\n"
        "**Partner A: name or initials**\n\nSam\n\n"
        "**Partner B: name or initials**\n\nR. \\*J\\*\n\n"
    )
    assert (
        "**Partner A's own boundaries**\n\n"
        "No overnight stays.\\\n\\- Text me when you leave\n\nThat's all.\n\n"
    ) in markdown
    assert "**The signal either of us uses to call a pause**\n\nPineapple\n" in markdown
    assert "Next review on" not in markdown


def test_preview_html_of_a_filled_answer_exactly():
    markdown = to_markdown(AGREEMENT, {"boundaries_a": "One\n- two\n\n<b>three</b>"})
    assert (
        "<p><strong>Partner A's own boundaries</strong></p>\n"
        "<p>One<br />\n- two</p>\n"
        "<p>&lt;b&gt;three&lt;/b&gt;</p>\n"
    ) in to_html(markdown)


@pytest.mark.parametrize(
    "hostile",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "![track](https://example.org/pixel.png)",
        "[click](javascript:alert(1))",
        "<https://example.org>",
        "&lt;b&gt;",
    ],
)
def test_typed_markup_never_becomes_markup(hostile):
    rendered = to_html(to_markdown(AGREEMENT, {"privacy": hostile}))
    assert "<img" not in rendered
    assert "<script" not in rendered
    assert "<a " not in rendered
    assert hostile in html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_images_are_never_rendered_even_from_our_own_markdown():
    # The preview renderer refuses images outright, so nothing typed can make the page fetch.
    assert "<img" not in to_html("![x](https://example.org/x.png)")


def _visible_text(rendered: str) -> str:
    text = rendered.replace("<br />\n", "\n").replace("</p>\n<p>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip("\n")


# Any character a person can type, weighted toward the ones Markdown gives meaning to.
TYPED = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029")
    | st.sampled_from(
        ["\n", " ", "\n\n", "#", "-", "1.", "*", "_", "`", "\\", "<", "&", "[", "|", ":-:"]
    ),
    max_size=40,
).map("".join)


@given(TYPED)
@example("1) first\n2) second")
@example("    indented code?")
@example("===\n---")
@example("a \\\nb")
@example("| a\n:-:")  # was a one-column table
def test_escaped_text_renders_as_exactly_what_was_typed(typed):
    expected = "\n".join(line.strip() for line in typed.split("\n") if line.strip())
    assert _visible_text(to_html(escape_text(typed))) == expected


def test_cards_layout_gives_one_card_per_section():
    from worksheets.schema import replace

    cards = replace(AGREEMENT, layout="cards")
    markdown = to_markdown(cards, {"pause_signal": "## not a heading"})
    shown = preview_html(cards, markdown)
    assert shown.count('<section class="ef-card">') == len(AGREEMENT.sections)
    assert shown.startswith("<h1>Our written agreement</h1>")
    assert "<p>## not a heading</p>" in shown
    assert "ef-card" not in preview_html(AGREEMENT, markdown)
