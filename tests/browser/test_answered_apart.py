"""The five worksheets answered apart, in Chromium: each compared in each of the three ways.

A form holds one partner's answers (their role, what they answer alone, and what the couple
writes together). Both partners' answers meet in one of three ways: files (each downloads
theirs, the other opens it), one device in turns (the first answers hidden while the other
answers), or codes read phone to phone (a fingerprint first, then the code it commits to).
Every way must end in the same comparison, on both devices where there are two.

The answers are picked from each declaration, not typed out per worksheet: its closed items
answered apart, in the form's order, are made to fall one in each bucket (agreed, a worry,
seen differently, answered by one partner only); what each worksheet adds to the buckets is
checked on those same hand-picked answers. A refusal (a code of another worksheet, a typo, a
code that does not match its fingerprint, the same partner twice, a file from the future)
must leave the page exactly as it was: its form, its results and its preview.
"""

from __future__ import annotations

import json
import re

import pytest

import worksheets
from site_build.forms import field_dom_id
from worksheets import answer_code, contract, pairs, view
from worksheets import consent_map as cm
from worksheets import document as files
from worksheets import new_partner as np
from worksheets import page as controller
from worksheets.schema import ROLE_NAMES, Field, Worksheet, other_role

from worksheet_driver import (
    download,
    fill,
    json_file,
    missing_from_markdown,
    open_worksheet,
    read,
)

pytestmark = pytest.mark.browser

APART = ("balance_check", "labour_split", "check_in", "new_partner", "consent_map")
SHEETS = [worksheets.get(worksheet_id) for worksheet_id in APART]
NAMES = {"a": "Sam", "b": "Jo"}
FILES, TURNS, CODES = "files", "turns", "codes"
#: The buckets the closed items fall in, one each, in the form's order.
PLAN = (pairs.AGREE, pairs.WORRY, pairs.DIFFER, pairs.UNANSWERED)
TITLES = dict(pairs.BUCKETS)
SALT = bytes(answer_code.SALT_BYTES)
# The code panel shows something new, under this label ([what it showed before, the label]).
SHOWN_NEW = """([before, label]) => {
  const text = document.getElementById("ef-code-text").textContent;
  const shown = document.getElementById("ef-code-label").textContent;
  return text !== "" && text !== before && shown.startsWith(label);
}"""

# Every list under each heading of the results: {heading text: [each item's text]}.
SECTIONS = """() => {
  const found = {};
  let current = null;
  for (const element of document.querySelectorAll("#ef-results *")) {
    if (/^H[1-6]$/.test(element.tagName)) {
      current = element.textContent.trim();
      found[current] = [];
    } else if (current !== null && element.tagName === "LI") {
      found[current].push(element.textContent.trim());
    }
  }
  return found;
}"""


TABLE = """() => [...document.querySelectorAll("#ef-results table tr")].map(
  (row) => [...row.cells].map((cell) => cell.textContent.trim()))"""


# -- The answers, picked from each declaration ---------------------------------------------------


def closed_items(sheet: Worksheet) -> list[Field]:
    """What a comparison sorts into buckets: closed answers given apart, not private."""
    return [
        item
        for item in sheet.apart_fields()
        if item.choices() and item.id != sheet.private_opt_in and not item.private
    ]


def plan(sheet: Worksheet, way: str) -> dict[str, str]:
    """The bucket each closed item is answered into. A worksheet of one item (the new-partner
    plan's "ready") is agreed on when comparing by files, and a worry the other two ways."""
    items = closed_items(sheet)
    if len(items) == 1:
        return {items[0].id: pairs.AGREE if way == FILES else pairs.WORRY}
    return {item.id: bucket for item, bucket in zip(items, PLAN, strict=False)}


def picked(item: Field, bucket: str) -> tuple[str, str]:
    """(Partner A's answer, Partner B's) that put `item` in `bucket`."""
    calm = [option.value for option in item.choices() if option.value not in item.worry]
    assert item.worry, f"{item.id} declares no worry"
    close = item.kind in pairs.CLOSE
    return {
        pairs.AGREE: (calm[0], calm[1] if close else calm[0]),  # a rating 3 and 4 agree
        pairs.WORRY: (item.worry[0], calm[0]),
        pairs.DIFFER: (calm[0], calm[-1]),
        pairs.UNANSWERED: (calm[0], ""),
    }[bucket]


def own(sheet: Worksheet, way: str, role: str) -> dict[str, str]:
    """One partner's own answers: their role, their name, their words, their closed answers."""
    answers = {sheet.role: role}
    for item in sheet.apart_fields():
        if item.private or item.id == sheet.private_opt_in or item.kind not in ("line", "text"):
            continue
        written = item.id.replace("_", " ")
        answers[item.id] = NAMES[role] if item.id in sheet.identity else f"{NAMES[role]} {written}"
    for field_id, bucket in plan(sheet, way).items():
        answers[field_id] = picked(sheet.field(field_id), bucket)[0 if role == "a" else 1]
    return answers


def together(sheet: Worksheet) -> dict[str, str]:
    """One answer the couple writes together: the first line or text not answered apart."""
    mine = {item.id for item in sheet.own_fields()}
    for item in sheet.fields():
        if item.id not in mine and item.kind in ("line", "text"):
            return {item.id: f"Written together {item.id.replace('_', ' ')}"}
    return {}  # the balance check is answered apart from start to end


def expected_buckets(sheet: Worksheet, way: str) -> dict[str, list[str]]:
    found = {bucket: [] for bucket, _title in pairs.BUCKETS}
    for field_id, bucket in plan(sheet, way).items():
        found[bucket].append(sheet.field(field_id).label)
    return found


# -- The page --------------------------------------------------------------------------------------


def status(tab, words: str) -> None:
    tab.locator(f"#{contract.STATUS}", has_text=words).wait_for()


def click(tab, action: str) -> None:
    tab.click(f'[data-action="{action}"]')


def snapshot(tab) -> dict[str, object]:
    """What a refusal must leave as it was."""
    return {
        "form": read(tab),
        "results": tab.inner_html(f"#{contract.RESULTS}"),
        "preview": tab.inner_html(f"#{contract.PREVIEW}"),
    }


def refused(tab, words: str, act) -> None:
    """Do `act`: its refusal says `words`, is announced, and changes nothing on the page."""
    error = tab.locator(f"#{contract.ERROR}")
    assert words not in error.text_content(), "the refusal would not be seen to happen"
    before = snapshot(tab)
    act()
    tab.locator(f'#{contract.STATUS}[data-state="refused"]').wait_for()
    error.filter(has_text=words).wait_for(timeout=5_000)
    assert error.is_visible()
    assert snapshot(tab) == before


def given(answers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in answers.items() if value}


def settle(tab, sheet: Worksheet, answers: dict[str, str]) -> None:
    """Wait until the preview shows every word typed: it is drawn once typing pauses."""
    if sheet.log:  # a log's preview is the log, never the check-in in the form
        return
    for field_id, value in answers.items():
        if value and sheet.field(field_id).kind in ("line", "text"):
            tab.locator(f"#{contract.PREVIEW}", has_text=value).wait_for()


def open_answered(audited, sheet: Worksheet, answers: dict[str, str]):
    tab = audited.new_page()
    open_worksheet(tab, audited.site_url, sheet)
    fill(tab, sheet, answers)
    settle(tab, sheet, answers)
    return tab


def table(tab) -> list[list[str]]:
    """The first table of the results, row by row, cell by cell."""
    return tab.evaluate(TABLE)


def sections(tab) -> dict[str, list[str]]:
    return tab.evaluate(SECTIONS)


def under(found: dict[str, list[str]], heading: str) -> list[str]:
    """The items under the heading that reads `heading (count)`, checking the count."""
    matches = [key for key in found if key.startswith(heading + " (")]
    assert len(matches) == 1, (heading, list(found))
    items = found[matches[0]]
    assert matches[0] == f"{heading} ({len(items)})"
    return items


def labels(items: list[str]) -> list[str]:
    return [item.split(" — ")[0] for item in items]


def type_in(tab, text: str) -> None:
    click(tab, contract.CODE_TYPE_ACTION)
    tab.fill(f"#{contract.CODE_INPUT}", text)
    click(tab, contract.CODE_COMPARE)


def show(tab, what: str) -> str:
    """Press the code button and return what it shows: "fingerprint" or "code"."""
    label = {"fingerprint": "Your fingerprint", "code": "Your code"}[what]
    button = controller.SHOW_CODE if what == "code" else controller.SHOW_FINGERPRINT
    assert tab.inner_text(f'[data-action="{contract.CODE_SHOW_ACTION}"]') == button
    before = tab.text_content(f"#{contract.CODE_TEXT}")
    click(tab, contract.CODE_SHOW_ACTION)
    tab.wait_for_function(SHOWN_NEW, arg=[before, label])
    assert tab.locator(f"#{contract.CODE_SHOW}").is_visible()
    return tab.inner_text(f"#{contract.CODE_TEXT}")


def exchange_fingerprints(tab_a, tab_b) -> None:
    """Each device shows its fingerprint and reads the other's."""
    type_in(tab_b, show(tab_a, "fingerprint"))
    status(tab_b, "Your partner's fingerprint is read")
    type_in(tab_a, show(tab_b, "fingerprint"))
    status(tab_a, "Your partner's fingerprint is read")


def assert_reveals_shown(tab, sheet: Worksheet, answers: dict[str, str]) -> None:
    """Before anything is shared: one line says what a file would hold, one what a code would."""
    for dom_id, what, start in (
        (contract.REVEALS_FILE, "file", "What the file holds: "),
        (contract.REVEALS_CODE, "code", "What your code holds: "),
    ):
        line = tab.locator(f"#{dom_id}")
        assert line.is_visible()
        assert line.inner_text().startswith(start)
        assert line.inner_text() == view.reveals(sheet, answers, what)
    assert "no name, no notes" in tab.inner_text(f"#{contract.REVEALS_CODE}")


# -- What a comparison shows ---------------------------------------------------------------------


def assert_compared(tab, sheet: Worksheet, way: str, device: str) -> None:
    """The buckets, then what this worksheet adds, on the device of partner `device`."""
    found = sections(tab)
    for bucket, items in expected_buckets(sheet, way).items():
        assert labels(under(found, TITLES[bucket])) == items, bucket
    text = tab.inner_text(f"#{contract.RESULTS}")
    SPECIFIC[sheet.id](tab, text, found, way, device)


def _balance_check(tab, text, found, way, device) -> None:
    # Who decides: Sam 3, 1 and 3 (2.3), Jo 4, 3 and 5 (4.0); boundaries: Sam's 3 alone.
    assert "Who decides\t2.3\t4.0\t1.7" in text
    assert "Boundaries: protection or control\t3.0\tnot answered\tn/a" in text
    assert tab.inner_text(f"#{contract.RESULTS} ol").splitlines() == [
        "Who decides: a score of 2.3 and your views are 1.7 points apart.",
        "Boundaries: protection or control: a score of 3.0.",
    ]
    names = dict(NAMES)
    if way == CODES:  # a code carries no name: the partner is called by role
        names[other_role(device)] = ROLE_NAMES[other_role(device)]
    assert f"Pattern\t{names['a']}\t{names['b']}\tGap" in text


def _labour_split(tab, text, found, way, device) -> None:
    # Both estimates of each task, and the perception gap between them.
    header, *rows = table(tab)
    assert header[:3] == ["Task", "Partner A's estimate", "Partner B's estimate"]
    assert "gap" in header[3].lower()
    assert "perception gap" in text.lower()
    assert [(row[:3], row[3].split(" ")[0]) for row in rows] == [
        (["Planning", "70%", "60%"], "10"),
        (["Scheduling", "0%", "70%"], "70"),
        (["Risk and health logistics", "70%", "30%"], "40"),
        (["Emotional check-ins", "70%", "not answered"], "not"),
    ]
    assert "You see scheduling most differently: your estimates are 70 percentage points" in text
    assert found["Carried mostly by one of you"] == [
        "In Partner A's view, Partner B carries 100% of scheduling."
    ]


def _check_in(tab, text, found, way, device) -> None:
    assert "This check-in\tPartner A\tPartner B" in text
    assert "Comfort\t3 out of 5\t4 out of 5" in text
    assert "Boundaries respected\tNo, one or more were crossed\tYes, all of them" in text
    needs = []
    for role in ("a", "b"):
        known = way != CODES or role == device  # a code carries no words
        said = f"{NAMES[role]} need next" if known else "nothing written yet"
        needs.append(f"{ROLE_NAMES[role]}: {said}")
    assert found["What each of you needs next time"] == needs


def _new_partner(tab, text, found, way, device) -> None:
    if way == FILES:  # both said ready
        assert np.BOTH_READY in text
        assert np.NOT_YET not in text
    else:  # Partner A said not yet
        assert np.NOT_YET in text
        assert np.BOTH_READY not in text
        assert found["Ready to go ahead?"] == ["Partner A said not yet."]


def _consent_map(tab, text, found, way, device) -> None:
    decisions = {item.id: item.label for item in closed_items(cm.CONSENT_MAP)}
    first = list(decisions.values())
    assert under(found, cm.AGREED_BY_BOTH) == [first[0]]
    assert labels(under(found, cm.TALK_ABOUT)) == [first[2], first[3]]
    assert under(found, cm.PAUSED) == [f"{first[1]} — Partner A: Pause, Partner B: Agreed"]


SPECIFIC = {
    "balance_check": _balance_check,
    "labour_split": _labour_split,
    "check_in": _check_in,
    "new_partner": _new_partner,
    "consent_map": _consent_map,
}


# -- Files -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.id)
def test_two_devices_compare_through_files(audited, module_audited, sheet, tmp_path):
    joint = together(sheet)
    answers = {role: own(sheet, FILES, role) | joint for role in ("a", "b")}
    tabs = {"a": open_answered(audited, sheet, answers["a"])}
    tabs["b"] = open_answered(module_audited, sheet, answers["b"])
    shared = {}
    for role, tab in tabs.items():
        assert_reveals_shown(tab, sheet, answers[role])
        _, text = download(tab, contract.DOWNLOAD_JSON)
        # What the line said: your own answers, your role and what you wrote together.
        held = given(json.loads(text)["answers"])
        assert held == given(sheet.shared_answers(answers[role]))
        shared[role] = json_file(tmp_path, f"{role}.json", text)

    for role, tab in tabs.items():
        tab.set_input_files(f"#{contract.COMPARE_FILE}", str(shared[other_role(role)]))
        status(tab, "Comparing with your partner's answers")
        assert tab.locator(f"#{contract.ERROR}").is_hidden()
    for role, tab in tabs.items():
        assert_compared(tab, sheet, FILES, role)
        assert given(read(tab)) == given(answers[role])

    # Only what both agree on: the rest hides on this screen, and comes back.
    tab = tabs["a"]
    toggle = tab.locator(f'[data-action="{contract.AGREED_ONLY}"]')
    whole = snapshot(tab)
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    tab.locator(f"#{contract.RESULTS}", has_text=pairs.ONLY_AGREED_NOTE).wait_for()
    assert toggle.get_attribute("aria-pressed") == "true"
    found = sections(tab)
    agreed = [item for item, bucket in plan(sheet, FILES).items() if bucket == pairs.AGREE]
    # The consent map's agreed list is all it shows; the others keep their agreed bucket.
    heading = cm.AGREED_BY_BOTH if sheet.id == "consent_map" else TITLES[pairs.AGREE]
    assert labels(under(found, heading)) == [sheet.field(i).label for i in agreed]
    hidden = [title for bucket, title in pairs.BUCKETS if bucket != pairs.AGREE]
    hidden += [np.NOT_YET, cm.TALK_ABOUT, cm.PAUSED]
    hidden += ["What each of you needs next time", "Carried mostly by one of you"]
    shown = tab.inner_text(f"#{contract.RESULTS}")
    assert [words for words in hidden if words in shown] == []
    assert tab.locator(f"#{contract.RESULTS} :is(table, svg)").count() == 0, "no table, no chart"
    partly = snapshot(tab)
    assert (partly["form"], partly["preview"]) == (whole["form"], whole["preview"])
    toggle.click()
    tab.locator(f"#{contract.RESULTS}", has_not_text=pairs.ONLY_AGREED_NOTE).wait_for()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert snapshot(tab) == whole
    tabs["b"].close()


# -- One device, in turns ------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.id)
def test_one_device_in_turns_hides_the_first_answers(module_audited, sheet):
    joint = together(sheet)
    first, second = own(sheet, TURNS, "a"), own(sheet, TURNS, "b")
    tab = open_answered(module_audited, sheet, first | joint)
    turns = tab.locator(f'[data-action="{contract.TAKE_TURNS}"]')
    assert turns.inner_text() == controller.TAKE_TURNS_FIRST
    mine = {k: v for k, v in first.items() if k != sheet.role}
    if not sheet.log:
        assert missing_from_markdown(sheet, mine, tab.inner_text(f"#{contract.PREVIEW}")) == []

    turns.click()
    status(tab, "The first answers are hidden")
    form = read(tab)
    assert form[sheet.role] == "b", "the form says who answers now"
    assert {k: v for k, v in form.items() if v and k != sheet.role} == joint, "what stays"
    preview = tab.inner_text(f"#{contract.PREVIEW}")
    assert sorted(missing_from_markdown(sheet, mine, preview)) == sorted(mine)
    assert NAMES["a"] not in tab.inner_text(f"#{contract.RESULTS}") + preview
    assert turns.inner_text() == controller.TAKE_TURNS_SECOND

    fill(tab, sheet, second)
    turns.click()
    status(tab, "Both of you have answered")
    assert_compared(tab, sheet, TURNS, "b")
    assert turns.inner_text() == controller.TAKE_TURNS_FIRST
    assert given(read(tab)) == given(second | joint)
    tab.close()


# -- Codes, phone to phone -------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.id)
def test_two_phones_compare_by_fingerprint_then_code(audited, module_audited, sheet):
    answers = {role: own(sheet, CODES, role) for role in ("a", "b")}
    tab_a = open_answered(audited, sheet, answers["a"])
    tab_b = open_answered(module_audited, sheet, answers["b"])
    for role, tab in (("a", tab_a), ("b", tab_b)):
        assert_reveals_shown(tab, sheet, answers[role])

    exchange_fingerprints(tab_a, tab_b)
    code_a = show(tab_a, "code")
    assert len(answer_code.normalise(code_a)) == answer_code.latest_layout(sheet).characters
    type_in(tab_b, code_a)
    status(tab_b, "Comparing with your partner's answers, from their code")
    type_in(tab_a, show(tab_b, "code"))
    status(tab_a, "Comparing with your partner's answers, from their code")

    for role, tab in (("a", tab_a), ("b", tab_b)):
        assert tab.locator(f"#{contract.ERROR}").is_hidden()
        assert_compared(tab, sheet, CODES, role)
        # No name and no words travel in a code: the partner's stay on their own phone.
        theirs = answers[other_role(role)]
        words = [v for k, v in theirs.items() if sheet.field(k).kind in ("line", "text")]
        body = tab.inner_text("body")
        assert [w for w in words if re.search(rf"\b{re.escape(w)}\b", body)] == []
        assert given(read(tab)) == given(answers[role])
    audited.assert_private(tab_a)
    module_audited.assert_private(tab_b)
    tab_b.close()


# -- Refusals: each says why, and nothing on the page changes --------------------------------------


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.id)
def test_refused_codes_and_files_change_nothing(audited, module_audited, sheet, tmp_path):
    answers = {role: own(sheet, CODES, role) for role in ("a", "b")}
    tab_a = open_answered(audited, sheet, answers["a"])
    tab_b = open_answered(module_audited, sheet, answers["b"])

    # A code before any fingerprint.
    code_first = answer_code.encode(answers["a"], sheet, SALT)
    refused(tab_b, "Read your partner's fingerprint first", lambda: type_in(tab_b, code_first))
    # A code of another worksheet (the next one here), and a fingerprint of the same partner.
    other = SHEETS[(SHEETS.index(sheet) + 1) % len(SHEETS)]
    elsewhere = answer_code.group(answer_code.encode(own(other, CODES, "a"), other, SALT))
    title = answer_code.TITLES[other.id]
    refused(tab_b, f"another worksheet (the {title})", lambda: type_in(tab_b, elsewhere))
    same = answer_code.fingerprint(answers["b"], sheet, SALT)
    refused(tab_b, "Both sets of answers are Partner B's", lambda: type_in(tab_b, same))

    # Partner A shares a fingerprint, then changes an answer: the fingerprint is hidden.
    type_in(tab_b, show(tab_a, "fingerprint"))
    status(tab_b, "Your partner's fingerprint is read")
    item = closed_items(sheet)[0]
    changed = next(o.value for o in item.choices() if o.value != answers["a"][item.id])
    fill(tab_a, sheet, {item.id: changed})
    status(tab_a, "no longer matched them")
    assert tab_a.locator(f"#{contract.CODE_SHOW}").is_hidden()
    type_in(tab_a, show(tab_b, "fingerprint"))
    status(tab_a, "Your partner's fingerprint is read")
    # A fresh fingerprint of the changed answers (B never reads it), then their code.
    show(tab_a, "fingerprint")
    changed_code = show(tab_a, "code")
    refused(
        tab_b,
        "changed after the fingerprint was shared",
        lambda: type_in(tab_b, changed_code),
    )
    # A character misread: the checksum fails before anything in the code is believed.
    chars = answer_code.normalise(changed_code)
    middle = len(chars) // 2
    flipped = next(c for c in answer_code.ALPHABET if c != chars[middle])
    typo = answer_code.group(chars[:middle] + flipped + chars[middle + 1 :])
    refused(tab_b, "its checksum failed", lambda: type_in(tab_b, typo))

    # A changes the answer back, both start the exchange again; then the same partner's code
    # is refused, and A's compared.
    fill(tab_a, sheet, {item.id: answers["a"][item.id]})
    for tab in (tab_a, tab_b):
        click(tab, contract.CODE_RESTART)
        status(tab, "The exchange starts again")
        assert tab.inner_text(f'[data-action="{contract.CODE_SHOW_ACTION}"]') == (
            controller.SHOW_FINGERPRINT
        )
    exchange_fingerprints(tab_a, tab_b)
    mine = answer_code.encode(answers["b"], sheet, SALT)
    refused(tab_b, "Both sets of answers are Partner B's", lambda: type_in(tab_b, mine))
    type_in(tab_b, show(tab_a, "code"))
    status(tab_b, "Comparing with your partner's answers, from their code")
    assert_compared(tab_b, sheet, CODES, "b")

    # Files: the same partner twice, and a file from a newer version of the worksheet.
    # Partner B's own file, as downloaded; then the same, as a newer version would write it.
    _, own_file = download(tab_b, contract.DOWNLOAD_JSON)
    twice = json_file(tmp_path, "twice.json", own_file)
    refused(
        tab_b,
        "Both sets of answers are Partner B's",
        lambda: tab_b.set_input_files(f"#{contract.COMPARE_FILE}", str(twice)),
    )
    newer = json.loads(own_file)
    newer["version"] = sheet.version + 1
    future = json_file(tmp_path, "future.json", newer)
    refused(
        tab_b,
        "made by a newer version of this worksheet",
        lambda: tab_b.set_input_files(f"#{contract.COMPARE_FILE}", str(future)),
    )
    assert_compared(tab_b, sheet, CODES, "b")
    tab_b.close()


# -- What a file or a code would hold, said before sharing ----------------------------------------


def test_the_lines_saying_what_is_shared_follow_the_private_opt_in(module_audited):
    sheet = worksheets.get("balance_check")
    answers = own(sheet, CODES, "a")
    tab = open_answered(module_audited, sheet, answers)
    lines = (f"#{contract.REVEALS_FILE}", f"#{contract.REVEALS_CODE}")
    assert_reveals_shown(tab, sheet, answers)
    for line in lines:
        assert "not your private answers" in tab.inner_text(line)
    opt_in = f"#{field_dom_id(sheet.private_opt_in)}"
    tab.check(opt_in)
    for line in lines:
        tab.locator(line, has_text="because you ticked to include them").wait_for()
    assert_reveals_shown(tab, sheet, answers | {sheet.private_opt_in: "yes"})
    tab.uncheck(opt_in)
    for line in lines:
        tab.locator(line, has_text="not your private answers").wait_for()
    assert_reveals_shown(tab, sheet, answers)
    tab.close()


def test_a_download_holds_the_whole_comparison_while_only_the_agreed_is_shown(audited, tmp_path):
    sheet = worksheets.get("consent_map")
    tab = open_answered(audited, sheet, own(sheet, FILES, "a"))
    partner = json_file(tmp_path, "b.json", files.to_json(sheet, own(sheet, FILES, "b")))
    tab.set_input_files(f"#{contract.COMPARE_FILE}", str(partner))
    status(tab, "Comparing with your partner's answers")
    click(tab, contract.AGREED_ONLY)
    tab.locator(f"#{contract.RESULTS}", has_text=pairs.ONLY_AGREED_NOTE).wait_for()
    assert cm.PAUSED not in tab.inner_text(f"#{contract.RESULTS}")
    _, markdown = download(tab, contract.DOWNLOAD_MARKDOWN)
    assert f"### {cm.PAUSED} (1)" in markdown
    assert f"### {cm.TALK_ABOUT} (2)" in markdown


def test_the_code_button_says_fingerprint_again_once_the_answers_change(module_audited):
    sheet = worksheets.get("consent_map")
    answers = own(sheet, CODES, "a")
    tab = open_answered(module_audited, sheet, answers)
    show(tab, "fingerprint")
    type_in(tab, answer_code.fingerprint(own(sheet, CODES, "b"), sheet, SALT))
    status(tab, "Your partner's fingerprint is read")
    button = tab.locator(f'[data-action="{contract.CODE_SHOW_ACTION}"]')
    assert button.inner_text() == controller.SHOW_CODE
    item = closed_items(sheet)[0]
    changed = next(o.value for o in item.choices() if o.value != answers[item.id])
    before = tab.inner_html(f"#{contract.RESULTS}")
    fill(tab, sheet, {item.id: changed})
    tab.wait_for_function(
        "([id, before]) => document.getElementById(id).innerHTML !== before",
        arg=[contract.RESULTS, before],
    )
    try:
        assert button.inner_text() == controller.SHOW_FINGERPRINT
    finally:
        tab.close()


def test_a_shown_fingerprint_is_not_under_the_sticky_header(module_audited):
    sheet = worksheets.get("consent_map")
    tab = open_answered(module_audited, sheet, own(sheet, CODES, "a"))
    show(tab, "fingerprint")
    header, qr = tab.evaluate(
        f"""() => [document.querySelector(".md-header").getBoundingClientRect().bottom,
        document.querySelector("#{contract.CODE_QR} svg").getBoundingClientRect().top]"""
    )
    tab.close()
    assert qr >= header
