"""Everyone can use it: axe-core on every page, keyboard only, visible focus, announced status.

axe-core (the copy bundled by axe-playwright-python, injected with `page.evaluate`, which the
pages' Content-Security-Policy allows) runs on every built page and on each worksheet when it
is ready, after it is filled and with its results showing, in the light and the dark theme
(Material follows `prefers-color-scheme`), 1280 and 375 px wide. No rule is turned off.

One page serves all four views: the colour scheme and the width change on the live page,
so each worksheet starts Python once, for the audit and the keyboard-only flow together.
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import axe_playwright_python
import pytest

import worksheets
from site_build.forms import STATUS_LOADING
from worksheets import contract
from worksheets.schema import Worksheet, other_role

from site_pages import built_pages
from worksheet_driver import fill, json_file, read, sample_answers, wait_for_python

pytestmark = pytest.mark.browser

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
#: (colour scheme, width): every page is audited in each.
VIEWS = [(scheme, width) for scheme in ("light", "dark") for width in (1280, 375)]
#: What Material sets on <body> for each scheme: proof that the theme really switched.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return {
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${(n.failureSummary || "").split("\\n").slice(1, 2).join("").trim()}`),
    })),
  };
}"""

SETTLED = """() => document.getAnimations().every((a) => a.playState !== "running")"""

SIDEWAYS = """() => {
  const root = document.scrollingElement;
  return root.scrollWidth > root.clientWidth ? [root.scrollWidth, root.clientWidth] : null;
}"""

# What has the keyboard focus, and whether it shows: an outline or a box-shadow, on screen.
# A visually hidden control (Material's palette radios) shows its focus on the label beside it.
FOCUSED = """async () => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  // Material fades some focus styles in (the skip link, heading anchors): let them finish.
  const fading = [e, e.nextElementSibling].filter(Boolean).flatMap((el) => el.getAnimations());
  await Promise.race([
    Promise.all(fading.map((a) => a.finished.catch(() => null))),
    new Promise((resolve) => setTimeout(resolve, 1000)),
  ]);
  const shows = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    const onScreen = box.width > 0 && box.height > 0 && style.visibility !== "hidden"
      && parseFloat(style.opacity) > 0;
    return {onScreen, visible: onScreen && (outline || shadow),
            style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`};
  };
  let seen = shows(e);
  if (!seen.onScreen) {
    const next = e.nextElementSibling;
    const labels = [...(e.labels || []), ...(next && next.tagName === "LABEL" ? [next] : [])];
    const label = labels.find((l) => shows(l).onScreen);
    if (label) seen = shows(label);
  }
  return {
    tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name") || "",
    type: e.getAttribute("type") || "", action: e.dataset.action || "",
    text: (e.getAttribute("aria-label") || e.textContent || "").trim().slice(0, 60),
    inForm: !!e.closest("#FORM_ID"), visible: seen.visible, style: seen.style,
  };
}""".replace("FORM_ID", contract.FORM)

# The order of the day, month and year segments in this browser's date inputs.
DATE_ORDER = """() => new Intl.DateTimeFormat(navigator.language)
  .formatToParts(new Date(2026, 11, 31)).filter((p) => p.type !== "literal").map((p) => p.type)"""

#: A keyboard flow presses at most this many keys to move around: it bounds a trap, not a speed.
MAX_TABS = 600


def html_pages(site: Path) -> list[str]:
    """The URL path of every HTML page in the built site."""
    paths = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def worksheet_path(worksheet: Worksheet) -> str:
    return f"worksheets/{worksheet.id}/"


def settle(page: object) -> None:
    """Wait for CSS transitions (theme colours, the drawer) so axe sees the final colours."""
    deadline = time.monotonic() + 3
    while not page.evaluate(SETTLED) and time.monotonic() < deadline:
        page.wait_for_timeout(50)


def show(page: object, scheme: str, width: int) -> None:
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size({"width": width, "height": 900})
    settle(page)
    assert page.evaluate("document.body.dataset.mdColorScheme") == MATERIAL_SCHEME[scheme]


def axe(page: object) -> list[str]:
    """axe-core's violations on the page as it is now, one readable line each."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    results = page.evaluate(RUN_AXE)
    assert results["passes"] > 10, "axe-core did not check this page"
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n      " + "\n      ".join(v["nodes"][:5])
        for v in results["violations"]
    ]


def audit_views(page: object, label: str) -> list[str]:
    """axe and the sideways-scroll check in every view; returns what failed, labelled."""
    found = []
    for scheme, width in VIEWS:
        show(page, scheme, width)
        where = f"{label} [{scheme}, {width} px]"
        found += [f"{where} {line}" for line in axe(page)]
        wide = page.evaluate(SIDEWAYS) if width == 375 else None
        if wide:
            found.append(f"{where} scrolls sideways: {wide[0]} px of content in {wide[1]} px")
    show(page, "light", 1280)
    return found


# -- Every page that is not a worksheet ------------------------------------------------------


#: Every page that is not a worksheet (each worksheet has its own flow below), one test each
#: so the test workers share them out.
PAGES = [
    p
    for p in built_pages()
    if p not in {worksheet_path(ws) for ws in worksheets.catalogue().values()}
]


def test_every_built_page_is_audited(built_site):
    worksheet_pages = {worksheet_path(ws) for ws in worksheets.catalogue().values()}
    assert sorted(PAGES) == sorted(set(html_pages(built_site.path)) - worksheet_pages)
    assert {"", "guide/patterns/", "404.html"} <= set(PAGES)


@pytest.fixture(scope="module")
def reader(module_audited):
    """One tab for every page's audit."""
    page = module_audited.new_page()
    yield page
    page.close()


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.rstrip("/") or "home")
def test_page_passes_axe_in_both_themes_and_widths(module_audited, reader, path):
    reader.goto(module_audited.site_url + path)
    found = audit_views(reader, f"/{path}")
    assert not found, "\n".join(found)


def test_focus_is_visible_on_every_stop_of_a_guide_page(module_audited):
    """Tab through the home page: every control that takes the focus shows it."""
    page = module_audited.new_page()
    page.goto(module_audited.site_url)
    hidden, stops = [], 0
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            break
        stops += 1
        if not focused["visible"]:
            hidden.append(focused)
    page.close()
    assert stops > 10
    assert hidden == [], f"focus not visible on: {hidden}"


# -- Each worksheet: axe when ready, keyboard-only completion and export, axe with results ---


def keyboard_answers(worksheet: Worksheet) -> dict[str, str]:
    """Short answers (each typed key re-renders the preview) that still tempt markup."""
    answers = sample_answers(worksheet, "K")
    for number, item in enumerate(worksheet.fields()):
        if item.kind == "line":
            answers[item.id] = f"K{number} <b>&"
        elif item.kind == "text":
            answers[item.id] = f"K{number} *one*\nK{number} two"
    return answers


def option_index(worksheet: Worksheet, field_id: str, value: str) -> int:
    """Where `value` is among a closed field's options; the first option is the empty one."""
    item = next(f for f in worksheet.fields() if f.id == field_id)
    return 1 + [c.value for c in item.choices()].index(value)


def type_date(page: object, iso: str) -> None:
    day = date.fromisoformat(iso)
    parts = {"day": f"{day.day:02d}", "month": f"{day.month:02d}", "year": f"{day.year:04d}"}
    page.keyboard.type("".join(parts[p] for p in page.evaluate(DATE_ORDER)))


def answer_by_keyboard(page: object, worksheet: Worksheet, focused: dict, answers: dict) -> None:
    """Give the focused field its answer with the keys a person would use."""
    field_id, value = focused["name"], answers[focused["name"]]
    item = next(f for f in worksheet.fields() if f.id == field_id)
    if item.kind in ("choice", "scale"):
        # The group's checked radio ("No answer") has the focus; arrows move and choose.
        for _ in range(option_index(worksheet, field_id, value)):
            page.keyboard.press("ArrowRight")
    elif item.kind == "share":
        for _ in range(option_index(worksheet, field_id, value)):
            page.keyboard.press("ArrowDown")
    elif item.kind == "check":
        page.keyboard.press("Space")
    elif item.kind == "date":
        type_date(page, value)
    else:
        page.keyboard.type(value)


def tab_to(page: object, action: str, backwards: bool = False) -> list[dict]:
    """Tab (or Shift+Tab) to the button with this data-action; returns every stop passed."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused:
            stops.append(focused)
            if focused["action"] == action:
                return stops
    raise AssertionError(f"the keyboard never reached [data-action={action}]")


def complete_by_keyboard(page: object, worksheet: Worksheet, answers: dict) -> list[dict]:
    """From the top of the page: Tab through, answer every field, export as Markdown.

    Returns every focus stop, so the caller can check each one showed its focus.
    """
    stops, done = [], set()
    wanted = {item.id for item in worksheet.fields() if answers.get(item.id)}
    for _ in range(MAX_TABS):
        if done >= wanted:
            break
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        stops.append(focused)
        name = focused["name"]
        if focused["inForm"] and name in wanted and name not in done:
            answer_by_keyboard(page, worksheet, focused, answers)
            done.add(name)
    assert done >= wanted, f"never reached by Tab: {sorted(wanted - done)}"
    if worksheet.log:
        stops += tab_to(page, contract.ADD_ENTRY)
        page.keyboard.press("Enter")
        page.locator(f"#{contract.STATUS}", has_text="Added the check-in").wait_for()
    stops += tab_to(page, contract.DOWNLOAD_MARKDOWN, backwards=True)
    return stops


def unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("worksheet", list(worksheets.catalogue().values()), ids=lambda w: w.id)
def test_worksheet_by_keyboard_alone_and_axe_clean(module_audited, worksheet, tmp_path):
    page = module_audited.new_page()
    url = module_audited.site_url + worksheet_path(worksheet)
    page.goto(url)
    status = page.locator(f"#{contract.STATUS}")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    wait_for_python(page)
    # "Ready" replaced the served "Loading" text in the live region (Python may be ready
    # before `goto` returns, so the served text is read from the build, not the page).
    assert STATUS_LOADING in page.evaluate("fetch(location.href).then((r) => r.text())")
    assert status.text_content().startswith("Ready")
    found = audit_views(page, f"{worksheet.id}, ready")

    # Keyboard only: Tab, Shift+Tab, arrows, Space, Enter and typing; no click anywhere.
    answers = keyboard_answers(worksheet)
    stops = complete_by_keyboard(page, worksheet, answers)
    if not worksheet.log:
        assert read(page) == answers
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    text = unescaped(Path(info.value.path()).read_text(encoding="utf-8"))
    assert text.startswith("# ")
    typed = [answers[f.id] for f in worksheet.fields() if f.kind in ("line", "text")]
    for value in typed:
        assert value.splitlines()[0] in text, value
    status.filter(has_text="Downloaded as Markdown").wait_for()  # "saved" is announced
    unseen = [s for s in stops if not s["visible"]]
    assert unseen == [], f"focus not visible on: {unseen}"

    # A refused import is announced in the live region, its reason in the alert; nothing
    # changes, so the page keeps its answers (and results) for the audit that follows.
    before = status.text_content()
    page.set_input_files(
        f"#{contract.IMPORT_FILE}", str(json_file(tmp_path, "bad.json", "{not json"))
    )
    status.filter(has_text="Nothing was changed").wait_for()
    assert status.text_content() != before
    error = page.locator(f"#{contract.ERROR}")
    assert error.get_attribute("role") == "alert"
    assert error.is_visible()

    # With answers, the refusal's alert and results (where the worksheet has them) showing:
    # a chart, where its results draw one, with a table as its text equivalent.
    if "results" in worksheet.features:
        results = page.locator(f"#{contract.RESULTS}")
        drawn = worksheets.results_of(worksheet.id)(
            [worksheet.record(answers)] if worksheet.log else answers
        )
        assert results.inner_text().strip()
        if drawn.svg:
            assert results.locator("svg[role=img] title").count() >= 1
            assert results.locator("table").count() >= 1  # the chart's text equivalent
    found += audit_views(page, f"{worksheet.id}, filled, an import refused")
    if "compare" in worksheet.features:
        # Taking turns on one device: the comparison is a results state of its own. (A log's
        # form was cleared when its check-in was added: its first partner answers again.)
        first = read(page)[worksheet.role]
        if worksheet.log:
            fill(page, worksheet, {f.id: answers[f.id] for f in worksheet.apart_fields()})
        page.click(f'[data-action="{contract.TAKE_TURNS}"]')
        status.filter(has_text="first answers are hidden").wait_for()
        second = sample_answers(worksheet, "B") | {worksheet.role: other_role(first)}
        fill(page, worksheet, second)
        page.click(f'[data-action="{contract.TAKE_TURNS}"]')
        status.filter(has_text="Both of you have answered").wait_for()
        found += audit_views(page, f"{worksheet.id}, compared")
    page.close()
    assert not found, "\n".join(found)
