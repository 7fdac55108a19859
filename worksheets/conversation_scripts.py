"""The conversation scripts: the guide's four templates, with blanks the couple fills in together,
plus three more cards: the pause phrase (strategy 5), asking for a check-in, and opening the
topic for the first time (for a partner who has been reading alone).

Each section is one script and prints as one card, short enough to keep in a wallet or on a
phone. The section intro gives the shape of the talk; the fields are its blanks.
"""

from worksheets.schema import Field, Section, Worksheet


def _blank(field_id: str, label: str, placeholder: str = "", help_text: str = "") -> Field:
    return Field(field_id, label, kind="line", lines=1, placeholder=placeholder, help=help_text)


def _short(field_id: str, label: str, placeholder: str = "", help_text: str = "") -> Field:
    return Field(field_id, label, kind="text", lines=2, placeholder=placeholder, help=help_text)


CONVERSATION_SCRIPTS = Worksheet(
    id="conversation_scripts",
    title="Conversation scripts",
    version=2,
    summary=(
        "Fill in your own words for hard conversations (a new encounter, a boundary, "
        "jealousy, privacy, the pause phrase, raising the topic for the first time) and print "
        "them as cards."
    ),
    document_title="Our conversation scripts",
    intro=(
        "Words come more easily when you have chosen them beforehand. Fill in the blanks "
        "together, in language that sounds like you, then print the cards and keep them where "
        "you will find them. You can fill in one card and leave the others for later."
    ),
    layout="cards",
    closing=(
        "These are our words, not a script we must follow. Either of us can pause any of these "
        "conversations and come back to it."
    ),
    sections=(
        Section(
            id="consent_talk",
            title="A consent talk before a new encounter",
            intro=(
                "The partner with the plan describes it and asks for input rather than "
                "permission. The other says what they want to know and what they would rather "
                "not. Together you set a time limit and a time to talk the next day."
            ),
            fields=(
                _short("ct_plan", "What I'm hoping to do", "Who, where, roughly when."),
                _short("ct_input", "What I'd like your input on"),
                _short(
                    "ct_afterwards",
                    "What I want to hear about afterwards, and what I don't",
                    "The general plan, yes; every detail, no.",
                ),
                _blank("ct_during", "How we check in during the evening", "One text at ten."),
                _blank("ct_time_limit", "Our time limit", "Home by midnight."),
                _blank("ct_next_day", "When we check in the next day", "Over lunch, at home."),
            ),
        ),
        Section(
            id="renegotiation",
            title="Renegotiating a boundary",
            intro=(
                "Start with what you feel, not with what the other did. Name the boundary, say "
                "what it has cost you, and ask together what would help both of you. Agree a "
                "check-in halfway through, and remember that either of you may pause at any time."
            ),
            fields=(
                _blank("rn_boundary", "The boundary I'd like to revisit"),
                _short("rn_anxious", "What I've been anxious about"),
                _short("rn_flexibility", "Where I'd like more flexibility"),
                _short("rn_safer", "What would help me feel safer"),
                _blank(
                    "rn_halfway",
                    "How we check in halfway through the evening",
                    "A short message around ten: “All good?” and a one-word answer.",
                ),
                _blank(
                    "rn_pause",
                    "How either of us calls a pause",
                    help_text="Either of you may pause at any time, without giving a reason then.",
                ),
            ),
        ),
        Section(
            id="jealousy",
            title="Jealousy in the moment",
            intro=(
                "Name the feeling out loud, without blame. Use your pause signal, take a short "
                "break apart, then come back and talk. A pause does not cancel the plan: it gives "
                "you room to calm down before deciding anything."
            ),
            fields=(
                _blank(
                    "jl_words",
                    "The words I use to name it",
                    "I feel jealous right now and need a few minutes.",
                ),
                _blank("jl_signal", "Our pause signal"),
                _blank("jl_break", "How long a break", "Fifteen minutes."),
                _blank("jl_helps", "What helps me during the break", "A walk, some water."),
                _short("jl_return", "How we come back to it"),
            ),
        ),
        Section(
            id="privacy_sharing",
            title="A privacy-first sharing agreement",
            intro=(
                "Agree that what happens stays between you by default. Sharing anything with "
                "anyone else is a joint decision, made each time, and nothing is shared unless "
                "both of you have said yes."
            ),
            fields=(
                _short("ps_between", "What we keep between us"),
                _short("ps_may_share", "What we might share, and with whom"),
                _blank("ps_decides", "Who decides what is shared", "Both of us, every time."),
                _blank("ps_how", "How we ask each other before sharing anything"),
            ),
        ),
        Section(
            id="pause_phrase",
            title="Our pause phrase, and asking for a check-in",
            intro=(
                "One agreed sentence lets either of you say “I need to talk about a feeling, "
                "not a fault” without having to find the words under pressure. Using it never "
                "costs the person who said it anything, then or later."
            ),
            fields=(
                _blank(
                    "pp_phrase",
                    "Our pause phrase",
                    "I need to talk about a feeling, not a fault.",
                ),
                _short("pp_a_does", "What Partner A does when it is said"),
                _short("pp_b_does", "What Partner B does when it is said"),
                _blank(
                    "ck_words_a",
                    "The words Partner A uses to ask for a check-in",
                    "Can we take ten minutes tonight to see how we're both doing?",
                ),
                _blank("ck_words_b", "The words Partner B uses to ask for a check-in"),
                _blank(
                    "ck_answer",
                    "How soon a request for a check-in is answered",
                    "The same day, even if only to agree a time.",
                ),
            ),
        ),
        Section(
            id="first_time",
            title="Raising the topic for the first time",
            intro=(
                "For the partner who has been reading alone. Pick a calm moment, say why it "
                "matters to you, make clear what you are not asking for, and leave room for "
                "“not tonight”. The aim of a first talk is only to agree to keep talking."
            ),
            fields=(
                _blank(
                    "ft_when",
                    "When and where I'll bring it up",
                    "On a quiet weekend morning, not after a date.",
                ),
                _short(
                    "ft_opener",
                    "How I'll open",
                    "I've been reading about how couples like us keep things fair, and I'd "
                    "like to talk about it with you. Nothing has to be decided today.",
                ),
                _short("ft_why", "Why it matters to me"),
                _short(
                    "ft_not_asking",
                    "What I'm not asking for",
                    "I'm not saying we have to stop, and I'm not blaming you.",
                ),
                _blank(
                    "ft_not_ready",
                    "What I'll say if you're not ready yet",
                    "That's fine. Can we pick a time this week?",
                ),
            ),
        ),
    ),
)
