"""The JSON file a worksheet downloads and imports: versioned, checked, and safe to refuse.

An imported file is untrusted: it may be broken, meant for another worksheet, written
by a newer version of the site, huge, or built to hurt. Every check here runs before
anything touches the form, and every refusal carries a message a worried person can act on.
"""

import json
from datetime import datetime, timezone

from worksheets.schema import Record, Worksheet

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for the type checker only: MicroPython has no `typing` module
    from worksheets.schema import Field

#: Marks our files, so a random JSON file is told apart from an Equal Footing one.
FORMAT = "equal-footing/worksheet"

#: A filled worksheet is a few kilobytes; a year of check-ins a few dozen. 512 KiB leaves room
#: and keeps a hostile file from freezing the page.
MAX_BYTES = 512 * 1024

#: Our documents nest three levels deep; anything past this is not ours (and deep nesting
#: can exhaust the interpreter's stack, which in Pyodide kills the page).
MAX_DEPTH = 16


class ImportRefused(ValueError):
    """A file that will not be imported, with a kind (for tests) and a message (for people)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


#: A check-in every week for eight years; more than that is not a log we wrote.
MAX_ENTRIES = 400


class Imported(Record):
    """What a valid file gives back: every field's answer (a log: every entry, and the
    answers of the entry still in its form)."""

    def __init__(
        self, answers: dict[str, str], saved: str, entries: tuple[dict[str, str], ...] = ()
    ) -> None:
        self.answers = answers
        self.saved = saved
        self.entries = entries


def to_json(
    worksheet: Worksheet,
    answers: dict[str, str] | list[dict[str, str]],
    saved: datetime | None = None,
    *,
    private: bool = False,
    draft: dict[str, str] | None = None,
) -> str:
    """Serialise to the versioned document; `from_json` gives back exactly what was shared.

    A worksheet's file holds its form's answers (private ones only if their author opted in);
    a log's file holds the list of its entries, each a record of both partners
    (`Worksheet.record_fields`), and the `draft` still in its form (the entry in progress:
    what the partner compares with, and what carries on after a break). `private=True` keeps
    private answers too: only for what stays on the author's own device.
    """
    moment = saved or datetime.now(timezone.utc)
    document: list[tuple[str, object]] = [
        ("format", FORMAT),
        ("worksheet", worksheet.id),
        ("version", worksheet.version),
        ("saved", utc_stamp(moment)),
    ]

    if worksheet.log:
        entries = answers if isinstance(answers, list) else [answers]
        order = [rid for rid, _item, _role in worksheet.record_fields()]
        document.append(
            (
                "entries",
                [
                    _in_order(order, entry if private else worksheet.shared_record(entry))
                    for entry in entries
                ],
            )
        )
        answers = draft or {}
    assert isinstance(answers, dict)
    if answers or not worksheet.log:
        order = [item.id for item in worksheet.fields()]
        if private:
            shared = {name: answers.get(name, "") for name in order}
        else:
            shared = worksheet.shared_answers(answers)
        document.append(("answers", _in_order(order, shared)))
    return json_text(document) + "\n"


def utc_stamp(moment: datetime) -> str:
    """ISO 8601 to the second in UTC, "2026-12-04T20:15:00+00:00", in every interpreter."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    offset = "+00:00" if moment.tzinfo is not None else ""
    return f"{day}T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}{offset}"


def _in_order(order: list[str], answers: dict[str, str]) -> list[tuple[str, object]]:
    """Answers in the form's order: a dict's own order is not kept in MicroPython."""
    return [(name, answers.get(name, "")) for name in order if name in answers]


#: How JSON writes the characters it must escape (the rest stay as typed: UTF-8 files).
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _json_string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char < " ":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def json_text(value: object, level: int = 0) -> str:
    """JSON as `json.dumps(value, ensure_ascii=False, indent=2)` writes it in CPython, where
    an object is a list of (key, value) pairs, so its order is the same in every interpreter
    (MicroPython's `json` has no indent and its dicts keep no order)."""
    pad, inner = "\n" + "  " * level, "\n" + "  " * (level + 1)
    if isinstance(value, str):
        return _json_string(value)
    if value is True or value is False or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, int):
        return str(value)
    if (
        isinstance(value, list)
        and value
        and all(
            isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)
            for pair in value
        )
    ):
        items = [_json_string(key) + ": " + json_text(item, level + 1) for key, item in value]
        return "{" + inner + ("," + inner).join(items) + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [json_text(item, level + 1) for item in value]
        return "[" + inner + ("," + inner).join(items) + pad + "]"
    raise TypeError(f"json_text cannot write {type(value).__name__}")


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting of JSON text, counted without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def check_size(size: int) -> None:
    """Refuse a file by its size alone, before it is read."""
    if size > MAX_BYTES:
        raise ImportRefused(
            "too_large",
            f"This file is {-(-size // 1024):,} KB, far larger than a worksheet file can be "
            f"(at most {MAX_BYTES // 1024} KB). It was not opened, and nothing on the page changed.",
        )


def from_json(worksheet: Worksheet, data: str | bytes) -> Imported:
    """Parse and check an imported file for `worksheet`; raise ImportRefused if it is not one."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    check_size(size)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeError:  # UnicodeDecodeError in CPython; MicroPython has only this
            raise _not_ours("it is not a text file") from None
    if data.startswith("\ufeff"):  # a byte order mark some editors add
        data = data[1:]
    if nesting_depth(data) > MAX_DEPTH:
        raise _not_ours("its contents are nested far deeper than any worksheet file")
    try:
        document = json.loads(data)
    except (ValueError, RuntimeError) as error:  # MicroPython: ValueError, or RuntimeError
        # for recursion; CPython: JSONDecodeError (a ValueError, with a place) or RecursionError
        lineno, colno = getattr(error, "lineno", 0), getattr(error, "colno", 0)
        where = f" (line {lineno}, column {colno})" if lineno else ""
        raise ImportRefused(
            "malformed",
            f"This file could not be read as a worksheet file: it is damaged or incomplete{where}. "
            "Nothing on the page changed.",
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _not_ours("it is not a file downloaded from an Equal Footing worksheet")
    kind = document.get("worksheet")
    if kind != worksheet.id:
        shown = str(kind)[:40] if isinstance(kind, str) else "something else"
        raise ImportRefused(
            "other_worksheet",
            f"This file belongs to another worksheet ({shown!r}), not to the {worksheet.title}. "
            "Open it on that worksheet's page. Nothing on the page changed.",
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _not_ours("its version number is missing or invalid")
    if version > worksheet.version:
        raise ImportRefused(
            "future_version",
            f"This file was made by a newer version of this worksheet (version {version}; this "
            f"page reads up to version {worksheet.version}). Reload the site to get the newest "
            "version, then import it again. Nothing on the page changed.",
        )
    saved = document.get("saved")
    saved = saved if isinstance(saved, str) else ""
    if worksheet.log:
        entries = document.get("entries")
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise _not_ours("it holds no list of entries")
        if len(entries) > MAX_ENTRIES:
            raise _not_ours(f"it holds {len(entries):,} entries, more than any log here can")
        fields = {rid: item for rid, item, _role in worksheet.record_fields()}
        checked = tuple(_check_answers(worksheet, entry, version, fields) for entry in entries)
        draft = document.get("answers", {})
        if not isinstance(draft, dict):
            raise _not_ours("its check-in in progress is not a set of answers")
        form = {item.id: item for item in worksheet.fields()}
        return Imported(_check_answers(worksheet, draft, version, form), saved, checked)
    answers = document.get("answers")
    if not isinstance(answers, dict):
        raise _not_ours("it holds no answers")
    fields = {item.id: item for item in worksheet.fields()}
    return Imported(_check_answers(worksheet, answers, version, fields), saved)


def _former(worksheet: Worksheet, answers: dict[str, object], version: int) -> dict[str, object]:
    """An older version's answers under today's ids (`Worksheet.former_fields`): an answer
    moved to other ids is read into each of them (unless the file has them already), one no
    longer asked is left out."""
    if version >= worksheet.version or not worksheet.former_fields:
        return answers
    moved = {}
    for name, value in answers.items():
        targets = dict(worksheet.former_fields).get(name)
        if targets is None:
            moved[name] = value
            continue
        for target in targets:
            if target not in answers:
                moved[target] = value
    return moved


def _check_answers(
    worksheet: Worksheet, answers: dict[str, object], version: int, known: "dict[str, Field]"
) -> dict[str, str]:
    """Every answer checked against the form (a log: its records); one an older version wrote
    is read as it means now (`Worksheet.former_fields`, `Field.former_values`)."""
    answers = _former(worksheet, answers, version)
    unknown = sorted(set(answers) - set(known))
    if unknown:
        names = ", ".join(repr(name[:40]) for name in unknown[:3])
        raise ImportRefused(
            "unknown_fields",
            f"This file has answers this worksheet does not ask for ({names}). It may have been "
            "edited by hand. Nothing on the page changed.",
        )
    result = {name: "" for name in known}
    for field_id, value in answers.items():
        item = known[field_id]
        if not isinstance(value, str):
            raise ImportRefused(
                "bad_answer",
                f"The answer to “{item.label}” in this file is not text. Nothing on the page changed.",
            )
        if version < worksheet.version:
            value = dict(item.former_values).get(value, value)
        if len(value) > item.max_length and item.kind in ("line", "text"):
            raise ImportRefused(
                "bad_answer",
                f"The answer to “{item.label}” in this file is longer than the form allows "
                f"({len(value):,} characters, at most {item.max_length:,}). Nothing on the page changed.",
            )
        if not item.accepts(value):
            raise ImportRefused(
                "bad_answer",
                f"The answer to “{item.label}” in this file is not one the form offers. "
                "Nothing on the page changed.",
            )
        result[field_id] = value
    return result


def _not_ours(why: str) -> ImportRefused:
    return ImportRefused(
        "not_a_worksheet",
        f"This file is not a worksheet file: {why}. Nothing on the page changed.",
    )
