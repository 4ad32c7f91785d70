/* Draft autosave for weak connections.
 *
 * A form with data-autosave="<key>" keeps what is typed in this browser (localStorage) while the
 * user types, so a lost connection or an accidental reload loses nothing: on the next visit the
 * [data-autosave-banner] inside the form offers the draft back. data-autosave-version (the server's
 * version of the record) tells a submission the server took from one that never arrived. Offline,
 * submitting is held back and [data-autosave-offline] says so. Forms with data-autosave-clear (sign
 * out) remove every draft. Every text comes from the page, translated by Django; none is here.
 */
(function () {
  "use strict";

  var PREFIX = "desk-draft:";
  var QUEUE = "desk-queue:";
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
    var key = PREFIX + form.getAttribute("data-autosave");
    var queued = QUEUE + form.getAttribute("data-autosave");
    var version = form.getAttribute("data-autosave-version") || "";
    var banner = form.querySelector("[data-autosave-banner]");
    var offline = form.querySelector("[data-autosave-offline]");
    var draft = read(store, key);
    var timer = null;
    var submitting = false;
    var touched = false;  /* only what was typed here is kept: a page merely left keeps an older draft */

    if (draft && draft.values) {
      var arrived = draft.submitted && draft.version !== version;
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
        queue(form, event.submitter, store, queued);
        if (offline) {
          offline.hidden = false;
          offline.focus();
        }
        return;
      }
      submitting = true;
      save(true);
    });
    /* An accidental reload or a closed tab keeps even the last keystrokes. */
    window.addEventListener("pagehide", function () {
      if (touched && !submitting) save(false);
    });
    /* Back online with the page still open: what is on it now goes, with the version it was
       loaded with, so a report changed meanwhile on the server is refused, never overwritten. */
    window.addEventListener("online", function () {
      if (offline) offline.hidden = true;
      var waiting = read(store, queued);
      if (!waiting) return;
      store.removeItem(queued);
      var button = form.querySelector("button[name=action][value='" + waiting.action + "']");
      form.requestSubmit(button || undefined);
    });
    var waiting = read(store, queued);
    if (waiting && navigator.onLine !== false) {
      store.removeItem(queued);
      send(waiting);
    }
  }

  /* A submission made offline, kept as the browser would have posted it (the CSRF token and the
     loaded version included), to be sent when the connection returns. */
  function queue(form, submitter, store, queued) {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") entries.push([name, value]);
    });
    var action = submitter && submitter.name === "action" ? submitter.value : "";
    if (action) entries.push(["action", action]);
    try {
      store.setItem(queued, JSON.stringify({ url: form.action, action: action, entries: entries }));
    } catch (error) {
      /* A full storage keeps the draft only. */
    }
  }

  /* On the next open with a connection: the queued submission is posted as it was. */
  function send(waiting) {
    var post = document.createElement("form");
    post.method = "post";
    post.action = waiting.url;
    post.hidden = true;
    waiting.entries.forEach(function (entry) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = entry[0];
      input.value = entry[1];
      post.appendChild(input);
    });
    document.body.appendChild(post);
    post.submit();
  }

  function clearAll(store) {
    Object.keys(store).forEach(function (key) {
      if (key.indexOf(PREFIX) === 0 || key.indexOf(QUEUE) === 0) store.removeItem(key);
    });
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
