/* The operator's report form: add and remove shortage/agenda rows, count the characters of every
   bounded text ("123/1.000 karakter"), and warn before leaving with unsaved input. Everything works
   without it: a blank row is always there, "Hapus baris ini" is a plain checkbox, and each text's
   limit is written in its help text. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) {
    return;
  }
  var dirty = false;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || "id");

  /* The counter of a text with a maxlength and a data-counter pattern, made on first use. */
  function count(field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!field.dataset.counter || !limit) {
      return;
    }
    var counter = document.getElementById(field.id + "-counter");
    if (!counter) {
      counter = document.createElement("div");
      counter.id = field.id + "-counter";
      counter.className = "form-text text-end char-counter";
      field.insertAdjacentElement("afterend", counter);
    }
    var length = field.value.length;
    counter.textContent = field.dataset.counter
      .replace("%(typed)s", numbers.format(length))
      .replace("%(limit)s", numbers.format(limit));
    counter.classList.toggle("text-danger", length >= limit);
  }

  function countAll(root) {
    root.querySelectorAll("[data-counter][maxlength]").forEach(count);
  }

  function enhanceRow(row) {
    var checkbox = row.querySelector("input[name$='-DELETE']");
    var button = row.querySelector(".line-remove");
    if (!checkbox || !button) {
      return;
    }
    checkbox.closest(".line-delete").hidden = true;
    button.hidden = false;
    button.addEventListener("click", function () {
      checkbox.checked = true;
      row.classList.add("is-removed");
      dirty = true;
    });
  }

  form.querySelectorAll(".report-lines").forEach(function (box) {
    var prefix = box.dataset.prefix;
    var total = box.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = box.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var rows = box.querySelector(".line-rows");
    var template = box.querySelector("template.line-template");
    var add = box.querySelector(".line-add");
    rows.querySelectorAll(".line-row").forEach(enhanceRow);
    box.querySelector(".line-hint").hidden = true;
    add.hidden = false;
    add.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (index >= parseInt(max.value, 10)) {
        return;
      }
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
      total.value = String(index + 1);
      var row = rows.lastElementChild;
      enhanceRow(row);
      countAll(row);
      var first = row.querySelector("select, input:not([type=hidden]), textarea");
      if (first) {
        first.focus();
      }
    });
  });

  /* After a refused save: the first field in error has the focus (focus() brings it into view,
     clear of the sticky bar); the summary's links focus their field too. */
  function bringToView(field) {
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  }
  var firstError = form.querySelector("[aria-invalid=true]");
  if (firstError) {
    /* Once the page is laid out, or the browser puts back the scroll position it remembers. */
    window.addEventListener("load", function () { bringToView(firstError); });
  }
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target && target.matches("input, select, textarea")) {
        event.preventDefault();
        bringToView(target);
      }
    });
  });

  countAll(form);
  form.addEventListener("input", function (event) {
    dirty = true;
    count(event.target);
  });
  form.addEventListener("change", function (event) {
    dirty = true;
    count(event.target);  // a restored draft sets values and announces a change
  });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
