// Enhances the query page; without it the plain form works the same.
// Turns the textarea into a SPARQL editor when the vendored CodeMirror is there,
// and runs the query on Ctrl/Cmd+Enter.
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
        extraKeys: { "Ctrl-Enter": submit, "Cmd-Enter": submit }
      });
      form.addEventListener("submit", function () { editor.save(); });
    } else {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); }
      });
    }
  });
})();
