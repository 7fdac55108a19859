"""The guide carries everything the content brief asks for, in the shape the brief asks for.

Each required item is one line below: the page it belongs on and a phrase its heading (or
glossary entry) must contain, compared case-insensitively. Removing a section, renaming it
beyond recognition or dropping a glossary term makes a test here fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GLOSSARY = ROOT / "site_src" / "content" / "glossary.yml"

# The prose pages this test owns (worksheet pages and generated pages are tested elsewhere).
GUIDE_PAGES = [
    "guide/patterns.md",
    "guide/why.md",
    "guide/strategies.md",
    "guide/scripts.md",
    "guide/mistakes.md",
    "guide/scenarios.md",
    "guide/safety.md",
]
PROSE_PAGES = ["index.md", *GUIDE_PAGES, "faq.md", "glossary.md", "privacy.md", "about.md"]

# Worksheet names a link into worksheets/ must use as (part of) its text.
WORKSHEET_NAMES = [
    "Balance check",
    "Check-in log",
    "Emotional labour split",
    "Consent map",
    "Health and safety protocol",
    "Privacy and disclosure plan",
    "Conversation scripts",
    "New-partner plan",
    "Written agreement",
]

REQUIRED_HEADINGS = [
    # The seven patterns of imbalance.
    ("guide/patterns.md", "Decision-making"),
    ("guide/patterns.md", "Boundaries used as control"),
    ("guide/patterns.md", "Emotional-labour overload"),
    ("guide/patterns.md", "Social pressure"),
    ("guide/patterns.md", "Financial and logistical"),
    ("guide/patterns.md", "Social status and appearance"),
    ("guide/patterns.md", "Privacy and disclosure"),
    # Why imbalances happen: causes, remedies, and the line nobody should be pushed over.
    ("guide/why.md", "Negotiation that was never clear"),
    ("guide/why.md", "Fear of losing"),
    ("guide/why.md", "Consent that is performed"),
    ("guide/why.md", "Insecurity hidden behind rigid rules"),
    ("guide/why.md", "Transparency"),
    ("guide/why.md", "Ongoing consent"),
    ("guide/why.md", "agreed way to renegotiate"),
    ("guide/why.md", "accept something that feels wrong"),
    # The ten strategies.
    ("guide/strategies.md", "Write your agreement down"),
    ("guide/strategies.md", "Make decisions together"),
    ("guide/strategies.md", "Check in regularly"),
    ("guide/strategies.md", "Make renegotiation normal"),
    ("guide/strategies.md", "emotional safety nets"),
    ("guide/strategies.md", "sexual consent and relationship consent"),
    ("guide/strategies.md", "health and safety protocols"),
    ("guide/strategies.md", "Protect your privacy"),
    ("guide/strategies.md", "Share the emotional labour"),
    ("guide/strategies.md", "third party"),
    # The four conversation templates.
    ("guide/scripts.md", "consent talk before a new encounter"),
    ("guide/scripts.md", "Renegotiating a boundary"),
    ("guide/scripts.md", "jealousy in the moment"),
    ("guide/scripts.md", "privacy-first sharing agreement"),
    # The five common mistakes.
    ("guide/mistakes.md", "One partner sets every limit"),
    ("guide/mistakes.md", "consent forever"),
    ("guide/mistakes.md", "jealousy as a weapon"),
    ("guide/mistakes.md", "Rushing negotiation to please outsiders"),
    ("guide/mistakes.md", "Skipping health safety"),
    # The three scenarios.
    ("guide/scenarios.md", "new partner enters"),
    ("guide/scenarios.md", "Jealousy spikes on a night out"),
    ("guide/scenarios.md", "different kind of experience"),
    # Every FAQ question of the brief.
    ("faq.md", "signs that a power imbalance is growing"),
    ("faq.md", "How often should we renegotiate"),
    ("faq.md", "third party"),
    ("faq.md", "protect our privacy"),
    ("faq.md", "not comfortable with any of the options"),
    ("faq.md", "end the dynamic"),
    ("faq.md", "coercion or manipulation"),
    ("faq.md", "measure progress"),
    # Home and the support pages.
    ("index.md", "Who this site is for"),
    ("index.md", "power imbalance"),
    ("index.md", "How to use this site"),
    ("index.md", "stays on your device"),
    ("index.md", "not"),
    ("about.md", "outside help"),
    ("about.md", "Coercion is a red flag"),
    ("privacy.md", "How to check for yourself"),
    # Safety facts a couple needs (issue 16, section 3).
    ("guide/safety.md", "Testing windows"),
    ("guide/safety.md", "After a risk, time matters"),
    ("guide/safety.md", "Alcohol, drugs and consent"),
    ("guide/safety.md", "Meeting someone new safely"),
    ("guide/safety.md", "Intimate images and threats"),
    ("about.md", "Helplines by country"),
    ("about.md", "ENM-friendly therapist"),
    ("guide/scripts.md", "raising it for the first time"),
]

REQUIRED_GLOSSARY_TERMS = [
    # The brief's own list.
    "ENM",
    "Hotwife",
    "Consent",
    "Boundaries",
    "Renegotiation",
    "Health safety",
    "Emotional labour",
    "Negotiation framework",
    "Transparency",
    # Terms the site's pages use.
    "Aftercare",
    "Check-in",
    "Pause signal",
    "Debrief",
    "Metamour",
    "Power imbalance",
    "Sexual consent vs relationship consent",
    "Coercion",
    "Ongoing consent",
    "Written agreement",
    "Shared agreement",
    "ENM-friendly",
    "PEP",
    "PrEP",
    "Window period",
]

# How many numbered `##` sections each page must have (1., 2., ... in order).
NUMBERED_SECTIONS = {
    "guide/patterns.md": 7,
    "guide/strategies.md": 10,
    "guide/scripts.md": 4,
    "guide/mistakes.md": 5,
    "guide/scenarios.md": 3,
}

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTRS = re.compile(r"\s*\{[^}]*\}\s*$")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_NUMBERED = re.compile(r"^(\d+)\.\s")


def _read(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def _prose_lines(markdown: str) -> list[str]:
    """The page's lines outside fenced code blocks."""
    lines, fenced = [], False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(line)
    return lines


def headings(markdown: str, level: int | None = None) -> list[str]:
    """The text of every ATX heading (optionally of one level), without attribute lists."""
    found = []
    for line in _prose_lines(markdown):
        match = _HEADING.match(line)
        if match and (level is None or len(match.group(1)) == level):
            found.append(_ATTRS.sub("", match.group(2)))
    return found


def sections(markdown: str) -> dict[str, str]:
    """Each `##` section's heading mapped to its body, up to the next `##` heading."""
    result: dict[str, str] = {}
    current: str | None = None
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match and len(match.group(1)) == 2:
            current = _ATTRS.sub("", match.group(2))
            result[current] = ""
        elif current is not None:
            result[current] += line + "\n"
    return result


def numbered_sections(page: str) -> dict[str, str]:
    return {h: body for h, body in sections(_read(page)).items() if _NUMBERED.match(h)}


def links(markdown: str) -> list[tuple[str, str]]:
    return _LINK.findall(markdown)


def worksheet_links(markdown: str) -> list[tuple[str, str]]:
    return [(text, target) for text, target in links(markdown) if "worksheets/" in target]


# -- The helpers themselves, so a broken parser can't make every check pass vacuously ------


def test_heading_parser_skips_code_and_attribute_lists():
    markdown = "# Title { #top }\n\n```\n## not a heading\n```\n\n## Real one\ntext\n### Sub\n"
    assert headings(markdown) == ["Title", "Real one", "Sub"]
    assert headings(markdown, level=2) == ["Real one"]
    assert list(sections(markdown)) == ["Real one"]
    assert sections(markdown)["Real one"] == "text\n### Sub\n"


def test_link_parser_ignores_images():
    markdown = "![pic](a.png) and [Balance check](../worksheets/index.md)"
    assert links(markdown) == [("Balance check", "../worksheets/index.md")]


# -- Every required item has its heading -------------------------------------------------


@pytest.mark.parametrize(("page", "phrase"), REQUIRED_HEADINGS, ids=lambda v: str(v))
def test_required_heading_is_present(page, phrase):
    found = headings(_read(page))
    assert any(phrase.lower() in heading.lower() for heading in found), (
        f"{page}: no heading contains {phrase!r}; headings are {found}"
    )


@pytest.mark.parametrize(("page", "count"), NUMBERED_SECTIONS.items())
def test_page_has_its_numbered_sections_in_order(page, count):
    numbers = [int(_NUMBERED.match(h).group(1)) for h in numbered_sections(page)]
    assert numbers == list(range(1, count + 1))


def test_every_faq_heading_is_a_question():
    questions = headings(_read("faq.md"), level=2)
    assert len(questions) >= 8
    assert [q for q in questions if not q.endswith("?")] == []


# -- Each section carries the parts the brief asks for -------------------------------------


@pytest.mark.parametrize("heading", numbered_sections("guide/patterns.md"))
def test_pattern_has_signs_example_and_worksheet(heading):
    body = numbered_sections("guide/patterns.md")[heading]
    assert "**What it looks like.**" in body
    assert re.search(r"\*\*Early signs\*\*\n\n(- .+\n){3,}", body), "needs a list of signs"
    assert re.search(r"^!!! example ", body, re.MULTILINE), "needs an example admonition"
    check = re.search(r"^\*\*Check it with:\*\*(.+(\n.+)*)", body, re.MULTILINE)
    assert check, "needs a 'Check it with:' line"
    assert worksheet_links(check.group(1)), "'Check it with:' must link to a worksheet"


@pytest.mark.parametrize("heading", numbered_sections("guide/strategies.md"))
def test_strategy_has_reason_first_step_and_worksheet(heading):
    body = numbered_sections("guide/strategies.md")[heading]
    assert "**Why it works.**" in body
    assert "**A first step this week.**" in body
    worksheet = re.search(r"^\*\*Worksheet:\*\*(.+(\n.+)*)", body, re.MULTILINE)
    assert worksheet, "needs a 'Worksheet:' line"
    assert worksheet_links(worksheet.group(1)), "'Worksheet:' must link to a worksheet"


@pytest.mark.parametrize("heading", numbered_sections("guide/scripts.md"))
def test_script_has_both_partners_tabs(heading):
    body = numbered_sections("guide/scripts.md")[heading]
    tabs = re.findall(r'^=== "([^"]+)"$', body, re.MULTILINE)
    assert tabs == ["Partner A", "Partner B"]
    # Content under a tab must be indented, or it silently falls out of the tab.
    after_tabs = body[body.index('=== "Partner A"') :].split("\n**Make it yours.**")[0]
    for line in after_tabs.splitlines():
        assert not line or line.startswith(("===", "    ")), f"unindented line in a tab: {line!r}"


@pytest.mark.parametrize("heading", numbered_sections("guide/scenarios.md"))
def test_scenario_has_steps_and_worksheet(heading):
    body = numbered_sections("guide/scenarios.md")[heading]
    assert re.search(r"^1\. ", body, re.MULTILINE), "needs numbered steps"
    assert worksheet_links(body)


# -- Links to worksheets: named, and at the end of every guide page -----------------------


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_worksheet_links_name_the_worksheet(page):
    for text, target in worksheet_links(_read(page)):
        if target.rstrip("/").endswith(("worksheets", "worksheets/index.md")) and (
            "worksheets" in text.lower()
        ):
            continue  # a link to the list of worksheets, named as such
        assert any(name.lower() in text.lower() for name in WORKSHEET_NAMES), (
            f"{page}: link text {text!r} to {target} does not name a worksheet"
        )
        assert "coming soon" not in text.lower()


@pytest.mark.parametrize("page", GUIDE_PAGES)
def test_guide_page_ends_by_pointing_at_a_worksheet(page):
    last_section = list(sections(_read(page)).values())[-1]
    assert worksheet_links(last_section), f"{page}: the last section links to no worksheet"


def test_home_keeps_one_start_button_on_the_reading_path():
    # One "Start here" path: the button and step 1 of "How to use this site" agree
    # (tests/content/test_claims.py checks they point to the same page).
    assert (
        "[Start here: the seven patterns](guide/patterns.md)"
        "{ .md-button .md-button--primary }" in _read("index.md")
    )


@pytest.mark.parametrize("page", PROSE_PAGES)
def test_no_wide_tables(page):
    for line in _prose_lines(_read(page)):
        if line.lstrip().startswith("|"):
            cells = [c for c in line.strip().strip("|").split("|")]
            assert len(cells) <= 3, f"{page}: table wider than 3 columns: {line!r}"


# -- The glossary --------------------------------------------------------------------------


def _glossary_entries() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


@pytest.mark.parametrize("term", REQUIRED_GLOSSARY_TERMS)
def test_glossary_has_term(term):
    terms = [entry["term"].lower() for entry in _glossary_entries()]
    assert term.lower() in terms


def test_no_tooltip_spelling_belongs_to_two_terms():
    owner: dict[str, str] = {}
    for entry in _glossary_entries():
        if entry.get("tooltip", True) is False:
            continue
        for form in entry.get("forms") or [entry["term"]]:
            assert form not in owner, f"{form!r} is a form of {owner[form]!r} and {entry['term']!r}"
            owner[form] = entry["term"]


def test_glossary_page_uses_the_marker_and_writes_no_definitions():
    lines = _read("glossary.md").splitlines()
    assert "<!-- glossary -->" in lines
    assert not [line for line in lines if line.startswith(":")], "definitions belong in the YAML"
