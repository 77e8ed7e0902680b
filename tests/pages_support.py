"""Shared set-up for the page and linked-data tests: a small built dataset.

The fixture Turtle (``tests/fixtures/pages.ttl``) goes through the same steps a
real build takes -- skolemised blank nodes, OWL RL inference in its own named
graph, the real ontology as ``graph/ontology`` -- and is written as the two
files the server reads (``leidraad.nq`` and ``manifest.json``).  Tests import
the fixtures from here so no test repeats the set-up.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from server.graph import reason, skolemise
from server.namespaces import GRAPH, GRAPH_INFERRED, GRAPH_ONTOLOGY, rebase

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pages.ttl"
ONTOLOGY = ROOT / "ontology" / "leidraad.ttl"


def _parse(path: Path) -> Graph:
    return skolemise(Graph().parse(data=rebase(path.read_text(encoding="utf-8")), format="turtle"))


def write_dist(target: Path) -> Path:
    """Write a two-file build of the fixture into ``target`` and return it."""
    ontology, data = _parse(ONTOLOGY), _parse(FIXTURE)
    closure = reason(ontology + data)
    inferred = getattr(closure, "inferred", closure)
    ds = Dataset()
    for iri, graph in ((GRAPH_ONTOLOGY, ontology), (GRAPH["pages"], data), (GRAPH_INFERRED, inferred)):
        named = ds.graph(iri)
        for triple in graph:
            named.add(triple)
    nquads = ds.serialize(format="nquads", encoding="utf-8")
    target.mkdir(parents=True, exist_ok=True)
    (target / "leidraad.nq").write_bytes(nquads)
    manifest = {
        "version": "test",
        "modified": "2026-01-01T00:00:00Z",
        "files": {
            "leidraad.nq": {
                "sha256": hashlib.sha256(nquads).hexdigest(),
                "mediaType": "application/n-quads",
                "bytes": len(nquads),
            }
        },
    }
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def fixture_dist(tmp_path_factory) -> Path:
    return write_dist(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def app(fixture_dist):
    from server.app import create_app

    application = create_app(dist=fixture_dist)
    application.config.update(TESTING=False)
    return application


@pytest.fixture()
def client(app):
    return app.test_client()
