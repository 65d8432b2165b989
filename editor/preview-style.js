// The editor's preview of an entry, styled with the site's own stylesheets (headings, figures,
// citations as readers see them). The page lists them, relative to the site, in data-styles.
(function () {
  "use strict";
  var script = document.currentScript;
  var styles = (script.dataset.styles || "").split(" ").filter(Boolean);
  if (!window.CMS || typeof window.CMS.registerPreviewStyle !== "function") {
    return;
  }
  styles.forEach(function (href) {
    window.CMS.registerPreviewStyle(new URL(href, script.src).href);
  });
})();
