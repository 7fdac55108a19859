"""The consent map (strategy 6): which decisions a yes in the moment covers, and which it doesn't.

Every decision on the map gets the same three answers, the three groups the guide names
(strategies, scenarios): agreed, talk first, pause. So the couple sorts each one the same way.

Version 1 offered four places instead; its files still import, each answer read into the
group it belongs to now (`Field.former_values`: both kinds of "already settled" are "agreed").
"""

from worksheets.common import partners
from worksheets.schema import Field, Option, Section, Worksheet

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
    version=2,
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
        "stay. This map is about relationship consent. Go through each decision together and "
        "put it in one of three groups: agreed, talk first, or pause. Whatever is agreed, the "
        "people there can still say no at the time."
    ),
    byline=("Between {partner_a} and {partner_b}", "Mapped on {mapped_on}"),
    closing=(
        "A map shows where we stand today. Either of us can move a decision to another place "
        "whenever it stops feeling right, and a pause always wins."
    ),
    sections=(
        (partners("Who is mapping"),)
        + tuple(
            Section(
                id=section_id,
                title=title,
                intro=intro,
                fields=tuple(_decision(*decision) for decision in decisions),
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
DECISIONS = tuple(f.id for f in CONSENT_MAP.fields() if f.kind == "choice")
