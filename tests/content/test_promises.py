"""The privacy promises the pages make are held to what the code does.

A reader who turned on "Keep my answers on this device", or made the offline copy, has
something stored: a page that says "nothing is stored" must say so in the same breath. The
privacy page lists every name the site stores under, read here from the code (the keeping
module, the service worker and the page script that removes the offline copy), so renaming
one without the page is a failing test. And Leave quickly is described as it works: Shift
three times, never Escape.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import worksheets
from worksheets import keeping

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SW = ROOT / "site_src" / "site_build" / "sw.js"
OFFLINE_JS = ROOT / "site_src" / "overrides" / "assets" / "javascripts" / "ef-offline.js"
LEAVE_JS = ROOT / "site_src" / "overrides" / "assets" / "javascripts" / "ef-leave.js"
HEADER = ROOT / "site_src" / "overrides" / "partials" / "header.html"
README = ROOT / "README.md"

#: The two things a reader can turn on that store something, as the pages name them.
OPT_INS = ("Keep my answers", "offline copy")

#: A sentence that promises nothing is kept in the browser.
NOTHING_STORED = re.compile(
    r"nothing\s+(?:is|gets|will\s+be)\s+(?:ever\s+)?(?:stored|saved|kept)"
    r"|(?:keeps|stores|saves)\s+nothing|nothing\s+stays",
    re.IGNORECASE,
)
#: Any wording that makes Escape the way out.
ESCAPE_LEAVES = re.compile(
    r"(?:Esc(?:ape)?(?:</kbd>)?\W+(?:key\W+)?(?:twice|two times|again))"
    r"|(?:twice\W+\w*\W*Esc)",
    re.IGNORECASE,
)


def _text(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def _pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def _claiming() -> list[Path]:
    return [p for p in [*_pages(), README] if NOTHING_STORED.search(_text(p))]


def _js_constant(path: Path, name: str) -> str | None:
    match = re.search(rf"\b(?:const|var|let)\s+{name}\s*=\s*\"([^\"]+)\"", path.read_text())
    return match.group(1) if match else None


def cache_prefix() -> str:
    """The start of every Cache Storage name, as the built worker uses it: sw.js holds it
    either as a literal or as a `__NAME__` placeholder the build fills from
    worksheets/contract.py (site_build/offline.py)."""
    value = _js_constant(SW, "PREFIX")
    assert value, "sw.js no longer declares its cache PREFIX"
    placeholder = re.fullmatch(r"__([A-Z_]+)__", value)
    if placeholder:
        from worksheets import contract

        value = getattr(contract, placeholder.group(1))
        assert f'"__{placeholder.group(1)}__"' in (SW.parent / "offline.py").read_text()
    return value


# -- The detector itself, so an empty match can't make the promise test pass vacuously ----


@pytest.mark.parametrize(
    ("sentence", "claims"),
    [
        ("Nothing is stored unless you ask.", True),
        ("nothing is kept after you close the tab", True),
        ("The site keeps nothing in your browser's storage.", True),
        ("Nothing you type is sent anywhere.", False),
        ("What you typed is gone when you close the tab.", False),
    ],
)
def test_the_detector_knows_a_promise_when_it_sees_one(sentence, claims):
    assert bool(NOTHING_STORED.search(sentence)) is claims


def test_the_privacy_page_is_among_the_pages_that_promise():
    assert DOCS / "privacy.md" in _claiming()


# -- Section 1: every "nothing is stored" names both opt-ins --------------------------------


@pytest.mark.parametrize("path", _claiming(), ids=lambda p: str(p.relative_to(ROOT)))
def test_a_page_that_says_nothing_is_stored_names_both_opt_ins(path):
    text = _text(path)
    missing = [name for name in OPT_INS if name.lower() not in text.lower()]
    assert missing == [], f"{path.name} promises nothing is stored but never names {missing}"


def test_home_page_says_what_can_be_stored_and_where_to_read_more():
    text = _text(DOCS / "index.md")
    for name in OPT_INS:
        assert name.lower() in text.lower()
    assert "](privacy.md)" in text
    assert "unless you choose to download it" not in text  # the old, untrue promise


# -- The privacy page lists every name the code stores under --------------------------------


def test_privacy_page_lists_every_local_storage_key_the_keeping_code_writes():
    text = _text(DOCS / "privacy.md")
    assert f"`{keeping.KEEP_FLAG}`" in text
    # One entry per worksheet: the shared beginning, and a real worksheet's key as an example.
    assert f"`{keeping.storage_key('')}`" in text
    examples = [wid for wid in worksheets.IDS if f"`{keeping.storage_key(wid)}`" in text]
    assert examples, "give one worksheet's key as an example"
    assert keeping.KEEP_FLAG.startswith(keeping.PREFIX)
    assert keeping.storage_key("x").startswith(keeping.PREFIX)


def test_privacy_page_names_the_offline_cache_as_the_worker_and_the_page_script_do():
    worker = cache_prefix()
    page_script = _js_constant(OFFLINE_JS, "PREFIX")  # a literal, or read from the contract
    assert page_script in (None, worker), "the worker and ef-offline.js disagree on the name"
    assert "const CACHE = PREFIX + VERSION" in SW.read_text()
    assert f"`{worker}`" in _text(DOCS / "privacy.md")


def test_the_names_agree_with_the_page_contract_where_it_declares_them():
    """worksheets/contract.py (the page's Python) may name the same keys: they must agree."""
    contract = pytest.importorskip("worksheets.contract")
    pairs = [
        ("STORAGE_PREFIX", keeping.PREFIX),
        ("KEEP_FLAG", keeping.KEEP_FLAG),
        ("CACHE_PREFIX", cache_prefix()),
    ]
    for name, expected in pairs:
        if hasattr(contract, name):
            assert getattr(contract, name) == expected, name
    if hasattr(contract, "answers_key"):
        assert contract.answers_key("agreement") == keeping.storage_key("agreement")


def test_the_check_it_yourself_steps_cover_each_case():
    text = _text(DOCS / "privacy.md")
    section = text[text.index("How to check for yourself") :]
    for case in ("Neither option on", "Keep my answers on this device on", "offline copy made"):
        assert case in section, case
    for place in ("Local storage", "Cache storage", "Service workers", "IndexedDB"):
        assert place in section, place


# -- Leave quickly: described as it works ---------------------------------------------------


def test_leave_quickly_is_shift_three_times_in_the_script_and_on_the_pages():
    script = LEAVE_JS.read_text()
    assert re.search(r"PRESSES_TO_LEAVE\s*=\s*3;", script)
    assert '"Escape"' not in script, "Escape must never be a way out"
    privacy = _text(DOCS / "privacy.md")
    assert "<kbd>Shift</kbd> key three times" in privacy
    assert "Shift key three times" in HEADER.read_text()


@pytest.mark.parametrize(
    "path", [*_pages(), README, HEADER], ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_page_says_escape_leaves(path):
    match = ESCAPE_LEAVES.search(_text(path))
    assert match is None, f"{path.name}: {match.group(0)!r}"


def test_the_escape_detector_catches_the_old_wording():
    old = "Press it, or press the <kbd>Esc</kbd> key twice quickly"
    assert ESCAPE_LEAVES.search(old)
    assert ESCAPE_LEAVES.search("(or press Escape twice)")
