"""Render a worksheet's declaration as the HTML form the page shows at first paint.

The form works before Python arrives: people can type at once, and the browser keeps
what they type. Python then adds the preview, downloads and import (the bridge finds
every control by the field ids used here). Every string from the declaration is escaped.
"""

from __future__ import annotations

from html import escape

from worksheets import answer_code, contract, page, render, view
from worksheets.schema import Field, Section, Worksheet

STATUS_LOADING = (
    "Loading the worksheet tools in this browser tab. You can start typing now; "
    "nothing you type leaves this device."
)

#: The actions every worksheet offers, in toolbar order: (data-action, button text). Each
#: `data-action` is an event of the page controller (worksheets.page.HANDLERS).
ACTIONS = (
    (contract.DOWNLOAD_MARKDOWN, "Download as a text document (Markdown)"),
    (contract.DOWNLOAD_JSON, "Download a file to reopen here (JSON)"),
    (contract.PRINT, "Print"),
    (contract.IMPORT, "Open a file saved from this worksheet…"),
)
CALENDAR_ACTION = (contract.CALENDAR, "Add to calendar (.ics)")
LOG_ACTION = (contract.ADD_ENTRY, "Add this check-in to the log")
COMPARE_ACTIONS = (
    (contract.COMPARE_FILE_ACTION, "Compare with my partner's file…"),
    (contract.TAKE_TURNS, page.TAKE_TURNS_FIRST),
)
#: Side by side without a file: one device shows its answer code, the other reads it.
CODE_ACTIONS = (
    (contract.CODE_SHOW_ACTION, page.SHOW_FINGERPRINT),
    (contract.CODE_SCAN, "Scan my partner's screen"),
    (contract.CODE_PHOTO_ACTION, "Choose a photo of it"),
    (contract.CODE_TYPE_ACTION, "Type it"),
)
CAMERA_CANCEL = (contract.CODE_CANCEL, "Cancel: turn the camera off")
CODE_COMPARE = (contract.CODE_COMPARE, "Read this fingerprint or code")
CODE_RESTART = (contract.CODE_RESTART, "Start the exchange again")
UNLOCK = (contract.KEEP_UNLOCK, "Open my kept answers")

#: The id of a field's control in the page (the bridge and the tests use it too).
field_dom_id = contract.field_id


def _described_by(item: Field) -> tuple[str, str]:
    if not item.help:
        return "", ""
    help_id = f"{field_dom_id(item.id)}-help"
    return (
        f' aria-describedby="{help_id}"',
        f'<p class="ef-help" id="{help_id}">{escape(item.help)}</p>',
    )


def _private_note(item: Field) -> str:
    if not item.private:
        return ""
    return (
        ' <span class="ef-private">(private: stays out of the shared file unless you choose)</span>'
    )


def _control(item: Field) -> str:
    dom_id = field_dom_id(item.id)
    described, help_html = _described_by(item)
    placeholder = f' placeholder="{escape(item.placeholder)}"' if item.placeholder else ""
    common = f'id="{dom_id}" name="{item.id}"{described}'
    if item.kind in ("choice", "scale"):
        # "No answer" comes first and is chosen at the start: an unanswered question can be
        # returned to, and is never mistaken for an answer.
        options = [("", "No answer"), *((o.value, o.label) for o in item.choices())]
        # The first radio carries the field's id, so a link or a test can focus the group.
        first_id = f' id="{dom_id}"'
        radios = "".join(
            f'<label class="ef-option"><input type="radio" name="{item.id}" '
            f'value="{escape(value)}"{first_id if i == 0 else ""}{" checked" if i == 0 else ""}>'
            f"<span>{escape(label)}</span></label>"
            for i, (value, label) in enumerate(options)
        )
        return (
            f'<fieldset class="ef-field ef-{item.kind}"{described}>'
            f"<legend>{escape(item.label)}{_private_note(item)}</legend>{help_html}"
            f'<div class="ef-options">{radios}</div></fieldset>'
        )
    if item.kind == "check":
        return (
            f'<div class="ef-field ef-check"><label class="ef-option">'
            f'<input type="checkbox" {common} value="yes"><span>{escape(item.label)}</span>'
            f"</label>{help_html}</div>"
        )
    if item.kind == "share":
        shares = "".join(
            f'<option value="{o.value}">{escape(o.label)}</option>' for o in item.choices()
        )
        return (
            f'<div class="ef-field ef-share"><label for="{dom_id}">{escape(item.label)}</label>'
            f'{help_html}<select {common}><option value="" selected>Not decided yet</option>'
            f"{shares}</select></div>"
        )
    label = f'<label for="{dom_id}">{escape(item.label)}{_private_note(item)}</label>'
    if item.kind == "text":
        control = (
            f'<textarea {common} rows="{max(3, item.lines + 1)}" '
            f'maxlength="{item.max_length}"{placeholder}></textarea>'
        )
    elif item.kind == "date":
        control = f'<input type="date" {common}>'
    else:
        control = f'<input type="text" {common} maxlength="{item.max_length}"{placeholder}>'
    return f'<div class="ef-field ef-{item.kind}">{label}{help_html}{control}</div>'


def _section(section: Section) -> str:
    heading_id = contract.section_heading_id(section.id)
    intro = f'<p class="ef-intro">{escape(section.intro)}</p>' if section.intro else ""
    fields = "".join(_control(item) for item in section.fields)
    return (
        f'<section class="ef-section" aria-labelledby="{heading_id}">'
        f'<h2 id="{heading_id}">{escape(section.title)}</h2>{intro}{fields}</section>'
    )


def _buttons(actions: tuple[tuple[str, str], ...], hidden: bool = False) -> str:
    # Disabled until Python is ready: the status line says why, so no click is ever ignored.
    return "".join(
        f'<button type="button" class="md-button" data-action="{action}"'
        f"{' hidden' if hidden else ''} disabled>{text}</button>"
        for action, text in actions
    )


def _file_input(dom_id: str, purpose: str) -> str:
    return (
        f'<input type="file" id="{dom_id}" accept=".json,application/json" hidden '
        f'tabindex="-1" aria-label="{purpose}">'
    )


def _reveals(worksheet: Worksheet, what: str, dom_id: str) -> str:
    """What a file or a code would hold, said before anything is shared (kept up to date by
    the page controller as the private opt-in changes)."""
    line = view.reveals(worksheet, view.untouched(worksheet).answers, what)
    return f'<p class="ef-reveals" id="{dom_id}">{escape(line)}</p>'


def render_toolbar(worksheet: Worksheet | None = None) -> str:
    actions = ACTIONS + (
        (CALENDAR_ACTION,) if worksheet and "calendar" in worksheet.features else ()
    )
    reveals = _reveals(worksheet, "file", contract.REVEALS_FILE) if worksheet else ""
    return (
        f'<div class="ef-toolbar" role="group" aria-label="Worksheet actions">{_buttons(actions)}'
        f"{_file_input(contract.IMPORT_FILE, 'Choose a file saved from this worksheet')}</div>"
        f"{reveals}"
        f'<p class="ef-status" id="{contract.STATUS}" role="status" aria-live="polite" '
        f'data-state="loading">{STATUS_LOADING}</p>'
        f'<div class="ef-error" id="{contract.ERROR}" role="alert" hidden></div>'
    )


def _block(block_id: str, heading_id: str, title: str, body: str) -> str:
    return (
        f'<section class="ef-block ef-{block_id}-block" aria-labelledby="{heading_id}">'
        f'<h2 id="{heading_id}">{title}</h2>{body}</section>'
    )


def _untouched_preview(worksheet: Worksheet) -> str:
    """The preview of the untouched form, rendered now so it shows at first paint; the page's
    Python renders it again only once something changes (worksheets.view)."""
    state = view.untouched(worksheet)
    return render.preview_html(worksheet, view.document(worksheet, state, with_results=False))


def _untouched_results(worksheet: Worksheet) -> str:
    """The results of the untouched form (what to answer to see some), for first paint too."""
    found = view.results(worksheet, view.untouched(worksheet))
    if found is None:
        raise ValueError(f"{worksheet.id} has the results feature but no results function")
    return view.results_html(found)


def _feature_blocks(worksheet: Worksheet) -> str:
    """What a worksheet offers beyond its form: adding to a log, comparing, results."""
    blocks = []
    if worksheet.log:
        blocks.append(f'<div class="ef-form-actions">{_buttons((LOG_ACTION,))}</div>')
        blocks.append(
            _block(
                "log",
                contract.LOG_HEADING,
                "Check-ins in the log",
                f'<p class="ef-placeholder" id="{contract.LOG_EMPTY}">No check-ins in the log '
                f'yet.</p><ul class="ef-log-list" id="{contract.LOG_LIST}"></ul>',
            )
        )
    if "compare" in worksheet.features:
        blocks.append(
            _block(
                "compare",
                contract.COMPARE_HEADING,
                "Compare with your partner",
                "<p>Each of you answers your own questions alone; what you write together "
                "stays shared. Two devices: open the file your partner downloaded from this "
                "page. One device: hide your answers, hand over, and show the comparison when "
                "you have both answered.</p>"
                f'<div class="ef-toolbar" role="group" aria-label="Compare">{_buttons(COMPARE_ACTIONS)}'
                f"{_file_input(contract.COMPARE_FILE, 'Choose your partner response file')}</div>"
                f"{render_code_panel(worksheet) if answer_code.supports(worksheet) else ''}",
            )
        )
    if "results" in worksheet.features:
        blocks.append(
            _block(
                "results",
                contract.RESULTS_HEADING,
                "Results",
                (
                    f'<div class="ef-toolbar">{_agreed_only()}</div>'
                    if "compare" in worksheet.features
                    else ""
                )
                + f'<div class="ef-results" id="{contract.RESULTS}">{_untouched_results(worksheet)}</div>',
            )
        )
    return "".join(blocks)


def _agreed_only() -> str:
    """A toggle (aria-pressed) that hides all but what both agree on, on screen only."""
    return (
        f'<button type="button" class="md-button" data-action="{contract.AGREED_ONLY}" '
        f'aria-pressed="false" disabled>{page.AGREED_ONLY}</button>'
    )


def render_code_panel(worksheet: Worksheet) -> str:
    """Comparing by answer code: the buttons, the shown code, the camera, the typed code.

    Everything starts hidden or disabled; the page's Python (and ef-code-reader.js for the
    camera and photos) brings it to life. The camera is asked for only when "Scan" is pressed.
    """
    c = contract
    return (
        f'<h3 id="{c.CODE_HEADING}">Side by side, with a code</h3>'
        "<p>No file and no network, and nobody sees the other's answers first. Step 1: each "
        "of you shows a fingerprint of your answers, and reads the other's (scan it, take a "
        "photo of it, or type it). A fingerprint fixes your answers without showing them. "
        "Step 2: each shows a code, and reads the other's; a code that does not match the "
        "fingerprint read before is refused.</p>"
        f"{_reveals(worksheet, 'code', c.REVEALS_CODE)}"
        f'<div class="ef-toolbar" role="group" aria-labelledby="{c.CODE_HEADING}">'
        f"{_buttons(CODE_ACTIONS)}"
        f'<input type="file" id="{c.CODE_PHOTO}" accept="image/*" hidden tabindex="-1" '
        'aria-label="Choose a photo of your partner\'s code"></div>'
        f'<div class="ef-code-show" id="{c.CODE_SHOW}" hidden>'
        f'<div class="ef-code-qr-box" id="{c.CODE_QR}"></div>'
        f'<p class="ef-code-label" id="{c.CODE_LABEL}">Your code, to read aloud or type:</p>'
        f'<p class="ef-code-text" id="{c.CODE_TEXT}"></p></div>'
        f'<div class="ef-code-camera" id="{c.CODE_CAMERA}" hidden>'
        f'<video class="ef-code-video" id="{c.CODE_VIDEO}" muted playsinline '
        f'{c.CAMERA_ATTRIBUTE}="off" '
        'aria-label="What the camera sees: hold your partner\'s code inside it"></video>'
        f"{_buttons((CAMERA_CANCEL,))}</div>"
        f'<div class="ef-code-type ef-field" id="{c.CODE_TYPE}" hidden>'
        f'<label for="{c.CODE_INPUT}">Your partner\'s fingerprint or code</label>'
        f'<input type="text" id="{c.CODE_INPUT}" class="ef-code-input" autocomplete="off" '
        'autocapitalize="characters" spellcheck="false" maxlength="64" '
        f'aria-describedby="{c.CODE_INPUT_HELP}">'
        f'<p class="ef-help" id="{c.CODE_INPUT_HELP}">Groups of four, as on their screen; '
        "dashes, spaces and small letters are fine.</p>"
        f"{_buttons((CODE_COMPARE,))}</div>"
        f'<p class="ef-code-restart">{_buttons((CODE_RESTART,))}</p>'
    )


FORGET_BUTTON = (
    f'<p class="ef-forget"><button type="button" class="md-button" {contract.FORGET_ATTRIBUTE}>'
    "Forget everything on this device</button></p>"
    f'<p class="ef-forget-status" {contract.FORGET_STATUS_ATTRIBUTE} role="status" '
    'aria-live="polite"></p>'
)


def render_keep_panel() -> str:
    """Opt-in keeping: off until the reader turns it on; a passphrase seals what is kept."""
    c = contract
    return (
        f'<details class="ef-keep" id="{c.KEEP}"><summary>Keep my answers on this device'
        "</summary>"
        "<p>Off unless you turn it on. When it is on, your answers on this worksheet are saved "
        "in this browser as you type and come back when you return. On a device other people "
        "use, add a passphrase first: your answers are then kept only in encrypted form, and "
        "nobody can read them without it. A forgotten passphrase cannot be recovered.</p>"
        f'<label class="ef-field ef-passphrase" for="{c.KEEP_PASSPHRASE}">Passphrase (optional)'
        "</label>"
        f'<input type="password" id="{c.KEEP_PASSPHRASE}" class="ef-passphrase-input" '
        'autocomplete="off" spellcheck="false" disabled>'
        '<div class="ef-keep-actions">'
        f'<label class="ef-option"><input type="checkbox" id="{c.KEEP_ON}" disabled>'
        "<span>Keep my answers on this device</span></label>"
        f"{_buttons((UNLOCK,), hidden=True)}</div>"
        f'<p class="ef-keep-status" id="{c.KEEP_STATUS}" role="status" aria-live="polite">'
        "Nothing is kept on this device.</p>"
        f"{FORGET_BUTTON}</details>"
    )


def render_form(worksheet: Worksheet) -> str:
    """The whole interactive block of a worksheet page: toolbar, status, form and preview."""
    c = contract
    sections = "".join(_section(section) for section in worksheet.sections)
    intro = f'<p class="ef-lead">{escape(worksheet.intro)}</p>' if worksheet.intro else ""
    preview_title = "The whole log, as a document" if worksheet.log else "Preview"
    return (
        f'<div class="ef-worksheet" id="{c.WORKSHEET}">{intro}{render_toolbar(worksheet)}'
        f"{render_keep_panel()}"
        f'<form id="{c.FORM}" class="ef-form" data-worksheet="{worksheet.id}" '
        f'data-version="{worksheet.version}" autocomplete="off" novalidate '
        f'aria-label="{escape(worksheet.title)}">{sections}</form>'
        f"{_feature_blocks(worksheet)}"
        f'<section class="ef-preview-block" aria-labelledby="{c.PREVIEW_HEADING}">'
        f'<h2 id="{c.PREVIEW_HEADING}">{preview_title}</h2>'
        f'<div class="ef-preview ef-layout-{worksheet.layout}" id="{c.PREVIEW}">'
        f"{_untouched_preview(worksheet)}</div></section></div>"
    )
