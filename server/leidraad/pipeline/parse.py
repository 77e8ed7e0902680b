"""Parsing the sources: each Turtle file into an ordered set of triples, each into its named graph.

The asserted triples are kept per named graph, one per source file: the
ontology, and one per data file, with blank nodes replaced by stable IRIs
(:mod:`.skolemise`) so dumps need no blank nodes at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..core.namespaces import GRAPH_ONTOLOGY, GRAPH_VOCABULARIES, rebase, text_graph
from ..core.terms import TermCache, Triple
from .skolemise import skolemise_triples
from .sources import Sources


class SourceError(ValueError):
    """A source file that does not parse: names the file, the line and the parser's message."""



def parse_triples(path: Path, cache: TermCache | None = None) -> tuple[dict[Triple, None], dict[str, str]]:
    """The triples of one Turtle file and its prefixes; a :class:`SourceError` if it does not parse.

    Oxigraph's Turtle parser (Rust, strict, with line and column in its
    errors) reads the file; rdflib's own parser gives the same triples about
    seventy times slower, which made parsing a third of a large build.
    """
    cache = cache or TermCache()
    try:
        parser = ox.parse(rebase(path.read_text(encoding="utf-8")), format=ox.RdfFormat.TURTLE,
                          base_iri=path.resolve().as_uri())
        # a dict as an ordered set: the file's order (a resource's statements together) is kept, and that
        # locality makes every later pass over the graph (pyshacl's above all) markedly faster than hash order
        triples = dict.fromkeys(cache.triple_from_ox(triple) for triple in parser)
    except (SyntaxError, ValueError) as exc:
        raise SourceError(f"{path}: {exc}") from None
    return triples, dict(parser.prefixes)


def parse_file(path: Path, cache: TermCache | None = None) -> Graph:
    """One Turtle file as an rdflib graph, with the file's prefixes bound."""
    triples, prefixes = parse_triples(path, cache)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True)
    return graph


@dataclass
class Loaded:
    """The asserted triples of a build, by named-graph IRI."""

    graphs: dict[URIRef, dict[Triple, None]]  # ordered sets of triples
    cache: TermCache = field(default_factory=TermCache)  # their terms' Oxigraph twins, for reasoning and dumps

    def union(self) -> Graph:
        """All asserted triples in one rdflib graph (on its default store: pyshacl needs a context-aware one)."""
        total = Graph()
        for triples in self.graphs.values():
            for t in triples:
                total.add(t)
        return total

    def __len__(self) -> int:
        return sum(len(g) for g in self.graphs.values())


def load(sources: Sources) -> Loaded:
    """Parse the ontology and every data file into its named graph.

    A text's graph is named after its file, up to the first dot: a large text may be
    split over ``name.ttl`` and ``name.arguments.ttl``, and both land in graph ``name``.
    """
    cache = TermCache()
    ontology: dict[Triple, None] = {}
    for path in sources.ontology_files():
        ontology |= parse_triples(path, cache)[0]
    graphs: dict[URIRef, dict[Triple, None]] = {GRAPH_ONTOLOGY: skolemise_triples(ontology)}
    vocabularies: dict[Triple, None] = {}
    for path in sources.vocabulary_files():  # what FOAF, ORG, FaBiO, CiTO say: apart, so /def serves only ours
        vocabularies |= parse_triples(path, cache)[0]
    if vocabularies:
        graphs[GRAPH_VOCABULARIES] = vocabularies
    for path in sources.data_files():
        graph = graphs.setdefault(text_graph(path.name.split(".")[0]), {})
        graph |= skolemise_triples(parse_triples(path, cache)[0])
    return Loaded(graphs, cache)
