"""What a worksheet shows back: a chart drawn as SVG by Python, and the same facts as text.

Charts are plain SVG strings built here (no DOM, no JS library), with every label escaped,
so the bridge can place them in the page as they are. Every chart comes with Markdown that
says the same thing in words and a table: the text equivalent for screen readers and print.
"""

from html import escape

from worksheets.render import escape_inline, words
from worksheets.schema import Record

#: Names for the type checker only: MicroPython, which runs this in the page, has no `typing`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

#: Partner A and Partner B are told apart by shape as well as colour (circle / diamond), so
#: the charts read in greyscale and for colour-blind readers; both colours pass 3:1 on white
#: and on Material's dark slate background.
COLOUR_A = "#7e57c2"
COLOUR_B = "#00897b"


def mean(values: "Iterable[int]") -> float:
    """The mean of whole-number answers (ratings, shares): exact, as statistics.fmean is.

    Not `statistics` (it pulls in `fractions` and `decimal`, slow to load and missing in
    MicroPython) and not `math.fsum` (missing there too): a sum of ints is exact already.
    """
    values = list(values)
    if not values:
        raise ValueError("mean requires at least one value")
    return sum(values) / len(values)


def fixed(value: float, digits: int = 1) -> str:
    """`value` with `digits` decimals, as f"{value:.{digits}f}" writes it in CPython.

    Interpreters round ties differently when formatting (MicroPython writes 2.25 as "2.3",
    CPython as "2.2"); rounding to a whole number first, half to even, gives both CPython's
    answer for the values shown here (tests/unit/test_results.py compares them).
    """
    scale = 10**digits
    scaled = round(value * scale)
    sign = "-" if scaled < 0 or (scaled == 0 and value < 0) else ""
    whole, part = divmod(abs(scaled), scale)
    if not digits:
        return f"{sign}{whole}"
    decimals = str(part)
    return f"{sign}{whole}." + "0" * (digits - len(decimals)) + decimals


class Results(Record):
    """A worksheet's results: Markdown (headings, sentences, a table) and an optional chart."""

    def __init__(self, markdown: str, svg: str = "") -> None:
        self.markdown = markdown
        self.svg = svg


def svg_document(width: int, height: int, title: str, description: str, body: str) -> str:
    """An accessible, responsive SVG: role img, with its title and a description of the data."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="ef-chart-title ef-chart-desc" class="ef-chart" '
        f'font-family="sans-serif" font-size="13">'
        f'<title id="ef-chart-title">{escape(title)}</title>'
        f'<desc id="ef-chart-desc">{escape(description)}</desc>{body}</svg>'
    )


def text(x: float, y: float, words: str, anchor: str = "start", weight: str = "normal") -> str:
    return (
        f'<text x="{fixed(x, 1)}" y="{fixed(y, 1)}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="currentColor">{escape(words)}</text>'
    )


#: How a chart's lines are drawn: a light grid, a dashed threshold, the gap between two views.
GRID = 'stroke="currentColor" stroke-opacity="0.2"'
THRESHOLD = 'stroke="currentColor" stroke-dasharray="4 3"'
GAP = 'stroke="currentColor" stroke-width="3" stroke-opacity="0.45"'


def line(x1: object, y1: object, x2: object, y2: object, style: str = GRID) -> str:
    """An SVG line; coordinates as given (a `fixed` string or a whole number)."""
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" {style}/>'


def gap(x_a: float, x_b: float, y: int) -> str:
    """The line between both partners' markers on one row: how far apart they see it."""
    return line(fixed(x_a, 1), y, fixed(x_b, 1), y, GAP)


def marker(x: float, y: float, partner: str, label: str) -> str:
    """Partner A's circle or Partner B's diamond, with a tooltip naming what it shows."""
    tip = f"<title>{escape(label)}</title>"
    if partner == "a":
        return (
            f'<circle cx="{fixed(x, 1)}" cy="{fixed(y, 1)}" r="7" fill="{COLOUR_A}">{tip}</circle>'
        )
    points = f"{fixed(x, 1)},{fixed(y - 8, 1)} {fixed(x + 8, 1)},{fixed(y, 1)} {fixed(x, 1)},{fixed(y + 8, 1)} {fixed(x - 8, 1)},{fixed(y, 1)}"
    return f'<polygon points="{points}" fill="{COLOUR_B}">{tip}</polygon>'


def legend(x: float, y: float, name_a: str, name_b: str = "") -> str:
    """Who is which marker; with no second name, only the first partner's."""
    shown = marker(x, y - 4, "a", name_a) + text(x + 14, y, name_a)
    if name_b:
        shown += marker(x + 180, y - 4, "b", name_b) + text(x + 194, y, name_b)
    return shown


def table(header: tuple[str, ...], rows: "Iterable[tuple[str, ...]]") -> str:
    """A Markdown table; cells are escaped so a typed name cannot break the table."""

    def cell(value: str) -> str:
        return escape_inline(" ".join(words(value)))

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def number(value: float | None, digits: int = 1) -> str:
    return "not answered" if value is None else fixed(value, digits)
