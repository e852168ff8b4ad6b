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
    return fetch(box.dataset.src, { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () {});
  }

  function refresh() {
    if (document.body.dataset.live !== "on") return Promise.resolve();
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
        return loadPreview();
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
