/* The device's queue of reports submitted without a connection, kept in IndexedDB so that both the
   page (draft_autosave.js) and the service worker (offline_worker.js, served with this file in
   front of it) can read it. One entry per form, by its data-autosave key:
   { key, user, url, action, entries: [[name, value], ...], state, queued (when) }; a value is a
   string, or { file: Blob, name } for a photo of the incident form. Its state is "waiting" to be
   sent; "sent" once the server took it (its data gone; the page says "terkirim" once, and where it
   went: ``arrived``); "refused" when the server refused it with its reasons (the operator was told;
   a page posts it again to show them beside the fields); "held" when the server did not take it from the worker (a newer version, an error, a
   signed-out session): the page then posts it itself, so the operator sees the server's answer. */
var DeskQueue = (function () {
  "use strict";
  var NAME = "desk-offline";
  var STORE = "queue";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(request.result);
        };
        transaction.onerror = transaction.onabort = function () {
          db.close();
          reject(transaction.error);
        };
      });
    });
  }

  return {
    CHANNEL: "desk-queue",  /* the worker tells open pages here what became of an entry */
    put: function (entry) { return run("readwrite", function (store) { return store.put(entry); }); },
    all: function () { return run("readonly", function (store) { return store.getAll(); }); },
    remove: function (key) { return run("readwrite", function (store) { return store.delete(key); }); },
    /* The entry, deleted in the same transaction: of two pages that want it, one gets it. */
    take: function (key) {
      var found = null;
      return run("readwrite", function (store) {
        var request = store.get(key);
        request.onsuccess = function () {
          found = request.result || null;
          if (found) store.delete(key);
        };
        return request;
      }).then(function () { return found; });
    },
    clear: function () { return run("readwrite", function (store) { return store.clear(); }); }
  };
})();
