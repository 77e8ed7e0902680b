"""Every ``lei:`` property the data uses is declared in the ontology (issue 14: no undocumented terms)."""

from __future__ import annotations

from pathlib import Path

from leidraad.core.namespaces import LEI
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

FIXTURE = Path(__file__).parent / "fixtures" / "ontology" / "undeclared-property.ttl"


def declared_properties(ontology: Graph) -> set[URIRef]:
    """Whatever the ontology types as a property: ``rdf:Property``, OWL's property kinds."""
    return {s for s, o in ontology.subject_objects(RDF.type)
            if isinstance(s, URIRef) and str(o).endswith("Property")}


def undeclared_properties(data: Graph, ontology: Graph) -> list[str]:
    """``lei:`` properties used as predicates (or named by ``rdf:predicate``) that the ontology does not declare."""
    used = set(data.predicates()) | set(data.objects(None, RDF.predicate))
    ours = {p for p in used if isinstance(p, URIRef) and str(p).startswith(str(LEI))}
    return sorted(str(p) for p in ours - declared_properties(ontology))


def test_every_property_of_ours_in_the_data_is_declared(asserted, ontology) -> None:
    assert undeclared_properties(asserted, ontology) == []


def test_an_undeclared_property_is_found(ontology) -> None:
    data = Graph().parse(FIXTURE, format="turtle")
    assert undeclared_properties(data, ontology) == [str(LEI.growsOutOf), str(LEI.heldby)]
