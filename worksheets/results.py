"""What a worksheet shows back: a chart drawn as SVG by Python, and the same facts as text.

Charts are plain SVG strings built here (no DOM, no JS library), with every label escaped,
so the bridge can place them in the page as they are. Every chart comes with Markdown that
says the same thing in words and a table: the text equivalent for screen readers and print.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from worksheets.render import escape_inline

#: Partner A and Partner B are told apart by shape as well as colour (circle / diamond), so
#: the charts read in greyscale and for colour-blind readers; both colours pass 3:1 on white
#: and on Material's dark slate background.
COLOUR_A = "#7e57c2"
COLOUR_B = "#00897b"


def mean(values: Iterable[float]) -> float:
    """statistics.fmean, exactly (fsum / count), without importing `statistics`.

    `statistics` pulls in `fractions`, `decimal` and `numbers`, which Pyodide compiles from
    source on every page load: over 100 ms before a worksheet is ready (BENCHMARKS.md).
    """
    values = list(values)
    if not values:
        raise ValueError("mean requires at least one value")
    return math.fsum(values) / len(values)


@dataclass(frozen=True)
class Results:
    """A worksheet's results: Markdown (headings, sentences, a table) and an optional chart."""

    markdown: str
    svg: str = ""


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
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="currentColor">{escape(words)}</text>'
    )


def marker(x: float, y: float, partner: str, label: str) -> str:
    """Partner A's circle or Partner B's diamond, with a tooltip naming what it shows."""
    tip = f"<title>{escape(label)}</title>"
    if partner == "a":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{COLOUR_A}">{tip}</circle>'
    points = f"{x:.1f},{y - 8:.1f} {x + 8:.1f},{y:.1f} {x:.1f},{y + 8:.1f} {x - 8:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{COLOUR_B}">{tip}</polygon>'


def legend(x: float, y: float, name_a: str, name_b: str = "") -> str:
    """Who is which marker; with no second name, only the first partner's."""
    shown = marker(x, y - 4, "a", name_a) + text(x + 14, y, name_a)
    if name_b:
        shown += marker(x + 180, y - 4, "b", name_b) + text(x + 194, y, name_b)
    return shown


def table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    """A Markdown table; cells are escaped so a typed name cannot break the table."""

    def cell(value: str) -> str:
        return escape_inline(" ".join(value.split()))

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def number(value: float | None, digits: int = 1) -> str:
    return "not answered" if value is None else f"{value:.{digits}f}"
