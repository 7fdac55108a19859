"""Measure what a reader waits for: bytes, first paint, and Python ready, cold and warm.

Opens the built site in Debian's Chromium, served on 127.0.0.1, and reports the median of
several runs per page. Each run starts from an empty browser profile (cold cache), then loads
the page again in that same profile (warm cache: a persistent profile keeps the compiled
wasm, a fresh Playwright context would not). A minimal page loading the same runtime with
one line of Python is measured in the same run, since timings on a shared machine drift.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from site_build.chromium import CHROMIUM, CHROMIUM_ARGS
from site_build.runtime import _relative
from site_build.serve import serve_in_background

REFERENCE = "bench-reference/"

# Bytes over the wire for the page and everything it loaded, and the paint/ready marks.
PROBE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const ready = performance.getEntriesByName("ef-python-ready")[0];
  return {
    bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    paint: paint ? paint.startTime : null,
    ready: ready ? ready.startTime : null,
  };
}"""


@dataclass
class Sample:
    bytes: int
    paint: float | None
    ready: float | None


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
            samples.append(Sample(**page.evaluate(PROBE)))
        context.close()
        return samples[0], samples[1]
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1000:.2f} s"


def _kb(value: float) -> str:
    return f"{value / 1024:,.0f} KB"


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import worksheets

    pages = [("Home (guide page)", "", False)]
    pages += [
        (f"{ws.title} (worksheet)", f"worksheets/{ws.id}/", True)
        for ws in worksheets.WORKSHEETS.values()
    ]
    pages.append(("Minimal runtime page (reference)", REFERENCE, True))

    write_reference_page(args.site)
    server, base = serve_in_background(args.site)
    rows = []
    try:
        with sync_playwright() as playwright:
            for label, path, python in pages:
                runs = [measure(playwright, base + path, python) for _ in range(args.runs)]
                cold = [c for c, _ in runs]
                warm = [w for _, w in runs]
                row = {
                    "label": label,
                    "bytes_cold": _median([s.bytes for s in cold]),
                    "bytes_warm": _median([s.bytes for s in warm]),
                    "paint": _median([s.paint for s in cold]),
                    "ready_cold": _median([s.ready for s in cold]),
                    "ready_warm": _median([s.ready for s in warm]),
                }
                rows.append(row)
                print(f"{label}: {row}", flush=True)
    finally:
        server.shutdown()
        shutil.rmtree(args.site / REFERENCE, ignore_errors=True)

    reference = rows[-1]
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}: Debian Chromium, headless, the built",
        f"site served on 127.0.0.1, median of {args.runs} runs. *Cold*: an empty browser profile.",
        "*Warm*: the same page loaded again in that profile. *First paint* is when the page (and a",
        "worksheet's form, which is plain HTML) first shows; *Python ready* is when the worksheet's",
        "preview, downloads and import work. The ratio compares with the minimal page measured in",
        "the same run (the same runtime and one line of Python), since timings drift on a busy machine.",
        "",
        "| Page | Bytes, cold | Bytes, warm | First paint | Python ready, cold | Python ready, warm | Ready vs minimal (cold / warm) |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = "n/a"
        if row["ready_cold"] and reference["ready_cold"]:
            ratio = f"{row['ready_cold'] / reference['ready_cold']:.2f} / {row['ready_warm'] / reference['ready_warm']:.2f}"
        lines.append(
            f"| {row['label']} | {_kb(row['bytes_cold'])} | {_kb(row['bytes_warm'])} | {_ms(row['paint'])} "
            f"| {_ms(row['ready_cold'])} | {_ms(row['ready_warm'])} | {ratio} |"
        )
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
