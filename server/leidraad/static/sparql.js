// Enhances the query page; without it the plain form works the same.
// Turns the textarea into a SPARQL editor when the vendored CodeMirror is there,
// and runs the query on Ctrl/Cmd+Enter.  Tab and Shift+Tab leave the editor (no keyboard trap): the browser
// moves focus as it does from any field; indenting is done with spaces.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var textarea = document.getElementById("sparql-query");
    if (!textarea) { return; }
    var form = textarea.form;
    function submit() { if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); } }
    if (window.CodeMirror) {
      var editor = window.CodeMirror.fromTextArea(textarea, {
        mode: "application/sparql-query", lineNumbers: true, viewportMargin: Infinity,
        screenReaderLabel: textarea.getAttribute("data-label") || "SPARQL",
        extraKeys: { "Ctrl-Enter": submit, "Cmd-Enter": submit, "Tab": false, "Shift-Tab": false }
      });
      // the editor's own input field carries the label and the note on keys the textarea had
      var input = editor.getInputField();
      input.setAttribute("aria-labelledby", "sparql-query-label");
      input.setAttribute("aria-describedby", "sparql-keys");
      document.getElementById("sparql-query-label").addEventListener("click", function () { editor.focus(); });
      form.addEventListener("submit", function () { editor.save(); });
    } else {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); }
      });
    }
  });
})();
