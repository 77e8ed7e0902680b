"""A statement is one text's: a relation assertion, a position or anything else with ``lei:statedIn`` names one
text, and only that text's data files describe it.  Two texts saying the same thing are two statements, each
with its own IRI, evidence and text; one node with two texts would blur whose words ground what."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from leidraad.core.namespaces import LEI
from leidraad.pipeline import integrity, successors
from leidraad.pipeline.locations import SourceIndex
from leidraad.pipeline.sources import Sources
from rdflib import Graph, URIRef
from rdflib.namespace import RDF


def _text_of_file(path: Path) -> str:
    """``natuurlijk-leiderschap.arguments.ttl`` → ``natuurlijk-leiderschap``: a text's data files share a stem."""
    return path.name.split(".", 1)[0]


def test_no_statement_is_stated_in_two_texts_nor_defined_in_two_texts_data_files(sources: Sources) -> None:
    texts: dict[URIRef, set] = defaultdict(set)
    typed_in: dict[URIRef, set[str]] = defaultdict(set)
    for path in sources.data_files():
        graph = Graph().parse(path, format="turtle")
        for node, text in graph.subject_objects(LEI.statedIn):
            texts[node].add(text)
        for node in set(graph.subjects(RDF.type, None)):
            typed_in[node].add(_text_of_file(path))
    assert len(texts) > 1000  # relation assertions, positions, claims, items…
    in_two_texts = {str(n): sorted(map(str, t)) for n, t in texts.items() if len(t) > 1}
    in_two_files = {str(n): sorted(typed_in[n]) for n in texts if len(typed_in[n]) > 1}
    assert in_two_texts == {}
    assert in_two_files == {}


def test_relation_assertions_that_two_texts_make_are_two_assertions(asserted: Graph) -> None:
    by_relation: dict[tuple, set] = defaultdict(set)
    for node in asserted.subjects(RDF.type, LEI.RelationAssertion):
        relation = tuple(asserted.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        by_relation[relation].add((node, asserted.value(node, LEI.statedIn)))
    twice = {r: made for r, made in by_relation.items() if len(made) > 1}
    # the succession the seeds 000 and 004 both state: one assertion per text, each in its own text
    succession = (URIRef("https://w3id.org/leidraad/id/concept/sectorenmodel"), LEI.succeededBy,
                  URIRef("https://w3id.org/leidraad/id/concept/directiemodel"))
    assert succession in twice
    for made in twice.values():
        assert len({node for node, _ in made}) == len(made) == len({text for _, text in made})


TURTLE = """@prefix lei: <https://w3id.org/leidraad/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix assertion: <https://w3id.org/leidraad/id/assertion/> .
@prefix concept: <https://w3id.org/leidraad/id/concept/> .
@prefix text: <https://w3id.org/leidraad/id/text/> .

concept:a a lei:Concept .
concept:b a lei:Concept .
text:{text} a lei:Text .
assertion:a-succeeded-by-b
    a lei:RelationAssertion ;
    rdf:subject concept:a ; rdf:predicate lei:succeededBy ; rdf:object concept:b ;
    lei:statedIn text:{text} .
"""


def test_a_statement_given_a_second_text_is_an_error_at_its_line_in_both_files(tmp_path: Path,
                                                                               ontology: Graph) -> None:
    paths = []
    for text in ("een", "twee"):
        path = tmp_path / f"{text}.ttl"
        path.write_text(TURTLE.format(text=text), encoding="utf-8")
        paths.append(path)
    index = SourceIndex.read(paths, tmp_path)
    graph = Graph()
    for f in index.files:
        for triple in f.triples:
            graph.add(triple)
    findings = [f for f in integrity.check(index, graph, ontology, tmp_path) if "lei:statedIn" in f.message]
    assert sorted((f.file, f.line) for f in findings) == [("een.ttl", 13), ("twee.ttl", 13)]
    assert all("2 lei:statedIn values" in f.message and "one text's" in f.message for f in findings)


def test_evidence_a_living_resource_gave_to_a_new_statement_redirects_to_that_statements_evidence() -> None:
    base = "https://w3id.org/leidraad/id/"
    place = (base + "text/t", "10", "12", "q")
    kept, split = base + "assertion/a-succeeded-by-b", base + "assertion/t--a-succeeded-by-b"
    published = {base + "evidence/old": (kept, *place), base + "evidence/person": (base + "person/p", *place)}
    live_evidence = {(split, *place): base + "evidence/new", (base + "person/p", *place): base + "evidence/person",
                     (base + "position/t--p--supports--b", *place): base + "evidence/position"}
    alive = {kept, split, base + "person/p", base + "evidence/person", *live_evidence.values()}
    table = successors.evidence_table(published, live_evidence, {}, alive)
    assert table == {base + "evidence/old": [base + "evidence/new"]}
    # with no new node of its kind at that place, the resource itself still stands in
    del live_evidence[(split, *place)]
    assert successors.evidence_table(published, live_evidence, {}, alive) == {base + "evidence/old": [kept]}
