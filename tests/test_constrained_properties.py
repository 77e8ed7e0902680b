"""Every property the data uses is constrained by a shape, and every such constraint can fail (issue 14, point 8).

A property no ``sh:path`` names can carry anything: a person where a concept belongs, a string where a text
should be linked. So each one the data files use has a value constraint (class, datatype, node kind, count),
and a fixture under ``fixtures/shapes/`` breaks it: the fixture's violation names the property as its path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from leidraad.core.namespaces import SH
from leidraad.pipeline.build import load_shapes
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF
from test_shapes import BROKEN, FIXTURES, check

#: Path operators whose argument is itself a path.
_NESTED = (SH.alternativePath, SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath)


def path_properties(shapes: Graph, path: object) -> set[URIRef]:
    """The properties a ``sh:path`` value names: itself, or those inside a sequence or a path operator."""
    if isinstance(path, URIRef):
        return {path}
    found: set[URIRef] = set()
    if (path, RDF.first, None) in shapes:
        for member in Collection(shapes, path):
            found |= path_properties(shapes, member)
    for operator in _NESTED:
        for inner in shapes.objects(path, operator):
            members = list(Collection(shapes, inner)) if operator == SH.alternativePath else [inner]
            for member in members:
                found |= path_properties(shapes, member)
    return found


def constrained(shapes: Graph) -> set[URIRef]:
    return {p for path in shapes.objects(None, SH.path) for p in path_properties(shapes, path)}


def unconstrained(data: Graph, shapes: Graph) -> list[str]:
    """Properties used in ``data`` (``rdf:type`` aside: shapes target and check types) that no ``sh:path`` names."""
    used = {p for p in data.predicates() if p != RDF.type}
    return sorted(str(p) for p in used - constrained(shapes))


def data_only(sources) -> Graph:
    g = Graph()
    for path in sources.data_files():
        g.parse(path, format="turtle")
    return g


def test_every_property_the_data_uses_is_constrained_by_a_shape(sources, shapes) -> None:
    assert unconstrained(data_only(sources), shapes) == []


def test_an_unconstrained_property_is_found(shapes) -> None:
    data = Graph().parse(data="""
        @prefix ex: <https://example.org/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        ex:a skos:prefLabel "a"@nl ; skos:exactMatch ex:b ; ex:madeUp ex:c .""", format="turtle")
    assert unconstrained(data, shapes) == ["http://www.w3.org/2004/02/skos/core#exactMatch",
                                                          "https://example.org/madeUp"]


def test_a_path_inside_an_alternative_or_inverse_path_counts() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .
        ex:s sh:property [ sh:path [ sh:alternativePath ( ex:p [ sh:inversePath ex:q ] ) ] ] .""", format="turtle")
    assert {str(p) for p in constrained(shapes)} == {"https://example.org/p", "https://example.org/q"}


@pytest.fixture(scope="module")
def shapes(sources) -> Graph:
    return load_shapes(sources)


def _failed_paths(ontology: Graph, shapes: Graph, fixture: Path) -> set[str]:
    """The local names (lower case) of the properties the fixture's violations name as their path."""
    g = check(ontology, shapes, FIXTURES / "_base.ttl", fixture).graph
    return {str(p).replace("#", "/").rsplit("/", 1)[-1].lower()
            for r in g.subjects(RDF.type, SH.ValidationResult) for p in g.objects(r, SH.resultPath)
            if isinstance(p, URIRef)}


def test_every_constraint_added_for_an_unconstrained_property_has_a_failing_fixture(ontology, shapes) -> None:
    """The ``value-of-<prefix>-<property>`` fixtures: each breaks the constraint on the property it is named after."""
    value_fixtures = [p for p in BROKEN if p.name.startswith("value-of-")]
    assert len(value_fixtures) >= 40
    missing = [p.name for p in value_fixtures
               if p.stem.removeprefix("value-of-").split("-", 1)[1] not in _failed_paths(ontology, shapes, p)]
    assert missing == []
