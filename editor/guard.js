// The editor at /admin/ talks to this site and to GitHub's API, and to nothing else.
//
// This script runs before the vendored editor and:
//
// - keeps the editor from starting when the page is shown inside another site's frame (GitHub
//   Pages cannot send the header that forbids it), so nobody can trick a signed-in member of
//   staff into clicking in a hidden editor; the page offers to open it in its own window instead;
// - shows the editor in British English whatever the browser's language, answering its requests
//   for wording from the copy served next to it. The staff guide names the editor's buttons in
//   English; and the editor's other languages would come from a package CDN, which this page
//   refuses (the editor then retried without pause and never finished loading);
// - refuses any change written straight to the site's main branch: every change goes through a
//   pull request, which the check checks. (The editor's picture library would upload a picture
//   straight to the branch; a picture chosen in an entry's Image box goes with the entry.)
// - answers everything else the editor would ask of other hosts (its update check, GitHub's
//   status page) as a refused request, which the editor treats as "no update" and "status
//   unknown". The page's Content-Security-Policy refuses anything that gets past it.
(function () {
  "use strict";
  var script = document.currentScript;

  if (window.top !== window.self) {
    // The editor's script, next on the page, loads but never starts.
    Object.defineProperty(window, "CMS_MANUAL_INIT", { value: true, writable: false });
    try {
      window.top.location.replace(window.location.href); // browsers allow it only when the other site lets them
    } catch (error) {
      // refused: the link below does it when clicked
    }
    document.addEventListener("DOMContentLoaded", function () {
      var link = document.createElement("a");
      link.href = window.location.href;
      link.target = "_top";
      link.textContent = script.dataset.framed || "Open the editor in its own window";
      var message = document.createElement("p");
      message.appendChild(link);
      document.body.appendChild(message);
    });
    return;
  }

  var allowed = (script.dataset.allow || "").split(" ").filter(Boolean);
  var locales = (script.dataset.locales || "").split(" ").filter(Boolean);
  var branch = script.dataset.branch || "main";
  var here = new URL("./", script.src);
  var localeFile = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+)\.json$/;
  var fetch = window.fetch.bind(window);

  // The editor picks its language from these; the first served locale is the one shown.
  if (locales.length) {
    Object.defineProperty(window.navigator, "languages", { value: Object.freeze(locales.slice()), configurable: true });
    Object.defineProperty(window.navigator, "language", { value: locales[0], configurable: true });
  }

  function writesToBranch(url, init) {
    // GitHub's API for a commit: createCommitOnBranch, naming the branch it writes to.
    if (url.host !== "api.github.com" || url.pathname !== "/graphql" || !init || typeof init.body !== "string") {
      return false;
    }
    try {
      var request = JSON.parse(init.body);
      var input = (request.variables || {}).input || {};
      return /createCommitOnBranch/.test(request.query || "") && (input.branch || {}).branchName === branch;
    } catch (error) {
      return false;
    }
  }

  window.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (writesToBranch(url, init)) {
      return Promise.reject(new TypeError("Changes go through a pull request, never straight to " + branch +
        ": add a picture in the Image box of the entry it belongs to"));
    }
    if (url.origin === window.location.origin || allowed.indexOf(url.host) !== -1) {
      return fetch(input, init);
    }
    var locale = localeFile.exec(url.href);
    if (locale && locales.length) {
      var served = locales.indexOf(locale[1]) !== -1 ? locale[1] : locales[0];
      return fetch(new URL("locales/" + served + ".json", here).href, init);
    }
    return Promise.reject(new TypeError("The editor on this site does not contact " + url.host));
  };
})();
