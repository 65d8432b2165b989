// The editor's preview of an entry, styled with the site's own stylesheets (headings, figures,
// citations as readers see them). The page lists them, relative to the site, in data-styles.
// The theme styles a page's text inside its article (class md-typeset), so the preview's
// document is given that class as each preview is opened.
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
  function asAPage(frame) {
    var body = frame.contentDocument && frame.contentDocument.body;
    if (body && !body.classList.contains("md-typeset")) {
      body.classList.add("md-typeset");
      body.setAttribute("data-md-color-scheme", "default");
    }
  }
  new MutationObserver(function () {
    document.querySelectorAll("iframe.preview").forEach(function (frame) {
      if (!frame.dataset.kilStyled) {
        frame.dataset.kilStyled = "1";
        frame.addEventListener("load", function () { asAPage(frame); });
      }
      asAPage(frame);
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
