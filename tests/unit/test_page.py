"""The page controller: every event a worksheet page sends, and what the page does about it.

Each test names the transition it covers with `@transition(...)`; the last test checks that
every event in `page.HANDLERS` has at least one, so a new event cannot ship untested.
Effects are plain tuples, so a test reads like the page: "this is shown, that is asked".
"""

import json

import pytest

import worksheets
from worksheets import answer_code, contract, keeping, page
from worksheets import document as files

TODAY = "2026-12-04"
AGREEMENT = worksheets.get("agreement")
BALANCE = worksheets.get("balance_check")
CHECK_IN = worksheets.get("check_in")

#: event name -> the tests that drive it
TESTED: dict[str, list[str]] = {}


def transition(*names):
    def register(test):
        for name in names:
            TESTED.setdefault(name, []).append(test.__name__)
        return test

    return register


def step(sheet, state, name, answers=None, **data):
    """Send one event as the bridge does: with the form's answers and today's date."""
    data = {"answers": state["answers"] if answers is None else answers, "today": TODAY, **data}
    return page.step(sheet, state, name, data)


def started(sheet, answers=None, **start):
    return step(sheet, page.new_page(sheet), "start", answers, **start)


def ready(sheet, answers=None, **start):
    return started(sheet, answers, **start)[0]


def find(effects, kind, *head):
    """The effects of this kind whose first arguments are `head`."""
    return [e for e in effects if e[0] == kind and e[1 : 1 + len(head)] == head]


def shown(effects, dom_id, what="text"):
    """The last value the effects give this element's property; None if they leave it."""
    values = [e[3] for e in find(effects, "set", dom_id, what)]
    return values[-1] if values else None


def status(effects):
    return shown(effects, contract.STATUS)


def refused(effects):
    return shown(effects, contract.STATUS, "state") == "refused"


def typed(sheet, **answers):
    return {**sheet.empty_answers(), **answers}


def rated(**extra):
    """Balance-check answers with one statement rated."""
    return typed(BALANCE, **{"decisions_1": "4", "role": "a", **extra})


def then(effects):
    """The follow-up event an asynchronous effect will send: (name, data)."""
    return effects[-1]


# -- Start ------------------------------------------------------------------------------------------


@transition("start")
def test_start_brings_the_controls_to_life_and_renders_nothing_untouched():
    state, effects = started(AGREEMENT)
    assert ("enable",) in effects
    assert ("set", contract.KEEP_ON, "disabled", False) in effects
    assert status(effects) == page.READY
    assert shown(effects, contract.STATUS, "state") == "ready"
    assert ("ready",) in effects
    assert find(effects, "later", "warm")
    # The build rendered the untouched preview: nothing is rendered again.
    assert shown(effects, contract.PREVIEW, "html") is None
    assert shown(effects, contract.PRINT_DATE) == f" · printed on {TODAY}"
    assert not find(effects, "store")
    assert not find(effects, "later", "keep")
    assert state["keep"]["on"] is False


@transition("start")
def test_start_renders_what_was_typed_before_python_arrived():
    _, effects = started(AGREEMENT, typed(AGREEMENT, partner_a="Sam"))
    assert "Sam" in shown(effects, contract.PREVIEW, "html")


@transition("start")
def test_start_with_keeping_on_and_nothing_kept_yet():
    state, effects = started(AGREEMENT, keep_flag="on", kept=None)
    assert ("set", contract.KEEP_ON, "checked", True) in effects
    assert "will be kept" in shown(effects, contract.KEEP_STATUS)
    assert state["keep"]["on"]
    assert not state["keep"]["locked"]
    assert find(effects, "later", "keep")


@transition("start", "restore_confirmed")
def test_start_reopens_plainly_kept_answers():
    kept = keeping.plain(files.to_json(AGREEMENT, typed(AGREEMENT, partner_a="Kept")))
    state, effects = started(AGREEMENT, keep_flag="on", kept=kept)
    assert find(effects, "form")[0][1]["partner_a"] == "Kept"
    assert state["answers"]["partner_a"] == "Kept"
    assert ("set", contract.KEEP, "open", True) in effects
    assert "back, from this device" in shown(effects, contract.KEEP_STATUS)
    assert status(effects) == page.READY


@transition("start", "restore_confirmed", "restore_declined")
def test_kept_answers_never_replace_typed_ones_without_asking():
    kept = keeping.plain(files.to_json(AGREEMENT, typed(AGREEMENT, partner_a="Kept")))
    mine = typed(AGREEMENT, partner_a="Typed")
    state, effects = started(AGREEMENT, mine, keep_flag="on", kept=kept)
    (ask,) = find(effects, "ask")
    assert not find(effects, "form")
    yes, no = ask[2], ask[3]
    _, declined = step(AGREEMENT, state, *no[:1], mine, **no[1])
    assert not find(declined, "form")
    assert "left as they are" in shown(declined, contract.KEEP_STATUS)
    _, confirmed = step(AGREEMENT, state, *yes[:1], mine, **yes[1])
    assert find(confirmed, "form")[0][1]["partner_a"] == "Kept"


@transition("start", "keep_due", "changed")
def test_damaged_kept_answers_lock_keeping_so_nothing_overwrites_them():
    state, effects = started(AGREEMENT, keep_flag="on", kept="{not json")
    assert state["keep"]["locked"]
    assert "could not be read" in shown(effects, contract.KEEP_STATUS)
    state, effects = step(AGREEMENT, state, "changed", typed(AGREEMENT, partner_a="x"))
    assert not find(effects, "later", "keep")
    assert step(AGREEMENT, state, "keep_due")[1] == []


@transition("start")
def test_sealed_kept_answers_wait_for_the_passphrase():
    box = keeping.Sealed(b"s" * 16, b"i" * 12, b"secret", keeping.PBKDF2_ITERATIONS)
    state, effects = started(AGREEMENT, keep_flag="on", kept=keeping.sealed(box))
    assert state["keep"]["locked"]
    assert ("action", contract.KEEP_UNLOCK, "hidden", False) in effects
    assert "type your passphrase" in shown(effects, contract.KEEP_STATUS)


@transition("start")
def test_a_kept_log_comes_back_whole():
    entries = [typed(CHECK_IN, date="2026-11-01"), typed(CHECK_IN, date="2026-11-08")]
    kept = keeping.plain(files.to_json(CHECK_IN, entries))
    state, effects = started(CHECK_IN, keep_flag="on", kept=kept)
    assert [e["date"] for e in state["entries"]] == ["2026-11-01", "2026-11-08"]
    assert shown(effects, contract.LOG_LIST, "html") == page.log_items(state["entries"])
    assert ("set", contract.LOG_EMPTY, "hidden", True) in effects


@transition("warm")
def test_warming_up_renders_nothing():
    state = ready(AGREEMENT)
    assert step(AGREEMENT, state, "warm") == (state, [])


# -- Changes --------------------------------------------------------------------------------------


@transition("changed")
def test_a_change_renders_the_preview_once():
    state = ready(AGREEMENT)
    answers = typed(AGREEMENT, partner_a="<b>Sam</b>")
    state, effects = step(AGREEMENT, state, "changed", answers)
    html = shown(effects, contract.PREVIEW, "html")
    assert "&lt;b&gt;Sam&lt;/b&gt;" in html
    assert "<b>Sam" not in html
    # The same answers again: nothing to render.
    assert step(AGREEMENT, state, "changed", answers)[1] == []


@transition("typed", "changed")
def test_typing_draws_the_preview_once_the_typing_pauses():
    """A keystroke only notes the answers and (re)starts one timer; the timer's event draws."""
    state = ready(AGREEMENT)
    answers = typed(AGREEMENT, partner_a="Sa")
    state, effects = step(AGREEMENT, state, "typed", answers, kind="text")
    assert effects == [("later", "typed", page.TYPING_PAUSE_MS, ("changed", {}))]
    assert state["answers"]["partner_a"] == "Sa"
    answers = typed(AGREEMENT, partner_a="Sam")
    state, effects = step(AGREEMENT, state, "typed", answers, kind="textarea")
    assert [effect[:2] for effect in effects] == [("later", "typed")]  # the same slot: replaced
    _, effects = step(AGREEMENT, state, *effects[0][3][:1], answers)
    assert "Sam" in shown(effects, contract.PREVIEW, "html")
    assert 100 <= page.TYPING_PAUSE_MS <= 500  # long enough to skip keys, short enough to feel live


@transition("typed")
def test_a_choice_draws_at_once():
    state = ready(BALANCE)
    _, effects = step(BALANCE, state, "typed", rated(), kind="radio")
    assert "<svg" in shown(effects, contract.RESULTS, "html")
    assert not [effect for effect in effects if effect[0] == "later" and effect[1] == "typed"]


@transition("changed")
def test_a_rating_renders_the_results():
    state = ready(BALANCE)
    _, effects = step(BALANCE, state, "changed", rated())
    assert "<svg" in shown(effects, contract.RESULTS, "html")


@transition("changed")
def test_the_step_leaves_the_old_state_alone():
    state = ready(AGREEMENT)
    before = json.dumps(state, default=repr, sort_keys=True)
    step(AGREEMENT, state, "changed", typed(AGREEMENT, partner_a="Sam"))
    assert json.dumps(state, default=repr, sort_keys=True) == before


def test_an_unknown_event_is_a_bug_not_a_silence():
    with pytest.raises(KeyError):
        step(AGREEMENT, ready(AGREEMENT), "no-such-event")


@transition("before_print", contract.PRINT)
def test_printing_stamps_the_date():
    state = ready(AGREEMENT)
    _, effects = step(AGREEMENT, state, "before_print")
    assert effects == [("set", contract.PRINT_DATE, "text", f" · printed on {TODAY}")]
    _, effects = step(AGREEMENT, state, contract.PRINT)
    assert effects[-1] == ("print",)
    assert shown(effects, contract.PRINT_DATE) == f" · printed on {TODAY}"


@transition("typed", "before_print")
def test_the_browsers_print_draws_what_was_just_typed():
    """Ctrl+P within the typing pause still prints the latest words, not the ones before."""
    state, _ = step(
        AGREEMENT, ready(AGREEMENT), "typed", typed(AGREEMENT, partner_a="Sam"), kind="text"
    )
    _, effects = step(AGREEMENT, state, "before_print")
    assert "Sam" in shown(effects, contract.PREVIEW, "html")
    assert effects[-1] == ("set", contract.PRINT_DATE, "text", f" · printed on {TODAY}")


# -- Downloads ---------------------------------------------------------------------------------------


@transition(contract.DOWNLOAD_MARKDOWN)
def test_markdown_download_holds_the_answers_and_says_where_it_is():
    state = ready(AGREEMENT)
    _, effects = step(
        AGREEMENT, state, contract.DOWNLOAD_MARKDOWN, typed(AGREEMENT, partner_a="Sam")
    )
    ((_, name, text, mime),) = find(effects, "download")
    assert name == f"written-agreement-{TODAY}.md"
    assert mime == "text/markdown"
    assert "Sam" in text
    assert ("saved",) in effects
    assert status(effects).startswith("Downloaded as Markdown")
    assert shown(effects, contract.ERROR, "hidden") is True


@transition(contract.DOWNLOAD_JSON)
def test_json_download_imports_back_exactly():
    answers = typed(AGREEMENT, partner_a="Sam")
    _, effects = step(AGREEMENT, ready(AGREEMENT), contract.DOWNLOAD_JSON, answers)
    ((_, name, text, mime),) = find(effects, "download")
    assert name.endswith(".json")
    assert mime == "application/json"
    assert files.from_json(AGREEMENT, text).answers == answers
    assert ("saved",) in effects


@transition(contract.DOWNLOAD_MARKDOWN)
def test_a_log_document_warns_about_the_check_in_still_in_the_form():
    state = ready(CHECK_IN)
    draft = typed(CHECK_IN, date="2026-12-01")
    action = contract.DOWNLOAD_MARKDOWN
    assert "add it to the log first" in status(step(CHECK_IN, state, action, draft)[1])
    assert "add it to the log" not in status(step(CHECK_IN, state, action)[1])


@transition(contract.DOWNLOAD_JSON, "file_read")
def test_a_log_file_carries_the_check_in_in_progress_and_fills_an_empty_form_with_it():
    draft = typed(CHECK_IN, role="b", date="2026-12-01", comfort="2", need_next="Sleep")
    entry = CHECK_IN.record(typed(CHECK_IN, role="a", date="2026-11-01", comfort="4"))
    state = {**ready(CHECK_IN), "entries": [entry]}
    _, effects = step(CHECK_IN, state, contract.DOWNLOAD_JSON, draft)
    ((_, _, text, _),) = find(effects, "download")
    assert json.loads(text)["answers"]["need_next"] == "Sleep"
    imported, effects = step(CHECK_IN, ready(CHECK_IN), "file_read", purpose="import", text=text)
    assert imported["entries"] == [entry]
    assert find(effects, "form") == [("form", draft)]
    # Its partner compares with the check-in in progress, not with the log.
    mine = typed(CHECK_IN, role="a", date="2026-12-01", comfort="4")
    state, effects = step(
        CHECK_IN, ready(CHECK_IN), "file_read", mine, purpose="compare", text=text
    )
    assert state["partner"] == draft
    assert "This check-in, side by side" in shown(effects, contract.RESULTS, "html")


@transition("file_read")
def test_a_partner_file_without_their_own_answers_is_refused():
    text = files.to_json(CHECK_IN, [CHECK_IN.record(typed(CHECK_IN, date="2026-11-01"))])
    state, effects = step(CHECK_IN, ready(CHECK_IN), "file_read", purpose="compare", text=text)
    assert refused(effects)
    assert "none of your partner's own answers" in shown(effects, contract.ERROR)
    assert state["partner"] is None


# -- Import --------------------------------------------------------------------------------------------


@transition(contract.IMPORT, contract.COMPARE_FILE_ACTION)
def test_the_import_buttons_open_their_file_pickers():
    state = ready(BALANCE)
    assert step(BALANCE, state, contract.IMPORT)[1] == [("call", contract.IMPORT_FILE, "click")]
    assert step(BALANCE, state, contract.COMPARE_FILE_ACTION)[1] == [
        ("call", contract.COMPARE_FILE, "click")
    ]


@transition("file_chosen")
def test_a_huge_file_is_refused_before_a_byte_is_read():
    _, effects = step(AGREEMENT, ready(AGREEMENT), "file_chosen", purpose="import", size=10**9)
    assert refused(effects)
    assert not find(effects, "read_file")
    assert "far larger" in shown(effects, contract.ERROR)


@transition("file_chosen")
def test_a_file_of_a_sensible_size_is_read():
    _, effects = step(AGREEMENT, ready(AGREEMENT), "file_chosen", purpose="import", size=900)
    assert effects == [("read_file", "import", ("file_read", {"purpose": "import"}))]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("{broken", "damaged"),
        ("[" * 100_000, "nested far deeper"),
        (
            json.dumps({"format": files.FORMAT, "worksheet": "consent_map", "version": 1}),
            "another worksheet",
        ),
        (
            json.dumps(
                {"format": files.FORMAT, "worksheet": "agreement", "version": 99, "answers": {}}
            ),
            "newer version",
        ),
    ],
)
@transition("file_read")
def test_a_bad_file_changes_nothing_and_says_why(text, kind):
    state = ready(AGREEMENT)
    answers = typed(AGREEMENT, partner_a="Mine")
    new, effects = step(AGREEMENT, state, "file_read", answers, purpose="import", text=text)
    assert refused(effects)
    assert kind in shown(effects, contract.ERROR)
    assert not find(effects, "form")
    assert not find(effects, "saved")
    assert new["answers"] == answers
    assert new["pending"] == {}


@transition("file_read", "import_confirmed")
def test_a_file_fills_an_empty_form_at_once():
    text = files.to_json(AGREEMENT, typed(AGREEMENT, partner_a="From file"))
    state, effects = step(AGREEMENT, ready(AGREEMENT), "file_read", purpose="import", text=text)
    assert not find(effects, "ask")
    assert find(effects, "form")[0][1]["partner_a"] == "From file"
    assert ("saved",) in effects
    assert status(effects).startswith("Imported the file")
    assert state["pending"] == {}


@transition("file_read", "import_confirmed", "import_declined")
def test_a_file_asks_before_replacing_typed_answers():
    text = files.to_json(AGREEMENT, typed(AGREEMENT, partner_a="From file"))
    mine = typed(AGREEMENT, partner_a="Typed")
    state, effects = step(
        AGREEMENT, ready(AGREEMENT), "file_read", mine, purpose="import", text=text
    )
    ((_, question, yes, no),) = find(effects, "ask")
    assert "Replace the answers" in question
    assert not find(effects, "form")
    declined, effects = step(AGREEMENT, state, no[0], mine)
    assert status(effects).startswith("Import cancelled")
    assert not find(effects, "form")
    assert step(AGREEMENT, declined, "import_confirmed", mine)[1] == []  # nothing pending
    _, effects = step(AGREEMENT, state, yes[0], mine)
    assert find(effects, "form")[0][1]["partner_a"] == "From file"


@transition("file_read")
def test_the_same_answers_again_need_no_question():
    mine = typed(AGREEMENT, partner_a="Same")
    text = files.to_json(AGREEMENT, mine)
    _, effects = step(AGREEMENT, ready(AGREEMENT), "file_read", mine, purpose="import", text=text)
    assert not find(effects, "ask")
    assert status(effects).startswith("Imported")


@transition("file_read", "import_confirmed")
def test_a_log_file_replaces_the_log_after_asking():
    state = ready(CHECK_IN)
    state, _ = step(CHECK_IN, state, contract.ADD_ENTRY, typed(CHECK_IN, date="2026-10-01"))
    text = files.to_json(CHECK_IN, [typed(CHECK_IN, date="2026-11-01")])
    state, effects = step(CHECK_IN, state, "file_read", purpose="import", text=text)
    ((_, question, yes, _no),) = find(effects, "ask")
    assert "check-ins in the log" in question
    state, effects = step(CHECK_IN, state, yes[0])
    assert [e["date"] for e in state["entries"]] == ["2026-11-01"]
    assert not find(effects, "form")


@transition("file_read")
def test_a_partner_file_is_compared_not_imported():
    theirs = rated(role="b", decisions_1="1")
    text = files.to_json(BALANCE, theirs)
    state, effects = step(
        BALANCE, ready(BALANCE), "file_read", rated(), purpose="compare", text=text
    )
    assert state["partner"]["decisions_1"] == "1"
    assert not find(effects, "form")
    assert status(effects).startswith("Comparing with your partner's answers:")
    assert ("call", contract.RESULTS_HEADING, "scroll") in effects


# -- A log ---------------------------------------------------------------------------------------------


def test_the_log_lists_each_check_in_with_its_own_remove_button():
    html = page.log_items([{"date": "2026-11-01"}, {"date": ""}, {"date": "<b>"}])
    assert html.count("<li>") == 3
    assert "<span>Check-in on 2026-11-01</span>" in html
    assert (
        f'{contract.ENTRY_ATTRIBUTE}="1" aria-label="Remove the check-in on an unknown date"'
        in html
    )
    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    assert page.log_items([]) == ""


@transition(contract.ADD_ENTRY)
def test_an_empty_or_undated_check_in_is_not_added():
    state = ready(CHECK_IN)
    _, effects = step(CHECK_IN, state, contract.ADD_ENTRY)
    assert refused(effects)
    assert "Fill in" in shown(effects, contract.ERROR)
    undated = typed(CHECK_IN, felt_good="the talk")
    new, effects = step(CHECK_IN, state, contract.ADD_ENTRY, undated)
    assert refused(effects)
    assert "date" in shown(effects, contract.ERROR)
    assert new["entries"] == []
    assert not find(effects, "form")


@transition(contract.ADD_ENTRY)
def test_adding_a_check_in_clears_the_form_and_counts_the_log():
    state = ready(CHECK_IN)
    state, effects = step(CHECK_IN, state, contract.ADD_ENTRY, typed(CHECK_IN, date="2026-11-01"))
    assert find(effects, "form") == [("form", CHECK_IN.empty_answers())]
    assert status(effects) == (
        "Added the check-in of 2026-11-01. The log holds 1 check-in: download the file to reopen here (JSON) to keep it."
    )
    state, effects = step(CHECK_IN, state, contract.ADD_ENTRY, typed(CHECK_IN, date="2026-11-08"))
    assert "holds 2 check-ins" in status(effects)
    assert len(state["entries"]) == 2


@transition("remove_entry", "remove_confirmed")
def test_removing_a_check_in_asks_first():
    state = ready(CHECK_IN)
    state, _ = step(CHECK_IN, state, contract.ADD_ENTRY, typed(CHECK_IN, date="2026-11-01"))
    _, effects = step(CHECK_IN, state, "remove_entry", index=0)
    ((_, question, yes, no),) = find(effects, "ask")
    assert question == "Remove the check-in of 2026-11-01 from the log?"
    assert no is None
    state, effects = step(CHECK_IN, state, yes[0], **yes[1])
    assert state["entries"] == []
    assert status(effects) == "Removed the check-in of 2026-11-01 from the log."
    assert ("set", contract.LOG_EMPTY, "hidden", False) in effects


@transition("remove_entry", "remove_confirmed")
def test_a_stale_remove_button_changes_nothing():
    state = ready(CHECK_IN)
    for event in ("remove_entry", "remove_confirmed"):
        for index in (0, -1, "0", None):
            assert step(CHECK_IN, state, event, index=index) == (state, [])


@transition(contract.CALENDAR)
def test_the_calendar_needs_a_next_date_and_says_only_check_in():
    state = ready(CHECK_IN)
    _, effects = step(CHECK_IN, state, contract.CALENDAR)
    assert refused(effects)
    assert not find(effects, "download")
    _, effects = step(CHECK_IN, state, contract.CALENDAR, typed(CHECK_IN, next_date="2026-12-24"))
    ((_, name, text, mime),) = find(effects, "download")
    assert (name, mime) == ("check-in-2026-12-24.ics", "text/calendar")
    assert "SUMMARY:Check-in together" in text
    assert "DTSTART;VALUE=DATE:20261224" in text


# -- Taking turns ------------------------------------------------------------------------------------


@transition(contract.TAKE_TURNS)
def test_a_name_and_role_alone_are_not_an_answer_to_hand_over():
    only_who = typed(BALANCE, respondent="Sam", role="a")
    state, effects = step(BALANCE, ready(BALANCE), contract.TAKE_TURNS, only_who)
    assert refused(effects)
    assert state["first_turn"] is None


@transition(contract.TAKE_TURNS)
def test_taking_turns_hides_the_first_answers_then_compares():
    first = rated(respondent="Sam")
    state, _ = step(BALANCE, ready(BALANCE), "changed", first)
    state, effects = step(BALANCE, state, contract.TAKE_TURNS, first)
    # Everything the first partner answered alone is cleared; the form is set for Partner B.
    assert find(effects, "form") == [("form", typed(BALANCE, role="b"))]
    assert ("action", contract.TAKE_TURNS, "text", page.TAKE_TURNS_SECOND) in effects
    assert "first answers are hidden" in status(effects)
    assert "Sam" not in shown(effects, contract.PREVIEW, "html")
    second = rated(respondent="Jo", role="b", decisions_1="2")
    state, effects = step(BALANCE, state, contract.TAKE_TURNS, second)
    assert state["partner"] == first
    assert state["first_turn"] is None
    assert ("action", contract.TAKE_TURNS, "text", page.TAKE_TURNS_FIRST) in effects
    assert status(effects).startswith("Both of you have answered")
    assert ("call", contract.RESULTS_HEADING, "scroll") in effects


@transition(contract.TAKE_TURNS)
def test_taking_turns_keeps_what_is_written_together():
    sheet = worksheets.get("check_in")
    first = typed(sheet, role="a", date=TODAY, comfort="4", felt_good="The dinner")
    _, effects = step(sheet, ready(sheet), contract.TAKE_TURNS, first)
    ((_, second),) = find(effects, "form")
    assert second == typed(sheet, role="b", date=TODAY, felt_good="The dinner")


@transition(contract.TAKE_TURNS)
def test_the_same_partner_twice_in_turns_is_refused_and_keeps_the_first_turn():
    state, _ = step(BALANCE, ready(BALANCE), contract.TAKE_TURNS, rated())
    state, effects = step(BALANCE, state, contract.TAKE_TURNS, rated(decisions_1="1"))
    assert refused(effects)
    assert "Both sets of answers are Partner A's" in shown(effects, contract.ERROR)
    assert state["first_turn"] == rated()
    assert state["partner"] is None


@transition(contract.COMPARE_FILE_ACTION, "file_read")
def test_a_partner_file_with_the_same_role_is_refused():
    text = files.to_json(BALANCE, rated(decisions_1="1"))
    state, effects = step(
        BALANCE, ready(BALANCE), "file_read", rated(), purpose="compare", text=text
    )
    assert refused(effects)
    assert "Both sets of answers are Partner A's" in shown(effects, contract.ERROR)
    assert state["partner"] is None


@transition(contract.AGREED_ONLY)
def test_showing_only_what_both_agree_on_hides_the_rest_of_the_comparison():
    state, _ = step(BALANCE, ready(BALANCE), "changed", rated(decisions_2="4"))
    state = {**state, "partner": rated(role="b", decisions_1="1", decisions_2="4")}
    state, effects = step(BALANCE, state, contract.AGREED_ONLY)
    html = shown(effects, contract.RESULTS, "html")
    assert "My wishes carry as much weight" in html  # agreed: 4 and 4
    assert "We decide together" not in html
    assert "Pattern by pattern" not in html
    assert ("action", contract.AGREED_ONLY, "ariaPressed", "true") in effects
    state, effects = step(BALANCE, state, contract.AGREED_ONLY)
    assert "We decide together" in shown(effects, contract.RESULTS, "html")
    assert ("action", contract.AGREED_ONLY, "ariaPressed", "false") in effects


# -- Answer codes: fingerprints first, then codes ------------------------------------------------------

SALT_A, SALT_B = b"\x01" * 5, b"\x02" * 5


def fingerprint_shown(state, answers, salt):
    """Press "Show my fingerprint" and give it fresh random bytes, as the bridge does."""
    state, effects = step(BALANCE, state, contract.CODE_SHOW_ACTION, answers)
    assert effects == [("random", answer_code.SALT_BYTES, ("code_salted", {}))]
    return step(BALANCE, state, "code_salted", answers, bytes=salt)


def exchanged(mine, theirs):
    """This device shows its fingerprint and has read the partner's: ready to show its code."""
    state, _ = fingerprint_shown(ready(BALANCE), mine, SALT_A)
    their_print = answer_code.fingerprint(theirs, BALANCE, SALT_B)
    return step(BALANCE, state, contract.CODE_COMPARE, mine, code=their_print)


@transition(contract.CODE_SHOW_ACTION)
def test_no_fingerprint_before_a_rating_and_a_role():
    state, effects = step(BALANCE, ready(BALANCE), contract.CODE_SHOW_ACTION)
    assert refused(effects)
    assert "Partner A or Partner B" in shown(effects, contract.ERROR)
    state, effects = step(BALANCE, state, contract.CODE_SHOW_ACTION, typed(BALANCE, role="a"))
    assert refused(effects)
    assert "Answer at least one question" in shown(effects, contract.ERROR)
    assert ("call", contract.ERROR, "scroll") in effects
    assert not state["code"]["shown"]


@transition(contract.CODE_SHOW_ACTION, "code_salted")
def test_the_fingerprint_comes_first_and_commits_to_the_answers():
    state, effects = fingerprint_shown(ready(BALANCE), rated(), SALT_A)
    fingerprint = answer_code.fingerprint(rated(), BALANCE, SALT_A)
    assert shown(effects, contract.CODE_TEXT) == answer_code.group(fingerprint)
    assert shown(effects, contract.CODE_LABEL).startswith("Your fingerprint")
    assert "<svg" in shown(effects, contract.CODE_QR, "html")
    assert state["code"]["committed"] == answer_code.encode(rated(), BALANCE, SALT_A)
    # Without the partner's fingerprint, pressing again makes a new fingerprint, never the code.
    _, effects = step(BALANCE, state, contract.CODE_SHOW_ACTION, rated())
    assert effects == [("random", answer_code.SALT_BYTES, ("code_salted", {}))]


@transition(contract.CODE_SHOW_ACTION, contract.CODE_COMPARE)
def test_the_code_shows_once_the_partners_fingerprint_is_read():
    state, effects = exchanged(rated(), rated(role="b"))
    assert "fingerprint is read" in status(effects)
    assert ("action", contract.CODE_SHOW_ACTION, "text", page.SHOW_CODE) in effects
    state, effects = step(BALANCE, state, contract.CODE_SHOW_ACTION, rated())
    code = answer_code.encode(rated(), BALANCE, SALT_A)
    assert shown(effects, contract.CODE_TEXT) == answer_code.group(code)
    assert state["code"]["revealed"]
    assert "no name, no notes; not your private answers" in status(effects)


@transition("changed")
def test_changed_answers_hide_a_shown_fingerprint():
    state, _ = fingerprint_shown(ready(BALANCE), rated(), SALT_A)
    state, effects = step(BALANCE, state, "changed", rated(notes="words"))
    assert ("set", contract.CODE_SHOW, "hidden", True) not in effects  # notes are not in it
    state, effects = step(BALANCE, state, "changed", rated(decisions_2="5"))
    assert ("set", contract.CODE_SHOW, "hidden", True) in effects
    assert "no longer matched them" in status(effects)
    assert not state["code"]["shown"]


@transition(contract.CODE_SHOW_ACTION)
def test_the_code_says_when_the_private_answers_are_in_it():
    answers = rated(free_to_say_no="3", include_self_check="yes")
    state, _ = exchanged(answers, rated(role="b"))
    state, _ = step(BALANCE, state, "code_salted", answers, bytes=SALT_A)
    _, effects = step(BALANCE, state, contract.CODE_SHOW_ACTION, answers)
    assert "your private answers, because you ticked to include them" in status(effects)


@transition(contract.CODE_COMPARE)
def test_a_code_before_any_fingerprint_is_refused():
    theirs = answer_code.encode(rated(role="b"), BALANCE, SALT_B)
    state, effects = step(BALANCE, ready(BALANCE), contract.CODE_COMPARE, rated(), code=theirs)
    assert refused(effects)
    assert "Read your partner's fingerprint first" in shown(effects, contract.ERROR)
    assert state["partner"] is None


@transition(contract.CODE_COMPARE)
def test_a_code_matching_the_fingerprint_compares_and_a_changed_one_is_refused():
    theirs = rated(role="b", decisions_1="2")
    state, _ = exchanged(rated(), theirs)
    changed = answer_code.encode(rated(role="b", decisions_1="5"), BALANCE, SALT_B)
    new, effects = step(BALANCE, state, contract.CODE_COMPARE, rated(), code=changed)
    assert refused(effects)
    assert "changed after the fingerprint was shared" in shown(effects, contract.ERROR)
    assert new["partner"] is None
    code = answer_code.group(answer_code.encode(theirs, BALANCE, SALT_B))
    state, effects = step(BALANCE, state, contract.CODE_COMPARE, rated(), code=code)
    assert state["partner"]["decisions_1"] == "2"
    assert "from their code" in status(effects)
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    new, effects = step(BALANCE, state, contract.CODE_COMPARE, rated(), code=typo)
    assert refused(effects)
    assert "checksum" in shown(effects, contract.ERROR)
    assert new["partner"] == state["partner"]


@transition(contract.CODE_COMPARE)
def test_a_fingerprint_of_the_same_role_is_refused():
    state, _ = fingerprint_shown(ready(BALANCE), rated(), SALT_A)
    same = answer_code.fingerprint(rated(decisions_1="1"), BALANCE, SALT_B)
    state, effects = step(BALANCE, state, contract.CODE_COMPARE, rated(), code=same)
    assert refused(effects)
    assert "Both sets of answers are Partner A's" in shown(effects, contract.ERROR)
    assert state["code"]["theirs"] is None


@transition(contract.CODE_COMPARE, contract.CODE_RESTART)
def test_a_new_fingerprint_after_the_code_was_shown_needs_a_fresh_start():
    state, _ = exchanged(rated(), rated(role="b"))
    state, _ = step(BALANCE, state, contract.CODE_SHOW_ACTION, rated())
    again = answer_code.fingerprint(rated(role="b", decisions_1="1"), BALANCE, SALT_A)
    new, effects = step(BALANCE, state, contract.CODE_COMPARE, rated(), code=again)
    assert refused(effects)
    assert "your code has already been shown" in shown(effects, contract.ERROR)
    assert new["code"]["theirs"] == state["code"]["theirs"]
    state, effects = step(BALANCE, state, contract.CODE_RESTART, rated())
    assert state["code"] == {**page.CODE_START, "label": page.SHOW_FINGERPRINT}
    assert ("set", contract.CODE_SHOW, "hidden", True) in effects
    state, effects = step(BALANCE, state, contract.CODE_COMPARE, rated(), code=again)
    assert not refused(effects)
    assert state["code"]["theirs"].role == "b"


@transition(contract.CODE_SCAN, contract.CODE_CANCEL)
def test_the_camera_is_asked_for_on_scan_and_off_on_cancel():
    state, effects = step(BALANCE, ready(BALANCE), contract.CODE_SCAN)
    assert ("camera", contract.CODE_VIDEO) in effects
    assert state["camera_on"]
    assert ("set", contract.CODE_CAMERA, "hidden", False) in effects
    state, effects = step(BALANCE, state, contract.CODE_CANCEL)
    assert effects[:2] == [("camera", ""), ("set", contract.CODE_CAMERA, "hidden", True)]
    assert status(effects) == "The camera is off. Nothing was read."
    _, effects = step(BALANCE, state, contract.CODE_CANCEL)
    assert not find(effects, "camera")  # already off: nothing to stop


@transition(contract.CODE_PHOTO_ACTION, "file_chosen")
def test_a_photo_stops_the_camera_then_is_read():
    state, _ = step(BALANCE, ready(BALANCE), contract.CODE_SCAN)
    _, effects = step(BALANCE, state, contract.CODE_PHOTO_ACTION)
    assert effects == [
        ("camera", ""),
        ("set", contract.CODE_CAMERA, "hidden", True),
        ("call", contract.CODE_PHOTO, "click"),
    ]
    # Even a large photo: ef-code-reader.js checks a photo's size itself.
    _, effects = step(BALANCE, state, "file_chosen", purpose="photo", size=10**7)
    assert effects[-1] == ("read_photo",)
    assert not refused(effects)


@transition(contract.CODE_TYPE_ACTION)
def test_typing_a_code_hides_the_shown_one():
    state, _ = fingerprint_shown(ready(BALANCE), rated(), SALT_A)
    state, effects = step(BALANCE, state, contract.CODE_TYPE_ACTION, rated())
    assert ("set", contract.CODE_SHOW, "hidden", True) in effects
    assert ("set", contract.CODE_TYPE, "hidden", False) in effects
    assert effects[-1] == ("call", contract.CODE_INPUT, "focus")
    assert not state["code"]["shown"]


@pytest.mark.parametrize("kind", [*page.CODE_PROBLEMS, "something-new"])
@transition("code_read")
def test_each_camera_problem_is_said_in_words(kind):
    state, _ = step(BALANCE, ready(BALANCE), contract.CODE_SCAN)
    new, effects = step(BALANCE, state, "code_read", kind=kind, text="")
    words = page.CODE_PROBLEMS.get(kind, page.CODE_PROBLEMS["failed"])
    assert shown(effects, contract.ERROR) == words
    assert refused(effects)
    assert not new["camera_on"]
    assert new["partner"] is None


@transition("code_read")
def test_a_scanned_fingerprint_then_code_compares():
    theirs = rated(role="b")
    state, _ = fingerprint_shown(ready(BALANCE), rated(), SALT_A)
    state, _ = step(BALANCE, state, contract.CODE_SCAN)
    their_print = answer_code.fingerprint(theirs, BALANCE, SALT_B)
    state, effects = step(BALANCE, state, "code_read", rated(), kind="text", text=their_print)
    assert state["code"]["theirs"].role == "b"
    assert not state["camera_on"]
    assert ("set", contract.CODE_CAMERA, "hidden", True) in effects
    code = answer_code.encode(theirs, BALANCE, SALT_B)
    state, effects = step(BALANCE, state, "code_read", rated(), kind="text", text=code)
    assert state["partner"]["role"] == "b"


# -- Keeping -----------------------------------------------------------------------------------------


@transition("keep_toggled", "keep_due")
def test_keeping_without_a_passphrase_stores_the_answers_plainly():
    answers = typed(AGREEMENT, partner_a="Sam")
    state, effects = step(AGREEMENT, ready(AGREEMENT), "keep_toggled", answers, checked=True)
    assert ("store", contract.KEEP_FLAG, "on") in effects
    ((_, key, value),) = find(effects, "store", contract.answers_key("agreement"))
    assert files.from_json(AGREEMENT, keeping.open_envelope(value).document).answers == answers
    assert "not encrypted" in shown(effects, contract.KEEP_STATUS)
    state, effects = step(AGREEMENT, state, "changed", typed(AGREEMENT, partner_a="Sam!"))
    assert ("later", "keep", page.KEEP_DELAY_MS, ("keep_due", {})) in effects
    _, effects = step(AGREEMENT, state, "keep_due")
    assert find(effects, "store", key)
    assert ("saved",) in effects


@transition("keep_toggled", "key_made", "sealed", "keep_due")
def test_keeping_with_a_passphrase_stores_only_what_webcrypto_sealed():
    state = ready(AGREEMENT)
    state, effects = step(AGREEMENT, state, "keep_toggled", checked=True, passphrase="pass")
    ((_, passphrase, salt, iterations, event),) = find(effects, "derive_key")
    assert (passphrase, salt, iterations) == ("pass", keeping.SALT_BYTES, keeping.PBKDF2_ITERATIONS)
    assert not find(effects, "store")
    state, effects = step(AGREEMENT, state, event[0], salt=b"s" * 16)
    assert effects[0] == ("adopt_key",)
    assert ("store", contract.KEEP_FLAG, "on") in effects
    ((_, text, iv_size, sealed),) = find(effects, "encrypt")
    assert iv_size == keeping.IV_BYTES
    assert files.from_json(AGREEMENT, text)
    assert not find(effects, "store", contract.answers_key("agreement"))
    # "On" is said only once the sealed copy is really stored.
    assert shown(effects, contract.KEEP_STATUS) is None
    _, effects = step(AGREEMENT, state, sealed[0], iv=b"i" * 12, ciphertext=b"sealed", **sealed[1])
    ((_, _key, value),) = find(effects, "store", contract.answers_key("agreement"))
    box = keeping.open_envelope(value).sealed
    assert (box.salt, box.iv, box.ciphertext) == (b"s" * 16, b"i" * 12, b"sealed")
    assert box.iterations == keeping.PBKDF2_ITERATIONS
    assert "encrypted with your passphrase" in shown(effects, contract.KEEP_STATUS)
    ((_, _, _, later),) = find(step(AGREEMENT, state, "keep_due")[1], "encrypt")
    _, effects = step(AGREEMENT, state, later[0], iv=b"j" * 12, ciphertext=b"again", **later[1])
    assert find(effects, "store", contract.answers_key("agreement"))
    assert shown(effects, contract.KEEP_STATUS) is None  # later saves are quiet


@transition("sealed", "keep_due")
def test_nothing_is_stored_once_keeping_stopped():
    state = ready(AGREEMENT)
    assert step(AGREEMENT, state, "keep_due")[1] == []
    assert step(AGREEMENT, state, "sealed", iv=b"i" * 12, ciphertext=b"x")[1] == []


@transition("keep_toggled", "keep_off_confirmed", "keep_off_declined")
def test_turning_keeping_off_asks_then_deletes_everything_kept():
    state, _ = step(AGREEMENT, ready(AGREEMENT), "keep_toggled", checked=True)
    _, effects = step(AGREEMENT, state, "keep_toggled", checked=False)
    ((_, question, yes, no),) = find(effects, "ask")
    assert "delete every answer kept" in question
    _, effects = step(AGREEMENT, state, no[0])
    assert effects == [("set", contract.KEEP_ON, "checked", True)]
    off, effects = step(AGREEMENT, state, yes[0])
    assert ("unstore", contract.STORAGE_PREFIX) in effects
    assert ("drop_keys",) in effects
    assert ("set", contract.KEEP_ON, "checked", False) in effects
    assert shown(effects, contract.KEEP_STATUS) == "Off: nothing is kept on this device."
    assert not off["keep"]["on"]
    assert step(AGREEMENT, off, "changed", typed(AGREEMENT, partner_a="z"))[1][-1][0] != "later"


@transition("forgotten")
def test_forget_everything_turns_keeping_off_and_unlocks_nothing():
    box = keeping.Sealed(b"s" * 16, b"i" * 12, b"secret", keeping.PBKDF2_ITERATIONS)
    state = ready(AGREEMENT, keep_flag="on", kept=keeping.sealed(box))
    state, effects = step(AGREEMENT, state, "forgotten")
    assert state["keep"] == page.KEEP_OFF
    assert ("action", contract.KEEP_UNLOCK, "hidden", True) in effects
    assert ("set", contract.KEEP_ON, "checked", False) in effects


@transition(contract.KEEP_UNLOCK, "key_tried", "unsealed")
def test_a_wrong_passphrase_changes_nothing_and_a_right_one_restores():
    kept_doc = files.to_json(AGREEMENT, typed(AGREEMENT, partner_a="Secret"), private=True)
    box = keeping.Sealed(b"s" * 16, b"i" * 12, b"sealed", 700_000)  # an older, stronger setting
    envelope = keeping.sealed(box)
    state = ready(AGREEMENT, keep_flag="on", kept=envelope)
    state, effects = step(AGREEMENT, state, contract.KEEP_UNLOCK, passphrase="guess", kept=envelope)
    ((_, passphrase, salt, iterations, tried),) = find(effects, "derive_key")
    assert (passphrase, salt, iterations) == ("guess", box.salt, box.iterations)
    state, effects = step(AGREEMENT, state, tried[0], salt=salt)
    assert effects == [("decrypt", box.iv, box.ciphertext, ("unsealed", {}))]
    wrong, effects = step(AGREEMENT, state, "unsealed", text=None)
    assert "did not open" in shown(effects, contract.KEEP_STATUS)
    assert wrong["keep"]["locked"]
    assert not find(effects, "adopt_key")
    assert step(AGREEMENT, wrong, "key_tried")[1] == []  # that attempt is over
    right, effects = step(AGREEMENT, state, "unsealed", text=kept_doc)
    assert ("adopt_key",) in effects
    assert not right["keep"]["locked"]
    assert find(effects, "form")[0][1]["partner_a"] == "Secret"
    assert "from your encrypted copy" in shown(effects, contract.KEEP_STATUS)
    assert step(AGREEMENT, right, "unsealed", text=kept_doc)[1] == []  # nothing pending
    assert right["keep"]["iterations"] == box.iterations  # re-sealed with the rounds that open it


@transition(contract.KEEP_UNLOCK)
def test_unlock_reads_storage_as_carefully_as_a_file():
    state = ready(AGREEMENT)
    _, effects = step(AGREEMENT, state, contract.KEEP_UNLOCK, kept="{broken", passphrase="p")
    assert "could not be read" in shown(effects, contract.KEEP_STATUS)
    assert not find(effects, "derive_key")
    plain = keeping.plain(files.to_json(AGREEMENT, typed(AGREEMENT)))
    assert step(AGREEMENT, state, contract.KEEP_UNLOCK, kept=plain)[1] == []


# -- The contract ------------------------------------------------------------------------------------


def test_every_action_button_has_a_handler():
    assert set(contract.ACTIONS) <= set(page.HANDLERS)


def test_every_event_the_page_sends_has_a_test():
    untested = sorted(set(page.HANDLERS) - set(TESTED))
    assert untested == [], f"events without a transition test: {untested}"
    assert len(TESTED) == len(page.HANDLERS)


# -- Every refusal while comparing leaves the page exactly as it was ---------------------------------


def _compared_page():
    """A balance check mid-exchange: answers typed, the partner's fingerprint read, and a
    comparison already on screen (from a file), so a refusal has something to destroy."""
    state, _ = exchanged(rated(decisions_2="3"), rated(role="b"))
    state, _ = step(BALANCE, state, "file_read", rated(decisions_2="3"), purpose="compare",
                    text=files.to_json(BALANCE, rated(role="b", decisions_1="1")))  # fmt: skip
    assert state["partner"] is not None
    return state


def _from_the_future(code):
    """The same code, as a layout version this page does not know would write it."""
    value = 0
    for char in code:
        value = (value << 5) | answer_code.ALPHABET.index(char)
    length = 5 * len(code)
    body = (value >> 32) & ~(0xF << (length - 36)) | (9 << (length - 36))
    bits = answer_code._Bits(body, length - 32)
    bits.put(answer_code._checksum(bits.value, bits.length), 32)
    return answer_code._characters(bits)


def _refusals():
    other = worksheets.get("consent_map")
    partner = rated(role="b")
    file = lambda **doc: json.dumps({"format": files.FORMAT, "worksheet": "balance_check",  # noqa: E731
                                     "version": 1, **doc})  # fmt: skip
    return {
        "code from another worksheet": (
            contract.CODE_COMPARE,
            {"code": answer_code.encode({"role": "b"}, other, SALT_B)},
            "belongs to another worksheet (the Consent map)",
        ),
        "tampered code": (
            contract.CODE_COMPARE,
            {"code": "7" + answer_code.encode(partner, BALANCE, SALT_B)[1:]},
            "checksum failed",
        ),
        "fingerprint mismatch": (
            contract.CODE_COMPARE,
            {"code": answer_code.encode(rated(role="b", decisions_3="1"), BALANCE, SALT_B)},
            "changed after the fingerprint was shared",
        ),
        "same role twice by code": (
            contract.CODE_COMPARE,
            {"code": answer_code.encode(rated(), BALANCE, SALT_B)},
            "Both sets of answers are Partner A's",
        ),
        "future version code": (
            contract.CODE_COMPARE,
            {"code": _from_the_future(answer_code.encode(partner, BALANCE, SALT_B))},
            "made by a newer version of the Balance check",
        ),
        "same role twice by file": (
            "file_read",
            {"purpose": "compare", "text": files.to_json(BALANCE, rated(decisions_1="1"))},
            "Both sets of answers are Partner A's",
        ),
        "future version file": (
            "file_read",
            {"purpose": "compare", "text": file(version=9, answers={})},
            "newer version of this worksheet",
        ),
        "other worksheet file": (
            "file_read",
            {"purpose": "compare", "text": files.to_json(other, {"role": "b"})},
            "belongs to another worksheet",
        ),
        "malformed file": ("file_read", {"purpose": "compare", "text": "{broken"}, "damaged"),
        "deeply nested file": (
            "file_read",
            {"purpose": "compare", "text": "[" * 50_000},
            "nested far deeper",
        ),
        "oversize file": (
            "file_chosen",
            {"purpose": "compare", "size": files.MAX_BYTES + 1},
            "far larger than a worksheet file can be",
        ),
    }


@pytest.mark.parametrize("name", list(_refusals()))
@transition(contract.CODE_COMPARE, "file_read", "file_chosen")
def test_every_refusal_while_comparing_changes_nothing_and_says_which(name):
    event, data, words = _refusals()[name]
    before = _compared_page()
    after, effects = step(BALANCE, before, event, rated(decisions_2="3"), **data)
    assert after == before
    assert refused(effects)
    assert words in shown(effects, contract.ERROR)
    touched = {e[1] for e in effects if e[0] == "set"} | {e[0] for e in effects}
    assert not touched & {"form", contract.PREVIEW, contract.RESULTS, contract.CODE_SHOW}


def test_a_check_in_added_after_comparing_holds_both_partners_answers():
    sheet = worksheets.get("check_in")
    mine = typed(sheet, role="a", date=TODAY, comfort="4", respected="all", felt_good="Dinner")
    theirs = typed(sheet, role="b", comfort="2", respected="no", need_next="Time")
    state, _ = step(sheet, ready(sheet), "file_read", mine, purpose="compare",
                    text=files.to_json(sheet, [sheet.record(theirs)]))  # fmt: skip
    state = {**state, "partner": theirs}
    state, effects = step(sheet, state, contract.ADD_ENTRY, mine)
    (entry,) = state["entries"]
    assert (entry["comfort_a"], entry["respected_a"]) == ("4", "all")
    assert (entry["comfort_b"], entry["respected_b"], entry["need_next_b"]) == ("2", "no", "Time")
    assert entry["felt_good"] == "Dinner"
    assert state["partner"] is None
    assert find(effects, "form") == [("form", typed(sheet, role="a"))]


APART = [sheet for sheet in worksheets.catalogue().values() if sheet.answered_apart]


def _two_answers(sheet):
    """Partner A's and Partner B's own answers to the first closed item answered apart:
    different, so a comparison has something to show."""
    item = next(f for f in sheet.apart_fields() if f.choices() and f.id != sheet.private_opt_in)
    values = [o.value for o in item.choices()]
    return (
        item.id,
        typed(sheet, role="a", **{item.id: values[0]}),
        typed(sheet, role="b", **{item.id: values[-1]}),
    )


@pytest.mark.parametrize("sheet", APART, ids=[s.id for s in APART])
@transition(contract.CODE_SHOW_ACTION, "code_salted", contract.CODE_COMPARE)
def test_every_worksheet_answered_apart_compares_by_code_after_fingerprints(sheet):
    field_id, mine, theirs = _two_answers(sheet)
    state = ready(sheet)
    _, effects = step(sheet, state, contract.CODE_SHOW_ACTION, mine)
    assert effects == [("random", answer_code.SALT_BYTES, ("code_salted", {}))]
    state, effects = step(sheet, state, "code_salted", mine, bytes=SALT_A)
    assert shown(effects, contract.CODE_TEXT) == answer_code.group(
        answer_code.fingerprint(mine, sheet, SALT_A)
    )
    # Refused, each saying which: a typo, the same role, a code before its fingerprint.
    their_code = answer_code.encode(theirs, sheet, SALT_B)
    for text, words in (
        (_typo(their_code), "checksum failed"),
        (answer_code.fingerprint(typed(sheet, role="a"), sheet, SALT_B), "Partner A's"),
        (their_code, "Read your partner's fingerprint first"),
    ):
        after, effects = step(sheet, state, contract.CODE_COMPARE, mine, code=text)
        assert after == state
        assert words in shown(effects, contract.ERROR)
    state, _ = step(sheet, state, contract.CODE_COMPARE, mine,
                    code=answer_code.fingerprint(theirs, sheet, SALT_B))  # fmt: skip
    changed = dict(theirs, **{field_id: mine[field_id]})
    after, effects = step(sheet, state, contract.CODE_COMPARE, mine,
                          code=answer_code.encode(changed, sheet, SALT_B))  # fmt: skip
    assert after == state
    assert "changed after the fingerprint was shared" in shown(effects, contract.ERROR)
    state, effects = step(sheet, state, contract.CODE_COMPARE, mine, code=their_code)
    assert state["partner"][field_id] == theirs[field_id]
    assert "from their code" in status(effects)
    assert shown(effects, contract.RESULTS, "html")


def _typo(code):
    return code[:5] + ("7" if code[5] != "7" else "8") + code[6:]


@pytest.mark.parametrize("sheet", APART, ids=[s.id for s in APART])
@transition(contract.TAKE_TURNS, "file_read")
def test_every_worksheet_answered_apart_compares_in_turns_and_by_file(sheet):
    _, mine, theirs = _two_answers(sheet)
    state, effects = step(sheet, ready(sheet), contract.TAKE_TURNS, mine)
    assert find(effects, "form") == [("form", typed(sheet, role="b"))]
    state, effects = step(sheet, state, contract.TAKE_TURNS, theirs)
    assert state["partner"] == mine
    by_turns = shown(effects, contract.RESULTS, "html")
    text = files.to_json(sheet, [] if sheet.log else theirs, draft=theirs if sheet.log else None)
    state, effects = step(sheet, ready(sheet), "file_read", mine, purpose="compare", text=text)
    assert state["partner"] == theirs
    # Whichever way and whoever went first, Partner A's column is first: the same comparison.
    assert shown(effects, contract.RESULTS, "html") == by_turns


@transition("changed")
def test_changed_answers_turn_show_my_code_back_into_show_my_fingerprint():
    state, _ = exchanged(rated(), rated(role="b"))
    state, effects = step(BALANCE, state, "changed", rated(decisions_2="5"))
    assert ("action", contract.CODE_SHOW_ACTION, "text", page.SHOW_FINGERPRINT) in effects
    state, effects = step(BALANCE, state, "changed", rated(decisions_2="5", notes="x"))
    assert not find(effects, "action", contract.CODE_SHOW_ACTION)  # said once, not per key
    state, effects = step(BALANCE, state, "changed", rated())
    assert ("action", contract.CODE_SHOW_ACTION, "text", page.SHOW_CODE) in effects


@transition(contract.DOWNLOAD_MARKDOWN)
def test_the_downloaded_document_holds_the_whole_comparison_even_when_the_screen_does_not():
    state, _ = step(BALANCE, ready(BALANCE), "changed", rated(decisions_2="4"))
    state = {**state, "partner": rated(role="b", decisions_1="1", decisions_2="4")}
    state, _ = step(BALANCE, state, contract.AGREED_ONLY)
    _, effects = step(BALANCE, state, contract.DOWNLOAD_MARKDOWN)
    ((_, _, markdown, _),) = find(effects, "download")
    assert "One of you marked it as a worry (1)" in markdown
    assert "Pattern by pattern" in markdown
