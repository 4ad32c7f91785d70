/* Desk Pilkada's service worker: the operator's pages (/laporan/...), the incident form and the static files open
   without a connection, from the copy of the last time they loaded. Network first, so a page is
   never older than it must be; copies are kept per user (the cache is named by the key the page
   registered the worker with), other users' copies are deleted when a new user's worker takes
   over, and signing out deletes them all. POSTs are never stored or answered from the cache.
   Reports submitted without a connection wait in DeskQueue (offline_queue.js, served in front of
   this file) and are sent from here: on Background Sync's "sync" where the browser has it, and
   when an open page asks (it came back online, or it was opened). */
"use strict";

var PREFIX = "desk-offline-";
var USER = new URL(self.location.href).searchParams.get("u") || "";
var CACHE = PREFIX + USER;
var KEPT = /^\/(laporan\/|static\/|kejadian\/baru\/$)/;
var LOGOUT = "/akun/logout/";
var LOGIN = "/akun/login/";  /* a signed-out session's post lands here: not arrived */
var signedOut = false;
var sending = Promise.resolve();
var pages = self.BroadcastChannel ? new BroadcastChannel(DeskQueue.CHANNEL) : null;  /* open pages */

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
    event.waitUntil(Promise.all([forget(null), DeskQueue.clear()]).then(function () {
      return self.registration.unregister();
    }));
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

/* The page that registered the worker names itself and its files (kept from the first visit on);
   an open page back online asks for the queue to be sent. */
self.addEventListener("message", function (event) {
  if (!USER || signedOut || !event.data) return;
  if (event.data.send) event.waitUntil(deliver());
  if (!Array.isArray(event.data.keep)) return;
  var urls = event.data.keep.filter(function (address) { return ours(new URL(address)); });
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(urls); }));
});

self.addEventListener("sync", function (event) {
  if (event.tag === DeskQueue.CHANNEL) event.waitUntil(deliver());
});

/* The queued reports, one at a time and never twice at once (a sync and a page may ask together).
   A post that does not arrive (still no connection) rejects, so Background Sync tries again. */
function deliver() {
  var run = sending.then(function () { return DeskQueue.all(); }).then(function (entries) {
    return entries.reduce(function (chain, entry) {
      return chain.then(function () { return send(entry); });
    }, Promise.resolve());
  });
  sending = run.catch(function () { /* the next sync or page tries again */ });
  return run;
}

/* One report, posted as the page would have (its CSRF token and loaded version) with this
   browser's session cookie, so the server checks the user as for any post; only this worker's
   user's reports go, another user's are deleted. Answered by the report's page (the save
   redirects there; an incident to its own page) it has arrived: only that it did and where is kept,
   for the page to say "terkirim". Refused with the server's reasons (the server marks that answer
   and tells the operator by the bell) it is kept for a page to show why. Any other answer (a newer
   version on the server, a signed-out session, an error) holds it for the page to post itself,
   where the operator sees that answer. */
function send(entry) {
  if (signedOut) return null;
  if (entry.user !== USER) return DeskQueue.remove(entry.key);
  if (entry.state !== "waiting") return null;
  return fetch(entry.url, { method: "POST", body: body(entry.entries), credentials: "same-origin" }).then(function (response) {
    var arrived = response.redirected && new URL(response.url).pathname !== LOGIN;
    var refused = response.headers.get("X-Desk-Queue") === "refused";
    var state = arrived ? "sent" : refused ? "refused" : "held";
    var kept = Object.assign({}, entry, { state: state });
    if (arrived) {
      delete kept.entries;  /* its CSRF token and data are of no more use */
      kept.arrived = response.url;
    }
    return DeskQueue.put(kept).then(function () {
      if (pages) pages.postMessage({ key: entry.key, state: state, url: entry.url });
    });
  });
}

/* A form of text only goes as the browser posts it; one with a photo as multipart. */
function body(entries) {
  if (!entries.some(function (pair) { return typeof pair[1] !== "string"; })) return new URLSearchParams(entries);
  var data = new FormData();
  entries.forEach(function (pair) {
    if (typeof pair[1] === "string") data.append(pair[0], pair[1]);
    else data.append(pair[0], pair[1].file, pair[1].name);
  });
  return data;
}
