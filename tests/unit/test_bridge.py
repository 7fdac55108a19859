"""The page's Python (site_src/browser/) is wiring: small, one way to make a proxy, no decision.

And the page contract holds together: every button the build renders is an event the
controller handles, and every button event the controller handles has a button.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import worksheets
from site_build.forms import render_form
from worksheets import contract, page

BROWSER = Path(__file__).resolve().parents[2] / "site_src" / "browser"
SCRIPTS = Path(__file__).resolve().parents[2] / "site_src" / "overrides" / "assets" / "javascripts"
#: The issue's budget for the whole browser side: past it, decisions are creeping back in.
MOST_LINES = 300


def browser_sources() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in BROWSER.glob("*.py")}


def test_the_browser_side_stays_under_its_budget():
    lines = sum(text.count("\n") for text in browser_sources().values())
    assert lines < MOST_LINES


def test_proxies_are_made_in_one_place_only():
    """`proxy()` counts what it makes (the browser test reads the count); a proxy made
    anywhere else would escape the count. MicroPython keeps every proxy it hands JavaScript
    for the page's life, so one made per event would grow without end."""
    calls = []
    for name, text in browser_sources().items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ("create_proxy", "create_once_callable"):
                    calls.append((name, node.lineno))
    assert len(calls) == 1, calls


def test_every_effect_the_controller_returns_is_carried_out():
    text = browser_sources()["worksheet_page.py"]
    effects = set(re.findall(r'^    "(\w+)": ', text, re.MULTILINE))
    produced = set(re.findall(r'\(\s*"(\w+)",', Path(page.__file__).read_text(encoding="utf-8")))
    kinds = {kind for kind in produced if kind in effects or kind.islower()}
    declared = set(re.findall(r"^#   \(\"(\w+)\"", Path(page.__file__).read_text(), re.MULTILINE))
    assert declared <= effects, f"effects with no carrier: {sorted(declared - effects)}"
    assert effects <= declared, f"carried out but never documented: {sorted(effects - declared)}"
    assert kinds


def rendered_actions() -> set[str]:
    html = "".join(render_form(sheet) for sheet in worksheets.catalogue().values())
    return set(re.findall(r'data-action="([^"]+)"', html))


def test_every_button_the_build_renders_has_a_handler():
    assert rendered_actions() <= set(page.HANDLERS)


def test_every_button_handler_has_a_button():
    assert set(contract.ACTIONS) == rendered_actions()


def test_every_id_the_controller_addresses_is_rendered():
    html = "".join(render_form(sheet) for sheet in worksheets.catalogue().values())
    rendered = set(re.findall(r'id="([^"]+)"', html))
    source = Path(page.__file__).read_text(encoding="utf-8")
    addressed = {getattr(contract, name) for name in re.findall(r"contract\.([A-Z_]+)", source)}
    ids = {value for value in addressed if isinstance(value, str) and value.startswith("ef-")}
    # The print date lives in the printed title line (site_build.templates), not the form.
    assert ids - rendered == {contract.PRINT_DATE}


def test_the_site_scripts_spell_no_contract_name_themselves():
    names = contract.for_scripts()
    values = {value for group in names.values() for value in group.values()}
    for path in SCRIPTS.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        spelled = sorted(value for value in values if f'"{value}"' in text or f"'{value}'" in text)
        assert spelled == [], f"{path.name} spells {spelled}: read them from window.efContract"
