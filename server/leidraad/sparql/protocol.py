"""Reading a SPARQL 1.1 Protocol request: which query, which dataset, which options.

The three query transports (GET ``?query=``, POST form-encoded, POST
``application/sparql-query``) all end in one :class:`ProtocolRequest`, so the
view never looks at transports.  Parameters are decoded strictly (invalid
UTF-8 or percent-encoding is a 400, never silently "replaced"), repeated
``query`` parameters are refused as the protocol requires, and every update
transport is refused up front: the endpoint is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from flask import Request

from .errors import QueryFailed

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
#: Most parameters read from a query string or form body.
MAX_FIELDS = 200

READ_ONLY = "This endpoint is read-only: SPARQL Update is not accepted, in any form."


@dataclass(frozen=True)
class ProtocolRequest:
    """What a client asked for, whichever way it was sent."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    formats: tuple[str, ...]  # every ``format=`` and ``output=`` value, in order
    timeout: str | None

    @property
    def format(self) -> str | None:
        """The first format asked for by parameter, if any."""
        return self.formats[0] if self.formats else None

    @property
    def names_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def _bad(message: str, status: int = 400, title: str = "Bad Request") -> QueryFailed:
    return QueryFailed(status, title, message)


def _decode(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(f"The {what} is not valid UTF-8.") from None


def _parameters(raw: bytes, what: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(
            _decode(raw, what), keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=MAX_FIELDS
        )
    except UnicodeDecodeError:
        raise _bad(f"The {what} percent-encodes bytes that are not UTF-8.") from None
    except ValueError:
        raise _bad(f"The {what} has more than {MAX_FIELDS} parameters.") from None


def _charset_is_utf8(request: Request) -> bool:
    charset = request.mimetype_params.get("charset")
    return charset is None or charset.lower().replace("_", "-") in ("utf-8", "utf8")


def _body_parameters(request: Request) -> list[tuple[str, str]]:
    """The parameters a POST carries in its body, with the query under ``query``."""
    mimetype = request.mimetype
    if mimetype == SPARQL_UPDATE:
        raise QueryFailed(403, "Forbidden", READ_ONLY)
    if mimetype == FORM:
        return _form(request)
    if mimetype == SPARQL_QUERY:
        if not _charset_is_utf8(request):
            raise _bad("A query body must be UTF-8 encoded.", 415, "Unsupported Media Type")
        return [("query", _decode(request.get_data(cache=True), "query body"))]
    raise _bad(
        f"POST a query as {FORM} (query=...) or as {SPARQL_QUERY}; got {mimetype or 'no content type'}.",
        415, "Unsupported Media Type",
    )


def _form(request: Request) -> list[tuple[str, str]]:
    if not _charset_is_utf8(request):
        raise _bad("A form body must be UTF-8 encoded.", 415, "Unsupported Media Type")
    return _parameters(request.get_data(cache=True), "form body")


def read(request: Request) -> ProtocolRequest:
    """The protocol request in ``request``; :class:`QueryFailed` for one the endpoint refuses."""
    parameters = _parameters(request.query_string, "query string")
    if request.method == "POST":
        from_body = _body_parameters(request)
        if any(name == "query" for name, _ in parameters) and any(name == "query" for name, _ in from_body):
            raise _bad("Send the query once: in the body or in the URL, not both.")
        parameters += from_body
    values: dict[str, list[str]] = {}
    for name, value in parameters:
        values.setdefault(name, []).append(value)
    if "update" in values:
        raise QueryFailed(403, "Forbidden", READ_ONLY)
    for single in ("query", "timeout"):
        if len(values.get(single, [])) > 1:
            raise _bad(f"Give the {single} parameter once; it was given {len(values[single])} times.")
    return ProtocolRequest(
        query=values.get("query", [None])[0],
        default_graphs=tuple(values.get("default-graph-uri", [])),
        named_graphs=tuple(values.get("named-graph-uri", [])),
        formats=tuple(values.get("format", []) + values.get("output", [])),
        timeout=values.get("timeout", [None])[0],
    )


#: The lowest time limit a client may ask for: below it every slow query would cost a killed and respawned
#: worker, and a client sending ``timeout=0.000001`` in a loop would keep the pool restarting.
MIN_TIMEOUT = 0.5


def time_limit(asked: str | None, configured: float) -> float:
    """The configured limit, or the client's ``timeout`` (seconds) if lower, but never below ``MIN_TIMEOUT``.

    A value that is not a positive number is a 400.
    """
    if asked is None or asked.strip() == "":
        return configured
    try:
        value = float(asked)
    except ValueError:
        raise QueryFailed(400, "Bad Request", f"timeout={asked!r} is not a number of seconds.") from None
    if not value > 0:
        raise QueryFailed(400, "Bad Request", "timeout must be a positive number of seconds.")
    return min(max(value, MIN_TIMEOUT), configured)
