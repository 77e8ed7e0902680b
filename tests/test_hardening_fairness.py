"""Second hardening round: every client gets a fair share, and queued queries never hold the threads pages need.

* pages and search, like queries, are budgeted per client address: a token bucket of
  CPU seconds (``http/fair_share.py``), 429 with ``Retry-After`` when it is empty;
* at most ``MAX_CONCURRENT_QUERIES + QUERY_QUEUE`` query requests are inside the app; one
  more is refused at once (503, ``Retry-After``) instead of waiting in a request thread,
  and the server runs threads for pages beside all of them (``http/serving.py``);
* waitress is extended with a connection cap per client address, a read time-out for a
  request's headers and body, and the security headers on its own 413/431 responses.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from leidraad.http.app import create_app
from leidraad.http.fair_share import TokenBuckets
from leidraad.http.limits import PAGE_THREADS, query_capacity
from leidraad.http.serving import make_server, threads_for
from sparql_fixtures import SLOW_QUERY, close_app, make_app


@pytest.fixture(scope="module")
def stingy_app(fixture_dist: Path) -> Iterator[Flask]:
    """The page fixture, with a CPU budget so small that a few requests use it up."""
    app = create_app(dist=fixture_dist, config={
        "CLIENT_CPU_RATE": 0.001, "CLIENT_CPU_BURST": 0.05, "CLIENT_MIN_COST": 0.02})
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def one_slot_app(endpoint_dist: Path) -> Iterator[Flask]:
    app = make_app(endpoint_dist, QUERY_TIMEOUT=3.0, MAX_CONCURRENT_QUERIES=1, QUERY_QUEUE=0)
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def timed_app(endpoint_dist: Path) -> Iterator[Flask]:
    """Query time budgeted per client: one time limit (1 s) at once, earned back very slowly."""
    app = make_app(endpoint_dist, QUERY_TIMEOUT=1.0, CLIENT_QUERY_RATE=0.001, MAX_CONCURRENT_QUERIES=2)
    yield app
    close_app(app)


def _get(app: Flask, address: str, path: str):
    response = app.test_client().get(path, environ_overrides={"REMOTE_ADDR": address})
    response.get_data()  # read whole, as a server does: the request is charged once its body is written
    return response


def test_a_client_over_its_cpu_share_gets_429_with_retry_after_while_others_are_served(stingy_app) -> None:
    statuses = [_get(stingy_app, "192.0.2.20", "/search?q=leiderschap").status_code for _ in range(6)]
    assert statuses[0] == 200 and statuses[-1] == 429
    refused = _get(stingy_app, "192.0.2.20", "/doc/concept/integriteit")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.headers["X-Content-Type-Options"] == "nosniff"
    assert _get(stingy_app, "192.0.2.21", "/search?q=leiderschap").status_code == 200  # someone else
    assert _get(stingy_app, "192.0.2.20", "/health").status_code == 200  # a monitor is never locked out


def test_a_token_bucket_refills_at_its_rate_up_to_its_burst() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=0.5, burst=2.0, clock=lambda: now[0])
    buckets.charge("a", 3.0)
    assert buckets.wait("a") == pytest.approx(2.0)  # one CPU second in debt, at half a second per second
    now[0] = 2.5
    assert buckets.wait("a") == 0.0
    now[0] = 100.0
    buckets.charge("a", 0.1)
    assert buckets.wait("a") == 0.0  # credit never piles up past the burst
    assert buckets.wait("b") == 0.0


def test_a_query_beyond_the_slots_and_the_queue_is_refused_at_once_not_queued(one_slot_app) -> None:
    assert _get(one_slot_app, "192.0.2.30", "/sparql?query=ASK%7B%7D").status_code == 200  # worker up
    slow = threading.Thread(target=_get, args=(one_slot_app, "192.0.2.30", "/sparql?" + "query=" + SLOW_QUERY))
    slow.start()
    try:
        deadline = time.monotonic() + 10
        while one_slot_app.extensions["leidraad.admission"]._value and time.monotonic() < deadline:
            time.sleep(0.02)
        refused = _get(one_slot_app, "192.0.2.31", "/sparql?query=ASK%7B%7D&format=json")
        assert refused.status_code == 503
        assert "not queued" in refused.get_data(as_text=True)
        assert int(refused.headers["Retry-After"]) >= 1
    finally:
        slow.join(timeout=20)
    assert _get(one_slot_app, "192.0.2.31", "/sparql?query=ASK%7B%7D").status_code == 200  # the place came back


def test_a_client_whose_queries_used_its_query_time_gets_429_while_quick_queries_of_others_run(timed_app) -> None:
    assert _get(timed_app, "192.0.2.40", "/sparql?query=ASK%7B%7D").status_code == 200  # quick: costs ~nothing
    assert _get(timed_app, "192.0.2.40", "/sparql?query=ASK%7B%7D").status_code == 200
    assert _get(timed_app, "192.0.2.40", "/sparql?query=" + SLOW_QUERY).status_code == 503  # ran to the limit
    refused = _get(timed_app, "192.0.2.40", "/sparql?query=ASK%7B%7D&format=json")
    assert refused.status_code == 429
    assert "query time" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) >= 1
    for _ in range(5):
        assert _get(timed_app, "192.0.2.41", "/sparql?query=ASK%7B%7D").status_code == 200


def test_the_server_keeps_threads_for_pages_beside_every_admitted_query(one_slot_app) -> None:
    config = dict(one_slot_app.config, MAX_CONCURRENT_QUERIES=6, QUERY_QUEUE=3)
    assert query_capacity(config) == 9
    assert threads_for(one_slot_app, 1) >= query_capacity(one_slot_app.config) + PAGE_THREADS


# --- waitress, extended -------------------------------------------------------------------------------


def _hello(_environ: dict, start_response) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]


@pytest.fixture()
def guarded() -> Iterator[int]:
    """The extended waitress on a free loopback port: 3 connections per client, 1 s to send a request."""
    server = make_server(_hello, "127.0.0.1", 0, threads=2, per_client=3, read_timeout=1.0,
                         max_request_header_size=2000, max_request_body_size=100)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port
    server.close()
    thread.join(timeout=5)


def _connect(port: int, source: str) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    return sock


def _request(port: int, source: str, raw: bytes) -> bytes:
    with _connect(port, source) as sock:
        sock.sendall(raw)
        found = b""
        while chunk := sock.recv(65536):
            found += chunk
        return found


def _closed_without_an_answer(sock: socket.socket) -> bool:
    try:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        return sock.recv(100) == b""
    except ConnectionError:
        return True


def test_one_address_cannot_hold_more_than_its_share_of_connections(guarded) -> None:
    held = [_connect(guarded, "127.0.0.5") for _ in range(3)]
    for sock in held:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # begun, never finished
    extra = _connect(guarded, "127.0.0.5")
    assert _closed_without_an_answer(extra)
    extra.close()
    assert b" 200 " in _request(guarded, "127.0.0.6", b"GET / HTTP/1.0\r\n\r\n")  # everyone else is served
    for sock in held:
        sock.close()


def test_a_request_trickling_in_is_dropped_after_the_read_timeout(guarded) -> None:
    with _connect(guarded, "127.0.0.7") as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        closed = False
        for _ in range(40):  # a header byte every 0.2 s, never idle long enough for the idle time-out
            time.sleep(0.2)
            try:
                sock.sendall(b"X")
            except OSError:
                closed = True
                break
            sock.settimeout(0.01)
            try:
                if sock.recv(100) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
    assert closed


@pytest.mark.parametrize(("raw", "status"), [
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 5000 + b"\r\n\r\n", b"431"),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + b"a" * 1000, b"413"),
])
def test_waitress_own_error_responses_carry_the_security_headers(guarded, raw, status) -> None:
    answer = _request(guarded, "127.0.0.8", raw)
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert answer.split(b" ")[1] == status
    assert b"x-content-type-options: nosniff" in head
    assert b"content-security-policy:" in head
