"""The SPARQL 1.1 protocol endpoint at ``/sparql``.

The view is a short pipeline, each step in a module of its own:
:mod:`leidraad.sparql.protocol` reads the request, :mod:`leidraad.sparql.guard`
refuses what a public read-only endpoint must not run, :mod:`leidraad.core.conneg`
picks the format (a request nothing fits is refused before its query runs),
:mod:`leidraad.sparql.pool` runs the query in a worker process under a time
limit and a row cap, and the answer goes back as bytes, or as the query page
for a browser (:mod:`leidraad.web.query_page`).  Without a query, RDF clients get
the Service Description and browsers the query page.

Every answer, error or not, carries ``Vary: Accept`` and is readable
cross-origin, as SPARQL clients in browsers expect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, Response, current_app, render_template, request

from ..core import conneg
from ..core.namespaces import BASE
from ..core.prefixes import PREFIXES
from ..pipeline.dumps import compact_jsonld
from ..pipeline.sources import default_sources
from ..sparql import examples, protocol, service_description
from ..sparql import guard as query_guard
from ..sparql.errors import QueryFailed
from ..sparql.evaluate import TERMS, Job, Outcome, check_syntax, dataset_fields
from ..sparql.executors import InlineExecutor, RemoteExecutor
from ..sparql.pool import WorkerPool
from ..store.dataset import Dataset
from ..web import completions, linkeddata
from ..web import query_page as sparql_page
from . import limits
from .context import DATASET
from .errors import render_error
from .page_context import page_language

EXTENSION = "leidraad.sparql"
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})
KINDS = ("results", "rdf", "html")
#: The most bytes of terms the query page lays out as a table (below ``MAX_RESULT_BYTES`` for downloads).
HTML_RESULT_BYTES = 2_000_000

#: Defaults of this module's settings (the app's DEFAULTS hold the shared limits).
SETTINGS: dict[str, object] = {
    "SPARQL_EXECUTOR": "process",  # "process" (time limit enforced) or "inline" (trusted use only)
    "QUERIES_DIR": None,           # default: the checkout's queries/
}


@dataclass
class SparqlService:
    """What the endpoint keeps per application: its executor and the example catalogue."""

    executor: WorkerPool | InlineExecutor | RemoteExecutor
    examples: list[examples.Example] = field(default_factory=list)
    vendored: frozenset[str] = frozenset()  # the editor's parts vendored: "editor", "hints"


def install(app: Flask) -> None:
    """Create the executor (workers start on the first query, or on :func:`warm_up`) and read the examples."""
    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    folder = Path(app.config["QUERIES_DIR"] or default_sources().queries)
    vendor = Path(app.static_folder or "") / "vendor"
    app.extensions[EXTENSION] = SparqlService(
        executor=make_executor(app, app.extensions[DATASET]),
        examples=examples.load(folder),
        vendored=sparql_page.vendored(vendor),
    )


def make_executor(app: Flask, dataset: Dataset) -> WorkerPool | InlineExecutor | RemoteExecutor:
    """The executor for ``dataset`` as the app's settings ask (also used by :mod:`.reload`)."""
    if dataset.remote:  # an external store: its HTTP timeout is the time limit
        return RemoteExecutor(dataset.store)
    if app.config["SPARQL_EXECUTOR"] == "inline":
        return InlineExecutor(dataset.store)
    return WorkerPool(dataset.store, int(app.config["MAX_CONCURRENT_QUERIES"]),
                      memory_limit_mb=int(app.config.get("WORKER_MEMORY_MB", 0)),
                      accept_unsandboxed=bool(int(app.config.get("ALLOW_UNSANDBOXED_QUERIES", 0))),
                      workers_dir=str(app.config.get("WORKERS_DIR") or "") or None)


def warm_up(app: Flask) -> None:
    """Start the query workers now, so the first visitor does not wait for them (``leidraad serve``)."""
    executor = app.extensions[EXTENSION].executor
    if isinstance(executor, WorkerPool):
        executor.start()


def _service() -> SparqlService:
    return current_app.extensions[EXTENSION]


def endpoint() -> Response:
    proto: protocol.ProtocolRequest | None = None
    try:
        proto = protocol.read(request)
        response = _answer(proto)
    except QueryFailed as failure:
        response = _failure(failure, proto)
    response.headers.add("Vary", "Accept")
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = ("X-Leidraad-Truncated, X-Leidraad-Truncated-By, "
                                                         "X-Leidraad-Row-Limit, X-Leidraad-Byte-Limit")
    return response


def _answer(proto: protocol.ProtocolRequest) -> Response:
    if proto.query is None:
        if request.method == "POST":
            raise QueryFailed(400, "Bad Request", "The request carries no query.")
        return _without_query()
    facts = _check(proto.query)
    kind = "rdf" if facts.form in GRAPH_FORMS else "results"
    negotiated = _choose_format(proto.formats, kind)
    if negotiated is None:  # refused before the query runs (a malformed one still gets its 400 first)
        check_syntax(proto.query, BASE)
        types = ", ".join(f.media_type for f in _offers(kind))
        raise QueryFailed(406, "Not Acceptable", f"This result can be sent as {types}.")
    chosen, media_type = negotiated
    wire = chosen.name if chosen.kind != "html" else TERMS  # the page lays out the terms themselves
    max_bytes = int(current_app.config["MAX_RESULT_BYTES"])
    if chosen.kind == "html":  # a page shows a table, not a download: a page's worth
        max_bytes = min(max_bytes, HTML_RESULT_BYTES) if max_bytes else HTML_RESULT_BYTES
    job = _job(proto, facts, wire, int(current_app.config["MAX_ROWS"]), max_bytes)
    limit = protocol.time_limit(proto.timeout, float(current_app.config["QUERY_TIMEOUT"]))
    with limits.admitted() as place:  # a place inside the executor, or 503 at once (never a wait in this thread)
        outcome = _service().executor.run(job, limit)
        place.seconds = outcome.seconds  # the client's query time: the evaluation, not the wait for a worker
    if chosen.kind == "html":
        response = _page(proto.query, outcome=outcome, kind=kind)
    else:
        text = media_type.startswith("text/") or media_type.endswith(("json", "xml", "triples"))
        body, content_type = outcome.body, media_type + ("; charset=utf-8" if text else "")
        profile = conneg.jsonld_profile(request.headers.get("Accept")) if chosen.name == "jsonld" else None
        if profile == "compacted":
            body = compact_jsonld(body)
        if profile:
            content_type = linkeddata.media_type(chosen, profile)
        response = Response(body, content_type=content_type)
    response.headers["X-Leidraad-Row-Limit"] = str(job.max_rows)
    response.headers["X-Leidraad-Byte-Limit"] = str(job.max_bytes)
    response.headers["X-Leidraad-Truncated"] = "true" if outcome.truncated else "false"
    if outcome.truncated:
        response.headers["X-Leidraad-Truncated-By"] = outcome.cut_by  # "rows" or "bytes"
    return response


def _job(proto: protocol.ProtocolRequest, facts: query_guard.QueryFacts, wire: str, max_rows: int,
         max_bytes: int = 0) -> Job:
    return Job(
        query=proto.query or "",
        format=wire,
        max_rows=max_rows,
        max_bytes=max_bytes,
        base_iri=BASE,
        truncation_link=f"{BASE}sparql/truncated?rows={max_rows}&bytes={max_bytes}",
        **dataset_fields(facts, proto.default_graphs, proto.named_graphs),
    )


def _check(query: str) -> query_guard.QueryFacts:
    limit = int(current_app.config["MAX_QUERY_BYTES"])
    if len(query.encode("utf-8")) > limit:
        raise QueryFailed(413, "Query Too Large", f"The query is longer than {limit} bytes.")
    try:
        return query_guard.check(query)
    except query_guard.QueryRefused as refused:
        title = "Forbidden" if refused.status == 403 else "Bad Request"
        raise QueryFailed(refused.status, title, refused.message) from None


def _offers(kind: str) -> tuple[conneg.Format, ...]:
    return (*conneg.formats_of(kind), conneg.BY_NAME["html"])


def _choose_format(asked: tuple[str, ...], kind: str) -> tuple[conneg.Format, str] | None:
    """The format from ``format=``/``output=`` if given, else from ``Accept`` (None: nothing fits).

    Clients repeat the parameter (SPARQLWrapper sends ``format=tsv&format=text/tab-separated-values``): the
    first value that names a format this query can be written in wins; names are read per query form.
    """
    offered = _offers(kind)
    if asked:
        for value in asked:
            fmt = conneg.named(value, (kind, "html"))
            if fmt is not None and fmt in offered:
                return fmt, fmt.media_type
        if any(conneg.named(value, KINDS) for value in asked):
            # a real format, of the other kind (a SELECT asked for as Turtle): answer by Accept, as a client
            # sending both expects; the Content-Type says what came
            found = conneg.negotiate(request.headers.get("Accept"), offered)
            if found is not None:
                return found
        names = ", ".join(f.name for f in offered)
        shown = ", ".join(repr(value) for value in asked)
        raise QueryFailed(400, "Bad Request", f"format={shown} is not available for this query; use {names}.")
    return conneg.negotiate(request.headers.get("Accept"), offered)


def _without_query() -> Response:
    offered = (*conneg.formats_of("rdf"), conneg.BY_NAME["html"])
    found = conneg.negotiate(request.headers.get("Accept"), offered)
    if found is None:
        types = ", ".join(f.media_type for f in offered)
        raise QueryFailed(406, "Not Acceptable", f"The service description can be sent as {types}.")
    fmt, media_type = found
    if fmt.kind == "html":
        return _page(None)
    config = current_app.config
    graph = service_description.service_graph(
        endpoint=BASE + "sparql",  # the public address, never one made from the Host header
        void_url=BASE + ".well-known/void",
        named_graphs=current_app.extensions[DATASET].named_graphs(),
        limits={
            "queryTimeoutSeconds": float(config["QUERY_TIMEOUT"]),
            "maxResultRows": int(config["MAX_ROWS"]),
            "maxQueryBytes": int(config["MAX_QUERY_BYTES"]),
            "maxConcurrentQueries": int(config["MAX_CONCURRENT_QUERIES"]),
        },
    )
    return Response(service_description.serialise(graph, fmt.name), content_type=media_type + "; charset=utf-8")


def truncated_note() -> Response:
    """What the ``link`` in the head of a cut result points to: why it was cut, and what to do."""
    rows = request.args.get("rows", "")
    shown = rows if rows.isdigit() and len(rows) < 10 else str(current_app.config["MAX_ROWS"])
    size = request.args.get("bytes", "")
    megabytes = f"{int(size) / 1e6:g}" if size.isdigit() and len(size) < 13 else "?"
    text = (f"This result was cut at {shown} rows or about {megabytes} MB of terms, the most one answer holds "
            f"here (the header X-Leidraad-Truncated-By says which). Add LIMIT and OFFSET to the query to read it "
            f"page by page, select fewer or shorter values, or download the whole graph from /dumps/.\n"
            f"Dit resultaat is afgekapt na {shown} rijen of ongeveer {megabytes} MB aan termen, het maximum van één "
            f"antwoord hier (de header X-Leidraad-Truncated-By zegt welke). Gebruik LIMIT en OFFSET om het per "
            f"bladzijde te lezen, vraag minder of kortere waarden, of download de hele graaf via /dumps/.\n")
    response = Response(text, mimetype="text/plain")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _wants_page() -> bool:
    found = conneg.negotiate(request.headers.get("Accept"), (*conneg.formats_of("results"), conneg.BY_NAME["html"]))
    return found is not None and found[0].kind == "html"


def _failure(failure: QueryFailed, proto: protocol.ProtocolRequest | None) -> Response:
    """Errors about a query a browser sent are shown on the query page, beside the query."""
    asked_page = proto is not None and (proto.format or "").lower() == "html"
    if proto is not None and proto.query is not None and failure.status < 500 and (asked_page or _wants_page()):
        response = _page(proto.query, error=failure)
    else:
        response = render_error(failure.status, failure.title, failure.message)
    if failure.retry_after:
        response.headers["Retry-After"] = str(failure.retry_after)
    return response


def _shown_limit(outcome: Outcome | None) -> int:
    """The rows the page says a cut answer stopped at: the row cap, or the rows that fitted in the byte cap."""
    if outcome is not None and outcome.cut_by == "bytes":
        return outcome.rows
    return int(current_app.config["MAX_ROWS"])


def _page(query: str | None, outcome: Outcome | None = None, kind: str = "results",
          error: QueryFailed | None = None) -> Response:
    endpoint_url = BASE + "sparql"  # the public address: never one made from the Host header
    shown = query if query is not None else sparql_page.starter_query()
    table = None
    if outcome is not None:
        table = sparql_page.table_from_terms(outcome.table, sparql_page.page_number(request.args.get("page")),
                                             sparql_page.labeller(current_app.extensions[DATASET], page_language()))
    service = _service()
    media = "text/turtle" if kind == "rdf" else "application/sparql-results+json"
    html = render_template(
        "sparql.html",
        lang=page_language(),
        sparql_query=shown,
        examples=service.examples,
        vendored=service.vendored,
        completions=completions.completions(current_app.extensions[DATASET], page_language()),
        formats=[f for f in conneg.FORMATS if f.kind in ("results", "rdf")],
        selected_format=(request.values.get("format") or "html"),
        table=table,
        outcome=outcome,
        error=error,
        row_limit=_shown_limit(outcome),
        downloads=sparql_page.downloads(endpoint_url, shown, kind) if outcome is not None else [],
        curl=sparql_page.curl_line(endpoint_url, shown, media),
        endpoint=endpoint_url,
        prefixes=PREFIXES,
    )
    return Response(html, status=error.status if error else 200, mimetype="text/html")
