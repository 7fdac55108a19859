/*
 * Offline, by choice. Nothing here stores anything until the reader presses "Make available
 * offline" on the privacy page: then the site's service worker (sw.js, at the site root)
 * stores the whole site on this device. "Remove the offline copy" unregisters it and deletes
 * what it stored. Loaded on every page (so a later "Forget everything" can call
 * window.efOffline.remove()), it only reads state unless a button is pressed.
 */
(function () {
  "use strict";
  var root = new URL("../../", document.currentScript.src).href; // assets/javascripts/ -> site
  var EF = window.efContract;
  var PREFIX = EF.storage.cachePrefix; // the worker's cache names (site_build/sw.js)
  var supported = "serviceWorker" in navigator && "caches" in window;

  async function registration() {
    if (!supported) return undefined;
    var found = await navigator.serviceWorker.getRegistration(root);
    return found && found.scope === root ? found : undefined;
  }

  // "on" (a complete copy is active), "working" (being stored) or "off".
  async function status() {
    var found = await registration();
    if (!found) return "off";
    return found.active ? "on" : "working";
  }

  function activated(worker) {
    return new Promise(function (resolve, reject) {
      if (worker.state === "activated") return resolve();
      worker.addEventListener("statechange", function () {
        if (worker.state === "activated") resolve();
        if (worker.state === "redundant") reject(new Error("the download did not complete"));
      });
    });
  }

  async function enable() {
    var found = await navigator.serviceWorker.register(root + "sw.js", { scope: root });
    try {
      await activated(found.installing || found.waiting || found.active);
    } catch (error) {
      if (!found.active) await remove(); // leave nothing half-stored behind
      throw error;
    }
  }

  // Unregister the worker and delete every copy it stored. Resolves when nothing is left.
  async function remove() {
    if (!supported) return;
    var found = await registration();
    if (found) await found.unregister();
    var names = await caches.keys();
    await Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0; })
      .map(function (name) { return caches.delete(name); }));
  }

  window.efOffline = { enable: enable, remove: remove, status: status };

  // The privacy page's controls (site_build/offline.py renders them), if this page has them.
  var box = document.querySelector("[" + EF.attributes.offline + "]");
  if (!box) return;
  var text = box.querySelector(".ef-offline__status");
  var enableButton = box.querySelector("[" + EF.attributes.offline + '="enable"]');
  var removeButton = box.querySelector("[" + EF.attributes.offline + '="remove"]');
  var MESSAGES = {
    off: "This site is not stored on this device.",
    working: "Storing the site on this device. Keep this page open; it takes a moment.",
    on: "This site is stored on this device: every page and worksheet works without a connection.",
    unsupported: "This browser cannot keep an offline copy of this site (a private window often cannot).",
  };

  function show(state, message) {
    text.dataset.state = state;
    text.textContent = message || MESSAGES[state];
    enableButton.disabled = state !== "off" && state !== "failed";
    removeButton.disabled = state !== "on" && state !== "failed";
  }

  async function run(action, done) {
    show("working");
    try {
      await action();
      show(done);
    } catch (error) {
      show("failed", "That did not work (" + error.message + "). You can try again.");
    }
  }

  enableButton.addEventListener("click", function () { run(enable, "on"); });
  removeButton.addEventListener("click", function () { run(remove, "off"); });
  if (!supported) show("unsupported");
  else status().then(function (state) { show(state); });
})();
