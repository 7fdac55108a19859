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
from worksheets import (
    answer_code,
    balance_check,
    check_in,
    consent_map,
    labour_split,
    new_partner,
    pairs,
    view,
)

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

#: Controls the pages name in bold. Their words live in the build code that renders them, or in
#: the page controller that relabels them as the exchange goes on.
BUTTONS = (
    "Download a file to reopen here (JSON)",
    "Download as a text document (Markdown)",
    "Open a file saved from this worksheet…",
    "Keep my answers on this device",
    "Compare with my partner's file…",
    "Hide my answers and hand over",
    "Show our comparison",
    "Show my fingerprint",
    "Show my code",
    "Scan my partner's screen",
    "Start the exchange again",
    "Show only what we both agree on",
    "Remove the offline copy",
    "Add this check-in to the log",
)
BUILD_CODE = ROOT / "site_src" / "site_build"
CONTROLLER = ROOT / "worksheets" / "page.py"


@pytest.mark.parametrize("words", BUTTONS)
def test_a_button_the_pages_name_is_rendered_with_those_words(words):
    quoted = [p for p in sorted(DOCS.rglob("*.md")) if f"**{words}**" in _flat(p.read_text())]
    assert quoted, f"no page names **{words}** any more: drop it from BUTTONS"
    sources = [*BUILD_CODE.glob("*.py"), CONTROLLER]
    code = " ".join(p.read_text(encoding="utf-8") for p in sources)
    assert words in code, f"{words!r} is named on {quoted[0].name} but no control says it"


#: The controls of comparing, by what they do (each is in BUTTONS, so its words are checked).
COMPARE_FILE, TAKE_TURNS, SHOW_FINGERPRINT, SHOW_CODE, AGREED_ONLY = (
    "Compare with my partner's file…",
    "Hide my answers and hand over",
    "Show my fingerprint",
    "Show my code",
    "Show only what we both agree on",
)


# -- Answered apart: what the pages say each worksheet does, held to its declaration -------

#: The words a page uses to say a worksheet (or a part of it) is answered apart.
APART = re.compile(r"\banswered\s+apart\b", re.IGNORECASE)
#: A page saying its comparison is no single number.
NO_SCORE = re.compile(r"\b(?:no|never)\b[^.]*\b(?:single|overall)\s+(?:score|percentage)")


def _page_of(worksheet_id: str) -> str:
    return f"worksheets/{worksheet_id}.md"


def _front_matter_worksheet(page: Path) -> str:
    match = re.match(r"---\n(.*?)\n---\n", page.read_text(encoding="utf-8"), re.DOTALL)
    found = re.search(r"^worksheet:\s*(\w+)\s*$", match.group(1), re.MULTILINE) if match else None
    return found.group(1) if found else ""


def _body(page: str) -> str:
    """A page's text without its front matter and without its glossary or admonition noise."""
    return _flat(re.sub(r"\A---\n.*?\n---\n", "", _read(page), flags=re.DOTALL))


APART_SHEETS = [ws for ws in worksheets.catalogue().values() if ws.answered_apart]
CODE_SHEETS = [ws for ws in worksheets.catalogue().values() if answer_code.supports(ws)]


def test_the_detectors_know_their_sentences():
    assert APART.search("It is answered\napart: each of you")
    assert not APART.search("answer it apart from the rest")
    assert NO_SCORE.search("There is no overall score and no single percentage")
    assert NO_SCORE.search("It never turns your answers into a single score.")
    assert not NO_SCORE.search("Each pattern has a score. A single score is shown.")


def test_every_worksheet_has_its_page_named_in_its_front_matter():
    named = {_front_matter_worksheet(p) for p in (DOCS / "worksheets").glob("*.md")}
    assert set(worksheets.IDS) <= named


@pytest.mark.parametrize("worksheet", worksheets.catalogue().values(), ids=lambda ws: ws.id)
def test_a_worksheet_page_says_answered_apart_exactly_when_it_is(worksheet):
    says = bool(APART.search(_body(_page_of(worksheet.id))))
    assert says == worksheet.answered_apart, (
        f"{worksheet.id}: the page {'says' if says else 'never says'} it is answered apart, "
        f"its declaration {'has' if worksheet.answered_apart else 'has no'} section answered apart"
    )


@pytest.mark.parametrize("worksheet", APART_SHEETS, ids=lambda ws: ws.id)
def test_an_answered_apart_page_quotes_where_you_say_who_you_are(worksheet):
    role = worksheet.field(worksheet.role)
    assert f"*{role.label}*" in _body(_page_of(worksheet.id)), worksheet.id


@pytest.mark.parametrize("page", ["worksheets/index.md", "privacy.md"])
def test_a_page_listing_the_worksheets_answered_apart_lists_exactly_those(page):
    """The paragraph that says which worksheets are answered apart names every one, no other."""
    paragraph = next(p for p in _read(page).split("\n\n") if APART.search(_flat(p)))
    text = _flat(paragraph).lower()
    named = {ws.id for ws in worksheets.catalogue().values() if ws.title.lower() in text}
    assert named == {ws.id for ws in APART_SHEETS}
    number = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    assert re.search(
        rf"\b{number[len(APART_SHEETS)]} (?:of them|worksheets) are answered apart", text
    )


# -- Comparing: the three ways, the fingerprint first, the buckets, no single score --------


def _describes_codes(text: str) -> bool:
    return f"**{SHOW_CODE}**" in text or "answer code" in text.lower()


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.name)
def test_a_page_that_describes_answer_codes_puts_the_fingerprint_first(page):
    text = _flat(page.read_text(encoding="utf-8"))
    if not _describes_codes(text):
        return
    assert "fingerprint" in text, f"{page.name} describes codes but not the fingerprint step"
    assert "does not match the fingerprint" in text, f"{page.name}: say a mismatch is refused"
    if f"**{SHOW_CODE}**" in text:
        first = text.index(f"**{SHOW_FINGERPRINT}**")
        assert first < text.index(f"**{SHOW_CODE}**"), page.name


@pytest.mark.parametrize("worksheet", worksheets.catalogue().values(), ids=lambda ws: ws.id)
def test_a_worksheet_page_offers_codes_only_where_the_worksheet_has_them(worksheet):
    text = _body(_page_of(worksheet.id))
    assert (f"**{SHOW_CODE}**" in text) == answer_code.supports(worksheet)
    compares = "compare" in worksheet.features
    assert (f"**{TAKE_TURNS}**" in text) == compares, worksheet.id
    assert (f"**{COMPARE_FILE}**" in text) == compares, worksheet.id


@pytest.mark.parametrize("worksheet", CODE_SHEETS, ids=lambda ws: ws.id)
def test_a_code_holds_only_answers_given_apart_to_closed_questions(worksheet):
    """What the pages promise a code holds: ratings and choices, no name, no notes."""
    layout = answer_code.latest_layout(worksheet)
    apart = {item.id: item for item in worksheet.apart_fields()}
    for field_id, _bits in layout.answers + layout.private:
        assert field_id in apart, f"{worksheet.id}: {field_id} is not answered apart"
        assert apart[field_id].choices(), f"{worksheet.id}: {field_id} is free text"
        assert field_id not in worksheet.identity
    line = view.reveals(worksheet, worksheet.empty_answers(), "code")
    assert "no name, no notes" in line


@pytest.mark.parametrize(
    "worksheet", [ws for ws in worksheets.catalogue().values() if "compare" in ws.features],
    ids=lambda ws: ws.id,
)  # fmt: skip
def test_a_comparing_page_names_the_four_buckets_and_no_single_score(worksheet):
    text = _body(_page_of(worksheet.id))
    for _bucket, heading in pairs.BUCKETS:
        assert heading.lower() in text.lower(), f"{worksheet.id}: the page never says {heading!r}"
    assert NO_SCORE.search(text), f"{worksheet.id}: say the comparison is no single score"
    assert f"**{AGREED_ONLY}**" in text
    assert "on this screen" in text, "say that hiding the rest is on screen only"


def test_the_closeness_the_pages_give_is_the_comparisons():
    assert pairs.CLOSE == {"scale": 1, "share": 10}
    assert "at most one point apart" in _body("worksheets/balance_check.md")
    assert "at most one point apart" in _body("worksheets/check_in.md")
    assert "at most 10 points apart" in _body("worksheets/labour_split.md")
    assert balance_check.WORRY == ("1", "2")
    assert "rated it 1 or 2" in _body("worksheets/balance_check.md")


# -- Each worksheet's own claims -----------------------------------------------------------


def _compared(results_markdown: str, *headings: str) -> list[int]:
    return [results_markdown.index(heading) for heading in headings]


def test_the_balance_check_compares_statements_first_and_pattern_means_second():
    text = _body("worksheets/balance_check.md")
    assert text.index("You agree") < text.index("average for each of you comes second")
    ones = {f"{ws_field.id}": "4" for ws_field in balance_check.BALANCE_CHECK.apart_fields()}
    a = {**ones, "role": "a"}
    b = {**ones, "role": "b", "decisions_1": "1"}
    shown = balance_check.compare_results(a, b).markdown
    by_statement, by_pattern = _compared(shown, "Statement by statement", "Pattern by pattern")
    assert by_statement < by_pattern
    assert f"{balance_check.CONCERN_AT:g} or lower" in text
    assert f"{balance_check.DIVERGENCE_AT:g} points or more apart" in text


def test_the_consent_maps_lists_and_its_agreed_only_view_are_the_pages():
    text = _body("worksheets/consent_map.md")
    for heading in (consent_map.AGREED_BY_BOTH, consent_map.TALK_ABOUT, consent_map.PAUSED):
        assert f"**{heading}**" in text, heading
    a = {"role": "a", "chatting_new": "agreed", "first_date": "agreed", "overnight": "pause"}
    b = {"role": "b", "chatting_new": "agreed", "first_date": "talk_first", "overnight": "agreed"}
    whole = consent_map.compare_results(a, b).markdown
    only = consent_map.compare_results(a, b, only_agreed=True).markdown
    label = worksheets.get("consent_map").field
    assert label("first_date").label in whole
    assert label("chatting_new").label in only
    assert label("first_date").label not in only, "only what both agreed to"
    assert label("overnight").label not in only
    assert consent_map.PAUSED in whole
    assert "a pause from one of you is enough" in text


def test_the_new_partner_plan_reads_ready_only_when_both_said_ready():
    text = _body("worksheets/new_partner.md")
    assert "reads ready only when both of you have said you are ready" in text
    ready = {"role": "a", "ready": "ready"}
    assert (
        new_partner.BOTH_READY
        in new_partner.compare_results(ready, {"role": "b", "ready": "ready"}).markdown
    )
    for other in ("not_yet", ""):
        shown = new_partner.compare_results(ready, {"role": "b", "ready": other}).markdown
        assert new_partner.NOT_YET in shown
        assert new_partner.BOTH_READY not in shown
    # One tick for the two of you is gone: readiness is each partner's own answer.
    sheet = worksheets.get("new_partner")
    readiness = next(s for s in sheet.sections if s.id == "readiness")
    assert readiness.apart
    assert f"*{readiness.title}*" in text
    joint_ticks = [
        f for s in sheet.sections if not s.apart for f in s.fields
        if f.kind == "check" and "both of us" in f.label.lower()
    ]  # fmt: skip
    assert joint_ticks == []
    assert "both of us still feel comfortable" not in text.lower()


def test_the_check_in_asks_each_partner_how_it_feels_and_keeps_the_notes_joint():
    text = _body("worksheets/check_in.md")
    sheet = worksheets.get("check_in")
    feelings = next(s for s in sheet.sections if s.id == "feelings")
    assert feelings.apart
    assert f"*{feelings.title}*" in text
    assert {f.id for f in feelings.fields} == {"comfort", "respected", "need_next"}
    talk = next(s for s in sheet.sections if s.id == "talk")
    assert not talk.apart, "the page says what you talked about is written together"
    for item in talk.fields:
        assert item.label.lower() in text.lower(), item.label
    # The page says the need is not in a code, and that the log's file carries the check-in
    # still in the form (so it compares), as the line the page shows before saving says.
    layout = answer_code.latest_layout(sheet)
    assert "need_next" not in {field_id for field_id, _ in layout.answers}
    assert "is not in it" in text
    line = view.reveals(sheet, {}, "file")
    assert "check-in still in the form" in line
    assert "not the check-in still in the form" not in line
    assert "your answers to the check-in still in the form" in text
    assert check_in.CHECK_IN.log


def test_the_labour_split_compares_two_estimates_and_their_gap():
    text = _body("worksheets/labour_split.md")
    assert "perception gap" in text.lower()
    assert f"more than {labour_split.ONE_SIDED_OVER}%" in text
    a = {"role": "a", "planning": "80", "money": "50"}
    b = {"role": "b", "planning": "40", "money": "50"}
    shown = labour_split.compare_results(a, b).markdown
    assert "perception gap" in shown.lower()
    assert "40 percentage points" in shown
    tasks = next(s for s in worksheets.get("labour_split").sections if s.id == "tasks")
    assert tasks.apart
