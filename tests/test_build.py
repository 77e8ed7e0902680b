"""The build writes valid, complete, reproducible dumps, and never a bad one."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from leidraad.core.namespaces import DATASET_IRI, GRAPH_INFERRED, GRAPH_ONTOLOGY, text_graph
from leidraad.pipeline.build import BuildFailed, build
from leidraad.pipeline.parse import SourceError
from leidraad.pipeline.sources import Sources
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

TRIPLE_DUMPS = {"leidraad.ttl": "turtle", "leidraad.nt": "nt", "leidraad.jsonld": "json-ld", "leidraad.rdf": "xml"}
QUAD_DUMPS = {"leidraad.trig": "trig", "leidraad.nq": "nquads"}


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def dist(session_build) -> Path:
    built, _ = session_build
    return built.dist


@pytest.fixture(scope="module")
def whole(dist: Path) -> Graph:
    return Graph().parse(dist / "leidraad.nt", format="nt")


@pytest.mark.parametrize("name", sorted(TRIPLE_DUMPS))
def test_each_triple_dump_parses_to_the_same_graph(dist: Path, whole: Graph, name: str) -> None:
    g = Graph().parse(dist / name, format=TRIPLE_DUMPS[name])
    assert len(g) == len(whole)
    assert isomorphic(g, whole)


@pytest.mark.parametrize("name", sorted(QUAD_DUMPS))
def test_each_quad_dump_keeps_the_named_graphs(dist: Path, whole: Graph, name: str) -> None:
    ds = Dataset()
    ds.parse(dist / name, format=QUAD_DUMPS[name])
    graphs = {g.identifier for g in ds.graphs() if len(g)}
    assert {GRAPH_ONTOLOGY, GRAPH_INFERRED, text_graph("shared")} <= graphs
    union = Graph()
    for g in ds.graphs():
        union += g
    assert isomorphic(union, whole)


def test_dumps_contain_no_blank_nodes(dist: Path) -> None:
    assert "_:" not in (dist / "leidraad.nt").read_text(encoding="utf-8")


def test_inferred_triples_are_kept_apart_from_asserted(dist: Path) -> None:
    ds = Dataset()
    ds.parse(dist / "leidraad.nq", format="nquads")
    inferred = ds.graph(GRAPH_INFERRED)
    asserted = Graph()
    for g in ds.graphs():
        if g.identifier != GRAPH_INFERRED:
            asserted += g
    assert len(inferred) > 0
    assert not [t for t in inferred if t in asserted]


def test_void_counts_match_the_data(dist: Path, whole: Graph) -> None:
    void = Graph().parse(dist / "void.ttl", format="turtle")
    assert void.value(DATASET_IRI, VOID.triples) == Literal(len(whole))
    subjects = {s for s in whole.subjects() if isinstance(s, URIRef)}
    assert void.value(DATASET_IRI, VOID.entities) == Literal(len(subjects))
    for part in void.objects(DATASET_IRI, VOID.classPartition):
        cls = void.value(part, VOID["class"])
        assert int(void.value(part, VOID.entities)) == len(list(whole.subjects(RDF.type, cls))), cls
    for part in void.objects(DATASET_IRI, VOID.propertyPartition):
        prop = void.value(part, VOID.property)
        assert int(void.value(part, VOID.triples)) == len(list(whole.triples((None, prop, None)))), prop


def test_void_describes_every_dump_with_size_and_checksum(dist: Path) -> None:
    void = Graph().parse(dist / "void.ttl", format="turtle")
    checksums = {str(o) for o in void.objects(None, URIRef("http://spdx.org/rdf/terms#checksumValue"))}
    for name in [*TRIPLE_DUMPS, *QUAD_DUMPS, "context.jsonld", "shacl-report.ttl"]:
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() in checksums, name


def test_manifest_lists_every_file_with_its_checksum(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.json").read_text())
    assert manifest["version"] == "0.1.0"
    for name, meta in manifest["files"].items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == meta["sha256"]


def test_two_builds_are_byte_identical(source_copy: Sources) -> None:
    build(source_copy)
    first = digest(source_copy.dist)
    build(source_copy)
    assert digest(source_copy.dist) == first


def test_failed_build_leaves_previous_dumps_untouched(small_source_copy: Sources, dist: Path) -> None:
    shutil.copytree(dist, small_source_copy.dist)  # a previous good build
    before = digest(small_source_copy.dist)
    bad = small_source_copy.data / "shared.ttl"
    bad.write_text(bad.read_text(encoding="utf-8").replace('skos:prefLabel "essay"@nl , "essay"@en ;', ""),
                   encoding="utf-8")
    with pytest.raises(BuildFailed, match="English preferred label"):
        build(small_source_copy)
    assert digest(small_source_copy.dist) == before


def test_malformed_turtle_names_file_and_line(small_source_copy: Sources) -> None:
    bad = small_source_copy.data / "shared.ttl"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines.insert(20, "this is not turtle ;;")
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(SourceError, match=r"shared\.ttl.*line 21"):
        build(small_source_copy)
    assert not small_source_copy.dist.exists()


def test_misquoted_evidence_fails_the_build(small_source_copy: Sources) -> None:
    target = next(p for p in small_source_copy.data_files() if "oa:exact" in p.read_text(encoding="utf-8"))
    text = target.read_text(encoding="utf-8")
    start = text.index('oa:exact "') + len('oa:exact "')
    target.write_text(text[:start] + "NIET IN DE TEKST " + text[start:], encoding="utf-8")
    with pytest.raises(BuildFailed, match="Quotes not found"):
        build(small_source_copy)
