"""`make bench`'s pure parts: blocking time, medians, ratios, the typing clock, the tables,
issue 17's goals, and the bench-only pages (written beside the site, never into it)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

import worksheets
from site_build import bench
from site_build.bench import (
    BARE_MICROPYTHON,
    BARE_PYODIDE,
    FIELD,
    PHONE,
    PHONE_OBSERVER,
    PHONE_PROBE,
    REFERENCE,
    Page,
    PhoneReport,
    PhoneRow,
    PhoneSample,
    Row,
    Sample,
)
from site_build.forms import render_form
from worksheets import contract

# -- Blocking time ---------------------------------------------------------------------------

TASKS = [[0.0, 40.0], [10.0, 120.0], [500.0, 60.0], [999.9, 51.0], [1000.0, 300.0]]


def test_total_blocking_time_counts_each_task_over_50_ms_until_ready():
    # 120 -> 70, 60 -> 10, 51 -> 1; the task starting at ready (1000) is not counted.
    assert bench.total_blocking_time(TASKS, 1000.0) == pytest.approx(81.0)
    assert bench.total_blocking_time(TASKS, 1000.1) == pytest.approx(331.0)
    assert bench.total_blocking_time([], 1000.0) == 0.0


def test_longest_task_until_ready():
    assert bench.longest_task(TASKS, 1000.0) == 120.0
    assert bench.longest_task(TASKS, 2000.0) == 300.0
    assert bench.longest_task(TASKS, 0.0) == 0.0


def test_a_sample_counts_blocking_until_ready_or_until_now_without_python():
    raw = {
        "bytes": 1234,
        "paint": 100.0,
        "ready": 1000.0,
        "own": 50.0,
        "long": TASKS,
        "now": 5000.0,
        "urls": ["http://x/"],
    }
    sample = Sample.from_probe(raw)
    assert (sample.bytes, sample.ready, sample.own) == (1234, 1000.0, 50.0)
    assert sample.blocking == pytest.approx(81.0)
    assert sample.longest == 120.0
    guide = Sample.from_probe({**raw, "ready": None, "own": None})
    assert guide.blocking == pytest.approx(331.0)
    assert guide.longest == 300.0


# -- Medians, ratios, formats ----------------------------------------------------------------


def test_median_ignores_what_was_not_measured():
    assert bench.median([3.0, None, 1.0, 2.0]) == 2.0
    assert bench.median([1.0, 4.0]) == 2.5
    assert bench.median([None, None]) is None
    assert bench.median([]) is None


def test_ratio():
    assert bench.ratio(500.0, 1000.0) == "0.50"
    assert bench.ratio(1234.0, 1000.0) == "1.23"
    assert bench.ratio(None, 1000.0) == "n/a"
    assert bench.ratio(500.0, None) == "n/a"
    assert bench.ratio(500.0, 0.0) == "n/a"


def test_formats():
    assert bench.seconds(9812.0) == "9.81 s"
    assert bench.millis(2512.4) == "2,512 ms"
    assert bench.kilobytes(7_929_856.0) == "7,744 KB"
    for show in (bench.seconds, bench.millis, bench.kilobytes):
        assert show(None) == "n/a"


def test_the_phone_network_in_bytes_per_second():
    assert PHONE.cpu_rate == 4
    assert PHONE.network_conditions() == {
        "offline": False,
        "latency": 60,
        "downloadThroughput": 1_125_000,
        "uploadThroughput": 187_500,
    }


# -- The typing clock ------------------------------------------------------------------------


def test_next_key_time_keeps_to_the_clock():
    assert bench.next_key_time(10.0, 10.0, 0.25) == 10.0
    assert bench.next_key_time(10.0, 10.01, 0.25) == 10.25
    assert bench.next_key_time(10.0, 10.25, 0.25) == 10.25
    # A key that waited 1.6 s: the ticks it missed are skipped, not typed in a burst.
    assert bench.next_key_time(10.0, 11.6, 0.25) == 11.75


def test_worst_key_wait_takes_the_larger_measure():
    assert bench.worst_key_wait([12.0, 1600.0, 8.0], [1544.0]) == 1600.0
    assert bench.worst_key_wait([12.0, 30.0], [48.0]) == 48.0
    assert bench.worst_key_wait([], []) is None


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class FakeKeyboard:
    def __init__(self, clock: FakeClock, waits: dict[int, float]) -> None:
        self.clock, self.waits = clock, waits
        self.pressed: list[tuple[float, str]] = []

    def press(self, key: str) -> None:
        self.pressed.append((self.clock.now, key))
        self.clock.now += self.waits.get(len(self.pressed), 0.01)


class FakePage:
    """Only a keyboard and a timer: anything else the typist called would fail."""

    def __init__(self, clock: FakeClock, waits: dict[int, float]) -> None:
        self.clock = clock
        self.keyboard = FakeKeyboard(clock, waits)

    def wait_for_timeout(self, ms: float) -> None:
        assert ms > 0
        self.clock.now += ms / 1000


def test_typing_keeps_a_fixed_clock_and_calls_nothing_else_in_the_page():
    clock = FakeClock()
    page = FakePage(clock, waits={3: 1.6})  # the third key waits 1.6 s
    acks = bench.type_until(page, lambda: clock.now >= 103.0, 200.0, 0.25, clock)  # type: ignore[arg-type]
    times = [round(t - 100.0, 2) for t, _ in page.keyboard.pressed]
    assert times == [0.0, 0.25, 0.5, 2.25, 2.5, 2.75]
    assert [key for _, key in page.keyboard.pressed] == list("abcdef")
    assert acks == pytest.approx([10.0, 10.0, 1600.0, 10.0, 10.0, 10.0])


def test_typing_stops_at_ready_and_gives_up_at_the_deadline():
    clock = FakeClock()
    assert bench.type_until(FakePage(clock, {}), lambda: True, 200.0, 0.25, clock) == []  # type: ignore[arg-type]
    with pytest.raises(TimeoutError):
        bench.type_until(FakePage(clock, {}), lambda: False, clock.now + 1, 0.25, clock)  # type: ignore[arg-type]


def test_the_page_scripts_name_the_field():
    assert json.dumps(FIELD) in PHONE_OBSERVER
    assert json.dumps(FIELD) in PHONE_PROBE
    assert "$FIELD" not in PHONE_OBSERVER + PHONE_PROBE
    # Readiness and focus are told through the console, which the bench listens to.
    assert 'console.log("ef-bench:ready")' in PHONE_OBSERVER
    assert 'console.log(field ? "ef-bench:focused" : "ef-bench:no-field")' in PHONE_OBSERVER
    assert '"keydown"' in PHONE_OBSERVER


# -- Summaries and the report ----------------------------------------------------------------


def phone_sample(ready: float, nbytes: int, acks: list[float], events: list[float]) -> PhoneSample:
    load = Sample(bytes=nbytes, paint=200.0, ready=ready, blocking=ready / 4, longest=ready / 6)
    return PhoneSample(load=load, key_acks=acks, key_events=events, chars=len(acks))


def test_summarise_phone_takes_medians_of_each_runs_worst_key(tmp_path: Path):
    runs = [
        phone_sample(9000.0, 8_000_000, [10.0, 1500.0], [1490.0]),
        phone_sample(10000.0, 8_000_100, [10.0, 1700.0], [1800.0]),
        phone_sample(11000.0, 8_000_200, [10.0, 1600.0], []),
    ]
    row = bench.summarise_phone(Page("Bare", BARE_PYODIDE, True), runs, tmp_path)
    assert row["reference"] is True
    assert row["worksheet"] is False
    assert (row["ready"], row["bytes"], row["paint"]) == (10000.0, 8_000_100, 200.0)
    assert row["key_wait"] == 1600.0  # worst per run: 1500, 1800, 1600
    assert row["key_ack"] == 1600.0
    assert row["key_event"] == 1490.0  # 1490, 1800, and 0 (no key over 16 ms)
    assert row["keys"] == 2
    sheet = bench.summarise_phone(Page("W", "worksheets/agreement/", True), runs, tmp_path)
    assert (sheet["reference"], sheet["worksheet"]) == (False, True)


def phone_row(label: str, ready: float, nbytes: float, key: float, **kind: bool) -> PhoneRow:
    return {
        "label": label,
        "reference": kind.get("reference", False),
        "worksheet": kind.get("worksheet", False),
        "bytes": nbytes,
        "bytes_files": nbytes * 2,
        "paint": 170.0,
        "ready": ready,
        "blocking": 2500.0,
        "longest": 1800.0,
        "key_wait": key,
        "key_ack": key,
        "key_event": key - 8,
        "keys": 30.0,
    }


PHONE_ROWS = [
    phone_row("Bare Pyodide (reference)", 10000.0, 8_000_000.0, 1600.0, reference=True),
    phone_row("Bare MicroPython", 1200.0, 257_000.0, 70.0),
    phone_row("Agreement (worksheet)", 4000.0, 3_000_000.0, 90.0, worksheet=True),
    phone_row("Balance (worksheet)", 10600.0, 8_400_000.0, 1400.0, worksheet=True),
]


def test_phone_goals_are_checked_on_each_worksheet():
    goals = bench.phone_goals(PHONE_ROWS)
    assert goals == [
        "- Python ready on the worksheets at 0.40 to 1.06 times the bare Pyodide page's "
        "10.00 s; the goal is at most 0.50: met on 1 of 2.",
        "- Bytes sent on a first visit: 0.38 to 1.05 times its 7,812 KB; the goal is at most "
        "0.50: met on 1 of 2.",
        "- Worst keystroke wait while Python loads: 90 ms to 1,400 ms; the goal is at most "
        "100 ms: met on 1 of 2.",
    ]
    assert bench.phone_goals(PHONE_ROWS[:2]) == []  # no worksheet measured


def test_phone_table():
    lines = bench.phone_section(PhoneReport(PHONE_ROWS, 5))
    text = "\n".join(lines)
    assert lines[0] == "## On a phone"
    assert "median of 5 runs" in text
    assert "CPU 4x slower" in text
    assert "9 Mbps" in text
    assert "60 ms latency" in text
    assert "every 250 ms" in text
    header = next(line for line in lines if line.startswith("| Page |"))
    assert header.count("|") == 9
    assert (
        "| Bare Pyodide (reference) | 7,812 KB | 0.17 s | 10.00 s | 1.00 / 1.00 | 2,500 ms "
        "| 1,800 ms | 1,600 ms (30) |" in lines
    )
    assert (
        "| Bare MicroPython | 251 KB | 0.17 s | 1.20 s | 0.12 / 0.03 | 2,500 ms | 1,800 ms "
        "| 70 ms (30) |" in lines
    )
    assert "- Bare MicroPython: 70 ms / 62 ms" in lines
    assert any("met on 1 of 2" in line for line in lines)


def desktop_rows() -> list[Row]:
    return [
        {
            "label": "W (worksheet)",
            "python": True,
            "bytes_cold": 8_580_000.0,
            "bytes_files": 16_557_000.0,
            "bytes_warm": 8192.0,
            "paint": 400.0,
            "ready_cold": 3830.0,
            "ready_warm": 1640.0,
            "own_warm": 147.0,
            "blocking_cold": 2099.0,
            "longest_cold": 1140.0,
        },
        {
            "label": "Minimal runtime page (reference)",
            "python": True,
            "bytes_cold": 8_065_000.0,
            "bytes_files": 15_652_000.0,
            "bytes_warm": 4096.0,
            "paint": 110.0,
            "ready_cold": 2620.0,
            "ready_warm": 1230.0,
            "own_warm": 102.0,
            "blocking_cold": 1739.0,
            "longest_cold": 1210.0,
        },
    ]


def test_the_desktop_table_stays_as_it_was():
    text = bench.report(desktop_rows(), 5)
    assert (
        "| W (worksheet) | 8,379 KB | 16,169 KB | 8 KB | 0.40 s | 3.83 s | 1.64 s | 1.46 / 1.33 "
        "| 147 ms | 2,099 ms (1,140 ms) |" in text.splitlines()
    )
    assert "## In short" in text
    assert "## On a phone" not in text


def test_the_report_puts_the_phone_profile_after_the_desktop_figures():
    text = bench.report(desktop_rows(), 5, PhoneReport(PHONE_ROWS, 3))
    assert text.index("## In short") < text.index("## On a phone")
    assert text.startswith(bench.report(desktop_rows(), 5).rstrip("\n"))
    phone_only = bench.report([], 0, PhoneReport(PHONE_ROWS, 3))
    assert "## In short" not in phone_only
    assert "## On a phone" in phone_only


def test_pick():
    pages = [Page("A", "worksheets/agreement/", True), Page("C", "worksheets/check_in/", True)]
    assert bench.pick(pages, "check_in") == pages[1:]
    assert bench.pick(pages, "agreement,check_in") == pages
    assert bench.pick(pages, "") == pages


# -- The pages served ------------------------------------------------------------------------


def fake_modules(root: Path) -> Path:
    """node_modules with the three packages' files (contents do not matter here)."""
    modules = root / "node_modules"
    packages = {
        "pyodide": ("314.0.7", [*bench.PYODIDE_FILES, "console.html"]),
        "@pyscript/core": (
            "0.7.31",
            [
                "dist/core.js",
                "dist/core-abc.js",
                "dist/core.css",
                "dist/core.js.map",
                "dist/service-worker.js",
                "dist/mpy-x.js",
            ],
        ),
        bench.MICROPYTHON_PACKAGE: ("1.27.0", ["micropython.mjs", "micropython.wasm", "README.md"]),
    }
    for name, (version, files) in packages.items():
        package = modules / name
        package.mkdir(parents=True)
        (package / "package.json").write_text(json.dumps({"version": version}))
        for file in files:
            (package / file).parent.mkdir(parents=True, exist_ok=True)
            (package / file).write_text(file)
    return modules


def fake_site(root: Path) -> Path:
    site = root / "site"
    for file in (
        "index.html",
        "runtime/micropython-1.27.0/micropython.mjs",
        "runtime/pyscript-0.7.31/core.js",
        "bench-reference/index.html",  # left over by an older benchmark
    ):
        (site / file).parent.mkdir(parents=True, exist_ok=True)
        (site / file).write_text(file)
    return site


def loaded(root: Path, page_url: str) -> list[Path]:
    """The files a bare page names (core.js and the interpreter), resolved as a browser would."""
    html = (root / page_url / "index.html").read_text()
    core = re.search(r'<script type="module" src="([^"]+)"', html)
    config = re.search(r"config='([^']+)'", html)
    assert core
    assert config
    base = "http://h/" + page_url
    urls = [urljoin(base, core.group(1)), urljoin(base, json.loads(config.group(1))["interpreter"])]
    return [root / url.removeprefix("http://h/") for url in urls]


def test_bare_pages_load_only_the_bench_copies_of_the_runtimes(tmp_path: Path):
    root = tmp_path / "served"
    versions = bench.write_phone_pages(root, fake_modules(tmp_path))
    assert (versions.pyscript, versions.pyodide, versions.micropython) == (
        "0.7.31",
        "314.0.7",
        "1.27.0",
    )
    runtime = root / "bench-phone" / "runtime"
    assert sorted(p.name for p in (runtime / "micropython-1.27.0").iterdir()) == [
        "micropython.mjs",
        "micropython.wasm",
    ]
    assert sorted(p.name for p in (runtime / "pyodide-314.0.7").iterdir()) == sorted(
        bench.PYODIDE_FILES
    )
    assert sorted(p.name for p in (runtime / "pyscript-0.7.31").iterdir()) == [
        "core-abc.js",
        "core.css",
        "core.js",
        "mpy-x.js",
    ]
    for page_url in (BARE_PYODIDE, BARE_MICROPYTHON):
        for path in loaded(root, page_url):
            assert path.is_file(), path
    pyodide = (root / BARE_PYODIDE / "index.html").read_text()
    micropython = (root / BARE_MICROPYTHON / "index.html").read_text()
    assert '<script type="py" config=' in pyodide
    assert '"packages_cache":"never"' in pyodide
    assert '<script type="mpy" config=' in micropython
    assert "micropython-1.27.0/micropython.mjs" in micropython
    for html in (pyodide, micropython):
        assert html.count("<input") == 1
        assert "import js; js.performance.mark('ef-python-ready')" in html


def test_the_site_is_linked_never_written(tmp_path: Path):
    site = fake_site(tmp_path)
    before = sorted(str(p.relative_to(site)) for p in site.rglob("*"))
    root = tmp_path / "served"
    bench.mirror_site(site, root)
    bench.write_phone_pages(root, fake_modules(tmp_path))
    bench.write_reference_page(root)
    assert sorted(str(p.relative_to(site)) for p in site.rglob("*")) == before
    assert (site / "bench-reference" / "index.html").read_text() == "bench-reference/index.html"
    assert (root / "index.html").is_symlink()
    assert (root / "runtime").is_symlink()
    # The desktop reference runs the site's own runtime, as it always has.
    assert loaded(root, REFERENCE) == [
        root / "runtime/pyscript-0.7.31/core.js",
        root / "runtime/micropython-1.27.0/micropython.mjs",
    ]
    reference = (root / REFERENCE / "index.html").read_text()
    assert '<script type="mpy" config=' in reference
    # Configured as the site's pages are: PyScript's unused plugins (not shipped) stay off.
    assert reference.count('"!py-editor"') == 2  # for both of PyScript's interpreter types
    assert bench.uncompressed_bytes(
        root, ["http://h/", "http://h/runtime/micropython-1.27.0/micropython.mjs"]
    ) == len("index.html") + len("runtime/micropython-1.27.0/micropython.mjs")


def test_a_missing_package_says_how_to_install_it(tmp_path: Path):
    modules = fake_modules(tmp_path)
    (modules / bench.MICROPYTHON_PACKAGE / "package.json").unlink()
    with pytest.raises(SystemExit, match="npm ci"):
        bench.write_phone_pages(tmp_path / "served", modules)


def test_every_worksheet_form_has_a_field_to_type_into():
    """The phone profile types into the worksheet form's first text field (FIELD), never into
    Material's search box, whose typed input sits in a form of its own."""
    assert FIELD.startswith(f"#{contract.FORM} textarea, #{contract.FORM} input[type=")
    for worksheet in worksheets.catalogue().values():
        html = render_form(worksheet)
        start = html.index(f'<form id="{contract.FORM}"')
        form = html[start : html.index("</form>", start)]
        assert "<textarea" in form or '<input type="text"' in form, worksheet.id


def test_the_bare_pyodide_page_can_carry_a_compiled_standard_library(tmp_path: Path):
    root = tmp_path / "served"
    bench.write_phone_pages(root, fake_modules(tmp_path), stdlib=b"compiled")
    stdlib = root / "bench-phone/runtime/pyodide-314.0.7" / bench.STDLIB_ZIP
    assert stdlib.read_bytes() == b"compiled"
