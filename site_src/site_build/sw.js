/*
 * Equal Footing's offline copy: a service worker that keeps the whole built site on this
 * device, installed only when the reader presses "Make available offline" on the privacy
 * page. Generated after each build (site_build/offline.py) with the list of every file and
 * its sha256, so the browser verifies each file as it stores it; a new build changes this
 * file, the browser installs the new copy and the old one is deleted.
 */
"use strict";
const VERSION = "__VERSION__";
const FILES = __FILES__; // [path relative to this file, "sha256-..."]
const PREFIX = "__CACHE_PREFIX__"; // worksheets/contract.py: CACHE_PREFIX
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // cache: "reload" skips the HTTP cache; integrity refuses a file that is not this build's.
    await cache.addAll(FILES.map(([path, integrity]) =>
      new Request(new URL(path, self.registration.scope), { cache: "reload", integrity })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// Answer from the copy; what it lacks (another build's file) still comes from the network.
self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -10);
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(url.href, { ignoreSearch: true });
    return hit || fetch(event.request);
  })());
});
