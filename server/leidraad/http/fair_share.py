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
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from werkzeug.wrappers import Response

from . import security

#: Paths never charged nor refused.
EXEMPT = frozenset({"/health"})
#: Clients remembered at most; those whose bucket has filled up again are forgotten first.
MAX_TRACKED = 50_000


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

    def __init__(self, app: Callable, rate: float, burst: float, min_cost: float) -> None:
        self.app = app
        self.buckets = TokenBuckets(rate, burst) if rate > 0 else None
        self.min_cost = min_cost

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.buckets is None or environ.get("PATH_INFO", "") in EXEMPT:
            return self.app(environ, start_response)
        client = environ.get("REMOTE_ADDR") or "unknown"
        wait = self.buckets.wait(client)
        if wait > 0:
            return self._refuse(wait, environ, start_response)
        started = time.thread_time()
        try:
            body = self.app(environ, start_response)
        except BaseException:
            self._charge(client, started)
            raise
        return self._charged(body, client, started)

    def _charged(self, body: Iterable[bytes], client: str, started: float) -> Iterable[bytes]:
        """The body, passed through; writing it counts too, and the charge is made when the server closes it."""
        return _ClosingBody(body, lambda: self._charge(client, started))

    def _charge(self, client: str, started: float) -> None:
        assert self.buckets is not None
        self.buckets.charge(client, max(self.min_cost, time.thread_time() - started))

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
