// Enhances the query page; without it the plain form works the same.
// Turns the textarea into a SPARQL editor when the vendored CodeMirror is there,
// and runs the query on Ctrl/Cmd+Enter.  Tab and Shift+Tab leave the editor (no keyboard trap): the browser
// moves focus as it does from any field; indenting is done with spaces.
// With CodeMirror's show-hint add-on, the editor completes prefixes and the ontology's terms (the JSON block
// #sparql-completions, built on the server from the one prefix table and the ontology); Tab still leaves.
// The result table's headings become buttons that sort the rows of the page shown (numbers as numbers,
// words with accents folded); without JavaScript the table stays as the server ordered it.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  // ---- completion -------------------------------------------------------------------------------------------
  function completionData() {
    var block = document.getElementById("sparql-completions");
    try { return block ? JSON.parse(block.textContent) : null; } catch (e) { return null; }
  }

  function declaredPrefixes(text) {
    var found = {}, re = /PREFIX\s+([A-Za-z][\w.-]*)?:\s*</gi, m;
    while ((m = re.exec(text)) !== null) { found[(m[1] || "").toLowerCase()] = true; }
    return found;
  }

  function option(text, label, extra, kind) {
    return {
      text: text,
      displayText: [text, label, kind].filter(Boolean).join(" — "),
      className: extra || "",
      render: function (element) {
        var name = document.createElement("span");
        name.className = "sparql-hint-name";
        name.textContent = text;
        element.appendChild(name);
        if (label) {
          var note = document.createElement("span");
          note.className = "sparql-hint-label";
          note.textContent = " " + label;
          element.appendChild(note);
        }
        if (kind) {
          var what = document.createElement("span");
          what.className = "sparql-hint-kind";
          what.textContent = " · " + kind;
          element.appendChild(what);
        }
      }
    };
  }

  function makeHinter(data) {
    var known = {};
    data.prefixes.forEach(function (p) { known[p[0]] = p[1]; });
    function prefixList(typed) {
      var lower = typed.toLowerCase();
      var starting = data.prefixes.filter(function (p) { return p[0].indexOf(lower) === 0; });
      return starting.length ? starting : data.prefixes.filter(function (p) { return p[0][0] === lower[0]; });
    }
    return function (cm, options) {
      var cursor = cm.getCursor(), before = cm.getLine(cursor.line).slice(0, cursor.ch);
      var token = cm.getTokenAt(cursor);
      if (token.type && /string|comment/.test(token.type)) { return null; }
      var Pos = window.CodeMirror.Pos, m, list;
      m = /\bPREFIX\s+([A-Za-z][\w.-]*)?$/i.exec(before);
      if (m) {  // a declaration: offer the whole line of each known prefix
        var typed = m[1] || "";
        list = data.prefixes.filter(function (p) { return p[0].indexOf(typed.toLowerCase()) === 0; })
          .map(function (p) { return option(p[0] + ": <" + p[1] + ">", "", "sparql-hint-prefix"); });
        return { list: list, from: Pos(cursor.line, cursor.ch - typed.length), to: cursor };
      }
      m = /(?:^|[^\w.:?$<"'#-])([A-Za-z][\w.-]*)?:([\w.-]*)$/.exec(before);
      if (!m) {  // a bare word: prefixes only when asked (Ctrl+Space), not while typing SELECT or FILTER
        var word = /(?:^|[^\w.:?$<"'#-])([A-Za-z][\w.-]*)?$/.exec(before);
        if (!word || !(options && options.explicit)) { return null; }
        var stem = word[1] || "";
        list = data.prefixes.filter(function (p) { return p[0].indexOf(stem.toLowerCase()) === 0; })
          .map(function (p) { return option(p[0] + ":", p[1], "sparql-hint-prefix"); });
        return { list: list, from: Pos(cursor.line, cursor.ch - stem.length), to: cursor };
      }
      var prefix = m[1] || "", local = m[2] || "";
      var from = Pos(cursor.line, cursor.ch - prefix.length - 1 - local.length);
      var declared = declaredPrefixes(cm.getValue());
      if (!known.hasOwnProperty(prefix) && !declared[prefix.toLowerCase()]) {
        // an unknown prefix: the known ones, to put in its place
        list = prefixList(prefix).map(function (p) { return option(p[0] + ":" + local, p[1], "sparql-hint-prefix"); });
        return { list: list, from: from, to: cursor };
      }
      var start = (prefix + ":" + local).toLowerCase();
      list = data.terms.filter(function (t) { return t[0].toLowerCase().indexOf(start) === 0; })
        .slice(0, 60).map(function (t) {
          return option(t[0], t[1], "sparql-hint-" + t[2], (data.kinds || {})[t[2]]);
        });
      return { list: list, from: from, to: cursor };
    };
  }

  function enableCompletion(editor) {
    var data = completionData();
    if (!data || !editor.showHint) { return; }
    var hint = makeHinter(data);
    var options = {
      hint: hint, completeSingle: false, closeCharacters: /[\s()\[\]{};>,]/,
      // no Tab, Home or End: Tab leaves the editor as ever, Home and End move in the line
      customKeys: {
        Up: function (cm, handle) { handle.moveFocus(-1); },
        Down: function (cm, handle) { handle.moveFocus(1); },
        PageUp: function (cm, handle) { handle.moveFocus(-handle.menuSize() + 1, true); },
        PageDown: function (cm, handle) { handle.moveFocus(handle.menuSize() - 1, true); },
        Enter: function (cm, handle) { handle.pick(); },
        Esc: function (cm, handle) { handle.close(); }
      }
    };
    var asked = Object.assign({ explicit: true }, options);
    editor.addKeyMap({ "Ctrl-Space": function (cm) { cm.showHint(asked); } });
    editor.on("inputRead", function (cm, change) {
      if (cm.state.completionActive || change.origin !== "+input") { return; }
      var typed = change.text[change.text.length - 1];
      if (!/[\w:\s]$/.test(typed)) { return; }
      var found = hint(cm);
      if (found && found.list.length && (/:/.test(typed) || /\bPREFIX\s+$/i.test(cm.getLine(cm.getCursor().line))
          || /:[\w.-]*$/.test(cm.getLine(cm.getCursor().line).slice(0, cm.getCursor().ch)))) {
        cm.showHint(options);
      }
    });
    var note = document.querySelector(".sparql-hint-keys");
    if (note) { note.hidden = false; }
  }

  // ---- sortable result columns ------------------------------------------------------------------------------
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function cellText(cell) {
    var parts = [];
    cell.childNodes.forEach(function (node) {
      if (!(node.nodeType === 1 && node.classList.contains("note"))) { parts.push(node.textContent); }
    });
    return parts.join("").trim();
  }

  function compare(a, b) {
    if (a.empty !== b.empty) { return a.empty ? 1 : -1; }  // empty cells last, either way round
    if (a.number !== null && b.number !== null) { return a.number - b.number; }
    if ((a.number !== null) !== (b.number !== null)) { return a.number !== null ? -1 : 1; }
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  }

  function enableSorting(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2) { return; }
    var status = document.getElementById("sparql-sort-status");
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sparql-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var keyed = Array.prototype.map.call(body.rows, function (row, index) {
          var cell = row.cells[column], text = cell ? cellText(cell) : "";
          var raw = cell && cell.getAttribute("data-number");
          return { row: row, index: index, empty: text === "", text: fold(text),
                   number: raw !== null && raw !== undefined && raw !== "" ? parseFloat(raw) : null };
        });
        keyed.sort(function (a, b) {
          var order = compare(a, b);
          if (order !== 0 && !(a.empty || b.empty)) { order = ascending ? order : -order; }
          return order || a.index - b.index;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        if (status) {
          status.textContent = status.getAttribute(ascending ? "data-ascending" : "data-descending")
            .replace("{column}", button.textContent);
        }
      });
    });
    var note = document.getElementById("sparql-sort-note");
    if (note) { note.hidden = false; }
  }

  ready(function () {
    var table = document.getElementById("sparql-table");
    if (table) { enableSorting(table); }
    var textarea = document.getElementById("sparql-query");
    if (!textarea) { return; }
    var form = textarea.form;
    function submit() { if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); } }
    if (window.CodeMirror) {
      var editor = window.CodeMirror.fromTextArea(textarea, {
        mode: "application/sparql-query", lineNumbers: true, lineWrapping: true, viewportMargin: Infinity,
        screenReaderLabel: textarea.getAttribute("data-label") || "SPARQL",
        extraKeys: { "Ctrl-Enter": submit, "Cmd-Enter": submit, "Tab": false, "Shift-Tab": false }
      });
      // the editor's own input field carries the label and the note on keys the textarea had
      var input = editor.getInputField();
      input.setAttribute("aria-labelledby", "sparql-query-label");
      input.setAttribute("aria-describedby", "sparql-keys");
      document.getElementById("sparql-query-label").addEventListener("click", function () { editor.focus(); });
      form.addEventListener("submit", function () { editor.save(); });
      enableCompletion(editor);
    } else {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); }
      });
    }
  });
})();
