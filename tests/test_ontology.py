"""The ontology parses, documents every term in both languages, and stays consistent."""

from __future__ import annotations

import pytest
from leidraad.core.namespaces import LEI, ONTOLOGY_IRI
from leidraad.pipeline.reason import reason
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
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


def _ontology_only(sources) -> Graph:
    g = Graph()
    for path in sources.ontology_files():
        g.parse(path, format="turtle")
    return g


def test_the_ontology_states_nothing_about_another_vocabularys_terms(sources) -> None:
    """Every statement of ontology/*.ttl is about the ontology or a term of ours (or a list inside one);
    what FOAF, ORG, FaBiO and CiTO say themselves is in ontology/vocabularies/, a graph of its own."""
    own = _ontology_only(sources)
    foreign = sorted({str(s) for s in own.subjects() if isinstance(s, URIRef)
                      and s != URIRef(ONTOLOGY_IRI) and not str(s).startswith(str(LEI))})
    assert foreign == []
    assert (URIRef("http://www.w3.org/ns/org#Membership"), RDFS.subClassOf, None) not in own
    assert (LEI.evidence, RDFS.subPropertyOf, None) not in own


def test_the_reused_vocabularies_say_only_what_they_say_about_their_own_terms(sources) -> None:
    reused = Graph()
    for path in sources.vocabulary_files():
        reused.parse(path, format="turtle")
    assert len(reused) > 20
    ours = sorted({str(t) for triple in reused for t in triple if str(t).startswith(str(LEI).rstrip("#"))})
    assert ours == []


def _names_in_code(sources) -> set[str]:
    """Local names of our terms the server's code and templates mention (lei:x, LEI.x, LEI["x"])."""
    import re

    text = "\n".join(p.read_text(encoding="utf-8") for p in (sources.root / "server" / "leidraad").rglob("*")
                     if p.suffix in {".py", ".html"})
    return set(re.findall(r"lei:(\w+)", text)) | set(re.findall(r"LEI\.(\w+)", text)) | set(
        re.findall(r'LEI\["(\w+)"\]', text))


def unused_terms(ontology: Graph, used: set[URIRef], in_code: set[str]) -> list[str]:
    """Terms of ours (classes, properties, individuals, the stance scheme) that nothing uses: not the data, not
    the shapes, not the server, and not as the declared inverse of a property that is used (the reasoner fills
    it). A deprecated term is kept for its published IRI and is not counted."""
    terms = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(str(LEI))}
    inverses = {t for t in terms for p in ontology.objects(t, OWL.inverseOf) if p in used} | {
        t for t in terms for p in ontology.subjects(OWL.inverseOf, t) if p in used}
    deprecated = set(ontology.subjects(OWL.deprecated, None))
    return sorted(str(t) for t in terms - used - inverses - deprecated if str(t)[len(str(LEI)):] not in in_code)


def test_every_term_of_ours_is_used_by_the_data_the_shapes_or_the_server(sources, asserted, ontology) -> None:
    shapes = Graph()
    for path in sources.shape_files():
        shapes.parse(path, format="turtle")
    data = asserted - _ontology_only(sources)
    assert unused_terms(ontology, _used_terms(data) | _used_terms(shapes), _names_in_code(sources)) == []


def test_an_unused_term_is_found(ontology) -> None:
    spare = Graph() + ontology
    spare.add((LEI.neverUsed, RDF.type, OWL.ObjectProperty))
    spare.add((LEI.oldTerm, RDF.type, OWL.ObjectProperty))
    spare.add((LEI.oldTerm, OWL.deprecated, Literal(True)))
    used = {t for t in spare.subjects(RDF.type, None) if isinstance(t, URIRef)} - {LEI.neverUsed, LEI.oldTerm}
    assert unused_terms(spare, used, set()) == [str(LEI.neverUsed)]


def test_the_stances_are_a_concept_scheme_of_their_own(ontology: Graph) -> None:
    stances = set(ontology.subjects(RDF.type, LEI.Stance))
    listed = set(Collection(ontology, ontology.value(LEI.Stance, OWL.oneOf)))
    assert stances == listed and len(stances) == 5
    assert (LEI.Stances, RDF.type, SKOS.ConceptScheme) in ontology
    assert set(ontology.objects(LEI.Stances, SKOS.hasTopConcept)) == stances
    for stance in stances:
        assert (stance, SKOS.inScheme, LEI.Stances) in ontology
        assert (stance, SKOS.topConceptOf, LEI.Stances) in ontology
        assert languages(ontology, stance, SKOS.prefLabel) == {"nl", "en"}
        assert languages(ontology, stance, SKOS.definition) == {"nl", "en"}


def test_stances_match_only_cito_terms_the_vocabularies_label(ontology: Graph) -> None:
    """A skos:closeMatch names a real CiTO property (read from CiTO, labelled in ontology/vocabularies/)."""
    matches = {o for s in ontology.subjects(RDF.type, LEI.Stance) for o in ontology.objects(s, SKOS.closeMatch)}
    assert matches, "supports, criticises and nuances have CiTO counterparts"
    assert all(str(m).startswith("http://purl.org/spar/cito/") for m in matches)
    assert all(languages(ontology, m, RDFS.label) == {"nl", "en"} for m in matches)


def test_denotes_is_a_mapping_not_an_association(ontology: Graph) -> None:
    supers = set(ontology.transitive_objects(LEI.denotes, RDFS.subPropertyOf))
    assert SKOS.closeMatch in supers and SKOS.related not in supers
