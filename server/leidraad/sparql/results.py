"""Query results, written in each format the endpoint offers.

SELECT and ASK results are written here rather than by pyoxigraph's
``QuerySolutions.serialize``: that method consumes the whole result, while the
endpoint must stop at the row cap and say so.  The writers follow the W3C
specifications (SPARQL 1.1 Query Results JSON, XML, CSV and TSV); TSV terms use
the N-Triples syntax pyoxigraph prints, which escapes tab, newline and
carriage return as the TSV format requires.  Graph results (CONSTRUCT,
DESCRIBE) go through pyoxigraph's serialisers, which accept any iterable and so
can be capped.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SPARQL_RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

Row = Sequence[object | None]

#: Format name -> pyoxigraph's RDF format, for graph results.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
#: Formats able to carry SELECT solutions, and ASK booleans.
SOLUTION_FORMATS = ("json", "xml", "csv", "tsv")
BOOLEAN_FORMATS = ("json", "xml", "csv", "tsv")


def _literal_parts(term: ox.Literal) -> tuple[str | None, str | None]:
    """(language, datatype) of a literal, with the implicit datatypes left out."""
    if term.language:
        return term.language, None
    datatype = term.datatype.value
    return None, None if datatype == XSD_STRING else datatype


def json_term(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found: dict[str, str] = {"type": "literal", "value": term.value}
        language, datatype = _literal_parts(term)
        if language:
            found["xml:lang"] = language
        if datatype:
            found["datatype"] = datatype
        return found
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": json_term(term.subject),
            "predicate": json_term(term.predicate),
            "object": json_term(term.object),
        }}
    raise TypeError(f"not an RDF term: {term!r}")


def select_json(variables: list[str], rows: Iterable[Row], link: str | None = None) -> bytes:
    bindings = [
        {name: json_term(value) for name, value in zip(variables, row, strict=True) if value is not None}
        for row in rows
    ]
    head: dict[str, object] = {"vars": variables}
    if link:
        head["link"] = [link]
    return json.dumps({"head": head, "results": {"bindings": bindings}}, ensure_ascii=False).encode()


def boolean_json(value: bool) -> bytes:
    return json.dumps({"head": {}, "boolean": value}).encode()


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        language, datatype = _literal_parts(term)
        attributes = f" xml:lang={quoteattr(language)}" if language else ""
        attributes += f" datatype={quoteattr(datatype)}" if datatype else ""
        return f"<literal{attributes}>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        parts = zip(("subject", "predicate", "object"), (term.subject, term.predicate, term.object), strict=True)
        return "<triple>" + "".join(f"<{n}>{_xml_term(t)}</{n}>" for n, t in parts) + "</triple>"
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_document(head: str, body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{SPARQL_RESULTS_NS}">\n'
        f"<head>{head}</head>\n{body}\n</sparql>\n"
    ).encode()


def select_xml(variables: list[str], rows: Iterable[Row], link: str | None = None) -> bytes:
    head = "".join(f"<variable name={quoteattr(name)}/>" for name in variables)
    if link:
        head += f"<link href={quoteattr(link)}/>"
    results = []
    for row in rows:
        bindings = "".join(
            f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>"
            for name, value in zip(variables, row, strict=True)
            if value is not None
        )
        results.append(f"<result>{bindings}</result>")
    return _xml_document(head, "<results>\n" + "\n".join(results) + "\n</results>")


def boolean_xml(value: bool) -> bytes:
    return _xml_document("", f"<boolean>{'true' if value else 'false'}</boolean>")


def _csv_value(term: object | None) -> str:
    """CSV keeps only a term's plain value (spec §2): IRIs bare, literals' lexical form, ``_:`` bnodes."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def select_csv(variables: list[str], rows: Iterable[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return out.getvalue().encode()


def select_tsv(variables: list[str], rows: Iterable[Row]) -> bytes:
    """TSV (spec §3): ``?var`` headers, every term in N-Triples syntax, tab/newline escaped."""
    lines = ["\t".join("?" + name for name in variables)]
    lines.extend("\t".join("" if value is None else str(value) for value in row) for row in rows)
    return ("\n".join(lines) + "\n").encode()


_SOLUTION_WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}
def boolean_csv(value: bool) -> bytes:
    """The spec defines no CSV for ASK; this is the common convention (Jena's): one column, one row."""
    return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()


def boolean_tsv(value: bool) -> bytes:
    return f"?_askResult\n{'true' if value else 'false'}\n".encode()


_BOOLEAN_WRITERS = {"json": boolean_json, "xml": boolean_xml, "csv": boolean_csv, "tsv": boolean_tsv}


def write_solutions(format_name: str, variables: list[str], rows: list[Row], link: str | None = None) -> bytes:
    """The solutions in ``format_name``; ``link`` (JSON and XML ``head``, e.g. a note that the result was cut)."""
    if format_name in ("json", "xml"):
        return _SOLUTION_WRITERS[format_name](variables, rows, link)
    return _SOLUTION_WRITERS[format_name](variables, rows)


def write_boolean(format_name: str, value: bool) -> bytes:
    return _BOOLEAN_WRITERS[format_name](value)


def write_graph(format_name: str, triples: Iterable[ox.Triple], prefixes: dict[str, str] | None = None) -> bytes:
    rdf_format = RDF_FORMATS[format_name]
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=rdf_format, prefixes=prefixes or {})
    return ox.serialize(triples, format=rdf_format)
