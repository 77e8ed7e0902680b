// Search without a server, for a static export (leidraad export): an enhancement only.
// The page reads ?q=, loads the exported search index and ranks as the server does: a label over a
// definition over a quote; an exact label over a prefix over a word over a substring; shorter texts on ties.
// Results are inserted with textContent, never as HTML.  Without this script the page links to the indexes.
(function () {
  "use strict";
  var box = document.getElementById("offline-results");
  if (!box || !window.fetch) { return; }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  var input = document.getElementById("q");
  if (input) { input.value = q; }
  var WEIGHT = { label: 3, definition: 2, quote: 1 };
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  function words(text) { return text.match(/[\p{L}\p{N}_]+/gu) || []; }
  function score(field, text, query, queryWords) {
    var quality = 0;
    if (field === "label" && text === query) { quality = 10; }
    else if (text.indexOf(query) === 0) { quality = 8; }
    else if ((" " + text).indexOf(" " + query) >= 0) { quality = 6; }
    else if (text.indexOf(query) >= 0) { quality = 4; }
    else {
      var all = words(text);
      var every = queryWords.every(function (w) { return all.some(function (a) { return a.indexOf(w) === 0; }); });
      if (!every) { return 0; }
      quality = 2;
    }
    return quality * WEIGHT[field] - Math.min(text.length, 400) / 1000;
  }
  function show(index, query) {
    var lang = box.getAttribute("data-lang");
    var queryWords = words(query);
    var best = {};
    index.entries.forEach(function (e) {
      var s = score(e[1], fold(e[2]), query, queryWords);
      if (s > 0 && (!best[e[0]] || s > best[e[0]])) { best[e[0]] = s; }
    });
    var ranked = Object.keys(best).map(Number).sort(function (a, b) {
      return best[b] - best[a] || (index.resources[a].href < index.resources[b].href ? -1 : 1);
    }).slice(0, 50);
    var h2 = document.createElement("h2");
    h2.textContent = box.getAttribute("data-results") + " \u201c" + q + "\u201d";
    box.appendChild(h2);
    if (!ranked.length) {
      var p = document.createElement("p");
      p.textContent = box.getAttribute("data-none");
      box.appendChild(p);
      return;
    }
    var ol = document.createElement("ol");
    ol.className = "hits";
    ranked.forEach(function (n) {
      var r = index.resources[n];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = r.href;
      a.textContent = r.label[lang];
      li.appendChild(a);
      if (r.type[lang]) {
        var type = document.createElement("span");
        type.className = "type";
        type.textContent = r.type[lang];
        li.appendChild(document.createTextNode(" "));
        li.appendChild(type);
      }
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }
  var query = fold(q.slice(0, 200));
  if (!words(query).length) { return; }
  fetch(box.getAttribute("data-index"))
    .then(function (r) { return r.json(); })
    .then(function (index) { show(index, query); })
    .catch(function () {});
})();
