"""Shared set-up for the page and linked-data tests: a small built dataset.

The fixture Turtle (``tests/fixtures/pages.ttl``) goes through the same steps a
real build takes -- skolemised blank nodes, OWL RL inference in its own named
graph, the real ontology as ``graph/ontology`` -- and is written as the two
files the server reads (``leidraad.nq`` and ``manifest.json``).  ``conftest.py``
registers this module as a plugin, so the app below is made once per session.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from leidraad.core.namespaces import GRAPH, GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_VOCABULARIES, rebase
from leidraad.pipeline.reason import reason
from leidraad.pipeline.skolemise import skolemise
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pages.ttl"
ONTOLOGY = ROOT / "ontology" / "leidraad.ttl"
VOCABULARIES = ROOT / "ontology" / "vocabularies" / "reused.ttl"
SHAPES = ROOT / "shapes"


def parse_turtle(text: str) -> Graph:
    """Turtle as the build reads it: rebased, blank nodes named."""
    return skolemise(Graph().parse(data=rebase(text), format="turtle"))


def write_fixture_dist(target: Path, data_turtle: str, name: str, version: str = "test") -> Path:
    """A two-file build (``leidraad.nq`` + ``manifest.json``) of the ontology and ``data_turtle``, with its closure.

    The data goes into the named graph ``name``, the closure into the inferred graph, as ``leidraad build`` does.
    """
    ontology, data = parse_turtle(ONTOLOGY.read_text(encoding="utf-8")), parse_turtle(data_turtle)
    vocabularies = parse_turtle(VOCABULARIES.read_text(encoding="utf-8"))
    inferred = reason(ontology + vocabularies + data).inferred
    ds = Dataset()
    graphs = ((GRAPH_ONTOLOGY, ontology), (GRAPH_VOCABULARIES, vocabularies), (GRAPH[name], data),
              (GRAPH_INFERRED, inferred))
    for iri, graph in graphs:
        named = ds.graph(iri)
        for triple in graph:
            named.add(triple)
    shapes = b"\n".join(path.read_bytes() for path in sorted(SHAPES.glob("*.ttl")))
    return write_nquads_dist(target, ds.serialize(format="nquads", encoding="utf-8"), version,
                             extra={"shapes.ttl": (shapes, "text/turtle")})


def write_nquads_dist(target: Path, nquads: bytes, version: str = "test",
                      extra: dict[str, tuple[bytes, str]] | None = None) -> Path:
    """A build folder holding ``nquads`` as ``leidraad.nq`` (and any ``extra`` files) and a manifest naming them.

    The ontology names the shapes (``/def/shapes``), so a fixture build carries ``shapes.ttl`` as a real one does.
    """
    target.mkdir(parents=True, exist_ok=True)
    files = {"leidraad.nq": (nquads, "application/n-quads"), **(extra or {})}
    for name, (body, _media) in files.items():
        (target / name).write_bytes(body)
    manifest = {
        "version": version,
        "modified": "2026-01-01T00:00:00Z",
        "files": {name: {"sha256": hashlib.sha256(body).hexdigest(), "mediaType": media, "bytes": len(body)}
                  for name, (body, media) in files.items()},
    }
    (target / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return target


def write_dist(target: Path) -> Path:
    """Write a two-file build of the page fixture into ``target`` and return it."""
    return write_fixture_dist(target, FIXTURE.read_text(encoding="utf-8"), "pages")


@pytest.fixture(scope="session")
def fixture_dist(tmp_path_factory) -> Path:
    return write_dist(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def app(fixture_dist):
    from leidraad.http.app import create_app

    application = create_app(dist=fixture_dist)
    application.config.update(TESTING=False)
    yield application
    application.extensions["leidraad.sparql"].executor.close()


@pytest.fixture()
def client(app):
    return app.test_client()
