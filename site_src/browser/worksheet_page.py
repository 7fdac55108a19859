"""The worksheet page's Python: reads the form, asks `worksheets`, writes the answer back.

This is the only Python that touches the DOM, and it decides nothing itself: validation,
rendering, results, comparisons and file formats all live in the `worksheets` package,
tested in CPython. The form was rendered at build time, so people may have typed before
this runs. Everything stays in this tab's memory; nothing is stored or sent.
"""

import asyncio
from dataclasses import dataclass, field
from datetime import date

import js
from pyodide.ffi import create_once_callable, create_proxy, to_js

import worksheets
from worksheets import answer_code, check_in, keeping, render, view
from worksheets import document as files

PAGE = js.document


def optional(dom_id: str):
    """The element with this id, or None: Pyodide gives JS null as JsNull, not None."""
    found = PAGE.querySelectorAll(f"#{dom_id}")
    return found.item(0) if found.length else None


FORM = PAGE.getElementById("ef-form")
SHEET = worksheets.get(FORM.dataset.worksheet)
STATUS = PAGE.getElementById("ef-status")
ERROR = PAGE.getElementById("ef-error")
PREVIEW = PAGE.getElementById("ef-preview")
RESULTS = optional("ef-results")
LOG_LIST = optional("ef-log-list")
IMPORT_INPUT = PAGE.getElementById("ef-import-file")
KEEP_ON = PAGE.getElementById("ef-keep-on")
KEEP_PASSPHRASE = PAGE.getElementById("ef-keep-passphrase")
KEEP_STATUS = PAGE.getElementById("ef-keep-status")
STORE = js.localStorage
COMPARE_INPUT = optional("ef-compare-file")


@dataclass
class Session:
    """What this tab holds besides the form: a log's entries, and a partner's answers."""

    entries: list[dict[str, str]] = field(default_factory=list)
    #: The other partner's answers, from their file or from the first turn on this device.
    partner: dict[str, str] | None = None
    #: Taking turns on one device: the first partner's answers, hidden until both are done.
    first_turn: dict[str, str] | None = None
    #: Keeping answers on this device: the AES key (a CryptoKey, never stored) and its salt.
    key: object = None
    salt: bytes = b""
    #: Kept answers are sealed and not opened yet: nothing may overwrite them meanwhile.
    locked: bool = False
    save_timer: object = None


SESSION = Session()


# -- The form ------------------------------------------------------------------------------------


def read_answers() -> dict[str, str]:
    """Every field's current answer, "" for unanswered ("No answer", unticked, not decided)."""
    answers = {}
    for item in SHEET.fields():
        control = FORM.elements.namedItem(item.id)
        if item.kind == "check":
            answers[item.id] = "yes" if control.checked else ""
        else:
            answers[item.id] = str(control.value or "")
    return answers


def write_answers(answers: dict[str, str]) -> None:
    for item in SHEET.fields():
        control = FORM.elements.namedItem(item.id)
        value = answers.get(item.id, "")
        if item.kind in ("choice", "scale"):
            for radio in control:
                radio.checked = radio.value == value
        elif item.kind == "check":
            control.checked = value == "yes"
        else:
            control.value = value


def show_status(text: str, state: str = "ready") -> None:
    STATUS.textContent = text
    STATUS.dataset.state = state


def show_error(text: str) -> None:
    ERROR.textContent = text
    ERROR.hidden = not text


def refuse(text: str) -> None:
    show_error(text)
    show_status("Nothing was changed. Your answers are as they were.", "refused")


# -- What the page shows ---------------------------------------------------------------------------


def page_state() -> view.PageState:
    return view.PageState(read_answers(), SESSION.entries, SESSION.partner)


def document_markdown(with_results: bool) -> str:
    return view.document(SHEET, page_state(), with_results)


#: The source of what each panel shows now. At first that is the untouched form's, which the
#: build rendered into the page: nothing is rendered again until it changes.
UNTOUCHED = view.untouched(SHEET)
SHOWN = {
    "preview": view.document(SHEET, UNTOUCHED, with_results=False),
    "results": view.results(SHEET, UNTOUCHED),
}


def update_page(_event: object = None) -> None:
    # Every HTML string here comes from markdown-it with raw HTML and images off, or from
    # SVG drawn by `worksheets.results` with escaped labels: typed text stays text.
    state = page_state()
    markdown = view.document(SHEET, state, with_results=False)
    if markdown != SHOWN["preview"]:
        PREVIEW.innerHTML = render.preview_html(SHEET, markdown)
        SHOWN["preview"] = markdown
    found = view.results(SHEET, state)
    if RESULTS is not None and found is not None and found != SHOWN["results"]:
        RESULTS.innerHTML = view.results_html(found)
        SHOWN["results"] = found
    if LOG_LIST is not None:
        show_log()
    refresh_code()
    schedule_keep()


def show_log() -> None:
    LOG_LIST.replaceChildren()
    PAGE.getElementById("ef-log-empty").hidden = bool(SESSION.entries)
    for index, entry in enumerate(SESSION.entries):
        item = PAGE.createElement("li")
        title = PAGE.createElement("span")
        title.textContent = f"Check-in on {entry.get('date') or 'an unknown date'}"
        button = PAGE.createElement("button")
        button.type = "button"
        button.className = "md-button ef-small"
        button.dataset.entry = str(index)
        button.textContent = "Remove"
        button.setAttribute("aria-label", f"Remove the {title.textContent.lower()}")
        item.append(title, " ", button)
        LOG_LIST.append(item)


# -- Files -----------------------------------------------------------------------------------------


def download(filename: str, text: str, mime: str) -> None:
    """Hand a file to the browser's downloads, made here: nothing is sent anywhere."""
    options = to_js({"type": mime}, dict_converter=js.Object.fromEntries)
    url = js.URL.createObjectURL(js.Blob.new(to_js([text]), options))
    link = PAGE.createElement("a")
    link.href = url
    link.download = filename
    PAGE.body.append(link)
    link.click()
    link.remove()
    js.setTimeout(create_proxy(lambda: js.URL.revokeObjectURL(url)), 30_000)


def mark_saved() -> None:
    """Tell the page that what is on screen now exists as a file (the leave-page guard listens)."""
    options = to_js({"bubbles": True}, dict_converter=js.Object.fromEntries)
    FORM.dispatchEvent(js.CustomEvent.new("ef:saved", options))


def file_name(extension: str) -> str:
    return f"{SHEET.title.lower().replace(' ', '-')}-{date.today().isoformat()}.{extension}"


def draft_note() -> str:
    if SHEET.log and any(read_answers().values()):
        return " The check-in still in the form is not in the file: add it to the log first."
    return ""


def download_markdown(_event: object) -> None:
    show_error("")
    download(file_name("md"), document_markdown(with_results=True), "text/markdown")
    mark_saved()
    show_status(f"Downloaded as Markdown. The file is only on this device.{draft_note()}")


def download_json(_event: object) -> None:
    show_error("")
    content = SESSION.entries if SHEET.log else read_answers()
    download(file_name("json"), files.to_json(SHEET, content), "application/json")
    mark_saved()
    show_status(f"Downloaded as JSON. Import it here later to carry on.{draft_note()}")


def print_page(_event: object) -> None:
    update_page()
    stamp_print_date()
    js.window.print()


def stamp_print_date(_event: object = None) -> None:
    """The printed worksheet says when it was printed (also for the browser's own Print)."""
    stamp = optional("ef-print-date")
    if stamp is not None:
        stamp.textContent = f" · printed on {date.today().isoformat()}"


async def read_chosen(file_input: object) -> files.Imported | None:
    """The chosen file, checked by `worksheets`; None (with the reason shown) if refused."""
    chosen = file_input.files.item(0)
    file_input.value = ""  # so choosing the same file again still fires a change
    if chosen is None:
        return None
    try:
        files.check_size(chosen.size)  # refuse a huge file before reading a byte of it
        return files.from_json(SHEET, await chosen.text())
    except files.ImportRefused as refused:
        refuse(refused.message)
        return None


async def import_file(_event: object) -> None:
    imported = await read_chosen(IMPORT_INPUT)
    if imported is None:
        return
    if SHEET.log:
        changes = SESSION.entries and SESSION.entries != list(imported.entries)
        question = "Replace the check-ins in the log with the ones in the file?"
    else:
        current = read_answers()
        changes = any(current.values()) and current != imported.answers
        question = "Replace the answers on this page with the ones in the file?"
    if changes and not js.window.confirm(question):
        show_status("Import cancelled. Your answers are as they were.")
        return
    if SHEET.log:
        SESSION.entries = list(imported.entries)
    else:
        write_answers(imported.answers)
    update_page()
    mark_saved()
    show_error("")
    show_status("Imported the file: everything in it is back on the page.")


# -- Logs --------------------------------------------------------------------------------------------


def add_entry(_event: object) -> None:
    draft = read_answers()
    if not any(draft.values()):
        return refuse("Fill in this check-in first, then add it to the log.")
    if not draft.get("date"):
        return refuse("Add the date of this check-in first, so the log can keep it in order.")
    SESSION.entries = [*SESSION.entries, draft]
    write_answers(SHEET.empty_answers())
    show_error("")
    update_page()
    count = len(SESSION.entries)
    show_status(
        f"Added the check-in of {draft['date']}. The log holds {count} check-in"
        f"{'s' if count != 1 else ''}: download it as JSON to keep it."
    )


def remove_entry(event: object) -> None:
    button = event.target.closest("button[data-entry]")
    if button is None:
        return
    index = int(button.dataset.entry)
    entry = SESSION.entries[index]
    when = entry.get("date") or "an unknown date"
    if not js.window.confirm(f"Remove the check-in of {when} from the log?"):
        return
    SESSION.entries = [e for i, e in enumerate(SESSION.entries) if i != index]
    update_page()
    show_status(f"Removed the check-in of {when} from the log.")


def add_to_calendar(_event: object) -> None:
    when = check_in.next_date(SESSION.entries, read_answers())
    if not when:
        return refuse("Set the date of the next check-in first, then add it to your calendar.")
    show_error("")
    download(f"check-in-{when}.ics", check_in.calendar_event(when), "text/calendar")
    show_status(f"Downloaded a calendar event for {when}, titled only “Check-in together”.")


# -- Comparing ---------------------------------------------------------------------------------------


def choose_partner_file(_event: object) -> None:
    COMPARE_INPUT.click()


async def compare_file(_event: object) -> None:
    imported = await read_chosen(COMPARE_INPUT)
    if imported is None:
        return
    SESSION.partner = imported.answers
    update_page()
    show_error("")
    show_status("Comparing with your partner's answers: see the results below.")
    PAGE.getElementById("ef-results-heading").scrollIntoView()


def take_turns(event: object) -> None:
    button = event.currentTarget
    answers = read_answers()
    if SESSION.first_turn is None:
        if not any(v for k, v in answers.items() if k not in ("respondent", "role")):
            return refuse("Answer at least one statement before handing over.")
        SESSION.first_turn = answers
        SESSION.partner = None
        write_answers(SHEET.empty_answers())
        update_page()
        button.textContent = "Show our comparison"
        show_error("")
        show_status(
            "The first answers are hidden. Now the other partner answers, "
            "then presses “Show our comparison”."
        )
        return
    SESSION.partner = SESSION.first_turn
    SESSION.first_turn = None
    button.textContent = "Hide my answers and hand over"
    update_page()
    show_error("")
    show_status("Both of you have answered: your comparison is below.")
    PAGE.getElementById("ef-results-heading").scrollIntoView()


# -- Comparing by answer code: side by side, no file, no network -------------------------------------

CODE_SHOW = optional("ef-code-show")
CODE_CAMERA = optional("ef-code-camera")
CODE_VIDEO = optional("ef-code-video")
CODE_PHOTO = optional("ef-code-photo")
CODE_TYPE = optional("ef-code-type")
CODE_INPUT = optional("ef-code-input")

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


def refuse_code(text: str) -> None:
    """Refuse, and bring the reason into view: the code controls sit far below it."""
    refuse(text)
    ERROR.scrollIntoView()


def code_reader() -> object:
    """ef-code-reader.js's functions (scan, stop, readPhoto), loaded before this script."""
    return js.window.efCode


def has_ratings(answers: dict[str, str]) -> bool:
    layout = answer_code.latest_layout(SHEET)
    return any(answers.get(field_id) for field_id in layout.ratings)


def refresh_code() -> None:
    """Keep a shown code in step with the answers; hide it when there is nothing to show."""
    if CODE_SHOW is None or CODE_SHOW.hidden:
        return
    answers = read_answers()
    if not has_ratings(answers):
        CODE_SHOW.hidden = True
        return
    code = answer_code.encode(answers, SHEET)
    text = answer_code.group(code)
    if PAGE.getElementById("ef-code-text").textContent != text:
        # The SVG holds only paths and a fixed label, never anything typed.
        PAGE.getElementById("ef-code-qr").innerHTML = answer_code.qr_svg(code)
        PAGE.getElementById("ef-code-text").textContent = text


def show_code(_event: object) -> None:
    answers = read_answers()
    if not has_ratings(answers):
        return refuse_code("Answer at least one statement first, then show your code.")
    stop_camera()
    CODE_SHOW.hidden = False
    refresh_code()
    show_error("")
    private = (
        "Your self-check is in it, as you chose."
        if answers.get(SHEET.private_opt_in) == "yes"
        else "Your self-check is not in it."
    )
    show_status(
        "Your code is below: your partner scans it, or types it on their device. It holds your "
        f"ratings and role only, no name and no notes. {private}"
    )
    CODE_SHOW.scrollIntoView()


def stop_camera() -> None:
    if CODE_CAMERA is not None and not CODE_CAMERA.hidden:
        code_reader().stop()
        CODE_CAMERA.hidden = True


def scan_code(_event: object) -> None:
    show_error("")
    CODE_SHOW.hidden = CODE_TYPE.hidden = True
    CODE_CAMERA.hidden = False
    show_status(
        "Hold your partner's code in front of the camera. The picture stays on this device, "
        "and the camera turns off as soon as the code is read."
    )
    code_reader().scan(CODE_VIDEO)  # the browser asks for the camera now, not before
    CODE_CAMERA.scrollIntoView()


def cancel_scan(_event: object) -> None:
    stop_camera()
    show_status("The camera is off. Nothing was read.")


def choose_photo(_event: object) -> None:
    stop_camera()
    CODE_PHOTO.click()


def photo_chosen(_event: object) -> None:
    chosen = CODE_PHOTO.files.item(0)
    CODE_PHOTO.value = ""  # so choosing the same photo again still fires a change
    if chosen is not None:
        show_status("Looking for the code in the photo…")
        code_reader().readPhoto(chosen)


def type_code(_event: object) -> None:
    stop_camera()
    CODE_SHOW.hidden = True
    CODE_TYPE.hidden = False
    CODE_INPUT.focus()


def compare_typed(_event: object) -> None:
    compare_code(str(CODE_INPUT.value or ""))


def typed_key(event: object) -> None:
    if event.key == "Enter":
        event.preventDefault()
        compare_typed(event)


def code_read(event: object) -> None:
    """ef-code-reader.js read a code (or could not): the camera is already off."""
    if CODE_CAMERA is not None:
        CODE_CAMERA.hidden = True
    kind, text = str(event.detail.kind), str(event.detail.text)
    if kind != "text":
        return refuse_code(CODE_PROBLEMS.get(kind, CODE_PROBLEMS["failed"]))
    compare_code(text)


def compare_code(text: str) -> None:
    """Compare with the answers a code holds, exactly as with a file; or say why not."""
    try:
        answers = answer_code.decode(text, SHEET)
    except files.ImportRefused as refused:
        return refuse_code(refused.message)
    SESSION.partner = answers
    update_page()
    show_error("")
    show_status("Comparing with your partner's answers, from their code: see the results below.")
    PAGE.getElementById("ef-results-heading").scrollIntoView()


def start_codes() -> None:
    if CODE_SHOW is None:
        return
    CODE_PHOTO.addEventListener("change", create_proxy(photo_chosen))
    CODE_INPUT.addEventListener("keydown", create_proxy(typed_key))
    PAGE.addEventListener("ef:code", create_proxy(code_read))


# -- Keeping answers on this device, only when asked -----------------------------------------------

KEY_NAME = keeping.storage_key(SHEET.id)


def js_object(values: dict) -> object:
    return to_js(values, dict_converter=js.Object.fromEntries)


def js_bytes(data: bytes) -> object:
    return js.Uint8Array.new(to_js(memoryview(data)))


def random_bytes(size: int) -> bytes:
    return bytes(js.crypto.getRandomValues(js.Uint8Array.new(size)).to_bytes())


async def derive_key(passphrase: str, salt: bytes, iterations: int) -> object:
    """An AES-GCM key from the passphrase (PBKDF2-SHA256); only the browser ever holds it."""
    subtle = js.crypto.subtle
    material = await subtle.importKey(
        "raw", js.TextEncoder.new().encode(passphrase), "PBKDF2", False, to_js(["deriveKey"])
    )
    params = js_object({"name": "PBKDF2", "iterations": iterations, "hash": "SHA-256"})
    params.salt = js_bytes(salt)
    aes = js_object({"name": "AES-GCM", "length": 256})
    return await subtle.deriveKey(params, material, aes, False, to_js(["encrypt", "decrypt"]))


async def seal(text: str) -> str:
    iv = random_bytes(keeping.IV_BYTES)
    algorithm = js_object({"name": "AES-GCM"})
    algorithm.iv = js_bytes(iv)
    data = js.TextEncoder.new().encode(text)
    ciphertext = await js.crypto.subtle.encrypt(algorithm, SESSION.key, data)
    box = keeping.Sealed(SESSION.salt, iv, bytes(js.Uint8Array.new(ciphertext).to_bytes()))
    return keeping.sealed(box)


async def unseal(box: keeping.Sealed, key: object) -> str:
    algorithm = js_object({"name": "AES-GCM"})
    algorithm.iv = js_bytes(box.iv)
    plain = await js.crypto.subtle.decrypt(algorithm, key, js_bytes(box.ciphertext))
    return js.TextDecoder.new().decode(plain)


def keep_status(text: str) -> None:
    KEEP_STATUS.textContent = text


def keeping_on() -> bool:
    return STORE.getItem(keeping.KEEP_FLAG) == "on"


def kept_document() -> str:
    content = SESSION.entries if SHEET.log else read_answers()
    return files.to_json(SHEET, content, private=True)


async def keep_now() -> None:
    SESSION.save_timer = None
    if not keeping_on() or SESSION.locked:
        return
    document = kept_document()
    envelope = await seal(document) if SESSION.key is not None else keeping.plain(document)
    STORE.setItem(KEY_NAME, envelope)
    mark_saved()


def schedule_keep() -> None:
    """Save shortly after the last change, while keeping is on (never while locked)."""
    if not keeping_on() or SESSION.locked:
        return
    if SESSION.save_timer is not None:
        js.clearTimeout(SESSION.save_timer)
    SESSION.save_timer = js.setTimeout(create_proxy(lambda: asyncio.ensure_future(keep_now())), 300)


def restore(document: str, source: str) -> bool:
    try:
        imported = files.from_json(SHEET, document)
    except files.ImportRefused as refused:
        keep_status(refused.message)
        return False
    if SHEET.log:
        SESSION.entries = list(imported.entries)
    else:
        current = read_answers()
        question = "Replace what you typed with the answers kept on this device?"
        if (
            any(current.values())
            and current != imported.answers
            and not js.window.confirm(question)
        ):
            keep_status("Your kept answers were left as they are; the page shows what you typed.")
            return False
        write_answers(imported.answers)
    update_page()
    keep_status(f"Your answers are back, from {source}. Keeping stays on.")
    return True


async def toggle_keeping(_event: object) -> None:
    if KEEP_ON.checked:
        passphrase = KEEP_PASSPHRASE.value
        if passphrase:
            keep_status("Preparing the encryption key…")
            SESSION.salt = random_bytes(keeping.SALT_BYTES)
            SESSION.key = await derive_key(passphrase, SESSION.salt, keeping.PBKDF2_ITERATIONS)
        STORE.setItem(keeping.KEEP_FLAG, "on")
        SESSION.locked = False
        await keep_now()
        keep_status(
            "On: your answers are kept on this device, encrypted with your passphrase."
            if passphrase
            else "On: your answers are kept on this device, not encrypted. Add a passphrase "
            "(turn keeping off and on again) if others use this device."
        )
        return
    question = "Stop keeping answers, and delete every answer kept on this device?"
    if not js.window.confirm(question):
        KEEP_ON.checked = True
        return
    forget_kept()
    keep_status("Off: nothing is kept on this device.")


def forget_kept() -> None:
    for index in reversed(range(STORE.length)):
        name = STORE.key(index)
        if name and name.startswith(keeping.PREFIX):
            STORE.removeItem(name)
    SESSION.key, SESSION.salt, SESSION.locked = None, b"", False
    KEEP_ON.checked = False
    PAGE.querySelector('[data-action="keep-unlock"]').hidden = True


async def unlock(_event: object) -> None:
    try:
        envelope = keeping.open_envelope(STORE.getItem(KEY_NAME) or "")
    except files.ImportRefused as refused:
        return keep_status(refused.message)
    box = envelope.sealed
    if box is None:
        return
    keep_status("Opening your kept answers…")
    key = await derive_key(KEEP_PASSPHRASE.value, box.salt, box.iterations)
    try:
        document = await unseal(box, key)
    except Exception:  # WebCrypto's OperationError: the key does not open this box
        return keep_status(
            "That passphrase did not open your kept answers. Nothing was changed or deleted: "
            "try again."
        )
    SESSION.key, SESSION.salt, SESSION.locked = key, box.salt, False
    PAGE.querySelector('[data-action="keep-unlock"]').hidden = True
    restore(document, "your encrypted copy")


def start_keeping() -> None:
    KEEP_ON.disabled = KEEP_PASSPHRASE.disabled = False
    KEEP_ON.addEventListener("change", create_proxy(toggle_keeping))
    PAGE.addEventListener("ef:forgotten", create_proxy(lambda _e: forget_kept()))
    if not keeping_on():
        return
    KEEP_ON.checked = True
    stored = STORE.getItem(KEY_NAME)
    if not stored:
        return keep_status("On: your answers on this worksheet will be kept on this device.")
    try:
        envelope = keeping.open_envelope(stored)
    except files.ImportRefused as refused:
        SESSION.locked = True  # never overwrite what could not be read
        return keep_status(refused.message)
    PAGE.getElementById("ef-keep").open = True
    if envelope.sealed is None:
        restore(envelope.document, "this device")
        return
    SESSION.locked = True
    button = PAGE.querySelector('[data-action="keep-unlock"]')
    button.hidden = False
    keep_status("Your kept answers are encrypted: type your passphrase, then open them.")


ACTIONS = {
    "download-markdown": download_markdown,
    "download-json": download_json,
    "print": print_page,
    "import": lambda _event: IMPORT_INPUT.click(),
    "calendar": add_to_calendar,
    "add-entry": add_entry,
    "compare-file": choose_partner_file,
    "take-turns": take_turns,
    "keep-unlock": unlock,
    "code-show": show_code,
    "code-scan": scan_code,
    "code-cancel": cancel_scan,
    "code-photo": choose_photo,
    "code-type": type_code,
    "code-compare": compare_typed,
}


def start() -> None:
    for button in PAGE.querySelectorAll("#ef-worksheet [data-action]"):
        button.addEventListener("click", create_proxy(ACTIONS[button.dataset.action]))
        button.disabled = False
    IMPORT_INPUT.addEventListener("change", create_proxy(import_file))
    if COMPARE_INPUT is not None:
        COMPARE_INPUT.addEventListener("change", create_proxy(compare_file))
    start_codes()
    if LOG_LIST is not None:
        LOG_LIST.addEventListener("click", create_proxy(remove_entry))
    js.window.addEventListener("beforeprint", create_proxy(stamp_print_date))
    stamp_print_date()
    FORM.addEventListener("input", create_proxy(update_page))
    FORM.addEventListener("change", create_proxy(update_page))
    start_keeping()
    update_page()
    show_status("Ready: the preview, downloads and import all work inside this browser tab.")
    js.performance.mark("ef-python-ready")  # read by `make bench`
    # The preview's renderer loads now, while the reader reads, not on their first keystroke.
    js.setTimeout(create_once_callable(lambda: render.to_html("")), 0)


try:
    start()
except Exception as error:
    show_status(
        "The worksheet tools could not start, so the preview and downloads are off "
        f"({type(error).__name__}). What you typed is still on the page.",
        "failed",
    )
    raise
