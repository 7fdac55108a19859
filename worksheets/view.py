"""What a worksheet page shows, worked out without a browser: the preview and the results.

Both follow from the page's state: the answers in the form (a log: its entries) and, once
there is one, the partner's answers. The build works this out for the untouched form and
renders it into the page, so the preview is there at first paint; in the browser the bridge
renders again only what changed, and markdown-it is not needed before the first change.
"""

import worksheets
from worksheets import check_in, render
from worksheets.results import Results
from worksheets.schema import Record, Worksheet


class PageState(Record):
    """What a worksheet page holds: the form's answers, a log's entries, a partner's answers."""

    def __init__(
        self,
        answers: dict[str, str],
        entries: list[dict[str, str]] | None = None,
        partner: dict[str, str] | None = None,
    ) -> None:
        self.answers = answers
        self.entries = [] if entries is None else entries
        self.partner = partner


def untouched(worksheet: Worksheet) -> PageState:
    """The state of a page nobody has touched: every field unanswered ("", as the form reads
    with "No answer" chosen, boxes unticked and nothing typed), an empty log, no partner."""
    return PageState({item.id: "" for item in worksheet.fields()})


def results(worksheet: Worksheet, state: PageState) -> Results | None:
    """The results panel: a comparison once there is a partner, else one's own results."""
    if state.partner is not None and worksheet.id in worksheets.COMPARE:
        return worksheets.compare_of(worksheet.id)(state.answers, state.partner)
    if worksheet.id not in worksheets.RESULTS:
        return None
    return worksheets.results_of(worksheet.id)(state.entries if worksheet.log else state.answers)


def document(worksheet: Worksheet, state: PageState, with_results: bool) -> str:
    """The worksheet as Markdown: the preview's source and, with results, the download."""
    found = results(worksheet, state) if with_results else None
    extra = found.markdown if found else ""
    if worksheet.log:
        return render.log_to_markdown(worksheet, check_in.by_date(state.entries), extra)
    return render.to_markdown(worksheet, state.answers, extra)


def results_html(found: Results) -> str:
    """The results panel's HTML: the chart (SVG with escaped labels), then its words."""
    return found.svg + render.to_html(found.markdown)
