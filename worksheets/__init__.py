"""Equal Footing's worksheets: each declared once, with the pure logic that serves it.

This package runs unchanged in CPython (tests and the site build) and in Pyodide (the
browser). It never touches the DOM: the bridge in `site_src/browser/` does that.
"""

from collections.abc import Callable

from worksheets import balance_check, check_in, labour_split
from worksheets.agreement import AGREEMENT
from worksheets.balance_check import BALANCE_CHECK
from worksheets.check_in import CHECK_IN
from worksheets.consent_map import CONSENT_MAP
from worksheets.conversation_scripts import CONVERSATION_SCRIPTS
from worksheets.health_safety import HEALTH_SAFETY
from worksheets.labour_split import LABOUR_SPLIT
from worksheets.new_partner import NEW_PARTNER
from worksheets.privacy_plan import PRIVACY_PLAN
from worksheets.results import Results
from worksheets.schema import Worksheet, validate

#: Every worksheet of the site, by id. The build renders a form for each page that names one.
_ALL = (
    AGREEMENT,
    BALANCE_CHECK,
    CHECK_IN,
    LABOUR_SPLIT,
    CONSENT_MAP,
    HEALTH_SAFETY,
    PRIVACY_PLAN,
    CONVERSATION_SCRIPTS,
    NEW_PARTNER,
)
WORKSHEETS: dict[str, Worksheet] = {ws.id: ws for ws in _ALL}


#: Worksheets that show results: their answers (a log: its list of entries) -> Results.
RESULTS: dict[str, Callable[..., Results]] = {
    "balance_check": balance_check.own_results,
    "check_in": check_in.trend,
    "labour_split": labour_split.split_results,
}

#: Worksheets that compare both partners' answers: (one's answers, the other's) -> Results.
COMPARE: dict[str, Callable[[dict[str, str], dict[str, str]], Results]] = {
    "balance_check": balance_check.compare_results,
}


def get(worksheet_id: str) -> Worksheet:
    """The worksheet with this id; KeyError names the known ones."""
    try:
        return WORKSHEETS[worksheet_id]
    except KeyError:
        known = ", ".join(sorted(WORKSHEETS))
        raise KeyError(f"no worksheet {worksheet_id!r} (known: {known})") from None


__all__ = ["COMPARE", "RESULTS", "WORKSHEETS", "Results", "Worksheet", "get", "validate"]
