"""rdflib's in-memory store behind the same Store API, for comparison only (``LEIDRAAD_ENGINE=rdflib``).

The issue asks how much Oxigraph buys us over rdflib's own SPARQL engine, on
the same endpoint and pages.  This adapter evaluates with rdflib and hands the
answer back as pyoxigraph objects (through the standard result formats), so
every module above the store runs unchanged and the comparison measures the
engine, not a different code path.  It honours the union default graph but
not protocol-level dataset descriptions; it is a yardstick, not a backend.
"""

from __future__ import annotations

import pyoxigraph as ox
from leidraad.store.remote import with_prologue
from rdflib import Dataset as RdflibDataset
from rdflib import Graph, Literal, URIRef


def _to_rdflib(term: object):
    """A pyoxigraph term as rdflib's, ``None`` (a wildcard) for anything else."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return None


class RdflibStore:
    """An rdflib ``Dataset`` loaded from the build's N-Quads, answering like ``pyoxigraph.Store``."""

    def __init__(self, nquads: str) -> None:
        self.dataset = RdflibDataset(default_union=True)
        self.dataset.parse(nquads, format="nquads")

    def query(self, query: str, *, base_iri: str | None = None, prefixes: dict[str, str] | None = None,
              use_default_graph_as_union: bool = True, default_graph=None, named_graphs=None):
        result = self.dataset.query(with_prologue(query, prefixes, base_iri))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            data = result.serialize(format="nt")
            return [quad.triple for quad in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(result.serialize(format="xml"), format=ox.QueryResultsFormat.XML)

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> list[ox.Quad]:
        graph = self.dataset.graph(URIRef(graph_name.value)) if graph_name is not None else self.dataset
        matching = Graph()
        for triple in graph.triples((_to_rdflib(subject), _to_rdflib(predicate), _to_rdflib(object))):
            matching.add(triple)
        text = matching.serialize(format="nt")
        target = graph_name if graph_name is not None else ox.DefaultGraph()
        return [ox.Quad(q.subject, q.predicate, q.object, target)
                for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]

    def dump(self, path: str, format: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        """Write the dataset as N-Quads (what the query workers load their copy from)."""
        self.dataset.serialize(destination=path, format="nquads")

    def named_graphs(self) -> list[ox.NamedNode]:
        return [ox.NamedNode(str(g.identifier)) for g in self.dataset.graphs() if isinstance(g.identifier, URIRef)
                and str(g.identifier) != "urn:x-rdflib:default"]

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))
