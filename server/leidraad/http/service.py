"""Machine-facing resources: dumps, the VoID description and health.

Dumps are the files ``leidraad build`` wrote to ``dist/``; they are served by
name only from the build's own manifest, so no request can reach another file.
"""

from __future__ import annotations

from flask import Response, abort, current_app, jsonify, redirect, render_template, request, send_file, url_for

from ..core import conneg
from ..core.namespaces import BASE
from ..sparql.pool import WorkerPool
from ..store.dataset import Dataset
from ..web import citation, downloads
from . import endpoint
from .context import dataset
from .page_context import page_language


def dump_index() -> Response:
    """The build's files: JSON for tools (the default), an HTML page for browsers (``Accept: text/html``).

    ``?format=json`` or ``?format=html`` choose explicitly.
    """
    ds = dataset()
    asked = request.args.get("format")
    wanted = asked if asked in ("json", "html") else (
        "html" if conneg.best_match(request.headers.get("Accept"), ["application/json", "text/html"]) == "text/html"
        else "json")
    if wanted == "html":
        lang = page_language()
        page = render_template("downloads.html", d=downloads.downloads(ds, lang), dumps_url=BASE + "dumps/")
        response = Response(page, mimetype="text/html")
        response.vary.update(("Accept-Language", "Cookie"))
    else:
        response = _dump_json(ds)
    response.vary.add("Accept")
    return response


def _dump_json(ds: Dataset) -> Response:
    files = {
        name: {**meta, "url": url_for("dump", name=name)}
        for name, meta in sorted(ds.manifest["files"].items())
    }
    cited = citation.cite(ds.version, ds.modified, "en")
    return jsonify({"version": ds.version, "modified": ds.modified, "files": files,
                    "citation": {"text": cited.text, "bibtex": cited.bibtex}})


def dump_file(name: str) -> Response:
    ds = dataset()
    meta = ds.manifest["files"].get(name)
    if meta is None:
        abort(404, description=f"no dump named {name!r}")
    response = send_file(ds.dist / name, mimetype=meta["mediaType"], conditional=True, etag=meta["sha256"])
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


def void() -> Response:
    return redirect(url_for("dump", name="void.ttl"), code=303)


def health() -> Response:
    ds = dataset()
    executor = current_app.extensions[endpoint.EXTENSION].executor
    sandbox = executor.isolation() if isinstance(executor, WorkerPool) else "not applicable"
    queries = ("off: the query workers are not cut off from the network (see docs/security.md)"
               if sandbox == "absent" else "on")
    return jsonify({
        "status": "degraded" if sandbox == "absent" else "ok",
        "version": ds.version,
        "modified": ds.modified,
        "store": {"engine": ds.engine, "quads": len(ds), "graphs": len(ds.named_graphs())},
        "sparql": {"queries": queries, "network_sandbox": sandbox},
    })
