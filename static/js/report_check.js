/* The server's rules, applied on the phone before a report submitted without a connection is
   queued (draft_autosave.js queues it), so that what waits on the device is what the server will
   take. The rules and their messages come from the page (<script type="application/json"
   id="report-rules">, made by reports/forms/precheck.py in the page's language): each field's
   bounds, the calendar's dates, a section's choice required before sending, the sections to confirm
   or change, the counts far from last week's. A broken rule puts the server's own words beside the
   field and nothing is queued. With a connection the server checks, as it always does anyway. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  var source = document.getElementById("report-rules");
  if (!form || !source) return;
  var rules = JSON.parse(source.textContent);
  var summary = form.querySelector("[data-precheck-summary]");
  var unusualBox = form.querySelector("[data-unusual-confirm]");
  var GROUPED = /^-?\d{1,3}([.,\s\u00a0\u202f]\d{3})+$/;

  function controls(name) {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name === name; });
  }

  function value(name) {
    var found = controls(name);
    var radios = found.filter(function (el) { return el.type === "radio"; });
    if (radios.length) {
      var chosen = radios.filter(function (el) { return el.checked; })[0];
      return chosen ? chosen.value : "";
    }
    return found.length ? found[0].value.trim() : "";
  }

  function checked(name) {
    return controls(name).some(function (el) { return el.checked; });
  }

  /* A count as the server reads it: digits, or digits grouped by thousands either way. */
  function count(text) {
    if (!text) return null;
    var digits = GROUPED.test(text) ? text.replace(/[^\d-]/g, "") : text;
    return /^-?\d+$/.test(digits) ? Number(digits) : NaN;
  }

  /* A date as the server reads it (dd/mm/yyyy, yyyy-mm-dd, dd-mm-yyyy), as yyyy-mm-dd; "" if none. */
  function day(text) {
    var parts = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(text);
    var iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    var y, m, d;
    if (parts) { d = +parts[1]; m = +parts[2]; y = +parts[3]; } else if (iso) { y = +iso[1]; m = +iso[2]; d = +iso[3]; } else { return ""; }
    var date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return "";
    return date.toISOString().slice(0, 10);
  }

  function fieldProblem(name, rule) {
    var text = value(name);
    if (!text) return rule.required ? rule.messages.required : "";
    if (rule.kind === "count") {
      var number = count(text);
      if (isNaN(number)) return rule.messages.invalid;
      if (rule.min !== null && number < rule.min) return rule.messages.min;
      if (rule.max !== null && number > rule.max) return rule.messages.max;
    } else if (rule.kind === "date") {
      var iso = day(text);
      if (!iso) return rule.messages.invalid;
      if (iso < rules.calendar.start || iso > rules.calendar.end) return rules.calendar.message;
    } else if (rule.kind === "text" && controls(name)[0].value.replace(/\r\n/g, "\n").length > rule.maxlength) {
      return rule.messages.max;
    }
    return "";
  }

  /* Whether the operator changed anything of a section on this page (a count compared as a number). */
  function changed(section) {
    return Array.prototype.some.call(form.elements, function (el) {
      var ours = section.fields.indexOf(el.name) !== -1 ||
        (section.lines && el.name.indexOf(section.lines + "-") === 0 && el.type !== "hidden");
      if (!ours) return false;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") {
        return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      if (el.hasAttribute("data-count")) return count(el.value.trim()) !== count(el.defaultValue.trim());
      return el.value.trim() !== el.defaultValue.trim();
    });
  }

  function farFrom(old, now) {
    if (old === null || now === null || isNaN(now) || Math.abs(now - old) < rules.unusualMinDifference) return false;
    return Math.max(old, now) >= rules.unusualFactor * Math.min(old, now);
  }

  function problems(action) {
    var found = [];
    var sending = action === "submit" || action === "unchanged";
    Object.keys(rules.fields).forEach(function (name) {
      if (!controls(name).length) return;
      var message = fieldProblem(name, rules.fields[name]);
      if (message) found.push([name, message]);
    });
    rules.sections.forEach(function (section) {
      if (sending && section.required && !value(section.required.name)) {
        found.push([section.required.name, section.required.message]);
      }
      var asked = sending && action !== "unchanged" && section.confirm && rules.unchanged !== null &&
        rules.unchanged.indexOf(section.key) !== -1;
      if (asked && !checked(section.confirm) && !checked("confirm_all") && !changed(section)) {
        found.push([section.confirm, rules.unconfirmed]);
      }
    });
    var wrong = found.map(function (problem) { return problem[0]; });
    var unusual = Object.keys(rules.unusual).filter(function (name) {
      if (wrong.indexOf(name) !== -1) return false;  /* a value the server cannot read is not compared */
      var now = count(value(name));
      return farFrom(rules.unusual[name].old, now) && now !== rules.unusual[name].saved;
    });
    if (unusual.length && unusualBox) unusualBox.hidden = false;
    if (unusual.length && !checked("confirm_unusual")) {
      unusual.forEach(function (name) { found.push([name, rules.unusual[name].message]); });
    }
    return found;
  }

  function clear() {
    form.querySelectorAll("[data-precheck-error]").forEach(function (el) { el.remove(); });
    form.querySelectorAll("[data-precheck-invalid]").forEach(function (el) {
      el.classList.remove("is-invalid");
      el.removeAttribute("aria-invalid");
      el.removeAttribute("data-precheck-invalid");
    });
    if (summary) summary.hidden = true;
  }

  /* The message where the server puts its own: at the end of the field's block, the control marked. */
  function show(name, message) {
    var found = controls(name);
    var box = found[0] && (document.getElementById("div_" + found[0].id) || document.getElementById("div_" + found[0].id.replace(/_0$/, "")));
    found.forEach(function (el) {
      el.classList.add("is-invalid");
      el.setAttribute("aria-invalid", "true");
      el.setAttribute("data-precheck-invalid", "");
    });
    var note = document.createElement("div");
    note.className = "invalid-feedback d-block";
    note.setAttribute("data-precheck-error", "");
    var text = document.createElement("strong");
    text.textContent = message;
    note.appendChild(text);
    (box || found[0].parentNode).appendChild(note);
  }

  /* Before draft_autosave.js (on the form) sees the submission: a capturing listener on the document. */
  document.addEventListener("submit", function (event) {
    if (event.target !== form || navigator.onLine !== false) return;
    clear();
    var action = event.submitter && event.submitter.name === "action" ? event.submitter.value : "";
    var found = problems(action);
    if (!found.length) return;
    event.preventDefault();
    event.stopPropagation();
    found.forEach(function (problem) { show(problem[0], problem[1]); });
    if (summary) {
      summary.hidden = false;
      summary.focus();
    }
  }, true);
})();
