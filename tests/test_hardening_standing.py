"""A client's standing decides its time limit and whether it may take the reserved worker slot (http/limits.py).

No timing here: a fake executor holds its place until the test lets it go, and reports the time limit it was
given, so the policy itself is pinned: new clients run with the short limit, a quick query proves a client,
a query run to the limit makes it penalised (full limit, one shared place), and clients whose last query
was slow or ran to the limit never take the last (reserved) slot, which a proven client still finds.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from flask import Flask, Response, request
from leidraad.http import limits
from leidraad.sparql.errors import QueryFailed
from leidraad.sparql.executors import KEEP_IDLE, TIME_CAP
from leidraad.sparql.pool import WorkerPool


class FakeExecutor:
    """Records the time limit each query got; a query named ``hold-…`` keeps its place until released."""

    def __init__(self) -> None:
        self.limits: dict[str, float] = {}
        self.keep: dict[str, int] = {}  # idle workers each query had to leave to others
        self.inside: dict[str, threading.Event] = {}
        self.release: dict[str, threading.Event] = {}

    def run(self, name: str, timeout: float) -> float:
        self.limits[name] = min(timeout, TIME_CAP.get())
        self.keep[name] = KEEP_IDLE.get()
        if name.startswith("hold-"):
            self.inside[name].set()
            assert self.release[name].wait(30)
        if name.startswith("slow-"):
            raise QueryFailed(503, "Query timed out", "ran to its time limit")
        return 0.01 if not name.startswith("long-") else 5.0  # seconds the evaluation took


@pytest.fixture
def app() -> Iterator[Flask]:
    app = Flask(__name__)
    app.config.update(QUERY_TIMEOUT=10.0, MAX_CONCURRENT_QUERIES=2, QUERY_QUEUE=0, MAX_QUERIES_PER_CLIENT=2,
                      CLIENT_QUERY_RATE=0, NEW_CLIENT_QUERY_TIMEOUT=1.0)
    executor = FakeExecutor()
    app.extensions["fake"] = executor

    def sparql() -> Response:
        name = request.args["q"]
        try:
            with limits.admitted() as place:
                place.seconds = executor.run(name, float(app.config["QUERY_TIMEOUT"]))
        except QueryFailed as failure:
            response = Response(failure.title, status=failure.status)
            if failure.retry_after:
                response.headers["Retry-After"] = str(failure.retry_after)
            return response
        return Response("ok")

    app.add_url_rule("/sparql", "sparql", sparql)
    limits.install(app)
    yield app


def _ask(app: Flask, client: str, name: str) -> int:
    return app.test_client().get("/sparql", query_string={"q": name},
                                 environ_overrides={"REMOTE_ADDR": client}).status_code


def _hold(app: Flask, client: str, name: str) -> threading.Thread:
    """Send ``name`` from ``client`` in a thread and return once it is inside the executor, holding its place."""
    executor: FakeExecutor = app.extensions["fake"]
    executor.inside[name], executor.release[name] = threading.Event(), threading.Event()
    thread = threading.Thread(target=_ask, args=(app, client, name))
    thread.start()
    assert executor.inside[name].wait(30)
    return thread


def test_a_new_client_gets_the_short_limit_and_a_quick_query_earns_it_the_full_one(app: Flask) -> None:
    limiter: limits.ClientLimiter = app.extensions["leidraad.limits"]
    executor: FakeExecutor = app.extensions["fake"]
    assert limiter.standing("192.0.2.1") == limits.NEW
    assert _ask(app, "192.0.2.1", "first") == 200
    assert executor.limits["first"] == 1.0  # new: NEW_CLIENT_QUERY_TIMEOUT, not QUERY_TIMEOUT
    assert limiter.standing("192.0.2.1") == limits.PROVEN
    assert _ask(app, "192.0.2.1", "second") == 200
    assert executor.limits["second"] == 10.0
    assert executor.keep["first"] == executor.keep["second"] == 0
    assert TIME_CAP.get() == math.inf  # the cap never leaks out of the request


def test_a_query_run_to_the_limit_penalises_and_its_next_query_gets_the_full_limit(app: Flask) -> None:
    limiter: limits.ClientLimiter = app.extensions["leidraad.limits"]
    executor: FakeExecutor = app.extensions["fake"]
    assert _ask(app, "192.0.2.2", "slow-1") == 503
    assert limiter.standing("192.0.2.2") == limits.PENALISED
    assert _ask(app, "192.0.2.2", "again") == 200  # the shared place is free
    assert executor.limits["again"] == 10.0  # a heavy first query, sent again, runs with the full limit
    assert executor.keep["again"] == 1 and executor.keep["slow-1"] == 0  # penalised: leaves a worker idle


def test_a_slow_query_costs_a_proven_client_its_standing(app: Flask) -> None:
    limiter: limits.ClientLimiter = app.extensions["leidraad.limits"]
    assert _ask(app, "192.0.2.3", "quick") == 200
    assert limiter.standing("192.0.2.3") == limits.PROVEN
    assert _ask(app, "192.0.2.3", "long-1") == 200  # took 5 s: more than a new client's limit
    assert limiter.standing("192.0.2.3") == limits.KNOWN


@pytest.mark.parametrize("standing", [limits.KNOWN, limits.PENALISED])
def test_only_the_others_take_the_last_reserved_slot(app: Flask, standing: str) -> None:
    """Two slots, one reserved: a known or penalised client is refused it; a proven or new one still gets it."""
    limiter: limits.ClientLimiter = app.extensions["leidraad.limits"]
    executor: FakeExecutor = app.extensions["fake"]
    held = _hold(app, "192.0.2.10", "hold-first")  # a new client in the first slot
    limiter.saw("192.0.2.11", False, 60)
    if standing == limits.PENALISED:
        limiter.penalise("192.0.2.11", 60)
    assert limiter.standing("192.0.2.11") == standing
    assert limits.unreserved_places(app.config) == 1
    limiter.saw("192.0.2.12", False, 60)  # its last query was slow
    other = _hold(app, "192.0.2.12", "hold-known")  # takes the one unreserved place
    executor.release["hold-first"].set()
    held.join(30)
    # one slot is free now, but it is the reserved one: the unreserved place is held by a known client
    assert _ask(app, "192.0.2.11", "refused") == 503
    assert "refused" not in executor.limits
    limiter.saw("192.0.2.13", True, 60)
    assert _ask(app, "192.0.2.13", "proven") == 200  # a proven client finds the reserved slot
    assert _ask(app, "192.0.2.14", "newcomer") == 200  # so does a new one, held to the short limit
    assert executor.limits["newcomer"] == 1.0
    executor.release["hold-known"].set()
    other.join(30)
    assert _ask(app, "192.0.2.11", "now") == 200  # the unreserved place is free again


def test_a_query_told_to_leave_a_worker_idle_does_not_take_the_last_one() -> None:
    """The pool side of the reserved slot: with one idle worker, a known client's query waits; a proven one's not."""
    pool = WorkerPool(ox.Store(), 2)
    try:
        last = object()
        pool._idle.put(last)  # type: ignore[arg-type]  # a stand-in: _acquire only hands it out
        pool._all.add(last)  # type: ignore[arg-type]  # so the pool counts a worker alive
        token = KEEP_IDLE.set(1)
        try:
            with pytest.raises(QueryFailed) as refused:
                pool._acquire(0.0, 1.0)  # deadline already passed: one look, no waiting
            assert refused.value.status == 503 and refused.value.retry_after
        finally:
            KEEP_IDLE.reset(token)
        assert pool._acquire(0.0, 1.0) is last
    finally:
        pool._all.clear()
        pool.close()
