"""gzip for large text responses, in front of everything else.

Results, pages and documents are text and shrink five- to tenfold; a client
that says ``Accept-Encoding: gzip`` gets them compressed.  Dumps are left
alone (they are files, served as they are, and big), as are small responses
(not worth it) and anything already encoded.  A compressed response has its
own ETag (``…-gzip``), and a conditional request for it is matched against
the plain one underneath, so 304s keep working.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable

#: Responses smaller than this are sent as they are.
MINIMUM_BYTES = 1024
#: Responses larger than this are streamed as they are rather than held in memory to compress.
MAXIMUM_BYTES = 32 << 20
LEVEL = 5
_TEXT = ("text/", "application/json", "application/ld+json", "application/sparql-results", "application/n-triples",
         "application/rdf+xml", "application/xml", "application/javascript", "image/svg+xml")
_NEVER = ("/dumps/",)


def _accepts_gzip(environ: dict) -> bool:
    for coding in environ.get("HTTP_ACCEPT_ENCODING", "")[:500].split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() == "gzip" and params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            return True
    return False


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    return next((value for key, value in headers if key.lower() == name), None)


def _compressible(status: str, headers: list[tuple[str, str]]) -> bool:
    if not status.startswith("200") or _header(headers, "content-encoding"):
        return False
    length = _header(headers, "content-length")
    if length is not None and (not length.isdigit() or not MINIMUM_BYTES <= int(length) <= MAXIMUM_BYTES):
        return False
    return (_header(headers, "content-type") or "").lower().startswith(_TEXT)


class Gzip:
    """WSGI middleware compressing what is worth compressing, for clients that accept it."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not _accepts_gzip(environ) or environ.get("PATH_INFO", "").startswith(_NEVER) \
                or environ.get("REQUEST_METHOD") != "GET":
            return self.app(environ, start_response)
        match = environ.get("HTTP_IF_NONE_MATCH")
        if match:  # our compressed ETags name the plain response underneath
            environ["HTTP_IF_NONE_MATCH"] = match.replace('-gzip"', '"')
        started: dict = {}

        def defer(status: str, headers: list[tuple[str, str]], exc_info=None):
            started.update(status=status, headers=headers, exc_info=exc_info)
            return lambda _data: None  # the legacy write() is not used by Flask

        result = self.app(environ, defer)
        if not _compressible(started["status"], started["headers"]):
            start_response(started["status"], started["headers"], started["exc_info"])
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        if len(body) < MINIMUM_BYTES:
            start_response(started["status"], started["headers"], started["exc_info"])
            return [body]
        packed = gzip.compress(body, compresslevel=LEVEL, mtime=0)
        start_response(started["status"], self._headers(started["headers"], len(packed)), started["exc_info"])
        return [packed]

    @staticmethod
    def _headers(headers: list[tuple[str, str]], length: int) -> list[tuple[str, str]]:
        kept = [(k, v) for k, v in headers if k.lower() not in ("content-length", "etag", "vary")]
        vary = [v for k, v in headers if k.lower() == "vary"]
        etag = _header(headers, "etag")
        kept += [("Content-Length", str(length)), ("Content-Encoding", "gzip"),
                 ("Vary", ", ".join([*vary, "Accept-Encoding"]))]
        if etag and etag.endswith('"'):
            kept.append(("ETag", etag[:-1] + '-gzip"'))
        return kept
