"""The new-partner plan (scenario 1): a short chat, a test run, a debrief, and a pause rule.

Meeting someone new goes in small steps, each one a chance for either partner to say "not
yet". The checklist is ticked during or after the first chat; the rest is written down before
and after the test run.
"""

from worksheets.schema import Field, Option, Section, Worksheet

#: What the couple decides after the debrief.
NEXT_STEPS = (
    Option("continue", "Carry on at the same pace"),
    Option("longer", "Carry on, with a longer meeting next time"),
    Option("adjust", "Carry on once we have changed the plan"),
    Option("pause", "Pause and revisit later"),
    Option("stop", "Stop here"),
)

#: What the first chat should have covered, one tick each: (field id, label).
FIRST_CHAT = (
    ("chat_boundaries", "We explained the key boundaries of our agreement"),
    ("chat_their_side", "We asked about their own boundaries and expectations"),
    ("chat_health", "They know what we expect about health and testing"),
    ("chat_privacy", "We agreed on privacy: names, photos, messages, who may know"),
    ("chat_pause_rule", "They know either of us may call a pause, at any time"),
    ("chat_metamour", "Everyone knows whether and how they will meet the other partner"),
    ("chat_contact", "We agreed how we reach each other, and when"),
    ("chat_both_ok", "Both of us still feel comfortable going ahead"),
)

NEW_PARTNER = Worksheet(
    id="new_partner",
    title="New-partner plan",
    version=2,
    summary=(
        "Take someone new step by step: a first chat with a checklist, a test run with clear "
        "limits and a safe way there and home, a debrief together, and a pause rule everyone "
        "knows."
    ),
    document_title="Our new-partner plan",
    intro=(
        "Go slowly on purpose. Fill in the first chat and test-run sections before you meet, "
        "and the debrief afterwards, once you have both rested. If either of you feels uneasy at "
        "any point, the pause rule applies: that is the plan working, not failing."
    ),
    byline=("Planning for {new_person}", "Test run on {run_date}"),
    closing=(
        "Each step is a fresh yes from both of us. Nobody, including the new partner, is owed "
        "the next step."
    ),
    sections=(
        Section(
            id="who",
            title="Who this plan is for",
            fields=(
                Field(
                    "new_person",
                    "The new person: a first name, initials or a nickname",
                    kind="line",
                    lines=1,
                ),
                Field("meeting_partner", "Which of us will be meeting them", kind="line", lines=1),
            ),
        ),
        Section(
            id="first_chat",
            title="The first chat",
            intro=(
                "A short, low-key conversation before anything else: a coffee or a video call. "
                "Tick each point once it has been covered."
            ),
            fields=(
                tuple(
                    Field(field_id, label, kind="check", lines=1) for field_id, label in FIRST_CHAT
                )
                + (Field("chat_notes", "Notes from the chat", lines=2),)
            ),
        ),
        Section(
            id="test_run",
            title="The test run",
            intro=(
                "Keep the first meeting shorter and simpler than you might eventually want, "
                "and plan the safe way there and back as carefully as the evening itself."
            ),
            fields=(
                Field("run_date", "Date of the test run", kind="date", lines=1),
                Field(
                    "run_where",
                    "Where: somewhere public and busy for a first meeting, not anyone's home",
                    kind="line",
                    lines=1,
                ),
                Field("run_how_long", "How long", kind="line", lines=1),
                Field("run_on_table", "What is on the table", lines=2),
                Field("run_off_table", "What is not on the table this time", lines=2),
                Field(
                    "run_who_knows",
                    "Who knows where the partner meeting them will be, with whom, and until when",
                    help="The other partner, or a friend you trust: the place, a first name and a time.",
                    lines=2,
                ),
                Field(
                    "run_in_touch",
                    "How we stay in touch during it",
                    help="A message on arrival and on leaving, and the pause signal.",
                    lines=2,
                ),
                Field(
                    "run_check_call",
                    "The check-in call: at what time, and what happens if it doesn't come",
                    help="For example: a call at ten; no answer by half past, and the other partner rings.",
                    lines=2,
                ),
                Field(
                    "run_home",
                    "How the partner meeting them gets home, and by when",
                    help=(
                        "Their own way home (a car, a booked ride, money for a taxi) and a "
                        "charged phone, so leaving early is always possible."
                    ),
                    lines=2,
                ),
            ),
        ),
        Section(
            id="debrief",
            title="The debrief",
            intro="Talk once you have both rested. Listen first; decide at the end.",
            fields=(
                Field("debrief_date", "Date of the debrief", kind="date", lines=1),
                Field("debrief_a", "How did Partner A feel, before, during and after?"),
                Field("debrief_b", "How did Partner B feel, before, during and after?"),
                Field("debrief_surprised", "What surprised us"),
                Field("debrief_change", "What we would change next time"),
                Field(
                    "debrief_decision",
                    "What we decided",
                    kind="choice",
                    options=NEXT_STEPS,
                    lines=1,
                ),
            ),
        ),
        Section(
            id="pause_rule",
            title="The pause rule",
            intro=(
                "Either of you can pause at any stage, without having to justify it in the "
                "moment. A pause stops the next step until you have talked it through."
            ),
            fields=(
                Field("pause_triggers", "What makes either of us call a pause"),
                Field(
                    "pause_for_them",
                    "What a pause means for the new partner",
                    help="Whether it is likely to be brief, and whether they may stay in touch.",
                    lines=2,
                ),
                Field(
                    "pause_tell_them",
                    "How we tell them, kindly",
                    help="Honest, brief and without blame: the pause is about us, not a verdict on them.",
                ),
                Field(
                    "pause_revisit", "When we revisit the plan after a pause", kind="line", lines=1
                ),
            ),
        ),
    ),
)

#: The ids of the first-chat checklist, in order.
CHECKLIST = tuple(field_id for field_id, _ in FIRST_CHAT)
