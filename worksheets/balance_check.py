"""The balance check: each partner rates statements about the seven patterns, then you compare.

Every statement is worded so that agreeing means balance, so a higher score is always the
healthier one. A pattern's score is the mean of the statements its respondent answered:
an unanswered statement is left out, never counted as a low (or any) answer.
"""

from worksheets import pairs, results
from worksheets.common import ROLE
from worksheets.schema import Field, Record, Section, Worksheet

AGREE = ("Strongly disagree", "Strongly agree")

#: (section id, the pattern's name, its three statements)
PATTERNS: tuple[tuple[str, str, tuple[str, str, str]], ...] = (
    (
        "decisions",
        "Who decides",
        (
            "We decide together who, when and how often.",
            "My wishes carry as much weight as my partner's when plans are made.",
            "I help shape our plans, rather than only agreeing to them.",
        ),
    ),
    (
        "boundaries",
        "Boundaries: protection or control",
        (
            "Our boundaries protect how each of us feels; they are not there to police the other.",
            "I can ask for a boundary to change without it turning into a fight.",
            "I do not feel watched or checked up on over small details.",
        ),
    ),
    (
        "labour",
        "Planning and emotional work",
        (
            "Planning and scheduling are shared fairly between us.",
            "Looking after feelings, ours and other people's, does not fall mostly on one of us.",
            "Neither of us acts as the project manager of our arrangement.",
        ),
    ),
    (
        "pressure",
        "Outside pressure",
        (
            "What we choose is guided by what feels right to us, not by what others expect.",
            "I do not feel hurried to keep pace with friends, communities or people online.",
            "We would slow down even if it disappointed someone outside our relationship.",
        ),
    ),
    (
        "money",
        "Money and logistics",
        (
            "Who pays for things does not decide who gets a say.",
            "Travel, bookings and costs are discussed openly between us.",
            "I never feel I owe agreement because of money or favours.",
        ),
    ),
    (
        "attention",
        "Attention and status",
        (
            "Differences in attention or options outside the relationship do not tilt our decisions.",
            "I feel valued by my partner however much attention either of us gets elsewhere.",
            "We talk openly when one of us feels less wanted.",
        ),
    ),
    (
        "sharing",
        "What is shared with whom",
        (
            "We agree on who knows about our relationship.",
            "Nothing about us is shared without both of us agreeing.",
            "I am comfortable with how our privacy is handled right now.",
        ),
    ),
)

#: A statement disagreed with (1 or 2: things feel unbalanced) marks a worry.
WORRY = ("1", "2")

#: A pattern needs talking about when either partner's score is at or under this...
CONCERN_AT = 3.0
#: ...or when the two views are at least this far apart.
DIVERGENCE_AT = 1.5


def _pattern_section(section_id: str, name: str, statements: tuple[str, ...]) -> Section:
    return Section(
        id=section_id,
        title=name,
        fields=tuple(
            Field(
                f"{section_id}_{n}",
                statement,
                kind="scale",
                scale_labels=AGREE,
                lines=1,
                worry=WORRY,
            )
            for n, statement in enumerate(statements, 1)
        ),
        apart=True,
    )


BALANCE_CHECK = Worksheet(
    id="balance_check",
    title="Balance check",
    version=1,
    summary=(
        "Each of you rates how balanced the seven patterns feel, on your own; then compare "
        "side by side to see where your views meet and where they part."
    ),
    document_title="Our balance check",
    intro=(
        "Answer on your own, honestly, without looking at each other's answers. Skip any "
        "statement you are unsure about: a skipped statement is left out of the scores, "
        "never counted as a low one. Then compare: with each other's response files, with a "
        "code one phone shows and the other reads, or on one device, taking turns with your "
        "answers hidden."
    ),
    byline=("Partner A: {respondent_a}", "Partner B: {respondent_b}"),
    identity=("respondent", "role"),
    role="role",
    features=("results", "compare"),
    private_opt_in="include_self_check",
    sections=(
        (
            Section(
                id="about",
                title="About you",
                fields=(Field("respondent", "Your name or initials", kind="line", lines=1), ROLE),
                apart=True,
            ),
        )
        + tuple(_pattern_section(*pattern) for pattern in PATTERNS)
        + (
            Section(
                id="self_check",
                title="For you alone",
                intro=(
                    "This part is yours. It stays out of the file and the document you share "
                    "unless you tick the box below."
                ),
                fields=(
                    Field(
                        "free_to_say_no",
                        "I feel free to say no to my partner, without fearing what happens next.",
                        kind="scale",
                        scale_labels=("Not at all", "Completely"),
                        private=True,
                        lines=1,
                    ),
                    Field(
                        "self_check_note",
                        "A note to yourself",
                        help=(
                            "If saying no feels unsafe, that matters more than any score here: "
                            "consent cannot exist under pressure. The About page lists where to find help."
                        ),
                        private=True,
                    ),
                    Field(
                        "include_self_check",
                        "Include my self-check in the file and document I share",
                        kind="check",
                        lines=1,
                    ),
                ),
                apart=True,
            ),
            Section(
                id="notes",
                title="Anything else",
                fields=(Field("notes", "Anything you want your partner to know"),),
                apart=True,
            ),
        )
    ),
)


class PatternView(Record):
    """One pattern as each partner sees it; None where a partner answered none of it."""

    def __init__(
        self,
        section_id: str,
        name: str,
        score_a: float | None,
        score_b: float | None,
        answered_a: int,
        answered_b: int,
    ) -> None:
        self.section_id = section_id
        self.name = name
        self.score_a = score_a
        self.score_b = score_b
        self.answered_a = answered_a
        self.answered_b = answered_b

    @property
    def gap(self) -> float | None:
        if self.score_a is None or self.score_b is None:
            return None
        return abs(self.score_a - self.score_b)

    @property
    def needs_talk(self) -> bool:
        scores = [s for s in (self.score_a, self.score_b) if s is not None]
        low = bool(scores) and min(scores) <= CONCERN_AT
        return low or (self.gap is not None and self.gap >= DIVERGENCE_AT)


class Comparison(Record):
    def __init__(self, name_a: str, name_b: str, patterns: tuple[PatternView, ...]) -> None:
        self.name_a = name_a
        self.name_b = name_b
        self.patterns = patterns

    @property
    def talk_first(self) -> tuple[PatternView, ...]:
        """Patterns to talk about, most pressing first: the lowest score, then the widest gap."""
        flagged = [p for p in self.patterns if p.needs_talk]

        def urgency(view: PatternView) -> tuple[float, float]:
            scores = [s for s in (view.score_a, view.score_b) if s is not None]
            return (min(scores), -(view.gap or 0.0))

        return tuple(sorted(flagged, key=urgency))


def pattern_score(answers: dict[str, str], section_id: str) -> tuple[float | None, int]:
    """Mean of the answered statements of one pattern, and how many were answered."""
    values = [
        int(answers[f"{section_id}_{n}"])
        for n in range(1, 4)
        if answers.get(f"{section_id}_{n}", "") in ("1", "2", "3", "4", "5")
    ]
    return (results.mean(values) if values else None), len(values)


def display_name(answers: dict[str, str], fallback: str) -> str:
    name = " ".join(answers.get("respondent", "").split())
    role = {"a": "Partner A", "b": "Partner B"}.get(answers.get("role", ""), "")
    return name or role or fallback


def compare(first: dict[str, str], second: dict[str, str]) -> Comparison:
    """Both partners' answers side by side. Partner B's answers go second, whoever loaded first."""
    return _side_by_side(*pairs.ordered(BALANCE_CHECK, first, second))


def _side_by_side(first: dict[str, str], second: dict[str, str]) -> Comparison:
    views = []
    for section_id, name, _ in PATTERNS:
        score_a, answered_a = pattern_score(first, section_id)
        score_b, answered_b = pattern_score(second, section_id)
        views.append(PatternView(section_id, name, score_a, score_b, answered_a, answered_b))
    return Comparison(
        display_name(first, "Partner A"), display_name(second, "Partner B"), tuple(views)
    )


# -- Drawing -----------------------------------------------------------------------------------

_LEFT, _RIGHT, _ROW, _TOP = 250, 600, 40, 50


def _x(score: float) -> float:
    return _LEFT + (score - 1) / 4 * (_RIGHT - _LEFT)


def chart(comparison: Comparison, single: bool = False) -> str:
    """A dot plot: each pattern on a 1 to 5 line, one marker per partner, the gap between them."""
    height = _TOP + _ROW * len(comparison.patterns) + 30
    body = [results.legend(_LEFT, 22, comparison.name_a, "" if single else comparison.name_b)]
    for tick in range(1, 6):
        x = _x(tick)
        body.append(results.line(results.fixed(x, 1), _TOP - 10, results.fixed(x, 1), height - 30))
        body.append(results.text(x, height - 12, str(tick), anchor="middle"))
    for row, view in enumerate(comparison.patterns):
        y = _TOP + _ROW * row + 10
        body.append(
            results.text(8, y + 4, view.name, weight="bold" if view.needs_talk else "normal")
        )
        if view.score_a is not None and view.score_b is not None and not single:
            body.append(results.gap(_x(view.score_a), _x(view.score_b), y))
        if view.score_a is not None:
            label = f"{comparison.name_a}: {results.fixed(view.score_a, 1)}"
            body.append(results.marker(_x(view.score_a), y, "a", label))
        if view.score_b is not None and not single:
            label = f"{comparison.name_b}: {results.fixed(view.score_b, 1)}"
            body.append(results.marker(_x(view.score_b), y, "b", label))
    description = "; ".join(
        f"{v.name}: {results.number(v.score_a)}"
        + ("" if single else f" and {results.number(v.score_b)}")
        for v in comparison.patterns
    )
    return results.svg_document(
        640, height, "How balanced each pattern feels, from 1 to 5", description, "".join(body)
    )


def comparison_results(
    comparison: Comparison, items: "list[pairs.Item] | None" = None, only_agreed: bool = False
) -> results.Results:
    """Statement by statement first (the buckets), then the patterns' means, second."""
    lines = ["## How you compare", ""]
    if items is not None:
        lines += [
            "### Statement by statement",
            "",
            pairs.items_markdown(items, comparison.name_a, comparison.name_b, only_agreed, "####"),
        ]
        if only_agreed:
            return results.Results("\n".join(lines).rstrip() + "\n")
    rows = [
        (
            view.name,
            results.number(view.score_a),
            results.number(view.score_b),
            "n/a" if view.gap is None else f"{results.fixed(view.gap, 1)}",
        )
        for view in comparison.patterns
    ]
    header = ("Pattern", comparison.name_a, comparison.name_b, "Gap")
    talk = comparison.talk_first
    lines += [
        "### Pattern by pattern",
        "",
        "Each pattern's score is the mean of its three statements. Scores run from 1 (strongly disagree that things are balanced) to 5 (strongly agree); "
        "statements left unanswered are not counted.",
        "",
        results.table(header, rows),
        "",
        "#### Talk about these first",
        "",
    ]
    if talk:
        for view in talk:
            reasons = []
            low = [s for s in (view.score_a, view.score_b) if s is not None and s <= CONCERN_AT]
            if low:
                reasons.append(f"a score of {results.fixed(min(low), 1)}")
            if view.gap is not None and view.gap >= DIVERGENCE_AT:
                reasons.append(f"your views are {results.fixed(view.gap, 1)} points apart")
            lines.append(f"1. **{view.name}**: {' and '.join(reasons)}.")
    else:
        lines.append(
            "Nothing stands out: every pattern scores above 3 for both of you, with views close together."
        )
    missing = [v.name for v in comparison.patterns if v.score_a is None or v.score_b is None]
    if missing:
        lines += ["", f"Not answered by one of you, so not compared: {', '.join(missing)}."]
    return results.Results("\n".join(lines) + "\n", chart(comparison))


def own_results(answers: dict[str, str]) -> results.Results:
    """Before comparing: your own scores per pattern, so the chart is there from the start."""
    comparison = _side_by_side(answers, {})
    rows = [(v.name, results.number(v.score_a)) for v in comparison.patterns]
    markdown = "\n".join(
        [
            "## Your scores",
            "",
            "From 1 (strongly disagree that things are balanced) to 5 (strongly agree).",
            "",
            results.table(("Pattern", "Your score"), rows),
        ]
    )
    return results.Results(markdown + "\n", chart(comparison, single=True))


def compare_results(
    first: dict[str, str], second: dict[str, str], only_agreed: bool = False
) -> results.Results:
    items = pairs.compared(BALANCE_CHECK, first, second)
    return comparison_results(compare(first, second), items, only_agreed)
