/*
 * Starts PyScript (and so the page's Python) so that a reader typing meanwhile is never kept
 * waiting long: on a phone (a CPU four times slower) PyScript's start holds the main thread
 * for 0.1 to 0.2 s at a time, and a key pressed then waits as long, its letter unpainted.
 *
 * - PyScript is imported once the page's own start-up is over and the browser is idle. (As
 *   a module at the end of <body> it ran in the same task as Material's DOMContentLoaded
 *   work: over 200 ms together.) The runtime itself was asked for early (preload hints).
 * - The longest step that cannot be split, PyScript's own Python start-up just before the
 *   page's Python runs, waits for a moment that suits the reader: at once if no key was
 *   pressed for a while, else just after the next key has been answered and painted, when
 *   the next key is furthest away; never longer than MOST_WAIT.
 *
 * If PyScript cannot be loaded, the status says so (the form, plain HTML, still works); a
 * page left before it loaded has nothing to say.
 */
(function () {
  var QUIET = 500; // ms without a key: the reader is not typing
  var MOST_WAIT = 1500; // ms: Python is never held back longer than this
  var names = window.efContract;
  var python = document.getElementById(names.ids.python);
  if (!python || !python.dataset.pyscript) return;
  var core = new URL(python.dataset.pyscript, document.baseURI).href;
  var leaving = false;
  var lastKey = -Infinity;
  window.addEventListener("pagehide", function () {
    leaving = true;
  });
  document.addEventListener("keydown", function () {
    lastKey = performance.now();
  }, true);

  function failed(error) {
    var status = document.getElementById(names.ids.status);
    if (leaving || !status) return;
    status.dataset.state = "failed";
    status.textContent = names.messages.startFailed.replace("{}", error.name || "Error");
  }

  // Resolves when the reader is not typing, or right after their next key has been painted.
  function goodMoment() {
    if (performance.now() - lastKey > QUIET) return Promise.resolve();
    return new Promise(function (resolve) {
      var done = false;
      function go() {
        if (done) return;
        done = true;
        document.removeEventListener("keyup", afterKey, true);
        resolve();
      }
      function afterKey() {
        // After this key's frame is painted (the letter shows), not before.
        requestAnimationFrame(function () {
          setTimeout(go, 0);
        });
      }
      document.addEventListener("keyup", afterKey, true);
      setTimeout(go, MOST_WAIT);
    });
  }

  function load() {
    import(core)
      .then(function (pyscript) {
        pyscript.hooks.main.onReady.add(goodMoment);
      })
      .catch(failed);
  }

  function start() {
    // WebKit has no requestIdleCallback: a timer is the next best turn.
    if (window.requestIdleCallback) requestIdleCallback(load, { timeout: 300 });
    else setTimeout(load, 0);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
