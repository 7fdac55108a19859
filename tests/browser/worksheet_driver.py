"""Drive any worksheet page from its declaration: fill it, read it back, wait for Python.

Tests never list a worksheet's fields by hand: they walk the same declaration the form
was rendered from, so a new field is filled and checked without touching the tests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta

from site_build.forms import field_dom_id
from worksheets import contract
from worksheets.schema import Worksheet

#: Pyodide takes seconds to start on a busy 2-core machine; this bounds a hang, not a speed.
PYTHON_READY_TIMEOUT_MS = 90_000

# Collects every answer in the page's form, radios included ("" when none is chosen).
READ_FORM = """() => {
  const form = document.getElementById("ef-form");
  const names = [...new Set([...form.elements].map((e) => e.name).filter(Boolean))];
  const value = (e) => (e.type === "checkbox" ? (e.checked ? e.value : "") : e.value || "");
  return Object.fromEntries(names.map((n) => [n, value(form.elements.namedItem(n))]));
}"""


#: What a page's own probe finds in its origin when nothing was stored, in any browser.
NOTHING_STORED_IN_PAGE = {
    "cookies": "",
    "localStorage": [],
    "sessionStorage": [],
    "indexedDB": [],
    "caches": [],
    "serviceWorkers": 0,
}


def sample_answers(worksheet: Worksheet, tag: str = "A") -> dict[str, str]:
    """A distinct, recognisable answer for every field, with characters that tempt markup."""
    answers: dict[str, str] = {}
    start = date(2026, 12, 1)
    for number, item in enumerate(worksheet.fields()):
        if item.kind == "line":
            answers[item.id] = f"{tag}-{item.id} <b>bold?</b> & *stars*"
        elif item.kind == "text":
            answers[item.id] = f"{tag}-{item.id} first line\n- second line\n\n[third](paragraph)"
        elif item.kind == "date":
            answers[item.id] = (start + timedelta(days=number)).isoformat()
        else:
            # Closed kinds: cycle through what each offers, so every option gets exercised.
            choices = item.choices()
            answers[item.id] = choices[number % len(choices)].value
    return answers


def controls(worksheet: Worksheet, answers: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """How a person gives each answer, for any browser driver: (how, CSS selector, value),
    where `how` is "check" (a radio or a box), "select" (a list), "date" or "type"."""
    for item in worksheet.fields():
        value = answers.get(item.id, "")
        if not value:
            continue
        if item.kind in ("choice", "scale"):
            yield "check", f'input[name="{item.id}"][value="{value}"]', value
        elif item.kind == "check":
            yield "check", f"#{field_dom_id(item.id)}", value
        elif item.kind == "share":
            yield "select", f"#{field_dom_id(item.id)}", value
        else:
            yield ("date" if item.kind == "date" else "type"), f"#{field_dom_id(item.id)}", value


def fill(page: object, worksheet: Worksheet, answers: dict[str, str]) -> None:
    """Type each answer the way a person would (radio clicks, date typing)."""
    for how, selector, value in controls(worksheet, answers):
        if how == "check":
            page.check(selector)
        elif how == "select":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def unescaped(markdown: str) -> str:
    """The Markdown export escapes markup characters: compare typed text with them unescaped."""
    return re.sub(r"\\(.)", r"\1", markdown)


def missing_from_markdown(worksheet: Worksheet, shared: dict[str, str], markdown: str) -> list[str]:
    """The fields whose shared answer the Markdown export does not show (typed text by its
    first line, a scale as "n out of 5", any other closed answer by the words the form shows)."""
    text = unescaped(markdown)
    missing = []
    for item in worksheet.fields():
        value = shared.get(item.id, "")
        if not value:
            continue
        if item.kind in ("line", "text"):
            expected = value.splitlines()[0]
        elif item.kind == "scale":
            expected = f"{value} out of 5"
        else:
            expected = {o.value: o.label for o in item.choices()}.get(value, value)
        if expected not in text:
            missing.append(item.id)
    return missing


def read(page: object) -> dict[str, str]:
    return page.evaluate(READ_FORM)


def wait_for_python(page: object) -> None:
    """Wait until the bridge says it is ready; a start-up failure fails at once, with its text."""
    status = page.locator(f'#{contract.STATUS}:not([data-state="loading"])')
    status.wait_for(timeout=PYTHON_READY_TIMEOUT_MS)
    state = page.get_attribute(f"#{contract.STATUS}", "data-state")
    assert state == "ready", page.text_content(f"#{contract.STATUS}")


def open_worksheet(page: object, site_url: str, worksheet: Worksheet) -> None:
    page.goto(f"{site_url}worksheets/{worksheet.id}/")
    wait_for_python(page)


def download(page: object, action: str) -> tuple[str, str]:
    """Click a download button; returns the suggested file name and the file's text."""
    with page.expect_download() as info:
        page.click(f'[data-action="{action}"]')
    result = info.value
    return result.suggested_filename, open(result.path(), encoding="utf-8").read()


def json_file(tmp_path: object, name: str, content: object) -> object:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path
