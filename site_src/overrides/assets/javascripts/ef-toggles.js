/*
 * Material's drawer, search and navigation sub-menus, by keyboard.
 *
 * Material opens them with <label>s for hidden checkboxes (#__drawer, #__search, __nav_*):
 * fine for a pointer, but a label takes no Tab stop and may not be given a button's role.
 *
 * Header: the drawer and search buttons in overrides/partials/header.html are real <button>s
 * (a name, aria-expanded). They start hidden; this script shows them in place of Material's
 * labels, so without it the labels still work for a pointer. Opening the drawer moves the
 * focus to its first item; Escape closes it and gives the focus back to its button, as does
 * Escape in search (below Material's search breakpoint, where the button shows). Tabbing out
 * of the open drawer closes it. Material's own keys stay: in search, the arrows move through
 * the results and Tab closes it.
 *
 * Drawer: while it is a drawer (below Material's 76.25em breakpoint), each sub-menu label
 * (a section, the page's contents, and the title that leads back) is a Tab stop that Enter or
 * Space opens, and the focus follows into the sub-menu and back. equal-footing.css hides
 * what is out of sight (the closed drawer, closed sub-menus, what an open one covers), so no
 * Tab stop is invisible.
 */
(function () {
  "use strict";
  var DRAWER_WIDTHS = window.matchMedia("(max-width: 76.234375em)");
  var SEARCH_WIDTHS = window.matchMedia("(max-width: 59.984375em)");
  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var sidebar = document.querySelector(".md-sidebar--primary");
  var query = document.querySelector("[data-md-component=search-query]");
  var buttons = {};

  function shown(element) {
    return element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
  }

  function tabStops(root) {
    var candidates = root.querySelectorAll("a[href], button, input, [tabindex]");
    return Array.prototype.filter.call(candidates, function (element) {
      return element.tabIndex >= 0 && !element.disabled && shown(element);
    });
  }

  function focus(element) {
    // The drawer and its sub-menus slide in: scrolling to the focus would shift them.
    if (element) element.focus({ preventScroll: true });
  }

  // -- Header buttons ------------------------------------------------------------------------

  var attribute = window.efContract.attributes.toggle;
  document.querySelectorAll("button[" + attribute + "]").forEach(function (button) {
    var target = button.getAttribute(attribute);
    var toggle = document.getElementById(target);
    var label = document.querySelector('.md-header label[for="' + target + '"]');
    if (!toggle || !label) return;
    buttons[toggle.id] = button;
    label.hidden = true;
    button.hidden = false;
    button.setAttribute("aria-expanded", String(toggle.checked));
    toggle.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    });
    button.addEventListener("click", function () {
      toggle.click();
      // As Material does for its label: a phone shows its keyboard only for a focus given
      // during the tap itself.
      if (toggle === search && search.checked && query) query.focus();
    });
  });

  // Below the search breakpoint the search field is out of sight until search opens, and
  // focusing it opens search: the button is the Tab stop instead.
  function searchFieldStop() {
    if (!query) return;
    if (buttons.__search && SEARCH_WIDTHS.matches && !search.checked) query.tabIndex = -1;
    else query.removeAttribute("tabindex");
  }

  if (search) search.addEventListener("change", searchFieldStop);
  SEARCH_WIDTHS.addEventListener("change", searchFieldStop);
  searchFieldStop();

  if (drawer && sidebar) {
    drawer.addEventListener("change", function () {
      if (drawer.checked && DRAWER_WIDTHS.matches) focus(tabStops(sidebar)[0]);
    });
    // Tabbing (or clicking) out of the open drawer closes it.
    document.addEventListener("focusin", function (event) {
      if (drawer.checked && DRAWER_WIDTHS.matches && !sidebar.contains(event.target)) {
        drawer.click();
      }
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (drawer && drawer.checked && DRAWER_WIDTHS.matches) {
      drawer.click();
      focus(buttons.__drawer);
    } else if (search && search.checked && buttons.__search && shown(buttons.__search)) {
      search.click(); // before Material's own Escape, which would only blur the field
      focus(buttons.__search);
    }
  });

  // -- Sub-menus inside the drawer ------------------------------------------------------------

  if (!sidebar) return;
  var subLabels = Array.prototype.filter.call(
    sidebar.querySelectorAll("label[for]"),
    function (label) { return label.htmlFor !== "__drawer"; }
  );

  function subMenu(toggle) {
    return toggle.parentElement.querySelector(":scope > .md-nav");
  }

  var materialTabindex = subLabels.map(function (label) { return label.getAttribute("tabindex"); });
  subLabels.forEach(function (label) {
    // An icon-only label (a section that is also a page) is named after its sub-menu.
    if (!label.textContent.trim()) {
      var toggle = document.getElementById(label.htmlFor);
      var title = toggle && subMenu(toggle) && subMenu(toggle).querySelector(":scope > .md-nav__title");
      if (title) label.setAttribute("aria-label", title.textContent.trim());
    }
  });

  function subLabelStops() {
    subLabels.forEach(function (label, index) {
      var wide = materialTabindex[index];
      if (DRAWER_WIDTHS.matches) label.setAttribute("tabindex", "0");
      else if (wide === null) label.removeAttribute("tabindex");
      else label.setAttribute("tabindex", wide);
    });
  }
  DRAWER_WIDTHS.addEventListener("change", subLabelStops);
  subLabelStops();

  sidebar.addEventListener("keydown", function (event) {
    var label = event.target;
    if (!DRAWER_WIDTHS.matches || subLabels.indexOf(label) < 0) return;
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault(); // Space would scroll
    event.stopPropagation(); // Material's own Enter would click the label a second time
    label.click();
  });

  // The focus follows: into a sub-menu opened (its first page), back to the label that
  // opened it when it closes.
  sidebar.addEventListener("change", function (event) {
    var toggle = event.target;
    var menu = toggle.classList.contains("md-nav__toggle") && subMenu(toggle);
    if (!menu || !DRAWER_WIDTHS.matches || !sidebar.contains(document.activeElement)) return;
    if (toggle.checked) {
      var list = menu.querySelector(":scope > .md-nav__list");
      focus(tabStops(list)[0] || tabStops(menu)[0]);
    } else {
      focus(toggle.parentElement.querySelector(':scope label[for="' + toggle.id + '"]'));
    }
  });
})();
