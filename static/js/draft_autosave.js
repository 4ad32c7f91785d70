/* Draft autosave for weak connections.
 *
 * A form with data-autosave="<key>" keeps what is typed in this browser (localStorage) while the
 * user types, so a lost connection or an accidental reload loses nothing: on the next visit the
 * [data-autosave-banner] inside the form offers the draft back. data-autosave-version (the server's
 * version of the record) tells a submission the server took from one that never arrived; a form
 * with data-autosave-keep (two versions to choose from) keeps what it shows until one is chosen,
 * and [data-autosave-drop] (keep the server's) discards it.
 *
 * Offline, a submission waits on the device (DeskQueue, offline_queue.js) and
 * [data-autosave-offline] says so; the service worker sends it when the connection returns and
 * the page, reloaded, shows [data-autosave-sent] instead. One the server refused (the worker says so)
 * is posted again by the page, which the server answers with its reasons beside the fields and the
 * queued values in them, kept as a draft; [data-autosave-refused] says so meanwhile. Forms with data-autosave-clear (sign out)
 * remove every draft and queued report. Every text comes from the page, translated by Django.
 */
(function () {
  "use strict";

  var PREFIX = "desk-draft:";
  var user = document.body.getAttribute("data-offline-user") || "";
  var signingOut = false;
  var SKIPPED = ["hidden", "password", "file", "submit", "button", "reset"];

  function storage() {
    try {
      window.localStorage.setItem(PREFIX + "probe", "1");
      window.localStorage.removeItem(PREFIX + "probe");
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !field.disabled && SKIPPED.indexOf(field.type) === -1;
    });
  }

  /* A count is kept as its digits ("9400", not the "9.400" or "9,400" of the page's language), so
     a draft survives a change of language and equals the server's value written either way. */
  var GROUPED = /^-?\d{1,3}([.,\s\u00a0\u202f]\d{3})+$/;

  function isCount(field) {
    return field.hasAttribute("data-count");
  }

  function raw(field) {
    var value = field.value.trim();
    return isCount(field) && GROUPED.test(value) ? value.replace(/[^\d-]/g, "") : field.value;
  }

  function shown(field, value) {
    if (!isCount(field) || !/^-?\d+$/.test(value)) return value;
    return new Intl.NumberFormat(document.documentElement.lang || "id").format(Number(value));
  }

  function snapshot(form) {
    var values = {};
    fields(form).forEach(function (field) {
      var list = values[field.name] || (values[field.name] = []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) list.push(field.value);
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.selectedOptions, function (option) { list.push(option.value); });
      } else {
        list.push(raw(field));
      }
    });
    return values;
  }

  function apply(form, values) {
    var position = {};
    fields(form).forEach(function (field) {
      var list = values[field.name];
      if (!list) return;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = list.indexOf(field.value) !== -1;
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = list.indexOf(option.value) !== -1;
        });
      } else {
        var index = position[field.name] || 0;
        if (index < list.length) field.value = shown(field, list[index]);
        position[field.name] = index + 1;
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function sameValues(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function read(store, key) {
    try {
      return JSON.parse(store.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function localTime(timestamp) {
    var options = { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Makassar" };
    return new Intl.DateTimeFormat(document.documentElement.lang || "id", options).format(new Date(timestamp));
  }

  function offer(form, banner, draft, store, key) {
    var time = banner.querySelector("[data-autosave-time]");
    if (time) {
      time.textContent = localTime(draft.saved);
      time.setAttribute("datetime", new Date(draft.saved).toISOString());
    }
    banner.hidden = false;
    banner.querySelector("[data-autosave-restore]").addEventListener("click", function () {
      apply(form, draft.values);
      banner.hidden = true;
      var first = fields(form)[0];
      if (first) first.focus();
    });
    banner.querySelector("[data-autosave-discard]").addEventListener("click", function () {
      store.removeItem(key);
      banner.hidden = true;
    });
  }

  function watch(form, store) {
    var name = form.getAttribute("data-autosave");
    var key = PREFIX + name;
    var version = form.getAttribute("data-autosave-version") || "";
    var banner = form.querySelector("[data-autosave-banner]");
    var offline = form.querySelector("[data-autosave-offline]");
    var sent = form.querySelector("[data-autosave-sent]");
    var refused = form.querySelector("[data-autosave-refused]");
    var timer = null;
    var submitting = false;
    var touched = false;  /* only what was typed here is kept: a page merely left keeps an older draft */

    /* The draft is offered back unless the server took it: submitted from here (the version moved
       on), sent by the worker from the queue (sentEntry) with nothing typed after it was queued, or
       holding what the page shows. */
    function check(sentEntry) {
      var draft = read(store, key);
      if (!draft || !draft.values) return;
      var queued = sentEntry && draft.saved <= sentEntry.queued;
      var arrived = queued || (draft.submitted && draft.version !== version);
      if (arrived || sameValues(draft.values, snapshot(form))) {
        store.removeItem(key);
      } else if (banner) {
        offer(form, banner, draft, store, key);
      }
    }

    function save(submitted) {
      window.clearTimeout(timer);
      if (signingOut) return;
      try {
        store.setItem(key, JSON.stringify({
          saved: Date.now(), version: version, submitted: submitted, values: snapshot(form)
        }));
      } catch (error) {
        /* A full storage only loses the draft, never the form. */
      }
    }

    function notice(shown) {
      if (offline) offline.hidden = shown !== offline;
      if (sent) sent.hidden = shown !== sent;
      if (refused) refused.hidden = shown !== refused;
      if (shown) shown.focus();
    }

    document.querySelectorAll("[data-autosave-drop]").forEach(function (link) {
      link.addEventListener("click", function () {
        touched = false;
        store.removeItem(key);
      });
    });

    form.addEventListener("input", function () {
      touched = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { save(false); }, 400);
    });
    form.addEventListener("change", function () {
      touched = true;
      save(false);
    });
    form.addEventListener("submit", function (event) {
      if (navigator.onLine === false) {
        event.preventDefault();
        save(false);
        touched = false;  /* the queued copy holds it all; only what is typed next is a draft */
        queue(form, event.submitter, name);
        notice(offline);
        return;
      }
      submitting = true;
      save(true);
    });
    /* An accidental reload or a closed tab keeps even the last keystrokes. */
    window.addEventListener("pagehide", function () {
      if (touched && !submitting) save(false);
    });

    /* This form's queued report: while it waits the notice says so; with a connection the worker
       sends it (the path Background Sync takes too), and once it has arrived the page (reloaded
       with what the server now holds) says "terkirim". One the worker could not deliver (a newer
       version on the server, a signed-out session), or any without a worker, the page posts
       itself, so the operator sees the server's answer; another user's is deleted, never sent. */
    function deliver() {
      DeskQueue.all().then(function (entries) {
        entries.forEach(function (entry) {
          if (entry.key !== name) return;
          if (entry.user !== user) {
            DeskQueue.remove(entry.key);
          } else if (entry.state === "sent") {
            DeskQueue.remove(entry.key);
            notice(sent);
          } else if (entry.state === "refused") {
            /* Told already (the worker's post): this page shows why, once, whichever page takes it. */
            notice(refused);
            DeskQueue.take(entry.key).then(function (taken) { if (taken) post(taken, true); });
          } else if (navigator.onLine === false) {
            notice(offline);
          } else if (entry.state === "waiting" && navigator.serviceWorker && navigator.serviceWorker.controller) {
            notice(offline);
            navigator.serviceWorker.controller.postMessage({ send: true });
          } else {
            DeskQueue.remove(entry.key).then(function () { post(entry); });
          }
        });
      }).catch(function () { /* no queue on this device: drafts only */ });
    }

    if (window.BroadcastChannel) {
      new BroadcastChannel(DeskQueue.CHANNEL).addEventListener("message", function (event) {
        if (!event.data || event.data.key !== name) return;
        if (event.data.state === "sent") {
          window.location.reload();
        } else {
          deliver();
        }
      });
    }
    window.addEventListener("online", deliver);
    DeskQueue.all().catch(function () { return []; }).then(function (entries) {
      check(entries.filter(function (entry) { return entry.key === name && entry.state === "sent"; })[0]);
      /* Two versions shown side by side: what was posted stays on the device until one is chosen. */
      if (form.hasAttribute("data-autosave-keep")) save(false);
      deliver();
    });
  }

  /* A submission made offline, kept as the browser would have posted it (the CSRF token, the
     loaded version and who queued it included), and Background Sync asked to send it. */
  function queue(form, submitter, name) {
    var entries = [];
    new FormData(form).forEach(function (value, field) {
      if (typeof value === "string") entries.push([field, value]);
    });
    var action = submitter && submitter.name === "action" ? submitter.value : "";
    if (action) entries.push(["action", action]);
    entries.push(["queued", String(Date.now())]);  /* the server tells the operator if it refuses it */
    var url = new URL(form.getAttribute("action") || "", window.location.href).href;  /* form.action is its buttons */
    var entry = {
      key: name, user: user, url: url, action: action, entries: entries, state: "waiting", queued: Date.now()
    };
    DeskQueue.put(entry).then(function () {
      return navigator.serviceWorker && navigator.serviceWorker.controller ? navigator.serviceWorker.ready : null;
    }).then(function (registration) {
      if (registration && registration.sync) return registration.sync.register(DeskQueue.CHANNEL);
      return null;
    }).catch(function () { /* the draft stays; the next open with a connection sends the queue */ });
  }

  /* The queued submission posted by the page, as it was: the server's answer replaces the page.
     ``told``: the server refused it already and told the operator; it only shows why now. */
  function post(entry, told) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = entry.url;
    form.hidden = true;
    entry.entries.forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      form.appendChild(input);
    });
    if (told) {
      var mark = document.createElement("input");
      mark.type = "hidden";
      mark.name = "told";
      mark.value = "1";
      form.appendChild(mark);
    }
    document.body.appendChild(form);
    form.submit();
  }

  function clearAll(store) {
    Object.keys(store).forEach(function (key) {
      if (key.indexOf(PREFIX) === 0) store.removeItem(key);
    });
    DeskQueue.clear().catch(function () { /* nothing was queued */ });
  }

  var store = storage();
  if (!store) return;
  document.querySelectorAll("form[data-autosave]").forEach(function (form) { watch(form, store); });
  document.querySelectorAll("form[data-autosave-clear]").forEach(function (form) {
    form.addEventListener("submit", function () {
      signingOut = true;
      clearAll(store);
    });
  });
})();
