"""Faults: a broken build changes nothing that is served; a new build is swapped in without dropping a request.

``test_build`` already shows a failed build leaves ``dist/`` as it was; here the
other side: a running server keeps answering with the old version, and a reload
(``leidraad.http.reload``, SIGHUP under ``leidraad serve``) serves the new build with
no failed request in between, in-process and in the production server.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from hardening_support import LiveServer, fetch, small_sources, write_hostile_dist
from leidraad.http.app import create_app
from leidraad.http.reload import reload
from leidraad.pipeline.build import BuildFailed, build
from leidraad.pipeline.dumps import write_atomically
from leidraad.pipeline.parse import SourceError
from pages_support import write_nquads_dist
from sparql_fixtures import ENDPOINT_QUADS

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
EXTRA = [f'<http://example.org/new{i}> <http://example.org/p> "{i}" <https://w3id.org/leidraad/graph/alpha> .'
         for i in range(10)]


def _count(client) -> int:
    response = client.get("/sparql", query_string={"query": COUNT, "format": "json"})
    assert response.status_code == 200
    return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _swap_in(dist: Path, nquads_lines: list[str], version: str, staging: Path) -> None:
    """Replace ``dist`` as ``leidraad build`` does: a complete new folder, renamed in whole."""
    write_nquads_dist(staging, ("\n".join(nquads_lines) + "\n").encode(), version=version)
    write_atomically(dist, _snapshot(staging))


# --- a failed build leaves the served graph alone -----------------------------------------------------------------

BREAKAGES = {
    "syntax error": ("this is not turtle at all .\n", SourceError, "hostile.ttl"),
    "shape violation": ("text:essay lei:seedFile \"not-a-seed-name\" .\n", BuildFailed, "seed file"),
}


@pytest.fixture()
def built_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("LEIDRAAD_SKIP_QUOTE_CHECK", "1")  # the fixture's quotes have no seed text
    sources = small_sources(tmp_path / "src")
    build(sources)
    return sources


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_a_broken_build_leaves_the_running_server_and_the_dumps_untouched(built_sources, name):
    text, error, message = BREAKAGES[name]
    app = create_app(dist=built_sources.dist, config={"SPARQL_EXECUTOR": "inline",
                                                      "QUERIES_DIR": str(built_sources.root)})
    client = app.test_client()
    before_files, before_health, before_count = _snapshot(built_sources.dist), client.get("/health").json, \
        _count(client)
    with (built_sources.data / "hostile.ttl").open("a", encoding="utf-8") as fh:
        fh.write(text)
    with pytest.raises(error) as failed:
        build(built_sources)
    assert message in str(failed.value)
    assert _snapshot(built_sources.dist) == before_files
    assert reload(app)  # nothing new to load: the old build stays
    assert client.get("/health").json == before_health
    assert _count(client) == before_count
    assert client.get("/doc/concept/kwaadaardig", headers={"Accept": "text/html"}).status_code == 200


# --- reloading a new build without dropping requests --------------------------------------------------------------

@pytest.fixture()
def reloadable(tmp_path: Path) -> Iterator[tuple[Flask, Path]]:
    dist = tmp_path / "dist"
    write_nquads_dist(dist, ("\n".join(ENDPOINT_QUADS) + "\n").encode(), version="v1")
    app = create_app(dist=dist, config={"QUERY_TIMEOUT": 2.0, "MAX_CONCURRENT_QUERIES": 2,
                                        "QUERIES_DIR": str(tmp_path)})
    app.testing = True
    yield app, dist
    app.extensions["leidraad.sparql"].executor.close()


def test_reload_serves_the_new_build_without_a_failed_request(reloadable, tmp_path):
    app, dist = reloadable
    client = app.test_client()
    old_count = _count(client)
    statuses: Counter[int] = Counter()
    counts: set[int] = set()
    stop = threading.Event()

    def hammer() -> None:
        own = app.test_client()
        deadline = time.monotonic() + 60
        while not stop.is_set() and time.monotonic() < deadline:
            response = own.get("/sparql", query_string={"query": COUNT, "format": "json"})
            statuses[response.status_code] += 1
            if response.status_code == 200:
                counts.add(int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"]))
            statuses[own.get("/health").status_code] += 1

    threads = [threading.Thread(target=hammer) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    _swap_in(dist, ENDPOINT_QUADS + EXTRA, "v2", tmp_path / "staging")
    assert reload(app)
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert set(statuses) == {200}, statuses
    assert counts <= {old_count, old_count + len(EXTRA)}
    assert _count(client) == old_count + len(EXTRA)
    assert client.get("/health").json["version"] == "v2"


def test_a_build_that_cannot_be_loaded_is_not_swapped_in(reloadable):
    app, dist = reloadable
    client = app.test_client()
    before = _count(client)
    (dist / "leidraad.nq").write_text("<not n-quads", encoding="utf-8")
    manifest = json.loads((dist / "manifest.json").read_text())
    manifest["files"]["leidraad.nq"]["sha256"] = "0" * 64
    (dist / "manifest.json").write_text(json.dumps(manifest))
    assert not reload(app)
    assert _count(client) == before
    assert client.get("/health").json["version"] == "v1"


def test_health_reports_the_dataset_version_and_store_status(reloadable):
    app, _ = reloadable
    health = app.test_client().get("/health").json
    assert health["status"] == "ok"
    assert health["version"] == "v1"
    assert health["store"]["engine"] == "oxigraph"
    assert health["store"]["quads"] == len(ENDPOINT_QUADS)
    assert health["store"]["graphs"] == 2


# --- the same in the production server: SIGHUP ---------------------------------------------------------------------

def test_sighup_reloads_the_production_server_without_dropping_requests(tmp_path):
    dist = write_hostile_dist(tmp_path / "dist")
    server = LiveServer(dist, tmp_path / "server.log", QUERY_TIMEOUT=3, MAX_CONCURRENT_QUERIES=2)
    failures: list[tuple[str, int]] = []
    served = Counter()
    stop = threading.Event()

    def hammer() -> None:
        deadline = time.monotonic() + 90
        paths = ["/doc/concept/kwaadaardig", "/sparql?query=ASK%7B%7D&format=json", "/health", "/search?q=waarde"]
        while not stop.is_set() and time.monotonic() < deadline:
            for path in paths:
                reply = fetch(server.port, "GET", path, headers={"Accept": "text/html"})
                served[reply.status] += 1
                if reply.status != 200:
                    failures.append((path, reply.status))

    try:
        thread = threading.Thread(target=hammer)
        thread.start()
        time.sleep(1)
        nquads = (dist / "leidraad.nq").read_bytes() + b"<http://example.org/x> <http://example.org/p> \"new\" .\n"
        write_nquads_dist(tmp_path / "staging", nquads, version="reloaded")
        write_atomically(dist, _snapshot(tmp_path / "staging"))
        server.reload()
        deadline = time.monotonic() + 60
        while server.health()["version"] != "reloaded" and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        stop.set()
        thread.join(timeout=60)
        assert server.health()["version"] == "reloaded"
        assert failures == []
        assert sum(served.values()) > 20
    finally:
        stop.set()
        server.stop()
