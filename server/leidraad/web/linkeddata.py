"""Linked-data plumbing: which representation of a document, its triples, and HTTP caching.

Where an IRI is served is :mod:`leidraad.core.iris`'s business; this module
decides what a request for a document gets.

Every negotiated response gets the same headers here -- ``Vary: Accept``,
``Link: rel="alternate"`` per format, ``ETag`` (dataset etag + variant),
``Last-Modified`` -- and conditional requests are answered with 304.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pyoxigraph as ox
from flask import Request, Response

from ..core import conneg
from ..core.namespaces import BASE
from ..core.prefixes import PREFIXES
from ..pipeline.dumps import compact_jsonld
from ..store.dataset import Dataset, page_graph_arguments
from ..store.lookup import bind

#: The formats a document is offered in, HTML first: browsers (and ``*/*``) get a page.
HTML = conneg.BY_NAME["html"]
RDF_FORMATS = conneg.formats_of("rdf")
OFFERED = (HTML, *RDF_FORMATS)

_OX_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

# -----------------------------------------------------------------------------
# Choosing a representation
# -----------------------------------------------------------------------------


def split_suffix(path: str) -> tuple[str, conneg.Format | None]:
    """``person/x.ttl`` → (``person/x``, Turtle); a path without an RDF suffix is returned whole."""
    for fmt in RDF_FORMATS:
        if path.endswith(fmt.suffix):
            return path[: -len(fmt.suffix)], fmt
    return path, None


def format_named(name: str | None) -> conneg.Format | None:
    """``?format=`` by name (``turtle``), suffix (``ttl``) or media type (``text/turtle``)."""
    return conneg.named(name, ("rdf", "html")) if name else None


@dataclass(frozen=True)
class Choice:
    """The representation chosen for a request, and whether the URL fixed it (so no ``Vary`` needed)."""

    format: conneg.Format | None
    negotiated: bool


def choose(request: Request, suffix_format: conneg.Format | None = None) -> Choice:
    """Suffix, then ``?format=``, then ``Accept``; ``format is None`` means 406."""
    if suffix_format is not None:
        return Choice(suffix_format, False)
    if "format" in request.args:
        return Choice(format_named(request.args.get("format")), False)
    found = conneg.negotiate(request.headers.get("Accept"), OFFERED)
    return Choice(found[0] if found else None, True)


# -----------------------------------------------------------------------------
# RDF documents
# -----------------------------------------------------------------------------

_DESCRIBE = """
CONSTRUCT { ?s ?p ?o . ?n ?np ?no . }
WHERE {
  { BIND(?this AS ?s) ?s ?p ?o . }
  UNION
  { ?this ?link ?n . ?n ?np ?no .
    FILTER(STRSTARTS(STR(?n), STR(?nested_evidence)) || STRSTARTS(STR(?n), STR(?nested_cell))) }
  UNION  # the parts an annotation names within its own IRI: <a#target>, and that target's <a#quote> selectors
  { ?this ?l1 ?n . FILTER(isIRI(?n) && STRSTARTS(STR(?n), CONCAT(STR(?this), "#"))) ?n ?np ?no . }
  UNION
  { ?this ?l1 ?m . FILTER(isIRI(?m) && STRSTARTS(STR(?m), CONCAT(STR(?this), "#")))
    ?m ?l2 ?n . FILTER(isIRI(?n) && STRSTARTS(STR(?n), CONCAT(STR(?this), "#"))) ?n ?np ?no . }
}
"""


def resource_triples(ds: Dataset, iri: str) -> list[ox.Triple]:
    """What a document about ``iri`` says: its own triples (asserted and inferred) and its nested nodes.

    Evidence and table cells have IRIs of their own but exist only to qualify
    their parent, so the parent's document carries them too (a bounded
    description in the manner of a CBD over skolemised blank nodes).
    """
    query = bind(_DESCRIBE, {
        "this": ox.NamedNode(iri),
        "nested_evidence": ox.Literal(BASE + "id/evidence/"),
        "nested_cell": ox.Literal(BASE + "id/cell/"),
    })
    result = ds.store.query(query, **page_graph_arguments(ds.store))
    return sorted(set(result), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def graph_triples(ds: Dataset, iri: str) -> list[ox.Triple]:
    """Every triple of one named graph, for ``/graph/...`` and the ontology document."""
    return [q.triple for q in ds.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))]


def serialise(triples: list[ox.Triple], fmt: conneg.Format, profile: str | None = None) -> bytes:
    """``triples`` in ``fmt``; JSON-LD expanded (Oxigraph's form, also flat), or compacted with our prefixes."""
    if fmt.name == "jsonld" and profile == "compacted":
        return compact_jsonld(ox.serialize(triples, format=_OX_FORMATS["jsonld"]))
    if fmt.name == "ntriples":
        return ox.serialize(triples, format=_OX_FORMATS[fmt.name])
    return ox.serialize(triples, format=_OX_FORMATS[fmt.name], prefixes=PREFIXES)


# -----------------------------------------------------------------------------
# Headers
# -----------------------------------------------------------------------------


def media_type(fmt: conneg.Format, profile: str | None) -> str:
    """The Content-Type of a representation: JSON-LD names the profile it follows."""
    if fmt.name == "jsonld" and profile:
        return f'{fmt.media_type}; profile="{conneg.JSONLD_NS}{profile}"'
    return fmt.media_type


def alternates(doc_path: str) -> str:
    """The ``Link`` header value naming every representation of a document."""
    links = [f'<{doc_path}>; rel="alternate"; type="{HTML.media_type}"']
    links += [f'<{doc_path}{fmt.suffix}>; rel="alternate"; type="{fmt.media_type}"' for fmt in RDF_FORMATS]
    return ", ".join(links)


def _http_date(iso: str) -> datetime | None:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None


def finish(
    response: Response,
    request: Request,
    ds: Dataset,
    *,
    variant: str,
    doc_path: str | None,
    negotiated: bool = True,
) -> Response:
    """Add the linked-data headers and turn the response into a 304 when the client is up to date."""
    if negotiated:
        response.vary.add("Accept")
    if variant.startswith("html"):
        # the page's language may come from the header or from the switch's cookie
        response.vary.update(("Accept-Language", "Cookie"))
    if doc_path is not None and not variant.startswith("jsonld"):
        # JSON-LD loaders take the Link header as a JSON-LD link: pyld (3.x) fails on more than one
        # rel="alternate", so a JSON-LD response names none; every other representation names them all
        response.headers["Link"] = alternates(doc_path)
    response.set_etag(f"{ds.etag}-{variant}")
    modified = _http_date(ds.modified)
    if modified is not None:
        response.last_modified = modified
    response.headers.setdefault("Cache-Control", "public, max-age=300")
    return response.make_conditional(request)
