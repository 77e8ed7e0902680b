"""Stable names for blank nodes: every build of the same sources names them alike.

Blank nodes (inline evidence, table cells, RDF lists) are replaced by IRIs
derived from their content and from who points at them.
"""

from __future__ import annotations

import hashlib

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..core.namespaces import ID, LEI
from ..core.terms import Triple

_KIND_BY_PREDICATE = {
    LEI.evidence: "evidence",
    LEI.hasCell: "cell",
}


def _term_key(term) -> str:
    return term.n3() if not isinstance(term, BNode) else "_"


def skolemise_triples(triples: dict[Triple, None]) -> dict[Triple, None]:
    """Replace every blank node by an IRI from a hash of what it says and who points at it.

    A blank node's name is the hash of its incoming edge (subject and
    predicate, the subject itself named first if it is blank) and of its own
    outgoing triples; equal content gives equal IRIs in every build.  Only
    triples touching a blank node are looked at, through two small indexes.
    """
    outgoing: dict[BNode, list[tuple[Node, Node]]] = {}
    incoming: dict[BNode, list[tuple[Node, Node]]] = {}
    for s, p, o in triples:
        if isinstance(s, BNode):
            outgoing.setdefault(s, []).append((p, o))
        if isinstance(o, BNode):
            incoming.setdefault(o, []).append((s, p))
    if not outgoing and not incoming:
        return triples
    names: dict[BNode, URIRef] = {}

    def content(node: BNode, seen: frozenset) -> str:
        parts = sorted(
            f"{p.n3()} {content(o, seen | {node}) if isinstance(o, BNode) and o not in seen else _term_key(o)}"
            for p, o in outgoing.get(node, ())
        )
        return "[" + ";".join(parts) + "]"

    def name(node: BNode, seen: frozenset = frozenset()) -> URIRef:
        if node in names:
            return names[node]
        edges = sorted(incoming.get(node, ()), key=lambda sp: (_term_key(sp[0]), str(sp[1])))
        parent = ""
        kind = "node"
        if edges:
            s, p = edges[0]
            kind = _KIND_BY_PREDICATE.get(p, kind)
            if isinstance(s, BNode):
                parent = str(name(s, seen | {node})) if s not in seen else "_"
            else:
                parent = s.n3()
            parent += " " + p.n3()
        digest = hashlib.sha256((parent + content(node, frozenset({node}))).encode()).hexdigest()[:16]
        names[node] = ID[f"{kind}/{digest}"]
        return names[node]

    return dict.fromkeys(
        (name(s) if isinstance(s, BNode) else s, p, name(o) if isinstance(o, BNode) else o)
        for s, p, o in triples
    )


def skolemise(graph: Graph) -> Graph:
    """:func:`skolemise_triples` for a whole rdflib graph, keeping its prefixes."""
    out = Graph()
    for triple in skolemise_triples(dict.fromkeys(graph)):
        out.add(triple)
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True)
    return out
