"""Machine-facing resources: dumps, the VoID description and health.

Dumps are the files ``leidraad build`` wrote to ``dist/``; they are served by
name only from the build's own manifest, so no request can reach another file.
"""

from __future__ import annotations

from flask import Response, abort, current_app, jsonify, redirect, send_file, url_for

from ..sparql.pool import WorkerPool
from ..web import citation
from . import endpoint
from .context import dataset


def dump_index() -> Response:
    ds = dataset()
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
