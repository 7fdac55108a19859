"""The check-in log: one short entry per check-in, kept as one file that grows over time.

Each partner says apart how it feels for them (comfort, whether their boundaries were
respected, what they need next time); the rest of an entry is written together. An entry of
the log is a record of both partners (`comfort_a`, `comfort_b`, ...). Its results are the
trend: how comfortable each partner has felt, and whether each partner's boundaries were
respected, check-in after check-in. It also writes the next check-in as a calendar
event (.ics), worded so that nothing private shows in a synced calendar.
"""

import binascii
import hashlib
from datetime import date, datetime, timezone

from worksheets import pairs, results
from worksheets.common import answering
from worksheets.render import escape_inline, words
from worksheets.schema import SCALE_VALUES, Field, Option, Section, Worksheet, record_id

COMFORT = ("Very uneasy", "Very comfortable")
RESPECTED = {"all": "Yes, all of them", "mostly": "Mostly", "no": "No, one or more were crossed"}
#: RESPECTED's answers in the order the form offers them (a dict keeps no order in MicroPython).
RESPECTED_ORDER = ("all", "mostly", "no")

CHECK_IN = Worksheet(
    id="check_in",
    title="Check-in log",
    version=2,
    summary=(
        "A short entry every few weeks: how each of you feels, whether boundaries held, and "
        "what to change; the log shows the trend and sets a reminder for the next one."
    ),
    document_title="Our check-in log",
    intro=(
        "Each of you first says, on your own, how things feel for you. Then sit down together, "
        "compare, talk, and fill in the rest of the entry before you add it to the log. Keep it "
        "candid and kind: describe what happened and how it felt, without blame, and end with "
        "something you will do. Download the log as JSON (a file only this site reads back) and "
        "import it next time to carry on."
    ),
    log=True,
    entry_title="Check-in on {date}",
    identity=("role",),
    role="role",
    features=("results", "calendar", "compare"),
    # Version 1 asked once, together, whether "your" boundaries were respected: that answer
    # is read as each partner's own.
    former_fields=(("boundaries", ("respected_a", "respected_b")),),
    sections=(
        Section(
            id="when",
            title="This check-in",
            fields=(Field("date", "Date of this check-in", kind="date", lines=1),),
        ),
        answering(
            "How it feels is yours to say: answer that part on your own, then compare before "
            "you talk. The rest of the entry you write together."
        ),
        Section(
            id="feelings",
            title="How it feels for you",
            fields=(
                Field(
                    "comfort",
                    "How comfortable do you feel with how things are going?",
                    kind="scale",
                    scale_labels=COMFORT,
                    lines=1,
                    worry=("1", "2"),
                ),
                Field(
                    "respected",
                    "Were my boundaries respected since the last check-in?",
                    kind="choice",
                    options=tuple(Option(v, RESPECTED[v]) for v in RESPECTED_ORDER),
                    lines=1,
                    worry=("no",),
                ),
                Field("need_next", "One thing I need next time", kind="line", lines=1),
            ),
            apart=True,
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

#: Each partner: the role their answers sit under in a record, and their name as people read it.
PARTNERS = (("a", "Partner A"), ("b", "Partner B"))


def by_date(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    """Entries oldest first; undated ones keep their order, after the dated ones."""
    dated = sorted((e for e in entries if e.get("date")), key=lambda e: e["date"])
    return dated + [e for e in entries if not e.get("date")]


def _comfort(entry: dict[str, str], key: str) -> int | None:
    value = entry.get(key, "")
    return int(value) if value in ("1", "2", "3", "4", "5") else None


def _respected(entry: dict[str, str], role: str) -> str:
    """How one partner answered whether their boundaries were respected ("" if not at all)."""
    value = entry.get(record_id("respected", role), "")
    return value if value in RESPECTED else ""


def _respected_words(value: str) -> str:
    return RESPECTED.get(value, "not answered")


_LEFT, _RIGHT, _TOP, _BOTTOM = 60, 620, 40, 230
#: Where the rows of boundary marks sit under the comfort lines: each partner's, then dates.
_MARKS_A, _MARKS_B, _DATES = _BOTTOM + 52, _BOTTOM + 74, _BOTTOM + 98
_MARKS = {"all": "✓", "mostly": "~", "no": "✗"}


def chart(entries: list[dict[str, str]]) -> str:
    """Comfort of each partner over time (1 to 5), and under it a row of boundary marks for
    each partner: ✓ all respected, ~ mostly, ✗ one or more crossed, · not answered."""
    shown = by_date(entries)
    count = len(shown)
    step = (_RIGHT - _LEFT) / max(count - 1, 1)

    def x(i: int) -> float:
        return _LEFT + (step * i if count > 1 else (_RIGHT - _LEFT) / 2)

    def y(score: int) -> float:
        return _BOTTOM - (score - 1) / 4 * (_BOTTOM - _TOP)

    body = [results.legend(_LEFT, 20, "Partner A", "Partner B")]
    for score in range(1, 6):
        level = results.fixed(y(score), 1)
        body.append(results.line(_LEFT, level, _RIGHT, level))
        body.append(results.text(_LEFT - 12, y(score) + 4, str(score), anchor="end"))
    for partner, colour in (("a", results.COLOUR_A), ("b", results.COLOUR_B)):
        key = record_id("comfort", partner)
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
    body.append(results.text(8, _BOTTOM + 30, "Boundaries respected: ✓ all, ~ mostly, ✗ no"))
    for partner, row in (("a", _MARKS_A), ("b", _MARKS_B)):
        body.append(results.text(_LEFT - 12, row, partner.upper(), anchor="end", weight="bold"))
        for i, entry in enumerate(shown):
            mark = _MARKS.get(_respected(entry, partner), "·")
            body.append(results.text(x(i), row, mark, anchor="middle", weight="bold"))
    for i, entry in enumerate(shown):
        body.append(results.text(x(i), _DATES, entry.get("date", "")[5:] or "?", anchor="middle"))
    description = "; ".join(
        f"{e.get('date') or 'undated'}: comfort A {results.number(_comfort(e, 'comfort_a'), 0)}, "
        f"B {results.number(_comfort(e, 'comfort_b'), 0)}; boundaries respected A "
        f"{_respected_words(_respected(e, 'a')).lower()}, "
        f"B {_respected_words(_respected(e, 'b')).lower()}"
        for e in shown
    )
    return results.svg_document(
        640,
        _DATES + 14,
        "Comfort and boundaries for each of you, check-in by check-in",
        description,
        "".join(body),
    )


def trend(entries: list[dict[str, str]]) -> results.Results:
    """The log's results: each partner's comfort on average, how often each partner's
    boundaries were fully respected, and the table behind the chart."""
    shown = by_date(entries)
    if not shown:
        return results.Results("## Trend\n\nAdd a check-in to the log to see the trend here.\n")
    averages = []
    for role, who in PARTNERS:
        key = record_id("comfort", role)
        values = [v for e in shown if (v := _comfort(e, key)) is not None]
        if values:
            averages.append(
                f"{who}'s comfort averaged {results.fixed(results.mean(values), 1)} out of 5 ({len(values)} answered)"
            )
    sentence = f"Across {len(shown)} check-in{'s' if len(shown) != 1 else ''}: "
    sentence += "; ".join(averages) if averages else "no comfort ratings yet"
    sentence += "."
    for role, who in PARTNERS:
        answered = [value for e in shown if (value := _respected(e, role))]
        if answered:
            respected = sum(1 for value in answered if value == "all")
            sentence += (
                f" {who} felt their boundaries fully respected at {respected} of "
                f"{len(answered)} check-in{'s' if len(answered) != 1 else ''} answered."
            )
    rows = [
        (
            e.get("date") or "undated",
            results.number(_comfort(e, "comfort_a"), 0),
            results.number(_comfort(e, "comfort_b"), 0),
            _respected_words(_respected(e, "a")),
            _respected_words(_respected(e, "b")),
        )
        for e in shown
    ]
    header = (
        "Date",
        "Comfort, Partner A",
        "Comfort, Partner B",
        "Boundaries respected, Partner A",
        "Boundaries respected, Partner B",
    )
    table = results.table(header, rows)
    return results.Results(f"## Trend\n\n{sentence}\n\n{table}\n", chart(shown))


def compare_results(
    first: dict[str, str], second: dict[str, str], only_agreed: bool = False
) -> results.Results:
    """This check-in as each of you answered it, side by side, then item by item in buckets
    (`only_agreed`: only what you agree on)."""
    answers_a, answers_b = pairs.ordered(CHECK_IN, first, second)
    items = pairs.compared(CHECK_IN, first, second)
    by_item = [
        "### Item by item",
        "",
        pairs.items_markdown(items, only_agreed=only_agreed, level="####"),
    ]
    lines = ["## This check-in, side by side", ""]
    if not only_agreed:
        comfort, respected = CHECK_IN.field("comfort"), CHECK_IN.field("respected")
        rows = [
            (
                "Comfort",
                _comfort_words(answers_a.get("comfort", "")),
                _comfort_words(answers_b.get("comfort", "")),
            ),
            (
                "Boundaries respected",
                pairs.answer_words(respected, answers_a.get("respected", "")),
                pairs.answer_words(respected, answers_b.get("respected", "")),
            ),
        ]
        lines += [
            f"Comfort runs from 1 ({comfort.scale_labels[0].lower()}) to 5 "
            f"({comfort.scale_labels[1].lower()}).",
            "",
            results.table(("This check-in", "Partner A", "Partner B"), rows),
            "",
            "### What each of you needs next time",
            "",
        ]
        for answers, who in ((answers_a, "Partner A"), (answers_b, "Partner B")):
            need = " ".join(words(answers.get("need_next", "")))
            lines.append(f"- {who}: {escape_inline(need) if need else 'nothing written yet'}")
        lines.append("")
    return results.Results("\n".join(lines + by_item).rstrip() + "\n")


def _comfort_words(value: str) -> str:
    return f"{value} out of 5" if value in SCALE_VALUES else "not answered"


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
