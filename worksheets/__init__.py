"""Equal Footing's worksheets: each declared once, with the pure logic that serves it.

This package runs unchanged in CPython (tests and the site build) and in Pyodide (the
browser). It never touches the DOM: the bridge in `site_src/browser/` does that.
"""

from worksheets.agreement import AGREEMENT
from worksheets.schema import Worksheet, validate

#: Every worksheet of the site, by id. The build renders a form for each page that names one.
WORKSHEETS: dict[str, Worksheet] = {ws.id: ws for ws in (AGREEMENT,)}


def get(worksheet_id: str) -> Worksheet:
    """The worksheet with this id; KeyError names the known ones."""
    try:
        return WORKSHEETS[worksheet_id]
    except KeyError:
        known = ", ".join(sorted(WORKSHEETS))
        raise KeyError(f"no worksheet {worksheet_id!r} (known: {known})") from None


__all__ = ["WORKSHEETS", "Worksheet", "get", "validate"]
