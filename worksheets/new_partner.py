"""The new-partner plan (scenario 1): a short chat, a test run, a debrief, and a pause rule.

Meeting someone new goes in small steps, each one a chance for either partner to say "not
yet". The checklist is ticked during or after the first chat; the rest is written down before
and after the test run, together. Whether each of you is ready to go ahead is asked of each
of you apart, and the plan reads "ready" only when both of you said so.

Version 2 asked it once, as a tick in the checklist (`chat_both_ok`): a tick cannot say whose
yes it was, so a file of version 2 imports without it, and each of you answers again.
"""

from worksheets import pairs, results
from worksheets.common import answering
from worksheets.schema import ROLE_NAMES, Field, Option, Section, Worksheet

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
)

#: Whether one partner is ready to go ahead, asked of each of you apart.
READY = (Option("ready", "Ready to go ahead"), Option("not_yet", "Not yet"))

NEW_PARTNER = Worksheet(
    id="new_partner",
    title="New-partner plan",
    version=3,
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
    identity=("role",),
    role="role",
    features=("results", "compare"),
    former_fields=(("chat_both_ok", ()),),
    sections=(
        answering(
            "Most of this plan you write together. Whether you are ready to go ahead is asked "
            "of each of you on your own, so that neither answer leans on the other."
        ),
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
            id="readiness",
            title="Are you ready to go ahead?",
            intro=(
                "Answer on your own, after the first chat. Not yet is a full answer: it needs "
                "no reason, and the plan waits for it."
            ),
            fields=(
                Field(
                    "ready",
                    "After the first chat, are you ready to go ahead with the test run?",
                    kind="choice",
                    options=READY,
                    lines=1,
                    worry=("not_yet",),
                ),
            ),
            apart=True,
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

#: How the plan reads while it waits for a yes from both of you.
NOT_YET = "Not yet: talk, or wait."
BOTH_READY = "Ready: both of you said you are ready to go ahead."


def _said(value: str) -> str:
    """One partner's answer as the words of a sentence after "said"."""
    return {"ready": "you are ready to go ahead", "not_yet": "not yet"}.get(value, "")


def own_results(answers: dict[str, str]) -> results.Results:
    """Before comparing: your own answer, and what the plan waits for."""
    said = _said(answers.get("ready", ""))
    yours = f"You said {said}." if said else "You have not said yet whether you are ready."
    markdown = (
        "## Ready to go ahead?\n\n"
        f"{yours} The plan reads ready only when both of you have said you are ready to go "
        "ahead; until then, it reads not yet. Compare with your partner's answers to see both.\n"
    )
    return results.Results(markdown)


def compare_results(
    first: dict[str, str], second: dict[str, str], only_agreed: bool = False
) -> results.Results:
    """Ready only when both of you said ready; otherwise not yet, and who has not (no score).
    `only_agreed`: the plan's answer only when it is ready, and only the items you agree on."""
    answers_a, answers_b = pairs.ordered(NEW_PARTNER, first, second)
    items = pairs.compared(NEW_PARTNER, first, second)
    said = {"a": answers_a.get("ready", ""), "b": answers_b.get("ready", "")}
    both = said["a"] == said["b"] == "ready"
    lines = ["## Ready to go ahead?", ""]
    if both:
        lines += [BOTH_READY, ""]
    elif not only_agreed:
        lines += [NOT_YET, ""]
        for role in ("a", "b"):
            who = ROLE_NAMES[role]
            if said[role] == "not_yet":
                lines.append(f"- {who} said not yet.")
            elif not said[role]:
                lines.append(f"- {who} has not answered yet.")
        lines += [
            "",
            "Not yet needs no reason. Talk about what would help, or simply wait, and ask "
            "again later.",
            "",
        ]
    lines += [
        "### Item by item",
        "",
        pairs.items_markdown(items, only_agreed=only_agreed, level="####"),
    ]
    return results.Results("\n".join(lines).rstrip() + "\n")
