"""Second hardening round: the network sandbox of the query workers is proven, not assumed.

Each worker, after entering its network namespace, tries to reach a listener the server
holds on loopback; only a worker that cannot is "sandboxed".  Where the proof fails (here:
a pool told not to isolate, standing for a container without the capability), queries are
refused with a clear 503 and ``/health`` says so, unless the operator accepts the risk.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from leidraad.http.endpoint import EXTENSION
from leidraad.sparql.errors import QueryFailed
from leidraad.sparql.evaluate import Job
from leidraad.sparql.pool import WorkerPool
from sparql_fixtures import close_app, make_app

ASK = Job(query="ASK {}", format="json", max_rows=1)


@pytest.fixture(scope="module")
def exposed_app(endpoint_dist: Path) -> Iterator[Flask]:
    """The endpoint fixture whose workers are not isolated (as where no network namespace can be made)."""
    app = make_app(endpoint_dist, MAX_CONCURRENT_QUERIES=1)
    service = app.extensions[EXTENSION]
    service.executor.close()
    service.executor = WorkerPool(app.extensions["leidraad"].store, 1, isolate=False)
    yield app
    close_app(app)


def test_without_a_proven_sandbox_queries_are_refused_with_a_clear_503_and_health_says_so(exposed_app) -> None:
    client = exposed_app.test_client()
    refused = client.get("/sparql", query_string={"query": "ASK {}", "format": "json"},
                         headers={"Accept": "text/plain"})
    assert refused.status_code == 503
    assert "not be cut off from the network" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) >= 1
    health = client.get("/health").get_json()
    assert health["status"] == "degraded"
    assert health["sparql"]["network_sandbox"] == "absent" and health["sparql"]["queries"].startswith("off")


def test_an_operator_may_accept_running_queries_without_the_sandbox(endpoint_dist) -> None:
    app = make_app(endpoint_dist, MAX_CONCURRENT_QUERIES=1)
    try:
        store = app.extensions["leidraad"].store
        pool = WorkerPool(store, 1, isolate=False, accept_unsandboxed=True)
        try:
            assert pool.run(ASK, 30).body
            assert pool.isolation() == "accepted" and not pool.sandboxed
        finally:
            pool.close()
    finally:
        close_app(app)


def test_a_worker_that_cannot_prove_isolation_never_gets_a_query(endpoint_dist) -> None:
    app = make_app(endpoint_dist, MAX_CONCURRENT_QUERIES=1)
    try:
        pool = WorkerPool(app.extensions["leidraad"].store, 1, isolate=False)
        try:
            with pytest.raises(QueryFailed) as refused:
                pool.run(ASK, 30)
            assert refused.value.status == 503
        finally:
            pool.close()
    finally:
        close_app(app)


def test_health_reports_the_sandbox_of_the_real_workers(sparql_app) -> None:
    sparql_app.test_client().get("/sparql", query_string={"query": "ASK {}"})  # workers up
    health = sparql_app.test_client().get("/health").get_json()
    pool = sparql_app.extensions[EXTENSION].executor
    assert health["sparql"]["network_sandbox"] == ("proven" if pool.sandboxed else "absent")
