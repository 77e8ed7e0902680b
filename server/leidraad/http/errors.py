"""Error responses: clear messages, never a traceback.

Every HTTP error and every uncaught exception ends here.  Browsers get a page
in their language; everything else gets a short plain-text or JSON body.
"""

from __future__ import annotations

import json as json_module
import logging

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from ..core import conneg

log = logging.getLogger("leidraad")


def _error_format() -> str:
    """``html`` for a client that names HTML (a browser), ``json`` for one that names a JSON type, else ``text``.

    ``*/*`` alone is a tool (curl, a SPARQL library), not a reader: it gets plain text, not a page.
    """
    html = json = 0.0
    for media_range in conneg.parse_accept(request.headers.get("Accept")):
        if media_range.type == "*":
            continue
        full = f"{media_range.type}/{media_range.subtype}"
        if full in ("text/html", "application/xhtml+xml"):
            html = max(html, media_range.q)
        elif full == "application/json" or media_range.subtype.endswith("+json"):
            json = max(json, media_range.q)
    if html > 0 and html >= json:
        return "html"
    return "json" if json > 0 else "text"


def render_error(code: int, title: str, message: str) -> Response:
    """The one place error bodies are made; views call it for their own errors too."""
    chosen = _error_format()
    if chosen == "html":
        body = render_template("error.html", code=code, title=title, message=message)
        response = Response(body, status=code, mimetype="text/html")
    elif chosen == "json":
        response = Response(json_module.dumps({"status": code, "title": title, "message": message}) + "\n",
                            status=code, mimetype="application/json")
    else:
        response = Response(f"{code} {title}: {message}\n", status=code, mimetype="text/plain")
    response.vary.add("Accept")
    return response


def _http_error(exc: HTTPException) -> Response:
    response = render_error(exc.code or 500, exc.name, exc.description or "")
    for key, value in exc.get_headers():
        if key.lower() not in ("content-type", "content-length"):
            response.headers[key] = value
    return response


def _uncaught(_exc: Exception) -> Response:
    log.exception("uncaught error on %s %s", request.method, request.path)
    err = InternalServerError()
    return render_error(500, err.name, "Something went wrong on our side; the error has been logged.")


def install(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _uncaught)
