"""Per-client limits in front of the query executor, so one client cannot starve the rest.

The worker pool holds ``MAX_CONCURRENT_QUERIES`` queries at once.  Without a
per-client cap, one client sending that many slow queries in parallel would
hold every worker for up to the time limit, and everyone else would wait and
then get 503.  So each client (its address) may run at most
``MAX_QUERIES_PER_CLIENT`` queries at once; one more is answered at once with
429 Too Many Requests and a ``Retry-After``, and never reaches the pool.

A client whose query ran to its time limit (or its memory cap) is, for the
next :data:`PENALTY_LIMITS` time limits, held to one query at a time, in a
place shared with every other such client: whoever keeps
sending queries that run to the limit gets at most one worker, so quick
queries from everyone else always find one.

Query time is budgeted too: each client has a token bucket of seconds spent
inside the executor (``CLIENT_QUERY_BURST``, default one time limit, refilled
at ``CLIENT_QUERY_RATE`` seconds per second); an empty bucket is a 429 with
the ``Retry-After`` at which it holds credit again.  Quick queries cost
almost nothing; a client sending queries that run to the limit gets one per
``QUERY_TIMEOUT / CLIENT_QUERY_RATE`` seconds.

Standing, so slow clients the server has not met yet hold workers briefly: a client
the server does not know yet (**new**) runs its queries with the short limit
``NEW_CLIENT_QUERY_TIMEOUT`` (1 s); one whose last query finished within it is
**proven** and gets the full ``QUERY_TIMEOUT``; one whose last query was slower,
or ran to a limit, is **known** (full limit, no reserved slot).  The last
:data:`RESERVED_SLOTS` worker slots are kept for proven and new clients: every
client whose last query was slow or ran to a limit shares
``MAX_CONCURRENT_QUERIES - RESERVED_SLOTS`` places (running or waiting), and
never takes the last idle worker (``KEEP_IDLE``).  So eight new clients whose
first query is slow hold workers for 1 s each, not a whole time limit, and are
then penalised.

The client is ``request.remote_addr``.  Behind a reverse proxy that is the
proxy's address: wrap the app in ``werkzeug.middleware.proxy_fix.ProxyFix``
(see ``docs/security.md``) so the limit applies to the real client.

Queries never take the request threads pages need: at most
``MAX_CONCURRENT_QUERIES + QUERY_QUEUE`` queries are inside the executor at
once (running, or waiting for a worker; :func:`admitted`); one more is
answered at once with 503 and a ``Retry-After`` instead of waiting in a
request thread, clients whose last query ran to the limit share one place between them, and the server
runs that many threads plus :data:`PAGE_THREADS` (``http/serving.py``).  The
CPU a client's pages and searches take is budgeted by :mod:`.fair_share`.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, current_app, g, request

from ..sparql.errors import QueryFailed
from ..sparql.executors import KEEP_IDLE, QUERY_WEIGHT, TIME_CAP
from .errors import render_error
from .fair_share import TokenBuckets

#: The endpoints whose requests may run a query.
QUERY_ENDPOINTS = frozenset({"sparql"})
_SLOT = "leidraad_query_slot"
#: Request threads kept for pages beyond those queries may hold (running or queued).
PAGE_THREADS = 4
#: How many time limits a client whose query ran to the limit stays held to the shared place.
PENALTY_LIMITS = 10
#: Places all clients held to one query (their last ran to the limit) share: the rest stay for everyone else.
PENALISED_PLACES = 1
#: Forget this many penalised clients at most (expired entries are dropped first).
MAX_TRACKED = 10_000
#: Worker slots only proven clients (their last query was quick) may take; the rest share the others.
RESERVED_SLOTS = 1
#: How many time limits a client's standing (proven or known) is remembered after its last query.
REMEMBER_LIMITS = 100
#: Seconds a new client's query may run (``NEW_CLIENT_QUERY_TIMEOUT``); a quicker one proves the client.
NEW_CLIENT_LIMIT = 1.0
NEW, PROVEN, KNOWN, PENALISED = "new", "proven", "known", "penalised"


class ClientLimiter:
    """Counts the queries each client has in flight; thread-safe, no state kept for idle clients."""

    def __init__(self, per_client: int) -> None:
        self.per_client = max(1, per_client)
        self._active: dict[str, int] = {}
        self._penalised: dict[str, float] = {}  # client -> until (monotonic seconds)
        self._seen: dict[str, tuple[bool, float]] = {}  # client -> (last query quick, until)
        self._lock = threading.Lock()

    def cap(self, client: str) -> int:
        """How many queries ``client`` may run at once now."""
        until = self._penalised.get(client)
        if until is not None and until <= time.monotonic():
            self._penalised.pop(client, None)
            until = None
        return 1 if until is not None else self.per_client

    def penalise(self, client: str, seconds: float) -> None:
        """Hold ``client`` to one query at a time for ``seconds`` (its query ran to a limit)."""
        with self._lock:
            if len(self._penalised) >= MAX_TRACKED:
                now = time.monotonic()
                self._penalised = {c: u for c, u in self._penalised.items() if u > now}
            if len(self._penalised) < MAX_TRACKED:
                self._penalised[client] = time.monotonic() + seconds

    def standing(self, client: str) -> str:
        """:data:`PENALISED`, :data:`PROVEN` (its last query was quick), :data:`KNOWN` or :data:`NEW`."""
        if self.per_client > 1 and self.cap(client) == 1:
            return PENALISED
        quick, until = self._seen.get(client, (False, 0.0))
        if until <= time.monotonic():
            self._seen.pop(client, None)
            return NEW
        return PROVEN if quick else KNOWN

    def saw(self, client: str, quick: bool, seconds: float) -> None:
        """Remember for ``seconds`` whether ``client``'s last query was quick."""
        with self._lock:
            now = time.monotonic()
            if len(self._seen) >= MAX_TRACKED:
                self._seen = {c: s for c, s in self._seen.items() if s[1] > now}
            if len(self._seen) < MAX_TRACKED or client in self._seen:
                self._seen[client] = (quick, now + seconds)

    def acquire(self, client: str) -> bool:
        with self._lock:
            running = self._active.get(client, 0)
            if running >= self.cap(client):
                return False
            self._active[client] = running + 1
            return True

    def release(self, client: str) -> None:
        with self._lock:
            running = self._active.get(client, 0) - 1
            if running > 0:
                self._active[client] = running
            else:
                self._active.pop(client, None)

    def active(self, client: str) -> int:
        with self._lock:
            return self._active.get(client, 0)


def query_capacity(config: dict) -> int:
    """How many query requests may be inside the app at once: running, or waiting for a worker."""
    return int(config["MAX_CONCURRENT_QUERIES"]) + max(0, int(config.get("QUERY_QUEUE", 0)))


def _limiter() -> ClientLimiter:
    return current_app.extensions["leidraad.limits"]


def _retry_after() -> int:
    """A slot frees up within the time limit at the latest; suggest half of it."""
    return max(1, math.ceil(float(current_app.config["QUERY_TIMEOUT"]) / 2))


def _before() -> Response | None:
    if request.endpoint not in QUERY_ENDPOINTS or request.method not in ("GET", "POST"):
        return None
    client = request.remote_addr or "unknown"
    wait = _query_time().wait(client) if _query_time() is not None else 0.0
    if wait > 0:
        response = render_error(
            429, "Too Many Requests",
            "Your queries have used this server's query time for one client for now; please wait a moment.")
        response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
        return response
    if not _limiter().acquire(client):
        limit = _limiter().cap(client)
        response = render_error(
            429, "Too Many Requests",
            f"You already have {limit} {'query' if limit == 1 else 'queries'} running; "
            "wait for one to finish before sending another.",
        )
        response.headers["Retry-After"] = str(_retry_after())
        return response
    setattr(g, _SLOT, client)
    return None


class Place:
    """A query's place in the executor; the endpoint sets ``seconds`` to what the evaluation itself took."""

    seconds: float | None = None


@contextmanager
def admitted() -> Iterator[Place]:
    """A place for one query inside the app (running, or waiting for a worker), around the executor's run.

    None free: 503 at once, never a wait in a request thread.  A client held to one query (its last ran to
    the limit) waits for :data:`PENALISED_PLACES`, shared with every other such client.
    """
    client = g.get(_SLOT)
    standing = _limiter().standing(client) if client is not None else PROVEN
    gates = [current_app.extensions["leidraad.admission"]]
    if standing in (KNOWN, PENALISED):  # the unreserved places: the last worker slots stay for the others
        gates.insert(0, current_app.extensions["leidraad.admission_unreserved"])
    if standing == PENALISED:  # the shared place first: refused there, it never holds one of everyone's places
        gates.insert(0, current_app.extensions["leidraad.admission_penalised"])
    quick = _new_client_limit()
    cap = TIME_CAP.set(quick if standing == NEW else TIME_CAP.get())
    keep = KEEP_IDLE.set(RESERVED_SLOTS if standing in (KNOWN, PENALISED) else 0)  # a loaded worker stays ready
    spent = _query_time().spent(client) if client is not None and _query_time() is not None else 0.0
    weight = QUERY_WEIGHT.set(spent)  # waiting for a worker slot, the client that used the least goes first
    taken = []
    try:
        for gate in gates:
            if not gate.acquire(blocking=False):
                raise QueryFailed(
                    503, "Busy",
                    f"All {query_capacity(current_app.config)} places for queries (running or waiting for a worker) "
                    "that you may take are in use; the query was not queued. Try again shortly.",
                    retry_after=_retry_after())
            taken.append(gate)
        started, place = time.monotonic(), Place()
        try:
            yield place
            if client is not None:
                remember = float(current_app.config["QUERY_TIMEOUT"]) * REMEMBER_LIMITS
                _limiter().saw(client, (place.seconds or 0.0) <= quick, remember)
        except QueryFailed as failure:  # stopped at the limit: the whole time; busy (a Retry-After): nothing
            place.seconds = 0.0 if failure.retry_after else time.monotonic() - started
            raise
        finally:
            if client is not None and _query_time() is not None:
                _query_time().charge(client, place.seconds if place.seconds is not None else 0.0)
    finally:
        TIME_CAP.reset(cap)
        KEEP_IDLE.reset(keep)
        QUERY_WEIGHT.reset(weight)
        for gate in taken:
            gate.release()


def _new_client_limit() -> float:
    """The time limit of a new client's queries (and the most a proven client's may take and stay proven)."""
    full = float(current_app.config["QUERY_TIMEOUT"])
    return min(full, float(current_app.config["NEW_CLIENT_QUERY_TIMEOUT"]) or full)


def unreserved_places(config: dict) -> int:
    """Places every client not proven shares: all worker slots but :data:`RESERVED_SLOTS` (at least one)."""
    return max(1, int(config["MAX_CONCURRENT_QUERIES"]) - RESERVED_SLOTS)


def _query_time() -> TokenBuckets | None:
    return current_app.extensions.get("leidraad.query_time")


def _after(response: Response) -> Response:
    """A query stopped at a limit is a 503 without ``Retry-After`` (a busy pool's 503 carries one)."""
    client = g.get(_SLOT)
    if client is not None and response.status_code == 503 and "Retry-After" not in response.headers:
        cooldown = float(current_app.config["QUERY_TIMEOUT"])
        _limiter().penalise(client, cooldown * PENALTY_LIMITS)
        _limiter().saw(client, False, cooldown * REMEMBER_LIMITS)  # known now: its next query gets the full limit
        response.headers["Retry-After"] = str(max(1, math.ceil(cooldown)))
    return response


def _teardown(_exc: BaseException | None) -> None:
    client = g.pop(_SLOT, None)
    if client is not None:
        _limiter().release(client)


def install(app: Flask) -> None:
    app.config.setdefault("MAX_QUERIES_PER_CLIENT", 2)
    app.config.setdefault("QUERY_QUEUE", 2)
    app.config.setdefault("NEW_CLIENT_QUERY_TIMEOUT", NEW_CLIENT_LIMIT)  # 0: new clients get the full limit
    rate = float(app.config.get("CLIENT_QUERY_RATE", 0))
    burst = float(app.config.get("CLIENT_QUERY_BURST", 0)) or float(app.config["QUERY_TIMEOUT"])
    # seconds of query time per client: one query to the limit empties it; it refills at ``rate`` s per second
    app.extensions["leidraad.query_time"] = TokenBuckets(rate, burst) if rate > 0 else None
    app.extensions["leidraad.limits"] = ClientLimiter(int(app.config["MAX_QUERIES_PER_CLIENT"]))
    app.extensions["leidraad.admission"] = threading.BoundedSemaphore(query_capacity(app.config))
    # clients whose last query ran to the limit share one place: every such query kills and respawns a worker
    app.extensions["leidraad.admission_penalised"] = threading.BoundedSemaphore(PENALISED_PLACES)
    app.extensions["leidraad.admission_unreserved"] = threading.BoundedSemaphore(unreserved_places(app.config))
    app.before_request(_before)
    app.after_request(_after)
    app.teardown_request(_teardown)
