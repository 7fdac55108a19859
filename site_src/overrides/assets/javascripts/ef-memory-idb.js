/*
 * PyScript 0.7 opens IndexedDB databases named "IDBMap/..." on every page that loads it (a
 * store for file-system handles and a package cache), even when neither is used. Equal Footing
 * promises that nothing is stored unless the reader asks, so those databases get an in-memory
 * stand-in offering just the calls PyScript's IDBMap makes. Every other database is untouched.
 * Loaded as a classic script in <head>, before PyScript's module runs.
 */
(function () {
  var PREFIX = "IDBMap/";
  var factory = window.indexedDB;
  if (!factory) return;
  var realOpen = factory.open.bind(factory);
  var databases = new Map();

  // Answer like an IDBRequest: handlers are attached right after the call returns.
  function request(compute) {
    var req = { result: undefined, error: null, onsuccess: null, onerror: null };
    setTimeout(function () {
      req.result = compute();
      if (typeof req.onsuccess === "function") req.onsuccess({ type: "success", target: req });
    });
    return req;
  }

  function objectStore(entries) {
    return {
      count: function () { return request(function () { return entries.size; }); },
      clear: function () { return request(function () { entries.clear(); }); },
      delete: function (key) { return request(function () { entries.delete(key); }); },
      get: function (key) {
        return request(function () {
          return entries.has(key) ? structuredClone(entries.get(key)) : undefined;
        });
      },
      getKey: function (key) { return request(function () { return entries.has(key) ? key : undefined; }); },
      getAllKeys: function () { return request(function () { return Array.from(entries.keys()); }); },
      put: function (value, key) {
        return request(function () { entries.set(key, structuredClone(value)); return key; });
      },
    };
  }

  function database(name) {
    if (!databases.has(name)) databases.set(name, new Map());
    var entries = databases.get(name);
    return {
      name: name,
      objectStoreNames: { length: 1, contains: function () { return true; } },
      onabort: null, onclose: null, onerror: null, onversionchange: null,
      transaction: function () {
        return { objectStore: function () { return objectStore(entries); } };
      },
      close: function () {},
    };
  }

  factory.open = function (name, version) {
    if (typeof name === "string" && name.indexOf(PREFIX) === 0) {
      return request(function () { return database(name); });
    }
    return realOpen(name, version);
  };
})();
