"""Refuse requests whose URL no view can read, before Flask parses them.

A WSGI server hands the path and query string over as the raw bytes the
client sent (decoded as Latin-1).  Werkzeug decodes ``request.args`` as UTF-8
*strictly*, so a raw ``\\xff`` in the query string raises inside any view or
``after_request`` hook that reads an argument; a NUL or other control
character in the path reaches the IRI lookups, which reject it with an error.
Both would end as a 500.  Such a URL is simply malformed: this middleware
answers it with a 400 in front of the application, with the same security
headers every other response carries.  Percent-encoded bytes (``%FF``) are
left alone: Werkzeug decodes those leniently, and the SPARQL endpoint checks
them strictly itself (:mod:`leidraad.sparql.protocol`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from werkzeug.wrappers import Response

from . import security

#: C0 controls and DEL: never part of a path we serve (the WSGI path is already percent-decoded).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def problem(environ: dict) -> str | None:
    """Why this request's URL is malformed, or None."""
    for key, what in (("PATH_INFO", "path"), ("QUERY_STRING", "query string")):
        raw = environ.get(key, "")
        try:
            decoded = raw.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return f"The {what} is not valid UTF-8."
        if key == "PATH_INFO" and _CONTROL.search(decoded):
            return "The path contains control characters."
        if key == "QUERY_STRING" and _CONTROL.search(decoded):
            return "The query string contains raw control characters; percent-encode them."
    return None


class RequestGuard:
    """WSGI middleware: a 400 for malformed URLs, everything else passes through untouched."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        reason = problem(environ)
        if reason is None:
            return self.app(environ, start_response)
        response = Response(f"400 Bad Request: {reason}\n", status=400, mimetype="text/plain")
        security.add_headers(response)
        return response(environ, start_response)
