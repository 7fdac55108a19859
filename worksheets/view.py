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
    """What a worksheet page holds: the form's answers, a log's entries, a partner's answers,
    and whether the couple chose to see only what they both agree on."""

    def __init__(
        self,
        answers: dict[str, str],
        entries: list[dict[str, str]] | None = None,
        partner: dict[str, str] | None = None,
        only_agreed: bool = False,
    ) -> None:
        self.answers = answers
        self.entries = [] if entries is None else entries
        self.partner = partner
        self.only_agreed = only_agreed


def untouched(worksheet: Worksheet) -> PageState:
    """The state of a page nobody has touched: every field unanswered ("", as the form reads
    with "No answer" chosen, boxes unticked and nothing typed), an empty log, no partner."""
    return PageState({item.id: "" for item in worksheet.fields()})


def results(worksheet: Worksheet, state: PageState) -> Results | None:
    """The results panel: a comparison once there is a partner, else one's own results."""
    if state.partner is not None and worksheet.id in worksheets.COMPARE:
        compare = worksheets.compare_of(worksheet.id)
        found = compare(state.answers, state.partner, state.only_agreed)
        if not worksheet.log:
            return found
        # A log: this check-in compared, then the trend of the check-ins already in it.
        trend = worksheets.results_of(worksheet.id)(state.entries)
        return Results(found.markdown + "\n" + trend.markdown, found.svg or trend.svg)
    if worksheet.id not in worksheets.RESULTS:
        return None
    return worksheets.results_of(worksheet.id)(state.entries if worksheet.log else state.answers)


def document(worksheet: Worksheet, state: PageState, with_results: bool) -> str:
    """The worksheet as Markdown: the preview's source and, with results, the download."""
    found = results(worksheet, state) if with_results else None
    extra = found.markdown if found else ""
    if worksheet.log:
        return render.log_to_markdown(worksheet, check_in.by_date(state.entries), extra)
    return render.to_markdown(worksheet, state.answers, extra, state.partner)


def results_html(found: Results) -> str:
    """The results panel's HTML: the chart (SVG with escaped labels), then its words."""
    return found.svg + render.to_html(found.markdown)


def _listed(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


def _private_part(worksheet: Worksheet, answers: dict[str, str]) -> str:
    if not any(item.private for item in worksheet.fields()):
        return ""
    if answers.get(worksheet.private_opt_in) == "yes":
        return "; your private answers, because you ticked to include them"
    return "; not your private answers (they stay out unless you tick to include them)"


#: What each kind of closed answer is called when a code carries it.
_KIND_WORDS = {"scale": "ratings", "share": "estimates", "choice": "choices", "check": "ticks"}


def reveals(worksheet: Worksheet, answers: dict[str, str], what: str) -> str:
    """One line, before anything is shared, saying what a file (`what` "file") or an answer
    code ("code") made now would hold: nothing in it comes as a surprise."""
    if what == "code":
        kinds = []
        for item in worksheet.apart_fields():
            word = _KIND_WORDS.get(item.kind, "")
            if word and item.id != worksheet.private_opt_in and word not in kinds:
                kinds.append(word)
        return (
            f"What your code holds: your {_listed(kinds)} and whether you are Partner A or B; "
            f"no name, no notes{_private_part(worksheet, answers)}."
        )
    if worksheet.log:
        return (
            "What the file holds: every check-in in the log, with both partners' answers in "
            "each, and your answers to the check-in still in the form"
            f"{_private_part(worksheet, answers)}."
        )
    if not worksheet.answered_apart:
        return f"What the file holds: every answer on this page{_private_part(worksheet, answers)}."
    return (
        "What the file holds: your own answers, your role and anything written together on "
        f"this page, not your partner's{_private_part(worksheet, answers)}."
    )
