"""The build writes valid, complete, reproducible dumps, and never a bad one."""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from leidraad.core.namespaces import DATASET_IRI, GRAPH_INFERRED, GRAPH_ONTOLOGY, text_graph
from leidraad.pipeline.build import BuildFailed, build, load_shapes
from leidraad.pipeline.parse import SourceError
from leidraad.pipeline.sources import Sources
from leidraad.pipeline.validate import ShapesError
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

#: Every dump, with the format Oxigraph parses it in; the dumps have no blank nodes, so graphs compare as sets.
TRIPLE_DUMPS = {"leidraad.ttl": ox.RdfFormat.TURTLE, "leidraad.nt": ox.RdfFormat.N_TRIPLES,
                "leidraad.jsonld": ox.RdfFormat.JSON_LD, "leidraad.rdf": ox.RdfFormat.RDF_XML}
QUAD_DUMPS = {"leidraad.trig": ox.RdfFormat.TRIG, "leidraad.nq": ox.RdfFormat.N_QUADS}


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def quads(path: Path, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(path=path, format=fmt))


def triples(path: Path, fmt: ox.RdfFormat) -> set[ox.Triple]:
    return {quad.triple for quad in ox.parse(path=path, format=fmt)}


@pytest.fixture(scope="module")
def dist(session_build) -> Path:
    built, _ = session_build
    return built.dist


@pytest.fixture(scope="module")
def whole(dist: Path) -> set[ox.Triple]:
    """Every triple of the build (the N-Triples dump), the graph every other dump must hold."""
    return triples(dist / "leidraad.nt", ox.RdfFormat.N_TRIPLES)


@pytest.fixture(scope="module")
def nquads(dist: Path) -> set[ox.Quad]:
    return quads(dist / "leidraad.nq", ox.RdfFormat.N_QUADS)


@pytest.mark.parametrize("name", sorted(TRIPLE_DUMPS))
def test_each_triple_dump_parses_to_the_same_graph(dist: Path, whole: set[ox.Triple], name: str) -> None:
    parsed = quads(dist / name, TRIPLE_DUMPS[name])
    assert {quad.graph_name for quad in parsed} == {ox.DefaultGraph()}
    assert {quad.triple for quad in parsed} == whole


@pytest.mark.parametrize("name", sorted(QUAD_DUMPS))
def test_each_quad_dump_keeps_the_named_graphs(dist: Path, whole: set[ox.Triple], nquads: set[ox.Quad],
                                                name: str) -> None:
    parsed = quads(dist / name, QUAD_DUMPS[name])
    graphs = {quad.graph_name for quad in parsed}
    assert {ox.NamedNode(str(g)) for g in (GRAPH_ONTOLOGY, GRAPH_INFERRED, text_graph("shared"))} <= graphs
    assert ox.DefaultGraph() not in graphs
    assert {quad.triple for quad in parsed} == whole
    assert parsed == nquads  # TriG and N-Quads hold the same quads


def test_dumps_contain_no_blank_nodes(dist: Path, whole: set[ox.Triple]) -> None:
    """Blank nodes are skolemised: which is also what lets the tests above compare graphs as plain sets."""
    assert "_:" not in (dist / "leidraad.nt").read_text(encoding="utf-8")
    assert not [t for t in whole if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)]


def test_inferred_triples_are_kept_apart_from_asserted(nquads: set[ox.Quad]) -> None:
    inferred_graph = ox.NamedNode(str(GRAPH_INFERRED))
    inferred = {quad.triple for quad in nquads if quad.graph_name == inferred_graph}
    asserted = {quad.triple for quad in nquads if quad.graph_name != inferred_graph}
    assert len(inferred) > 0
    assert not inferred & asserted


def test_void_counts_match_the_data(dist: Path, whole: set[ox.Triple]) -> None:
    void = Graph().parse(dist / "void.ttl", format="turtle")
    assert void.value(DATASET_IRI, VOID.triples) == Literal(len(whole))
    subjects = {t.subject for t in whole if isinstance(t.subject, ox.NamedNode)}
    assert void.value(DATASET_IRI, VOID.entities) == Literal(len(subjects))
    rdf_type = ox.NamedNode(str(RDF.type))
    members = Counter(t.object for t in whole if t.predicate == rdf_type)
    uses = Counter(t.predicate for t in whole)
    for part in void.objects(DATASET_IRI, VOID.classPartition):
        cls = void.value(part, VOID["class"])
        assert int(void.value(part, VOID.entities)) == members[ox.NamedNode(str(cls))], cls
    for part in void.objects(DATASET_IRI, VOID.propertyPartition):
        prop = void.value(part, VOID.property)
        assert int(void.value(part, VOID.triples)) == uses[ox.NamedNode(str(prop))], prop


def test_void_describes_every_dump_with_size_and_checksum(dist: Path) -> None:
    void = Graph().parse(dist / "void.ttl", format="turtle")
    checksums = {str(o) for o in void.objects(None, URIRef("http://spdx.org/rdf/terms#checksumValue"))}
    for name in [*TRIPLE_DUMPS, *QUAD_DUMPS, "context.jsonld", "shacl-report.ttl"]:
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() in checksums, name


def test_manifest_lists_every_file_with_its_checksum(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text())
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert manifest["version"] == project["project"]["version"]  # the one place the version is set
    for name, meta in manifest["files"].items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == meta["sha256"]


def test_the_build_publishes_the_shapes_it_validated_with(dist: Path, sources: Sources) -> None:
    """``shapes.ttl`` is what /def/shapes (the ontology's rdfs:seeAlso) answers: the shapes, as the build read them."""
    assert "shapes.ttl" in json.loads((dist / "manifest.json").read_text())["files"]
    assert isomorphic(Graph().parse(dist / "shapes.ttl", format="turtle"), load_shapes(sources))


def test_two_builds_are_byte_identical(session_build, tmp_path: Path) -> None:
    """The session's build of the real sources and one more build of them, elsewhere, are the same bytes."""
    built, _ = session_build
    again = Sources(built.root, dist_dir=tmp_path / "dist", seeds_dir=built.seeds)
    build(again)
    assert digest(again.dist) == digest(built.dist)


def test_failed_build_leaves_previous_dumps_untouched(small_source_copy: Sources, small_build: Sources) -> None:
    shutil.copytree(small_build.dist, small_source_copy.dist)  # a previous good build of the same sources
    before = digest(small_source_copy.dist)
    bad = small_source_copy.data / "hostile.ttl"
    text = bad.read_text(encoding="utf-8")
    assert 'skos:prefLabel "essay"@nl , "essay"@en' in text
    bad.write_text(text.replace('skos:prefLabel "essay"@nl , "essay"@en', 'skos:prefLabel "essay"@nl'),
                   encoding="utf-8")
    with pytest.raises(BuildFailed, match="English preferred label"):
        build(small_source_copy)
    assert digest(small_source_copy.dist) == before


def test_the_small_source_tree_builds_with_its_quotes_checked(small_build: Sources) -> None:
    """The failure tests below break a tree that builds: every quote found in its seed text, nothing to report."""
    manifest = json.loads((small_build.dist / "manifest.json").read_text())
    assert "leidraad.nq" in manifest["files"]
    assert len(list(small_build.seeds.glob("*.txt"))) == 2


def test_malformed_turtle_names_file_and_line(small_source_copy: Sources) -> None:
    bad = small_source_copy.data / "hostile.ttl"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines.insert(20, "this is not turtle ;;")
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SourceError, match=r"hostile\.ttl.*line 21"):
        build(small_source_copy)
    assert not small_source_copy.dist.exists()


def test_misquoted_evidence_fails_the_build(small_source_copy: Sources) -> None:
    target = next(p for p in small_source_copy.data_files() if "oa:exact" in p.read_text(encoding="utf-8"))
    text = target.read_text(encoding="utf-8")
    start = text.index('oa:exact "') + len('oa:exact "')
    target.write_text(text[:start] + "NIET IN DE TEKST " + text[start:], encoding="utf-8")
    with pytest.raises(BuildFailed, match="Quotes not found"):
        build(small_source_copy)


def test_shapes_that_shacl_forbids_fail_the_build_with_the_reason(small_source_copy: Sources) -> None:
    shapes = next(small_source_copy.shapes.glob("*.ttl"))
    text = shapes.read_text(encoding="utf-8")
    marker = "SELECT $this WHERE {"
    assert marker in text
    shapes.write_text(text.replace(marker, marker + " VALUES ?x { 1 }", 1), encoding="utf-8")
    with pytest.raises(ShapesError, match="VALUES"):
        build(small_source_copy)
    assert not small_source_copy.dist.exists()
