"""Measure what a reader waits for: bytes, first paint, and Python ready, cold and warm.

Opens the built site in Debian's Chromium, served on 127.0.0.1, and reports the median of
several runs per page. Each run starts from an empty browser profile (cold cache), then loads
the page again in that same profile (warm cache: a persistent profile keeps the compiled
wasm, a fresh Playwright context would not). A minimal page loading the same runtime with
one line of Python is measured in the same run, since timings on a shared machine drift; the
pages take turns, run after run, so a slow minute slows all of them alike.

The local server compresses as a static host does (site_build.serve: Brotli, on the fly), so
the bytes over the wire are what a reader downloads; the files' own sizes are reported too.
Also reported: the main thread's blocking
time until Python is ready (each long task's time over 50 ms, summed, as Lighthouse's Total
Blocking Time counts it); and how much of the wait is the page's own Python, from PyScript's
`mpy:ready` (the interpreter is up) to the page's `ef-python-ready` mark.

The phone profile, in the same run: a few pages loaded cold in Chromium slowed through the
DevTools protocol (CPU 4x, 9 Mbps down, 1.5 up, 60 ms), beside two bare pages (PyScript with
Pyodide, its standard library as bytecode, and with MicroPython, both from npm), while a key is pressed into the form
every 250 ms until Python is ready. Each key's wait is timed twice: how long the browser took
to acknowledge the key press (it waits for the page's main thread) and the key's Event Timing
`keydown` entry. Readiness is heard through the console, so nothing else calls into the page
while keys are typed (an evaluate() would itself wait for the main thread, and a typist that
polls with it only ever types between long tasks).

Nothing is written into the built site: the pages are served from a temporary folder that
links to the site's files and holds the bench-only pages and the runtimes they load.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar
from urllib.parse import urlparse

from site_build import bytecode
from site_build.chromium import CHROMIUM, CHROMIUM_ARGS
from site_build.runtime import MICROPYTHON_FILES, MICROPYTHON_PACKAGE, PLUGINS_OFF, _relative
from site_build.serve import serve_in_background
from worksheets import contract

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Playwright
    from playwright.sync_api import Page as BrowserPage

REFERENCE = "bench-reference/"

#: Bench-only pages and the runtimes they load, from npm (never part of the built site).
PHONE_DIR = PurePosixPath("bench-phone")
BARE_PYODIDE = f"{PHONE_DIR}/pyodide/"
BARE_MICROPYTHON = f"{PHONE_DIR}/micropython/"
#: What PyScript needs of Pyodide's package (the bare reference page only: the site runs
#: MicroPython), and its standard library, which the bench compiles to bytecode.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
STDLIB_ZIP = "python_stdlib.zip"

#: The worksheets measured on the phone profile by default (words of their paths; "": all
#: nine, as issue 17's goals are for every worksheet).
PHONE_WORKSHEETS = ""
#: A key every 250 ms: a steady typist.
KEY_INTERVAL = 0.25
KEYS = "abcdefghijklmnopqrstuvwxyz"
#: The field typed into: a worksheet form's first text field, or a bare page's one field
#: (not Material's search box, a typed input in a form of its own, earlier on the page).
FIELD = f'#{contract.FORM} textarea, #{contract.FORM} input[type="text"], form input:not([type])'
#: Issue 17's goals on the phone profile, against the bare Pyodide page.
GOAL_RATIO = 0.5
GOAL_KEY_MS = 100.0
#: A long task blocks for what it lasts beyond this (Total Blocking Time).
LONG_TASK_MS = 50.0


@dataclass(frozen=True)
class Throttle:
    """A slower device and network, as the DevTools protocol emulates them."""

    cpu_rate: float
    down_mbps: float
    up_mbps: float
    latency_ms: float

    def network_conditions(self) -> dict[str, float | bool]:
        """`Network.emulateNetworkConditions` parameters (throughputs in bytes per second)."""
        return {
            "offline": False,
            "latency": self.latency_ms,
            "downloadThroughput": self.down_mbps * 1_000_000 / 8,
            "uploadThroughput": self.up_mbps * 1_000_000 / 8,
        }


#: A mid-range phone on mobile data.
PHONE = Throttle(cpu_rate=4, down_mbps=9, up_mbps=1.5, latency_ms=60)

# Runs before the page's own scripts (an init script: the page's CSP does not apply to it):
# records the main thread's long tasks and the moment PyScript's interpreter is up.
OBSERVER = """
window.__efBench = {long: []};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__efBench.long.push([e.startTime, e.duration]);
}).observe({type: "longtask"});
for (const type of ["py", "mpy"]) {
  document.addEventListener(`${type}:ready`, () => performance.mark("ef-bench-py-ready"), true);
}
"""

# The phone profile's additions, in the top page only: the keydown entries of Event Timing
# (it reports those over 16 ms), readiness told through the console (the bench listens, never
# asks), and the field focused as soon as the page is parsed, so the keys go into the form.
PHONE_OBSERVER = """
(() => {
  if (window !== window.top || !location.protocol.startsWith("http")) return;
  const FIELD = $FIELD;
  window.__efBench.keys = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "keydown") window.__efBench.keys.push(e.duration);
  }).observe({type: "event", durationThreshold: 16, buffered: true});
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "ef-python-ready") console.log("ef-bench:ready");
  }).observe({type: "mark"});
  document.addEventListener("readystatechange", () => {
    if (document.readyState !== "interactive") return;
    const field = document.querySelector(FIELD);
    if (field) field.focus();
    console.log(field ? "ef-bench:focused" : "ef-bench:no-field");
  });
})();
""".replace("$FIELD", json.dumps(FIELD))

# Bytes over the wire for the page and everything it loaded, the paint and ready marks, the
# long tasks, and what was loaded (to count what a compressing host would send).
PROBE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const mark = (name) => performance.getEntriesByName(name)[0];
  const paint = mark("first-contentful-paint");
  const ready = mark("ef-python-ready");
  const pyReady = mark("ef-bench-py-ready");
  return {
    bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    paint: paint ? paint.startTime : null,
    ready: ready ? ready.startTime : null,
    own: ready && pyReady ? ready.startTime - pyReady.startTime : null,
    long: window.__efBench.long,
    now: performance.now(),
    urls: [nav.name, ...resources.filter((r) => r.transferSize > 0).map((r) => r.name)],
  };
}"""

# After a phone-profile load: the keys' Event Timing, and whether the typed keys landed.
PHONE_PROBE = """() => {
  const field = document.querySelector($FIELD);
  return {
    keys: window.__efBench.keys || [],
    chars: field ? field.value.length : 0,
    focused: field !== null && document.activeElement === field,
  };
}""".replace("$FIELD", json.dumps(FIELD))


def tasks_before(tasks: Iterable[Sequence[float]], until: float) -> list[float]:
    """The durations of the long tasks (start, duration) that started before `until`."""
    return [float(duration) for start, duration in tasks if start < until]


def total_blocking_time(tasks: Iterable[Sequence[float]], until: float) -> float:
    """Each long task's time over 50 ms, summed, for the tasks started before `until`."""
    return sum(max(0.0, duration - LONG_TASK_MS) for duration in tasks_before(tasks, until))


def longest_task(tasks: Iterable[Sequence[float]], until: float) -> float:
    """The longest task started before `until` (0 when there was none)."""
    return max(tasks_before(tasks, until), default=0.0)


@dataclass
class Sample:
    bytes: int
    paint: float | None
    ready: float | None
    own: float | None = None
    blocking: float = 0.0
    longest: float = 0.0
    urls: list[str] = field(default_factory=list)

    @classmethod
    def from_probe(cls, raw: dict[str, Any]) -> Sample:
        """A sample from PROBE's answer: blocking counted until Python was ready (or until
        now, on a page without Python)."""
        ready = raw["ready"]
        until = float(ready if ready is not None else raw["now"])
        return cls(
            bytes=int(raw["bytes"]),
            paint=raw["paint"],
            ready=ready,
            own=raw["own"],
            blocking=total_blocking_time(raw["long"], until),
            longest=longest_task(raw["long"], until),
            urls=list(raw["urls"]),
        )


@dataclass
class PhoneSample:
    """One cold load on the phone profile, with the keys typed while Python loaded."""

    load: Sample
    #: Per key, in ms: the press until the browser acknowledged it.
    key_acks: list[float] = field(default_factory=list)
    #: Event Timing `keydown` durations, in ms (only those over 16 ms are reported).
    key_events: list[float] = field(default_factory=list)
    #: Characters in the field afterwards, and whether it still had the focus (checks).
    chars: int = 0
    focused: bool = True


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    python: bool


class Row(TypedDict):
    """One page's medians, in milliseconds and bytes (None: never measured)."""

    label: str
    python: bool
    bytes_cold: float | None
    bytes_files: float | None
    bytes_warm: float | None
    paint: float | None
    ready_cold: float | None
    ready_warm: float | None
    own_warm: float | None
    blocking_cold: float | None
    longest_cold: float | None


class PhoneRow(TypedDict):
    """One page's medians on the phone profile, in milliseconds and bytes."""

    label: str
    reference: bool
    worksheet: bool
    bytes: float | None
    bytes_files: float | None
    paint: float | None
    ready: float | None
    blocking: float | None
    longest: float | None
    key_wait: float | None
    key_ack: float | None
    key_event: float | None
    keys: float | None


@dataclass(frozen=True)
class PhoneReport:
    rows: list[PhoneRow]
    runs: int
    throttle: Throttle = PHONE
    interval: float = KEY_INTERVAL


@cache
def file_size(path: Path) -> int:
    return path.stat().st_size


def uncompressed_bytes(site: Path, urls: list[str]) -> int:
    """The sizes of the files behind these same-site URLs, as they are on disk."""
    total = 0
    for url in dict.fromkeys(urls):
        path = site / urlparse(url).path.lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            total += file_size(path)
    return total


# -- The pages served: the site, linked, and the bench-only pages -----------------------------


def mirror_site(site: Path, root: Path) -> None:
    """Link each of the site's top-level files and folders into `root`, which is served in
    its place: the bench's own pages go beside them, never into the built site."""
    root.mkdir(parents=True, exist_ok=True)
    for entry in sorted(site.iterdir()):
        if entry.name in (REFERENCE.strip("/"), PHONE_DIR.name):
            continue  # left over by an older benchmark
        (root / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())


def bare_page(
    title: str, core: str, script_type: str, config: dict[str, Any], before: str = ""
) -> str:
    """A page with one field and one line of Python that marks when it is ready (`before`:
    markup put ahead of the scripts)."""
    config_json = json.dumps(config, separators=(",", ":"))
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title>"
        f"<form><label>Name <input></label></form>{before}"
        f'<script type="module" src="{core}"></script>'
        f"<script type=\"{script_type}\" config='{config_json}'>"
        "import js; js.performance.mark('ef-python-ready')</script>"
    )


def write_reference_page(root: Path) -> None:
    """A bare page with the site's own runtime (PyScript and MicroPython, configured as the
    site configures them: PyScript's unused plugins off, as the site ships none of their
    files) and one line of Python: the floor to compare with."""
    html_dir = root / REFERENCE
    html_dir.mkdir(exist_ok=True)
    micropython = PurePosixPath(
        next(root.glob("runtime/micropython-*/micropython.mjs")).relative_to(root)
    )
    core = PurePosixPath(next(root.glob("runtime/pyscript-*/core.js")).relative_to(root))
    config = {"interpreter": _relative(micropython, REFERENCE), **PLUGINS_OFF}
    py_config = f"<py-config type=json hidden>{json.dumps(PLUGINS_OFF)}</py-config>"
    (html_dir / "index.html").write_text(
        bare_page("Reference", _relative(core, REFERENCE), "mpy", config, py_config),
        encoding="utf-8",
    )


@dataclass(frozen=True)
class Versions:
    pyscript: str
    pyodide: str
    micropython: str


def _package_version(package: Path) -> str:
    return str(json.loads((package / "package.json").read_text(encoding="utf-8"))["version"])


def write_phone_pages(root: Path, modules: Path, stdlib: bytes | None = None) -> Versions:
    """The two bare pages of the phone profile, each with its runtime copied from the pinned
    npm packages (only the files a page loads): PyScript with Pyodide, and PyScript with
    MicroPython (`<script type="mpy">`).

    `stdlib`, if given, stands in for Pyodide's `python_stdlib.zip` (main() gives it compiled
    to bytecode, as the site shipped it when issue 17 measured this page), so the reference
    stays put whatever the site's own runtime becomes."""
    pyodide_src = modules / "pyodide"
    pyscript_src = modules / "@pyscript" / "core"
    micropython_src = modules / MICROPYTHON_PACKAGE
    for package in (pyodide_src, pyscript_src, micropython_src):
        if not (package / "package.json").is_file():
            raise SystemExit(f"{package} is missing: install the pinned runtime with `npm ci`")
    versions = Versions(
        pyscript=_package_version(pyscript_src),
        pyodide=_package_version(pyodide_src),
        micropython=_package_version(micropython_src),
    )
    runtime = PHONE_DIR / "runtime"
    copies: list[tuple[Path, PurePosixPath, Iterable[str]]] = [
        (pyodide_src, runtime / f"pyodide-{versions.pyodide}", PYODIDE_FILES),
        (
            pyscript_src / "dist",
            runtime / f"pyscript-{versions.pyscript}",
            sorted(
                path.name
                for path in (pyscript_src / "dist").iterdir()
                if path.suffix in (".js", ".css") and path.name != "service-worker.js"
            ),
        ),
        (micropython_src, runtime / f"micropython-{versions.micropython}", MICROPYTHON_FILES),
    ]
    for source, target, names in copies:
        (root / target).mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy2(source / name, root / target / name)
    if stdlib is not None:
        (root / runtime / f"pyodide-{versions.pyodide}" / STDLIB_ZIP).write_bytes(stdlib)
    core = runtime / f"pyscript-{versions.pyscript}" / "core.js"
    pages = [
        (BARE_PYODIDE, "py", runtime / f"pyodide-{versions.pyodide}" / "pyodide.mjs"),
        (
            BARE_MICROPYTHON,
            "mpy",
            runtime / f"micropython-{versions.micropython}" / "micropython.mjs",
        ),
    ]
    for page_url, script_type, interpreter in pages:
        config = {"interpreter": _relative(interpreter, page_url)}
        if script_type == "py":
            config["packages_cache"] = "never"  # as the site's pages: nothing cached
        (root / page_url).mkdir(parents=True, exist_ok=True)
        (root / page_url / "index.html").write_text(
            bare_page("Bare page", _relative(core, page_url), script_type, config),
            encoding="utf-8",
        )
    return versions


# -- Measuring ---------------------------------------------------------------------------------


def measure(playwright: Playwright, url: str, python: bool) -> tuple[Sample, Sample]:
    """One cold load in an empty profile, then one warm load in the same profile."""
    profile = tempfile.mkdtemp(prefix="ef-bench-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context.add_init_script(OBSERVER)
        page = context.new_page()
        samples = []
        for _ in ("cold", "warm"):
            page.goto("about:blank")
            page.goto(url)
            deadline = time.monotonic() + 120
            while python and page.evaluate(PROBE)["ready"] is None:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"Python never became ready on {url}")
                time.sleep(0.05)
            page.wait_for_load_state("load")
            if not python:
                page.wait_for_timeout(500)  # the search index, fetched after load
            samples.append(Sample.from_probe(page.evaluate(PROBE)))
        context.close()
        return samples[0], samples[1]
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def next_key_time(start: float, now: float, interval: float) -> float:
    """The next tick of a clock started at `start`, at or after `now`: a key whose tick
    passed while an earlier key was still waiting is not pressed late, the clock goes on."""
    return start + max(0, math.ceil((now - start) / interval)) * interval


def worst_key_wait(acks: Sequence[float], events: Sequence[float]) -> float | None:
    """The longest any key waited, by either measure (None when no key was pressed)."""
    return max([*acks, *events], default=None)


def type_until(
    page: BrowserPage,
    done: Callable[[], bool],
    deadline: float,
    interval: float = KEY_INTERVAL,
    clock: Callable[[], float] = time.monotonic,
) -> list[float]:
    """Press a key every `interval` seconds until `done()`; each press's wait, in ms.

    Between keys it only waits (a timer in Playwright's driver, which also delivers the
    page's console messages): nothing else calls into the page."""
    acks: list[float] = []
    start = due = clock()
    while True:
        now = clock()
        if now < due:
            page.wait_for_timeout((due - now) * 1000)
        if done():
            return acks
        if clock() > deadline:
            raise TimeoutError("Python never became ready")
        pressed = clock()
        page.keyboard.press(KEYS[len(acks) % len(KEYS)])
        acks.append((clock() - pressed) * 1000)
        due = next_key_time(start, clock(), interval)


def wait_to_hear(page: BrowserPage, heard: set[str], wanted: set[str], deadline: float) -> None:
    """Wait, without calling into the page, until one of `wanted` was logged to the console."""
    while not heard & wanted:
        if time.monotonic() > deadline:
            raise TimeoutError(f"never heard {sorted(wanted)} from {page.url}")
        page.wait_for_timeout(20)


def measure_phone(
    playwright: Playwright,
    url: str,
    throttle: Throttle = PHONE,
    interval: float = KEY_INTERVAL,
    timeout: float = 180.0,
) -> PhoneSample:
    """One cold load in an empty profile on the throttled device, typing while Python loads."""
    profile = tempfile.mkdtemp(prefix="ef-bench-phone-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context.add_init_script(OBSERVER + PHONE_OBSERVER)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle.cpu_rate})
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", throttle.network_conditions())
            heard: set[str] = set()

            def listen(message: ConsoleMessage) -> None:
                if message.text.startswith("ef-bench:"):
                    heard.add(message.text)

            page.on("console", listen)
            deadline = time.monotonic() + timeout
            page.goto(url, wait_until="commit")
            wait_to_hear(page, heard, {"ef-bench:focused", "ef-bench:no-field"}, deadline)
            if "ef-bench:no-field" in heard:
                raise RuntimeError(f"no text field to type into on {url}")
            acks = type_until(page, lambda: "ef-bench:ready" in heard, deadline, interval)
            page.wait_for_load_state("load")
            page.wait_for_timeout(500)  # the last keys' Event Timing entries
            load = Sample.from_probe(page.evaluate(PROBE))
            keys = page.evaluate(PHONE_PROBE)
        finally:
            context.close()
        return PhoneSample(
            load=load,
            key_acks=acks,
            key_events=[float(duration) for duration in keys["keys"]],
            chars=int(keys["chars"]),
            focused=bool(keys["focused"]),
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


T = TypeVar("T")


def again_if_crashed(label: str, measure_once: Callable[[], T]) -> T:
    """One measurement; a renderer that crashed (it happens on a loaded machine) is measured
    again once, in a new profile, rather than losing the whole run."""
    from playwright.sync_api import Error

    try:
        return measure_once()
    except Error as error:
        if "crashed" not in str(error):
            raise
        print(f"{label}: the renderer crashed, measuring again", flush=True)
        return measure_once()


# -- Summing up --------------------------------------------------------------------------------


def median(values: Iterable[float | None]) -> float | None:
    """The median of the values measured (None: none was)."""
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1000:.2f} s"


def millis(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"


def kilobytes(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1024:,.0f} KB"


def ratio(ours: float | None, reference: float | None) -> str:
    return "n/a" if not ours or not reference else f"{ours / reference:.2f}"


def summarise(page: Page, runs: list[tuple[Sample, Sample]], site: Path) -> Row:
    cold = [c for c, _ in runs]
    warm = [w for _, w in runs]
    return {
        "label": page.label,
        "python": page.python,
        "bytes_cold": median([s.bytes for s in cold]),
        "bytes_files": median([uncompressed_bytes(site, s.urls) for s in cold]),
        "bytes_warm": median([s.bytes for s in warm]),
        "paint": median([s.paint for s in cold]),
        "ready_cold": median([s.ready for s in cold]),
        "ready_warm": median([s.ready for s in warm]),
        "own_warm": median([s.own for s in warm]),
        "blocking_cold": median([s.blocking for s in cold]),
        "longest_cold": median([s.longest for s in cold]),
    }


def summarise_phone(page: Page, runs: list[PhoneSample], site: Path) -> PhoneRow:
    """Medians over the runs; per run, the worst key by either measure (an Event Timing
    entry is missing for a key answered within 16 ms: 0 stands for it)."""
    loads = [run.load for run in runs]
    return {
        "label": page.label,
        "reference": page.path == BARE_PYODIDE,
        "worksheet": page.path.startswith("worksheets/"),
        "bytes": median([s.bytes for s in loads]),
        "bytes_files": median([uncompressed_bytes(site, s.urls) for s in loads]),
        "paint": median([s.paint for s in loads]),
        "ready": median([s.ready for s in loads]),
        "blocking": median([s.blocking for s in loads]),
        "longest": median([s.longest for s in loads]),
        "key_wait": median([worst_key_wait(run.key_acks, run.key_events) for run in runs]),
        "key_ack": median([max(run.key_acks, default=None) for run in runs]),
        "key_event": median(
            [max(run.key_events, default=0.0) if run.key_acks else None for run in runs]
        ),
        "keys": median([len(run.key_acks) for run in runs]),
    }


def _spread(values: list[float], show: Callable[[float], str]) -> str:
    low, high = show(min(values)), show(max(values))
    return low if low == high else f"{low} to {high}"


def phone_goals(rows: list[PhoneRow]) -> list[str]:
    """Issue 17's three goals, checked on each worksheet against the bare Pyodide page."""
    reference = next((row for row in rows if row["reference"]), None)
    worksheets = [row for row in rows if row["worksheet"]]
    if reference is None or not worksheets:
        return []
    ref_ready, ref_bytes = reference["ready"], reference["bytes"]
    times = [r["ready"] / ref_ready for r in worksheets if r["ready"] and ref_ready]
    sizes = [r["bytes"] / ref_bytes for r in worksheets if r["bytes"] and ref_bytes]
    keys = [r["key_wait"] for r in worksheets if r["key_wait"] is not None]
    n = len(worksheets)
    lines = []
    if times:
        met = sum(t <= GOAL_RATIO for t in times)
        lines.append(
            f"- Python ready on the worksheets at {_spread(times, '{:.2f}'.format)} times the bare "
            f"Pyodide page's {seconds(ref_ready)}; the goal is at most {GOAL_RATIO:.2f}: "
            f"met on {met} of {n}."
        )
    if sizes:
        met = sum(s <= GOAL_RATIO for s in sizes)
        lines.append(
            f"- Bytes sent on a first visit: {_spread(sizes, '{:.2f}'.format)} times its "
            f"{kilobytes(ref_bytes)}; the goal is at most {GOAL_RATIO:.2f}: met on {met} of {n}."
        )
    if keys:
        met = sum(k <= GOAL_KEY_MS for k in keys)
        lines.append(
            f"- Worst keystroke wait while Python loads: {_spread(keys, millis)}; the goal is at "
            f"most {millis(GOAL_KEY_MS)}: met on {met} of {n}."
        )
    return lines


def phone_section(phone: PhoneReport) -> list[str]:
    t = phone.throttle
    reference = next((row for row in phone.rows if row["reference"]), None)
    lines = [
        "## On a phone",
        "",
        f"The same run, each page loaded cold (an empty profile), median of {phone.runs} runs, in",
        "Chromium slowed through the DevTools protocol as a mid-range phone on mobile data: the",
        f"CPU {t.cpu_rate:g}x slower (`Emulation.setCPUThrottlingRate`), the network held to "
        f"{t.down_mbps:g} Mbps",
        f"down, {t.up_mbps:g} up and {t.latency_ms:g} ms latency "
        "(`Network.emulateNetworkConditions`), from the same",
        "Brotli-compressing server. *Form usable* is the first paint (the form is plain HTML).",
        f"From the moment the page is parsed until Python is ready, a key is pressed every "
        f"{phone.interval * 1000:.0f} ms",
        "into its first text field (a key whose turn came while an earlier one still waited is",
        "skipped, as a clock would); *worst keystroke wait* is the longest any key waited, by the",
        "larger of two measures: the time the browser took to acknowledge the key press (it",
        "waits for the page's main thread) and the key's Event Timing `keydown` duration (until",
        "the next paint). Readiness is heard through the console: nothing else calls into the",
        "page while keys are typed. *Blocking* counts long tasks until Python is ready, as",
        "above. *vs bare Pyodide* divides Python ready, then bytes sent, by the bare page",
        "measured in the same run: PyScript and Pyodide from npm (the standard library compiled",
        "to bytecode, as the site shipped it when issue 17 measured this page), one field, one",
        "line of Python. The bare MicroPython page is the same with PyScript's other interpreter",
        '(`<script type="mpy">`, npm\'s MicroPython build for PyScript), served for the benchmark',
        "only: no page of the site loads it.",
        "",
        "| Page | Sent | Form usable | Python ready | vs bare Pyodide, time / bytes "
        "| Blocking (TBT) | Longest task | Worst keystroke wait (keys typed) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in phone.rows:
        ratios = "n/a"
        if reference is not None:
            ratios = (
                f"{ratio(row['ready'], reference['ready'])} / "
                f"{ratio(row['bytes'], reference['bytes'])}"
            )
        keys = "n/a" if row["keys"] is None else f"{row['keys']:g}"
        lines.append(
            f"| {row['label']} | {kilobytes(row['bytes'])} | {seconds(row['paint'])} "
            f"| {seconds(row['ready'])} | {ratios} | {millis(row['blocking'])} "
            f"| {millis(row['longest'])} | {millis(row['key_wait'])} ({keys}) |"
        )
    goals = phone_goals(phone.rows)
    if goals:
        lines += ["", "Issue 17's goals, on this profile:", "", *goals]
    lines += [
        "",
        "The worst keystroke wait by each measure, acknowledged / Event Timing (medians of each",
        "run's worst key):",
        "",
    ]
    lines += [
        f"- {row['label']}: {millis(row['key_ack'])} / {millis(row['key_event'])}"
        for row in phone.rows
    ]
    return lines


def report(rows: list[Row], runs: int, phone: PhoneReport | None = None) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}: Debian Chromium, headless, the built",
        f"site served on 127.0.0.1, median of {runs} runs, the pages taking turns run after run.",
        "*Cold*: an empty browser profile. *Warm*: the same page loaded again in that profile.",
        "*Sent*: bytes over the wire from a server that compresses text as static hosts do",
        "(Brotli); *files*: the same files' sizes on disk. *First paint* is when the page, and a",
        "worksheet's form (plain HTML, usable at once) with the preview of the untouched form,",
        "first shows. *Python ready* is when the worksheet's live preview, downloads and import",
        "work (the preview's renderer, worksheets.markup, loads just after). *Own Python* is the",
        "part of that wait after the interpreter is up (PyScript's `mpy:ready`): PyScript's own",
        "start-up, our modules importing and the page's set-up. *Blocking* is the",
        "main thread's long tasks until Python is ready, each counted over 50 ms (Total Blocking",
        "Time), with the longest single task. *vs minimal* divides by the minimal page measured in",
        "the same run: the same runtime (PyScript and MicroPython) and one line of Python, the",
        "floor any page here can reach.",
        "",
    ]
    if rows:
        lines += desktop_section(rows)
    if phone is not None and phone.rows:
        lines += ["", *phone_section(phone)]
    return "\n".join(lines) + "\n"


def desktop_section(rows: list[Row]) -> list[str]:
    reference = rows[-1]
    lines = [
        "| Page | Sent, cold | Files | Sent, warm | First paint | Python ready, cold | Python ready, warm | vs minimal, cold / warm | Own Python, warm | Blocking, cold (longest task) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratios = "n/a"
        if row["python"]:
            ratio_cold = ratio(row["ready_cold"], reference["ready_cold"])
            ratios = f"{ratio_cold} / {ratio(row['ready_warm'], reference['ready_warm'])}"
        lines.append(
            f"| {row['label']} | {kilobytes(row['bytes_cold'])} | {kilobytes(row['bytes_files'])} "
            f"| {kilobytes(row['bytes_warm'])} | {seconds(row['paint'])} "
            f"| {seconds(row['ready_cold'])} | {seconds(row['ready_warm'])} | {ratios} "
            f"| {millis(row['own_warm'])} "
            f"| {millis(row['blocking_cold'])} ({millis(row['longest_cold'])}) |"
        )
    worksheets = [r for r in rows[:-1] if r["python"]]
    guides = [r for r in rows if not r["python"]]
    # Times the minimal page's, where both were measured (a page that never got ready has none).
    ref_cold, ref_warm = reference["ready_cold"], reference["ready_warm"]
    cold = [r["ready_cold"] / ref_cold for r in worksheets if r["ready_cold"] and ref_cold]
    warm = [r["ready_warm"] / ref_warm for r in worksheets if r["ready_warm"] and ref_warm]
    lines += [
        "",
        "## In short",
        "",
        f"- The minimal page: Python ready in {seconds(reference['ready_cold'])} cold and "
        f"{seconds(reference['ready_warm'])} warm, {kilobytes(reference['bytes_cold'])} sent "
        f"({kilobytes(reference['bytes_files'])} of files), "
        f"{millis(reference['blocking_cold'])} blocking.",
    ]
    if worksheets and cold and warm:
        lines.append(
            f"- Worksheet pages: Python ready at {min(cold):.2f} to {max(cold):.2f} times the "
            f"minimal page cold (median {statistics.median(cold):.2f}), {min(warm):.2f} to "
            f"{max(warm):.2f} warm (median {statistics.median(warm):.2f}): with Pyodide the "
            "runtime's 8 MB dominated and the goal was within 1.10; MicroPython's minimal page "
            "is so quick that the ratio now shows the page's own costs (Material, the form, our "
            f"modules). Their own Python takes {millis(min(r['own_warm'] or 0 for r in worksheets))} "
            f"to {millis(max(r['own_warm'] or 0 for r in worksheets))} of that, warm; first "
            f"paint {seconds(min(r['paint'] or 0 for r in worksheets))} to "
            f"{seconds(max(r['paint'] or 0 for r in worksheets))}."
        )
    for row in guides:
        lines.append(
            f"- {row['label']}: {kilobytes(row['bytes_cold'])} sent compressed "
            f"({kilobytes(row['bytes_files'])} of files; budget 300 KB, tests/build/test_budget.py), "
            f"first paint {seconds(row['paint'])}, no Python."
        )
    return lines


def pick(pages: list[Page], words: str) -> list[Page]:
    """The pages whose path holds one of these comma-separated words (all, for none)."""
    wanted = [word for word in words.split(",") if word]
    return [page for page in pages if not wanted or any(word in page.path for word in wanted)]


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--node-modules", type=Path, default=Path("node_modules"))
    parser.add_argument("--runs", type=int, default=5, help="desktop runs (0: none)")
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated words; measure only pages whose path holds one (the reference stays)",
    )
    parser.add_argument("--phone-runs", type=int, default=5, help="phone runs (0: none)")
    parser.add_argument(
        "--phone-only",
        default=PHONE_WORKSHEETS,
        help="comma-separated words: the worksheets on the phone profile ('': all of them)",
    )
    args = parser.parse_args()

    import worksheets

    guides = [
        Page("Home (guide page)", "", False),
        Page("The seven patterns (guide page)", "guide/patterns/", False),
    ]
    sheets = [
        Page(f"{ws.title} (worksheet)", f"worksheets/{ws.id}/", True)
        for ws in worksheets.catalogue().values()
    ]
    pages = pick(guides + sheets, args.only)
    pages.append(Page("Minimal runtime page (reference)", REFERENCE, True))

    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="ef-bench-site-"))
    mirror_site(args.site, root)
    # The bare Pyodide page's standard library as bytecode, compiled (and cached) as the
    # site's build does: the page as issue 17 measured it, whatever the site ships now.
    sources = args.node_modules / "pyodide" / STDLIB_ZIP
    stdlib = None
    if sources.is_file():
        stdlib = bytecode.compile_zips(
            sources.parent, {"stdlib": sources.read_bytes()}, Path(".cache") / "bytecode"
        )["stdlib"]
    versions = write_phone_pages(root, args.node_modules, stdlib)
    write_reference_page(root)
    phone_pages = [
        Page(
            f"Bare PyScript {versions.pyscript} + Pyodide {versions.pyodide} (reference)",
            BARE_PYODIDE,
            True,
        ),
        Page(
            f"Bare PyScript {versions.pyscript} + MicroPython {versions.micropython}",
            BARE_MICROPYTHON,
            True,
        ),
        *pick(sheets, args.phone_only),
    ]
    server, base = serve_in_background(root)
    samples: dict[Page, list[tuple[Sample, Sample]]] = {page: [] for page in pages}
    phone: dict[Page, list[PhoneSample]] = {page: [] for page in phone_pages}
    try:
        with sync_playwright() as playwright:
            for run in range(max(args.runs, args.phone_runs)):
                for page in pages if run < args.runs else []:
                    url = base + page.path
                    samples[page].append(
                        again_if_crashed(page.label, partial(measure, playwright, url, page.python))
                    )
                for page in phone_pages if run < args.phone_runs else []:
                    url = base + page.path
                    sample = again_if_crashed(page.label, partial(measure_phone, playwright, url))
                    if sample.chars != len(sample.key_acks) or not sample.focused:
                        print(
                            f"{page.label}: {len(sample.key_acks)} keys typed, "
                            f"{sample.chars} in the field, focused: {sample.focused}",
                            flush=True,
                        )
                    phone[page].append(sample)
                print(f"run {run + 1} done, {time.monotonic() - started:.0f} s", flush=True)
        # Summed up while the bench's own pages are still there (their files are counted).
        rows = [summarise(page, samples[page], root) for page in pages] if args.runs else []
        phone_rows = [summarise_phone(page, phone[page], root) for page in phone_pages]
    finally:
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)

    for row in [*rows, *phone_rows]:
        print(row, flush=True)
    phone_report = PhoneReport(phone_rows, args.phone_runs) if args.phone_runs else None
    args.out.write_text(report(rows, args.runs, phone_report), encoding="utf-8")
    print(f"wrote {args.out} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
