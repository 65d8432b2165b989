// The editor at /admin/ talks to this site and to GitHub's API, and to nothing else.
//
// The vendored editor would also fetch its update check and its British English wording from
// a package CDN, and GitHub's status page. This script runs before it and answers those
// requests itself: the wording from the copy served next to the editor, everything else as a
// refused request, which the editor treats as "no update" and "status unknown". The page's
// Content-Security-Policy refuses anything that gets past it.
(function () {
  "use strict";
  var script = document.currentScript;
  var allowed = (script.dataset.allow || "").split(" ").filter(Boolean);
  var locales = (script.dataset.locales || "").split(" ").filter(Boolean);
  var here = new URL("./", script.src);
  var localeFile = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+)\.json$/;
  var fetch = window.fetch.bind(window);

  window.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    if (url.origin === window.location.origin || allowed.indexOf(url.host) !== -1) {
      return fetch(input, init);
    }
    var locale = localeFile.exec(url.href);
    if (locale && locales.indexOf(locale[1]) !== -1) {
      return fetch(new URL("locales/" + locale[1] + ".json", here).href, init);
    }
    return Promise.reject(new TypeError("The editor on this site does not contact " + url.host));
  };
})();
