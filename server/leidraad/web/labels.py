"""Human labels for any IRI, in the reader's language.

Our own resources and ontology terms carry labels in the graph (built once per
dataset into an index).  Terms of the vocabularies we reuse mostly do not, so
the common ones are labelled here; anything else shows as a compact name
(``dcterms:title``) rather than a bare IRI.
"""

from __future__ import annotations

from ..core.namespaces import BASE, ONTOLOGY_IRI
from ..core.prefixes import curie
from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .memo import built_on_load, per_dataset

#: Label properties, most preferred first.
LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://xmlns.com/foaf/0.1/name",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "https://schema.org/name",
    # things without a name of their own are known by what they say
    ONTOLOGY_IRI + "#functionTitle",
    ONTOLOGY_IRI + "#summary",
    ONTOLOGY_IRI + "#cellValue",
    "http://www.w3.org/ns/oa#exact",
)

#: Longest label shown; a longer one (a quote, a summary) is cut at a word.
MAX_LABEL = 90

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_FOAF = "http://xmlns.com/foaf/0.1/"
_ORG = "http://www.w3.org/ns/org#"
_OWL = "http://www.w3.org/2002/07/owl#"
_PROV = "http://www.w3.org/ns/prov#"
_OA = "http://www.w3.org/ns/oa#"

#: (nl, en) labels for the reused terms pages show most.
VOCABULARY: dict[str, tuple[str, str]] = {
    _RDF + "type": ("soort", "type"),
    _RDF + "subject": ("onderwerp", "subject"),
    _RDF + "predicate": ("relatie", "predicate"),
    _RDF + "object": ("object", "object"),
    _RDFS + "label": ("label", "label"),
    _RDFS + "comment": ("toelichting", "comment"),
    _RDFS + "subClassOf": ("subklasse van", "subclass of"),
    _RDFS + "subPropertyOf": ("subeigenschap van", "subproperty of"),
    _RDFS + "domain": ("domein", "domain"),
    _RDFS + "range": ("bereik", "range"),
    _RDFS + "Class": ("klasse", "class"),
    _SKOS + "prefLabel": ("voorkeursnaam", "preferred label"),
    _SKOS + "altLabel": ("andere naam", "alternative label"),
    _SKOS + "definition": ("definitie", "definition"),
    _SKOS + "broader": ("ruimer begrip", "broader"),
    _SKOS + "narrower": ("nauwer begrip", "narrower"),
    _SKOS + "related": ("verwant met", "related"),
    _SKOS + "inScheme": ("in schema", "in scheme"),
    _SKOS + "Concept": ("begrip (SKOS)", "concept (SKOS)"),
    _SKOS + "ConceptScheme": ("begrippenschema", "concept scheme"),
    _SKOS + "hasTopConcept": ("topbegrip", "top concept"),
    _DCT + "title": ("titel", "title"),
    _DCT + "creator": ("auteur", "creator"),
    _DCT + "publisher": ("uitgever", "publisher"),
    _DCT + "description": ("beschrijving", "description"),
    _DCT + "language": ("taal", "language"),
    _DCT + "isPartOf": ("deel van", "part of"),
    _DCT + "hasPart": ("heeft deel", "has part"),
    _DCT + "subject": ("onderwerp", "subject"),
    _DCT + "references": ("verwijst naar", "references"),
    _DCT + "bibliographicCitation": ("verwijzing zoals geschreven", "reference as written"),
    _DCT + "source": ("bron", "source"),
    _DCT + "date": ("datum", "date"),
    _DCT + "contributor": ("bijdrager", "contributor"),
    _DCT + "license": ("licentie", "license"),
    _DCT + "BibliographicResource": ("bibliografische bron", "bibliographic resource"),
    _FOAF + "name": ("naam", "name"),
    _FOAF + "Person": ("persoon", "person"),
    _FOAF + "Agent": ("actor", "agent"),
    _FOAF + "Group": ("groep", "group"),
    _ORG + "member": ("lid", "member"),
    _ORG + "organization": ("organisatie", "organisation"),
    _ORG + "role": ("rol", "role"),
    _ORG + "Membership": ("functie", "function"),
    _ORG + "Organization": ("organisatie", "organisation"),
    _ORG + "Role": ("rol (ORG)", "role (ORG)"),
    _ORG + "hasMembership": ("heeft functie", "has function"),
    _ORG + "memberOf": ("lid van", "member of"),
    _OWL + "Class": ("OWL-klasse", "OWL class"),
    _OWL + "ObjectProperty": ("objecteigenschap", "object property"),
    _OWL + "DatatypeProperty": ("gegevenseigenschap", "datatype property"),
    _OWL + "NamedIndividual": ("individu", "named individual"),
    _OWL + "Ontology": ("ontologie", "ontology"),
    _OWL + "inverseOf": ("omgekeerde van", "inverse of"),
    _OWL + "sameAs": ("hetzelfde als", "same as"),
    _PROV + "wasDerivedFrom": ("afgeleid van", "derived from"),
    _PROV + "wasAttributedTo": ("toegeschreven aan", "attributed to"),
    _PROV + "Entity": ("entiteit (PROV)", "entity (PROV)"),
    _OA + "exact": ("citaat", "exact quote"),
    _OA + "TextQuoteSelector": ("citaatselector", "text quote selector"),
    "https://schema.org/CreativeWork": ("creatief werk", "creative work"),
}


def _build_index(ds: Dataset) -> dict[str, list[tuple[int, str, str | None]]]:
    found: dict[str, list[tuple[int, str, str | None]]] = {}
    values = " ".join(f"<{p}>" for p in LABEL_PROPERTIES)
    for row in rows(ds, f"SELECT ?s ?p ?l WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?l FILTER(isLiteral(?l)) }}"):
        rank = LABEL_PROPERTIES.index(value(row["p"]))
        found.setdefault(value(row["s"]), []).append((rank, value(row["l"]), lang_of(row["l"])))
    for entries in found.values():
        entries.sort(key=lambda e: e[0])
    _name_assertions(ds, found)
    return found


#: Rank of a label made from parts (below every label the data states).
COMPOSED = len(LABEL_PROPERTIES)


def _name_assertions(ds: Dataset, found: dict[str, list[tuple[int, str, str | None]]]) -> None:
    """A relation assertion has no name of its own: it is called after what it says, "A requires B", per language."""
    query = ("SELECT ?a ?s ?p ?o WHERE { ?a a lei:RelationAssertion ; "
             "rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }")
    for row in rows(ds, query):
        iri = value(row["a"])
        if iri in found:
            continue
        parts = [value(row[k]) for k in ("s", "p", "o")]
        found[iri] = [(COMPOSED, " ".join(_plain_label(found, part, lang) for part in parts), lang)
                      for lang in ("nl", "en")]


def _stated(found: dict[str, list[tuple[int, str, str | None]]], iri: str, lang: str) -> str | None:
    """The best of the labels the data gives ``iri`` (the highest-ranked property, in the reader's language)."""
    entries = found.get(iri)
    if not entries:
        return None
    top = entries[0][0]
    return pick(((text, tag) for rank, text, tag in entries if rank == top), lang)


def _plain_label(found: dict[str, list[tuple[int, str, str | None]]], iri: str, lang: str) -> str:
    chosen = _stated(found, iri, lang)
    if chosen:
        return chosen
    pair = VOCABULARY.get(iri)
    return (pair[0] if lang == "nl" else pair[1]) if pair else compact(iri)


@built_on_load
def index(ds: Dataset) -> dict[str, list[tuple[int, str, str | None]]]:
    return per_dataset(ds, "labels", _build_index)


def compact(iri: str) -> str:
    """``http://purl.org/dc/terms/title`` → ``dcterms:title``; other IRIs of ours → their path under the base."""
    found = curie(iri)
    if found:
        return found
    if iri.startswith(BASE):
        return iri[len(BASE):]
    return iri


def label(ds: Dataset, iri: str, lang: str) -> str:
    """The best label of ``iri`` for a reader of ``lang``."""
    chosen = _stated(index(ds), iri, lang)
    if chosen:
        return _cut(chosen)
    pair = VOCABULARY.get(iri)
    if pair:
        return pair[0] if lang == "nl" else pair[1]
    return compact(iri)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_LABEL:
        return text
    return text[:MAX_LABEL].rsplit(" ", 1)[0] + "…"


def has_label(ds: Dataset, iri: str) -> bool:
    return iri in index(ds) or iri in VOCABULARY
