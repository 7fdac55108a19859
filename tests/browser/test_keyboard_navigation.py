"""Finding the way with the keyboard alone on a narrow screen: the drawer and search.

Below Material's drawer breakpoint (76.25em) the navigation sits in a drawer, and below its
search breakpoint (60em) search is behind a button too. Stock Material opens both with
labels for hidden checkboxes, which the keyboard never reaches. Here a reader uses only
Tab, Shift+Tab, Enter, Space and Escape (and, in search results, the arrow keys Material
gives them), at phone width and at a small tablet's, and every stop they land on is on
screen, not covered, where they can see it. No test needs Python: its runtime is not fetched.
"""

from __future__ import annotations

import time

import pytest

from worksheets import contract

pytestmark = pytest.mark.browser

#: A phone, and a small tablet (still below both of Material's breakpoints).
WIDTHS = [375, 900]
#: Tab presses allowed to reach a control: bounds a trap or a missing stop, not a speed.
MAX_TABS = 60

# What has the focus: its role and name, where it is, whether a reader can see it (on screen
# and not covered: the element itself is what the centre of its visible part hits) and whether
# it shows its focus (an outline or a shadow). The palette's radios are visually hidden by
# design: the label beside them shows their focus.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const next = e.nextElementSibling;
  const shown = e.matches(".md-option") && next && next.tagName === "LABEL" ? next : e;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
  const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, innerHeight);
  const inside = right > left && bottom > top;
  const hit = inside ? document.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
  return {
    tag: e.tagName.toLowerCase(),
    name: (e.getAttribute("aria-label") || e.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60),
    href: e.getAttribute("href") || "",
    expanded: e.getAttribute("aria-expanded"),
    inDrawer: !!e.closest(".md-sidebar--primary"),
    inHeader: !!e.closest(".md-header"),
    isQuery: e.matches("[data-md-component=search-query]"),
    isResult: !!e.closest(".md-search-result__list"),
    seen: !!hit && shown.contains(hit) && style.visibility === "visible",
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || (style.boxShadow !== "none" && style.boxShadow !== ""),
  };
}"""

SETTLED = "() => document.getAnimations().every((a) => a.playState !== 'running')"


def settle(page: object) -> None:
    """Wait for the drawer, its sub-menus and search to finish sliding."""
    deadline = time.monotonic() + 3
    while not page.evaluate(SETTLED) and time.monotonic() < deadline:
        page.wait_for_timeout(50)


RESULTS = ".md-search-result__list"


def results_settled(page: object, text: str) -> None:
    """Wait until search has answered the whole query: Material re-renders the list as each
    keystroke's results arrive (slower on a busy machine), and a re-render takes the focus
    away from a result the keyboard had just reached."""
    page.locator(f'{RESULTS} a[href*="{text}"]').first.wait_for()
    deadline, last, since = time.monotonic() + 10, None, time.monotonic()
    while time.monotonic() < deadline:
        now = page.inner_html(RESULTS)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= 0.5:
            return
        page.wait_for_timeout(100)


def press(page: object, key: str) -> dict | None:
    page.keyboard.press(key)
    settle(page)
    return page.evaluate(FOCUSED)


def tab_to(page: object, wanted: object, backwards: bool = False) -> list[dict]:
    """Tab (or Shift+Tab) until `wanted(stop)`; returns every stop passed, the last one too."""
    stops = []
    for _ in range(MAX_TABS):
        stop = press(page, "Shift+Tab" if backwards else "Tab")
        if stop is None:
            continue
        stops.append(stop)
        if wanted(stop):
            return stops
    raise AssertionError(f"the keyboard never got there; it went: {[s['name'] for s in stops]}")


def unseen(stops: list[dict]) -> list[str]:
    """The stops a reader could not see, or could not see had the focus."""
    return [f"{s['tag']} {s['name']!r}" for s in stops if not (s["seen"] and s["ring"])]


def drawer_open(page: object) -> bool:
    return page.evaluate("document.getElementById('__drawer').checked")


def search_open(page: object) -> bool:
    return page.evaluate("document.getElementById('__search').checked")


def is_button(name: str) -> object:
    return lambda stop: stop["tag"] == "button" and stop["name"] == name


@pytest.fixture
def narrow(audited: object) -> object:
    """A fresh audited browser context; guide pages only, so Python's runtime is refused."""
    audited.context.route("**/runtime/**", lambda route: route.abort())
    return audited


def open_at(audited: object, width: int, path: str = "") -> object:
    page = audited.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(audited.site_url + path)
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_the_drawer_opens_and_a_page_in_it_is_followed_by_keyboard(narrow, width):
    """From the top of the home page, Tab reaches the navigation button, Enter opens the
    drawer and moves the focus into it, Tab walks only through what can be seen in it to the
    Glossary, and Enter follows that link."""
    page = open_at(narrow, width)
    stops = tab_to(page, is_button("Navigation"))
    button = stops[-1]
    assert button["expanded"] == "false"
    assert not drawer_open(page)

    inside = press(page, "Enter")
    assert drawer_open(page)
    assert page.get_attribute(f"[{contract.TOGGLE_ATTRIBUTE}=__drawer]", "aria-expanded") == "true"
    assert inside is not None
    assert inside["inDrawer"], f"the focus stayed outside the drawer: {inside}"

    stops += [inside, *tab_to(page, lambda stop: stop["href"].endswith("glossary/"))]
    drawer_stops = stops[stops.index(inside) :]
    assert all(s["inDrawer"] for s in drawer_stops), [s["name"] for s in drawer_stops]
    assert unseen(stops) == [], f"focus out of sight on: {unseen(stops)}"

    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{narrow.site_url}glossary/"
    narrow.assert_private(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_escape_closes_the_drawer_and_gives_the_focus_back(narrow, width):
    """Space opens the drawer too; Escape closes it and puts the focus back on its button, and
    the closed drawer takes no Tab stop: past the header, Tab goes on to the page."""
    page = open_at(narrow, width, "faq/")
    tab_to(page, is_button("Navigation"))
    assert press(page, "Space")["inDrawer"]
    assert drawer_open(page)

    back = press(page, "Escape")
    assert not drawer_open(page)
    assert (back["tag"], back["name"]) == ("button", "Navigation")
    assert back["expanded"] == "false"
    assert back["seen"]
    after = tab_to(page, lambda stop: not stop["inHeader"])
    assert not after[-1]["inDrawer"], f"the closed drawer took a Tab stop: {after[-1]}"
    assert unseen(after) == [], f"focus out of sight on: {unseen(after)}"
    narrow.assert_private(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_section_of_the_drawer_opens_and_closes_by_keyboard(narrow, width):
    """In the drawer, the Guide section opens with Enter, the focus moving to its first page;
    its title leads back with Space, the focus returning to Guide; a page in it is followed."""
    page = open_at(narrow, width, "faq/")
    tab_to(page, is_button("Navigation"))
    press(page, "Enter")
    stops = tab_to(page, lambda stop: stop["inDrawer"] and stop["name"] == "Guide")

    first = press(page, "Enter")
    assert first["inDrawer"]
    assert first["href"].endswith("guide/patterns/"), first
    title = tab_to(page, lambda stop: stop["name"] == "Guide", backwards=True)
    assert (title[-1]["tag"], title[-1]["inDrawer"]) == ("label", True)
    guide = press(page, "Space")
    assert (guide["tag"], guide["name"], guide["inDrawer"]) == ("label", "Guide", True)

    # Into the section again, and on to one of its pages.
    press(page, "Enter")
    stops += [first, *title, guide, *tab_to(page, lambda s: s["href"].endswith("strategies/"))]
    assert unseen(stops) == [], f"focus out of sight on: {unseen(stops)}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{narrow.site_url}guide/strategies/"
    narrow.assert_private(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_opens_by_keyboard_and_a_result_is_reached_and_followed(narrow, width):
    """On a page, Tab reaches the search button, Enter opens search with the focus in its
    field, typing finds pages, the arrow key reaches a result (Material's keys for results)
    and Enter follows it."""
    page = open_at(narrow, width, "faq/")
    stops = tab_to(page, is_button("Search"))
    assert stops[-1]["expanded"] == "false"
    field = press(page, "Enter")
    assert search_open(page)
    assert page.get_attribute(f"[{contract.TOGGLE_ATTRIBUTE}=__search]", "aria-expanded") == "true"
    assert field["isQuery"], field

    page.keyboard.type("glossary")
    results_settled(page, "glossary/")
    result = press(page, "ArrowDown")
    assert result["isResult"], result
    assert "glossary/" in result["href"], result
    assert unseen([*stops, field, result]) == [], unseen([*stops, field, result])
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(f"{narrow.site_url}glossary/")
    narrow.assert_private(page)


def test_escape_closes_search_and_gives_the_focus_back(narrow):
    """Space opens search; Escape closes it and puts the focus back on the search button,
    and the hidden search field is not a Tab stop of its own."""
    page = open_at(narrow, 375, "faq/")
    tab_to(page, is_button("Search"))
    assert press(page, "Space")["isQuery"]
    assert search_open(page)

    back = press(page, "Escape")
    assert not search_open(page)
    assert (back["tag"], back["name"]) == ("button", "Search")
    assert back["expanded"] == "false"
    after = press(page, "Tab")
    assert not after["isQuery"], "the out-of-sight search field took a Tab stop"
    assert not search_open(page)
    narrow.assert_private(page)
