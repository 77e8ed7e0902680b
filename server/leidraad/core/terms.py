"""Converting RDF terms between rdflib and pyoxigraph.

Oxigraph parses the sources, reasons, writes the dumps and serves; rdflib
holds the graph that pyshacl validates.  These two functions, and the cache
that remembers both directions, are the only bridge between the term models.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: An rdflib triple, as the pipeline passes them around.
Triple = tuple[Node, Node, Node]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # a simple literal, as rdflib writes it
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class TermCache:
    """Both conversions, remembered: a graph names the same IRIs and literals over and over.

    Converting a million triples term by term creates three million objects;
    with the cache each distinct term is converted once, and the converted
    objects are shared in memory.
    """

    def __init__(self) -> None:
        self._to: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
        self._from: dict[ox.NamedNode | ox.BlankNode | ox.Literal, Node] = {}

    def to_ox(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = self._to.get(term)
        if found is None:
            found = self._to[term] = to_ox(term)
        return found

    def from_ox(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        found = self._from.get(term)
        if found is None:
            found = self._from[term] = from_ox(term)
            self._to.setdefault(found, term)  # the way back is known too: reasoning and dumps convert back
        return found

    def triple_to_ox(self, triple: tuple[Node, Node, Node]) -> ox.Triple:
        s, p, o = triple
        return ox.Triple(self.to_ox(s), self.to_ox(p), self.to_ox(o))

    def triple_from_ox(self, triple: ox.Triple | ox.Quad) -> tuple[Node, Node, Node]:
        return self.from_ox(triple.subject), self.from_ox(triple.predicate), self.from_ox(triple.object)
