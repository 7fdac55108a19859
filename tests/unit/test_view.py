"""What a worksheet page shows for a state: the same in the build and in the browser."""

from __future__ import annotations

import subprocess
import sys

import pytest

import worksheets
from worksheets import render, view
from worksheets.view import PageState

ALL = list(worksheets.catalogue().values())


@pytest.mark.parametrize("worksheet", ALL, ids=lambda ws: ws.id)
def test_the_untouched_form_answers_nothing(worksheet):
    state = view.untouched(worksheet)
    assert set(state.answers) == {item.id for item in worksheet.fields()}
    assert not any(state.answers.values())
    assert (state.entries, state.partner) == ([], None)
    document = view.document(worksheet, state, with_results=False)
    assert document.startswith(f"# {worksheet.document_title or worksheet.title}")
    if not worksheet.log:
        assert render.UNANSWERED in document


def test_results_are_a_comparison_once_there_is_a_partner():
    sheet = worksheets.get("balance_check")
    rating = next(item.id for item in sheet.fields() if item.kind == "scale")
    mine = {**view.untouched(sheet).answers, rating: "2"}
    theirs = {**mine, rating: "5"}
    own = view.results(sheet, PageState(mine))
    compared = view.results(sheet, PageState(mine, partner=theirs))
    assert own == worksheets.results_of("balance_check")(mine)
    assert compared == worksheets.compare_of("balance_check")(mine, theirs)
    assert own != compared


def test_a_log_shows_its_entries_oldest_first_and_its_trend():
    sheet = worksheets.get("check_in")
    entries = [{"date": "2026-03-01"}, {"date": "2026-01-01"}]
    state = PageState(view.untouched(sheet).answers, entries)
    document = view.document(sheet, state, with_results=True)
    assert document.index("2026-01-01") < document.index("2026-03-01")
    assert view.results(sheet, state).markdown.strip() in document


def test_a_worksheet_without_results_has_none():
    sheet = worksheets.get("agreement")
    assert view.results(sheet, view.untouched(sheet)) is None
    assert view.document(sheet, view.untouched(sheet), with_results=True) == view.document(
        sheet, view.untouched(sheet), with_results=False
    )


def test_results_html_is_the_chart_then_its_words():
    sheet = worksheets.get("balance_check")
    found = view.results(sheet, view.untouched(sheet))
    html = view.results_html(found)
    assert html.startswith(found.svg)
    assert html.removeprefix(found.svg) == render.to_html(found.markdown)


def test_the_renderer_is_imported_only_when_something_is_rendered():
    """The browser imports `worksheets` at start-up; the Markdown renderer (worksheets.markup,
    the largest module) waits for the first preview, and the QR drawing for the first code."""
    probe = (
        "import sys, worksheets, worksheets.view as v\n"
        "s = worksheets.get('agreement'); v.document(s, v.untouched(s), False)\n"
        "print('worksheets.markup' in sys.modules, 'worksheets.qr' in sys.modules)\n"
        "worksheets.render.to_html('x')\n"
        "print('worksheets.markup' in sys.modules, 'markdown_it' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False", "True", "False"]
