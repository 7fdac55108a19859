"""The page's brain is written to move: the Python that CPython, Pyodide and MicroPython run.

PyScript's other interpreter, MicroPython (a fraction of Pyodide's size and start-up time),
lacks some modules and str methods. The modules below are the ones a worksheet page would
need there; this test keeps them inside the common subset so the move stays a small one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import worksheets

PACKAGE = Path(worksheets.__file__).parent
#: The modules already written in the common subset.
PORTABLE = ("page.py", "contract.py", "keeping.py")
#: Missing from MicroPython 1.27 (DESIGN.md, "Phones").
MISSING_MODULES = {"__future__", "typing", "dataclasses", "textwrap", "unicodedata", "functools"}
MISSING_METHODS = {"format_map", "casefold", "isidentifier"}


@pytest.mark.parametrize("name", PORTABLE)
def test_a_portable_module_imports_only_what_micropython_has(name):
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    # Names for the type checker only sit under `if TYPE_CHECKING:` (False when run).
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported & MISSING_MODULES == set()


@pytest.mark.parametrize("name", PORTABLE)
def test_a_portable_module_calls_no_method_micropython_lacks(name):
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert called & MISSING_METHODS == set()


@pytest.mark.parametrize("name", PORTABLE)
def test_a_portable_module_defines_no_dataclass_or_class_hierarchy(name):
    """Plain functions over dicts, tuples and namedtuples: classes are where the subsets
    part ways (descriptors, __slots__, metaclasses)."""
    tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
    assert [node.name for node in ast.walk(tree) if isinstance(node, ast.ClassDef)] == []
