/* The case-study browser: filters the list on /case-studies/ by principle, type, region and
   service. The page lists every case study without JavaScript, and then shows no filter form
   (reader.css shows it once the head of the page has marked <html> with kil-js). This script
   wires the form (made at build time from the content, its words from content/site.yml): it
   takes the cards that do not match out of the list, announces the count, says beside each
   choice how many case studies it would leave with the other filters as they are (disabling
   the choices that would leave none), shows the chosen filters as chips that remove them,
   folds the choices behind the Filter button on phones, and keeps the choices in the address,
   so a filtered view can be shared and the Back button undoes a change.

   Each card's facets are read once into plain objects, so a change of filter is one pass over
   the cards with constant work for each (the counts come from the same pass: a card that
   fails one filter only counts towards that filter's choices), and touches the page only where
   a card changes. A card that stops matching is taken out of the list and put back in its
   place when it matches again: with 1,000 cards, putting hundreds back (Clear) costs the
   browser far less than showing hidden ones, because site.css lets it skip laying out and
   drawing the cards off screen (bench/browser_filter.py measures it). */
(function () {
  "use strict";

  var FACETS = [
    {name: "principle", attribute: "data-principles", separator: " "},
    {name: "type", attribute: "data-type"},
    {name: "region", attribute: "data-region"},
    {name: "service", attribute: "data-services", separator: "|"}
  ];

  function fill(words, values) {
    return words.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function setUp() {
    var form = document.getElementById("kil-filter");
    var list = document.querySelector(".kil-case-list");
    var count = document.getElementById("kil-count");
    if (!form || !list || !count) return;
    var empty = document.getElementById("kil-empty");
    var toggle = form.querySelector(".kil-filter__toggle");
    var active = form.querySelector(".kil-filter__active");
    var chips = form.querySelector(".kil-chips");
    var words = {
      count: form.getAttribute("data-count"),
      countOne: form.getAttribute("data-count-one"),
      countFiltered: form.getAttribute("data-count-filtered"),
      active: form.getAttribute("data-active"),
      remove: form.getAttribute("data-remove")
    };

    // Each filter's select, and for each of its choices the words without the count.
    var selects = FACETS.map(function (facet) {
      var select = form.elements[facet.name];
      return {
        facet: facet,
        el: select,
        options: Array.prototype.map.call(select.options, function (option) {
          return {el: option, value: option.value, label: option.getAttribute("data-label") || option.text,
                  text: option.text, disabled: option.disabled};
        })
      };
    });

    var cards = Array.prototype.map.call(list.querySelectorAll(".kil-card"), function (el) {
      // values[i]: the card's values for FACETS[i]; has[i]: the same as a set
      var values = [], has = [];
      FACETS.forEach(function (facet) {
        var raw = el.getAttribute(facet.attribute) || "";
        var own = facet.separator ? raw.split(facet.separator).filter(Boolean) : (raw ? [raw] : []);
        var set = Object.create(null);
        own.forEach(function (v) { set[v] = true; });
        values.push(own);
        has.push(set);
      });
      return {el: el, shown: true, values: values, has: has};  // every card is listed until a filter takes it out
    });
    var total = cards.length;

    function chosen() {
      return selects.map(function (s) { return s.el.value; });
    }

    function apply(updateAddress) {
      var f = chosen();
      var n = FACETS.length;
      // tallies[i][value]: cards that pass every filter but FACETS[i] and have that value;
      // passing[i]: cards that pass every filter but FACETS[i] (the count of its "all" choice)
      var tallies = [], passing = [];
      for (var k = 0; k < n; k++) { tallies.push(Object.create(null)); passing.push(0); }
      var shown = 0;
      var next = null;  // the nearest card after this one that is in the list
      for (var i = cards.length - 1; i >= 0; i--) {
        var card = cards[i];
        var failures = 0, failed = -1;
        for (k = 0; k < n; k++) {
          if (f[k] && card.has[k][f[k]] !== true) { failures++; failed = k; }
        }
        if (failures === 0) {
          for (k = 0; k < n; k++) tally(k, card);
        } else if (failures === 1) {
          tally(failed, card);
        }
        var show = failures === 0;
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

      function tally(k, card) {
        passing[k]++;
        var own = card.values[k], counts = tallies[k];
        for (var j = 0; j < own.length; j++) counts[own[j]] = (counts[own[j]] || 0) + 1;
      }

      var filtered = f.filter(Boolean).length;
      count.textContent = filtered
        ? fill(words.countFiltered, {shown: shown, total: total})
        : fill(total === 1 ? words.countOne : words.count, {n: total});
      if (empty) empty.hidden = shown !== 0;
      selects.forEach(function (s, k) { showCounts(s, tallies[k], passing[k]); });
      showChosen(f, filtered);
      if (updateAddress) writeAddress(f);
    }

    // Each choice says how many case studies it would leave; one that would leave none is
    // disabled, unless it is the one chosen (from a shared address).
    function showCounts(s, tally, passing) {
      s.options.forEach(function (option) {
        var left = option.value ? (tally[option.value] || 0) : passing;
        var text = option.label + " (" + left + ")";
        var disabled = left === 0 && option.value !== "" && !option.el.selected;
        if (text !== option.text) { option.el.text = text; option.text = text; }
        if (disabled !== option.disabled) { option.el.disabled = disabled; option.disabled = disabled; }
      });
    }

    // The Filter button says how many filters are chosen; a chip for each one removes it.
    function showChosen(f, filtered) {
      if (active) {
        active.hidden = filtered === 0;
        active.textContent = filtered ? fill(words.active, {n: filtered}) : "";
      }
      if (!chips) return;
      var focused = chips.contains(document.activeElement) ? document.activeElement : null;
      while (chips.firstChild) chips.removeChild(chips.firstChild);
      selects.forEach(function (s, k) {
        if (!f[k]) return;
        var label = s.options[s.el.selectedIndex].label;
        var item = document.createElement("li");
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "kil-chip";
        chip.kilFacet = s.facet.name;
        chip.kilIndex = chips.childNodes.length;
        chip.setAttribute("aria-label", fill(words.remove, {label: label}));
        chip.appendChild(document.createTextNode(label));
        var cross = document.createElement("span");
        cross.className = "kil-chip__remove";
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = "\u00d7";
        chip.appendChild(cross);
        item.appendChild(chip);
        chips.appendChild(item);
      });
      chips.hidden = filtered === 0;
      if (focused) {
        // A chip was removed while it had focus: the next chip takes it, or the Filter button.
        var left = chips.querySelectorAll(".kil-chip");
        var at = focused.kilIndex || 0;
        var target = left.length ? left[Math.min(at, left.length - 1)] : toggle;
        if (target && target.offsetParent === null) target = form.querySelector(".kil-filter__clear");
        if (target) target.focus();
      }
    }

    function addressFor(f) {
      var params = new URLSearchParams(window.location.search);
      FACETS.forEach(function (facet, k) {
        if (f[k]) params.set(facet.name, f[k]); else params.delete(facet.name);
      });
      var query = params.toString();
      return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    }

    // Each change is a step in the browser's history, so Back undoes it.
    function writeAddress(f) {
      var address = addressFor(f);
      if (address !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.pushState({kilFilter: true}, "", address);
      }
    }

    function readAddress() {
      var params = new URLSearchParams(window.location.search);
      selects.forEach(function (s) {
        var wanted = params.get(s.facet.name) || "";
        var known = s.options.some(function (o) { return o.value === wanted; });
        s.el.value = known ? wanted : "";
      });
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () {
      // The form's own reset sets the choices back after this event: filter once it has.
      window.setTimeout(function () { apply(true); }, 0);
    });
    if (chips) {
      chips.addEventListener("click", function (event) {
        var chip = event.target.closest ? event.target.closest(".kil-chip") : null;
        if (!chip) return;
        form.elements[chip.kilFacet].value = "";
        apply(true);
      });
    }
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        form.classList.toggle("kil-filter--open", open);
      });
    }
    window.addEventListener("popstate", function () {
      readAddress();
      apply(false);
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
