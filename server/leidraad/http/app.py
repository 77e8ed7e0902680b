"""The Flask application: configuration, the loaded dataset and the route table.

Every URL the server answers is listed in :data:`ROUTES`, in one place, so a
reader sees the whole HTTP interface at a glance.  Views are thin: they parse
the request, call into :mod:`leidraad.web` or :mod:`leidraad.sparql` and
return.  Middleware wraps the app from the outside in: the request guard
refuses unreadable URLs, the response cache answers repeated page requests,
and Flask's own hooks add limits, errors and security headers.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask

from ..pipeline.sources import default_sources
from ..sparql.pool import WorkerPool
from ..store.dataset import Dataset
from ..web import memo
from . import endpoint, errors, limits, overviews, page_context, pages, security, service
from .compression import Gzip
from .context import DATASET
from .fair_share import FAIR_SHARE, FairShare
from .request_guard import RequestGuard
from .response_cache import ResponseCache

#: Defaults a deployment may override through ``create_app(config=...)`` or
#: ``LEIDRAAD_*`` environment variables.
DEFAULTS: dict[str, object] = {
    "QUERY_TIMEOUT": 10.0,          # seconds; a client's ``timeout`` may only lower it
    "NEW_CLIENT_QUERY_TIMEOUT": 1.0,  # seconds a client with no query history may run; 0: the full QUERY_TIMEOUT
    "MAX_ROWS": 10_000,             # result rows before truncation (signalled in a header)
    "MAX_RESULT_BYTES": 10_000_000,  # bytes of terms in one answer before truncation, every format; 0: none
    "MAX_QUERY_BYTES": 100_000,     # longest query text accepted
    "MAX_CONCURRENT_QUERIES": 4,    # queries evaluated at once; more wait, then get 503
    "MAX_CONTENT_LENGTH": 1_000_000,
    "PAGE_SIZE": 50,
    "STORE": "",                    # sparql+http://HOST:PORT/sparql: an external store instead of the embedded one
    "MAX_QUERIES_PER_CLIENT": 2,    # queries one client address may run at once; more get 429 (http/limits.py)
    "WORKER_MEMORY_MB": 2048,       # address-space cap of each query worker; 0: none (sparql/sandbox.py)
    "WORKERS_DIR": "",              # where the workers' snapshot folder goes; "": the temp dir (sparql/snapshots.py)
    "QUERY_QUEUE": 2,               # queries that may wait for a worker; more get 503 at once (http/limits.py)
    "CLIENT_CPU_RATE": 0.2,         # CPU s/s one client's requests may use here; 0: no limit (http/fair_share.py)
    "CLIENT_CPU_BURST": 2.0,        # CPU seconds a client may use at once before the rate applies
    "CLIENT_MIN_COST": 0.02,        # CPU seconds every request is charged at least: 10 requests/s sustained
    "CLIENT_HEAVY_CPU": 0.5,        # recent CPU s past which a client shares one lane with every heavy one; 0: none
    "CLIENT_QUERY_RATE": 0.2,       # seconds of query time per second one client earns; 0: no budget (http/limits.py)
    "CLIENT_QUERY_BURST": 0.0,      # seconds of query time a client may spend at once; 0: one QUERY_TIMEOUT
    "MAX_CONNECTIONS_PER_CLIENT": 20,  # open connections per client address; 0: none (http/serving.py)
    "ALLOW_UNSANDBOXED_QUERIES": 0,  # 1: run queries even where workers cannot be cut off from the network
    "REQUEST_READ_TIMEOUT": 10.0,   # seconds a request's headers and body may take to arrive (http/serving.py)
}

log = logging.getLogger("leidraad")
#: Seconds ``leidraad serve`` waits for every query worker to be loaded before it accepts connections.
WORKERS_READY = 120.0

#: (rule, endpoint, view, methods) — the whole HTTP interface.
ROUTES = [
    ("/", "home", pages.home, ["GET"]),
    ("/sparql", "sparql", endpoint.endpoint, ["GET", "POST"]),
    ("/sparql/truncated", "truncated", endpoint.truncated_note, ["GET"]),
    ("/id/<path:path>", "thing", pages.thing, ["GET"]),
    ("/doc/<path:path>", "document", pages.document, ["GET"]),
    ("/def", "ontology", pages.ontology, ["GET"]),
    ("/def/<version>", "ontology_version", pages.ontology_version, ["GET"]),
    ("/browse/<kind>", "browse", pages.browse, ["GET"]),
    ("/search", "search", pages.search, ["GET"]),
    ("/search.json", "suggest", pages.suggest, ["GET"]),
    ("/browse/", "browse_index", pages.browse_index, ["GET"]),
    ("/def.<ext>", "ontology_as", pages.ontology, ["GET"]),
    ("/graph/<path:name>", "graph", pages.graph, ["GET"]),
    ("/stances", "stances", overviews.stances, ["GET"]),
    ("/models", "models", overviews.organisation_models, ["GET"]),
    ("/changes", "changes", overviews.release_changes, ["GET"]),
    ("/reading/<slug>", "reading", overviews.text_reading, ["GET"]),
    ("/comparisons", "comparisons", overviews.comparisons, ["GET"]),
    ("/compare/<slug>", "comparison", overviews.concept_comparison, ["GET"]),
    ("/reading/at/<evidence>", "reading_at", overviews.reading_place, ["GET"]),
    ("/dumps/", "dumps", service.dump_index, ["GET"]),
    ("/dumps/<name>", "dump", service.dump_file, ["GET"]),
    ("/.well-known/void", "void", service.void, ["GET"]),
    ("/health", "health", service.health, ["GET"]),
]


def _env_config() -> dict[str, object]:
    """``LEIDRAAD_QUERY_TIMEOUT=5`` and the like, typed as the defaults are."""
    found: dict[str, object] = {}
    for key, default in DEFAULTS.items():
        raw = os.environ.get("LEIDRAAD_" + key)
        if raw is not None:
            found[key] = type(default)(raw)
    return found


def create_app(dist: Path | str | None = None, config: dict[str, object] | None = None) -> Flask:
    """Build the application serving the build in ``dist`` (default: the checkout's ``dist/``)."""
    app = Flask("leidraad")  # templates and static files are the package's own
    # Werkzeug's own redirects (/dumps → /dumps/, //x → /x) are absolute URLs made from the Host header:
    # answer both spellings instead, so no Location ever names a host a client sent
    app.url_map.strict_slashes = False
    app.url_map.merge_slashes = False
    app.config.update(DEFAULTS)
    app.config.update(_env_config())
    app.config.update(config or {})
    app.extensions[DATASET] = Dataset.load(
        Path(dist) if dist else default_sources().dist, store_url=str(app.config["STORE"]) or None)
    for rule, name, view, methods in ROUTES:
        app.add_url_rule(rule, name, view, methods=methods)
    errors.install(app)
    page_context.install(app)
    security.install(app)
    endpoint.install(app)
    limits.install(app)
    # a repeated page request costs what a static file costs; keyed by the build served, so a reload never replays
    app.wsgi_app = ResponseCache(app.wsgi_app, version=lambda: app.extensions[DATASET].etag)
    app.wsgi_app = RequestGuard(app.wsgi_app)  # malformed URLs get a 400 before Flask parses them
    app.wsgi_app = Gzip(app.wsgi_app)  # large text responses compressed for clients that accept gzip
    # outermost: each client's share of this process's CPU, whatever the request (429 past it)
    app.wsgi_app = FairShare(app.wsgi_app, float(app.config["CLIENT_CPU_RATE"]),
                             float(app.config["CLIENT_CPU_BURST"]), float(app.config["CLIENT_MIN_COST"]),
                             float(app.config["CLIENT_HEAVY_CPU"]))
    app.extensions[FAIR_SHARE] = app.wsgi_app  # the server serves the client that used it least first
    return app



def warm_up(app: Flask) -> dict[str, float]:
    """Start the query workers and build every per-dataset index, before the server accepts a connection.

    The workers load in their own processes while this one builds the indexes, so neither waits for the
    other; the first visitors then find both ready instead of paying for them (``leidraad serve``).
    """
    endpoint.warm_up(app)
    took = memo.warm(app.extensions[DATASET])
    executor = app.extensions[endpoint.EXTENSION].executor
    if isinstance(executor, WorkerPool) and not executor.wait_full(WORKERS_READY):
        log.warning("not every query worker was loaded within %g s; serving anyway", WORKERS_READY)
    return took
