"""Error responses: clear messages, never a traceback.

Every HTTP error and every uncaught exception ends here.  Browsers get a page
in their language; everything else gets a short plain-text or JSON body.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("leidraad")


def _wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "text/plain"])
    return best == "text/html"


def render_error(code: int, title: str, message: str) -> Response:
    """The one place error bodies are made; views call it for their own errors too."""
    if _wants_html():
        body = render_template("error.html", code=code, title=title, message=message)
        return Response(body, status=code, mimetype="text/html")
    return Response(f"{code} {title}: {message}\n", status=code, mimetype="text/plain")


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
