/*
 * "Forget everything on this device": erase every byte this site could have stored in this
 * browser: localStorage and sessionStorage, IndexedDB databases, Cache Storage, service
 * workers (the offline copy) and cookies (the site sets none, but any found go too).
 * Plain JavaScript on every page, so it works on guide pages, which load no Python.
 * Buttons opt in with the forget attribute, and a status element with the forget-status one
 * reports; when done it dispatches the "forgotten" event on document, so a worksheet page can
 * reset itself. Every name comes from ef-contract.js (generated from worksheets/contract.py).
 */
(function () {
  "use strict";
  var EF = window.efContract;

  async function forgetEverything() {
    localStorage.clear();
    sessionStorage.clear();
    document.cookie.split(";").forEach(function (pair) {
      var name = pair.split("=")[0].trim();
      if (name) document.cookie = name + "=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
    });
    if (window.efOffline) await window.efOffline.remove();
    if ("serviceWorker" in navigator) {
      var registrations = await navigator.serviceWorker.getRegistrations();
      await Promise.all(registrations.map(function (r) { return r.unregister(); }));
    }
    if ("caches" in window) {
      var names = await caches.keys();
      await Promise.all(names.map(function (name) { return caches.delete(name); }));
    }
    if (window.indexedDB && indexedDB.databases) {
      var databases = await indexedDB.databases();
      await Promise.all(databases.map(function (db) {
        return new Promise(function (resolve) {
          var request = indexedDB.deleteDatabase(db.name);
          request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
        });
      }));
    }
    document.dispatchEvent(new CustomEvent(EF.events.forgotten));
  }

  window.efForgetEverything = forgetEverything;

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[" + EF.attributes.forget + "]");
    if (!button) return;
    var status = document.querySelector("[" + EF.attributes.forgetStatus + "]");
    var question = "Erase everything this site has stored in this browser: kept answers, " +
      "settings and the offline copy? Files you downloaded are not touched.";
    if (!window.confirm(question)) return;
    button.disabled = true;
    forgetEverything().then(function () {
      if (status) status.textContent = "Done: this site has nothing stored in this browser any more.";
    }, function (error) {
      if (status) status.textContent = "Something could not be erased (" + error.message + "). Try again, or clear this site's data in the browser's settings.";
    }).finally(function () { button.disabled = false; });
  });
})();
