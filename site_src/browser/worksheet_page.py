"""The worksheet page's Python: reads the form, asks `worksheets`, writes the answer back.

This is the only Python that touches the DOM, and it decides nothing itself: validation,
rendering and file formats all live in the `worksheets` package, tested in CPython.
The form was rendered at build time, so people may have typed before this runs.
"""

from datetime import date

import js
from pyodide.ffi import create_proxy, to_js

import worksheets
from worksheets import document as files
from worksheets import render

PAGE = js.document
FORM = PAGE.getElementById("ef-form")
SHEET = worksheets.get(FORM.dataset.worksheet)
STATUS = PAGE.getElementById("ef-status")
ERROR = PAGE.getElementById("ef-error")
PREVIEW = PAGE.getElementById("ef-preview")
IMPORT_INPUT = PAGE.getElementById("ef-import-file")


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


def show_status(text: str, state: str) -> None:
    STATUS.textContent = text
    STATUS.dataset.state = state


def show_error(text: str) -> None:
    ERROR.textContent = text
    ERROR.hidden = not text


def update_preview(_event: object = None) -> None:
    # The HTML comes from markdown-it with raw HTML and images disabled: typed text stays text.
    PREVIEW.innerHTML = render.to_html(render.to_markdown(SHEET, read_answers()))


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
    FORM.dispatchEvent(
        js.CustomEvent.new(
            "ef:saved", to_js({"bubbles": True}, dict_converter=js.Object.fromEntries)
        )
    )


def file_name(extension: str) -> str:
    return f"{SHEET.title.lower().replace(' ', '-')}-{date.today().isoformat()}.{extension}"


def download_markdown(_event: object) -> None:
    show_error("")
    download(file_name("md"), render.to_markdown(SHEET, read_answers()), "text/markdown")
    mark_saved()
    show_status("Downloaded as Markdown. The file is only on this device.", "ready")


def download_json(_event: object) -> None:
    show_error("")
    download(file_name("json"), files.to_json(SHEET, read_answers()), "application/json")
    mark_saved()
    show_status("Downloaded as JSON. Import it here later to carry on where you left off.", "ready")


def print_page(_event: object) -> None:
    update_preview()
    js.window.print()


def choose_file(_event: object) -> None:
    IMPORT_INPUT.click()


async def import_file(_event: object) -> None:
    chosen = IMPORT_INPUT.files.item(0)
    IMPORT_INPUT.value = ""  # so choosing the same file again still fires a change
    if chosen is None:
        return
    try:
        files.check_size(chosen.size)  # refuse a huge file before reading a byte of it
        imported = files.from_json(SHEET, await chosen.text())
    except files.ImportRefused as refused:
        show_error(refused.message)
        show_status("The file was not imported. Your answers are as they were.", "refused")
        return
    current = read_answers()
    if any(current.values()) and current != imported.answers:
        question = "Replace the answers on this page with the ones in the file?"
        if not js.window.confirm(question):
            show_status("Import cancelled. Your answers are as they were.", "ready")
            return
    write_answers(imported.answers)
    update_preview()
    mark_saved()
    show_error("")
    show_status(f"Imported {chosen.name}: every answer from the file is back on the page.", "ready")


ACTIONS = {
    "download-markdown": download_markdown,
    "download-json": download_json,
    "print": print_page,
    "import": choose_file,
}


def start() -> None:
    for name, handler in ACTIONS.items():
        button = PAGE.querySelector(f'[data-action="{name}"]')
        button.addEventListener("click", create_proxy(handler))
        button.disabled = False
    IMPORT_INPUT.addEventListener("change", create_proxy(import_file))
    FORM.addEventListener("input", create_proxy(update_preview))
    FORM.addEventListener("change", create_proxy(update_preview))
    update_preview()
    show_status(
        "Ready: the preview, downloads and import all work inside this browser tab.", "ready"
    )
    js.performance.mark("ef-python-ready")  # read by `make bench`


try:
    start()
except Exception as error:
    show_status(
        "The worksheet tools could not start, so the preview and downloads are off "
        f"({type(error).__name__}). What you typed is still on the page.",
        "failed",
    )
    raise
