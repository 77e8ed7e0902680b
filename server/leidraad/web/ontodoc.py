"""Ontology documentation at the ontology IRI, in the manner of pyLODE.

Classes, properties and named individuals of our namespace, each with its
labels, definition, domain, range, super- and sub-terms and how often the data
uses it.  Terms carry ``id`` anchors named after their local name, so the
term IRI ``<base>def#Term`` resolves to ``/def#Term`` on this page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..core.namespaces import GRAPH_ONTOLOGY, ONTOLOGY_IRI
from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .resource import Value, term_value

NS = ONTOLOGY_IRI + "#"

_TERMS = """
SELECT ?term ?type ?p ?o WHERE {
  GRAPH ?onto { ?term a ?type . ?term ?p ?o . }
  FILTER(STRSTARTS(STR(?term), ?ns))
  VALUES ?type { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:NamedIndividual }
  VALUES ?p { rdfs:label skos:definition rdfs:subClassOf rdfs:subPropertyOf rdfs:domain rdfs:range owl:inverseOf
              rdf:type }
}
"""
_CLASS_USAGE = "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c FILTER(STRSTARTS(STR(?c), ?ns)) } GROUP BY ?c"
_PROPERTY_USAGE = """
SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != ?onto && STRSTARTS(STR(?p), ?ns)) } GROUP BY ?p
"""
_METADATA = "SELECT ?p ?o WHERE { GRAPH ?onto { ?ontology ?p ?o } }"

#: Relations between terms → the interface string naming them on the page.
RELATION_KEYS = {"subClassOf": "onto.super", "subPropertyOf": "onto.super", "domain": "onto.domain",
                 "range": "onto.range", "inverseOf": "onto.inverse", "type": "res.type"}

KINDS = {"Class": "classes", "ObjectProperty": "properties", "DatatypeProperty": "properties",
         "NamedIndividual": "individuals"}


@dataclass
class Term:
    iri: str
    name: str
    label: str
    definition: str | None
    kinds: list[str] = field(default_factory=list)
    relations: dict[str, list[Value]] = field(default_factory=dict)
    sub: list[Value] = field(default_factory=list)
    usage: int = 0


@dataclass
class OntologyDoc:
    metadata: list[tuple[Value, list[Value]]]
    classes: list[Term]
    properties: list[Term]
    individuals: list[Term]


def document(ds: Dataset, lang: str) -> OntologyDoc:
    """The ontology as pyLODE shows it: metadata, then classes, properties and individuals."""
    terms = _terms(ds, lang)

    def of(kind: str) -> list[Term]:
        return sorted((t for t in terms.values() if any(KINDS.get(k) == kind for k in t.kinds)),
                      key=lambda t: t.label.casefold())

    individuals = [t for t in of("individuals") if "Class" not in t.kinds]
    classes = of("classes")
    properties = [t for t in of("properties") if t not in classes]
    return OntologyDoc(_metadata(ds, lang), classes, properties, individuals)


def _terms(ds: Dataset, lang: str) -> dict[str, Term]:
    """Every term of the ontology with its labels, relations, subterms and usage in the data."""
    terms: dict[str, Term] = {}
    texts: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    relations: dict[str, dict[str, dict[str, Value]]] = {}
    for row in rows(ds, _TERMS, onto=str(GRAPH_ONTOLOGY), ns=ox.Literal(NS)):
        iri = value(row["term"])
        term = terms.setdefault(iri, Term(iri, iri[len(NS):], "", None))
        kind = value(row["type"]).rsplit("#", 1)[-1]
        if kind not in term.kinds:
            term.kinds.append(kind)
        prop = value(row["p"]).rsplit("#", 1)[-1]
        if prop in ("label", "definition"):
            texts.setdefault((iri, prop), []).append((value(row["o"]), lang_of(row["o"])))
        elif prop != "type" and isinstance(row["o"], ox.NamedNode):
            relations.setdefault(iri, {}).setdefault(prop, {})[value(row["o"])] = term_value(ds, row["o"], lang)
        elif prop == "type" and value(row["o"]).startswith(NS):
            relations.setdefault(iri, {}).setdefault("type", {})[value(row["o"])] = term_value(ds, row["o"], lang)
    usage = {value(r["c"]): int(value(r["n"])) for r in rows(ds, _CLASS_USAGE, ns=ox.Literal(NS))}
    usage.update({value(r["p"]): int(value(r["n"]))
                  for r in rows(ds, _PROPERTY_USAGE, ns=ox.Literal(NS), onto=str(GRAPH_ONTOLOGY))})
    for iri, term in terms.items():
        term.label = pick(texts.get((iri, "label"), []), lang) or term.name
        term.definition = pick(texts.get((iri, "definition"), []), lang)
        for key, found in relations.get(iri, {}).items():
            term.relations.setdefault(RELATION_KEYS.get(key, key), []).extend(found.values())
        term.usage = usage.get(iri, 0)
    for iri, term in terms.items():
        for parent in term.relations.get("onto.super", []):
            if parent.iri in terms:
                terms[parent.iri].sub.append(Value(term.label, f"#{term.name}", iri))
    for term in terms.values():
        term.sub.sort(key=lambda v: v.text)
    return terms


def _metadata(ds: Dataset, lang: str) -> list[tuple[Value, list[Value]]]:
    """The ontology header's statements, literals in the reader's language where there are some."""
    metadata: dict[str, tuple[Value, list[Value]]] = {}
    for row in rows(ds, _METADATA, onto=str(GRAPH_ONTOLOGY), ontology=ONTOLOGY_IRI):
        prop = value(row["p"])
        entry = metadata.setdefault(prop, (term_value(ds, row["p"], lang), []))
        entry[1].append(term_value(ds, row["o"], lang))
    shown = []
    for prop_value, values in metadata.values():
        mine = [v for v in values if v.lang == lang]
        shown.append((prop_value, mine if mine else values))
    return sorted(shown, key=lambda e: e[0].text)
