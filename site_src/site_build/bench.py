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
`py:ready` (the interpreter is up) to the page's `ef-python-ready` mark.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from site_build.chromium import CHROMIUM, CHROMIUM_ARGS
from site_build.runtime import _relative
from site_build.serve import serve_in_background

REFERENCE = "bench-reference/"

# Runs before the page's own scripts (an init script: the page's CSP does not apply to it):
# records the main thread's long tasks and the moment PyScript's interpreter is up.
OBSERVER = """
window.__efBench = {long: []};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__efBench.long.push([e.startTime, e.duration]);
}).observe({type: "longtask"});
document.addEventListener("py:ready", () => performance.mark("ef-bench-py-ready"), true);
"""

# Bytes over the wire for the page and everything it loaded, the paint and ready marks, the
# long tasks before ready, and what was loaded (to count what a compressing host would send).
PROBE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const mark = (name) => performance.getEntriesByName(name)[0];
  const paint = mark("first-contentful-paint");
  const ready = mark("ef-python-ready");
  const pyReady = mark("ef-bench-py-ready");
  const until = ready ? ready.startTime : performance.now();
  const long = window.__efBench.long.filter(([start]) => start < until);
  return {
    bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    paint: paint ? paint.startTime : null,
    ready: ready ? ready.startTime : null,
    own: ready && pyReady ? ready.startTime - pyReady.startTime : null,
    blocking: long.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
    longest: long.reduce((max, [, d]) => Math.max(max, d), 0),
    urls: [nav.name, ...resources.filter((r) => r.transferSize > 0).map((r) => r.name)],
  };
}"""


@dataclass
class Sample:
    bytes: int
    paint: float | None
    ready: float | None
    own: float | None = None
    blocking: float = 0.0
    longest: float = 0.0
    urls: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    python: bool


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


def write_reference_page(site: Path) -> None:
    """A bare page with the site's own runtime and one line of Python: the floor to compare with."""
    html_dir = site / REFERENCE
    html_dir.mkdir(exist_ok=True)
    pyodide = next((site / "runtime").glob("pyodide-*/pyodide.mjs")).relative_to(site)
    core = next((site / "runtime").glob("pyscript-*/core.js")).relative_to(site)
    config = f'{{"interpreter":"{_relative(pyodide, REFERENCE)}","packages_cache":"never"}}'
    (html_dir / "index.html").write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Reference</title>"
        "<form><label>Name <input></label></form>"
        f'<script type="module" src="{_relative(core, REFERENCE)}"></script>'
        f"<script type=\"py\" config='{config}'>"
        "import js; js.performance.mark('ef-python-ready')</script>",
        encoding="utf-8",
    )


def measure(playwright: object, url: str, python: bool) -> tuple[Sample, Sample]:
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
            samples.append(Sample(**page.evaluate(PROBE)))
        context.close()
        return samples[0], samples[1]
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def measure_again_if_crashed(playwright: object, base: str, page: Page) -> tuple[Sample, Sample]:
    """One measurement; a renderer that crashed (it happens on a loaded machine) is measured
    again once, in a new profile, rather than losing the whole run."""
    from playwright.sync_api import Error

    try:
        return measure(playwright, base + page.path, page.python)
    except Error as error:
        if "crashed" not in str(error):
            raise
        print(f"{page.label}: the renderer crashed, measuring again", flush=True)
        return measure(playwright, base + page.path, page.python)


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _s(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1000:.2f} s"


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"


def _kb(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1024:,.0f} KB"


def _ratio(ours: float | None, reference: float | None) -> str:
    return "n/a" if not ours or not reference else f"{ours / reference:.2f}"


def summarise(page: Page, runs: list[tuple[Sample, Sample]], site: Path) -> dict:
    cold = [c for c, _ in runs]
    warm = [w for _, w in runs]
    return {
        "label": page.label,
        "python": page.python,
        "bytes_cold": _median([s.bytes for s in cold]),
        "bytes_files": _median([uncompressed_bytes(site, s.urls) for s in cold]),
        "bytes_warm": _median([s.bytes for s in warm]),
        "paint": _median([s.paint for s in cold]),
        "ready_cold": _median([s.ready for s in cold]),
        "ready_warm": _median([s.ready for s in warm]),
        "own_warm": _median([s.own for s in warm]),
        "blocking_cold": _median([s.blocking for s in cold]),
        "longest_cold": _median([s.longest for s in cold]),
    }


def report(rows: list[dict], runs: int) -> str:
    reference = rows[-1]
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
        "work (the preview's renderer, markdown-it, loads just after). *Own Python* is the part of",
        "that wait after the interpreter is up (PyScript's `py:ready`): our modules importing and",
        "the page's set-up. *Blocking* is the",
        "main thread's long tasks until Python is ready, each counted over 50 ms (Total Blocking",
        "Time), with the longest single task. *vs minimal* divides by the minimal page measured in",
        "the same run: the same runtime and one line of Python, the floor any page here can reach.",
        "",
        "| Page | Sent, cold | Files | Sent, warm | First paint | Python ready, cold | Python ready, warm | vs minimal, cold / warm | Own Python, warm | Blocking, cold (longest task) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "n/a"
        if row["python"]:
            cold = _ratio(row["ready_cold"], reference["ready_cold"])
            ratio = f"{cold} / {_ratio(row['ready_warm'], reference['ready_warm'])}"
        lines.append(
            f"| {row['label']} | {_kb(row['bytes_cold'])} | {_kb(row['bytes_files'])} "
            f"| {_kb(row['bytes_warm'])} | {_s(row['paint'])} | {_s(row['ready_cold'])} "
            f"| {_s(row['ready_warm'])} | {ratio} | {_ms(row['own_warm'])} "
            f"| {_ms(row['blocking_cold'])} ({_ms(row['longest_cold'])}) |"
        )
    worksheets = [r for r in rows[:-1] if r["python"]]
    guides = [r for r in rows if not r["python"]]
    cold = [r["ready_cold"] / reference["ready_cold"] for r in worksheets if r["ready_cold"]]
    warm = [r["ready_warm"] / reference["ready_warm"] for r in worksheets if r["ready_warm"]]
    lines += [
        "",
        "## In short",
        "",
        f"- The minimal page: Python ready in {_s(reference['ready_cold'])} cold and "
        f"{_s(reference['ready_warm'])} warm, {_kb(reference['bytes_cold'])} sent "
        f"({_kb(reference['bytes_files'])} of files), {_ms(reference['blocking_cold'])} blocking.",
    ]
    if worksheets and cold and warm:
        lines.append(
            f"- Worksheet pages: Python ready at {min(cold):.2f} to {max(cold):.2f} times the "
            f"minimal page cold (median {statistics.median(cold):.2f}), {min(warm):.2f} to "
            f"{max(warm):.2f} warm (median {statistics.median(warm):.2f}); the goal is within "
            f"1.10. Their own Python takes {_ms(min(r['own_warm'] or 0 for r in worksheets))} to "
            f"{_ms(max(r['own_warm'] or 0 for r in worksheets))} of that, warm; first paint "
            f"{_s(min(r['paint'] or 0 for r in worksheets))} to "
            f"{_s(max(r['paint'] or 0 for r in worksheets))}."
        )
    for row in guides:
        lines.append(
            f"- {row['label']}: {_kb(row['bytes_cold'])} sent compressed "
            f"({_kb(row['bytes_files'])} of files; budget 300 KB, tests/build/test_budget.py), "
            f"first paint {_s(row['paint'])}, no Python."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated words; measure only pages whose path holds one (the reference stays)",
    )
    args = parser.parse_args()

    import worksheets

    pages = [
        Page("Home (guide page)", "", False),
        Page("The seven patterns (guide page)", "guide/patterns/", False),
    ]
    pages += [
        Page(f"{ws.title} (worksheet)", f"worksheets/{ws.id}/", True)
        for ws in worksheets.WORKSHEETS.values()
    ]
    if args.only:
        words = [word for word in args.only.split(",") if word]
        pages = [page for page in pages if any(word in page.path for word in words)]
    pages.append(Page("Minimal runtime page (reference)", REFERENCE, True))

    started = time.monotonic()
    write_reference_page(args.site)
    server, base = serve_in_background(args.site)
    samples: dict[Page, list[tuple[Sample, Sample]]] = {page: [] for page in pages}
    try:
        with sync_playwright() as playwright:
            for run in range(args.runs):
                for page in pages:
                    samples[page].append(measure_again_if_crashed(playwright, base, page))
                print(f"run {run + 1} of {args.runs} done", flush=True)
    finally:
        server.shutdown()
        shutil.rmtree(args.site / REFERENCE, ignore_errors=True)

    rows = [summarise(page, samples[page], args.site) for page in pages]
    for row in rows:
        print(row, flush=True)
    args.out.write_text(report(rows, args.runs), encoding="utf-8")
    print(f"wrote {args.out} in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
