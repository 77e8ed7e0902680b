"""The query page: what ``sparql.html`` shows around a query and its results.

Results reach the page as SPARQL JSON (or N-Triples for graphs), the same
bytes an API client gets, and are turned here into table cells: IRIs of ours
link to their local pages, other http(s) IRIs link out, anything else (a
``javascript:`` IRI, say) is shown as text only.  Jinja autoescaping does the
rest, so a literal holding markup is displayed, never run.

A long answer is shown :data:`ROWS_PER_PAGE` rows at a time, and an IRI the
graph names is shown by its label, its compact name kept as the link's title.
A numeric value carries its number for ``sparql.js``, which sorts the page's
rows by a column a reader picks.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from ..core.conneg import formats_of
from ..core.iris import local_href
from ..core.prefixes import EDITOR_PREFIXES, declarations, shorten
from ..store.dataset import Dataset
from . import labels

#: Rows of an answer the query page shows at once.
ROWS_PER_PAGE = 100
#: Labels a label look-up gives back, by IRI: the reader's label of an IRI the graph names, else nothing.
Labeller = Callable[[str], str | None]

#: Datatypes whose values a sorted result column compares as numbers (a year too: 2014 before 2021).
NUMERIC = frozenset(f"xsd:{name}" for name in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte", "gYear"))

#: The vendored files each part of the editor needs (``scripts/vendor.sh``); completion needs the editor too.
VENDOR_PARTS = {"editor": ("codemirror.js", "codemirror.css", "codemirror-sparql.js"),
                "hints": ("codemirror-show-hint.js", "codemirror-show-hint.css")}

STARTER_BODY = "SELECT ?thing ?label WHERE {\n  ?thing rdfs:label ?label .\n} LIMIT 25\n"


def vendored(folder: Path) -> frozenset[str]:
    """The parts of the editor whose files are in ``folder``: a vendor folder from before completion keeps the
    editor without it, and one without CodeMirror leaves the plain form."""
    found = {part for part, names in VENDOR_PARTS.items() if all((folder / name).exists() for name in names)}
    return frozenset(found if "editor" in found else ())


def starter_query() -> str:
    return declarations(EDITOR_PREFIXES) + "\n\n" + STARTER_BODY


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    kind: str = ""  # "uri", "bnode", "literal" or "" for unbound
    note: str = ""  # language tag or datatype, shown beside the value
    title: str = ""  # the compact name of an IRI shown by its label

    @property
    def number(self) -> float | None:
        """The value as a number when its datatype is numeric, so a sorted column orders 9 before 10."""
        if self.kind != "literal" or self.note not in NUMERIC:
            return None
        try:
            found = float(self.text)
        except ValueError:
            return None
        return found if found == found and abs(found) != float("inf") else None


def cell_from_json(term: dict | None) -> Cell:
    if term is None:
        return Cell("")
    kind, value = term.get("type"), str(term.get("value", ""))
    if kind == "uri":
        outside = value if value.startswith(("http://", "https://")) else None
        return Cell(shorten(value), local_href(value) or outside, "uri")
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
    total: int = 0  # rows in the whole answer
    page: int = 1
    pages: int = 1
    first: int = 1  # the number of the first row shown


def page_number(raw: str | None) -> int:
    return max(1, int(raw)) if raw and raw.isdigit() and len(raw) < 7 else 1


def labeller(ds: Dataset, lang: str) -> Labeller:
    """A label look-up for result cells: the graph's label of an IRI in ``lang``, or ``None`` when it has none."""

    def look_up(iri: str) -> str | None:
        found = labels.label(ds, iri, lang)
        return found if found and found not in (iri, shorten(iri)) else None

    return look_up


def _labelled(cell: Cell, iri: str, label: Labeller | None) -> Cell:
    name = label(iri) if label is not None else None
    return replace(cell, text=name, title=cell.text) if name else cell


def table_from_terms(table: object, page: int = 1, label: Labeller | None = None) -> Table:
    """One page of the table of an answer's terms (a boolean, or variables and rows): no serialisation between."""
    if isinstance(table, bool):
        return Table([], [], table)
    columns, every = table
    every = list(every)
    pages = max(1, -(-len(every) // ROWS_PER_PAGE))
    page = min(max(page, 1), pages)
    shown = every[(page - 1) * ROWS_PER_PAGE: page * ROWS_PER_PAGE]
    rows = [
        [_labelled(cell_from_term(term), term.value, label) if isinstance(term, ox.NamedNode) else cell_from_term(term)
         for term in row]
        for row in shown
    ]
    return Table(list(columns), rows, None, len(every), page, pages, (page - 1) * ROWS_PER_PAGE + 1)


def downloads(endpoint: str, query: str, kind: str) -> list[tuple[str, str]]:
    """(label, URL) for the result in each format the query's form allows."""
    return [(f.label, endpoint + "?" + urlencode({"query": query, "format": f.name})) for f in formats_of(kind)]


def curl_line(endpoint: str, query: str, media_type: str) -> str:
    return (
        f"curl -H {shlex.quote('Accept: ' + media_type)} "
        f"--data-urlencode {shlex.quote('query=' + query)} {shlex.quote(endpoint)}"
    )
