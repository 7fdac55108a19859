"""The page contract: every name a worksheet page's parts must agree on, defined once.

The build writes these names into the HTML (`site_build.forms`) and into one generated
constants file that the site's scripts read (`ef-contract.js`); the page's Python finds
elements and dispatches events by them; the tests select by them. A name spelled out
anywhere else is a bug waiting for a rename.

Runs unchanged in CPython and MicroPython: constants and a few small functions.
"""

# -- Element ids of a worksheet page --------------------------------------------------------------

WORKSHEET = "ef-worksheet"
FORM = "ef-form"
STATUS = "ef-status"
ERROR = "ef-error"
PREVIEW = "ef-preview"
PREVIEW_HEADING = "ef-preview-heading"
RESULTS = "ef-results"
RESULTS_HEADING = "ef-results-heading"
LOG_HEADING = "ef-log-heading"
COMPARE_HEADING = "ef-compare-heading"
LOG_LIST = "ef-log-list"
LOG_EMPTY = "ef-log-empty"
IMPORT_FILE = "ef-import-file"
COMPARE_FILE = "ef-compare-file"
KEEP = "ef-keep"
KEEP_ON = "ef-keep-on"
KEEP_PASSPHRASE = "ef-keep-passphrase"
KEEP_STATUS = "ef-keep-status"
CODE_HEADING = "ef-code-heading"
CODE_SHOW = "ef-code-show"
CODE_QR = "ef-code-qr"
CODE_LABEL = "ef-code-label"
CODE_TEXT = "ef-code-text"
CODE_CAMERA = "ef-code-camera"
CODE_VIDEO = "ef-code-video"
CODE_PHOTO = "ef-code-photo"
CODE_TYPE = "ef-code-type"
CODE_INPUT = "ef-code-input"
CODE_INPUT_HELP = "ef-code-input-help"
#: One line each, before anything is shared: what a file, or an answer code, would hold.
REVEALS_FILE = "ef-reveals-file"
REVEALS_CODE = "ef-reveals-code"
#: Filled with the print date when the page is printed (the printed title line holds it).
PRINT_DATE = "ef-print-date"
#: The header's live region that announces each Shift press of Leave quickly.
QUICK_EXIT_STATUS = "ef-quick-exit-status"
#: The page's `<script type="mpy">`: PyScript's readiness events are dispatched on it.
PYTHON = "ef-python"
OFFLINE_STATUS = "ef-offline-status"

#: The status when the page's Python fails to start, with the error's name: the form, plain
#: HTML, still works (written by the page's Python before `worksheets.page` may be loaded).
START_FAILED = (
    "The tools could not start, so the preview is off ({}). What you typed is still on the page."
)


def field_id(name: str) -> str:
    """The id of a field's control (a radio group's first radio) in the page."""
    return "ef-field-" + name


def section_heading_id(name: str) -> str:
    return "ef-section-" + name


# -- Buttons: `data-action` names, each handled by the page controller (worksheets.page) ----------

DOWNLOAD_MARKDOWN = "download-markdown"
DOWNLOAD_JSON = "download-json"
PRINT = "print"
IMPORT = "import"
CALENDAR = "calendar"
ADD_ENTRY = "add-entry"
COMPARE_FILE_ACTION = "compare-file"
TAKE_TURNS = "take-turns"
KEEP_UNLOCK = "keep-unlock"
CODE_SHOW_ACTION = "code-show"
CODE_SCAN = "code-scan"
CODE_CANCEL = "code-cancel"
CODE_PHOTO_ACTION = "code-photo"
CODE_TYPE_ACTION = "code-type"
CODE_COMPARE = "code-compare"
CODE_RESTART = "code-restart"
#: Show only what both partners agree on (a toggle button: aria-pressed).
AGREED_ONLY = "agreed-only"

ACTIONS = (
    DOWNLOAD_MARKDOWN,
    DOWNLOAD_JSON,
    PRINT,
    IMPORT,
    CALENDAR,
    ADD_ENTRY,
    COMPARE_FILE_ACTION,
    TAKE_TURNS,
    KEEP_UNLOCK,
    CODE_SHOW_ACTION,
    CODE_SCAN,
    CODE_CANCEL,
    CODE_PHOTO_ACTION,
    CODE_TYPE_ACTION,
    CODE_COMPARE,
    CODE_RESTART,
    AGREED_ONLY,
)

#: A log entry's Remove button carries its entry's position in this data attribute.
ENTRY_ATTRIBUTE = "data-entry"

# -- Events dispatched on the document or the form -------------------------------------------------

#: What is on screen now exists as a file or is kept: the leave-page guard stops asking.
SAVED_EVENT = "ef:saved"
#: "Forget everything on this device" erased this site's storage: a worksheet resets keeping.
FORGOTTEN_EVENT = "ef:forgotten"
#: ef-code-reader.js read a code (detail: {kind: "text", text}) or could not (kind: why).
CODE_EVENT = "ef:code"

#: The performance mark the page sets once its Python is ready (`make bench` reads it).
READY_MARK = "ef-python-ready"

# -- Attributes the site's scripts find their elements by ------------------------------------------

QUICK_EXIT_ATTRIBUTE = "data-ef-quick-exit"
FORGET_ATTRIBUTE = "data-ef-forget"
FORGET_STATUS_ATTRIBUTE = "data-ef-forget-status"
OFFLINE_ATTRIBUTE = "data-ef-offline"
OFFLINE_SIZE_ATTRIBUTE = "data-ef-offline-size"
TOGGLE_ATTRIBUTE = "data-ef-toggle"
#: Where the camera stands, on the video element: off, starting, on, stopping, stopped.
CAMERA_ATTRIBUTE = "data-camera"

# -- What this site may store in a browser, and only when asked ------------------------------------

#: Every localStorage key this site writes starts with this (only while keeping is on).
STORAGE_PREFIX = "equal-footing:"
#: Present, with the value "on", only while the reader has chosen to keep answers.
KEEP_FLAG = STORAGE_PREFIX + "keep"
#: The offline copy's Cache Storage names start with this (only once the reader asked for it).
CACHE_PREFIX = "equal-footing-"


def answers_key(worksheet_id: str) -> str:
    """The localStorage key of one worksheet's kept answers."""
    return STORAGE_PREFIX + "answers:" + worksheet_id


def for_scripts() -> "dict[str, dict[str, str]]":
    """The names the site's JavaScript and templates need: written into the generated
    `ef-contract.js`, and given to the theme's templates as `config.extra.contract`."""
    return {
        "ids": {
            "worksheet": WORKSHEET,
            "form": FORM,
            "offlineStatus": OFFLINE_STATUS,
            "quickExitStatus": QUICK_EXIT_STATUS,
            "python": PYTHON,
            "status": STATUS,
        },
        "events": {
            "saved": SAVED_EVENT,
            "forgotten": FORGOTTEN_EVENT,
            "code": CODE_EVENT,
        },
        "attributes": {
            "quickExit": QUICK_EXIT_ATTRIBUTE,
            "forget": FORGET_ATTRIBUTE,
            "forgetStatus": FORGET_STATUS_ATTRIBUTE,
            "offline": OFFLINE_ATTRIBUTE,
            "toggle": TOGGLE_ATTRIBUTE,
            "camera": CAMERA_ATTRIBUTE,
        },
        "storage": {
            "prefix": STORAGE_PREFIX,
            "cachePrefix": CACHE_PREFIX,
        },
        "messages": {"startFailed": START_FAILED},
    }
