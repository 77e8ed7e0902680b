"""Evaluating one query on a store and writing its answer: the single query path.

The endpoint's workers, the inline executor (``leidraad query``) and the
remote-store executor all call :func:`evaluate`, so their answers are the
same byte for byte.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import pyoxigraph as ox

from ..core.prefixes import PREFIXES
from ..core.sparql_lexer import QueryFacts
from ..store.dataset import default_graph_arguments
from . import results
from .errors import QueryFailed

#: Longest parser message passed on to the client.
MAX_MESSAGE_CHARS = 2_000
#: Not a serialisation: the answer's terms themselves (they pickle), for the query page to lay out as a table.
TERMS = "terms"
#: Graph formats written with the standard prefixes (those used by the answer).
PREFIXED_FORMATS = frozenset({"turtle", "rdfxml"})


@dataclass(frozen=True)
class Job:
    """One query to evaluate, with its dataset and the output wanted."""

    query: str
    format: str  # a results format name from leidraad.core.conneg
    max_rows: int
    union_default_graph: bool = True
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None
    #: Written into the head of JSON and XML results that were cut at ``max_rows`` (a note saying so).
    truncation_link: str | None = None
    #: The most bytes of terms an answer may hold, in every format (0: no limit); past it, the answer is cut too.
    max_bytes: int = 0


@dataclass(frozen=True)
class Outcome:
    """The serialised answer and what the endpoint reports about it."""

    body: bytes
    kind: str  # "solutions", "boolean" or "graph"
    rows: int
    truncated: bool
    seconds: float
    #: For :data:`TERMS`: the boolean, or (variables, rows of terms); None for a serialised answer.
    table: object = None
    #: Why the answer was cut: "rows" (``max_rows``), "bytes" (``max_bytes``), or "" (it was not).
    cut_by: str = ""


def dataset_fields(facts: QueryFacts, default_graphs: tuple[str, ...] = (),
                   named_graphs: tuple[str, ...] = ()) -> dict:
    """A :class:`Job`'s dataset: the protocol's graphs if given (they override the query's), else the query's
    own ``FROM`` clauses, else the default graph."""
    if default_graphs or named_graphs:
        return {"union_default_graph": False, "default_graphs": default_graphs, "named_graphs": named_graphs}
    if facts.has_dataset_clause and facts.from_graphs is not None:
        return {"union_default_graph": False, "default_graphs": facts.from_graphs,
                "named_graphs": facts.from_named_graphs}
    return {"union_default_graph": not facts.has_dataset_clause, "default_graphs": None, "named_graphs": None}


def _dataset(store, job: Job) -> tuple[object, dict]:
    """The store to ask and the dataset arguments for ``job``: every default graph a set, as SPARQL says.

    No dataset named: the default graph (the merge of the build's graphs).  One
    default graph: that graph.  Several (``FROM`` twice, or ``default-graph-uri``
    twice): Oxigraph would join them as a bag, so their merge is made in a small
    store of its own, with the named graphs asked for, and the query runs there.
    """
    if job.default_graphs is None and job.named_graphs is None:
        if not job.union_default_graph:  # the query's own FROM clauses, read by the engine
            return store, {}
        return store, default_graph_arguments(store)
    default = tuple(job.default_graphs or ())
    named = tuple(job.named_graphs or ())
    if len(default) > 1 and isinstance(store, ox.Store):  # the arguments override the query's FROM clauses
        return _merged(store, default, named), {"default_graph": [ox.DefaultGraph()],
                                                "named_graphs": [ox.NamedNode(iri) for iri in named]}
    return store, {
        "default_graph": [ox.NamedNode(iri) for iri in default],
        "named_graphs": [ox.NamedNode(iri) for iri in named],
    }


@lru_cache(maxsize=4)
def _merged_cached(store_id: int, default: tuple[str, ...], named: tuple[str, ...]) -> ox.Store:
    store = _STORES[store_id]
    merged = ox.Store()
    merged.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                  for iri in default for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
    merged.extend(q for iri in named for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))
    return merged


#: Stores seen by :func:`_merged`, by id, so the cache key stays hashable (a worker holds one store for life).
_STORES: dict[int, ox.Store] = {}


def _merged(store: ox.Store, default: tuple[str, ...], named: tuple[str, ...]) -> ox.Store:
    _STORES[id(store)] = store
    return _merged_cached(id(store), default, named)


def check_syntax(query: str, base_iri: str | None = None) -> None:
    """:class:`QueryFailed` (400, with the parser's message) if ``query`` does not parse; nothing is evaluated.

    pyoxigraph has no parse-only call, but a SELECT or CONSTRUCT answer is
    evaluated lazily, as it is read, and an ASK is answered at once; on an
    empty store either costs nothing.  This lets the endpoint give a malformed
    query its 400 before it refuses, with 406, a format it cannot write.
    """
    try:
        ox.Store().query(query, base_iri=base_iri, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise QueryFailed(400, "Malformed query", str(exc)[:MAX_MESSAGE_CHARS]) from None
    except (ValueError, OSError):
        pass  # not a syntax error: the real evaluation will report it


def evaluate(store: ox.Store, job: Job) -> Outcome:
    """Run ``job`` on ``store``; :class:`QueryFailed` (400) for a query the engine rejects."""
    started = time.perf_counter()
    try:
        # the standard prefixes are predefined for every query (its own PREFIX lines override them)
        target, dataset = _dataset(store, job)
        answer = target.query(job.query, base_iri=job.base_iri, prefixes=PREFIXES, **dataset)
    except SyntaxError as exc:
        raise QueryFailed(400, "Malformed query", str(exc)[:MAX_MESSAGE_CHARS]) from None
    except ValueError as exc:
        raise QueryFailed(400, "Invalid request", str(exc)[:MAX_MESSAGE_CHARS]) from None
    except RuntimeError as exc:  # what the engine cannot do for this query, e.g. an unknown extension function
        raise QueryFailed(400, "Query not supported", str(exc)[:MAX_MESSAGE_CHARS]) from None
    cut: list[str] = []
    try:
        if isinstance(answer, ox.QueryBoolean):
            body, kind, rows, truncated, table = _boolean(job, bool(answer))
        elif isinstance(answer, ox.QuerySolutions):
            body, kind, rows, truncated, table = _solutions(job, answer, cut)
        else:
            body, kind, rows, truncated, table = _graph(job, answer, cut)
    except (OSError, RuntimeError) as exc:  # evaluation errors surface while iterating
        raise QueryFailed(400, "Query failed", str(exc)[:MAX_MESSAGE_CHARS]) from None
    cut_by = (cut[0] if cut else "rows") if truncated else ""
    return Outcome(body, kind, rows, truncated, time.perf_counter() - started, table, cut_by)


def _term_bytes(term: object) -> int:
    """About what a term takes in any format: its N-Triples form (the value, quotes, datatype or language)."""
    return 0 if term is None else len(str(term)) + 8


def _bounded(items: Iterator, job: Job, cut: list[str]) -> tuple[list, bool]:
    """At most ``max_rows`` items, and no more than ``max_bytes`` of terms; ``cut`` learns which limit bit."""
    taken: list = []
    size = 0
    for item in islice(items, job.max_rows + 1):
        if len(taken) == job.max_rows:
            cut.append("rows")
            return taken, True
        size += sum(_term_bytes(term) for term in item)
        if job.max_bytes and size > job.max_bytes:
            cut.append("bytes")
            return taken, True
        taken.append(item)
    return taken, False


def _boolean(job: Job, value: bool) -> tuple[bytes, str, int, bool, object]:
    if job.format == TERMS:
        return b"", "boolean", 1, False, value
    if job.format not in results.BOOLEAN_FORMATS:
        raise QueryFailed(406, "Not Acceptable", f"an ASK result cannot be written as {job.format}")
    return results.write_boolean(job.format, value), "boolean", 1, False, None


def _solutions(job: Job, answer: ox.QuerySolutions, cut: list[str]) -> tuple[bytes, str, int, bool, object]:
    if job.format not in (*results.SOLUTION_FORMATS, TERMS):
        raise QueryFailed(406, "Not Acceptable", f"SELECT results cannot be written as {job.format}")
    variables = [variable.value for variable in answer.variables]
    rows, truncated = _bounded((tuple(solution) for solution in answer), job, cut)
    if job.format == TERMS:
        return b"", "solutions", len(rows), truncated, (variables, rows)
    link = job.truncation_link if truncated else None
    return results.write_solutions(job.format, variables, rows, link), "solutions", len(rows), truncated, None


def _graph(job: Job, answer: ox.QueryTriples, cut: list[str]) -> tuple[bytes, str, int, bool, object]:
    if job.format not in (*results.RDF_FORMATS, TERMS):
        raise QueryFailed(406, "Not Acceptable", f"a graph result cannot be written as {job.format}")
    triples, truncated = _bounded(iter(answer), job, cut)
    if job.format == TERMS:
        rows = [(t.subject, t.predicate, t.object) for t in triples]
        return b"", "graph", len(rows), truncated, (["subject", "predicate", "object"], rows)
    offered = PREFIXES if job.format in PREFIXED_FORMATS else {}
    used = {name: ns for name, ns in offered.items() if any(_mentions(t, ns) for t in triples)}
    return results.write_graph(job.format, triples, used), "graph", len(triples), truncated, None


def _mentions(triple: ox.Triple, namespace: str) -> bool:
    return any(isinstance(t, ox.NamedNode) and t.value.startswith(namespace) for t in triple)
