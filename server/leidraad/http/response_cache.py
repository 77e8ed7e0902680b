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
pages of the old build miss by themselves.  The cache is bounded in entries
and in bytes, and least-recently-used entries go first.

Query parameters no page reads (``?x=1``, ``?x=2``, …) are dropped from a page
request before the key is made and before the app sees it, so a client
cannot fill the cache with copies of one page, nor make a page that repeats
its parameters in its links.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl, urlencode

PAGE_PREFIXES = ("/doc/", "/def", "/browse/", "/graph/", "/models", "/stances")
VARIES_ON = ("HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_COOKIE")
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE")
#: The query parameters pages read (``http/pages.py``, ``http/overviews.py``, ``web/language.py``,
#: ``web/linkeddata.py``); a page's groups are paged by ``out:<property>`` and ``in:<property>``.
PAGE_PARAMETERS = frozenset({"lang", "format", "page", "size", "text", "stance", "voice", "kind", "about", "sort",
                             "role", "type"})
PAGE_PARAMETER_PREFIXES = ("out:", "in:")
#: Longest query string a page keeps; beyond it, the parameters are dropped (no page needs so many).
MAX_PAGE_QUERY = 2_000

Entry = tuple[str, list[tuple[str, str]], bytes]


class ResponseCache:
    """WSGI middleware replaying complete page responses; ``size`` entries at most."""

    def __init__(self, app: Callable, version: Callable[[], str] = lambda: "", size: int = 2000,
                 max_body: int = 2_000_000, max_bytes: int = 64_000_000) -> None:
        self.app = app
        self.version = version
        self.size = size
        self.max_body = max_body
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _is_page(environ: dict) -> bool:
        path = environ.get("PATH_INFO", "")
        return environ.get("REQUEST_METHOD") in ("GET", "HEAD") and (path == "/" or path.startswith(PAGE_PREFIXES))

    def _key(self, environ: dict) -> tuple | None:
        if environ.get("REQUEST_METHOD") != "GET" or not self._is_page(environ):
            return None
        if any(environ.get(h) for h in CONDITIONAL):
            return None
        return (self.version(), environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""),
                *(environ.get(h, "") for h in VARIES_ON))

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self._is_page(environ) and environ.get("QUERY_STRING"):
            environ["QUERY_STRING"] = page_query(environ["QUERY_STRING"])
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
            entry = (seen["status"], seen["headers"], body)
            with self._lock:
                old = self._entries.pop(key, None)
                if old is not None:
                    self.bytes -= _size(old)
                self._entries[key] = entry
                self.bytes += _size(entry)
                while len(self._entries) > self.size or self.bytes > self.max_bytes:
                    self.bytes -= _size(self._entries.popitem(last=False)[1])
        return [body]

    def _replayable(self, seen: dict, body: bytes) -> bool:
        if not seen.get("status", "").startswith("200") or len(body) > self.max_body:
            return False
        names = {name.lower(): value for name, value in seen["headers"]}
        return "set-cookie" not in names and "public" in names.get("cache-control", "")


def _size(entry: Entry) -> int:
    status, headers, body = entry
    return len(body) + len(status) + sum(len(name) + len(value) + 4 for name, value in headers)


def page_query(query_string: str) -> str:
    """``query_string`` with only the parameters pages read, sorted (the raw bytes as WSGI gives them)."""
    if len(query_string) > MAX_PAGE_QUERY:
        return ""
    raw = query_string.encode("latin-1", "replace").decode("utf-8", "replace")
    kept = sorted((name, value) for name, value in parse_qsl(raw, keep_blank_values=True)
                  if name in PAGE_PARAMETERS or name.startswith(PAGE_PARAMETER_PREFIXES))
    return urlencode(kept, safe=":/").encode("utf-8").decode("latin-1")
