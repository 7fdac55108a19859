"""The check-in log: one short entry per check-in, kept as one file that grows over time.

Its results are the trend: how comfortable each partner has felt, and whether boundaries
were respected, check-in after check-in. It also writes the next check-in as a calendar
event (.ics), worded so that nothing private shows in a synced calendar.
"""

import binascii
import hashlib
from datetime import date, datetime, timezone

from worksheets import results
from worksheets.schema import Field, Option, Section, Worksheet

COMFORT = ("Very uneasy", "Very comfortable")
RESPECTED = {"all": "Yes, all of them", "mostly": "Mostly", "no": "No, one or more were crossed"}

CHECK_IN = Worksheet(
    id="check_in",
    title="Check-in log",
    version=1,
    summary=(
        "A short entry every few weeks: how each of you feels, whether boundaries held, and "
        "what to change; the log shows the trend and sets a reminder for the next one."
    ),
    document_title="Our check-in log",
    intro=(
        "Sit down together, fill in one entry, and add it to the log. Keep it candid and kind: "
        "describe what happened and how it felt, without blame, and end with something you "
        "will do. Download the log as JSON (a file only this site reads back) and import it "
        "next time to carry on."
    ),
    log=True,
    entry_title="Check-in on {date}",
    features=("results", "calendar"),
    sections=(
        Section(
            id="when",
            title="This check-in",
            fields=(Field("date", "Date of this check-in", kind="date", lines=1),),
        ),
        Section(
            id="feelings",
            title="How it feels",
            fields=(
                Field(
                    "comfort_a",
                    "Partner A: how comfortable do you feel with how things are going?",
                    kind="scale",
                    scale_labels=COMFORT,
                    lines=1,
                ),
                Field(
                    "comfort_b",
                    "Partner B: how comfortable do you feel with how things are going?",
                    kind="scale",
                    scale_labels=COMFORT,
                    lines=1,
                ),
                Field(
                    "boundaries",
                    "Were your boundaries respected since the last check-in?",
                    kind="choice",
                    options=tuple(Option(v, label) for v, label in RESPECTED.items()),
                    lines=1,
                ),
            ),
        ),
        Section(
            id="talk",
            title="What you talked about",
            fields=(
                Field("felt_good", "What felt good"),
                Field("adjust", "What to adjust"),
                Field("agreed_changes", "Changes you agreed on"),
                Field(
                    "renegotiations",
                    "Renegotiations made",
                    help="Any part of your agreement you changed: write down the new version.",
                ),
            ),
        ),
        Section(
            id="next",
            title="Next time",
            fields=(Field("next_date", "Date of the next check-in", kind="date", lines=1),),
        ),
    ),
)


def by_date(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    """Entries oldest first; undated ones keep their order, after the dated ones."""
    dated = sorted((e for e in entries if e.get("date")), key=lambda e: e["date"])
    return dated + [e for e in entries if not e.get("date")]


def _comfort(entry: dict[str, str], key: str) -> int | None:
    value = entry.get(key, "")
    return int(value) if value in ("1", "2", "3", "4", "5") else None


_LEFT, _RIGHT, _TOP, _BOTTOM = 60, 620, 40, 230


def chart(entries: list[dict[str, str]]) -> str:
    """Comfort of each partner over time (1 to 5), and a row of boundary marks underneath."""
    shown = by_date(entries)
    count = len(shown)
    step = (_RIGHT - _LEFT) / max(count - 1, 1)

    def x(i: int) -> float:
        return _LEFT + (step * i if count > 1 else (_RIGHT - _LEFT) / 2)

    def y(score: int) -> float:
        return _BOTTOM - (score - 1) / 4 * (_BOTTOM - _TOP)

    body = [results.legend(_LEFT, 20, "Partner A", "Partner B")]
    for score in range(1, 6):
        body.append(
            f'<line x1="{_LEFT}" y1="{results.fixed(y(score), 1)}" x2="{_RIGHT}" y2="{results.fixed(y(score), 1)}" '
            f'stroke="currentColor" stroke-opacity="0.2"/>'
        )
        body.append(results.text(_LEFT - 12, y(score) + 4, str(score), anchor="end"))
    for key, partner, colour in (
        ("comfort_a", "a", results.COLOUR_A),
        ("comfort_b", "b", results.COLOUR_B),
    ):
        points = [(x(i), y(v)) for i, e in enumerate(shown) if (v := _comfort(e, key)) is not None]
        if len(points) > 1:
            path = " ".join(f"{results.fixed(px, 1)},{results.fixed(py, 1)}" for px, py in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
        for i, entry in enumerate(shown):
            value = _comfort(entry, key)
            if value is not None:
                who = "Partner A" if partner == "a" else "Partner B"
                label = f"{entry.get('date') or 'undated'}: {who} comfort {value}"
                body.append(results.marker(x(i), y(value), partner, label))
    marks = {"all": "✓", "mostly": "~", "no": "✗"}
    body.append(results.text(8, _BOTTOM + 34, "Boundaries"))
    for i, entry in enumerate(shown):
        mark = marks.get(entry.get("boundaries", ""), "·")
        body.append(results.text(x(i), _BOTTOM + 34, mark, anchor="middle", weight="bold"))
        body.append(
            results.text(x(i), _BOTTOM + 56, entry.get("date", "")[5:] or "?", anchor="middle")
        )
    description = "; ".join(
        f"{e.get('date') or 'undated'}: A {results.number(_comfort(e, 'comfort_a'), 0)}, "
        f"B {results.number(_comfort(e, 'comfort_b'), 0)}, boundaries "
        f"{RESPECTED.get(e.get('boundaries', ''), 'not answered').lower()}"
        for e in shown
    )
    return results.svg_document(
        640,
        _BOTTOM + 70,
        "Comfort and boundaries, check-in by check-in",
        description,
        "".join(body),
    )


def trend(entries: list[dict[str, str]]) -> results.Results:
    """The log's results: averages, boundaries respected, and the table behind the chart."""
    shown = by_date(entries)
    if not shown:
        return results.Results("## Trend\n\nAdd a check-in to the log to see the trend here.\n")
    averages = []
    for key, who in (("comfort_a", "Partner A"), ("comfort_b", "Partner B")):
        values = [v for e in shown if (v := _comfort(e, key)) is not None]
        if values:
            averages.append(
                f"{who}'s comfort averaged {results.fixed(results.mean(values), 1)} out of 5 ({len(values)} answered)"
            )
    answered = [e["boundaries"] for e in shown if e.get("boundaries") in RESPECTED]
    respected = sum(1 for value in answered if value == "all")
    sentence = f"Across {len(shown)} check-in{'s' if len(shown) != 1 else ''}: "
    sentence += "; ".join(averages) if averages else "no comfort ratings yet"
    if answered:
        sentence += f". Boundaries were fully respected at {respected} of {len(answered)} answered."
    rows = [
        (
            e.get("date") or "undated",
            results.number(_comfort(e, "comfort_a"), 0),
            results.number(_comfort(e, "comfort_b"), 0),
            RESPECTED.get(e.get("boundaries", ""), "not answered"),
        )
        for e in shown
    ]
    table = results.table(("Date", "Partner A", "Partner B", "Boundaries respected"), rows)
    return results.Results(f"## Trend\n\n{sentence}\n\n{table}\n", chart(shown))


def next_date(entries: list[dict[str, str]], draft: dict[str, str]) -> str:
    """The next check-in date: the one in the form, else the latest entry's."""
    if draft.get("next_date"):
        return draft["next_date"]
    dated = [e for e in by_date(entries) if e.get("next_date")]
    return dated[-1]["next_date"] if dated else ""


def _fold(line: str) -> str:
    """RFC 5545 folding: lines of at most 75 octets, continued with a leading space."""
    raw = line.encode("utf-8")
    parts: list[str] = []
    start = 0
    while start < len(raw):
        end = min(start + (75 if not parts else 74), len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # never split a UTF-8 character
            end -= 1
        parts.append(raw[start:end].decode("utf-8"))
        start = end
    return "\r\n ".join(parts)


def _compact(day: date) -> str:
    """A date as iCalendar writes it, 20261204 (MicroPython's datetime has no strftime)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def calendar_event(when: str, now: datetime | None = None) -> str:
    """An all-day calendar event for the next check-in, with a neutral title and no details.

    Calendars are often synced to someone else's servers and seen by others, so the event
    says only "Check-in together".
    """
    day = date.fromisoformat(when)
    moment = now or datetime.now(timezone.utc)
    stamp = _compact(moment) + f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"
    digest = hashlib.sha256(f"equal-footing-check-in-{when}".encode()).digest()
    uid = binascii.hexlify(digest).decode()[:24]
    following = date.fromordinal(day.toordinal() + 1)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Equal Footing//Check-in log//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}@equal-footing.local",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_compact(day)}",
        f"DTEND;VALUE=DATE:{_compact(following)}",
        "SUMMARY:Check-in together",
        "DESCRIPTION:Time for our next check-in. Bring the log file.",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
