/* The incident form in the field. The time starts at now in WITA ("Sekarang" sets it again), typed
   as the form reads it (dd/mm/yyyy hh.mm). Photos are shrunk on the phone to at most 1600 px on
   their longest side as JPEG (turned upright from their EXIF orientation) before they leave it, and
   the upload shows its progress. Without a connection the report and its photos wait on the device
   (DeskQueue, offline_queue.js) and the service worker sends them when the signal returns; what
   became of it is said here: sent (with a link to it), or refused, when this page posts it again
   so the server's reasons sit beside the fields. Without JavaScript the form posts as it is. */
(function () {
  "use strict";
  var form = document.querySelector("form.desk-incident-form");
  if (!form) return;
  var user = document.body.getAttribute("data-offline-user") || "";
  var when = form.querySelector("input[name=occurred_at]");
  var now = form.querySelector("[data-now]");
  var progress = form.querySelector("[data-upload-progress]");
  var queuedNotice = document.querySelector("[data-incident-queued]");
  var sentNotice = document.querySelector("[data-incident-sent]");
  var refusedNotice = document.querySelector("[data-incident-refused]");
  var LONGEST = 1600;
  var PREFIX = "incident-";
  var sending = false;

  function witaNow() {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Makassar", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    return parts.day + "/" + parts.month + "/" + parts.year + " " + parts.hour + "." + parts.minute;
  }

  if (when && !when.value) when.value = witaNow();
  if (when && now) {
    now.hidden = false;
    now.addEventListener("click", function () { when.value = witaNow(); });
  }

  function notice(shown) {
    [queuedNotice, sentNotice, refusedNotice].forEach(function (el) { if (el) el.hidden = el !== shown; });
    if (shown) shown.focus();
  }

  /* A photo at most LONGEST px on its longest side, as JPEG; anything else (a PDF) as it is. */
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, LONGEST / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(blob ? new File([blob], name, { type: "image/jpeg" }) : file);
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });  /* the server shrinks what the phone could not */
  }

  function withFiles(files) {
    var data = new FormData(form);
    data.delete("attachments");
    files.forEach(function (file) { data.append("attachments", file, file.name); });
    return data;
  }

  /* Online: posted with its progress shown; the answer replaces the page (the incident's page, or
     this form with the server's reasons). A connection lost on the way queues it instead. */
  function upload(files) {
    var bar = progress.querySelector("progress");
    var percent = progress.querySelector("[data-upload-percent]");
    var request = new XMLHttpRequest();
    request.open("POST", window.location.href);
    request.setRequestHeader("X-Desk-Upload", "1");
    request.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      var done = Math.round(100 * event.loaded / event.total);
      bar.value = done;
      percent.textContent = String(done);
    });
    request.addEventListener("load", function () {
      var type = request.getResponseHeader("Content-Type") || "";
      if (request.status === 200 && type.indexOf("application/json") === 0) {
        window.location.assign(JSON.parse(request.responseText).url);  // the incident, with its message
        return;
      }
      if (request.responseURL && new URL(request.responseURL).pathname !== window.location.pathname) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () { queue(files); });
    progress.hidden = false;
    request.send(withFiles(files));
  }

  function queue(files) {
    var entries = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") entries.push([name, value]);
    });
    entries.push(["queued", String(Date.now())]);
    files.forEach(function (file) { entries.push(["attachments", { file: file, name: file.name }]); });
    var entry = {
      key: PREFIX + Date.now(), user: user, url: window.location.href, action: "",
      entries: entries, state: "waiting", queued: Date.now()
    };
    progress.hidden = true;
    return DeskQueue.put(entry).then(function () {
      notice(queuedNotice);
      var sw = navigator.serviceWorker;
      return sw && sw.controller ? sw.ready : null;
    }).then(function (registration) {
      if (registration && registration.sync) return registration.sync.register(DeskQueue.CHANNEL);
      return null;
    }).catch(function () { /* the next open with a connection sends the queue */ });
  }

  form.addEventListener("submit", function (event) {
    var input = form.querySelector("input[type=file]");
    var chosen = input ? Array.prototype.slice.call(input.files) : [];
    var offline = navigator.onLine === false;
    if (!offline && !chosen.length) return;  /* nothing to shrink or keep: the browser posts it */
    event.preventDefault();
    if (sending) return;
    sending = true;
    Promise.all(chosen.map(shrink)).then(function (files) {
      if (offline) return queue(files);
      return upload(files);
    });
  });

  /* A refused report posted by this page, photos included, for the server to show its reasons. */
  function post(entry) {
    var target = document.createElement("form");
    var files = new DataTransfer();
    target.method = "post";
    target.enctype = "multipart/form-data";
    target.action = entry.url;
    target.hidden = true;
    entry.entries.concat([["told", "1"]]).forEach(function (pair) {
      if (typeof pair[1] !== "string") {
        files.items.add(new File([pair[1].file], pair[1].name, { type: pair[1].file.type }));
        return;
      }
      var field = document.createElement("input");
      field.type = "hidden";
      field.name = pair[0];
      field.value = pair[1];
      target.appendChild(field);
    });
    var attached = document.createElement("input");
    attached.type = "file";
    attached.name = "attachments";
    attached.multiple = true;
    attached.files = files.files;
    target.appendChild(attached);
    document.body.appendChild(target);
    target.submit();
  }

  function deliver() {
    DeskQueue.all().then(function (entries) {
      entries.forEach(function (entry) {
        if (entry.key.indexOf(PREFIX) !== 0) return;
        if (entry.user !== user) {
          DeskQueue.remove(entry.key);
        } else if (entry.state === "sent") {
          DeskQueue.remove(entry.key);
          var link = sentNotice.querySelector("[data-incident-sent-link]");
          if (link && entry.arrived) link.href = entry.arrived;
          notice(sentNotice);
        } else if (entry.state === "refused" || (entry.state === "held" && navigator.onLine !== false)) {
          if (entry.state === "refused") notice(refusedNotice);
          DeskQueue.take(entry.key).then(function (taken) { if (taken) post(taken); });
        } else if (navigator.onLine === false) {
          notice(queuedNotice);
        } else if (navigator.serviceWorker && navigator.serviceWorker.controller) {
          notice(queuedNotice);
          navigator.serviceWorker.controller.postMessage({ send: true });
        } else {
          DeskQueue.take(entry.key).then(function (taken) { if (taken) post(taken); });
        }
      });
    }).catch(function () { /* no queue on this device */ });
  }

  if (window.BroadcastChannel) {
    new BroadcastChannel(DeskQueue.CHANNEL).addEventListener("message", function (event) {
      if (event.data && typeof event.data.key === "string" && event.data.key.indexOf(PREFIX) === 0) deliver();
    });
  }
  window.addEventListener("online", deliver);
  deliver();
})();
