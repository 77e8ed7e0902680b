"""Evaluating one query on a store and writing its answer: the single query path.

The endpoint's workers, the inline executor (``leidraad query``) and the
remote-store executor all call :func:`evaluate`, so their answers are the
same byte for byte.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from ..core.prefixes import PREFIXES
from . import results
from .errors import QueryFailed

#: Longest parser message passed on to the client.
MAX_MESSAGE_CHARS = 2_000
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


@dataclass(frozen=True)
class Outcome:
    """The serialised answer and what the endpoint reports about it."""

    body: bytes
    kind: str  # "solutions", "boolean" or "graph"
    rows: int
    truncated: bool
    seconds: float


def _dataset_arguments(job: Job) -> dict:
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": job.union_default_graph}
    return {
        "default_graph": [ox.NamedNode(iri) for iri in job.default_graphs or ()],
        "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs or ()],
    }


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
        answer = store.query(job.query, base_iri=job.base_iri, prefixes=PREFIXES, **_dataset_arguments(job))
    except SyntaxError as exc:
        raise QueryFailed(400, "Malformed query", str(exc)[:MAX_MESSAGE_CHARS]) from None
    except ValueError as exc:
        raise QueryFailed(400, "Invalid request", str(exc)[:MAX_MESSAGE_CHARS]) from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            body, kind, rows, truncated = _boolean(job, bool(answer))
        elif isinstance(answer, ox.QuerySolutions):
            body, kind, rows, truncated = _solutions(job, answer)
        else:
            body, kind, rows, truncated = _graph(job, answer)
    except OSError as exc:  # evaluation errors surface while iterating
        raise QueryFailed(400, "Query failed", str(exc)[:MAX_MESSAGE_CHARS]) from None
    return Outcome(body, kind, rows, truncated, time.perf_counter() - started)


def _boolean(job: Job, value: bool) -> tuple[bytes, str, int, bool]:
    if job.format not in results.BOOLEAN_FORMATS:
        raise QueryFailed(406, "Not Acceptable", f"an ASK result cannot be written as {job.format}")
    return results.write_boolean(job.format, value), "boolean", 1, False


def _solutions(job: Job, answer: ox.QuerySolutions) -> tuple[bytes, str, int, bool]:
    if job.format not in results.SOLUTION_FORMATS:
        raise QueryFailed(406, "Not Acceptable", f"SELECT results cannot be written as {job.format}")
    variables = [variable.value for variable in answer.variables]
    rows = [tuple(solution) for solution in islice(answer, job.max_rows + 1)]
    truncated = len(rows) > job.max_rows
    rows = rows[: job.max_rows]
    return results.write_solutions(job.format, variables, rows), "solutions", len(rows), truncated


def _graph(job: Job, answer: ox.QueryTriples) -> tuple[bytes, str, int, bool]:
    if job.format not in results.RDF_FORMATS:
        raise QueryFailed(406, "Not Acceptable", f"a graph result cannot be written as {job.format}")
    triples = list(islice(answer, job.max_rows + 1))
    truncated = len(triples) > job.max_rows
    triples = triples[: job.max_rows]
    offered = PREFIXES if job.format in PREFIXED_FORMATS else {}
    used = {name: ns for name, ns in offered.items() if any(_mentions(t, ns) for t in triples)}
    return results.write_graph(job.format, triples, used), "graph", len(triples), truncated


def _mentions(triple: ox.Triple, namespace: str) -> bool:
    return any(isinstance(t, ox.NamedNode) and t.value.startswith(namespace) for t in triple)
