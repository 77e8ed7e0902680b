"""OWL 2 RL closure over the asserted triples; what it adds is kept in a named graph of its own.

Two engines give the same closure: the rule set in :mod:`.rules` (SPARQL
updates inside Oxigraph, the default) and owlrl (the reference).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ..core.terms import TermCache, Triple

#: The engines ``leidraad build --reasoner`` accepts.
REASONERS = ("rules", "owlrl")

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
        def _equality(self, triple, cycle_num):
            s, p, o = triple
            if p == OWL.sameAs or (p == RDF.type and o == OWL.AllDifferent):
                super()._equality(triple, cycle_num)

    return WithoutReflexiveSameAs


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
