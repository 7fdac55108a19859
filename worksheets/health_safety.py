"""The health and safety protocol (strategy 7): a shared routine, so worry doesn't turn into control.

It records what the couple has agreed, not medical advice: the questions point to a sexual
health clinic for anything about which tests, how often, or what to do after a risk. The
time-critical section carries the few limits that cannot wait for a calm talk (the guide's
safety page, guide/safety.md, gives them in full with their public-health sources).
"""

from worksheets.common import AGREEMENT_DATES, partners
from worksheets.schema import Field, Option, Section, Worksheet

#: How often each partner gets tested.
CADENCES = (
    Option("each_new_partner", "Before each new partner"),
    Option("three_months", "Every three months"),
    Option("six_months", "Every six months"),
    Option("other", "Another rhythm (described below)"),
)

HEALTH_SAFETY = Worksheet(
    id="health_safety",
    title="Health and safety protocol",
    version=2,
    summary=(
        "Agree on testing, contraception and barriers, aftercare, what you ask of new partners, "
        "what you do in the first hours after a risk, and how health information is shared "
        "and kept private."
    ),
    document_title="Our health and safety protocol",
    intro=(
        "Fill this in together, calmly, before it is needed. Write down what you actually do, "
        "not what sounds impressive. For anything medical (which tests, how often, what to do "
        "after a risk), ask a sexual health clinic: they answer these questions every day, "
        "without judgement."
    ),
    byline=("Between {partner_a} and {partner_b}", "Agreed on {agreed_on}"),
    closing=(
        "Health is private and shared at the same time. We tell each other what affects us "
        "both, we keep everyone else's information to ourselves, and nobody is blamed for a "
        "result."
    ),
    sections=(
        partners(),
        Section(
            id="testing",
            title="Testing",
            fields=(
                Field(
                    "testing_cadence",
                    "How often we each get tested",
                    kind="choice",
                    options=CADENCES,
                    help="A clinic can suggest a rhythm that suits how many people you meet.",
                    lines=1,
                ),
                Field(
                    "testing_routine",
                    "Our testing routine",
                    help="Which tests, where, who books, and how you remind each other.",
                ),
                Field("clinic", "Our sexual health clinic, and how to book", kind="line", lines=1),
                Field("next_test", "Date of our next tests", kind="date", lines=1),
            ),
        ),
        Section(
            id="protection",
            title="Contraception and barriers",
            fields=(
                Field(
                    "contraception",
                    "Contraception: what each of us uses, and what we expect",
                ),
                Field(
                    "barriers",
                    "Condoms and other barriers: when we use them, and with whom",
                    help="Say plainly if the answer differs between the two of you and others.",
                ),
            ),
        ),
        Section(
            id="aftercare",
            title="Aftercare",
            intro=(
                "Aftercare is the care someone needs once an experience is over: reassurance, "
                "time together, quiet, a call, food, sleep. Both partners may need it."
            ),
            fields=(
                Field("aftercare_a", "What Partner A needs afterwards"),
                Field("aftercare_b", "What Partner B needs afterwards"),
                Field(
                    "aftercare_when",
                    "When and how aftercare happens",
                    help="The same night, the next morning, or both; and what if one of you is away.",
                    lines=2,
                ),
            ),
        ),
        Section(
            id="new_partners",
            title="New partners",
            fields=(
                Field(
                    "new_partner_checks",
                    "What we ask of a new partner before anything physical",
                    help="For example recent test results, and what they use for protection.",
                ),
                Field(
                    "new_partner_disclosure",
                    "What we tell a new partner about our own routine",
                    lines=2,
                ),
            ),
        ),
        Section(
            id="information",
            title="Sharing health information",
            fields=(
                Field(
                    "info_between_us",
                    "What we tell each other, and how soon",
                    help="Results, symptoms, a risk taken: agree what gets shared the same day.",
                ),
                Field(
                    "info_private",
                    "How we keep health information private",
                    help=(
                        "Where results are kept, and that another person's health details are "
                        "never passed on without their permission."
                    ),
                ),
            ),
        ),
        Section(
            id="if_needed",
            title="If something goes wrong",
            intro="Decide this while everyone is calm, so nobody has to improvise when worried.",
            fields=(
                Field(
                    "after_risk",
                    "What we do after a risk, such as a broken condom or a skipped step",
                    help="Who is told, what is paused, and calling a clinic promptly for advice.",
                ),
                Field(
                    "after_positive",
                    "What we do if one of us gets a positive result",
                    help="Who tells whom, what pauses until you have advice, how you support each other.",
                ),
            ),
        ),
        Section(
            id="time_critical",
            title="After a risk: the first hours and days",
            intro=(
                "General information, not medical advice (checked December 2026): medicine "
                "that lowers the chance of HIV after a risk (PEP) has to be started within 72 "
                "hours, and the sooner the better; emergency contraception works for 3 to 5 "
                "days depending on the kind. So decide now who goes where, day or night."
            ),
            fields=(
                Field(
                    "urgent_where",
                    "Where we go straight away after a risk, in the day and at night",
                    help=(
                        "A sexual health clinic in opening hours; out of hours, an emergency "
                        "department. Write down the nearest of each."
                    ),
                    lines=2,
                ),
                Field(
                    "urgent_who",
                    "Who goes, who goes with them, and who is told",
                    lines=2,
                ),
                Field(
                    "emergency_contraception",
                    "If a pregnancy is possible: where we would get emergency contraception",
                    help=(
                        "A pharmacy, clinic or doctor. Ask as soon as you can: the sooner it "
                        "is taken, the better it works."
                    ),
                    lines=2,
                ),
                Field(
                    "retest_plan",
                    "When we test again after a risk, and what we do until then",
                    help=(
                        "A test taken too soon can miss an infection: ask the clinic when to "
                        "test again, and agree on condoms until then."
                    ),
                    lines=2,
                ),
                Field(
                    "prevention",
                    "PrEP and vaccines: what each of us has, or will ask a clinic about",
                    help="PrEP protects against HIV; vaccines protect against HPV and hepatitis B.",
                    lines=2,
                ),
            ),
        ),
        AGREEMENT_DATES,
    ),
)
