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
