"""Both partners' answers side by side, item by item: buckets with words, never one score.

Where two people can see a thing differently, each answers apart (`Section.apart`) and the
page compares. People distrust a single number for a relationship, so a comparison says, for
each statement or item: you agree · you see it differently (by how much) · one of you marked
it as a worry · not answered by one of you. Which answers are a worry is declared on the field
(`Field.worry`); what counts as close enough to agree is the same for every worksheet here.
"""

from worksheets.render import escape_inline
from worksheets.schema import ROLE_NAMES, Field, Record, Worksheet, roles

AGREE, DIFFER, WORRY, UNANSWERED = "agree", "differ", "worry", "unanswered"

#: Each bucket and its heading, in the order a comparison lists them: worries first.
BUCKETS = (
    (WORRY, "One of you marked it as a worry"),
    (DIFFER, "You see it differently"),
    (AGREE, "You agree"),
    (UNANSWERED, "Not answered by one of you"),
)

#: How far apart two answers may be and still agree: one point on a 1 to 5 scale, one step
#: (10%) on a share. Answers of other kinds agree only when they are the same.
CLOSE = {"scale": 1, "share": 10}
#: What the distance is counted in, for "(2 points apart)".
UNITS = {"scale": "points", "share": "percentage points"}

ONLY_AGREED_NOTE = (
    "Only what you both agree on is shown, as you chose. The rest of the comparison is hidden "
    "on this screen, not deleted: press the button again to see it. A downloaded document holds "
    "all of it."
)


class Item(Record):
    """One item as both partners answered it, and the bucket it falls in."""

    def __init__(self, field: Field, answer_a: str, answer_b: str, bucket: str, gap: int) -> None:
        self.field = field
        self.answer_a = answer_a
        self.answer_b = answer_b
        self.bucket = bucket
        self.gap = gap


def ordered(
    sheet: Worksheet, first: dict[str, str], second: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """(Partner A's answers, Partner B's), whichever of them was loaded first."""
    mine, _theirs = roles(sheet, first, second)
    return (first, second) if mine == "a" else (second, first)


def same_role(sheet: Worksheet, first: dict[str, str], second: dict[str, str]) -> str:
    """The role both answers claim ("" when they differ or one says none): a comparison of
    Partner A with Partner A is refused, never guessed at."""
    if not sheet.role:
        return ""
    role = first.get(sheet.role, "")
    return role if role and role == second.get(sheet.role, "") else ""


def same_role_message(role: str) -> str:
    name = ROLE_NAMES.get(role, "the same partner")
    return (
        f"Both sets of answers are {name}'s, so there is nothing to compare yet. Whoever is not "
        f"{name} chooses the other partner at the top of the form (“You are”), then you compare "
        "again. Nothing on the page changed."
    )


def _bucket(item: Field, answer_a: str, answer_b: str) -> tuple[str, int]:
    """A worry counts even when the other partner left the item unanswered."""
    both = bool(answer_a and answer_b)
    gap = abs(int(answer_a) - int(answer_b)) if both and item.kind in CLOSE else 0
    if answer_a in item.worry or answer_b in item.worry:
        return WORRY, gap
    if not both:
        return UNANSWERED, 0
    if item.kind in CLOSE:
        return (AGREE if gap <= CLOSE[item.kind] else DIFFER), gap
    return (AGREE if answer_a == answer_b else DIFFER), 0


def compared(sheet: Worksheet, first: dict[str, str], second: dict[str, str]) -> list[Item]:
    """Every closed item both partners answer apart, in the form's order, with its bucket.

    Free text is shown in the document, not sorted into buckets; an item neither partner
    answered is left out (there is nothing to compare). A private item is compared
    only when both authors chose to share it: otherwise one side's silence would look like
    "not answered", or tell what the other kept to themselves.
    """
    answers_a, answers_b = ordered(sheet, first, second)
    opt_in = sheet.private_opt_in
    both_shared = bool(opt_in) and answers_a.get(opt_in) == answers_b.get(opt_in) == "yes"
    items = []
    for item in sheet.apart_fields():
        if not item.choices() or item.id == opt_in or (item.private and not both_shared):
            continue
        answer_a, answer_b = answers_a.get(item.id, ""), answers_b.get(item.id, "")
        if not answer_a and not answer_b:
            continue
        bucket, gap = _bucket(item, answer_a, answer_b)
        items.append(Item(item, answer_a, answer_b, bucket, gap))
    return items


def answer_words(item: Field, value: str) -> str:
    """An answer as short words: "4", "70% for Partner A", "Talk first", "yes"."""
    if not value:
        return "not answered"
    if item.kind == "share":
        return value + "% for Partner A"
    if item.kind == "check":
        return "yes"
    if item.kind == "choice":
        label = {o.value: o.label for o in item.options}.get(value, value)
        return label.split(":")[0]
    return value


def _line(item: Item, name_a: str, name_b: str) -> str:
    field = item.field
    said = (
        f"{escape_inline(name_a)}: {answer_words(field, item.answer_a)}, "
        f"{escape_inline(name_b)}: {answer_words(field, item.answer_b)}"
    )
    if item.gap and field.kind in UNITS and item.bucket != UNANSWERED:
        unit = UNITS[field.kind] if item.gap != 1 else UNITS[field.kind][:-1]
        said += f" ({item.gap} {unit} apart)"
    return f"- {escape_inline(field.label)} — {said}"


def counts(items: list[Item]) -> dict[str, int]:
    found = {bucket: 0 for bucket, _ in BUCKETS}
    for item in items:
        found[item.bucket] += 1
    return found


def summary(items: list[Item]) -> str:
    """The buckets in one sentence of counts: words and whole numbers, no percentage."""
    found = counts(items)
    total = len(items)
    return (
        f"Of the {total} item{'s' if total != 1 else ''} either of you answered: "
        f"{found[AGREE]} you agree on, {found[DIFFER]} you see differently, "
        f"{found[WORRY]} marked as a worry by one of you, and {found[UNANSWERED]} not "
        "answered by one of you."
    )


def items_markdown(
    items: list[Item],
    name_a: str = "Partner A",
    name_b: str = "Partner B",
    only_agreed: bool = False,
    level: str = "###",
) -> str:
    """The buckets as Markdown: a heading per bucket with its count, then its items."""
    # Even the counts of the other buckets are part of what the couple chose not to see.
    lines = [ONLY_AGREED_NOTE if only_agreed else summary(items), ""]
    for bucket, heading in BUCKETS:
        if only_agreed and bucket != AGREE:
            continue
        inside = [item for item in items if item.bucket == bucket]
        lines += [f"{level} {heading} ({len(inside)})", ""]
        lines += [_line(item, name_a, name_b) for item in inside] or ["Nothing here."]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
