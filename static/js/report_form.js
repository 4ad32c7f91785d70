/* The operator's report form: add and remove shortage/agenda rows, and warn before leaving with
   unsaved input. Everything works without it: a blank row is always there and "Hapus baris ini"
   is a plain checkbox. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) {
    return;
  }
  var dirty = false;

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
      var first = row.querySelector("select, input:not([type=hidden]), textarea");
      if (first) {
        first.focus();
      }
    });
  });

  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
