"""The page's Python stays in the subset both CPython and MicroPython run.

A worksheet page runs the `worksheets` package and the bridge in MicroPython 1.27, which lacks
some modules, str methods and syntax CPython has (DESIGN.md, "Phones"; measured again for
issue 17). tests/portable/ proves the page's behaviour the same in both; this module catches
the usual slips in the source at once, with a message that says what to write instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import worksheets

PACKAGE = Path(worksheets.__file__).parent
BRIDGE = PACKAGE.parent / "site_src" / "browser" / "worksheet_page.py"
#: Every module the page may import, and the bridge itself.
PORTABLE = [*sorted(PACKAGE.glob("*.py")), BRIDGE]
IDS = [path.name for path in PORTABLE]

#: Missing from MicroPython 1.27.
MISSING_MODULES = {
    "__future__",
    "typing",
    "dataclasses",
    "textwrap",
    "unicodedata",
    "functools",
    "statistics",
    "collections.abc",
    "zlib",
    "pyodide",
    "string",
    "enum",
}
MISSING_METHODS = {
    "format_map",
    "casefold",
    "isidentifier",
    "title",
    "capitalize",
    "rjust",
    "ljust",
    "removeprefix",
    "removesuffix",
    "isascii",
    "zfill",
    "swapcase",
    "translate",
    "expandtabs",
    "isprintable",
    "strftime",
    "hexdigest",
    "bit_length",
    "_replace",
    "_asdict",
    "fsum",
    "findall",
    "fullmatch",
    "finditer",
}
#: Built-in functions missing from MicroPython 1.27 (`vars(x)`: write `x.__dict__`).
MISSING_BUILTINS = {"aiter", "anext", "ascii", "breakpoint", "format", "vars"}
#: Names and attributes missing there: its exceptions are fewer (RecursionError is a
#: RuntimeError there, UnicodeDecodeError a UnicodeError, JSONDecodeError a ValueError).
MISSING_NAMES = {
    "RecursionError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "FileNotFoundError",
    "PermissionError",
    "TimeoutError",
    "ConnectionError",
    "ModuleNotFoundError",
    "BufferError",
}
MISSING_ATTRIBUTES = {"json.JSONDecodeError", "binascii.Error"}
#: json.dumps keywords MicroPython's json refuses.
MISSING_KEYWORDS = {"indent", "sort_keys", "ensure_ascii", "default"}


def _runtime_tree(path: Path) -> ast.Module:
    """The module as it runs: what sits under `if TYPE_CHECKING:` is for the type checker."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = [ast.Pass()]
    return tree


@pytest.mark.parametrize("path", PORTABLE, ids=IDS)
def test_imports_only_what_micropython_has(path):
    imported = set()
    for node in ast.walk(_runtime_tree(path)):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    roots = {name.split(".")[0] for name in imported} | imported
    assert roots & MISSING_MODULES == set()


def _called(path: Path, how: type[ast.expr]) -> set[str]:
    """What a module calls: methods (`x.f(...)`, how=ast.Attribute) or plain names (`f(...)`,
    how=ast.Name)."""
    return {
        node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
        for node in ast.walk(_runtime_tree(path))
        if isinstance(node, ast.Call) and isinstance(node.func, how)
    }


@pytest.mark.parametrize("path", PORTABLE, ids=IDS)
def test_calls_no_method_micropython_lacks(path):
    assert _called(path, ast.Attribute) & MISSING_METHODS == set()


@pytest.mark.parametrize("path", PORTABLE, ids=IDS)
def test_calls_no_builtin_micropython_lacks(path):
    assert _called(path, ast.Name) & MISSING_BUILTINS == set()


@pytest.mark.parametrize("path", PORTABLE, ids=IDS)
def test_names_no_exception_micropython_lacks(path):
    tree = _runtime_tree(path)
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    attributes = {ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert (names & MISSING_NAMES) | (attributes & MISSING_ATTRIBUTES) == set()


@pytest.mark.parametrize("path", PORTABLE, ids=IDS)
def test_no_unpacking_inside_a_display(path):
    """[*a, b], (*a, b) and {**a, "b": 1} are SyntaxErrors in MicroPython: write a + [b],
    tuple(a) + (b,) and dict(a, b=1)."""
    found = []
    for node in ast.walk(_runtime_tree(path)):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and not isinstance(
            getattr(node, "ctx", None), ast.Store
        ):
            found += [node.lineno for e in node.elts if isinstance(e, ast.Starred)]
        if isinstance(node, ast.Dict) and None in node.keys:
            found.append(node.lineno)
    assert found == []


@pytest.mark.parametrize("path", PORTABLE, ids=IDS)
def test_no_float_precision_in_a_format(path):
    """f"{x:.1f}" rounds ties differently in MicroPython (2.25 -> "2.3"): use results.fixed."""
    found = [
        node.lineno
        for node in ast.walk(_runtime_tree(path))
        if isinstance(node, ast.FormattedValue)
        and isinstance(node.format_spec, ast.JoinedStr)
        and any(
            isinstance(part, ast.Constant)
            and str(part.value).rstrip("%").endswith(("f", "e", "g"))
            and "." in str(part.value)
            for part in node.format_spec.values
        )
    ]
    assert found == []


@pytest.mark.parametrize("path", PORTABLE, ids=IDS)
def test_no_json_keyword_micropython_refuses_and_no_dataclass(path):
    tree = _runtime_tree(path)
    keywords = {
        keyword.arg
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("dumps", "loads")
        for keyword in node.keywords
    }
    assert keywords & MISSING_KEYWORDS == set()
    decorators = [
        ast.unparse(d)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for d in node.decorator_list
    ]
    assert decorators == []


def test_the_checks_catch_what_they_look_for(tmp_path):
    """Each check fails on a line that breaks it (so a check cannot pass by looking nowhere)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import textwrap\nx = [*a, 1]\ny = {**a}\nz = f'{v:.1f}'\n'a'.title()\n"
        "import json\njson.dumps(1, indent=2)\nvars(x)\nexcept_ = json.JSONDecodeError\n",
        encoding="utf-8",
    )
    for check in (
        test_imports_only_what_micropython_has,
        test_calls_no_method_micropython_lacks,
        test_calls_no_builtin_micropython_lacks,
        test_names_no_exception_micropython_lacks,
        test_no_unpacking_inside_a_display,
        test_no_float_precision_in_a_format,
        test_no_json_keyword_micropython_refuses_and_no_dataclass,
    ):
        with pytest.raises(AssertionError):
            check(bad)


def test_what_were_dataclasses_still_compare_and_show_by_value():
    """MicroPython has no dataclasses: every former one is a schema.Record, equal to another
    with the same values and shown with them, as `dataclass(frozen=True)` made it."""
    from worksheets import answer_code, balance_check, document, labour_split, results, view
    from worksheets.schema import Record, replace

    for made in (
        lambda: view.PageState({"a": "1"}, [], None),
        lambda: results.Results("# Trend", "<svg/>"),
        lambda: labour_split.TaskShare("Planning", 80),
        lambda: document.Imported({"a": "1"}, "2026-12-05T09:00:00+00:00"),
        lambda: balance_check.PatternView("who", "Who decides", 4.0, None, 3, 0),
        lambda: replace(answer_code.latest_layout(worksheets.get("balance_check"))),
    ):
        first, second = made(), made()
        assert isinstance(first, Record)
        assert first == second
        assert first is not second
        assert repr(first) == repr(second)
        assert repr(first).startswith(type(first).__name__ + "(")
    assert results.Results("x") != results.Results("y")
