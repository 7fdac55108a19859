"""The privacy and disclosure plan (strategy 8, pattern 7): who may know what, decided by both.

Telling someone cannot be undone, so every audience gets an explicit answer, and the plan
covers the traces people forget: photos, messages, apps, shared devices and backups.
"""

from worksheets.common import AGREEMENT_DATES, partners
from worksheets.schema import Field, Option, Section, Worksheet

#: How much an audience may know, from nothing to the details you agree on.
DISCLOSURE = (
    Option("nobody", "Nobody there knows"),
    Option("case_by_case", "Only what we agree case by case"),
    Option("open", "May know we are open"),
    Option("details", "May know the details we agree"),
)

#: Each audience: (field id stem, who they are, a hint).
AUDIENCES = (
    ("friends", "Close friends", "Which friends, by name if it helps."),
    ("family", "Family", "Parents, siblings, adult children, anyone you live with."),
    ("colleagues", "Colleagues and work", "Including clients, and anyone you manage."),
    ("communities", "ENM communities and events", "Groups, clubs, meet-ups, parties."),
    ("online", "Online and on apps", "Dating apps, forums, group chats."),
)


def _audience(stem: str, label: str, hint: str) -> Section:
    return Section(
        id=stem,
        title=label,
        fields=(
            Field(
                f"{stem}_disclosure",
                f"{label}: what may they know?",
                kind="choice",
                options=DISCLOSURE,
                lines=1,
            ),
            Field(f"{stem}_notes", f"{label}: who exactly, and any limits", help=hint, lines=2),
        ),
    )


PRIVACY_PLAN = Worksheet(
    id="privacy_plan",
    title="Privacy and disclosure plan",
    version=2,
    summary=(
        "Decide together who may know what, what goes online, what happens to photos and "
        "messages (intimate images above all), and what you do if someone finds out or "
        "threatens to tell."
    ),
    document_title="Our privacy and disclosure plan",
    intro=(
        "Once something is told, it stays told, so every disclosure needs both of your yeses "
        "first. Go through each audience, then the digital side. Where one of you wants more "
        "privacy than the other, start from the more private answer and talk about the rest."
    ),
    byline=("Between {partner_a} and {partner_b}", "Agreed on {agreed_on}"),
    closing=(
        "Nothing about our arrangement is shared beyond this plan unless we both agree first. "
        "Either of us can ask to tighten it at any time."
    ),
    sections=(
        (partners(),)
        + tuple(_audience(*audience) for audience in AUDIENCES)
        + (
            Section(
                id="social_media",
                title="Social media",
                fields=(
                    Field(
                        "social_posts",
                        "What we post, and what we never post",
                        help="Posts, stories, location tags, and who may appear or be tagged.",
                    ),
                    Field(
                        "social_others",
                        "What we ask of the people we meet about posting",
                        lines=2,
                    ),
                ),
            ),
            Section(
                id="photos_messages",
                title="Photos and messages",
                fields=(
                    Field(
                        "photos_taking",
                        "Taking photos: who may take them, and of what",
                        lines=2,
                    ),
                    Field(
                        "photos_sending",
                        "Sending photos: to whom, and whether faces or anything identifying appear",
                        lines=2,
                    ),
                    Field(
                        "keeping_deleting",
                        "Keeping and deleting: what we keep, where, and what we delete",
                        help="Photos and messages, ours and those sent to us, and when they go.",
                    ),
                ),
            ),
            Section(
                id="intimate_images",
                title="Intimate images",
                intro=(
                    "A picture can outlast the trust it was taken in. Agree before anyone picks up "
                    "a camera: a yes to being photographed is not a yes to the picture being kept "
                    "or shown."
                ),
                fields=(
                    Field(
                        "images_agreed",
                        "Whether intimate photos or videos are taken at all, of whom, and who keeps them",
                        help="Including the people you meet: nobody is photographed without a clear yes at the time.",
                    ),
                    Field(
                        "images_connection_ends",
                        "When a connection ends: which images and messages are deleted, by whom, "
                        "and how we confirm it",
                        help="Yours of them and theirs of you. Asking for deletion kindly, in writing, helps.",
                    ),
                    Field(
                        "images_threat",
                        "What we do if anyone threatens to share images or to tell people about us",
                        help=(
                            "That is coercion, and in many places a crime. Keep the messages, "
                            "don't bargain, and get help (the About page lists where)."
                        ),
                    ),
                ),
            ),
            Section(
                id="digital",
                title="Digital traces",
                fields=(
                    Field(
                        "apps_accounts",
                        "Apps and accounts: which we use, and what our profiles show",
                        lines=2,
                    ),
                    Field(
                        "chats",
                        "Chats with other people: who may read them, and how long they are kept",
                        lines=2,
                    ),
                    Field(
                        "devices_backups",
                        "Shared devices, notifications and cloud backups",
                        help=(
                            "A tablet the family uses, message previews on a lock screen, photos "
                            "that sync to a shared album."
                        ),
                    ),
                    Field(
                        "deletion",
                        "What we delete, and when",
                        help="After each date, at the end of a connection, on a regular day.",
                        lines=2,
                    ),
                ),
            ),
            Section(
                id="found_out",
                title="If someone finds out",
                intro="Agree this in advance, so neither of you is left to answer alone.",
                fields=(
                    Field(
                        "found_out_say",
                        "What each of us says if someone asks directly or finds out unexpectedly",
                    ),
                    Field(
                        "found_out_next",
                        "What we do next, together",
                        help="Who talks to whom, what you check or delete, how you look after each other.",
                    ),
                ),
            ),
            AGREEMENT_DATES,
        )
    ),
)
