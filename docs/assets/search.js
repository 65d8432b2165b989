/* The site's search: Pagefind's dialog, fetched only when a reader reaches for it.

   Every page carries the search button (overrides/partials/search.html) and this small script.
   Pagefind's own script and styles (pagefind/, written beside the site by keepitlocal/publish/search.py)
   are fetched the first time a reader focuses or presses the button; Pagefind then fetches the
   index, a fragment at a time, as they type. Until then the page has downloaded nothing of the
   search. If Pagefind's script cannot be fetched, pressing the button goes to the list of case
   studies, as the page does without JavaScript. */
(function () {
  "use strict";
  var template = document.getElementById("kil-search-dialog");
  var buttons = document.querySelectorAll("[data-kil-search]");
  var fallback = document.querySelector(".kil-search-link");
  if (!template || !buttons.length) return;
  // assets/search.js -> pagefind/, wherever the site lives (a sub-path, the preview).
  var bundle = new URL("../pagefind/", document.currentScript.src).href;
  var loading = null;

  function fetched(element) {
    return new Promise(function (resolve, reject) {
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function load() {
    if (loading) return loading;
    var styles = document.createElement("link");
    styles.rel = "stylesheet";
    styles.href = bundle + "pagefind-component-ui.css";
    var script = document.createElement("script");
    script.src = bundle + "pagefind-component-ui.js";
    loading = Promise.all([fetched(styles), fetched(script)]).then(function () {
      window.PagefindComponents.configureInstance("default", {bundlePath: bundle}).setTranslations(words());
      document.body.appendChild(template.content.cloneNode(true));
      return customElements.whenDefined("pagefind-modal");
    }).then(function () {
      var modal = document.body.querySelector(":scope > pagefind-modal");
      new MutationObserver(function () { nameChoices(modal); }).observe(modal, {childList: true, subtree: true});
      return modal;
    });
    loading.catch(function () {
      styles.remove();
      script.remove();
      loading = null;
    });
    return loading;
  }

  // Pagefind's own words, from content/site.yml: data-zero-results="No results for {term}" on the
  // template becomes zero_results: "No results for [SEARCH_TERM]", as Pagefind names them.
  function words() {
    var found = {};
    Object.keys(template.dataset).forEach(function (name) {
      var text = template.dataset[name];
      if (!text) return;
      var key = name.replace(/[A-Z]/g, function (letter) { return "_" + letter.toLowerCase(); });
      found[key] = text.replace(/\{term\}/g, "[SEARCH_TERM]").replace(/\{count\}/g, "[COUNT]");
    });
    return found;
  }

  // Pagefind's choice of kinds is a button with the role of a combobox, which its own words
  // cannot name (ARIA): name it after its label, each time Pagefind draws it.
  function nameChoices(root) {
    root.querySelectorAll(".pf-dropdown-trigger:not([aria-label])").forEach(function (button) {
      var label = button.querySelector(".pf-dropdown-trigger-label");
      if (label) button.setAttribute("aria-label", label.textContent);
    });
  }

  function open(event) {
    event.preventDefault();
    var menu = event.currentTarget.closest("details");
    if (menu) menu.open = false;
    load().then(function (modal) {
      // Pagefind builds the dialog when the element joins the page: open it once it is there.
      requestAnimationFrame(function () { modal.open(); });
    }, function () {
      if (fallback) window.location.href = fallback.href;
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("focus", function () { load().catch(function () {}); }, {once: true});
    button.addEventListener("click", open);
  });
})();
