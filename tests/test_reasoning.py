"""OWL 2 RL inference: the fast rule engine agrees with owlrl, the reference."""

from __future__ import annotations

import pytest
from leidraad.core.namespaces import ID, LEI
from leidraad.pipeline.reason import reason
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

ENGINES = ["rules", "owlrl"]


def test_fast_engine_gives_the_same_closure_as_owlrl_on_the_real_data(asserted: Graph) -> None:
    fast, reference = reason(asserted, engine="rules"), reason(asserted, engine="owlrl")
    assert fast.errors == reference.errors == []
    only_fast = set(fast.inferred) - set(reference.inferred)
    only_reference = set(reference.inferred) - set(fast.inferred)
    assert not only_fast and not only_reference, (sorted(only_fast)[:5], sorted(only_reference)[:5])
    assert len(fast.inferred) > 1000


@pytest.fixture()
def models(ontology: Graph) -> Graph:
    g = Graph() + ontology
    g.add((ID["concept/a"], RDF.type, LEI.OrganisationModel))
    g.add((ID["concept/a"], LEI.succeededBy, ID["concept/b"]))
    g.add((ID["concept/r"], RDF.type, LEI.Role))
    g.add((ID["concept/x"], LEI.inTensionWith, ID["concept/y"]))
    return g


@pytest.mark.parametrize("engine", ENGINES)
def test_inference_adds_inverses_superclasses_and_symmetric_links(models: Graph, engine: str) -> None:
    inferred = reason(models, engine=engine).inferred
    assert (ID["concept/b"], LEI.precededBy, ID["concept/a"]) in inferred
    assert (ID["concept/b"], RDF.type, LEI.Concept) in inferred          # range of succeededBy
    assert (ID["concept/r"], RDF.type, SKOS.Concept) in inferred
    assert (ID["concept/r"], RDF.type, URIRef("http://www.w3.org/ns/org#Role")) in inferred
    assert (ID["concept/y"], LEI.inTensionWith, ID["concept/x"]) in inferred
    assert (ID["concept/x"], SKOS.related, ID["concept/y"]) in inferred  # super-property
    assert (LEI.supports, RDF.type, LEI.Stance) in inferred or (LEI.supports, RDF.type, LEI.Stance) in models


@pytest.mark.parametrize("engine", ENGINES)
def test_disjoint_classes_sharing_a_member_are_reported(models: Graph, engine: str) -> None:
    models.add((LEI.Role, OWL.disjointWith, LEI.Trait))
    models.add((ID["concept/r"], RDF.type, LEI.Trait))
    assert reason(models, engine=engine).errors


@pytest.mark.parametrize("engine", ENGINES)
def test_a_model_succeeding_itself_is_reported(models: Graph, engine: str) -> None:
    models.add((ID["concept/a"], LEI.succeededBy, ID["concept/a"]))  # succeededBy is irreflexive
    assert reason(models, engine=engine).errors


@pytest.mark.parametrize("engine", ENGINES)
def test_a_position_held_by_a_concept_is_a_clash_of_disjoint_kinds(models: Graph, engine: str) -> None:
    """lei:heldBy's range makes the concept an agent; agents and concepts are disjoint in the ontology."""
    assert not reason(models, engine=engine).errors
    models.add((ID["position/p"], RDF.type, LEI.Position))
    models.add((ID["position/p"], LEI.heldBy, ID["concept/r"]))
    errors = reason(models, engine=engine).errors
    assert any(str(ID["concept/r"]) in e for e in errors), errors


@pytest.mark.parametrize("engine", ENGINES)
def test_a_claim_typed_as_a_position_too_is_a_clash(models: Graph, engine: str) -> None:
    models.add((ID["claim/c"], RDF.type, LEI.Disadvantage))
    models.add((ID["claim/c"], RDF.type, LEI.Position))
    assert any(str(ID["claim/c"]) in e for e in reason(models, engine=engine).errors)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_fictional_character_typed_as_a_person_too_is_a_clash(models: Graph, engine: str) -> None:
    models.add((ID["person/batman"], RDF.type, LEI.FictionalCharacter))
    assert not reason(models, engine=engine).errors
    models.add((ID["person/batman"], RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person")))
    assert any(str(ID["person/batman"]) in e for e in reason(models, engine=engine).errors)


@pytest.mark.parametrize("engine", ENGINES)
def test_an_item_denoting_a_concept_is_a_close_match_not_a_related_concept(models: Graph, engine: str) -> None:
    models.add((ID["item/f-1"], RDF.type, LEI.FrameworkItem))
    models.add((ID["item/f-1"], LEI.denotes, ID["concept/r"]))
    inferred = reason(models, engine=engine).inferred
    assert (ID["item/f-1"], SKOS.closeMatch, ID["concept/r"]) in inferred
    assert (ID["item/f-1"], SKOS.related, ID["concept/r"]) not in inferred
