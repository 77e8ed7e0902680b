"""The first seconds under load (issue 16): nothing a first request would pay for is left to the first requests.

* every per-dataset index (search, labels, the browse indexes, the debate's positions, ...) is built when the
  dataset is loaded (``leidraad serve`` before it accepts a connection, a reload before it swaps the build in),
  so a flood of first searches or a reader's first pages never build one while everyone else waits;
* a query worker opens the server's snapshot of the store instead of parsing it, so a worker killed at the time
  limit is replaced for a small fraction of the CPU a fresh load took;
* a worker runs at the server's priority until its query has used more CPU than a quick one does: then it is
  moved below the pages and replaced after, so quick queries never queue for the CPU behind heavy ones.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from leidraad.http.app import create_app, warm_up
from leidraad.http.context import DATASET
from leidraad.http.reload import reload
from leidraad.sparql import pool as pool_module
from leidraad.sparql.evaluate import Job
from leidraad.sparql.pool import WorkerPool
from leidraad.sparql.sandbox import WORKER_NICENESS
from leidraad.store.dataset import open_store, write_snapshot
from leidraad.web import memo
from leidraad.web import search as searching
from pages_support import write_nquads_dist

#: Pages that read every kind of per-dataset index, in both languages.
FIRST_PAGES = ["/", "/search?q=leiderschap", "/search?q=leiderschp", "/search.json?q=lei", "/stances",
               "/comparisons", "/browse/persons", "/browse/roles", "/browse/positions",
               "/browse/claims", "/browse/frameworks", "/browse/works"]


def _fresh_copy(source: Path, target: Path, mark: str) -> Path:
    """``source``'s build with one more quad, so its etag (and every index keyed by it) is new to this process."""
    extra = f'<https://example.org/{mark}> <http://www.w3.org/2000/01/rdf-schema#comment> "{mark}" .\n'
    return write_nquads_dist(target, (source / "leidraad.nq").read_bytes() + extra.encode(), version=mark)


@pytest.fixture
def fresh_app(fixture_dist: Path, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(dist=_fresh_copy(fixture_dist, tmp_path / "dist", f"start-{time.time_ns()}"),
                     config={"SPARQL_EXECUTOR": "inline", "CLIENT_CPU_RATE": 0})
    yield app
    app.extensions["leidraad.sparql"].executor.close()


def test_every_index_a_page_reads_is_built_before_the_first_request(fresh_app: Flask, monkeypatch) -> None:
    ds = fresh_app.extensions[DATASET]
    assert memo.built(ds) == set()  # loading alone builds nothing: the server's start-up does, once
    took = warm_up(fresh_app)
    ready = memo.built(ds)
    assert {"search", "search-types", "search-vocabulary", "labels", "kind-counts", "debate-positions",
            "index-persons-nl", "index-persons-en"} <= ready
    assert sum(took.values()) > 0
    monkeypatch.setattr(searching, "_build", lambda _ds: pytest.fail("a request built the search index"))
    client = fresh_app.test_client()
    for lang in ("nl", "en"):
        for path in FIRST_PAGES:
            response = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}",
                                  headers={"Accept": "text/html"})
            assert response.status_code == 200, path
    assert memo.built(ds) == ready, "a first request built an index the start-up did not"


def test_a_reload_builds_the_new_builds_indexes_before_it_is_served(fresh_app: Flask, fixture_dist: Path) -> None:
    old = fresh_app.extensions[DATASET]
    _fresh_copy(fixture_dist, old.dist, f"reloaded-{time.time_ns()}")
    assert reload(fresh_app)
    new = fresh_app.extensions[DATASET]
    assert new.etag != old.etag
    assert {"search", "search-vocabulary", "labels", "index-claims-en"} <= memo.built(new)


def test_a_failing_index_does_not_stop_the_start(fresh_app: Flask, monkeypatch) -> None:
    """An external store that is down when the server starts: the start goes on, the first request tries again."""
    def broken(_ds: object) -> None:
        raise ConnectionError("store down")

    monkeypatch.setattr(memo, "_on_load", [broken, *memo._on_load])
    took = memo.warm(fresh_app.extensions[DATASET])
    assert any(name.endswith("broken") for name in took)
    assert "search" in memo.built(fresh_app.extensions[DATASET])  # the others were built all the same


def _store(quads: int) -> ox.Store:
    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store.extend(ox.Quad(ox.NamedNode(f"https://example.org/n{i}"), label, ox.Literal(f"label {i} " * 4),
                         ox.DefaultGraph() if i % 2 else ox.NamedNode("https://example.org/g"))
                 for i in range(quads))
    return store


def test_a_worker_opens_the_snapshot_for_a_fraction_of_what_parsing_it_costs(tmp_path: Path) -> None:
    store = _store(60_000)
    snapshot = write_snapshot(store, tmp_path)
    assert snapshot.is_dir()  # an Oxigraph database, not N-Quads to parse
    nquads = tmp_path / "same.nq"
    store.dump(str(nquads), format=ox.RdfFormat.N_QUADS)
    started = time.process_time()
    parsed = open_store(nquads, merged=True)
    parsing = time.process_time() - started
    started = time.process_time()
    opened = open_store(snapshot, merged=True)
    opening = time.process_time() - started
    assert set(opened) == set(parsed) == set(store)  # the same quads, the default graph's as written
    assert opening < parsing / 4, (opening, parsing)
    again = open_store(snapshot, merged=True)  # read-only: any number of workers open it at once
    assert len(again) == len(store)


def _nice(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def test_a_quick_query_runs_at_the_pages_priority_and_a_heavy_one_is_moved_below_it(monkeypatch) -> None:
    """Workers start at the server's priority; one whose query uses more CPU than a quick one is demoted, then
    replaced, so the next quick query never waits behind the heavy ones at the same low priority."""
    demoted: list[tuple[int, int]] = []  # (pid, its priority once demoted)
    real = pool_module._Worker.demote

    def demote(worker) -> None:
        real(worker)
        demoted.append((worker.process.pid, _nice(worker.process.pid)))

    monkeypatch.setattr(pool_module._Worker, "demote", demote)
    pool = WorkerPool(_store(3_000), 1, accept_unsandboxed=True, isolate=False)
    ours = _nice(0)
    try:
        pool.start()
        assert pool.wait_ready(120)
        assert pool.snapshot is not None and pool.snapshot.is_dir()
        quick = pool.run(Job(query="ASK { <https://example.org/n99> ?p ?o }", format="json", max_rows=10), 30)
        assert b"true" in quick.body
        assert demoted == []
        assert {_nice(w.process.pid) for w in list(pool._all)} == {ours}
        heavy = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?c) < STR(?f)) }"  # ~9 M rows
        assert b'"n"' in pool.run(Job(query=heavy, format="json", max_rows=10), 120).body
        assert len(demoted) == 1 and demoted[0][1] == min(19, ours + WORKER_NICENESS)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (len(pool._all) < 2 or pool._idle.qsize() < 2):
            time.sleep(0.1)  # its replacement starts in the background
        assert demoted[0][0] not in {w.process.pid for w in list(pool._all)}  # the demoted worker was replaced
        assert {_nice(w.process.pid) for w in list(pool._all)} == {ours}
    finally:
        pool.close()


def test_the_server_can_wait_until_every_worker_and_the_spare_are_loaded() -> None:
    """``leidraad serve`` accepts connections only then: no first query waits for a worker still loading."""
    pool = WorkerPool(_store(100), 2, accept_unsandboxed=True, isolate=False)
    try:
        assert not pool.wait_full(0.0)  # nothing started yet
        pool.start()
        assert pool.wait_full(120)
        assert pool._idle.qsize() == 2 + pool_module.SPARE_WORKERS
    finally:
        pool.close()
    assert not pool.wait_full(1.0)  # a closed pool never fills
