/* The installable app on the page's side: on an operator's page (body[data-offline-user]) the
   service worker is registered under this user's key and handed the page and its files to keep;
   [data-offline-notice] shows while there is no connection (the page then comes from the copy of
   the time it names); signing out deletes the copies and the worker. */
(function () {
  "use strict";
  var PREFIX = "desk-offline-";
  var body = document.body;
  var user = body.getAttribute("data-offline-user");
  var worker = body.getAttribute("data-offline-worker");
  var sw = navigator.serviceWorker;
  var notice = document.querySelector("[data-offline-notice]");

  function show() {
    if (notice) notice.hidden = navigator.onLine !== false;
  }
  show();
  window.addEventListener("online", show);
  window.addEventListener("offline", show);

  /* A queued report the server refused is told on every open page of the operator's; the page
     holding its form shows the reasons itself (draft_autosave.js). */
  var refused = document.querySelector("[data-queue-refused]");
  function tell(key, url) {
    if (!refused || document.querySelector('form[data-autosave="' + key + '"]')) return;
    var link = refused.querySelector("[data-queue-refused-link]");
    if (link && url) link.href = url;
    refused.hidden = false;
  }
  if (refused && user && window.DeskQueue) {
    if (window.BroadcastChannel) {
      new BroadcastChannel(DeskQueue.CHANNEL).addEventListener("message", function (event) {
        if (event.data && event.data.state === "refused") tell(event.data.key, event.data.url);
      });
    }
    DeskQueue.all().then(function (entries) {
      entries.forEach(function (entry) {
        if (entry.user === user && entry.state === "refused") tell(entry.key, entry.url);
      });
    }).catch(function () { /* no queue on this device */ });
  }

  document.querySelectorAll("form[data-autosave-clear]").forEach(function (form) {
    form.addEventListener("submit", function () {
      if (window.caches) {
        caches.keys().then(function (names) {
          names.forEach(function (name) { if (name.indexOf(PREFIX) === 0) caches.delete(name); });
        });
      }
      if (sw) {
        sw.getRegistrations().then(function (all) { all.forEach(function (r) { r.unregister(); }); });
      }
    });
  });

  if (!user || !worker || !sw || navigator.onLine === false) return;
  /* A page this user's worker served is kept already, with its files; handing them over again would
     fetch the page a second time on every visit. */
  var served = sw.controller !== null && new URL(sw.controller.scriptURL).searchParams.get("u") === user;
  sw.register(worker + "?u=" + encodeURIComponent(user), { scope: "/" }).then(function () {
    return sw.ready;
  }).then(function (registration) {
    if (served) return;
    var files = [window.location.href];
    document.querySelectorAll("script[src], link[rel=stylesheet], link[rel=icon]").forEach(function (el) {
      files.push(el.src || el.href);
    });
    var icons = document.querySelector("svg.bi use");
    if (icons) files.push(new URL(icons.getAttribute("href"), window.location.href).href.split("#")[0]);
    registration.active.postMessage({ keep: files });
  }).catch(function () { /* without a worker the pages still work online */ });
})();
