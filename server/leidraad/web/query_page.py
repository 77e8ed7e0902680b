"""The query page: what ``sparql.html`` shows around a query and its results.

Results reach the page as SPARQL JSON (or N-Triples for graphs), the same
bytes an API client gets, and are turned here into table cells: IRIs of ours
link to their local pages, other http(s) IRIs link out, anything else (a
``javascript:`` IRI, say) is shown as text only.  Jinja autoescaping does the
rest, so a literal holding markup is displayed, never run.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox

from ..core.conneg import formats_of
from ..core.iris import local_href
from ..core.prefixes import EDITOR_PREFIXES, declarations, shorten

STARTER_BODY = "SELECT ?thing ?label WHERE {\n  ?thing rdfs:label ?label .\n} LIMIT 25\n"


def starter_query() -> str:
    return declarations(EDITOR_PREFIXES) + "\n\n" + STARTER_BODY


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    kind: str = ""  # "uri", "bnode", "literal" or "" for unbound
    note: str = ""  # language tag or datatype, shown beside the value


def cell_from_json(term: dict | None) -> Cell:
    if term is None:
        return Cell("")
    kind, value = term.get("type"), str(term.get("value", ""))
    if kind == "uri":
        return Cell(shorten(value), local_href(value) or None, "uri")
    if kind == "bnode":
        return Cell("_:" + value, None, "bnode")
    if kind in ("literal", "typed-literal"):
        note = term.get("xml:lang") and "@" + term["xml:lang"] or term.get("datatype") and shorten(term["datatype"])
        return Cell(value, None, "literal", note or "")
    return Cell(json.dumps(term.get("value")), None, str(kind))


def cell_from_term(term: object) -> Cell:
    if isinstance(term, ox.NamedNode):
        return cell_from_json({"type": "uri", "value": term.value})
    if isinstance(term, ox.BlankNode):
        return cell_from_json({"type": "bnode", "value": term.value})
    if isinstance(term, ox.Literal):
        found = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            found["datatype"] = term.datatype.value
        return cell_from_json(found)
    return Cell(str(term))


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[Cell]]
    boolean: bool | None = None


def table_from_terms(table: object) -> Table:
    """The page's table from an answer's terms (a boolean, or variables and rows): no serialisation between."""
    if isinstance(table, bool):
        return Table([], [], table)
    columns, rows = table
    return Table(list(columns), [[cell_from_term(term) for term in row] for row in rows])


def downloads(endpoint: str, query: str, kind: str) -> list[tuple[str, str]]:
    """(label, URL) for the result in each format the query's form allows."""
    return [(f.label, endpoint + "?" + urlencode({"query": query, "format": f.name})) for f in formats_of(kind)]


def curl_line(endpoint: str, query: str, media_type: str) -> str:
    return (
        f"curl -H {shlex.quote('Accept: ' + media_type)} "
        f"--data-urlencode {shlex.quote('query=' + query)} {shlex.quote(endpoint)}"
    )
