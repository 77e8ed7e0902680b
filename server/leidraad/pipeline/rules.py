"""A fast OWL 2 RL engine: the rules our ontology uses, as SPARQL over Oxigraph.

owlrl is the reference implementation of OWL 2 RL and stays available
(``leidraad build --reasoner owlrl``), but it applies every rule to every
triple in every cycle in pure Python: tens of seconds for our graph, hours at
a million triples.  The ontology uses a small part of OWL 2 RL — class and
property hierarchies, domains and ranges, inverse and symmetric properties,
an enumeration, asymmetry, irreflexivity and disjointness — so this module
states exactly those rules (their names are the W3C OWL 2 RL table's) as
SPARQL rules (written as CONSTRUCT, run as INSERT) on an in-memory Oxigraph
store until a round adds nothing.  ``tests/test_reasoning.py`` checks that
both engines give the same closure on the real data.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from ..core.prefixes import declarations
from ..core.terms import TermCache

PREFIXES = "\n" + declarations(("rdf", "rdfs", "owl")) + "\n"

#: Rules that add triples: (name in the OWL 2 RL tables, CONSTRUCT query).
RULES: tuple[tuple[str, str], ...] = (
    ("prp-dom", "CONSTRUCT { ?x a ?c } WHERE { ?p rdfs:domain ?c . ?x ?p ?y }"),
    ("prp-rng", "CONSTRUCT { ?y a ?c } WHERE { ?p rdfs:range ?c . ?x ?p ?y . FILTER(!isLiteral(?y)) }"),
    ("prp-symp", "CONSTRUCT { ?y ?p ?x } WHERE { ?p a owl:SymmetricProperty . ?x ?p ?y . FILTER(!isLiteral(?y)) }"),
    ("prp-trp", "CONSTRUCT { ?x ?p ?z } WHERE { ?p a owl:TransitiveProperty . ?x ?p ?y . ?y ?p ?z }"),
    ("prp-spo1", "CONSTRUCT { ?x ?p2 ?y } WHERE { ?p1 rdfs:subPropertyOf ?p2 . ?x ?p1 ?y }"),
    ("prp-eqp", "CONSTRUCT { ?x ?p2 ?y . ?a ?p1 ?b } WHERE { ?p1 owl:equivalentProperty ?p2 . "
                "{ ?x ?p1 ?y } UNION { ?a ?p2 ?b } }"),
    ("prp-inv1", "CONSTRUCT { ?y ?p2 ?x } WHERE { ?p1 owl:inverseOf ?p2 . ?x ?p1 ?y . FILTER(!isLiteral(?y)) }"),
    ("prp-inv2", "CONSTRUCT { ?y ?p1 ?x } WHERE { ?p1 owl:inverseOf ?p2 . ?x ?p2 ?y . FILTER(!isLiteral(?y)) }"),
    ("cls-oo", "CONSTRUCT { ?y a ?c } WHERE { ?c owl:oneOf ?list . ?list rdf:rest*/rdf:first ?y }"),
    ("cax-sco", "CONSTRUCT { ?x a ?c2 } WHERE { ?c1 rdfs:subClassOf ?c2 . ?x a ?c1 }"),
    ("cax-eqc", "CONSTRUCT { ?x a ?c2 . ?y a ?c1 } WHERE { ?c1 owl:equivalentClass ?c2 . "
                "{ ?x a ?c1 } UNION { ?y a ?c2 } }"),
    ("scm-sco", "CONSTRUCT { ?c1 rdfs:subClassOf ?c3 } WHERE { ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c3 }"),
    ("scm-eqc", "CONSTRUCT { ?c1 rdfs:subClassOf ?c2 . ?c2 rdfs:subClassOf ?c1 } "
                "WHERE { ?c1 owl:equivalentClass ?c2 }"),
    ("scm-spo", "CONSTRUCT { ?p1 rdfs:subPropertyOf ?p3 } WHERE { ?p1 rdfs:subPropertyOf ?p2 . "
                "?p2 rdfs:subPropertyOf ?p3 }"),
    ("scm-eqp", "CONSTRUCT { ?p1 rdfs:subPropertyOf ?p2 . ?p2 rdfs:subPropertyOf ?p1 } "
                "WHERE { ?p1 owl:equivalentProperty ?p2 }"),
    ("scm-dom1", "CONSTRUCT { ?p rdfs:domain ?c2 } WHERE { ?p rdfs:domain ?c1 . ?c1 rdfs:subClassOf ?c2 }"),
    ("scm-dom2", "CONSTRUCT { ?p1 rdfs:domain ?c } WHERE { ?p2 rdfs:domain ?c . ?p1 rdfs:subPropertyOf ?p2 }"),
    ("scm-rng1", "CONSTRUCT { ?p rdfs:range ?c2 } WHERE { ?p rdfs:range ?c1 . ?c1 rdfs:subClassOf ?c2 }"),
    ("scm-rng2", "CONSTRUCT { ?p1 rdfs:range ?c } WHERE { ?p2 rdfs:range ?c . ?p1 rdfs:subPropertyOf ?p2 }"),
)

#: Rules that find inconsistencies: (name, SELECT query yielding ?x and a ?message).
CHECKS: tuple[tuple[str, str], ...] = (
    ("cls-nothing2", "SELECT ?x ?y WHERE { ?x a owl:Nothing }"),
    ("prp-irp", "SELECT ?x ?y WHERE { ?p a owl:IrreflexiveProperty . ?x ?p ?x . BIND(?p AS ?y) }"),
    ("prp-asyp", "SELECT ?x ?y WHERE { ?p a owl:AsymmetricProperty . ?x ?p ?y . ?y ?p ?x }"),
    ("cax-dw", "SELECT ?x ?y WHERE { ?c1 owl:disjointWith ?c2 . ?x a ?c1 , ?c2 . BIND(?c1 AS ?y) }"),
)


def closure(asserted: Graph, max_rounds: int = 50, cache: TermCache | None = None) -> tuple[list[tuple], list[str]]:
    """Apply :data:`RULES` to a fixpoint; return the new triples and what :data:`CHECKS` found.

    Each rule runs as ``INSERT { head } WHERE { body }`` inside Oxigraph, so
    no inferred triple crosses into Python until the fixpoint is reached (a
    round re-derives everything it derived before; with CONSTRUCT each of
    those went through Python to be found not new).  Only the triples the
    rules added are converted back to rdflib terms.
    """
    cache = cache or TermCache()
    given = {ox.Quad(*cache.triple_to_ox(t)) for t in asserted}
    store = ox.Store()
    store.bulk_extend(given)
    size = len(store)
    for _ in range(max_rounds):
        for update in UPDATES:
            store.update(update)
        if len(store) == size:
            break
        size = len(store)
    else:
        raise RuntimeError(f"no fixpoint after {max_rounds} rounds")
    errors = []
    for name, query in CHECKS:
        for row in store.query(PREFIXES + query):
            errors.append(f"{name}: {row['x'].value} ({row['y'].value})")
    return [cache.triple_from_ox(quad) for quad in store if quad not in given], sorted(errors)


def _as_insert(construct: str) -> str:
    """``CONSTRUCT { T } WHERE { P }`` as ``INSERT { T } WHERE { P }``: the rules are written as the former."""
    if not construct.startswith("CONSTRUCT "):
        raise ValueError(f"a rule is a CONSTRUCT query: {construct}")
    return "INSERT " + construct[len("CONSTRUCT "):]


#: :data:`RULES` as the SPARQL updates :func:`closure` runs, prepared once.
UPDATES: tuple[str, ...] = tuple(PREFIXES + _as_insert(query) for _name, query in RULES)
