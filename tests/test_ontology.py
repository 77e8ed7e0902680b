"""The ontology parses, documents every term in both languages, and stays consistent."""

from __future__ import annotations

import pytest
from leidraad.core.namespaces import LEI, ONTOLOGY_IRI
from leidraad.pipeline.reason import reason
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


def our_terms(graph: Graph) -> set[URIRef]:
    return {s for t in DECLARATION_TYPES for s in graph.subjects(RDF.type, t) if str(s).startswith(str(LEI))}


def languages(graph: Graph, term: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in graph.objects(term, prop) if getattr(o, "language", None)}


def test_ontology_declares_itself_with_metadata(ontology: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    for prop in ("title", "description", "creator", "license"):
        assert ontology.value(onto, URIRef("http://purl.org/dc/terms/" + prop)) is not None, prop
    assert ontology.value(onto, OWL.versionIRI) is not None
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert str(ontology.value(onto, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix"))) == "lei"


def test_ontology_has_the_model_the_texts_need(ontology: Graph) -> None:
    terms = our_terms(ontology)
    for local in ("SourceText", "Response", "Role", "Trait", "Competence", "LeadershipStyle", "OrganisationModel",
                  "PublicValue", "Challenge", "Framework", "FrameworkItem", "Compass", "Quadrant", "Table",
                  "Position", "Stance", "Evidence", "heldBy", "stance", "about", "evidence", "succeededBy",
                  "requires", "inTensionWith", "associatedWithRole", "ordinal", "parentItem"):
        assert LEI[local] in terms, local


@pytest.mark.parametrize("prop", [RDFS.label, SKOS.definition], ids=["label", "definition"])
def test_every_term_of_ours_has_dutch_and_english(ontology: Graph, prop: URIRef) -> None:
    missing = sorted(str(t) for t in our_terms(ontology) if not {"nl", "en"} <= languages(ontology, t, prop))
    assert not missing, f"terms lacking nl/en {prop}: {missing}"


#: Properties whose values are of several kinds on purpose (a concept, a framework, a claim, a person …):
#: a range would type every value as all of them; their shapes check the values instead.
OPEN_RANGE = {LEI.about, LEI.topic, LEI.exampleOf, LEI.cause, LEI.effect, LEI.addressedTo}


def test_every_object_property_of_ours_has_a_range_unless_open_on_purpose(ontology: Graph) -> None:
    props = [p for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(str(LEI))]
    lacking = [str(p) for p in props if ontology.value(p, RDFS.range) is None and p not in OPEN_RANGE]
    assert not lacking


def test_our_classes_align_with_standard_vocabularies(ontology: Graph) -> None:
    classes = [c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(LEI))]
    roots = [c for c in classes if not any(not str(sup).startswith(str(LEI)) or sup in classes
                                           for sup in ontology.objects(c, RDFS.subClassOf))]
    # every class either specialises a standard class or one of ours; only a few stand alone
    assert len(roots) <= 4, roots


def test_owl_rl_closure_of_ontology_and_data_is_consistent(asserted: Graph) -> None:
    closure = reason(asserted)
    assert not closure.errors
    assert not list((asserted + closure.inferred).subjects(RDF.type, OWL.Nothing))


def _used_terms(graph: Graph) -> set[URIRef]:
    used = set()
    for s, p, o in graph:
        for term in (s, p, o):
            if isinstance(term, URIRef) and str(term).startswith(str(LEI)):
                used.add(term)
    return used


def test_data_uses_only_terms_the_ontology_declares(asserted: Graph, ontology: Graph) -> None:
    declared = set(ontology.subjects())
    undeclared = sorted(str(t) for t in _used_terms(asserted) if t not in declared)
    assert not undeclared


def test_shapes_use_only_terms_the_ontology_declares(sources, ontology: Graph) -> None:
    shapes = Graph()
    for path in sources.shape_files():
        shapes.parse(path, format="turtle")
    declared = set(ontology.subjects())
    undeclared = sorted(str(t) for t in _used_terms(shapes) if t not in declared)
    assert not undeclared


def test_every_term_of_ours_says_it_is_defined_by_the_ontology(ontology: Graph) -> None:
    defined_by = URIRef(str(LEI).rstrip("#"))
    lacking = sorted(str(t) for t in our_terms(ontology) if (t, RDFS.isDefinedBy, defined_by) not in ontology)
    assert not lacking
