/* The Download menu's files and the briefing pack, fetched from their URLs
   (/export/<name>.<format>?<the page's address>[&size=..|&sep=..], components/exports/urls.py):
   each menu item's id, written by Python (components/dashboard/downloads.py), names its path and
   extra parameters; the view state is the page's own address (filters, chart options, lang),
   which filters.js keeps canonical. While a file renders the page says so (the progress line);
   a refusal is said in the server's one line. No Dash callback and no base64 in between: the
   file comes as the browser fetched it, from the server's render cache when it has it. */
(function (root) {
  "use strict";
  var FILE = "export-file";

  // the export's URL for the view on screen: the page's address (in compare mode, B's vs.
  // filters too: every file draws both slices, as the screen does)
  function address(path, extra) {
    var view = String(root.location.search || "").replace(/^\?/, "");
    return path + "?" + [view, extra].filter(Boolean).join("&");
  }

  function filename(response, fallback) {
    var said = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    return said ? said[1] : fallback;
  }

  function progress(on, pack) {
    var el = document.getElementById("export-progress");
    if (!el) { return; }
    el.classList.toggle("active", on);
    el.classList.toggle("pack", !!(on && pack));
    if (!on) { told(null); }
  }

  // how far the server is with a pack ("4/10" in X-Export-Progress), in the page's words
  function told(done) {
    var el = document.querySelector("#export-progress .pack-text");
    if (!el) { return; }
    if (!el.hasAttribute("data-first")) { el.setAttribute("data-first", el.textContent); }
    var parts = /^(\d+)\/(\d+)$/.exec(done || "");
    el.textContent = parts ? el.getAttribute("data-progress").replace("{done}", parts[1])
      .replace("{total}", parts[2]) : el.getAttribute("data-first");
  }

  function say(line) {
    var el = document.getElementById("export-file-status");
    if (!el) { return; }
    el.textContent = line ? (el.getAttribute("data-failed") || "{error}").replace("{error}", line) : "";
    el.hidden = !line;
  }

  var running = 0;
  function download(url, pack, button) {
    running += 1;
    progress(true, pack);
    say("");
    if (button) { button.disabled = true; }
    var deadline = Date.now() + 5 * 60 * 1000;
    function ask() {  // 202: being drawn on the server; ask again when it says
      return fetch(url, {credentials: "same-origin"}).then(function (response) {
        if (response.status !== 202 || Date.now() > deadline) { return response; }
        if (pack) { told(response.headers.get("X-Export-Progress")); }
        var wait = 1000 * (+response.headers.get("Retry-After") || 2);
        return new Promise(function (resolve) { setTimeout(resolve, wait); }).then(ask);
      });
    }
    return ask().then(function (response) {
      if (!response.ok || response.status === 202) {
        return response.text().then(function (text) { throw new Error(text.trim() || String(response.status)); });
      }
      return response.blob().then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = filename(response, "download");
        a.hidden = true;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
      });
    }).catch(function (err) {
      say(err && err.message ? err.message : String(err));
    }).then(function () {
      running -= 1;
      if (!running) { progress(false, false); }
      if (button) { button.disabled = false; }
    });
  }

  function exportOf(el) {  // a menu item's export (its id: {"type": "export-file", ...}), or null
    var id = el && el.id;
    if (!id || id.charAt(0) !== "{") { return null; }
    try {
      var spec = JSON.parse(id);
      return spec.type === FILE ? spec : null;
    } catch (e) {
      return null;
    }
  }

  var api = {address: address, download: download, exportOf: exportOf};
  root.beDownloads = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof document !== "undefined") {
    document.addEventListener("click", function (event) {
      var target = event.target;
      var item = null;
      for (var el = target; el && el !== document; el = el.parentNode) {
        if (exportOf(el)) { item = el; break; }
      }
      if (item) {
        if (item.disabled || item.getAttribute("data-disabled") === "true") { return; }
        var spec = exportOf(item);
        download(address(spec.path, spec.extra), false, null);
        return;
      }
      var pack = target.closest && target.closest("#briefing-pack");
      if (pack && !pack.disabled) { download(address("/export/pack.zip", ""), true, pack); }
    });
  }
})(typeof window !== "undefined" ? window : globalThis);
