"""Loading the sources into named graphs, and reasoning over them.

The asserted triples are kept per named graph, one per source file: the
ontology, and one per data file.  Blank nodes (inline evidence, table cells,
RDF lists) are replaced by IRIs derived from their content, so every build of
the same sources names them alike and dumps need no blank nodes at all.
OWL 2 RL closure (the rule engine in ``rules.py``, or owlrl) runs over the
union; what it adds is kept in a named graph of its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from .namespaces import GRAPH_INFERRED, GRAPH_ONTOLOGY, ID, LEI, rebase, text_graph
from .sources import Sources
from .terms import TermCache


class SourceError(ValueError):
    """A source file that does not parse: names the file, the line and the parser's message."""


Triple = tuple[Node, Node, Node]


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


# -----------------------------------------------------------------------------
# Stable names for blank nodes
# -----------------------------------------------------------------------------

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


# -----------------------------------------------------------------------------
# Loading
# -----------------------------------------------------------------------------


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
    """Parse the ontology and every data file into its named graph."""
    cache = TermCache()
    ontology: dict[Triple, None] = {}
    for path in sources.ontology_files():
        ontology |= parse_triples(path, cache)[0]
    graphs: dict[URIRef, dict[Triple, None]] = {GRAPH_ONTOLOGY: skolemise_triples(ontology)}
    for path in sources.data_files():
        graphs[text_graph(path.stem)] = skolemise_triples(parse_triples(path, cache)[0])
    return Loaded(graphs, cache)


# -----------------------------------------------------------------------------
# Reasoning
# -----------------------------------------------------------------------------

_VOCABULARY_NAMESPACES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_SAME_AS = OWL.sameAs
_TYPE = RDF.type
_SAID_OF_EVERYTHING = frozenset((OWL.Thing, RDFS.Resource))
_TYPES_OF_EVERYTHING = frozenset((OWL.Thing, RDFS.Resource, OWL.NamedIndividual, RDFS.Class))
_REFLEXIVE_AXIOMS = frozenset((RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf, OWL.equivalentProperty))


def _worth_keeping(triple) -> bool:
    """Drop what OWL 2 RL closure says about everything: reflexive sameAs, vocabulary axioms.

    Called once per inferred triple (a million at scale), so the vocabulary
    terms are looked up once, above, not per call.
    """
    s, p, o = triple
    if isinstance(s, Literal | BNode) or isinstance(o, BNode):
        return False
    if p == _SAME_AS and s == o:
        return False
    if str.startswith(s, _VOCABULARY_NAMESPACES):  # URIRef.startswith takes no tuple
        return False
    if p == _TYPE and o in _TYPES_OF_EVERYTHING:
        return False
    if p in _REFLEXIVE_AXIOMS and s == o:
        return False
    return o not in _SAID_OF_EVERYTHING


ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


@dataclass
class Closure:
    """What OWL 2 RL closure adds, and the inconsistencies it found.

    The build only iterates and counts the added triples, so they are kept as
    a list; :attr:`inferred` makes an rdflib graph of them on first use (a
    million ``Graph.add`` calls cost the build a dozen seconds for nothing).
    """

    triples: list[Triple]
    errors: list[str]

    @cached_property
    def inferred(self) -> Graph:
        graph = Graph()
        for t in self.triples:
            graph.add(t)
        return graph


def _semantics(exact: bool):
    """The owlrl rule set to run: the reference, or the same less eq-ref.

    Rule eq-ref makes every term owl:sameAs itself: three triples per triple,
    each then pushed through every other rule, for nothing anyone asks about
    (and which we drop from the output anyway).  Profiling shows it is about
    half of owlrl's time on our data.  Skipping only that rule gives the same
    closure less the reflexive sameAs triples; ``tests/test_reasoning.py``
    checks that both agree on the real data.
    """
    import owlrl

    if exact:
        return owlrl.OWLRL_Semantics

    class WithoutReflexiveSameAs(owlrl.OWLRL_Semantics):
        def _equality(self, triple, cycle_num):  # noqa: ANN001 - owlrl's signature
            s, p, o = triple
            if p == OWL.sameAs or (p == RDF.type and o == OWL.AllDifferent):
                super()._equality(triple, cycle_num)

    return WithoutReflexiveSameAs


REASONERS = ("rules", "owlrl")


def reason(asserted: Graph, *, engine: str = "rules", exact: bool = False, cache: TermCache | None = None) -> Closure:
    """OWL 2 RL closure of ``asserted``: the triples it adds that are worth keeping, and its errors.

    owlrl records an inconsistency (a member of owl:Nothing, a violated
    disjointness, ...) as a blank node carrying an error message; those are
    taken out of the closure and reported, never published.
    """
    if engine == "rules":
        from . import rules

        added, errors = rules.closure(asserted, cache=cache)
        return Closure([t for t in added if _worth_keeping(t)], errors)

    import owlrl

    closure = Graph()
    for t in asserted:
        closure.add(t)
    owlrl.DeductiveClosure(_semantics(exact), axiomatic_triples=False, datatype_axioms=False).expand(closure)
    errors = sorted(str(m) for m in closure.objects(None, ERROR))
    errors += [f"{s} is a member of owl:Nothing" for s in closure.subjects(RDF.type, OWL.Nothing)]
    return Closure([t for t in closure if t not in asserted and _worth_keeping(t)], errors)


__all__ = ["GRAPH_INFERRED", "Closure", "Loaded", "SourceError", "load", "reason", "skolemise"]
