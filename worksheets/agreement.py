"""The written agreement (strategy 1): the shared ground rules, in the couple's own words."""

from worksheets.common import AGREEMENT_DATES, partners
from worksheets.schema import Field, Section, Worksheet

AGREEMENT = Worksheet(
    id="agreement",
    title="Written agreement",
    version=1,
    summary=(
        "Put your shared ground rules on one page: consent, boundaries, how you talk, "
        "safety, privacy, and what happens when something needs to change."
    ),
    document_title="Our written agreement",
    intro=(
        "Fill this in together, one section at a time. There are no right answers: write what is "
        "true for the two of you today. You can change any of it later."
    ),
    byline=(
        "Between {partner_a} and {partner_b}",
        "Agreed on {agreed_on}",
        "Next review on {next_review}",
    ),
    closing=(
        "This is where we start, not a contract. Either of us can ask to reopen any part of it, "
        "at any time, without having to justify the request."
    ),
    sections=(
        partners(),
        Section(
            id="consent",
            title="Consent",
            fields=(
                Field(
                    "consent_yes_no",
                    "How each of us gives a yes, and how each of us says no",
                    help="A yes counts only when a no would have been just as easy to say.",
                    placeholder="For example: we each say yes out loud; silence or hesitation means not yet.",
                ),
                Field(
                    "consent_ongoing",
                    "How we check that a yes still stands",
                    help="Consent given last month is not consent for tonight.",
                ),
            ),
        ),
        Section(
            id="boundaries",
            title="Boundaries",
            intro="A boundary protects the person who holds it; it is not a rule for policing the other.",
            fields=(
                Field("boundaries_a", "Partner A's own boundaries"),
                Field("boundaries_b", "Partner B's own boundaries"),
                Field("boundaries_shared", "Boundaries we hold together"),
            ),
        ),
        Section(
            id="communication",
            title="How we communicate",
            fields=(
                Field(
                    "communication_style",
                    "How we talk before, during and after an experience",
                    help="When you check in, by what means, and how quickly you expect a reply.",
                ),
                Field(
                    "communication_after",
                    "What we share afterwards, and in how much detail",
                ),
            ),
        ),
        Section(
            id="safety",
            title="Safety",
            fields=(
                Field(
                    "safety_measures",
                    "Our safety measures",
                    help="Protection, testing, meeting in public first, who knows where you are.",
                ),
            ),
        ),
        Section(
            id="privacy",
            title="Privacy",
            fields=(
                Field(
                    "privacy",
                    "Who may know about our relationship, and what stays between us",
                    help="Friends, family, communities, social media, photos and messages.",
                ),
            ),
        ),
        Section(
            id="changes",
            title="When something needs to change",
            fields=(
                Field(
                    "renegotiation_triggers",
                    "What makes us sit down and renegotiate",
                    help="A new partner, a life change, a feeling that keeps coming back.",
                ),
                Field(
                    "breach_handling",
                    "What we do if one of us breaks part of this agreement",
                    help="Aim for repair, not punishment: how you will talk about it, and when.",
                ),
            ),
        ),
        Section(
            id="pause",
            title="Calling a pause",
            intro="Either of you can stop things at any moment, with no explanation owed in that moment.",
            fields=(
                Field(
                    "pause_signal",
                    "The signal either of us uses to call a pause",
                    kind="line",
                    lines=1,
                    placeholder="A word, a phrase or a text message you will both recognise.",
                ),
                Field(
                    "pause_next",
                    "What happens once a pause is called",
                    help="Who does what in the next hour, and when you talk it through.",
                ),
            ),
        ),
        AGREEMENT_DATES,
    ),
)
