"""The brain of a worksheet page: its state, and every decision, without a browser.

The page's Python (`site_src/browser/`) turns what the reader does into events, calls
`step`, and carries out the effects it gets back: plain tuples such as
`("set", STATUS, "text", "Ready…")` or `("download", name, text, mime)`. Every choice (what
to render, when to refuse a file, when to ask before replacing answers, what keeping stores,
when a code compares) is made here, where CPython tests reach every path.

An event is a name and a dict. The bridge adds what the form holds (`answers`) and the
reader's date (`today`) to every event, so the state always knows what is on screen. A
button's event is named after its `data-action` (`worksheets.contract.ACTIONS`).

Nothing here names a worksheet: what a page offers follows from its declaration (a log, the
features "results", "compare", "calendar", an answer code, a private opt-in). Written in the
Python that CPython, Pyodide and MicroPython all run: plain functions over dicts and tuples.
"""

from html import escape

from worksheets import answer_code, check_in, contract, keeping, pairs, render, view
from worksheets import document as files
from worksheets.schema import ROLES, other_role

TYPE_CHECKING = False
if TYPE_CHECKING:  # names for the type checker only: MicroPython has no `typing` module
    from typing import Any

    from worksheets.schema import Worksheet

    State = dict[str, Any]  # what new_page() returns and step() carries forward
    Data = dict[str, Any]  # an event's data
    Effects = list[tuple[Any, ...]]

# -- Effects: what the bridge does for the controller ------------------------------------------------
#
#   ("set", id, what, value)      what: "text", "html", "hidden", "checked", "disabled",
#                                 "open" (a <details>), "state" (data-state)
#   ("action", name, what, value) the same, on the button with this data-action
#   ("call", id, method)          "focus", "scroll" (into view), "click" (open a file picker)
#   ("enable",)                   every action button of the worksheet becomes usable
#   ("form", answers)             write these answers into the form
#   ("download", name, text, mime)
#   ("saved",)                    announce contract.SAVED_EVENT: what is shown exists as a file
#   ("ask", question, yes, no)    a yes/no question; the answer's event (or None) comes next
#   ("later", slot, ms, event)    dispatch `event` after ms; a new one in a slot replaces it
#   ("store", key, value)         localStorage
#   ("unstore", prefix)           remove every localStorage key with this prefix
#   ("derive_key", passphrase, salt, iterations, event)
#                                 PBKDF2 -> AES-GCM into the candidate key; a number for salt
#                                 asks for that many fresh random bytes; then `event` with
#                                 {"salt": the salt used}
#   ("adopt_key",)                the candidate key becomes the one answers are sealed with
#   ("drop_keys",)
#   ("encrypt", text, iv_size, event)
#                                 with the adopted key and a fresh random nonce; then event
#                                 with {"iv", "ciphertext"}
#   ("decrypt", iv, ciphertext, event)
#                                 with the candidate key; then event with {"text"}: None if
#                                 the key does not open it
#   ("read_file", purpose, event) the file last chosen for `purpose`; then event {"text"}
#   ("camera", video_id | "")     ef-code-reader.js: scan with this video element, or stop
#   ("read_photo",)               the chosen photo, read by ef-code-reader.js
#   ("random", size, event)       `event` with {"bytes": size fresh random bytes}
#   ("print",)
#   ("ready",)                    Python is ready: `make bench` reads this mark

READY = "Ready: the preview, downloads and import all work inside this browser tab."
NOTHING_CHANGED = "Nothing was changed. Your answers are as they were."
#: How long the preview waits for typing to pause before it is drawn again. Drawing it (and a
#: worksheet's results) takes a phone longer than a keystroke may wait, so it is never done
#: between two keys of someone typing; a choice, or leaving a field, draws it at once.
TYPING_PAUSE_MS = 300
#: How long keeping waits after the last change before it saves.
KEEP_DELAY_MS = 300

#: What went wrong while reading a code (reported by ef-code-reader.js), in words.
CODE_PROBLEMS = {
    "denied": "The camera was not allowed, so nothing was read. To scan, allow this site to use "
    "the camera in your browser's settings; or choose a photo of the code, or type it.",
    "no-camera": "No camera was found on this device. Choose a photo of the code, or type it.",
    "unsupported": "This browser does not let this page use the camera. Choose a photo of the "
    "code, or type it.",
    "failed": "The camera could not be used. Try again, choose a photo of the code, or type it.",
    "no-code": "No code was found in that picture. Take the photo again with the whole code in "
    "view, sharp and straight on, or type the code.",
    "photo-unreadable": "That file could not be opened as a picture. Choose a photo of the code "
    "(PNG or JPEG, for example), or type the code.",
    "photo-too-large": "That picture is too large to read here. Choose a smaller photo of the "
    "code, or type the code.",
}

#: Keeping, off: `sealed` once a key seals what is kept, with the salt and PBKDF2 rounds that
#: made it (written into each sealed copy, so the passphrase opens it again).
KEEP_OFF = {"on": False, "locked": False, "sealed": False, "salt": b"", "iterations": 0}

TAKE_TURNS_FIRST = "Hide my answers and hand over"
TAKE_TURNS_SECOND = "Show our comparison"

#: The code exchange: `shown` what this device shows ("fingerprint", "code" or ""), `salt` and
#: `committed` (the code its fingerprint commits to), `theirs` the partner's fingerprint once
#: read, `revealed` once this device has shown its code (from then on the partner's
#: fingerprint can no longer be replaced: their answers might follow from seeing these).
CODE_START = {
    "shown": "",
    "salt": b"",
    "committed": "",
    "theirs": None,
    "revealed": False,
    "label": "",
}
SHOW_FINGERPRINT = "Show my fingerprint"
SHOW_CODE = "Show my code"
AGREED_ONLY = "Show only what we both agree on"


def new_page(sheet: "Worksheet") -> "State":
    """The state of a page as the build rendered it: untouched form, empty log, no partner.

    `shown` records what each panel shows, so nothing is rendered again until it changes.
    """
    untouched = view.untouched(sheet)
    return {
        "answers": dict(untouched.answers),
        "entries": [],
        "partner": None,
        "first_turn": None,
        "shown": {
            "preview": view.document(sheet, untouched, False),
            "results": view.results(sheet, untouched),
            "log": "",
            "code": "",
            "reveals": view.reveals(sheet, untouched.answers, "file")
            + view.reveals(sheet, untouched.answers, "code"),
        },
        "keep": dict(KEEP_OFF),
        "code": dict(CODE_START),
        "only_agreed": False,
        "camera_on": False,
        "pending": {},
    }


def step(
    sheet: "Worksheet", state: "State", name: str, data: "Data | None" = None
) -> "tuple[State, Effects]":
    """Handle one event: (the new state, the effects to carry out, in order).

    `state` is not changed: the new state is a copy. An unknown event is a bug in the page,
    so it raises KeyError rather than being ignored.
    """
    data = data or {}
    handler = HANDLERS[name]
    page = _copy(state)
    if "answers" in data:
        page["answers"] = dict(data["answers"])
    effects = handler(sheet, page, data)
    return page, effects


def _copy(state: "State") -> "State":
    page = dict(state)
    for part in ("shown", "keep", "pending", "code"):
        page[part] = dict(state[part])
    return page


# -- Small effects -----------------------------------------------------------------------------------


def _status(text: str, state: str = "ready") -> "Effects":
    return [("set", contract.STATUS, "text", text), ("set", contract.STATUS, "state", state)]


def _error(text: str) -> "Effects":
    return [("set", contract.ERROR, "text", text), ("set", contract.ERROR, "hidden", not text)]


def _refuse(text: str) -> "Effects":
    return _error(text) + _status(NOTHING_CHANGED, "refused")


def _refuse_code(text: str) -> "Effects":
    """Refuse, and bring the reason into view: the code controls sit far below it."""
    return _refuse(text) + [("call", contract.ERROR, "scroll")]


def _keep_status(text: str) -> "Effects":
    return [("set", contract.KEEP_STATUS, "text", text)]


def _write_form(page: "State", answers: "dict[str, str]") -> "Effects":
    page["answers"] = dict(answers)
    return [("form", dict(answers))]


def _has(sheet: "Worksheet", feature: str) -> bool:
    return feature in sheet.features


# -- What the page shows -----------------------------------------------------------------------------


def _state_of(page: "State") -> view.PageState:
    return view.PageState(page["answers"], page["entries"], page["partner"], page["only_agreed"])


def update(sheet: "Worksheet", page: "State") -> "Effects":
    """Render again whatever the change touched; keep a shown code and kept answers in step."""
    effects: Effects = []
    state = _state_of(page)
    shown = page["shown"]
    markdown = view.document(sheet, state, False)
    if markdown != shown["preview"]:
        # markdown-it with raw HTML and images off: typed text stays text.
        effects.append(("set", contract.PREVIEW, "html", render.preview_html(sheet, markdown)))
        shown["preview"] = markdown
    if _has(sheet, "results"):
        found = view.results(sheet, state)
        if found is not None and found != shown["results"]:
            effects.append(("set", contract.RESULTS, "html", view.results_html(found)))
            shown["results"] = found
    if sheet.log:
        items = log_items(page["entries"])
        if items != shown["log"]:
            effects.append(("set", contract.LOG_LIST, "html", items))
            effects.append(("set", contract.LOG_EMPTY, "hidden", bool(items)))
            shown["log"] = items
    reveals = [view.reveals(sheet, page["answers"], what) for what in ("file", "code")]
    if "".join(reveals) != shown["reveals"]:
        effects.append(("set", contract.REVEALS_FILE, "text", reveals[0]))
        effects.append(("set", contract.REVEALS_CODE, "text", reveals[1]))
        shown["reveals"] = "".join(reveals)
    effects += _refresh_code(sheet, page)
    effects += _keep_later(page)
    return effects


def log_items(entries: "list[dict[str, str]]") -> str:
    """The log's list: each entry's title and its Remove button (named for the entry)."""
    items = []
    for index, entry in enumerate(entries):
        title = escape("Check-in on " + (entry.get("date") or "an unknown date"))
        items.append(
            "<li><span>"
            + title
            + '</span> <button type="button" class="md-button ef-small" '
            + contract.ENTRY_ATTRIBUTE
            + '="'
            + str(index)
            + '" aria-label="Remove the '
            + title.lower()
            + '">Remove</button></li>'
        )
    return "".join(items)


def _changed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return update(sheet, page)


def _typed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """Input in the form (`kind`: the control's type). A keystroke in a text field draws again
    once the typing pauses, not on every key; any other input (a choice) draws at once."""
    if data.get("kind") not in ("text", "textarea"):
        return update(sheet, page)
    return [("later", "typed", TYPING_PAUSE_MS, ("changed", {}))]


def _today(data: "Data") -> str:
    return data.get("today") or "undated"


def _start(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """Python is ready: bring the controls to life, reopen kept answers, show what changed."""
    effects: "Effects" = [
        ("enable",),
        ("set", contract.KEEP_ON, "disabled", False),
        ("set", contract.KEEP_PASSPHRASE, "disabled", False),
    ] + _print_date(sheet, page, data)
    effects += _open_kept(sheet, page, data.get("keep_flag"), data.get("kept"))
    if not page["pending"]:
        effects += update(sheet, page)
    effects += _status(READY)
    effects += [("ready",), ("later", "warm", 0, ("warm", {}))]
    return effects


def _warm(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """The preview's renderer loads while the reader reads, not on their first keystroke."""
    render.to_html("")
    return []


def _print_date(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """The printed worksheet says when it was printed (also for the browser's own Print)."""
    return [("set", contract.PRINT_DATE, "text", " · printed on " + _today(data))]


def _before_print(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """The browser's own Print: the printed preview is drawn with what was just typed (it
    may still be waiting for the typing to pause), and dated."""
    return update(sheet, page) + _print_date(sheet, page, data)


def _print(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return _before_print(sheet, page, data) + [("print",)]


# -- Files -------------------------------------------------------------------------------------------


def file_name(sheet: "Worksheet", extension: str, today: str) -> str:
    return sheet.title.lower().replace(" ", "-") + "-" + today + "." + extension


def _draft_note(sheet: "Worksheet", page: "State") -> str:
    if sheet.log and any(page["answers"].values()):
        return " The check-in still in the form is not in this document: add it to the log first."
    return ""


def _download_markdown(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """The whole document, comparison included: "only what we both agree on" is for the
    screen, never for a file."""
    whole = view.PageState(page["answers"], page["entries"], page["partner"], False)
    document = view.document(sheet, whole, True)
    return (
        _error("")
        + [
            ("download", file_name(sheet, "md", _today(data)), document, "text/markdown"),
            ("saved",),
        ]
        + _status(
            "Downloaded as Markdown, a plain text document. The file is only on this device."
            + _draft_note(sheet, page)
        )
    )


def _download_json(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    content = page["entries"] if sheet.log else page["answers"]
    return (
        _error("")
        + [
            (
                "download",
                file_name(sheet, "json", _today(data)),
                files.to_json(sheet, content, draft=page["answers"] if sheet.log else None),
                "application/json",
            ),
            ("saved",),
        ]
        + _status(
            "Downloaded as JSON, a file only this site reads back: open it here later to carry "
            "on, or give it to your partner to compare."
        )
    )


def _import(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return [("call", contract.IMPORT_FILE, "click")]


def _compare_file(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return [("call", contract.COMPARE_FILE, "click")]


def _file_chosen(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """A file was chosen: a photo of a code goes to the code reader (which checks its size);
    a file to import or compare is refused if huge, before a byte of it is read."""
    if data["purpose"] == "photo":
        return _status("Looking for the code in the photo…") + [("read_photo",)]
    try:
        files.check_size(data["size"])
    except files.ImportRefused as refused:
        return _refuse(refused.message)
    return [("read_file", data["purpose"], ("file_read", {"purpose": data["purpose"]}))]


def _file_read(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    try:
        imported = files.from_json(sheet, data["text"])
    except files.ImportRefused as refused:
        return _refuse(refused.message)
    if data["purpose"] == "compare":
        if sheet.answered_apart and not _own_answered(sheet, imported.answers):
            return _refuse(
                "This file holds none of your partner's own answers yet, so there is nothing to "
                "compare. Your partner answers their part on this page, then downloads the file "
                "(JSON) again. Nothing on the page changed."
            )
        return _compare_with(sheet, page, imported.answers, "")
    if sheet.log:
        entries = list(imported.entries)
        changes = bool(page["entries"]) and page["entries"] != entries
        question = "Replace the check-ins in the log with the ones in the file?"
    else:
        changes = any(page["answers"].values()) and page["answers"] != imported.answers
        question = "Replace the answers on this page with the ones in the file?"
    page["pending"]["import"] = _content(sheet, imported)
    if changes:
        return [("ask", question, ("import_confirmed", {}), ("import_declined", {}))]
    return _import_confirmed(sheet, page, data)


def _content(sheet: "Worksheet", imported: "files.Imported") -> "Any":
    """What a file or kept copy puts back: a log's entries and its entry in progress, or the
    form's answers."""
    return (list(imported.entries), imported.answers) if sheet.log else imported.answers


def _put_back(sheet: "Worksheet", page: "State", content: "Any") -> "Effects":
    """A file's or a kept copy's content on the page. A log's entry in progress fills the form
    only when the form is empty: typed answers are never replaced without asking."""
    effects: Effects = []
    if sheet.log:
        page["entries"], draft = content
        if any(draft.values()) and not any(page["answers"].values()):
            effects += _write_form(page, draft)
    else:
        effects += _write_form(page, content)
    return effects + update(sheet, page)


def _import_confirmed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    imported = page["pending"].pop("import", None)
    if imported is None:
        return []
    effects = _put_back(sheet, page, imported) + [("saved",)] + _error("")
    return effects + _status("Imported the file: everything in it is back on the page.")


def _import_declined(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    page["pending"].pop("import", None)
    return _status("Import cancelled. Your answers are as they were.")


# -- A log -------------------------------------------------------------------------------------------


def _add_entry(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    draft = page["answers"]
    if not any(draft.values()):
        return _refuse("Fill in this check-in first, then add it to the log.")
    if not draft.get("date"):
        return _refuse("Add the date of this check-in first, so the log can keep it in order.")
    page["entries"] = page["entries"] + [sheet.record(draft, page["partner"])]
    page["partner"] = page["first_turn"] = None
    cleared = sheet.empty_answers()
    if sheet.role:  # whoever holds this device stays who they are
        cleared[sheet.role] = draft.get(sheet.role, "")
    effects = _write_form(page, cleared)
    effects += _error("")
    effects += update(sheet, page)
    count = len(page["entries"])
    plural = "s" if count != 1 else ""
    return effects + _status(
        "Added the check-in of "
        + draft["date"]
        + ". The log holds "
        + str(count)
        + " check-in"
        + plural
        + ": download the file to reopen here (JSON) to keep it."
    )


def _entry_date(page: "State", index: object) -> str:
    """The date of the entry at `index`, "" when there is no such entry."""
    if not isinstance(index, int) or not 0 <= index < len(page["entries"]):
        return ""
    return page["entries"][index].get("date") or "an unknown date"


def _remove_entry(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    when = _entry_date(page, data.get("index"))
    if not when:
        return []
    question = "Remove the check-in of " + when + " from the log?"
    return [("ask", question, ("remove_confirmed", {"index": data["index"]}), None)]


def _remove_confirmed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    index = data.get("index")
    when = _entry_date(page, index)
    if not when:
        return []
    page["entries"] = [e for i, e in enumerate(page["entries"]) if i != index]
    return update(sheet, page) + _status("Removed the check-in of " + when + " from the log.")


def _calendar(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    when = check_in.next_date(page["entries"], page["answers"])
    if not when:
        return _refuse("Set the date of the next check-in first, then add it to your calendar.")
    return (
        _error("")
        + [
            (
                "download",
                "check-in-" + when + ".ics",
                check_in.calendar_event(when),
                "text/calendar",
            )
        ]
        + _status("Downloaded a calendar event for " + when + ", titled only “Check-in together”.")
    )


# -- Comparing ---------------------------------------------------------------------------------------


def _compare_with(
    sheet: "Worksheet", page: "State", partner: "dict[str, str]", source: str
) -> "Effects":
    """Compare with the partner's own answers (a file's, a code's, a first turn's); the same
    role twice is refused, since nobody can tell whose answers would be whose."""
    role = pairs.same_role(sheet, page["answers"], partner)
    if role:
        return _refuse_code(pairs.same_role_message(role))
    page["partner"] = dict(partner)
    page["first_turn"] = None
    return (
        [("action", contract.TAKE_TURNS, "text", TAKE_TURNS_FIRST)]
        + update(sheet, page)
        + _error("")
        + _status("Comparing with your partner's answers" + source + ": see the results below.")
        + [("call", contract.RESULTS_HEADING, "scroll")]
    )


def _own_answered(sheet: "Worksheet", answers: "dict[str, str]") -> bool:
    own = [f.id for f in sheet.apart_fields() if f.id not in sheet.identity]
    return any(answers.get(field_id) for field_id in own)


def _take_turns(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """One device: hide the first partner's own answers (what you write together stays),
    set the form for the other partner, then compare once both have answered."""
    answers = page["answers"]
    if page["first_turn"] is None:
        if not _own_answered(sheet, answers):
            return _refuse("Answer at least one question of your own before handing over.")
        page["first_turn"] = dict(answers)
        page["partner"] = None
        own = [f.id for f in sheet.own_fields()]
        second = {k: ("" if k in own else v) for k, v in answers.items()}
        if sheet.role:
            second[sheet.role] = other_role(answers.get(sheet.role, ""))
        effects = _write_form(page, second)
        effects += update(sheet, page)
        effects += [("action", contract.TAKE_TURNS, "text", TAKE_TURNS_SECOND)] + _error("")
        return effects + _status(
            "The first answers are hidden. Now the other partner answers their own questions "
            "(the form says who they are), then presses “Show our comparison”."
        )
    effects = _compare_with(sheet, page, page["first_turn"], ", given in turns")
    if page["partner"] is None:
        return effects
    return effects + _status("Both of you have answered: your comparison is below.")


def _agreed_only(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """Show only what both agree on, or everything again: on screen only, never in a file."""
    page["only_agreed"] = not page["only_agreed"]
    # A toggle button keeps its name; aria-pressed says whether it is on.
    pressed = "true" if page["only_agreed"] else "false"
    return [("action", contract.AGREED_ONLY, "ariaPressed", pressed)] + update(sheet, page)


# -- Comparing by answer code: side by side, no file, no network -------------------------------------
#
# First each device shows a fingerprint (a salted commitment) and reads the other's; only then
# does it show its code, which the other checks against the fingerprint it read. So nobody
# sees the other's answers while their own could still change.


def _has_coded(sheet: "Worksheet", answers: "dict[str, str]") -> bool:
    layout = answer_code.latest_layout(sheet)
    return layout is not None and any(answers.get(field_id) for field_id, _ in layout.answers)


def _current_code(sheet: "Worksheet", page: "State") -> str:
    code = page["code"]
    if not code["salt"] or not _has_coded(sheet, page["answers"]):
        return ""
    return answer_code.encode(page["answers"], sheet, code["salt"])


def _show_label(sheet: "Worksheet", page: "State", current: "str | None" = None) -> "Effects":
    """What the Show button will show: the code only once the partner's fingerprint is read
    and the answers are still those committed to (`current`: their code, if known)."""
    code = page["code"]
    ready = code["theirs"] is not None and bool(code["committed"])
    if ready:
        current = _current_code(sheet, page) if current is None else current
        ready = code["committed"] == current
    label = SHOW_CODE if ready else SHOW_FINGERPRINT
    code["label"] = label
    return [("action", contract.CODE_SHOW_ACTION, "text", label)]


def _refresh_code(sheet: "Worksheet", page: "State") -> "Effects":
    """Answers changed while a fingerprint or code is shown: it no longer matches, so hide
    it. Shown or not, the button says again what it will show: the code only while the
    answers are still the ones the fingerprint committed to."""
    code = page["code"]
    if not code["committed"]:
        return []
    current = _current_code(sheet, page)
    if not code["shown"] or code["committed"] == current:
        before = code["label"]
        label = _show_label(sheet, page, current)
        return label if code["label"] != before else []
    what = code["shown"]
    code["shown"] = ""
    return (
        [("set", contract.CODE_SHOW, "hidden", True)]
        + _show_label(sheet, page, current)
        + _status(
            "Your answers changed, so the " + what + " on screen no longer matched them and is "
            "hidden. When your answers are ready, press “" + SHOW_FINGERPRINT + "” again."
        )
    )


def _stop_camera(page: "State") -> "Effects":
    if not page["camera_on"]:
        return []
    page["camera_on"] = False
    return [("camera", ""), ("set", contract.CODE_CAMERA, "hidden", True)]


def _code_show(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """Show the fingerprint; once the partner's is read (and the answers are as committed),
    the code."""
    answers = page["answers"]
    if sheet.role and answers.get(sheet.role) not in ROLES:
        return _refuse_code(
            "Choose first whether you are Partner A or Partner B (“You are”, at the top of the "
            "form), so the comparison knows whose answers are whose."
        )
    if not _has_coded(sheet, answers):
        return _refuse_code("Answer at least one question first, then show your fingerprint.")
    code = page["code"]
    if (
        code["theirs"] is None
        or not code["committed"]
        or code["committed"] != _current_code(sheet, page)
    ):
        return [("random", answer_code.SALT_BYTES, ("code_salted", {}))]
    code["shown"] = "code"
    code["revealed"] = True
    return _display(sheet, page, code["committed"], "Your code, to read aloud or type:") + _status(
        "Your code is below: your partner scans it, or types it on their device. "
        + view.reveals(sheet, answers, "code")
    )


def _code_salted(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """Fresh random salt for a new fingerprint: commit to the answers as they are now."""
    if not _has_coded(sheet, page["answers"]):
        return []
    code = page["code"]
    code["salt"] = data["bytes"]
    code["committed"] = answer_code.encode(page["answers"], sheet, code["salt"])
    code["shown"] = "fingerprint"
    shown = answer_code.fingerprint(page["answers"], sheet, code["salt"])
    then = (
        "Read theirs too (scan, photo or type); then press “" + SHOW_CODE + "”."
        if code["theirs"] is None
        else "You have read theirs already: once they have read this one, press “"
        + SHOW_CODE
        + "”."
    )
    return _display(sheet, page, shown, "Your fingerprint, for your partner to read first:") + (
        _status(
            "Your fingerprint is below: your partner reads it first. It fixes your answers "
            "without showing them. " + then
        )
    )


def _display(sheet: "Worksheet", page: "State", text: str, label: str) -> "Effects":
    # The SVG holds only paths and a fixed label, never anything typed.
    return (
        _stop_camera(page)
        + [
            ("set", contract.CODE_SHOW, "hidden", False),
            ("set", contract.CODE_QR, "html", answer_code.qr_svg(text)),
            ("set", contract.CODE_LABEL, "text", label),
            ("set", contract.CODE_TEXT, "text", answer_code.group(text)),
            ("set", contract.CODE_TYPE, "hidden", True),
        ]
        + _show_label(sheet, page)
        + _error("")
        + [("call", contract.CODE_SHOW, "scroll")]
    )


def _hide_code(page: "State") -> "Effects":
    page["code"]["shown"] = ""
    return [("set", contract.CODE_SHOW, "hidden", True)]


def _code_restart(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    page["code"] = dict(CODE_START)
    return (
        _hide_code(page)
        + _show_label(sheet, page)
        + _error("")
        + _status(
            "The exchange starts again on this device: each of you shows a new fingerprint and "
            "reads the other's, then your codes."
        )
    )


def _code_scan(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    page["camera_on"] = True
    return (
        _error("")
        + _hide_code(page)
        + [
            ("set", contract.CODE_TYPE, "hidden", True),
            ("set", contract.CODE_CAMERA, "hidden", False),
        ]
        + _status(
            "Hold your partner's fingerprint or code in front of the camera. The picture stays "
            "on this device, and the camera turns off as soon as it is read."
        )
        + [("camera", contract.CODE_VIDEO), ("call", contract.CODE_CAMERA, "scroll")]
    )


def _code_cancel(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return _stop_camera(page) + _status("The camera is off. Nothing was read.")


def _code_photo(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return _stop_camera(page) + [("call", contract.CODE_PHOTO, "click")]


def _code_type(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return (
        _stop_camera(page)
        + _hide_code(page)
        + [("set", contract.CODE_TYPE, "hidden", False), ("call", contract.CODE_INPUT, "focus")]
    )


def _take_fingerprint(
    sheet: "Worksheet", page: "State", found: "answer_code.Fingerprint"
) -> "Effects":
    code = page["code"]
    mine = page["answers"].get(sheet.role, "")
    if found.role and found.role == mine:
        return _refuse_code(pairs.same_role_message(mine))
    if code["revealed"] and code["theirs"] is not None and code["theirs"] != found:
        return _refuse_code(
            "This is a new fingerprint, and your code has already been shown: answers fixed "
            "only now could follow from seeing yours, so it is not taken. To start again, "
            "both of you press “Start the exchange again”. Nothing on the page changed."
        )
    code["theirs"] = found
    then = (
        "Now show yours for them to read, then your code."
        if not code["committed"]
        else "Once they have read yours, press “" + SHOW_CODE + "”."
    )
    return (
        _error("")
        + _show_label(sheet, page)
        + _status("Your partner's fingerprint is read: their answers are now fixed. " + then)
    )


def _take_code(sheet: "Worksheet", page: "State", text: str) -> "Effects":
    """A fingerprint to keep, or a code to compare once it matches the fingerprint read."""
    try:
        found = answer_code.read(text, sheet)
    except files.ImportRefused as refused:
        return _refuse_code(refused.message)
    if isinstance(found, answer_code.Fingerprint):
        return _take_fingerprint(sheet, page, found)
    theirs = page["code"]["theirs"]
    if theirs is None:
        return _refuse_code(
            "Read your partner's fingerprint first, then their code: that way neither of you "
            "can change answers after seeing the other's. Ask them to show their fingerprint. "
            "Nothing on the page changed."
        )
    role = found.answers.get(sheet.role, "")
    if role and role == page["answers"].get(sheet.role, ""):
        return _refuse_code(pairs.same_role_message(role))
    if found.commitment != theirs.commitment or role != theirs.role:
        return _refuse_code(
            "These answers changed after the fingerprint was shared: this code does not match "
            "the fingerprint you read earlier, so it is not compared. Nothing on the page "
            "changed. If the change was honest, both of you press “Start the exchange again”."
        )
    return _compare_with(sheet, page, found.answers, ", from their code")


def _code_compare(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """A typed fingerprint or code; or say why not."""
    return _take_code(sheet, page, data.get("code", ""))


def _code_read(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """ef-code-reader.js read a code (or could not): the camera is already off."""
    page["camera_on"] = False
    effects = [("set", contract.CODE_CAMERA, "hidden", True)]
    if data.get("kind") != "text":
        problem = CODE_PROBLEMS.get(str(data.get("kind")), CODE_PROBLEMS["failed"])
        return effects + _refuse_code(problem)
    return effects + _take_code(sheet, page, data.get("text", ""))


# -- Keeping answers on this device, only when asked -------------------------------------------------


def _kept_document(sheet: "Worksheet", page: "State") -> str:
    if sheet.log:
        return files.to_json(sheet, page["entries"], private=True, draft=page["answers"])
    return files.to_json(sheet, page["answers"], private=True)


def _keep_later(page: "State") -> "Effects":
    """Save shortly after the last change, while keeping is on (never while locked)."""
    keep = page["keep"]
    if not keep["on"] or keep["locked"]:
        return []
    return [("later", "keep", KEEP_DELAY_MS, ("keep_due", {}))]


def _keep_due(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    keep = page["keep"]
    if not keep["on"] or keep["locked"]:
        return []
    document = _kept_document(sheet, page)
    if keep["sealed"]:
        follow = {"first": True} if data.get("first") else {}
        return [("encrypt", document, keeping.IV_BYTES, ("sealed", follow))]
    return [("store", contract.answers_key(sheet.id), keeping.plain(document)), ("saved",)]


def _sealed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """The answers came back encrypted: store them, unless keeping stopped meanwhile. The
    first time, say keeping is on only now that the sealed copy is really stored."""
    keep = page["keep"]
    if not keep["on"] or keep["locked"] or not keep["sealed"]:
        return []
    box = keeping.Sealed(keep["salt"], data["iv"], data["ciphertext"], keep["iterations"])
    effects = [("store", contract.answers_key(sheet.id), keeping.sealed(box)), ("saved",)]
    if data.get("first"):
        effects += _keep_status(
            "On: your answers are kept on this device, encrypted with your passphrase."
        )
    return effects


def _keep_toggled(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    if not data.get("checked"):
        question = "Stop keeping answers, and delete every answer kept on this device?"
        return [("ask", question, ("keep_off_confirmed", {}), ("keep_off_declined", {}))]
    passphrase = data.get("passphrase", "")
    if passphrase:
        return _keep_status("Preparing the encryption key…") + [
            (
                "derive_key",
                passphrase,
                keeping.SALT_BYTES,
                keeping.PBKDF2_ITERATIONS,
                ("key_made", {}),
            )
        ]
    return _keep_on(sheet, page, False)


def _keep_on(sheet: "Worksheet", page: "State", sealed: bool) -> "Effects":
    page["keep"]["on"] = True
    page["keep"]["locked"] = False
    page["keep"]["sealed"] = sealed
    if sealed:  # the status follows once WebCrypto has sealed the first copy (_sealed)
        return [("store", contract.KEEP_FLAG, "on")] + _keep_due(sheet, page, {"first": True})
    effects = [("store", contract.KEEP_FLAG, "on")] + _keep_due(sheet, page, {})
    return effects + _keep_status(
        "On: your answers are kept on this device, not encrypted. Add a passphrase "
        "(turn keeping off and on again) if others use this device."
    )


def _key_made(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    page["keep"].update(salt=data["salt"], iterations=keeping.PBKDF2_ITERATIONS)
    return [("adopt_key",)] + _keep_on(sheet, page, True)


def _keep_off_confirmed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return _forget_kept(page) + _keep_status("Off: nothing is kept on this device.")


def _keep_off_declined(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    return [("set", contract.KEEP_ON, "checked", True)]


def _forget_kept(page: "State") -> "Effects":
    page["keep"] = dict(KEEP_OFF)
    page["pending"].pop("unlock", None)
    return [
        ("unstore", contract.STORAGE_PREFIX),
        ("drop_keys",),
        ("set", contract.KEEP_ON, "checked", False),
        ("action", contract.KEEP_UNLOCK, "hidden", True),
    ]


def _forgotten(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    """ "Forget everything on this device" already erased storage: keeping starts over."""
    return _forget_kept(page)


def _open_kept(sheet: "Worksheet", page: "State", flag: object, stored: "str | None") -> "Effects":
    """At start: reopen kept answers if keeping is on; never overwrite what cannot be read."""
    if flag != "on":
        return []
    page["keep"]["on"] = True
    effects = [("set", contract.KEEP_ON, "checked", True)]
    if not stored:
        return effects + _keep_status(
            "On: your answers on this worksheet will be kept on this device."
        )
    try:
        envelope = keeping.open_envelope(stored)
    except files.ImportRefused as refused:
        page["keep"]["locked"] = True
        return effects + _keep_status(refused.message)
    effects.append(("set", contract.KEEP, "open", True))
    if envelope.sealed is None:
        return effects + _restore(sheet, page, envelope.document, "this device")
    page["keep"]["locked"] = True
    return (
        effects
        + [("action", contract.KEEP_UNLOCK, "hidden", False)]
        + _keep_status("Your kept answers are encrypted: type your passphrase, then open them.")
    )


def _restore(sheet: "Worksheet", page: "State", document: str, source: str) -> "Effects":
    try:
        imported = files.from_json(sheet, document)
    except files.ImportRefused as refused:
        return _keep_status(refused.message)
    page["pending"]["restore"] = (_content(sheet, imported), source)
    current = page["answers"]
    if not sheet.log and any(current.values()) and current != imported.answers:
        question = "Replace what you typed with the answers kept on this device?"
        return [("ask", question, ("restore_confirmed", {}), ("restore_declined", {}))]
    return _restore_confirmed(sheet, page, {})


def _restore_confirmed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    pending = page["pending"].pop("restore", None)
    if pending is None:
        return []
    kept, source = pending
    effects = _put_back(sheet, page, kept)
    return effects + _keep_status("Your answers are back, from " + source + ". Keeping stays on.")


def _restore_declined(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    page["pending"].pop("restore", None)
    return update(sheet, page) + _keep_status(
        "Your kept answers were left as they are; the page shows what you typed."
    )


def _keep_unlock(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    try:
        envelope = keeping.open_envelope(data.get("kept") or "")
    except files.ImportRefused as refused:
        return _keep_status(refused.message)
    box = envelope.sealed
    if box is None:
        return []
    page["pending"]["unlock"] = box
    return _keep_status("Opening your kept answers…") + [
        ("derive_key", data.get("passphrase", ""), box.salt, box.iterations, ("key_tried", {}))
    ]


def _key_tried(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    box = page["pending"].get("unlock")
    if box is None:
        return []
    return [("decrypt", box.iv, box.ciphertext, ("unsealed", {}))]


def _unsealed(sheet: "Worksheet", page: "State", data: "Data") -> "Effects":
    box = page["pending"].pop("unlock", None)
    if box is None:
        return []
    if data.get("text") is None:
        return _keep_status(
            "That passphrase did not open your kept answers. Nothing was changed or deleted: "
            "try again."
        )
    page["keep"].update(locked=False, sealed=True, salt=box.salt, iterations=box.iterations)
    effects = [("adopt_key",), ("action", contract.KEEP_UNLOCK, "hidden", True)]
    return effects + _restore(sheet, page, data["text"], "your encrypted copy")


#: Every event the page can send, by name. Buttons send their `data-action` name.
HANDLERS = {
    "start": _start,
    "changed": _changed,
    "typed": _typed,
    "warm": _warm,
    "before_print": _before_print,
    contract.DOWNLOAD_MARKDOWN: _download_markdown,
    contract.DOWNLOAD_JSON: _download_json,
    contract.PRINT: _print,
    contract.IMPORT: _import,
    "file_chosen": _file_chosen,
    "file_read": _file_read,
    "import_confirmed": _import_confirmed,
    "import_declined": _import_declined,
    contract.CALENDAR: _calendar,
    contract.ADD_ENTRY: _add_entry,
    "remove_entry": _remove_entry,
    "remove_confirmed": _remove_confirmed,
    contract.COMPARE_FILE_ACTION: _compare_file,
    contract.TAKE_TURNS: _take_turns,
    contract.CODE_SHOW_ACTION: _code_show,
    contract.CODE_SCAN: _code_scan,
    contract.CODE_CANCEL: _code_cancel,
    contract.CODE_PHOTO_ACTION: _code_photo,
    contract.CODE_TYPE_ACTION: _code_type,
    contract.CODE_COMPARE: _code_compare,
    contract.CODE_RESTART: _code_restart,
    contract.AGREED_ONLY: _agreed_only,
    "code_salted": _code_salted,
    "code_read": _code_read,
    "keep_toggled": _keep_toggled,
    "key_made": _key_made,
    "keep_due": _keep_due,
    "sealed": _sealed,
    "keep_off_confirmed": _keep_off_confirmed,
    "keep_off_declined": _keep_off_declined,
    "forgotten": _forgotten,
    contract.KEEP_UNLOCK: _keep_unlock,
    "key_tried": _key_tried,
    "unsealed": _unsealed,
    "restore_confirmed": _restore_confirmed,
    "restore_declined": _restore_declined,
}
