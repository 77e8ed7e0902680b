"""Which inferred types the shapes may see: so that a class constraint can fail.

OWL 2 RL closure types every value of a property by the property's range
(and every subject by its domain).  Validated on that closure, ``sh:class
foaf:Agent`` on ``lei:heldBy`` can never fail: a position "held by" a concept
makes the concept an agent before the shape looks.  So the shapes see the
closure minus the types that only domains and ranges gave:

- a resource the data types itself keeps the superclasses of those types
  (``lei:Municipality`` is an ``org:Organization`` and a ``foaf:Agent``);
- a node the data never types, but which exists only to qualify a parent
  (evidence, table cells, list nodes: skolemised blank nodes), keeps what
  inference gives it, as its type is the parent property's business;
- anything else untyped gets no type at all: a reference to an IRI described
  nowhere fails the class constraint that expects something real.

Disjointness is left to the reasoner, which sees everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..core.namespaces import ID
from ..core.terms import Triple

#: Skolemised blank nodes (see :mod:`.skolemise`): typed by the property that points at them.
NESTED = tuple(str(ID[kind + "/"]) for kind in ("evidence", "cell", "node"))


def superclasses(ontology: Iterable[Triple]) -> dict[URIRef, set[URIRef]]:
    """Every class's superclasses, itself included, from ``rdfs:subClassOf`` and ``owl:equivalentClass``."""
    direct: dict[URIRef, set[URIRef]] = {}
    for s, p, o in ontology:
        if p == RDFS.subClassOf and isinstance(o, URIRef):
            direct.setdefault(s, set()).add(o)
        elif p == OWL.equivalentClass and isinstance(o, URIRef):
            direct.setdefault(s, set()).add(o)
            direct.setdefault(o, set()).add(s)
    closed: dict[URIRef, set[URIRef]] = {}
    for cls in direct:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closed[cls] = seen
    return closed


def asserted_types(asserted: Graph) -> dict:
    """Each subject's types as the sources state them."""
    found: dict = {}
    for s, o in asserted.subject_objects(RDF.type):
        found.setdefault(s, set()).add(o)
    return found


def unsupported_types(types: dict, inferred: Iterable[Triple], ontology: Iterable[Triple]) -> list[Triple]:
    """The inferred ``rdf:type`` triples that no asserted type of their subject (``types``) entails."""
    supers = superclasses(ontology)
    hidden = []
    for triple in inferred:
        s, p, o = triple
        if p != RDF.type or str(s).startswith(NESTED):
            continue
        if not any(o in supers.get(t, {t}) for t in types.get(s, ())):
            hidden.append(triple)
    return hidden


def visible(asserted: Graph, inferred: Iterable[Triple]) -> Graph:
    """What the shapes validate: ``asserted`` (ontology included) plus ``inferred``, minus unsupported types.

    A new graph, for small inputs (tests, one file); the build removes the same triples in place.
    """
    inferred = list(inferred)
    hidden = set(unsupported_types(asserted_types(asserted), inferred, asserted))
    view = Graph()
    for t in asserted:
        view.add(t)
    for t in inferred:
        if t not in hidden:
            view.add(t)
    return view
