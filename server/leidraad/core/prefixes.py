"""The standard prefixes, and the one rule for writing an IRI as a compact name (CURIE).

The same table is predefined for every query, wherever it comes from (the
``/sparql`` endpoint, ``leidraad query``, the pages' own look-ups), written
into every dump and shown on the query page; a query's own ``PREFIX`` lines
override it.  Keeping the table and the CURIE rule here keeps them from
drifting apart between the endpoint, the CLI, the pages and the dumps.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

from .namespaces import CITO, FABIO, ID, LEI, OA, PRISM, SCHEMA, SPDX, THING_KINDS, VANN

PREFIXES: dict[str, str] = {
    "lei": str(LEI),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "prov": str(PROV),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "dcat": str(DCAT),
    "void": str(VOID),
    "cito": str(CITO),
    "fabio": str(FABIO),
    "prism": str(PRISM),
    "vann": str(VANN),
    "spdx": str(SPDX),
    **{kind: str(ID[kind + "/"]) for kind in THING_KINDS},
}

#: The prefixes written above the query a visitor starts from on the query page.
EDITOR_PREFIXES = ("lei", "rdf", "rdfs", "skos", "dcterms", "foaf", "org", "prov", "oa")

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


@lru_cache(maxsize=65_536)
def curie(iri: str) -> str | None:
    """``http://purl.org/dc/terms/title`` → ``dcterms:title``; None when no prefix covers ``iri``.

    The longest namespace wins; a namespace alone, or one followed by ``//``,
    is not abbreviated.
    """
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return None


def shorten(iri: str) -> str:
    """The CURIE of ``iri`` if a prefix covers it, else the IRI itself."""
    return curie(iri) or iri


def declarations(names: tuple[str, ...] | None = None) -> str:
    """``PREFIX name: <ns>`` lines for ``names`` (default: all), for a query's prologue."""
    chosen = names if names is not None else tuple(PREFIXES)
    return "\n".join(f"PREFIX {name}: <{PREFIXES[name]}>" for name in chosen if name in PREFIXES)
