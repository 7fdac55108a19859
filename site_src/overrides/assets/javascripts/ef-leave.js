/*
 * Leaving a page, on purpose or by accident.
 *
 * Leave quickly: the "Leave quickly" link in the header, or Escape pressed twice within a
 * second, hides the page and drops what was typed, points this history entry at the site's
 * home, then replaces the page with a neutral one (its address is `extra.quick_exit.url` in
 * mkdocs.yml, carried by this script tag's data-destination). location.replace() means Back
 * does not come back to this page. Earlier pages of this tab's history cannot be erased by
 * any page: the privacy page says so.
 *
 * Never lose a worksheet by accident: once something is typed into the worksheet form
 * (#ef-form) and not yet saved (the page announces `ef:saved` after a download, an import,
 * or a save by opt-in keeping), leaving or reloading asks first. Leave quickly never asks.
 *
 * Loaded in <head> on every page, so both work from first paint, before Python has loaded;
 * every listener is on the document, so elements parsed later are covered.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var destination = script.dataset.destination;
  var home = new URL("../../", script.src).href; // this file lives in assets/javascripts/
  var DOUBLE_PRESS_MS = 1000;
  var lastEscape = 0;
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
    document.querySelectorAll(".ef-worksheet").forEach(function (block) { block.remove(); });
    document.querySelectorAll("form").forEach(function (form) { form.reset(); });
    try {
      history.replaceState(null, "", home);
    } catch (error) { /* a file:// page cannot rewrite its entry; replace() still runs */ }
    location.replace(destination);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-ef-quick-exit]");
    if (!link || event.button !== 0) return;
    event.preventDefault(); // a plain link would leave this page in the Back history
    leaveQuickly();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.repeat) return;
    var now = Date.now();
    if (now - lastEscape <= DOUBLE_PRESS_MS) leaveQuickly();
    lastEscape = now;
  }, true);

  function inWorksheet(event) {
    return event.target.closest && event.target.closest("#ef-form");
  }

  document.addEventListener("input", function (event) {
    if (inWorksheet(event)) unsaved = true;
  });
  document.addEventListener("change", function (event) {
    if (inWorksheet(event)) unsaved = true;
  });
  document.addEventListener("ef:saved", function () { unsaved = false; });
  // The form has no action: submitting it (Enter in a lone text box) would only reload the
  // page and lose the answers.
  document.addEventListener("submit", function (event) {
    if (event.target.id === "ef-form") event.preventDefault();
  });

  window.addEventListener("beforeunload", function (event) {
    if (!unsaved || leaving) return;
    event.preventDefault();
    event.returnValue = ""; // older browsers need it set to show the prompt
  });
})();
