"""Sections several worksheets share, declared once: who is agreeing, and when."""

from worksheets.schema import Field, Section

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
