// Type-ahead for every search box marked data-suggest: an enhancement only.
// Without this script the boxes are ordinary forms posting to /search.
// Results are inserted with textContent, never as HTML.
(function () {
  "use strict";
  var boxes = document.querySelectorAll("input[data-suggest]");
  Array.prototype.forEach.call(boxes, function (input, n) {
    var form = input.form;
    var list = document.createElement("ul");
    var timer = null;
    var active = -1;
    list.className = "suggestions";
    list.id = "suggestions-" + n;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }
    function links() { return list.querySelectorAll("a"); }
    function mark(i) {
      var all = links();
      Array.prototype.forEach.call(all, function (a, j) { a.setAttribute("aria-selected", j === i ? "true" : "false"); });
      active = i;
      input.setAttribute("aria-activedescendant", all[i].id);
    }
    function show(results) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = r.href;
        a.id = list.id + "-" + i;
        a.setAttribute("role", "option");
        a.textContent = r.label;
        if (r.type) {
          var type = document.createElement("span");
          type.className = "type";
          type.textContent = r.type;
          a.appendChild(type);
        }
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === q) { show(data.results || []); } })
        .catch(close);
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (e) {
      var all = links();
      if (list.hidden || !all.length) { return; }
      if (e.key === "ArrowDown") { e.preventDefault(); mark((active + 1) % all.length); }
      else if (e.key === "ArrowUp") { e.preventDefault(); mark((active - 1 + all.length) % all.length); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = all[active].href; }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  });
})();
