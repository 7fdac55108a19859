"""Sections several worksheets share, declared once: who is agreeing, and when."""

from worksheets.schema import ROLE_NAMES, Field, Option, Section

#: Whose answers a form holds, where partners answer apart: every such worksheet's `role`.
ROLE = Field(
    "role",
    "You are",
    kind="choice",
    options=tuple(Option(role, name) for role, name in ROLE_NAMES.items()),
    help="Decide between you who is Partner A and who is Partner B, and keep to it.",
    lines=1,
)


def answering(intro: str, *more: Field) -> Section:
    """The opening of a worksheet partners answer apart: who is answering (the role, and any
    `more` identity fields such as a name), with what answering apart means here."""
    return Section(
        id="about", title="Who is answering", intro=intro, fields=more + (ROLE,), apart=True
    )


PARTNER_NAMES = (
    Field("partner_a", "Partner A: name or initials", kind="line", lines=1),
    Field("partner_b", "Partner B: name or initials", kind="line", lines=1),
)


def partners(title: str = "Who is agreeing") -> Section:
    """Both partners' names, as each worksheet's opening section."""
    return Section(
        id="partners",
        title=title,
        intro="Names, initials or nicknames: whatever you are comfortable writing down.",
        fields=PARTNER_NAMES,
    )


#: When an agreement was made and when it is next looked at again.
AGREEMENT_DATES = Section(
    id="dates",
    title="Dates",
    fields=(
        Field("agreed_on", "Date we agreed on this", kind="date", lines=1),
        Field("next_review", "Date we will review it", kind="date", lines=1),
    ),
)
