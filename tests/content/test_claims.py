"""What the guide says about a worksheet is checked against the worksheet's declaration.

A guide page that names a part of a worksheet quotes it in italics (*How we decide*); the
CLAIMS below say which declared section or field each quote stands for, and the expected
words are read from the declaration, never written here. So renaming a section, dropping a
field or changing the consent map's groups fails a test until the guide says the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import worksheets
from worksheets import balance_check, consent_map

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"

_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_H2 = re.compile(r"^##\s+(.+?)\s*(?:\{[^}]*\})?\s*$")


def links(markdown: str) -> list[tuple[str, str]]:
    return _LINK.findall(markdown)


def sections(markdown: str) -> dict[str, str]:
    """Each `##` section's heading mapped to its body (no fenced code on these pages)."""
    found: dict[str, str] = {}
    current = None
    for line in markdown.splitlines():
        match = _H2.match(line)
        if match:
            current = match.group(1)
            found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found


def numbered_sections(page: str) -> dict[str, str]:
    return {h: b for h, b in sections(_read(page)).items() if re.match(r"\d+\. ", h)}


#: (page, worksheet id, "section" or "field", id): the page quotes that part's title or label.
CLAIMS = [
    # Common mistakes: where the written agreement records each answer.
    ("guide/mistakes.md", "agreement", "section", "boundaries"),
    ("guide/mistakes.md", "agreement", "field", "consent_ongoing"),
    ("guide/mistakes.md", "agreement", "field", "jealousy_plan"),
    ("guide/mistakes.md", "agreement", "field", "outside_requests"),
    # Strategies 2 and 5: the tools they point to.
    ("guide/strategies.md", "agreement", "section", "deciding"),
    ("guide/strategies.md", "conversation_scripts", "section", "pause_phrase"),
    # Scripts: the cards beyond the four talks.
    ("guide/scripts.md", "conversation_scripts", "section", "pause_phrase"),
    ("guide/scripts.md", "conversation_scripts", "section", "first_time"),
    # Safety facts: the prompts that turn each fact into a decision.
    ("guide/safety.md", "health_safety", "section", "time_critical"),
    ("guide/safety.md", "agreement", "field", "substances"),
    ("guide/safety.md", "privacy_plan", "section", "intimate_images"),
]


def _read(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(worksheet_id: str, kind: str, part_id: str) -> str:
    sheet = worksheets.get(worksheet_id)
    if kind == "section":
        return next(s.title for s in sheet.sections if s.id == part_id)
    return sheet.field(part_id).label


@pytest.mark.parametrize(("page", "worksheet_id", "kind", "part_id"), CLAIMS)
def test_a_quoted_part_of_a_worksheet_is_declared_and_linked(page, worksheet_id, kind, part_id):
    text = _flat(_read(page))
    words = _words(worksheet_id, kind, part_id)
    assert f"*{words}*" in text, f"{page} should quote {words!r} ({worksheet_id}.{part_id})"
    assert f"worksheets/{worksheet_id}.md" in text, f"{page} should link the {worksheet_id}"


# -- The balance check rates the patterns the patterns page says it rates ------------------


def test_the_patterns_page_says_which_patterns_the_balance_check_rates():
    rated = [name for _, name, _ in balance_check.PATTERNS]
    patterns = numbered_sections("guide/patterns.md")
    next_steps = sections(_read("guide/patterns.md"))["What to do next"]
    item = next(line for line in next_steps.split("\n- ") if "balance_check.md" in line)
    item = _flat(item)
    if len(rated) == len(patterns):
        assert (
            f"all {['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'][len(rated)]}" in item
        )
        assert not re.search(r"patterns? \d", item), "the page lists numbers: say 'all'"
    else:
        listed = [int(n) for n in re.findall(r"\b(\d)\b", item)]
        assert len(listed) == len(rated), item


def test_every_pattern_the_balance_check_rates_is_a_pattern_of_the_guide():
    assert len(balance_check.PATTERNS) == len(numbered_sections("guide/patterns.md")) == 7


# -- The consent map's three groups, the same everywhere -----------------------------------


def test_the_consent_map_offers_the_guides_three_groups_on_every_decision():
    assert consent_map.GROUP_NAMES == ("Agreed", "Talk first", "Pause")
    for field_id in consent_map.DECISIONS:
        labels = [o.label for o in worksheets.get("consent_map").field(field_id).options]
        assert [label.split(":")[0] for label in labels] == list(consent_map.GROUP_NAMES)


def test_strategy_6_names_exactly_the_consent_maps_groups():
    body = next(
        b for h, b in numbered_sections("guide/strategies.md").items() if h.startswith("6.")
    )
    named = re.findall(r"^- \*\*([^*:]+):\*\*", body, re.MULTILINE)
    assert tuple(named) == consent_map.GROUP_NAMES


def test_the_consent_map_page_lists_the_groups_and_none_of_the_old_places():
    text = _flat(_read("worksheets/consent_map.md"))
    named = re.findall(r"- \*\*([^*]+)\*\*:", text)
    assert tuple(named) == consent_map.GROUP_NAMES
    for old in ("Covered by sexual consent", "Needs a talk first", "Pause trigger"):
        assert old not in text


@pytest.mark.parametrize("page", ["guide/scenarios.md", "guide/strategies.md"])
def test_guide_pages_sort_into_the_same_groups(page):
    text = _flat(_read(page)).lower()
    for name in consent_map.GROUP_NAMES:
        assert name.lower() in text, f"{page} does not name the group {name!r}"
    for old in ("covered by sexual consent", "needs a talk first", "pause trigger"):
        assert old not in text


# -- Promises about fields: the words each of you uses to ask for a check-in ---------------


def test_the_scripts_page_promise_about_check_in_words_has_a_field_for_each_partner():
    assert "the words you'll each use to ask for a check-in" in _flat(_read("guide/scripts.md"))
    scripts = worksheets.get("conversation_scripts")
    asking = [f for f in scripts.fields() if "ask for a check-in" in f.label]
    assert {("Partner A" in f.label, "Partner B" in f.label) for f in asking} == {
        (True, False),
        (False, True),
    }


def test_mistakes_page_points_to_the_agreement_for_jealousy_and_outside_requests():
    agreement = worksheets.get("agreement")
    labels = {f.label.lower() for f in agreement.fields()}
    assert any("jealousy" in label for label in labels)
    assert any("requests from people outside" in label for label in labels)


# -- Every FAQ answer links onward ---------------------------------------------------------


def test_every_faq_answer_links_onward():
    answers = sections(_read("faq.md"))
    assert len(answers) >= 8
    bare = [question for question, body in answers.items() if not links(body)]
    assert bare == [], f"these answers link nowhere: {bare}"


# -- One "Start here" path on the home page ------------------------------------------------


def test_home_has_one_start_path():
    home = _read("index.md")
    buttons = re.findall(r"\[([^\]]+)\]\(([^)]+)\)\{ \.md-button", home)
    assert len(buttons) == 1, buttons
    text, target = buttons[0]
    assert text.lower().startswith("start here")
    steps = sections(home)["How to use this site"]
    first_step = steps.split("\n2. ")[0]
    assert f"]({target})" in first_step, "the button and step 1 must start in the same place"


# -- Safety facts: general information, dated, sourced -------------------------------------


SOURCES = ("WHO", "CDC", "NHS")


def test_safety_page_says_it_is_general_information_and_when_it_was_checked():
    text = _flat(_read("guide/safety.md"))
    assert "General information, not medical advice" in text
    assert "checked December 2026" in text.replace("Checked", "checked")


@pytest.mark.parametrize(
    "heading", [h for h in sections(_read("guide/safety.md")) if h != "Turn it into a decision"]
)
def test_each_safety_section_names_its_source_and_the_month_checked(heading):
    body = _flat(sections(_read("guide/safety.md"))[heading])
    assert re.search(r"\*General (safety )?information, not (medical|legal)? ?advice", body)
    assert "Checked December 2026" in body
    assert "Sources:" in body


def test_medical_safety_sections_cite_a_public_health_body():
    found = sections(_read("guide/safety.md"))
    for heading in ("Testing windows: a test can come too soon", "After a risk, time matters"):
        body = found[heading]
        assert any(body.count(source) for source in SOURCES), heading


def test_the_health_protocol_carries_the_time_limits_of_the_safety_page():
    intro = next(
        s.intro for s in worksheets.get("health_safety").sections if s.id == "time_critical"
    )
    assert "72 hours" in intro
    assert "not medical advice" in intro
    assert "December 2026" in intro
    assert "**within 72 hours**" in _read("guide/safety.md")


# -- Where to get help now -----------------------------------------------------------------


COUNTRIES = ("United States", "United Kingdom", "Canada", "Australia", "Ireland")


def test_outside_help_lists_helplines_for_each_country_and_a_directory():
    about = _read("about.md")
    help_section = sections(about)["Where to find outside help"]
    countries = re.findall(r"^#### (.+)$", help_section, re.MULTILINE)
    assert tuple(countries) == COUNTRIES
    assert "findahelpline.com" in help_section  # anywhere else
    for block in help_section.split("\n#### ")[1:]:
        country, body = block.split("\n", 1)
        body = body.split("\n#")[0]
        assert "**Emergency:**" in body, country
        assert len(re.findall(r"\d", body)) >= 6, f"no helpline number for {country}"


def test_therapist_directories_are_listed_and_every_outside_link_is_a_plain_link():
    about = _read("about.md")
    directories = sections(about)["Where to find outside help"].split(
        "### Finding an ENM-friendly therapist"
    )[1]
    assert len([t for t in links(directories) if t[1].startswith("https://")]) >= 3
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        # Outside addresses only as links a reader clicks: never an image, frame or script.
        assert not re.search(r"!\[[^\]]*\]\(https?://", text), page
        assert not re.search(r"<(img|iframe|script|link|embed|object)\b", text, re.I), page


def test_kink_aware_is_not_used_to_mean_enm_friendly():
    for page in sorted(DOCS.rglob("*.md")):
        assert "kink-aware" not in page.read_text(encoding="utf-8").lower(), page


def test_the_conversation_scripts_page_names_every_card_it_offers():
    text = _flat(_read("worksheets/conversation_scripts.md")).lower()
    for section in worksheets.get("conversation_scripts").sections:
        title = re.sub(r"^(a|our) ", "", section.title.lower())
        assert title in text, f"the page does not name the card {section.title!r}"


# -- Buttons the pages tell a reader to press exist, with those words -----------------------

#: Controls the pages name in bold. Their words live in the build code that renders them.
BUTTONS = (
    "Download a file to reopen here (JSON)",
    "Download as a text document (Markdown)",
    "Open a file saved from this worksheet…",
    "Keep my answers on this device",
    "Show my code",
    "Scan my partner's code",
    "Remove the offline copy",
    "Add this check-in to the log",
)
BUILD_CODE = ROOT / "site_src" / "site_build"


@pytest.mark.parametrize("words", BUTTONS)
def test_a_button_the_pages_name_is_rendered_with_those_words(words):
    quoted = [p for p in sorted(DOCS.rglob("*.md")) if f"**{words}**" in _flat(p.read_text())]
    assert quoted, f"no page names **{words}** any more: drop it from BUTTONS"
    code = " ".join(p.read_text(encoding="utf-8") for p in BUILD_CODE.glob("*.py"))
    assert words in code, f"{words!r} is named on {quoted[0].name} but no control says it"
