"""The consent map (strategy 6): which decisions a yes in the moment covers, and which it doesn't.

Every decision on the map gets the same four answers, so the couple sorts each one the same way:
settled by the people involved at the time, already settled between the two of you, to be
talked over first, or a signal to stop and regroup.
"""

from worksheets.common import partners
from worksheets.schema import Field, Option, Section, Worksheet

#: The four places a decision can sit, in the order the form offers them.
CATEGORIES = (
    Option("sexual", "Covered by sexual consent"),
    Option("relationship", "Covered by relationship consent"),
    Option("discuss", "Needs a talk first"),
    Option("pause", "Pause trigger: stop and regroup"),
)


def _decision(field_id: str, label: str, help_text: str = "") -> Field:
    return Field(field_id, label, kind="choice", options=CATEGORIES, help=help_text, lines=1)


#: Each group of decisions: (section id, title, intro, ((field id, label, help), ...)).
_GROUPS = (
    (
        "meeting",
        "Meeting people",
        (
            "Covered by sexual consent: the people involved decide at the time, within what you "
            "have agreed. Covered by relationship consent: already settled between the two of "
            "you, so it can go ahead without asking each time. Needs a talk first: ask before "
            "each time. Pause trigger: if it comes up, stop and check in with each other first."
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
    version=1,
    summary=(
        "Sort each kind of decision: settled in the moment, settled between the two of you, "
        "worth a talk first, or a reason to stop and regroup."
    ),
    document_title="Our consent map",
    intro=(
        "Sexual consent is a yes to a particular act, given by the people involved, at the time, "
        "and it can be taken back at any moment. Relationship consent is what the two of you "
        "have agreed about the arrangement itself and the ways it touches your life together. "
        "One does not stand in for the other: a yes on a date says nothing about an overnight "
        "stay. Go through each decision together and pick where it belongs for you today."
    ),
    byline=("Between {partner_a} and {partner_b}", "Mapped on {mapped_on}"),
    closing=(
        "A map shows where we stand today. Either of us can move a decision to another place "
        "whenever it stops feeling right, and a pause trigger always wins."
    ),
    sections=(
        partners("Who is mapping"),
        *(
            Section(
                id=section_id,
                title=title,
                intro=intro,
                fields=tuple(_decision(*decision) for decision in decisions),
            )
            for section_id, title, intro, decisions in _GROUPS
        ),
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
                    "What we do when a pause trigger comes up",
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
    ),
)

#: The ids of the decisions on the map, in order.
DECISIONS = tuple(f.id for f in CONSENT_MAP.fields() if f.kind == "choice")
