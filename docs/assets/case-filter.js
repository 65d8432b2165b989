/* The case-study browser: filters the list on /case-studies/ by principle, type, region and
   service. The page lists every case study without JavaScript, and then shows no filter form
   (reader.css shows it once the head of the page has marked <html> with kil-js). This script
   wires the form (made at build time from the content): it takes the cards that do not match
   out of the list, announces the count, and keeps the choices in the address so a filtered
   view can be shared.

   Each card's facets are read once into plain objects, so a change of filter is one pass over
   the cards with constant work for each, and touches the page only where a card changes. A card
   that stops matching is taken out of the list and put back in its place when it matches again:
   with 1,000 cards, putting hundreds back (Clear) costs the browser far less than showing
   hidden ones, because site.css lets it skip laying out and drawing the cards off screen
   (bench/browser_filter.py measures it). */
(function () {
  "use strict";

  function setUp() {
    var form = document.getElementById("kil-filter");
    var list = document.querySelector(".kil-case-list");
    var count = document.getElementById("kil-count");
    if (!form || !list || !count) return;

    var facets = ["principle", "type", "region", "service"];
    var selects = {};
    facets.forEach(function (name) { selects[name] = form.elements[name]; });

    var cards = Array.prototype.map.call(list.querySelectorAll(".kil-card"), function (el) {
      var principles = {}, services = {};
      (el.getAttribute("data-principles") || "").split(" ").forEach(function (p) { if (p) principles[p] = true; });
      (el.getAttribute("data-services") || "").split("|").forEach(function (s) { if (s) services[s] = true; });
      return {
        el: el,
        shown: true,  // every card is in the list until a filter takes it out
        type: el.getAttribute("data-type"),
        region: el.getAttribute("data-region"),
        principles: principles,
        services: services
      };
    });
    var total = cards.length;

    var empty = document.createElement("p");
    empty.className = "kil-empty";
    empty.hidden = true;
    empty.textContent = "No case studies match these filters. Choose fewer, or clear the filters.";
    list.parentNode.insertBefore(empty, list.nextSibling);

    function plural(n) { return n === 1 ? "case study" : "case studies"; }

    function chosen() {
      var values = {};
      facets.forEach(function (name) { values[name] = selects[name].value; });
      return values;
    }

    function matches(card, f) {
      return (!f.principle || card.principles[f.principle] === true) &&
        (!f.type || card.type === f.type) &&
        (!f.region || card.region === f.region) &&
        (!f.service || card.services[f.service] === true);
    }

    function apply(updateAddress) {
      var f = chosen();
      var shown = 0;
      var next = null;  // the nearest card after this one that is in the list
      for (var i = cards.length - 1; i >= 0; i--) {
        var card = cards[i];
        var show = matches(card, f);
        if (show !== card.shown) {
          if (show) {
            list.insertBefore(card.el, next && next.parentNode === list ? next : null);
          } else if (card.el.parentNode === list) {
            list.removeChild(card.el);
          }
          card.shown = show;
        }
        if (show) {
          shown++;
          next = card.el;
        }
      }
      var filtered = facets.some(function (name) { return f[name] !== ""; });
      count.textContent = filtered ? shown + " of " + total + " " + plural(total) : total + " " + plural(total);
      empty.hidden = shown !== 0;
      if (updateAddress) writeAddress(f);
    }

    function writeAddress(f) {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (name) {
        if (f[name]) params.set(name, f[name]); else params.delete(name);
      });
      var query = params.toString();
      var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", address);
    }

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      facets.forEach(function (name) {
        var wanted = params.get(name) || "";
        var select = selects[name];
        var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
        select.value = known ? wanted : "";
      });
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () {
      // The form's own reset sets the choices back after this event: filter once it has.
      window.setTimeout(function () { apply(true); }, 0);
    });

    readAddress();
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
