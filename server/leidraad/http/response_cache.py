"""Whole responses for pages, cached in front of Flask: a cached page costs what a static file costs.

The data cannot change while a process serves it (a new build means a new
process or a new app), so a page's complete response -- status, headers and
body -- is valid until then.  ``memo.pages`` already saves the rendering, but
every request still went through routing, the existence check, conneg, the
header work and the security hooks: about five times the cost of sending the
same bytes as a static file (``benchmarks/README.md``).  This WSGI middleware
answers a repeated request for a page from memory instead.

Only what is safe to replay is kept: ``GET`` requests to page routes (never
``/sparql`` or ``/search``), without conditional headers (Flask answers those,
with 304), whose answer is 200, sets no cookie and is publicly cacheable.  The
key holds every request header a page varies on (``Accept``,
``Accept-Language``, ``Cookie``), so each variant is cached apart, and the
version of the data being served: after a reload (SIGHUP, ``server/leidraad/http/reload.py``)
pages of the old build miss by themselves.  The cache is bounded and
least-recently-used entries go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

PAGE_PREFIXES = ("/doc/", "/def", "/browse/", "/graph/", "/models", "/stances")
VARIES_ON = ("HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_COOKIE")
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE")

Entry = tuple[str, list[tuple[str, str]], bytes]


class ResponseCache:
    """WSGI middleware replaying complete page responses; ``size`` entries at most."""

    def __init__(self, app: Callable, version: Callable[[], str] = lambda: "", size: int = 2000,
                 max_body: int = 2_000_000) -> None:
        self.app = app
        self.version = version
        self.size = size
        self.max_body = max_body
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, environ: dict) -> tuple | None:
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "GET" or not (path == "/" or path.startswith(PAGE_PREFIXES)):
            return None
        if any(environ.get(h) for h in CONDITIONAL):
            return None
        return (self.version(), path, environ.get("QUERY_STRING", ""), *(environ.get(h, "") for h in VARIES_ON))

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
        if entry is not None:
            status, headers, body = entry
            start_response(status, headers)
            return [body]
        return self._fill(key, environ, start_response)

    def _fill(self, key: tuple, environ: dict, start_response: Callable) -> Iterable[bytes]:
        seen: dict = {}

        def capture(status: str, headers: list, exc_info=None):
            seen["status"], seen["headers"] = status, list(headers)
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        chunks = self.app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        if self._replayable(seen, body):
            with self._lock:
                self._entries[key] = (seen["status"], seen["headers"], body)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
        return [body]

    def _replayable(self, seen: dict, body: bytes) -> bool:
        if not seen.get("status", "").startswith("200") or len(body) > self.max_body:
            return False
        names = {name.lower(): value for name, value in seen["headers"]}
        return "set-cookie" not in names and "public" in names.get("cache-control", "")
