/*
 * Material for MkDocs remembers small preferences (colour scheme, chosen tab, search state)
 * through the globals __md_get / __md_set, which write to localStorage and sessionStorage.
 * Equal Footing promises that nothing is stored unless the reader asks, so this file (loaded
 * in place of Material's inline definitions) keeps those preferences in memory for the life
 * of the page, with the same signatures.
 */
var __md_memory = new Map();
// Same scope as Material's: the site root, found from this file's own address.
var __md_scope = new URL("../../", document.currentScript.src);
var __md_hash = function (text) {
  return Array.from(text).reduce(function (hash, char) {
    return (hash << 5) - hash + char.charCodeAt(0);
  }, 0);
};
var __md_get = function (key, _storage, scope) {
  var value = __md_memory.get((scope || __md_scope).pathname + "." + key);
  return value === undefined ? null : JSON.parse(value);
};
var __md_set = function (key, value, _storage, scope) {
  __md_memory.set((scope || __md_scope).pathname + "." + key, JSON.stringify(value));
};
