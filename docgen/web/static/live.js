// docgen serve: keep the open page in step with the files on disk.
// Four times a second it asks /-/state for a hash of the workspace's YAML files; when it changes, the page's
// content is fetched again and put in place, and the page images are drawn again (the old ones stay
// until the new ones are there). Pages with forms (data-live="off") are never replaced under the typist.
(function () {
  "use strict";
  var version = null;

  function loadPreview() {
    var box = document.getElementById("preview");
    if (!box) return Promise.resolve();
    var src = box.dataset.src;
    return fetch(src, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        // the page's content may have been replaced meanwhile: draw into the box that is there now
        var now = document.getElementById("preview");
        if (now && now.dataset.src === src) now.innerHTML = html;
      })
      .catch(function () {});
  }

  function refresh() {
    if (document.body.dataset.live !== "on") return Promise.resolve();
    // the page images are asked for at once, beside the page's text: they take longest
    return Promise.all([loadPreview(), replaceContent()]);
  }

  function replaceContent() {
    return fetch(location.href, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("content");
        var main = document.getElementById("content");
        if (!fresh || !main) return;
        var oldPreview = document.getElementById("preview");
        var newPreview = fresh.querySelector("#preview");
        if (oldPreview && newPreview) {
          newPreview.innerHTML = oldPreview.innerHTML;
        }
        main.innerHTML = fresh.innerHTML;
        var status = document.getElementById("live-status");
        if (status) status.textContent = document.documentElement.lang === "ja" ? "更新しました" : "updated";
      })
      .catch(function () {});
  }

  function poll() {
    fetch("/-/state", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (!state) return;
        var changed = version !== null && state.version !== version;
        version = state.version;
        if (changed) return refresh();
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 250); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    version = document.body.dataset.version || null;
    loadPreview();
    if (document.body.dataset.live === "on") poll();
  });
})();
