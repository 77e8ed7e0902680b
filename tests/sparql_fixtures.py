"""Shared set-up for the SPARQL endpoint tests: tiny builds and apps serving them.

A build here is just the two files the server reads (``leidraad.nq`` and
``manifest.json``), written into a temporary folder, so the endpoint is tested
fast and independently of the real data.  ``conftest.py`` registers this module
as a plugin, so each app below exists once per session: its query workers are
processes, started on the first query and stopped at the end of the session.
Test modules import constants and helpers from here, never the fixtures.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from leidraad.core.namespaces import BASE
from leidraad.http.app import create_app
from pages_support import write_nquads_dist

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEIDRAAD_SHARED", ROOT.parent / "shared"))
CONFORMANCE = SHARED / "conformance" / "protocol"

GRAPH_A = BASE + "graph/alpha"
GRAPH_B = BASE + "graph/beta"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PERSON = BASE + "id/person/"

#: The endpoint fixture's data: two named graphs, literals that stress every format.
ENDPOINT_QUADS = [
    f'<{PERSON}ada> <{LABEL}> "Ada"@nl <{GRAPH_A}> .',
    f'<{PERSON}ada> <http://xmlns.com/foaf/0.1/knows> <{PERSON}bob> <{GRAPH_A}> .',
    f'<{PERSON}bob> <{LABEL}> "Bob, \\"the\\" builder\\tand\\nco" <{GRAPH_B}> .',
    f'<{PERSON}bob> <http://example.org/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> <{GRAPH_B}> .',
    f'<{PERSON}bob> <http://example.org/note> "<script>alert(1)</script>" <{GRAPH_B}> .',
    f'<{PERSON}bob> <http://example.org/home> <javascript:alert(1)> <{GRAPH_B}> .',
    f'<{PERSON}bob> <http://example.org/friend> _:b0 <{GRAPH_B}> .',
] + [
    f'<http://example.org/n{i}> <http://example.org/p> "{i}" <{GRAPH_A}> .' for i in range(40)
]


def write_dist(folder: Path, nquads: str) -> Path:
    """A build folder with the given N-Quads and a manifest naming them."""
    return write_nquads_dist(folder, nquads.encode("utf-8"))


def make_app(folder: Path, **config: object) -> Flask:
    """The whole application over ``folder``, with a short query time limit (2 s) unless ``config`` says otherwise."""
    settings = {"QUERY_TIMEOUT": 2.0, "MAX_CONCURRENT_QUERIES": 2, "QUERIES_DIR": str(folder / "queries")}
    settings.update(config)
    app = create_app(dist=folder, config=settings)
    app.testing = True
    return app


def close_app(app: Flask) -> None:
    app.extensions["leidraad.sparql"].executor.close()


@pytest.fixture(scope="session")
def endpoint_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_dist(tmp_path_factory.mktemp("sparql") / "dist", "\n".join(ENDPOINT_QUADS) + "\n")
    queries = folder / "queries"
    queries.mkdir()
    (queries / "01-labels.rq").write_text(
        "# title: Alle labels\n# title@en: All labels\n# description: Elk ding met zijn label.\n"
        "# description@en: Every thing with its label.\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?thing ?label WHERE { ?thing rdfs:label ?label } ORDER BY ?label\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="session")
def sparql_app(endpoint_dist: Path) -> Iterator[Flask]:
    app = make_app(endpoint_dist, MAX_ROWS=20)
    yield app
    close_app(app)


@pytest.fixture()
def api(sparql_app: Flask) -> FlaskClient:
    return sparql_app.test_client()


@pytest.fixture(scope="session")
def conformance_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The W3C protocol tests' data files, each loaded as the named graph its test names."""
    if not CONFORMANCE.is_dir():
        pytest.fail(f"W3C conformance files not found in {CONFORMANCE} (set LEIDRAAD_SHARED)")
    lines = []
    for number in (1, 2, 3):
        graph = f"http://kasei.us/2009/09/sparql/data/data{number}.rdf"
        for line in (CONFORMANCE / f"data{number}.nt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                lines.append(line.rstrip().removesuffix(".").rstrip() + f" <{graph}> .")
    app = make_app(write_dist(tmp_path_factory.mktemp("conformance") / "dist", "\n".join(lines) + "\n"))
    yield app
    close_app(app)


#: A query that runs for minutes on the endpoint fixture: a six-way cartesian product.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . ?q ?r ?t }"


@pytest.fixture(scope="session")
def strict_app(endpoint_dist: Path) -> Iterator[Flask]:
    """The endpoint fixture with a shorter time limit (1 s), for the tests that run queries to it."""
    app = make_app(endpoint_dist, QUERY_TIMEOUT=1.0, MAX_ROWS=5)
    yield app
    close_app(app)


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        import socket
        import threading

        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="session")
def live_sparql(sparql_app: Flask) -> Iterator[str]:
    """The endpoint fixture served by waitress on a free loopback port, for the browser tests."""
    from tests.support.browser import serve

    yield from serve(sparql_app)
