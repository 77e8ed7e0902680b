"""The kinds of things a reader can browse, their index pages and the home page's figures.

Each kind is a class of the graph (members found through asserted or inferred
types, so an ``lei:Municipality`` is listed among organisations).  Index pages
are sorted by label, paged, and filterable by the text a thing is drawn from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.namespaces import FABIO, FOAF, LEI, ORG
from ..store.dataset import Dataset
from ..store.lookup import rows, value
from .memo import built_on_load, per_dataset
from .resource import Value, term_value
from .search import fold


@dataclass(frozen=True)
class Kind:
    slug: str
    type_iri: str
    nl: str
    en: str

    def title(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


KINDS: tuple[Kind, ...] = (
    Kind("texts", str(LEI.SourceText), "Teksten", "Texts"),
    Kind("persons", str(FOAF.Person), "Personen", "Persons"),
    Kind("groups", str(LEI.AuthorGroup), "Auteursgroepen", "Author groups"),
    Kind("organisations", str(ORG.Organization), "Organisaties", "Organisations"),
    Kind("roles", str(LEI.Role), "Rollen", "Roles"),
    Kind("traits", str(LEI.Trait), "Eigenschappen", "Traits"),
    Kind("competences", str(LEI.Competence), "Competenties", "Competences"),
    Kind("styles", str(LEI.LeadershipStyle), "Leiderschapsstijlen", "Leadership styles"),
    Kind("organisation-models", str(LEI.OrganisationModel), "Organisatiemodellen", "Organisation models"),
    Kind("public-values", str(LEI.PublicValue), "Publieke waarden", "Public values"),
    Kind("challenges", str(LEI.Challenge), "Opgaven en trends", "Challenges and trends"),
    Kind("ideas", str(LEI.Idea), "Ideeën", "Ideas"),
    Kind("imperatives", str(LEI.Imperative), "Opdrachten", "Imperatives"),
    Kind("events", str(LEI.Event), "Gebeurtenissen", "Events"),
    Kind("programmes", str(LEI.Programme), "Programma's", "Programmes"),
    Kind("codes", str(LEI.Code), "Codes en regelingen", "Codes and rules"),
    Kind("unit-kinds", str(LEI.UnitKind), "Soorten organisatieonderdelen", "Kinds of organisational unit"),
    Kind("frameworks", str(LEI.Framework), "Kaders", "Frameworks"),
    Kind("positions", str(LEI.Position), "Standpunten", "Positions"),
    Kind("claims", str(LEI.Claim), "Beweringen en redenen", "Claims and reasons"),
    Kind("works", str(FABIO.Expression), "Geciteerde werken", "Cited works"),
)
BY_SLUG = {k.slug: k for k in KINDS}

_MEMBERS = "SELECT DISTINCT ?x WHERE { ?x a ?class FILTER(isIRI(?x)) }"
#: Members drawn from a text *or any of its parts* (a bundle's responses, a study's chapters and contributions):
#: evidence in it, stated in it, its authors, its parts, itself.  Every branch binds ?t before the path is followed.
_FROM_TEXT = """
SELECT DISTINCT ?x WHERE {
  ?x a ?class .
  { ?x lei:evidence/lei:inText ?t } UNION { ?x lei:statedIn ?t } UNION { ?t dcterms:creator ?x }
  UNION { ?x dcterms:isPartOf ?t } UNION { ?x a ?class BIND(?x AS ?t) }
  ?t dcterms:isPartOf* ?text .
}
"""
_COUNTS = "SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class"
_TOP_TEXTS = """
SELECT ?text ?year WHERE {
  ?text a lei:SourceText ; lei:seedFile ?seed .
  OPTIONAL { ?text lei:year ?year }
}
"""
_CREATORS = "SELECT ?text ?creator WHERE { ?text a lei:SourceText ; dcterms:creator ?creator }"


def members(ds: Dataset, kind: Kind, lang: str, text: str | None = None) -> list[Value]:
    """The kind's members, sorted by label (diacritics and case ignored), optionally drawn from ``text``."""
    if text:
        found = rows(ds, _FROM_TEXT, **{"class": kind.type_iri, "text": text})
    else:
        found = rows(ds, _MEMBERS, **{"class": kind.type_iri})
    values = [term_value(ds, r["x"], lang) for r in found]
    return sorted(values, key=lambda v: (fold(v.text), v.iri or ""))


@built_on_load
def counts(ds: Dataset) -> dict[str, int]:
    """How many members each kind has (computed once per dataset)."""

    def build(d: Dataset) -> dict[str, int]:
        by_class = {value(r["class"]): int(value(r["n"])) for r in rows(d, _COUNTS)}
        return {k.slug: by_class.get(k.type_iri, 0) for k in KINDS}

    return per_dataset(ds, "kind-counts", build)


@dataclass
class TextSummary:
    text: Value
    year: str
    creators: list[Value]


def top_texts(ds: Dataset, lang: str) -> list[TextSummary]:
    """The source texts of the corpus (those with a seed file, not their parts), by year, with their authors."""
    creators: dict[str, list[Value]] = {}
    for r in rows(ds, _CREATORS):
        creators.setdefault(value(r["text"]), []).append(term_value(ds, r["creator"], lang))
    found = [
        TextSummary(term_value(ds, r["text"], lang), value(r.get("year")), creators.get(value(r["text"]), []))
        for r in rows(ds, _TOP_TEXTS)
    ]
    return sorted(found, key=lambda t: (t.year or "9999", t.text.text))


def text_choices(ds: Dataset, lang: str) -> list[Value]:
    """Every source text, for the "filter by text" menu."""
    return members(ds, BY_SLUG["texts"], lang)
