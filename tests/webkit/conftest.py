"""WebKit, the engine of every iPhone browser: Debian's WebKitGTK MiniBrowser under Xvfb,
driven through WebKitWebDriver by Selenium.

One Xvfb and one WebDriver session serve the whole run (starting them costs seconds); each
test navigates where it needs. WebDriver has no init scripts, so the audit is injected as soon
as each new document exists, while it is still parsing and before Python starts (checked): it
records Content-Security-Policy violations, uncaught errors and the files the page hands to
its downloads. On leaving each page, every resource it loaded (Resource Timing) must have
come from the local server. After each test the audit must be clean; then storage is cleared.
A test that must store nothing says so with `assert_private()`.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_build.forms import field_dom_id
from tests.conftest import STORAGE_PROBE
from worksheets import contract
from worksheets.schema import Worksheet

from worksheet_driver import NOTHING_STORED_IN_PAGE, PYTHON_READY_TIMEOUT_MS, READ_FORM, controls

WEBKIT_DRIVER = Path(os.environ.get("WEBKIT_WEBDRIVER", "/usr/bin/WebKitWebDriver"))
MINIBROWSER = Path(
    os.environ.get("WEBKIT_MINIBROWSER")
    or next(iter(sorted(glob.glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser"))), "MiniBrowser")
)
PAGE_LOAD_TIMEOUT_S = 60
MISSING = "`make test` installs them (apt-get install webkit2gtk-driver xvfb)"

# Injected into every page as soon as its document exists (WebDriver has no init scripts).
AUDIT = """(() => {
  if (window.__efWebKit) return;
  const status = document.getElementById("ef-status");
  const audit = { violations: [], errors: [], files: [], from: document.readyState,
                  python: status ? status.dataset.state : "" };
  window.__efWebKit = audit;
  document.addEventListener("securitypolicyviolation", (event) => {
    audit.violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  }, true);
  window.addEventListener("error", (event) => {
    const what = event.target && (event.target.src || event.target.href);
    audit.errors.push(event.message ? `${event.message} (${event.filename}:${event.lineno})`
                                    : `could not load ${what}`);
  }, true);
  window.addEventListener("unhandledrejection", (event) => {
    audit.errors.push(`unhandled rejection: ${event.reason}`);
  });
  // A download is a Blob behind an <a download>: keep each Blob, and at the link's click keep
  // its text instead of letting the browser save it (no dialog, nothing written to disk).
  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    blobs.set(url, object);
    return url;
  };
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[download]") : null;
    if (!link) return;
    event.preventDefault();
    const blob = blobs.get(link.href);
    const file = { name: link.download, href: link.href.split(":")[0], type: "", text: null };
    audit.files.push(file);
    if (!blob) { file.text = ""; return; }
    file.type = blob.type;
    blob.text().then((text) => { file.text = text; }, (error) => { file.text = `${error}`; });
  }, true);
})();"""

# Everything a page loaded that did not come from its own origin (blob: and data: are local).
OUTSIDE = """return [...performance.getEntriesByType("navigation"),
  ...performance.getEntriesByType("resource")].map((entry) => entry.name).filter((name) =>
  !name.startsWith(location.origin + "/") && !/^(blob|data):/.test(name));"""

CLEAR_STORAGE = """const done = arguments[arguments.length - 1];
(async () => {
  localStorage.clear();
  sessionStorage.clear();
  for (const db of await indexedDB.databases()) indexedDB.deleteDatabase(db.name);
  for (const name of await caches.keys()) await caches.delete(name);
  for (const worker of await navigator.serviceWorker.getRegistrations()) await worker.unregister();
})().then(() => done(null), (error) => done(`${error}`));"""

NOTHING_STORED = {**NOTHING_STORED_IN_PAGE, "driverCookies": []}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Make `--dist=loadgroup` group again (it keeps every WebKit test in one worker).

    pytest-xdist 3.8 marks a grouped test by appending "@group" to its node id through the
    legacy `_nodeid` attribute, which pytest 9.2 no longer reads (pytest-xdist issue #1386,
    fix pending): every test would go to any worker, and two WebKit sessions would start at
    once. On a worker, after xdist's own hook, this appends the suffix where it is missing.
    """
    if not getattr(config.option, "loadgroup", False):  # set by xdist on its workers only
        return
    for item in items:
        marks = item.iter_markers("xdist_group")
        names = sorted(
            {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in marks}
        )
        suffix = "@" + "_".join(names)
        if names and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
            item._id = type(item._id).parse(item.nodeid + suffix)


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private X display on the first free number, as `xvfb-run -a` picks one. (Xvfb's own
    -displayfd failed under pytest-xdist's workers: "Cannot write display number to fd".)"""
    for number in range(90, 190):
        if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
            continue
        xvfb = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while xvfb.poll() is None and time.monotonic() < deadline:
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return xvfb, f":{number}"
            time.sleep(0.02)  # the interval between two polls
        xvfb.kill()  # it lost the number to another server, or hung: try the next
        xvfb.wait()
    pytest.fail("Xvfb did not start on any display from :90 to :189")


@pytest.fixture(scope="session")
def webkit_driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """One MiniBrowser, driven by WebKitWebDriver under one Xvfb, for the whole run."""
    missing = [
        str(path)
        for path in (WEBKIT_DRIVER, MINIBROWSER)
        if not (path.is_file() and os.access(path, os.X_OK))
    ]
    if shutil.which("Xvfb") is None:
        missing.append("Xvfb")
    if missing:
        pytest.fail(f"WebKit tests cannot run: {', '.join(missing)} missing; {MISSING}")
    from selenium import webdriver

    xvfb, display = _start_xvfb()
    log = tmp_path_factory.mktemp("webkit") / "WebKitWebDriver.log"
    options = webdriver.WebKitGTKOptions()
    options.binary_location = str(MINIBROWSER)
    options.add_argument("--automation")
    # Navigation returns at once, and the tests wait themselves (WebKitPage._navigate): with
    # "eager" (and once "normal", after a reload), WebKitWebDriver 2.50 left the first script
    # after a navigation to a worksheet hanging until its page load timeout (5 minutes) in
    # some runs, the page idle and ready. It also lets the audit in before Python starts.
    options.page_load_strategy = "none"
    service = webdriver.WebKitGTKService(
        executable_path=str(WEBKIT_DRIVER),
        log_output=str(log),
        env={**os.environ, "DISPLAY": display},
    )
    try:
        with warnings.catch_warnings():
            # Selenium's own WebKitGTK driver still passes its address the deprecated way.
            warnings.filterwarnings("ignore", "setting remote_server_addr", DeprecationWarning)
            driver = webdriver.WebKitGTK(options=options, service=service)
    except Exception as error:
        xvfb.kill()
        details = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(f"WebKitWebDriver did not start a session: {error}\n{details}")
    try:
        driver.set_window_size(1280, 900)
        yield driver
    finally:
        driver.quit()
        xvfb.terminate()
        xvfb.wait(timeout=10)


class WebKitPage:
    """The one WebKit window, as a test uses it: open pages, type, click, read, download.

    Every page it leaves (and the last one, at the end of the test) is audited; `problems`
    collects what each broke.
    """

    def __init__(self, driver: object, site_url: str) -> None:
        self.driver = driver
        self.site_url = site_url
        self.problems: list[str] = []

    # -- Pages -------------------------------------------------------------------------------

    def open(self, path: str) -> None:
        self._navigate(lambda: self.driver.get(self.site_url + path))

    def open_worksheet(self, worksheet: Worksheet) -> None:
        self.open(f"worksheets/{worksheet.id}/")
        self.wait_for_python()

    def reload(self) -> None:
        self._navigate(self.driver.refresh)

    def _navigate(self, go: Callable[[], None]) -> None:
        """Leave this page (audited) and inject the audit into the next one as soon as its
        document exists: the old one is marked, so the first unmarked document is the new one."""
        from selenium.common.exceptions import UnexpectedAlertPresentException, WebDriverException

        try:
            self.collect_audit()
        except UnexpectedAlertPresentException as error:  # WebDriver dismissed it: note it
            self.problems.append(f"a dialog no test expected: {error.alert_text}")
            self.collect_audit()
        self.js("window.__efLeaving = true;")
        go()  # page load strategy "none": returns at once
        deadline = time.monotonic() + PAGE_LOAD_TIMEOUT_S
        while True:
            try:
                if self.js(f"if (window.__efLeaving) return false; {AUDIT} return true;"):
                    return
            except WebDriverException:  # the old document went away while asked
                pass
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.driver.current_url} did not load within {PAGE_LOAD_TIMEOUT_S} s"
                )
            time.sleep(0.02)  # the interval between two polls

    def collect_audit(self) -> None:
        """The current page's CSP violations, uncaught errors and outside resources, if any."""
        if not self.driver.current_url.startswith(self.site_url):
            return
        where = self.driver.current_url.removeprefix(self.site_url) or "/"
        found = self.driver.execute_script(
            "if (window.__efAudited) return null; window.__efAudited = true;"
            "const a = window.__efWebKit || {violations: [], errors: []};"
            "return {violations: a.violations, errors: a.errors, injected: !!window.__efWebKit,"
            "        python: a.python};"
        )
        if found is None:  # this page was audited already (by the test before)
            return
        outside = self.driver.execute_script(OUTSIDE)
        if not found["injected"]:
            self.problems.append(f"{where}: the audit was not injected")
        elif found["python"] not in ("", "loading", None):
            self.problems.append(f"{where}: the audit came after Python started")
        self.problems += [f"{where}: CSP violation: {v}" for v in found["violations"]]
        self.problems += [f"{where}: uncaught error: {e}" for e in found["errors"]]
        self.problems += [f"{where}: loaded from outside: {url}" for url in outside]

    # -- Waiting -----------------------------------------------------------------------------

    def wait_until(self, condition: str, what: str, timeout_s: float = 15) -> object:
        """Poll `condition` (a JS expression) in the page until it is truthy; its value."""
        self.driver.set_script_timeout(timeout_s + 10)
        value = self.driver.execute_async_script(
            f"""const done = arguments[arguments.length - 1];
            const start = performance.now();
            const poll = () => {{
              let value = null;
              try {{ value = ({condition}); }} catch (error) {{ value = null; }}
              if (value) return done(value);
              if (performance.now() - start > {timeout_s * 1000}) return done(null);
              setTimeout(poll, 25);
            }};
            poll();"""
        )
        if not value:
            status = self.text(f"#{contract.STATUS}") if self.exists(f"#{contract.STATUS}") else ""
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what} ({status!r})")
        return value

    def wait_for_python(self) -> None:
        """Until the status leaves "loading"; a start-up failure fails at once, with its text."""
        state = self.wait_until(
            f"document.getElementById('{contract.STATUS}').dataset.state !== 'loading' && "
            f"document.getElementById('{contract.STATUS}').dataset.state",
            "Python to start",
            PYTHON_READY_TIMEOUT_MS / 1000,
        )
        assert state == "ready", self.text(f"#{contract.STATUS}")

    def wait_for_text(self, selector: str, words: str, timeout_s: float = 15) -> str:
        found = self.wait_until(
            f"(document.querySelector({json.dumps(selector)}) || {{}}).innerText?.includes("
            f"{json.dumps(words)}) && document.querySelector({json.dumps(selector)}).innerText",
            f"{words!r} in {selector}",
            timeout_s,
        )
        return str(found)

    # -- Reading -----------------------------------------------------------------------------

    def js(self, script: str, *args: object) -> object:
        return self.driver.execute_script(script, *args)

    def exists(self, selector: str) -> bool:
        return bool(self.js("return !!document.querySelector(arguments[0])", selector))

    def text(self, selector: str) -> str:
        return self.js("return document.querySelector(arguments[0]).innerText", selector)

    def html(self, selector: str) -> str:
        return self.js(
            "const e = document.querySelector(arguments[0]); return e ? e.innerHTML : null",
            selector,
        )

    def attribute(self, selector: str, name: str) -> str | None:
        return self.js("return document.querySelector(arguments[0]).getAttribute(arguments[1])",
                       selector, name)  # fmt: skip

    def visible(self, selector: str) -> bool:
        return bool(
            self.js(
                "const e = document.querySelector(arguments[0]);"
                "return !!e && !e.hidden && e.getClientRects().length > 0",
                selector,
            )
        )

    def read(self) -> dict[str, str]:
        return self.js(f"return ({READ_FORM})();")

    def stored(self) -> dict[str, object]:
        """Everything the origin holds, read in the page and through WebDriver."""
        self.driver.set_script_timeout(20)
        found = self.driver.execute_async_script(
            f"const done = arguments[arguments.length - 1];"
            f"({STORAGE_PROBE})().then(done, (error) => done({{error: `${{error}}`}}));"
        )
        found["driverCookies"] = self.driver.get_cookies()
        return found

    def assert_private(self) -> None:
        stored = self.stored()
        assert stored == NOTHING_STORED, f"something was stored without being asked: {stored}"

    # -- Acting ------------------------------------------------------------------------------

    def click(self, selector: str) -> None:
        """Click through the DOM: Material's fixed header can cover a control in WebKit."""
        self.js(
            "const e = document.querySelector(arguments[0]);"
            "if (!e) throw new Error(`nothing matches ${arguments[0]}`); e.click();",
            selector,
        )

    def type(self, selector: str, text: str, *, replace: bool = False) -> None:
        """Real key presses (WebDriver types a newline as the Enter key); `replace` empties
        the field first."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        element = self.driver.find_element(By.CSS_SELECTOR, selector)
        if replace:
            element.clear()
        element.send_keys(text.replace("\n", Keys.ENTER))

    def fill(self, worksheet: Worksheet, answers: dict[str, str]) -> None:
        """Give every answer, from the declaration: the first free-text field by real key
        presses (newlines too); the rest set as a paste or a picker would, in one script,
        each with its input and change events (typing all of it costs a minute)."""
        steps = list(controls(worksheet, answers))
        textareas = {f"#{field_dom_id(f.id)}" for f in worksheet.fields() if f.kind == "text"}
        typed = next((s for s in steps if s[0] == "type" and s[1] in textareas), None)
        if typed is not None:
            self.type(typed[1], typed[2])
        self.js(
            """for (const [how, selector, value] of arguments[0]) {
              const control = document.querySelector(selector);
              if (!control) throw new Error(`nothing matches ${selector}`);
              if (how === "check") { if (!control.checked) control.click(); continue; }
              control.focus();
              control.value = value;
              control.dispatchEvent(new InputEvent("input", {bubbles: true, data: value,
                                                             inputType: "insertFromPaste"}));
              control.dispatchEvent(new Event("change", {bubbles: true}));
            }""",
            [list(s) for s in steps if s is not typed],
        )

    def accept_dialog(self, words: str, timeout_s: float = 15) -> str:
        """Accept the confirm() the page opened, which must contain `words`; its text.

        Any dialog no test expects is dismissed by WebDriver and fails the next command."""
        from selenium.common.exceptions import NoAlertPresentException

        deadline = time.monotonic() + timeout_s
        while True:
            try:
                alert = self.driver.switch_to.alert
                text = alert.text
                break
            except NoAlertPresentException:
                if time.monotonic() > deadline:
                    raise AssertionError(f"no dialog within {timeout_s} s") from None
                time.sleep(0.02)  # the interval between two polls
        assert words in text, text
        alert.accept()
        return text

    def upload(self, selector: str, path: Path) -> None:
        """Choose a file in a file input, as its picker would (WebDriver sends the path)."""
        from selenium.webdriver.common.by import By

        self.driver.find_element(By.CSS_SELECTOR, selector).send_keys(str(path))

    def download(self, action: str, timeout_s: float = 15) -> tuple[str, str]:
        """Click a download button; the file's name and text, taken from its Blob in the page."""
        count = self.js("return window.__efWebKit.files.length")
        self.click(f'[data-action="{action}"]')
        file = self.wait_until(
            f"window.__efWebKit.files.length > {count} && "
            f"window.__efWebKit.files[{count}].text !== null && window.__efWebKit.files[{count}]",
            f"the page to hand over a file for {action}",
            timeout_s,
        )
        assert file["href"] == "blob", f"{action}: the download link is not a blob: {file}"
        return file["name"], file["text"]


@pytest.fixture
def webkit(
    request: pytest.FixtureRequest, webkit_driver: object, site_url: str
) -> Iterator[WebKitPage]:
    """The WebKit window for one test: audited on each page it leaves and at the end, then
    its origin's storage cleared for the next test."""
    if getattr(request.config.option, "loadgroup", False) and "@" not in request.node.nodeid:
        pytest.fail("--dist=loadgroup did not group this test: WebKit runs in one worker only")
    page = WebKitPage(webkit_driver, site_url)
    started = time.monotonic()
    yield page
    page.collect_audit()
    if webkit_driver.current_url.startswith(site_url):
        webkit_driver.set_script_timeout(20)
        error = webkit_driver.execute_async_script(CLEAR_STORAGE)
        assert error is None, f"could not clear storage: {error}"
        webkit_driver.delete_all_cookies()
    assert page.problems == [], f"WebKit audit ({time.monotonic() - started:.0f} s): " + "\n".join(
        page.problems
    )
