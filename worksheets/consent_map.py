"""The consent map (strategy 6): which decisions a yes in the moment covers, and which it doesn't.

Every decision on the map gets the same three answers, the three groups the guide names
(strategies, scenarios): agreed, talk first, pause. So the couple sorts each one the same way.

Each of you maps every decision on your own, then you compare: a decision is agreed only when
both of you put it there; a pause from either of you wins; anything else is talked about first.

Version 1 offered four places instead; its files still import, each answer read into the
group it belongs to now (`Field.former_values`: both kinds of "already settled" are "agreed").
"""

from worksheets import pairs, results
from worksheets.common import answering, partners
from worksheets.render import escape_inline
from worksheets.schema import ROLE_NAMES, Field, Option, Section, Worksheet

#: The three groups a decision can sit in, in the order the form offers them. Each label starts
#: with the group's short name, the one the guide uses ("Agreed", "Talk first", "Pause").
CATEGORIES = (
    Option("agreed", "Agreed: either of us can go ahead"),
    Option("talk_first", "Talk first: ask before each time"),
    Option("pause", "Pause: stop and check in with each other"),
)
#: The short names, as the guide writes them.
GROUP_NAMES = tuple(option.label.split(":")[0] for option in CATEGORIES)

#: Version 1's places that are no longer offered, and the group each one belongs to now
#: ("pause" kept its name).
FORMER_VALUES = (("sexual", "agreed"), ("relationship", "agreed"), ("discuss", "talk_first"))


def _decision(field_id: str, label: str, help_text: str = "") -> Field:
    return Field(
        field_id,
        label,
        kind="choice",
        options=CATEGORIES,
        help=help_text,
        lines=1,
        former_values=FORMER_VALUES,
        worry=("pause",),
    )


#: Each group of decisions: (section id, title, intro, ((field id, label, help), ...)).
_GROUPS = (
    (
        "meeting",
        "Meeting people",
        (
            "Agreed: settled between the two of you, so either of you can go ahead without "
            "asking each time. Talk first: ask before each time, and go ahead only once you "
            "have both said yes. Pause: if it comes up, stop and check in with each other "
            "before anything else."
        ),
        (
            ("chatting_new", "Chatting or messaging with someone new", ""),
            (
                "first_date",
                "A first date or first meeting",
                "Somewhere public, for a drink or a walk.",
            ),
            ("repeat_dates", "Seeing the same person again", ""),
            (
                "plan_changes",
                "Changing plans on the night",
                "A new venue, a later finish, someone else joining the evening.",
            ),
        ),
    ),
    (
        "closeness",
        "Physical closeness",
        "Use the words that fit your own arrangement; these are broad on purpose.",
        (
            ("affection", "Kissing and affectionate touch", ""),
            ("intimacy_protected", "Sexual intimacy with protection", ""),
            (
                "intimacy_other",
                "Kinds of intimacy you have not tried before",
                "Anything new to either of you, whatever it is.",
            ),
            (
                "partner_present",
                "The other partner being there",
                "Watching, joining the evening, or being in the next room.",
            ),
        ),
    ),
    (
        "time_place",
        "Time and place",
        "",
        (
            ("at_home", "Meeting at our home", ""),
            ("overnight", "Staying the night", ""),
            ("travel", "Travelling or going away together", ""),
            ("shared_money", "Spending shared money on dates, trips or gifts", ""),
        ),
    ),
    (
        "sharing",
        "Sharing and other people",
        "",
        (
            ("photos", "Taking or sending photos", ""),
            ("messages_shared", "Showing messages or details to the other partner", ""),
            ("meeting_metamour", "Meeting the other partner (the metamour)", ""),
            ("telling_friends", "Telling friends about the arrangement or about a date", ""),
            (
                "growing_feelings",
                "Carrying on once feelings start to grow",
                "When a connection becomes more than you both expected.",
            ),
        ),
    ),
)

CONSENT_MAP = Worksheet(
    id="consent_map",
    title="Consent map",
    version=3,
    summary=(
        "Sort each kind of decision into three groups: agreed between the two of you, talk "
        "first each time, or a reason to pause and check in."
    ),
    document_title="Our consent map",
    intro=(
        "Sexual consent is a yes to a particular act, given by the people involved, at the time, "
        "and it can be taken back at any moment. Relationship consent is what the two of you "
        "have agreed about the arrangement itself and the ways it touches your life together. "
        "One does not stand in for the other: a yes on a date says nothing about an overnight "
        "stay. This map is about relationship consent. Each of you goes through the decisions on "
        "your own and puts each one in one of three groups: agreed, talk first, or pause. Then "
        "compare your maps. Whatever is agreed, the people there can still say no at the time."
    ),
    byline=("Between {partner_a} and {partner_b}", "Mapped on {mapped_on}"),
    closing=(
        "A map shows where we stand today. Either of us can move a decision to another place "
        "whenever it stops feeling right, and a pause always wins."
    ),
    identity=("role",),
    role="role",
    features=("results", "compare"),
    sections=(
        (
            answering(
                "Map the decisions on your own, without looking at your partner's map, so "
                "each map says what its author wants. Write the names, the notes and the "
                "dates together."
            ),
            partners("Who is mapping"),
        )
        + tuple(
            Section(
                id=section_id,
                title=title,
                intro=intro,
                fields=tuple(_decision(*decision) for decision in decisions),
                apart=True,
            )
            for section_id, title, intro, decisions in _GROUPS
        )
        + (
            Section(
                id="more",
                title="Other decisions and notes",
                fields=(
                    Field(
                        "other_decisions",
                        "Other decisions, and where each one belongs",
                        help="Anything the list above misses that matters to either of you.",
                    ),
                    Field(
                        "map_notes",
                        "Notes on any decision above",
                        help="Conditions, exceptions, or what a talk first should cover.",
                    ),
                    Field(
                        "after_pause",
                        "What we do when something in the pause group comes up",
                        help="Who contacts whom, how fast, and where you talk it through.",
                    ),
                ),
            ),
            Section(
                id="dates",
                title="Dates",
                fields=(
                    Field("mapped_on", "Date we made this map", kind="date", lines=1),
                    Field("next_review", "Date we will look at it again", kind="date", lines=1),
                ),
            ),
        )
    ),
)

#: The ids of the decisions on the map, in order.
DECISIONS = tuple(f.id for f in CONSENT_MAP.apart_fields())

#: The headings of a comparison's three lists.
AGREED_BY_BOTH = "Agreed by both of you"
TALK_ABOUT = "Talk about these first"
PAUSED = "Paused by either of you"


def _label(field_id: str) -> str:
    return escape_inline(CONSENT_MAP.field(field_id).label)


def _group_name(value: str) -> str:
    return pairs.answer_words(CONSENT_MAP.field(DECISIONS[0]), value)


def own_results(answers: dict[str, str]) -> results.Results:
    """Before comparing: your own map, decision by decision, in its three groups."""
    lines = ["## Your map", ""]
    for option in CATEGORIES:
        name = option.label.split(":")[0]
        placed = [d for d in DECISIONS if answers.get(d, "") == option.value]
        lines += [f"### {name} ({len(placed)})", ""]
        lines += [f"- {_label(d)}" for d in placed] or ["Nothing here yet."]
        lines.append("")
    left = sum(1 for d in DECISIONS if not answers.get(d, ""))
    if left:
        lines.append(
            f"Not placed yet: {left} decision{'s' if left != 1 else ''}. Compare with your "
            "partner's map once you have placed the ones that matter to you."
        )
    return results.Results("\n".join(lines).rstrip() + "\n")


def _sorted(answers_a: dict[str, str], answers_b: dict[str, str]) -> dict[str, list[str]]:
    """Each decision either of you placed, in one of the comparison's lists: agreed only when
    both of you said agreed; a pause from either of you wins; anything else, talk first."""
    found: dict[str, list[str]] = {"agreed": [], "talk_first": [], "pause": []}
    for decision in DECISIONS:
        a, b = answers_a.get(decision, ""), answers_b.get(decision, "")
        if not a and not b:
            continue
        if a == b == "agreed":
            found["agreed"].append(decision)
        elif "pause" in (a, b):
            found["pause"].append(decision)
        else:
            found["talk_first"].append(decision)
    return found


def _both(decision: str, answers_a: dict[str, str], answers_b: dict[str, str]) -> str:
    return (
        f"- {_label(decision)} — {ROLE_NAMES['a']}: {_group_name(answers_a.get(decision, ''))}, "
        f"{ROLE_NAMES['b']}: {_group_name(answers_b.get(decision, ''))}"
    )


def compare_results(
    first: dict[str, str], second: dict[str, str], only_agreed: bool = False
) -> results.Results:
    """Both maps as one: what you both agreed, what to talk about first, what either of you
    paused; then decision by decision in buckets (`only_agreed`: the agreed list alone)."""
    answers_a, answers_b = pairs.ordered(CONSENT_MAP, first, second)
    found = _sorted(answers_a, answers_b)
    agreed = found["agreed"]
    lines = ["## How your maps compare", ""]
    if only_agreed:
        lines += [pairs.ONLY_AGREED_NOTE, ""]
    lines += [f"### {AGREED_BY_BOTH} ({len(agreed)})", ""]
    lines += [f"- {_label(d)}" for d in agreed] or ["Nothing here yet."]
    lines.append("")
    if only_agreed:
        return results.Results("\n".join(lines).rstrip() + "\n")
    lines += [
        f"### {TALK_ABOUT} ({len(found['talk_first'])})",
        "",
        "Either of you said talk first, or you placed it differently (without a pause), or only "
        "one of you placed it. Until you have talked, ask before each time.",
        "",
    ]
    lines += [_both(d, answers_a, answers_b) for d in found["talk_first"]] or ["Nothing here."]
    lines += [
        "",
        f"### {PAUSED} ({len(found['pause'])})",
        "",
        "A pause from either of you wins: if one of these comes up, stop and check in with each "
        "other first.",
        "",
    ]
    lines += [_both(d, answers_a, answers_b) for d in found["pause"]] or ["Nothing here."]
    lines += ["", "### Decision by decision", ""]
    items = pairs.compared(CONSENT_MAP, first, second)
    lines.append(pairs.items_markdown(items, level="####"))
    return results.Results("\n".join(lines).rstrip() + "\n")
