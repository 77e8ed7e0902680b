"""One client cannot starve the rest, and one query cannot take the machine's memory."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from leidraad.http.limits import ClientLimiter
from sparql_fixtures import SLOW_QUERY, close_app, make_app

#: A query whose sort must hold ~5 million rows in memory: far past a 200 MiB cap, long before 30 s.
MEMORY_HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?c ?f ?i ?l"


@pytest.fixture(scope="module")
def limited_app(endpoint_dist: Path) -> Iterator[Flask]:
    app = make_app(endpoint_dist, QUERY_TIMEOUT=2.0, MAX_CONCURRENT_QUERIES=4, MAX_QUERIES_PER_CLIENT=2)
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def capped_app(endpoint_dist: Path) -> Iterator[Flask]:
    app = make_app(endpoint_dist, QUERY_TIMEOUT=30.0, MAX_CONCURRENT_QUERIES=1, WORKER_MEMORY_MB=200)
    yield app
    close_app(app)


def _from(app: Flask, address: str, query: str, **params: str):
    return app.test_client().get("/sparql", query_string={"query": query, **params},
                                 environ_overrides={"REMOTE_ADDR": address})


def test_a_client_over_its_query_cap_gets_429_at_once_while_others_are_served(limited_app):
    assert _from(limited_app, "192.0.2.1", "ASK {}").status_code == 200  # workers up
    slow = [threading.Thread(target=_from, args=(limited_app, "192.0.2.1", SLOW_QUERY)) for _ in range(2)]
    for thread in slow:
        thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    third = _from(limited_app, "192.0.2.1", "ASK {}")
    assert third.status_code == 429
    assert time.monotonic() - started < 1
    assert int(third.headers["Retry-After"]) >= 1
    assert third.headers["Access-Control-Allow-Origin"] == "*"
    other = _from(limited_app, "192.0.2.2", "ASK {}")
    assert other.status_code == 200
    for thread in slow:
        thread.join(timeout=20)
    assert _from(limited_app, "192.0.2.1", "ASK {}").status_code == 200  # the slots were given back


def test_failed_and_refused_queries_give_their_slot_back(limited_app):
    for query in ("SELEC nonsense", "CLEAR ALL", SLOW_QUERY):
        _from(limited_app, "192.0.2.3", query, timeout="0.3")
    limiter = limited_app.extensions["leidraad.limits"]
    assert limiter.active("192.0.2.3") == 0


def test_the_limiter_counts_per_client_and_forgets_idle_clients():
    limiter = ClientLimiter(2)
    assert limiter.acquire("a") and limiter.acquire("a")
    assert not limiter.acquire("a")
    assert limiter.acquire("b")
    limiter.release("a")
    assert limiter.acquire("a")
    for client in ("a", "a", "b"):
        limiter.release(client)
    assert limiter._active == {}


def test_a_query_past_the_worker_memory_cap_is_stopped_and_the_endpoint_recovers(capped_app):
    client = capped_app.test_client()
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    started = time.monotonic()
    response = client.get("/sparql", query_string={"query": MEMORY_HOG, "format": "csv"})
    assert response.status_code == 503
    assert "memory" in response.get_data(as_text=True)
    assert time.monotonic() - started < 25  # stopped by the cap, not by the 30 s time limit
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_a_client_whose_query_ran_to_the_limit_is_held_to_one_query_for_a_while(limited_app):
    stopped = _from(limited_app, "192.0.2.4", SLOW_QUERY, timeout="0.5")
    assert stopped.status_code == 503
    assert int(stopped.headers["Retry-After"]) >= 1
    limiter = limited_app.extensions["leidraad.limits"]
    assert limiter.cap("192.0.2.4") == 1
    assert limiter.cap("192.0.2.5") == 2  # everyone else keeps the full share
    holder = threading.Thread(target=_from, args=(limited_app, "192.0.2.4", SLOW_QUERY), kwargs={"timeout": "1"})
    holder.start()
    time.sleep(0.3)
    assert _from(limited_app, "192.0.2.4", "ASK {}").status_code == 429
    holder.join(timeout=10)


def test_the_penalty_wears_off():
    limiter = ClientLimiter(2)
    limiter.penalise("a", 0.05)
    assert limiter.cap("a") == 1
    time.sleep(0.1)
    assert limiter.cap("a") == 2
