"""The written agreement (strategy 1): the shared ground rules, in the couple's own words."""

from worksheets.common import AGREEMENT_DATES, partners
from worksheets.schema import Field, Section, Worksheet

AGREEMENT = Worksheet(
    id="agreement",
    title="Written agreement",
    version=2,
    summary=(
        "Put your shared ground rules on one page: consent, boundaries, how you decide, how "
        "you talk, safety, privacy, and what happens when something needs to change."
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
            intro=(
                "A boundary is about the person who holds it: what I will and won't take part "
                "in. A shared agreement is something you both chose and either of you can ask "
                "to reopen. Neither is a rule one of you sets for the other."
            ),
            fields=(
                Field("boundaries_a", "Partner A's own boundaries"),
                Field("boundaries_b", "Partner B's own boundaries"),
                Field(
                    "boundaries_shared",
                    "Shared agreements we both hold to",
                    help="For example: a message when one of you gets home safely.",
                ),
            ),
        ),
        Section(
            id="deciding",
            title="How we decide",
            intro="Who, what, where and when belong to both of you: nothing goes ahead on one yes.",
            fields=(
                Field(
                    "decide_propose",
                    "Who proposes a plan, and how it reaches the other",
                    help="Either of you can suggest something; it stays a suggestion until you both agree.",
                ),
                Field(
                    "decide_confirm",
                    "How we both confirm before anything goes ahead",
                    help="For example: nothing is booked or promised until each of us has said yes out loud. No reply is not a yes.",
                ),
                Field(
                    "decide_review",
                    "Our monthly review: when, and what we look at",
                    help="What happened, what is planned, what either of you would change. Both of you speak.",
                ),
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
            id="feelings",
            title="Jealousy and outside requests",
            fields=(
                Field(
                    "jealousy_plan",
                    "What we do when jealousy rises",
                    help=(
                        "How you name it, the pause, a short break, and when you talk it "
                        "through. Jealousy is a reason to talk, never a lever."
                    ),
                ),
                Field(
                    "outside_requests",
                    "How we handle requests from people outside the couple",
                    help=(
                        "A date, another couple or a group wanting an answer: who replies, and "
                        "how long you give yourselves. “We'll get back to you” is always enough."
                    ),
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
                Field(
                    "substances",
                    "What we do if either of us has had too much to drink or taken something",
                    help=(
                        "Someone who is very drunk or high cannot give real consent. Agree a "
                        "limit, and that plans stop for the night once either of you is past it."
                    ),
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
