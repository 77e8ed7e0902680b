"""A fair share of the server's CPU per client address, for every request: pages, search and queries alike.

The query workers are guarded by :mod:`.limits`; this is the budget for the
time a client's requests take in the server process itself (rendering a page,
searching, writing a result).  Each client address has a token bucket of CPU
seconds: it holds at most ``CLIENT_CPU_BURST`` seconds and refills at
``CLIENT_CPU_RATE`` seconds per second.  A request is measured in CPU time of
the thread that serves it (``time.thread_time``: what the request used,
however busy the machine is), at least ``CLIENT_MIN_COST`` seconds, so a flood
of cheap cached pages is capped too.  A client whose bucket is empty gets
429 Too Many Requests with a ``Retry-After`` saying when it has credit again,
at once and for almost nothing.

Reading is never refused to anybody else: the budget is per address, and
``/health`` is exempt so a monitor is never locked out.  Behind a reverse
proxy, wrap the app in ``ProxyFix`` first (``docs/security.md``), or every
reader shares the proxy's budget.  ``CLIENT_CPU_RATE = 0`` turns this off.

The budget caps each client, but a dozen clients each within theirs can still ask for more CPU than the
process gets (a busy machine gives it less than a core), and then every request waits in one first-come
queue behind theirs, and every running request competes for the one interpreter lock with theirs.  So the
CPU each client used lately is kept too (:class:`RecentUse`, whatever the budget), and used twice:

* the server takes the next request from the client that used the least (``http/serving.py``), so a
  reader or a researcher whose requests cost milliseconds goes ahead of a flood of searches;
* **heavy** clients (more than ``CLIENT_HEAVY_CPU`` CPU seconds lately, in requests of at least
  :data:`HEAVY_REQUEST` each on average: searches, not cached pages) share one lane: one request of
  theirs at a time, all of them together; another is refused at once (429, ``Retry-After: 1``).  So
  however many heavy clients there are, at most one of their requests holds the lock against the light
  ones, whose requests then wait for it milliseconds instead of seconds.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from werkzeug.wrappers import Response

from . import security

#: Where the app keeps its :class:`FairShare` (the server reads each client's recent use from it).
FAIR_SHARE = "leidraad.fair_share"
#: Paths never charged nor refused.
EXEMPT = frozenset({"/health"})
#: Path prefixes a heavy client is still served outside the one lane: static files, cheap and needed by every page.
LANE_FREE = ("/static/",)
#: Clients remembered at most; those whose bucket has filled up again are forgotten first.
MAX_TRACKED = 50_000
#: Seconds in which a client's recent CPU use halves.
HALF_LIFE = 5.0
#: CPU seconds every request counts for at least in recent use (a flood of refusals is not light).
REQUEST_FLOOR = 0.001
#: Requests of heavy clients (all together) running at once.
HEAVY_LANES = 1
#: CPU seconds a heavy client's requests take each, on average, at least: many cheap requests one after the other
#: (cached pages, quick queries) hold the interpreter lock briefly and are not what the lane is for.
HEAVY_REQUEST = 0.005


class RecentUse:
    """CPU seconds and requests of each client lately, halving every :data:`HALF_LIFE` seconds; thread-safe."""

    def __init__(self, half_life: float = HALF_LIFE, clock: Callable[[], float] = time.monotonic) -> None:
        self.half_life = half_life
        self.clock = clock
        self._used: dict[str, tuple[float, float, float]] = {}  # client -> (seconds, requests, when)
        self._lock = threading.Lock()

    def _decayed(self, client: str, now: float) -> tuple[float, float]:
        used, requests, when = self._used.get(client, (0.0, 0.0, now))
        fade = 0.5 ** ((now - when) / self.half_life)
        return used * fade, requests * fade

    def add(self, client: str, seconds: float) -> None:
        """One request of ``client`` that took ``seconds`` of CPU."""
        with self._lock:
            now = self.clock()
            if len(self._used) >= MAX_TRACKED:  # forget the clients whose use has all but faded
                self._used = {c: u for c, u in self._used.items() if self._decayed(c, now)[0] > REQUEST_FLOOR}
            if len(self._used) < MAX_TRACKED or client in self._used:
                used, requests = self._decayed(client, now)
                self._used[client] = (used + seconds, requests + 1, now)

    def of(self, client: str) -> float:
        """``client``'s recent CPU seconds (0 for a client not seen lately)."""
        with self._lock:
            return self._decayed(client, self.clock())[0]

    def per_request(self, client: str) -> float:
        """The CPU seconds ``client``'s recent requests took each, on average (0 for a client not seen lately)."""
        with self._lock:
            used, requests = self._decayed(client, self.clock())
        return used / requests if requests else 0.0


class TokenBuckets:
    """CPU-second buckets per client; thread-safe; a full bucket is not stored."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.burst = max(burst, rate)
        self.clock = clock
        self._level: dict[str, tuple[float, float]] = {}  # client -> (level, when)
        self._lock = threading.Lock()

    def _now_level(self, client: str, now: float) -> float:
        found = self._level.get(client)
        if found is None:
            return self.burst
        level, when = found
        return min(self.burst, level + (now - when) * self.rate)

    def wait(self, client: str) -> float:
        """Seconds until ``client`` has credit again; 0 if it has some now."""
        with self._lock:
            level = self._now_level(client, self.clock())
        return 0.0 if level > 0 else (-level or 1e-3) / self.rate

    def spent(self, client: str) -> float:
        """Seconds ``client`` is below a full bucket: what it used lately, less what has refilled since."""
        with self._lock:
            return self.burst - self._now_level(client, self.clock())

    def charge(self, client: str, seconds: float) -> None:
        with self._lock:
            now = self.clock()
            level = self._now_level(client, now) - seconds
            if len(self._level) >= MAX_TRACKED:
                self._level = {c: (lv, w) for c, (lv, w) in self._level.items()
                               if lv + (now - w) * self.rate < self.burst}
            if len(self._level) < MAX_TRACKED or client in self._level:
                self._level[client] = (level, now)

    def tracked(self) -> int:
        return len(self._level)


class FairShare:
    """WSGI middleware: refuses a client over its CPU budget with 429, and charges every request it lets by."""

    def __init__(self, app: Callable, rate: float, burst: float, min_cost: float, heavy: float = 0.0) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate, burst) if rate > 0 else None
        self.min_cost = min_cost
        self.recent = RecentUse()
        self.heavy = heavy  # recent CPU seconds from which a client is heavy; 0: no lane
        self._lane = threading.BoundedSemaphore(HEAVY_LANES)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "") in EXEMPT:
            return self.app(environ, start_response)
        client = environ.get("REMOTE_ADDR") or "unknown"
        wait = self.buckets.wait(client) if self.buckets is not None else 0.0
        if wait > 0:
            self.recent.add(client, REQUEST_FLOOR)
            return self._refuse(wait, environ, start_response)
        # a page's stylesheets and scripts never wait in the lane: refusing them leaves the page unstyled
        lane = self.heavy > 0 and not environ.get("PATH_INFO", "").startswith(LANE_FREE) and \
            self.recent.of(client) >= self.heavy and self.recent.per_request(client) >= HEAVY_REQUEST
        if lane and not self._lane.acquire(blocking=False):
            self.recent.add(client, REQUEST_FLOOR)
            return self._refuse(1.0, environ, start_response)
        started = time.thread_time()
        try:
            body = self.app(environ, start_response)
        except BaseException:
            self._charge(client, started)
            raise
        finally:
            if lane:  # the work is done; writing the body is the socket's (and a body never closed holds nothing)
                self._lane.release()
        return self._charged(body, client, started)

    def _charged(self, body: Iterable[bytes], client: str, started: float) -> Iterable[bytes]:
        """The body, passed through; writing it counts too, and the charge is made when the server closes it."""
        return _ClosingBody(body, lambda: self._charge(client, started))

    def _charge(self, client: str, started: float) -> None:
        used = time.thread_time() - started
        self.recent.add(client, max(REQUEST_FLOOR, used))
        if self.buckets is not None:
            self.buckets.charge(client, max(self.min_cost, used))

    @staticmethod
    def _refuse(wait: float, environ: dict, start_response: Callable) -> Iterable[bytes]:
        response = Response(
            "429 Too Many Requests: your requests have used this server's share for one client for now; "
            "please wait a moment.\n", status=429, mimetype="text/plain")
        response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
        security.add_headers(response)
        return response(environ, start_response)


class _ClosingBody:
    """A WSGI body that calls ``done`` once: when it has all been read, or when the server closes it."""

    def __init__(self, body: Iterable[bytes], done: Callable[[], None]) -> None:
        self.body = body
        self.done: Callable[[], None] | None = done

    def __iter__(self) -> Iterator[bytes]:
        yield from self.body
        self._done()  # all written (a server closes the body later, a test client perhaps never)

    def _done(self) -> None:
        done, self.done = self.done, None
        if done is not None:
            done()

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self._done()
