"""The emotional labour split: who carries each recurring task, and where it tips too far.

Each task gets Partner A's share in tens of percent (Partner B has the rest). A task where
one partner carries more than 70% is flagged with a suggestion to rotate it. Tasks left
"not decided" are not counted in the totals, never as 50/50.
"""

from worksheets import results
from worksheets.render import escape_inline
from worksheets.schema import Field, Record, Section, Worksheet

#: One partner carrying more than this share of a task flags it.
ONE_SIDED_OVER = 70

#: (field id, the task as people name it, what it covers)
TASKS: tuple[tuple[str, str, str], ...] = (
    ("planning", "Planning", "Ideas, dates, venues, what happens when."),
    ("scheduling", "Scheduling", "Calendars, childcare, time off, reminders."),
    ("health_logistics", "Risk and health logistics", "Test appointments, supplies, safety plans."),
    (
        "emotional_check_ins",
        "Emotional check-ins",
        "Noticing how each of you is, and starting the talk.",
    ),
    ("outside_partners", "Talking with outside partners", "Messages, expectations, follow-ups."),
    ("money", "Money", "Tracking, paying, and talking about what things cost."),
)

LABOUR_SPLIT = Worksheet(
    id="labour_split",
    title="Emotional labour split",
    version=1,
    summary=(
        "List who really does the planning, scheduling, health logistics, emotional check-ins, "
        "outside communication and money, and see which tasks need sharing or rotating."
    ),
    document_title="Who carries what",
    intro=(
        "For each task, choose how it is split today, not how you would like it to be. "
        "Then look at the results together: a task carried almost entirely by one of you is "
        "worth rotating, even if that partner does not mind today."
    ),
    features=("results",),
    sections=(
        Section(
            id="tasks",
            title="The recurring tasks",
            fields=tuple(
                Field(task_id, name, kind="share", help=covers, lines=1)
                for task_id, name, covers in TASKS
            ),
        ),
        Section(
            id="other",
            title="Another task",
            fields=(
                Field("other_task_name", "Name of another task you share", kind="line", lines=1),
                Field("other_task", "How it is split", kind="share", lines=1),
            ),
        ),
        Section(
            id="changes",
            title="What you will change",
            fields=(
                Field("rotation", "What you will rotate or share differently, starting when"),
                Field("notes", "Anything else"),
            ),
        ),
    ),
)


class TaskShare(Record):
    def __init__(self, name: str, share_a: int) -> None:
        self.name = name
        self.share_a = share_a

    @property
    def share_b(self) -> int:
        return 100 - self.share_a

    @property
    def one_sided(self) -> str:
        """ "a" or "b" when that partner carries more than 70% of the task, else ""."""
        if self.share_a > ONE_SIDED_OVER:
            return "a"
        if self.share_b > ONE_SIDED_OVER:
            return "b"
        return ""


def task_shares(answers: dict[str, str]) -> list[TaskShare]:
    """The decided tasks and Partner A's share of each; undecided ones are left out."""
    named = [(task_id, name) for task_id, name, _ in TASKS]
    other_name = " ".join(answers.get("other_task_name", "").split()) or "Another task"
    named.append(("other_task", other_name))
    return [TaskShare(name, int(answers[key])) for key, name in named if answers.get(key, "")]


def totals(shares: list[TaskShare]) -> tuple[float, float] | None:
    """Each partner's average share over the decided tasks; None when none is decided."""
    if not shares:
        return None
    share_a = results.mean(s.share_a for s in shares)
    return share_a, 100 - share_a


def suggestion(task: TaskShare) -> str:
    carrier, other = (
        ("Partner A", "Partner B") if task.one_sided == "a" else ("Partner B", "Partner A")
    )
    return (
        f"{carrier} carries {max(task.share_a, task.share_b)}% of "
        f"{escape_inline(task.name.lower())}: "
        f"{other} could take the lead on it for the next month, with {carrier} on hand to help, "
        "then swap back or keep alternating."
    )


_LEFT, _RIGHT, _ROW, _TOP = 230, 620, 34, 44


def chart(shares: list[TaskShare]) -> str:
    """One bar per task: Partner A's part from the left, Partner B's from the right."""
    height = _TOP + _ROW * len(shares) + 10
    body = [results.legend(_LEFT, 20, "Partner A", "Partner B")]
    width = _RIGHT - _LEFT
    for row, task in enumerate(shares):
        y = _TOP + _ROW * row
        split = _LEFT + width * task.share_a / 100
        body.append(
            results.text(8, y + 17, task.name, weight="bold" if task.one_sided else "normal")
        )
        body.append(
            f'<rect x="{_LEFT}" y="{y}" width="{results.fixed(split - _LEFT, 1)}" height="24" fill="{results.COLOUR_A}">'
            f"<title>Partner A {task.share_a}%</title></rect>"
        )
        body.append(
            f'<rect x="{results.fixed(split, 1)}" y="{y}" width="{results.fixed(_RIGHT - split, 1)}" height="24" fill="{results.COLOUR_B}" '
            f'fill-opacity="0.85"><title>Partner B {task.share_b}%</title></rect>'
        )
    mid = _LEFT + width * (100 - ONE_SIDED_OVER) / 100
    for edge in (mid, _LEFT + width * ONE_SIDED_OVER / 100):
        body.append(
            f'<line x1="{results.fixed(edge, 1)}" y1="{_TOP - 6}" x2="{results.fixed(edge, 1)}" y2="{height - 4}" '
            f'stroke="currentColor" stroke-dasharray="4 3"/>'
        )
    description = "; ".join(f"{t.name}: A {t.share_a}%, B {t.share_b}%" for t in shares)
    return results.svg_document(
        640, height, "Who carries each task (dashed lines mark 70%)", description, "".join(body)
    )


def split_results(answers: dict[str, str]) -> results.Results:
    shares = task_shares(answers)
    overall = totals(shares)
    if overall is None:
        return results.Results(
            "## The split\n\nChoose a split for a task to see the results here.\n"
        )
    rows = [(t.name, f"{t.share_a}%", f"{t.share_b}%") for t in shares]
    lines = [
        "## The split",
        "",
        f"Over the {len(shares)} task{'s' if len(shares) != 1 else ''} you decided, Partner A "
        f"carries {results.fixed(overall[0], 0)}% and Partner B {results.fixed(overall[1], 0)}% on average.",
        "",
        results.table(("Task", "Partner A", "Partner B"), rows),
        "",
        "### Worth rotating",
        "",
    ]
    flagged = [t for t in shares if t.one_sided]
    lines += [f"- {suggestion(t)}" for t in flagged] or [
        f"No task is more than {ONE_SIDED_OVER}% one-sided."
    ]
    return results.Results("\n".join(lines) + "\n", chart(shares))
