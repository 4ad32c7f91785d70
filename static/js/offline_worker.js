/* Desk Pilkada's service worker: the operator's pages (/laporan/...) and the static files open
   without a connection, from the copy of the last time they loaded. Network first, so a page is
   never older than it must be; copies are kept per user (the cache is named by the key the page
   registered the worker with), other users' copies are deleted when a new user's worker takes
   over, and signing out deletes them all. POSTs are never stored or answered from the cache. */
"use strict";

var PREFIX = "desk-offline-";
var USER = new URL(self.location.href).searchParams.get("u") || "";
var CACHE = PREFIX + USER;
var KEPT = /^\/(laporan\/|static\/)/;
var LOGOUT = "/akun/logout/";
var signedOut = false;

function ours(url) {
  return url.origin === self.location.origin && KEPT.test(url.pathname);
}

function forget(except) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== except;
    }).map(function (name) { return caches.delete(name); }));
  });
}

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(forget(CACHE).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method === "POST" && url.pathname === LOGOUT) {
    signedOut = true;
    event.waitUntil(forget(null).then(function () { return self.registration.unregister(); }));
    return;
  }
  if (!USER || signedOut || request.method !== "GET" || !ours(url)) return;
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && !response.redirected && !signedOut) {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(request, copy); }));
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(request); }).then(function (kept) {
      return kept || Response.error();
    });
  }));
});

/* The page that registered the worker names itself and its files: kept from the first visit on. */
self.addEventListener("message", function (event) {
  if (!USER || signedOut || !event.data || !Array.isArray(event.data.keep)) return;
  var urls = event.data.keep.filter(function (address) { return ours(new URL(address)); });
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(urls); }));
});
