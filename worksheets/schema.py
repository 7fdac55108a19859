"""How a worksheet is declared: sections of fields, each with its prompt and help.

A declaration is plain frozen data. The build renders the HTML form and the blank
templates from it; the browser reads and writes answers by its field ids; the tests
walk it. Declaring a worksheet twice (in JS or Markdown) is what this module prevents.
"""

from datetime import date

#: Names for the type checker only: MicroPython, which runs this in the page, has no `typing`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TypeVar

    R = TypeVar("R", bound="Record")

#: The kinds of field a worksheet can ask for, and what each holds as an answer (always a str,
#: "" while unanswered). line: one line of text · text: free text over several lines ·
#: date: ISO date "YYYY-MM-DD" · choice: one option's value · scale: "1".."5" ·
#: check: "yes" when ticked · share: Partner A's share of a task in percent, "0".."100" by tens
FIELD_KINDS = ("line", "text", "date", "choice", "scale", "check", "share")

#: The longest answer each kind accepts, so an imported file cannot smuggle in megabytes.
MAX_LENGTH = {
    "line": 200,
    "text": 5000,
    "date": 10,
    "choice": 64,
    "scale": 1,
    "check": 3,
    "share": 3,
}

#: The answers each closed kind accepts (open kinds accept any text within MAX_LENGTH).
SCALE_VALUES = ("1", "2", "3", "4", "5")

#: What a worksheet page can offer beyond its form: results computed from the answers (a chart
#: and its text), comparing with a partner's answers, and a calendar reminder (.ics).
FEATURES = ("results", "compare", "calendar")
SHARE_VALUES = tuple(str(n) for n in range(0, 101, 10))

#: The two partners, as a worksheet's role field stores them, and as people read them.
ROLES = ("a", "b")
ROLE_NAMES = {"a": "Partner A", "b": "Partner B"}


def other_role(role: str) -> str:
    """The partner who is not `role` ("" for no role)."""
    return {"a": "b", "b": "a"}.get(role, "")


def record_id(field_id: str, role: str) -> str:
    """Where one partner's answer to a field answered apart sits in a record of both:
    `comfort` answered by Partner A is `comfort_a`."""
    return field_id + "_" + role


def _is_id(text: str) -> bool:
    """A lowercase identifier of at most 48 characters (MicroPython's `re` has no {m,n})."""
    return (
        0 < len(text) <= 48
        and "a" <= text[0] <= "z"
        and all("a" <= c <= "z" or "0" <= c <= "9" or c == "_" for c in text)
    )


def template_names(template: str) -> list[str]:
    """The field ids a "{field_id}" template names, in order (no `re.findall` in MicroPython)."""
    names = []
    for part in template.split("{")[1:]:
        name, closed, _rest = part.partition("}")
        if closed and name and all(c.isalpha() or c.isdigit() or c == "_" for c in name):
            names.append(name)
    return names


class Record:
    """Plain frozen-by-convention data, compared by value: what `dataclass(frozen=True)` gave,
    in the Python that MicroPython also runs (it has no `dataclasses`)."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash(tuple(sorted((k, repr(v)) for k, v in self.__dict__.items())))

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in sorted(self.__dict__.items()))
        return f"{type(self).__name__}({shown})"


def replace(record: "R", **changes: object) -> "R":
    """A copy of a declaration with some attributes changed (as `dataclasses.replace`)."""
    values = dict(record.__dict__)
    values.update(changes)
    return type(record)(**values)


class Option(Record):
    """One answer a `choice` field offers: the stored value and the words shown."""

    def __init__(self, value: str, label: str) -> None:
        self.value = value
        self.label = label


class Field(Record):
    """One question of a worksheet.

    lines: the writing room a blank printed template leaves · scale_labels: what 1 and 5 mean,
    e.g. ("Not at all", "Completely") · private: left out of the shared file and Markdown
    unless its author opts in through the worksheet's `private_opt_in` field ·
    former_values: answers an earlier version wrote, and the answer each means now, as
    (old value, current value), so a file or kept copy from that version imports through it ·
    worry: the answers that mark a worry when partners compare (a low rating, a pause), so the
    comparison can list it apart from a mere difference.
    """

    def __init__(
        self,
        id: str,
        label: str,
        kind: str = "text",
        help: str = "",
        placeholder: str = "",
        options: tuple[Option, ...] = (),
        lines: int = 3,
        scale_labels: tuple[str, str] = ("", ""),
        private: bool = False,
        former_values: tuple[tuple[str, str], ...] = (),
        worry: tuple[str, ...] = (),
    ) -> None:
        self.id = id
        self.label = label
        self.kind = kind
        self.help = help
        self.placeholder = placeholder
        self.options = options
        self.lines = lines
        self.scale_labels = scale_labels
        self.private = private
        self.former_values = former_values
        self.worry = worry

    @property
    def max_length(self) -> int:
        return MAX_LENGTH[self.kind]

    def choices(self) -> tuple[Option, ...]:
        """The answers a closed field offers, with the words the form and documents show."""
        if self.kind == "choice":
            return self.options
        if self.kind == "scale":
            low, high = self.scale_labels
            words = {"1": low, "5": high}
            return tuple(
                Option(v, f"{v} · {words[v]}" if words.get(v) else v) for v in SCALE_VALUES
            )
        if self.kind == "share":
            return tuple(Option(v, share_label(v)) for v in reversed(SHARE_VALUES))
        if self.kind == "check":
            return (Option("yes", "Yes"),)
        return ()

    def accepts(self, value: str) -> bool:
        """Whether `value` is an answer this field could have been given in the form."""
        if len(value) > self.max_length:
            return False
        if not value or self.kind in ("line", "text"):
            return True
        if self.kind == "choice":
            return value in {o.value for o in self.options}
        if self.kind == "scale":
            return value in SCALE_VALUES
        if self.kind == "check":
            return value == "yes"
        if self.kind == "share":
            return value in SHARE_VALUES
        return _is_iso_date(value)


class Section(Record):
    """A group of fields under one heading, printed together.

    apart: each partner answers these fields alone, on their own device or in their own turn,
    and the page compares the two; otherwise the couple writes the section together, once.
    """

    def __init__(
        self,
        id: str,
        title: str,
        fields: tuple[Field, ...],
        intro: str = "",
        apart: bool = False,
    ) -> None:
        self.id = id
        self.title = title
        self.fields = fields
        self.intro = intro
        self.apart = apart


class Worksheet(Record):
    """A whole worksheet: what it is for and the sections it asks the couple to fill in.

    document_title: title of the filled document (the Markdown export and the preview) ·
    byline: lines under that title, as "{field_id}" templates · closing: a note printed after
    the last section · private_opt_in: the `check` field whose "yes" lets private fields into
    the shared file and Markdown · identity: fields that say who answered (a name, a role)
    rather than answering, so a partner who filled in only these has not answered yet ·
    log: the form is one entry, and the file holds every entry added so far · entry_title:
    for a log, each entry's heading as a "{field_id}" template · features: what the page
    offers beyond the form (see FEATURES) · layout: how the preview and print show it, one
    "document" or each section as a "cards" · role: the choice field (Partner A or B) that
    says whose answers a form holds, needed once any section is answered apart ·
    former_fields: answers an earlier version kept under an id no longer asked, as (old id,
    the record ids of a log that hold that answer now); an empty tuple: left out on import.

    A form holds one partner's answers: the sections written together, and their own answers
    to the sections answered apart. A record holds both partners' (`record_fields`): each
    answer given apart appears once per partner, under `record_id`. A log's entries and the
    documents are records; a file shared to compare holds one partner's form.
    """

    def __init__(
        self,
        id: str,
        title: str,
        version: int,
        summary: str,
        sections: tuple[Section, ...],
        document_title: str = "",
        intro: str = "",
        byline: tuple[str, ...] = (),
        closing: str = "",
        private_opt_in: str = "",
        identity: tuple[str, ...] = (),
        log: bool = False,
        entry_title: str = "",
        features: tuple[str, ...] = (),
        layout: str = "document",
        role: str = "",
        former_fields: tuple[tuple[str, tuple[str, ...]], ...] = (),
    ) -> None:
        self.id = id
        self.title = title
        self.version = version
        self.summary = summary
        self.sections = sections
        self.document_title = document_title
        self.intro = intro
        self.byline = byline
        self.closing = closing
        self.private_opt_in = private_opt_in
        self.identity = identity
        self.log = log
        self.entry_title = entry_title
        self.features = features
        self.layout = layout
        self.role = role
        self.former_fields = former_fields

    def fields(self) -> "Iterator[Field]":
        for section in self.sections:
            yield from section.fields

    def field(self, field_id: str) -> Field:
        for candidate in self.fields():
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)

    def empty_answers(self) -> dict[str, str]:
        return {f.id: "" for f in self.fields()}

    def shared_answers(self, answers: dict[str, str]) -> dict[str, str]:
        """The answers that go into a file or document: private ones only if their author opted in."""
        opted_in = bool(self.private_opt_in) and answers.get(self.private_opt_in) == "yes"
        return {f.id: answers.get(f.id, "") for f in self.fields() if opted_in or not f.private}

    @property
    def answered_apart(self) -> bool:
        return any(section.apart for section in self.sections)

    def apart_fields(self) -> "Iterator[Field]":
        """The fields each partner answers alone (never the role field: it says who)."""
        for section in self.sections:
            if section.apart:
                for item in section.fields:
                    if item.id != self.role:
                        yield item

    def own_fields(self) -> "Iterator[Field]":
        """What one partner answers alone and says who they are: apart and identity fields."""
        apart = {item.id for item in self.apart_fields()}
        for item in self.fields():
            if item.id in apart or item.id in self.identity:
                yield item

    def record_fields(self, roles: tuple[str, ...] = ROLES) -> "Iterator[tuple[str, Field, str]]":
        """Each answer a record of both partners holds, in the form's order: (its id in the
        record, its field, the partner who answered it, "" for both together). Answers given
        apart come once per partner; the role field is not kept (the ids say who)."""
        for section in self.sections:
            for role in roles if section.apart else ("",):
                for item in section.fields:
                    if item.id == self.role:
                        continue
                    yield (record_id(item.id, role) if role else item.id), item, role

    def record(
        self, answers: dict[str, str], partner: dict[str, str] | None = None
    ) -> dict[str, str]:
        """Both partners' answers as one record: the sections written together from
        `answers`, and each partner's own answers under their role (see `roles`)."""
        mine, theirs = roles(self, answers, partner)
        found = {}
        for rid, item, role in self.record_fields():
            if not role or role == mine:
                found[rid] = answers.get(item.id, "")
            elif partner is not None and role == theirs:
                found[rid] = partner.get(item.id, "")
            else:
                found[rid] = ""
        return found

    def shared_record(self, record: dict[str, str]) -> dict[str, str]:
        """A record's answers that go into a document: a private one only if its author
        opted in (each partner for their own, when the opt-in is answered apart)."""
        shared = {}
        for rid, item, role in self.record_fields():
            if item.private:
                opt_in = record_id(self.private_opt_in, role) if role else self.private_opt_in
                if record.get(opt_in) != "yes":
                    continue
            shared[rid] = record.get(rid, "")
        return shared


def roles(
    worksheet: Worksheet, answers: dict[str, str], partner: dict[str, str] | None = None
) -> tuple[str, str]:
    """Whose answers are whose: (the form's partner, the other). A form's own role wins; with
    none, the form is whoever the partner is not, and Partner A when neither says."""
    field = worksheet.role
    mine = answers.get(field, "") if field else ""
    if mine not in ROLES:
        mine = other_role(partner.get(field, "")) if partner and field else ""
    mine = mine or "a"
    return mine, other_role(mine)


def share_label(value: str) -> str:
    """How a share reads to people: "Partner A 70% · Partner B 30%"."""
    share_a = int(value)
    if share_a == 100:
        return "Partner A does it all"
    if share_a == 0:
        return "Partner B does it all"
    return f"Partner A {share_a}% · Partner B {100 - share_a}%"


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


class DeclarationError(ValueError):
    """A worksheet declaration is inconsistent; the build stops on it."""


def validate(worksheet: Worksheet) -> None:
    """Raise DeclarationError on anything a form, export or import could trip over."""
    problems: list[str] = []
    if not _is_id(worksheet.id):
        problems.append(f"worksheet id {worksheet.id!r} is not a lowercase identifier")
    if worksheet.version < 1:
        problems.append("version must be 1 or more")
    if not worksheet.title.strip() or not worksheet.summary.strip():
        problems.append("title and summary must not be empty")
    if not worksheet.sections:
        problems.append("a worksheet needs at least one section")
    seen_fields: set[str] = set()
    seen_sections: set[str] = set()
    for section in worksheet.sections:
        if not _is_id(section.id) or section.id in seen_sections:
            problems.append(f"section id {section.id!r} is invalid or repeated")
        seen_sections.add(section.id)
        if not section.fields:
            problems.append(f"section {section.id!r} has no fields")
        for item in section.fields:
            where = f"{section.id}.{item.id}"
            if not _is_id(item.id) or item.id in seen_fields:
                problems.append(f"field id {where!r} is invalid or repeated")
            seen_fields.add(item.id)
            if item.kind not in FIELD_KINDS:
                problems.append(f"field {where!r} has unknown kind {item.kind!r}")
            if not item.label.strip():
                problems.append(f"field {where!r} has no label")
            if item.kind == "choice":
                values = [o.value for o in item.options]
                if len(values) < 2 or len(set(values)) != len(values) or "" in values:
                    problems.append(
                        f"choice {where!r} needs two or more distinct, non-empty options"
                    )
            elif item.options:
                problems.append(f"field {where!r} of kind {item.kind!r} cannot have options")
            if item.scale_labels != ("", "") and item.kind != "scale":
                problems.append(f"field {where!r} has scale labels but is not a scale")
            for value in item.worry:
                if not value or not item.choices() or not item.accepts(value):
                    problems.append(f"field {where!r}: worry {value!r} is not one of its answers")
            for old, new in item.former_values:
                if not new or not item.accepts(new) or (old and item.accepts(old)):
                    problems.append(
                        f"field {where!r}: former value {old!r} must map an answer it no longer "
                        f"offers to one it does, not to {new!r}"
                    )
    for name in worksheet.identity:
        if name not in seen_fields:
            problems.append(f"identity names unknown field {name!r}")
    record_ids = [rid for rid, _item, _role in worksheet.record_fields()]
    if len(set(record_ids)) != len(record_ids):
        problems.append("a field answered apart takes the id of another field in the record")
    if worksheet.answered_apart or worksheet.role:
        role = next((f for f in worksheet.fields() if f.id == worksheet.role), None)
        if (
            role is None
            or role.kind != "choice"
            or tuple(o.value for o in role.options) != ROLES
            or role.id not in worksheet.identity
        ):
            problems.append(
                "answering apart needs a role: an identity choice field offering a and b"
            )
    names = set(record_ids) if worksheet.log or worksheet.answered_apart else seen_fields
    for line in tuple(worksheet.byline) + (worksheet.entry_title,):
        for name in template_names(line):
            if name not in names:
                problems.append(f"byline or entry title names unknown field {name!r}")
    for old, new_ids in worksheet.former_fields:
        if old in record_ids or old in seen_fields or not set(new_ids) <= set(record_ids):
            problems.append(f"former field {old!r} must be an old id, read into record ids")
        if new_ids and not worksheet.log:
            problems.append(f"former field {old!r}: only a log's records can take it in")
    private = [f.id for f in worksheet.fields() if f.private]
    if private or worksheet.private_opt_in:
        opt_in = next((f for f in worksheet.fields() if f.id == worksheet.private_opt_in), None)
        if opt_in is None or opt_in.kind != "check" or opt_in.private:
            problems.append("private fields need a private_opt_in check field that is not private")
    unknown = sorted(set(worksheet.features) - set(FEATURES))
    if unknown:
        problems.append(f"unknown features {unknown}")
    if worksheet.layout not in ("document", "cards"):
        problems.append(f"unknown layout {worksheet.layout!r}")
    if worksheet.log and not worksheet.entry_title:
        problems.append("a log worksheet needs an entry_title")
    if problems:
        raise DeclarationError(f"worksheet {worksheet.id!r}: " + "; ".join(problems))
