"""Equal Footing's worksheets: each declared once, with the pure logic that serves it.

This package runs unchanged in CPython (tests and the site build) and in MicroPython (the
browser). It never touches the DOM: the bridge in `site_src/browser/` does that.

A worksheet is declared in the module of its id, as the constant of that name in capitals
(`worksheets.agreement.AGREEMENT`), and imported only when asked for: a worksheet page loads
its own declaration, not all nine (on a phone every module imported is time the page waits).
"""

#: Names for the type checker only: MicroPython, which runs this in the page, has no `typing`.
#: (Nothing else is imported here: the page imports this package before anything else, and
#: every import is main-thread time on a phone.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from worksheets.results import Results
    from worksheets.schema import Worksheet

#: Every worksheet of the site, by id, in the order the site lists them.
IDS = (
    "agreement",
    "balance_check",
    "check_in",
    "labour_split",
    "consent_map",
    "health_safety",
    "privacy_plan",
    "conversation_scripts",
    "new_partner",
)

#: Worksheets that show results: the function of their module that draws them from their
#: answers (a log: its list of entries).
RESULTS = {
    "balance_check": "own_results",
    "check_in": "trend",
    "labour_split": "split_results",
    "consent_map": "own_results",
    "new_partner": "own_results",
}

#: Worksheets that compare both partners' answers:
#: (one's answers, the other's, only_agreed=False) -> Results.
COMPARE = {
    "balance_check": "compare_results",
    "check_in": "compare_results",
    "labour_split": "compare_results",
    "consent_map": "compare_results",
    "new_partner": "compare_results",
}

_LOADED: "dict[str, Worksheet]" = {}


def _module(worksheet_id: str) -> object:
    if worksheet_id not in IDS:
        raise KeyError(f"no worksheet {worksheet_id!r} (known: {', '.join(sorted(IDS))})")
    return __import__("worksheets." + worksheet_id, None, None, [worksheet_id.upper()])


def get(worksheet_id: str) -> "Worksheet":
    """The worksheet with this id, its module imported on first use; KeyError names the known
    ones."""
    if worksheet_id not in _LOADED:
        _LOADED[worksheet_id] = getattr(_module(worksheet_id), worksheet_id.upper())
    return _LOADED[worksheet_id]


def catalogue() -> "dict[str, Worksheet]":
    """Every worksheet of the site, by id, in the site's order (the build renders them all)."""
    return {worksheet_id: get(worksheet_id) for worksheet_id in IDS}


def results_of(worksheet_id: str) -> "Callable[..., Results]":
    """What draws this worksheet's results (KeyError if it shows none)."""
    return getattr(_module(worksheet_id), RESULTS[worksheet_id])  # type: ignore[no-any-return]


def compare_of(worksheet_id: str) -> "Callable[..., Results]":
    """What compares both partners' answers to this worksheet, as (first, second,
    only_agreed=False) -> Results (KeyError if it compares none)."""
    return getattr(_module(worksheet_id), COMPARE[worksheet_id])  # type: ignore[no-any-return]


__all__ = ["COMPARE", "IDS", "RESULTS", "catalogue", "compare_of", "get", "results_of"]
