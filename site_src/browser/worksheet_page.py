"""The worksheet page's Python (MicroPython): the DOM, WebCrypto, files and camera, wired to
`worksheets.page`, which makes every decision (tested in CPython and, by tests/portable/, in
MicroPython). This module turns what the reader does into events and carries out the effects,
localStorage included (only when keeping was opted into). Proxies are made once (`proxy`).
It keeps to what both interpreters run (tests/unit/test_portable.py): JS collections are read
by index (`each`), `pyscript.ffi` stands in for `pyodide`."""

import asyncio

import js
from pyscript.ffi import create_proxy, is_none, to_js
from pyscript.util import as_bytearray

import worksheets
from worksheets import contract

DOC = js.document
FORM = DOC.getElementById(contract.FORM)
FORM.dataset.proxies = "0"
SHEET = page = None  # this page's worksheet and `worksheets.page`, once `boot` has them
STORE = js.localStorage
STATE = {}
KEYS = {"candidate": None, "adopted": None}  # CryptoKeys: never stored, never in Python's state
CHOSEN = {}  # files chosen, by purpose, until read
TIMERS = {}  # slot -> (timeout handle, event)
URLS = []  # downloads' object URLs, revoked a while after
BUTTONS = DOC.querySelectorAll(f"#{contract.WORKSHEET} [data-action]")


def proxy(function: object) -> object:
    FORM.dataset.proxies = str(int(FORM.dataset.proxies) + 1)  # read by tests: must not grow
    return create_proxy(function)


def element(dom_id: str) -> object:
    """The element with this id, or None (MicroPython's JS null is not None: `is_none`)."""
    found = DOC.getElementById(dom_id)
    return None if is_none(found) else found


def each(collection: object) -> list:
    """The items of a NodeList or RadioNodeList, by index: the way every interpreter can."""
    return [collection.item(index) for index in range(collection.length)]


def today() -> str:
    """The reader's local date, as the JS clock has it (ISO, e.g. "2026-12-04")."""
    now = js.Date.new()
    return f"{now.getFullYear():04d}-{now.getMonth() + 1:02d}-{now.getDate():02d}"


def text_of(value: object) -> str | None:
    return value if isinstance(value, str) else None


def value_of(dom_id: str) -> str:
    control = element(dom_id)
    return str(control.value or "") if control is not None else ""


def read_answers() -> dict:
    """Every field's answer, "" when unanswered ("No answer" chosen, unticked, not decided)."""
    form = js.FormData.new(FORM)
    return {item.id: text_of(form.get(item.id)) or "" for item in SHEET.fields()}


def dispatch(name: str, data: dict | None = None, **more: object) -> None:
    """One event to the controller, with the form's answers and today's date; then its effects."""
    data = dict(data or {}, **more)
    data.update(answers=read_answers(), today=today())
    STATE["page"], effects = page.step(SHEET, STATE["page"], name, data)
    for kind, *args in effects:
        EFFECTS[kind](*args)


# -- Effects -----------------------------------------------------------------------------------------

PROPERTIES = {"text": "textContent", "html": "innerHTML", "scroll": "scrollIntoView"}


def set_all(selector: str, what: str, value: object) -> None:
    # HTML comes from worksheets.markup (typed text escaped) or is SVG with escaped labels.
    for target in each(DOC.querySelectorAll(selector)):
        if what == "state":
            target.dataset.state = value
        else:
            setattr(target, PROPERTIES.get(what, what), value)


def write_form(answers: dict) -> None:
    for item in SHEET.fields():
        control, value = FORM.elements.namedItem(item.id), answers.get(item.id, "")
        if item.kind in ("choice", "scale"):
            for radio in each(control):  # "No answer" is the radio whose value is ""
                radio.checked = radio.value == value
        elif item.kind == "check":
            control.checked = value == "yes"
        else:
            control.value = value


def download(filename: str, text: str, mime: str) -> None:
    """Hand a file to the browser's downloads, made here: nothing is sent anywhere."""
    url = js.URL.createObjectURL(js.Blob.new(to_js([text]), to_js({"type": mime})))
    link = DOC.createElement("a")
    link.href, link.download = url, filename
    DOC.body.append(link)
    link.click()
    link.remove()
    URLS.append(url)
    js.setTimeout(REVOKE, 30_000)


def ask(question: str, yes: tuple | None, no: tuple | None) -> None:
    answer = yes if js.window.confirm(question) else no
    if answer is not None:
        dispatch(*answer)


def later(slot: str, delay: int, event: tuple) -> None:
    if slot in TIMERS:
        js.clearTimeout(TIMERS[slot][0])
    TIMERS[slot] = (js.setTimeout(ON_TIMER, delay, slot), event)


def unstore(prefix: str) -> None:
    for index in reversed(range(STORE.length)):
        name = STORE.key(index)
        if name and name.startswith(prefix):
            STORE.removeItem(name)


def js_bytes(data: bytes) -> object:
    return js.Uint8Array.new(to_js(list(data)))


def py_bytes(buffer: object) -> bytes:
    return bytes(as_bytearray(buffer))


def random_bytes(size: int) -> bytes:
    return py_bytes(js.crypto.getRandomValues(js.Uint8Array.new(size)).buffer)


async def derive_key(passphrase: str, salt: object, iterations: int, event: tuple) -> None:
    """An AES-GCM key from the passphrase (PBKDF2-SHA256); only the browser ever holds it."""
    salt = random_bytes(salt) if isinstance(salt, int) else salt
    subtle, secret = js.crypto.subtle, js.TextEncoder.new().encode(passphrase)
    material = await subtle.importKey("raw", secret, "PBKDF2", False, to_js(["deriveKey"]))
    pbkdf2 = {"name": "PBKDF2", "iterations": iterations, "hash": "SHA-256"}
    params = to_js(dict(pbkdf2, salt=js_bytes(salt)))
    aes, usage = to_js({"name": "AES-GCM", "length": 256}), to_js(["encrypt", "decrypt"])
    KEYS["candidate"] = await subtle.deriveKey(params, material, aes, False, usage)
    dispatch(*event, salt=salt)


async def encrypt(text: str, iv_size: int, event: tuple) -> None:
    iv, data = random_bytes(iv_size), js.TextEncoder.new().encode(text)
    aes = to_js({"name": "AES-GCM", "iv": js_bytes(iv)})
    sealed = await js.crypto.subtle.encrypt(aes, KEYS["adopted"], data)
    dispatch(*event, iv=iv, ciphertext=py_bytes(sealed))


async def decrypt(iv: bytes, ciphertext: bytes, event: tuple) -> None:
    aes = to_js({"name": "AES-GCM", "iv": js_bytes(iv)})
    try:
        plain = await js.crypto.subtle.decrypt(aes, KEYS["candidate"], js_bytes(ciphertext))
        text = js.TextDecoder.new().decode(plain)
    except Exception:  # WebCrypto's OperationError: this key does not open the box
        text = None
    dispatch(*event, text=text)


async def read_file(purpose: str, event: tuple) -> None:
    dispatch(*event, text=await CHOSEN.pop(purpose).text())


def in_background(work: object) -> object:
    return lambda *args: asyncio.create_task(work(*args))


EFFECTS = {
    "set": lambda dom_id, what, value: set_all("#" + dom_id, what, value),
    "action": lambda name, what, value: set_all(f'[data-action="{name}"]', what, value),
    "call": lambda dom_id, method: [
        getattr(target, PROPERTIES.get(method, method))()
        for target in each(DOC.querySelectorAll("#" + dom_id))
    ],
    "enable": lambda: [setattr(button, "disabled", False) for button in each(BUTTONS)],
    "form": write_form,
    "download": download,
    "saved": lambda: FORM.dispatchEvent(
        js.CustomEvent.new(contract.SAVED_EVENT, to_js({"bubbles": True}))
    ),
    "ask": ask,
    "later": later,
    "store": lambda key, value: STORE.setItem(key, value),
    "unstore": unstore,
    "derive_key": in_background(derive_key),
    "adopt_key": lambda: KEYS.update(adopted=KEYS["candidate"]),
    "drop_keys": lambda: KEYS.update(candidate=None, adopted=None),
    "encrypt": in_background(encrypt),
    "decrypt": in_background(decrypt),
    "read_file": in_background(read_file),
    # ef-code-reader.js, loaded before this script, works the camera and reads photos.
    "camera": lambda scan: (
        js.window.efCode.scan(element(scan)) if scan else js.window.efCode.stop()
    ),
    "read_photo": lambda: js.window.efCode.readPhoto(CHOSEN.pop("photo")),
    "random": lambda size, event: dispatch(*event, bytes=random_bytes(size)),
    "print": lambda: js.window.print(),
    "ready": lambda: js.performance.mark(contract.READY_MARK),  # read by `make bench`
}

# -- Events ------------------------------------------------------------------------------------------


def on_action(event: object, action: str = "") -> None:
    """A button: its event is its data-action, with what the code, passphrase and storage hold."""
    kept = text_of(STORE.getItem(contract.answers_key(SHEET.id)))
    code, passphrase = value_of(contract.CODE_INPUT), value_of(contract.KEEP_PASSPHRASE)
    dispatch(
        action or event.currentTarget.dataset.action, code=code, passphrase=passphrase, kept=kept
    )


def on_file(purpose: str) -> object:
    def chosen(event: object) -> None:
        picker = event.currentTarget
        file = picker.files.item(0)
        picker.value = ""  # so choosing the same file again still fires a change
        if not is_none(file):
            CHOSEN[purpose] = file
            dispatch("file_chosen", purpose=purpose, size=file.size)

    return chosen


def on_code_key(event: object) -> None:
    if event.key == "Enter":
        event.preventDefault()
        on_action(event, contract.CODE_COMPARE)


def on_log_click(event: object) -> None:
    button = event.target.closest(f"button[{contract.ENTRY_ATTRIBUTE}]")
    if not is_none(button):
        dispatch("remove_entry", index=int(button.getAttribute(contract.ENTRY_ATTRIBUTE)))


def on_code(event: object) -> None:
    dispatch("code_read", kind=str(event.detail.kind), text=str(event.detail.text))


def on_keep(event: object) -> None:
    checked, passphrase = bool(event.target.checked), value_of(contract.KEEP_PASSPHRASE)
    dispatch("keep_toggled", checked=checked, passphrase=passphrase)


async def boot() -> None:
    """Start in steps, each its own task (NEXT_TASK), so a key typed meanwhile is answered
    between them: on a phone the start in one go held the page for a quarter of a second."""
    global SHEET, page
    try:
        await js.Promise.new(NEXT_TASK)  # the browser's turn
        SHEET = worksheets.get(FORM.dataset.worksheet)
        await js.Promise.new(NEXT_TASK)  # the browser's turn
        from worksheets import page

        STATE["page"] = page.new_page(SHEET)
        await js.Promise.new(NEXT_TASK)  # the browser's turn
        actions = proxy(on_action)
        listeners = [(button, "click", actions) for button in each(BUTTONS)] + [
            (FORM, "input", proxy(lambda event: dispatch("typed", kind=event.target.type))),
            (FORM, "change", proxy(lambda _event: dispatch("changed"))),
            (element(contract.IMPORT_FILE), "change", proxy(on_file("import"))),
            (element(contract.COMPARE_FILE), "change", proxy(on_file("compare"))),
            (element(contract.CODE_PHOTO), "change", proxy(on_file("photo"))),
            (element(contract.CODE_INPUT), "keydown", proxy(on_code_key)),
            (element(contract.LOG_LIST), "click", proxy(on_log_click)),
            (element(contract.KEEP_ON), "change", proxy(on_keep)),
            (DOC, contract.CODE_EVENT, proxy(on_code)),
            (DOC, contract.FORGOTTEN_EVENT, proxy(lambda _event: dispatch("forgotten"))),
            (js.window, "beforeprint", proxy(lambda _event: dispatch("before_print"))),
        ]
        for target, kind, handler in listeners:
            if target is not None:
                target.addEventListener(kind, handler)
        flag, kept = contract.KEEP_FLAG, contract.answers_key(SHEET.id)
        dispatch("start", keep_flag=text_of(STORE.getItem(flag)), kept=text_of(STORE.getItem(kept)))
    except Exception as error:
        set_all("#" + contract.STATUS, "state", "failed")
        set_all("#" + contract.STATUS, "text", contract.START_FAILED.format(type(error).__name__))
        raise


REVOKE = proxy(lambda: js.URL.revokeObjectURL(URLS.pop(0)))
ON_TIMER = proxy(lambda slot: dispatch(*TIMERS.pop(slot)[1]))
NEXT_TASK = proxy(lambda resolve, _reject: js.setTimeout(resolve))
