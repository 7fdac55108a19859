/*
 * Leaving a page, on purpose or by accident.
 *
 * Leave quickly: the "Leave quickly" link in the header, or the Shift key pressed three times
 * in a row, hides the page and drops what was typed, points this history entry at the site's
 * home, then replaces the page with a neutral one (its address is `extra.quick_exit.url` in
 * mkdocs.yml, carried by this script tag's data-destination). location.replace() means Back
 * does not come back to this page. Earlier pages of this tab's history cannot be erased by
 * any page: the privacy page says so.
 *
 * Why Shift, and never Escape: Escape is the key that closes the search, the menu, a tooltip
 * or a dialog, so a reader pressing it twice out of habit would lose a worksheet. The pattern
 * is GOV.UK's "Exit this page": only a Shift pressed and released on its own counts; any
 * other key (a capital letter, Shift+Tab), a click or a pause of PRESS_WINDOW_MS starts the
 * count again. Each press is announced to screen readers through a live region in the header.
 *
 * Never lose a worksheet by accident: once something is typed into the worksheet form and not
 * yet saved (the page announces NAMES.savedEvent after a download, an import, or a save by
 * opt-in keeping), leaving or reloading asks first. Leave quickly never asks.
 *
 * Loaded in <head> on every page, so both work from first paint, before Python has loaded;
 * every listener is on the document or the window, so elements parsed later are covered.
 */
(function () {
  "use strict";
  // Every name this script shares with the templates and the other scripts, in one place.
  // The page contract's names come from window.efContract (ef-contract.js, generated from
  // worksheets/contract.py, loaded just before this script); the rest are this script's own.
  var EF = window.efContract;
  var NAMES = {
    destinationData: "destination", // <script data-destination> (main.html)
    exitLink: "[" + EF.attributes.quickExit + "]", // the header link (partials/header.html)
    statusId: EF.ids.quickExitStatus, // the live region beside it (partials/header.html)
    worksheetBlock: "#" + EF.ids.worksheet, // a worksheet's form, preview and results
    formId: EF.ids.form, // the worksheet form
    savedEvent: EF.events.saved, // dispatched on the document when answers are safe
  };
  // What the live region says as the count goes up, and when it runs out.
  var MESSAGES = {
    1: "Shift pressed once. Press it twice more to leave this site.",
    2: "Shift pressed twice. Press it once more to leave this site.",
    3: "Leaving this site.",
    expired: "Leave quickly cancelled.",
  };
  var PRESSES_TO_LEAVE = 3;
  var PRESS_WINDOW_MS = 5000; // from one press to the next, as GOV.UK's "Exit this page"

  var script = document.currentScript;
  var destination = script.dataset[NAMES.destinationData];
  var home = new URL("../../", script.src).href; // this file lives in assets/javascripts/
  var presses = 0;
  var shiftAlone = false; // Shift is down and nothing else has happened since
  var timer = 0;
  var unsaved = false;
  var leaving = false;

  function leaveQuickly() {
    if (leaving) return;
    leaving = true;
    unsaved = false;
    // Nothing of this page stays on screen. The worksheet (form, preview, results) leaves the
    // page whole, without being emptied first: if the reader chose to keep answers, a save
    // already scheduled then stores what they typed, never a blank form. Other forms (the
    // search box) are emptied. The theme's own elements stay: its scripts expect them.
    document.documentElement.hidden = true;
    document.title = "";
    document.querySelectorAll(NAMES.worksheetBlock).forEach(function (block) { block.remove(); });
    document.querySelectorAll("form").forEach(function (form) { form.reset(); });
    try {
      history.replaceState(null, "", home);
    } catch (error) { /* a file:// page cannot rewrite its entry; replace() still runs */ }
    location.replace(destination);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(NAMES.exitLink);
    if (!link || event.button !== 0) return;
    event.preventDefault(); // a plain link would leave this page in the Back history
    leaveQuickly();
  });

  // -- Shift three times --------------------------------------------------------------------

  function announce(text) {
    var status = document.getElementById(NAMES.statusId);
    if (status) status.textContent = text;
  }

  function startAgain() {
    if (timer) clearTimeout(timer);
    timer = 0;
    if (presses > 0 && !leaving) announce("");
    presses = 0;
  }

  function expire() {
    timer = 0;
    presses = 0;
    announce(MESSAGES.expired);
  }

  // A press counts when Shift goes up with no other key, click or other modifier in between.
  window.addEventListener("keydown", function (event) {
    if (event.key === "Shift" && !event.repeat && !event.isComposing) {
      shiftAlone = !(event.ctrlKey || event.altKey || event.metaKey);
      return;
    }
    if (event.key === "Shift") return; // held down: auto-repeat
    shiftAlone = false; // any other key: a capital letter, Shift+Tab, Escape...
    startAgain();
  }, true);

  window.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var counts = shiftAlone && !event.isComposing;
    shiftAlone = false;
    if (!counts) return startAgain();
    presses += 1;
    if (timer) clearTimeout(timer);
    timer = 0;
    if (presses >= PRESSES_TO_LEAVE) {
      presses = 0;
      announce(MESSAGES[PRESSES_TO_LEAVE]);
      leaveQuickly();
      return;
    }
    announce(MESSAGES[presses]);
    timer = setTimeout(expire, PRESS_WINDOW_MS);
  }, true);

  // Shift+click selects text; it is not a press of Shift on its own.
  window.addEventListener("pointerdown", function () {
    shiftAlone = false;
    startAgain();
  }, true);
  // The window losing the focus (another app, a browser shortcut) starts the count again too.
  window.addEventListener("blur", function () {
    shiftAlone = false;
    startAgain();
  });

  function inWorksheet(event) {
    return event.target.closest && event.target.closest("#" + NAMES.formId);
  }

  document.addEventListener("input", function (event) {
    if (inWorksheet(event)) unsaved = true;
  });
  document.addEventListener("change", function (event) {
    if (inWorksheet(event)) unsaved = true;
  });
  document.addEventListener(NAMES.savedEvent, function () { unsaved = false; });
  // The form has no action: submitting it (Enter in a lone text box) would only reload the
  // page and lose the answers.
  document.addEventListener("submit", function (event) {
    if (event.target.id === NAMES.formId) event.preventDefault();
  });

  window.addEventListener("beforeunload", function (event) {
    if (!unsaved || leaving) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it set to show the prompt
  });
})();
