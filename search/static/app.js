// minhchung staff page: search as you type, drag-and-drop upload with status polling.
// Everything works without this file too (plain forms); it only makes the page quicker.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.content : "";

  function loginExpired(response) {
    if (response.status === 401) {
      window.location.href = "/login?next=" + encodeURIComponent(window.location.pathname + window.location.search);
      return true;
    }
    return false;
  }

  // --- search as you type ------------------------------------------------------------------
  var form = document.getElementById("search-form");
  if (form) {
    var box = document.getElementById("q");
    var code = document.getElementById("code");
    var results = document.getElementById("results");
    var timer = null, controller = null, last = null;

    var run = function (force) {
      var text = box.value.trim();
      var params = new URLSearchParams();
      if (text) params.set("q", text);
      if (code.value) params.set("code", code.value);
      var key = params.toString();
      if (key === last && !force) return;
      if (text.length === 1 && !force) return;  // one letter matches everything
      last = key;
      if (controller) controller.abort();
      controller = new AbortController();
      results.setAttribute("aria-busy", "true");
      fetch("/api/search?" + key, { signal: controller.signal, headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) {
          if (loginExpired(r)) return null;
          return r.json();
        })
        .then(function (data) {
          if (!data) return;
          results.innerHTML = data.html;  // rendered and escaped by the server template
          results.removeAttribute("aria-busy");
          history.replaceState(null, "", key ? "/?" + key : "/");
        })
        .catch(function (err) {
          if (err.name !== "AbortError") results.removeAttribute("aria-busy");
        });
    };
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    });
    code.addEventListener("change", function () { run(true); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(true);
    });
  }

  // --- upload -------------------------------------------------------------------------------
  var up = document.getElementById("upload-form");
  if (up) {
    var input = document.getElementById("files");
    var drop = document.getElementById("drop");
    var chosen = document.getElementById("chosen");
    var bar = document.getElementById("upload-progress");
    var out = document.getElementById("upload-results");
    var button = document.getElementById("upload-button");

    var size = function (bytes) {
      return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
    };
    var showChosen = function () {
      chosen.textContent = "";
      Array.prototype.forEach.call(input.files, function (f) {
        var li = document.createElement("li");
        li.textContent = f.name + " (" + size(f.size) + ")";
        chosen.appendChild(li);
      });
    };
    input.addEventListener("change", showChosen);
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        showChosen();
      }
    });

    var row = function (cls, badge, text) {
      var li = document.createElement("li");
      li.className = cls;
      var b = document.createElement("span");
      b.className = "badge";
      b.textContent = badge;
      li.appendChild(b);
      li.appendChild(document.createTextNode(" " + text));
      return li;
    };

    var poll = function (paths, list, started) {
      var params = new URLSearchParams();
      paths.forEach(function (p) { params.append("path", p); });
      fetch("/api/status?" + params.toString(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return loginExpired(r) ? null : r.json(); })
        .then(function (data) {
          if (!data) return;
          var pending = [];
          data.files.forEach(function (f) {
            var li = list.querySelector('li[data-path="' + CSS.escape(f.path) + '"]');
            if (!li) return;
            li.className = "state-" + f.state;
            li.querySelector(".badge").textContent = f.label;
            if (f.state === "problem" && f.detail && !li.querySelector(".small")) {
              var detail = document.createElement("span");
              detail.className = "small";
              detail.textContent = " " + f.detail;
              li.appendChild(detail);
            }
            if (f.state === "queued" || f.state === "indexing" || f.state === "waiting") pending.push(f.path);
          });
          if (pending.length && Date.now() - started < 15 * 60 * 1000) {
            setTimeout(function () { poll(pending, list, started); }, 1500);
          }
        });
    };

    up.addEventListener("submit", function (e) {
      if (!window.FormData || !window.XMLHttpRequest) return;  // the plain form still works
      e.preventDefault();
      var data = new FormData(up);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", up.action);
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      bar.hidden = false;
      bar.value = 0;
      button.disabled = true;
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) bar.value = Math.round(100 * ev.loaded / ev.total);
      });
      xhr.addEventListener("loadend", function () {
        button.disabled = false;
        bar.hidden = true;
        if (xhr.status === 401) { loginExpired(xhr); return; }
        var body;
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = { error: "Máy chủ không trả lời (" + xhr.status + ")" }; }
        out.textContent = "";
        var card = document.createElement("div");
        card.className = "card";
        if (body.error) {
          card.appendChild(row("state-failed", "✗ Không nhận", body.error));
          out.appendChild(card);
          return;
        }
        var where = document.createElement("p");
        where.textContent = "Lưu vào thư mục " + body.folder;
        card.appendChild(where);
        var list = document.createElement("ul");
        list.className = "results";
        var saved = [];
        body.files.forEach(function (f) {
          if (f.error) {
            list.appendChild(row("state-failed", "✗ Không nhận", f.name + ": " + f.error));
          } else {
            var note = (f.renamed ? " (đã có tệp cùng tên: lưu với tên mới)" : "") +
              (f.same_as ? " (nội dung giống hệt tệp đã có: " + f.same_as + ")" : "");
            var li = row("state-queued", "Đang chờ lập chỉ mục…", f.path + note);
            li.setAttribute("data-path", f.path);
            if (f.warning) {
              var warning = document.createElement("span");
              warning.className = "flag";
              warning.textContent = " Lưu ý: " + f.warning + ".";
              li.appendChild(warning);
            }
            list.appendChild(li);
            saved.push(f.path);
          }
        });
        card.appendChild(list);
        out.appendChild(card);
        if (saved.length) {
          input.value = "";
          chosen.textContent = "";
          poll(saved, list, Date.now());
        }
      });
      xhr.send(data);
    });
  }
})();
