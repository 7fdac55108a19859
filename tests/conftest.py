"""Shared fixtures: one strict build, one local server and one Chromium for the whole run.

Every browser context a test opens is audited when it closes: every request must have gone
to the local server, no page may break its Content-Security-Policy, and nothing may be left
in cookies or storage. A test that needs more than that asserts it itself; none can forget
the privacy promise.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_build.chromium import CHROMIUM, CHROMIUM_ARGS
from site_build.runtime import MICROPYTHON_PACKAGE

from worksheet_driver import NOTHING_STORED_IN_PAGE

ROOT = Path(__file__).resolve().parent.parent
#: The page's interpreter, as the site ships it, and what runs it in Node for the tests.
MICROPYTHON = ROOT / "node_modules" / MICROPYTHON_PACKAGE / "micropython.mjs"
MICROPYTHON_RUNNER = ROOT / "tests" / "portable" / "run_micropython.mjs"


@pytest.fixture(scope="session")
def micropython(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., str]:
    """Runs Python source in MicroPython 1.27, the page's interpreter (Node running the very
    micropython.mjs the site serves), with a `worksheets` package importable (`package`: a
    folder of its .py or .mpy files) and `data` readable as /app/input.json; returns what
    it printed. Its tracebacks go to stderr, shown when a test fails."""
    node = shutil.which("node")
    if node is None or not MICROPYTHON.is_file():
        pytest.fail("Node.js and the npm runtime are needed: `make test` installs both")

    def run(source: str, package: Path = ROOT / "worksheets", data: object = None) -> str:
        command = [node, str(MICROPYTHON_RUNNER), str(MICROPYTHON), str(package)]
        if data is not None:
            path = tmp_path_factory.mktemp("micropython") / "input.json"
            # Characters as they are: MicroPython reads a "\ud83d\ude00" escape as two halves.
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            command.append(str(path))
        done = subprocess.run(command, input=source, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        sys.stderr.write(done.stderr)
        return done.stdout

    return run


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site built once, strictly, into a temporary folder (never the developer's site/).

    The test workers (pytest-xdist, `-n` in pyproject.toml) share one build: the first to
    get here builds while the others wait on the lock, then all serve the same files.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target, log_file = shared / "site", shared / "site.log"
    with (shared / "site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log_file.exists():
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                check=False,
            )
            status = "built" if result.returncode == 0 else "failed"
            log_file.write_text(f"{status}\n{result.stdout}{result.stderr}", encoding="utf-8")
    status, _, log = log_file.read_text(encoding="utf-8").partition("\n")
    if status != "built":
        pytest.fail(f"mkdocs build --strict failed:\n{log}")
    return BuiltSite(target, log)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The built site served on 127.0.0.1 for the whole session."""
    from site_build.serve import serve_in_background

    server, url = serve_in_background(built_site.path)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


# Reads what a page could have stored in its origin, from inside the page.
STORAGE_PROBE = """async () => ({
  cookies: document.cookie,
  localStorage: Object.keys(localStorage),
  sessionStorage: Object.keys(sessionStorage),
  indexedDB: (await indexedDB.databases()).map((db) => db.name),
  caches: await caches.keys(),
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
})"""


# Runs before any page script (Playwright's init scripts are not subject to the page's CSP):
# reports every Content-Security-Policy violation to the console, where the audit reads it.
CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`securitypolicyviolation: ${event.violatedDirective} ${event.blockedURI}`);
}, true);"""


def _is_csp_violation(text: str) -> bool:
    # Chromium's own report ("...violates the following Content Security Policy...") and ours.
    return text.startswith("securitypolicyviolation:") or "Content Security Policy" in text


@dataclass
class Audited:
    """A browser context whose every request is recorded, for the privacy audit."""

    context: object
    site_url: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    #: Outside addresses a test intercepted and answered itself: they never left the machine.
    fulfilled: set[str] = field(default_factory=set)
    outside_headers: list[dict[str, str]] = field(default_factory=list)

    def fulfil_locally(self, url: str, body: str) -> None:
        """Answer requests for `url` with `body` here, so a navigation out can be tested."""

        def answer(route: object) -> None:
            self.fulfilled.add(route.request.url)
            self.outside_headers.append(route.request.headers)
            route.fulfill(status=200, content_type="text/html", body=body)

        self.context.route(url, answer)

    def new_page(self) -> object:
        page = self.context.new_page()
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def on_console(self, message: object) -> None:
        if _is_csp_violation(message.text):
            self.csp_violations.append(message.text)

    def _on_dialog(self, dialog: object) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        # Our dialogs: "replace your answers?" on import, and the leave-page prompt for unsaved
        # answers; tests that meet them accept.
        dialog.accept()

    def outside_requests(self) -> list[str]:
        local = ("blob:", "data:", self.site_url)
        return [
            url for url in self.requests if not url.startswith(local) and url not in self.fulfilled
        ]

    def stored(self, page: object) -> dict[str, object]:
        """Everything the origin holds: read in the page and from the browser's own state."""
        found = page.evaluate(STORAGE_PROBE)
        state = self.context.storage_state(indexed_db=True)
        found["contextCookies"] = state["cookies"]
        found["origins"] = [
            o for o in state["origins"] if o.get("localStorage") or o.get("indexedDB")
        ]
        return found

    def assert_private(self, page: object | None = None) -> None:
        assert self.outside_requests() == [], "requests left the local server"
        if page is not None:
            stored = self.stored(page)
            nothing = {**NOTHING_STORED_IN_PAGE, "contextCookies": [], "origins": []}
            assert stored == nothing, f"something was stored without being asked: {stored}"


def _audited_context(browser: object, site_url: str) -> Iterator[Audited]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    session = Audited(context, site_url)
    context.on("request", lambda request: session.requests.append(request.url))
    context.add_init_script(CSP_LISTENER)
    context.on("console", session.on_console)
    yield session
    outside = session.outside_requests()
    context.close()
    assert outside == [], f"requests left the local server: {outside}"
    assert session.errors == [], f"uncaught errors in the page: {session.errors}"
    assert session.csp_violations == [], (
        f"Content-Security-Policy violations: {session.csp_violations}"
    )


@pytest.fixture
def audited(browser: object, site_url: str) -> Iterator[Audited]:
    """A fresh browser context; on teardown, no request may have left 127.0.0.1."""
    yield from _audited_context(browser, site_url)


@pytest.fixture(scope="module")
def module_audited(browser: object, site_url: str) -> Iterator[Audited]:
    """One audited context shared by a module's tests, where a fresh Python per test buys nothing."""
    yield from _audited_context(browser, site_url)


@pytest.fixture
def page(audited: Audited) -> object:
    return audited.new_page()
