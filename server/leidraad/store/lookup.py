"""Running SPARQL strings against the embedded store, for the pages.

All page queries go through :func:`rows` so they share one convention: the
standard prefixes, the default graph (the merge of the build's graphs) with the dataset's description, and
values bound to ``?variables`` as pyoxigraph terms.  A term is written into
the query in its N-Triples form, which pyoxigraph validates (IRIs) and
escapes (literals), so no label or path a reader sends can change a query's
meaning.  (pyoxigraph's own ``substitutions`` only binds projected variables,
which is not what the pages need.)
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from ..core.prefixes import PREFIXES
from .dataset import Dataset, page_graph_arguments

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = dict[str, Term]



def _term(value: object) -> Term:
    if isinstance(value, ox.NamedNode | ox.BlankNode | ox.Literal):
        return value
    if isinstance(value, str):
        return ox.NamedNode(value)
    return ox.Literal(str(value))


def bind(query: str, bindings: dict[str, object]) -> str:
    """``?name`` → the N-Triples form of its bound term, everywhere in ``query``."""
    for name, raw in bindings.items():
        term = str(_term(raw))
        query = re.sub(r"\?" + re.escape(name) + r"(?![\w])", lambda _m, term=term: term, query)
    return query


def _run(ds: Dataset, query: str, bindings: dict[str, object]):
    return ds.store.query(bind(query, bindings), prefixes=PREFIXES, **page_graph_arguments(ds.store))


def rows(ds: Dataset, query: str, **bindings: object) -> list[Row]:
    """The solutions of a SELECT query, each a dict of the variables it binds."""
    result = _run(ds, query, bindings)
    names = [v.value for v in result.variables]
    out: list[Row] = []
    for solution in result:
        out.append({n: solution[n] for n in names if solution[n] is not None})
    return out


def ask(ds: Dataset, query: str, **bindings: object) -> bool:
    return bool(_run(ds, query, bindings))


def value(term: Term | None) -> str:
    return "" if term is None else term.value


def lang_of(term: Term | None) -> str | None:
    return term.language if isinstance(term, ox.Literal) else None


def exists(ds: Dataset, iri: str) -> bool:
    """Whether the graph says anything about ``iri`` or points at it."""
    return ask(ds, "ASK { { ?this ?p ?o } UNION { ?s ?p ?this } }", this=iri)
