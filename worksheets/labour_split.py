"""The emotional labour split: who carries each recurring task, and where it tips too far.

Each partner estimates apart, for each task, Partner A's share in tens of percent (Partner B
has the rest): the same task often looks different from each side, and the gap between the
two estimates is worth as much talk as the split itself. A task where one partner carries
more than 70%, in either partner's view, is flagged with a suggestion to rotate it. Tasks left
"not decided" are not counted in the totals, never as 50/50.
"""

from worksheets import pairs, results
from worksheets.common import answering
from worksheets.render import escape_inline
from worksheets.schema import Field, Record, Section, Worksheet, replace

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

#: The task the couple names themselves: its share is estimated apart, its name written together.
OTHER_TASK = "other_task"
OTHER_LABEL = "Another task: the one you name below"

#: An estimate that puts more than 70% of a task on either partner marks a worry.
WORRY = ("0", "10", "20", "80", "90", "100")

LABOUR_SPLIT = Worksheet(
    id="labour_split",
    title="Emotional labour split",
    version=2,
    summary=(
        "List who really does the planning, scheduling, health logistics, emotional check-ins, "
        "outside communication and money, and see which tasks need sharing or rotating."
    ),
    document_title="Who carries what",
    intro=(
        "Each of you estimates on your own how each task is split today, not how you would "
        "like it to be. Then compare: the two of you often see the same task differently, and "
        "that gap is worth talking about. A task carried almost entirely by one of you is "
        "worth rotating, even if that partner does not mind today."
    ),
    identity=("role",),
    role="role",
    features=("results", "compare"),
    sections=(
        answering(
            "Estimate the tasks on your own, without looking at your partner's answers. Name "
            "the other task and agree what you will change together."
        ),
        Section(
            id="tasks",
            title="The recurring tasks",
            intro=(
                "Your own estimate of each task: how much of it Partner A carries today, "
                "whichever partner you are."
            ),
            fields=tuple(
                Field(task_id, name, kind="share", help=covers, lines=1, worry=WORRY)
                for task_id, name, covers in TASKS
            )
            + (Field(OTHER_TASK, OTHER_LABEL, kind="share", lines=1, worry=WORRY),),
            apart=True,
        ),
        Section(
            id="other",
            title="Another task",
            fields=(
                Field(
                    "other_task_name",
                    "Name of another task you share",
                    help="Write it together, so you both estimate the same task.",
                    kind="line",
                    lines=1,
                ),
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


def task_names(*answers: dict[str, str]) -> list[tuple[str, str]]:
    """Every task as (field id, name): the other task under the name written for it (in the
    first of `answers` that has one), else "Another task"."""
    named = [(task_id, name) for task_id, name, _ in TASKS]
    typed = [" ".join(a.get("other_task_name", "").split()) for a in answers]
    other_name = next((name for name in typed if name), "Another task")
    named.append((OTHER_TASK, other_name))
    return named


def task_shares(answers: dict[str, str]) -> list[TaskShare]:
    """The decided tasks and Partner A's share of each, in one partner's view; undecided ones
    are left out."""
    return [
        TaskShare(name, int(answers[key]))
        for key, name in task_names(answers)
        if answers.get(key, "")
    ]


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
        x = results.fixed(edge, 1)
        body.append(results.line(x, _TOP - 6, x, height - 4, results.THRESHOLD))
    description = "; ".join(f"{t.name}: A {t.share_a}%, B {t.share_b}%" for t in shares)
    return results.svg_document(
        640, height, "Who carries each task (dashed lines mark 70%)", description, "".join(body)
    )


def split_results(answers: dict[str, str]) -> results.Results:
    """One partner's own view of the split: what the form holds before comparing."""
    shares = task_shares(answers)
    overall = totals(shares)
    if overall is None:
        return results.Results(
            "## The split, as you see it\n\nChoose a split for a task to see the results here.\n"
        )
    rows = [(t.name, f"{t.share_a}%", f"{t.share_b}%") for t in shares]
    lines = [
        "## The split, as you see it",
        "",
        f"Over the {len(shares)} task{'s' if len(shares) != 1 else ''} you estimated, Partner A "
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


# -- Comparing both estimates --------------------------------------------------------------------


class TaskView(Record):
    """One task as each partner estimates Partner A's share of it; None where one did not."""

    def __init__(self, name: str, estimate_a: int | None, estimate_b: int | None) -> None:
        self.name = name
        self.estimate_a = estimate_a
        self.estimate_b = estimate_b

    @property
    def gap(self) -> int | None:
        """The perception gap: how far apart the two estimates are, in percentage points."""
        if self.estimate_a is None or self.estimate_b is None:
            return None
        return abs(self.estimate_a - self.estimate_b)

    @property
    def one_sided(self) -> bool:
        """Whether either partner's estimate puts more than 70% of it on one of you."""
        return any(
            TaskShare(self.name, estimate).one_sided
            for estimate in (self.estimate_a, self.estimate_b)
            if estimate is not None
        )


def _estimate(answers: dict[str, str], key: str) -> int | None:
    value = answers.get(key, "")
    return int(value) if value else None


def task_views(answers_a: dict[str, str], answers_b: dict[str, str]) -> list[TaskView]:
    """Every task either partner estimated, in the form's order: Partner A's answers first."""
    views = []
    for key, name in task_names(answers_a, answers_b):
        view = TaskView(name, _estimate(answers_a, key), _estimate(answers_b, key))
        if view.estimate_a is not None or view.estimate_b is not None:
            views.append(view)
    return views


def one_sided_flags(views: list[TaskView]) -> list[str]:
    """Each one-sided task (over 70%), in each partner's view that sees it so."""
    flags = []
    for view in views:
        for viewer, estimate in (("Partner A", view.estimate_a), ("Partner B", view.estimate_b)):
            if estimate is None:
                continue
            task = TaskShare(view.name, estimate)
            if task.one_sided:
                carrier = "Partner A" if task.one_sided == "a" else "Partner B"
                flags.append(
                    f"In {viewer}'s view, {carrier} carries "
                    f"{max(task.share_a, task.share_b)}% of {escape_inline(view.name.lower())}."
                )
    return flags


def _gap_words(gap: int | None) -> str:
    return "not compared" if gap is None else f"{gap} points"


def _x(share: int) -> float:
    return _LEFT + share / 100 * (_RIGHT - _LEFT)


def gap_chart(views: list[TaskView]) -> str:
    """A dot plot: each task on a line from 0 to 100% (Partner A's share), a circle for
    Partner A's estimate, a diamond for Partner B's, and the gap between them."""
    top = _TOP + 6
    height = top + _ROW * len(views) + 30
    body = [results.legend(_LEFT, 20, "Partner A's estimate", "Partner B's estimate")]
    for tick in range(0, 101, 20):
        x = results.fixed(_x(tick), 1)
        body.append(results.line(x, top - 10, x, height - 30))
        body.append(results.text(_x(tick), height - 12, f"{tick}%", anchor="middle"))
    for edge in (100 - ONE_SIDED_OVER, ONE_SIDED_OVER):
        x = results.fixed(_x(edge), 1)
        body.append(results.line(x, top - 10, x, height - 30, results.THRESHOLD))
    for row, view in enumerate(views):
        y = top + _ROW * row + 10
        body.append(
            results.text(8, y + 4, view.name, weight="bold" if view.one_sided else "normal")
        )
        if view.estimate_a is not None and view.estimate_b is not None:
            body.append(results.gap(_x(view.estimate_a), _x(view.estimate_b), y))
        for partner, estimate in (("a", view.estimate_a), ("b", view.estimate_b)):
            if estimate is not None:
                who = "Partner A" if partner == "a" else "Partner B"
                label = f"{who}'s estimate: Partner A {estimate}%"
                body.append(results.marker(_x(estimate), y, partner, label))
    description = "; ".join(
        f"{v.name}: Partner A's estimate {_percent(v.estimate_a)}, Partner B's estimate "
        f"{_percent(v.estimate_b)}" + ("" if v.gap is None else f", {v.gap} points apart")
        for v in views
    )
    return results.svg_document(
        640,
        height,
        "Partner A's share of each task, as each of you sees it (dashed lines mark 30% and 70%)",
        description,
        "".join(body),
    )


def _percent(estimate: int | None) -> str:
    return "not answered" if estimate is None else f"{estimate}%"


def _named(item: pairs.Item, names: dict[str, str]) -> pairs.Item:
    """The other task's item under the name written for it, not the form's label."""
    if item.field.id != OTHER_TASK:
        return item
    return replace(item, field=replace(item.field, label=names[OTHER_TASK]))


def compare_results(
    first: dict[str, str], second: dict[str, str], only_agreed: bool = False
) -> results.Results:
    """Both estimates of each task side by side: the perception gap, what either of you sees
    as one-sided, then task by task in buckets (`only_agreed`: only the tasks you agree on)."""
    answers_a, answers_b = pairs.ordered(LABOUR_SPLIT, first, second)
    names = dict(task_names(answers_a, answers_b))
    items = [_named(item, names) for item in pairs.compared(LABOUR_SPLIT, first, second)]
    by_task = [
        "### Task by task",
        "",
        pairs.items_markdown(items, only_agreed=only_agreed, level="####"),
    ]
    lines = ["## How your estimates compare", ""]
    if only_agreed:
        return results.Results("\n".join(lines + by_task).rstrip() + "\n")
    views = task_views(answers_a, answers_b)
    if not views:
        lines += ["Neither of you has estimated a task yet.", ""]
        return results.Results("\n".join(lines + by_task).rstrip() + "\n")
    rows = [
        (v.name, _percent(v.estimate_a), _percent(v.estimate_b), _gap_words(v.gap)) for v in views
    ]
    header = ("Task", "Partner A's estimate", "Partner B's estimate", "Gap")
    lines += [
        "Each estimate is Partner A's share of the task as that partner sees it; Partner B's "
        "share is the rest. The gap is how far apart your two estimates are, in percentage points: "
        "your perception gap.",
        "",
        results.table(header, rows),
        "",
    ]
    gaps = [v for v in views if v.gap]
    if gaps:
        widest = max(v.gap or 0 for v in gaps)
        furthest = next(v for v in gaps if v.gap == widest)
        lines += [
            f"You see {escape_inline(furthest.name.lower())} most differently: your estimates "
            f"are {widest} percentage points apart.",
            "",
        ]
    flags = one_sided_flags(views)
    lines += ["### Carried mostly by one of you", ""]
    lines += [f"- {flag}" for flag in flags] or [
        f"Neither of you sees any task as more than {ONE_SIDED_OVER}% one-sided."
    ]
    lines.append("")
    return results.Results("\n".join(lines + by_task).rstrip() + "\n", gap_chart(views))
