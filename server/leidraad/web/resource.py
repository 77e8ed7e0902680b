"""A resource as a plain view model: what its page shows, before any HTML.

Following pyLODE's approach, the graph is first normalised into simple
dataclasses -- labels in the reader's language with fallback, types, outgoing
and incoming links grouped by property with human labels, asserted values told
apart from inferred ones (by named graph), and the evidence -- and only then
rendered.  Templates therefore never touch RDF, and every page kind shares
this one description.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph as ox

from ..core.iris import local_href
from ..core.namespaces import BASE, GRAPH_INFERRED, LEI, RDF
from ..store.dataset import Dataset
from ..store.lookup import Term, lang_of, rows, value
from . import labels
from .language import pick

#: Values shown per property group before the group is paged.
GROUP_SIZE = 20

_INFERRED = str(GRAPH_INFERRED)
#: Shown elsewhere on the page (types in the header, evidence as quotes, the descriptive-title flag beside the title).
_SKIP_OUTGOING = {str(RDF.type), str(LEI.evidence), str(LEI.titleIsDescriptive)}
_DEFINITIONS = ("http://www.w3.org/2004/02/skos/core#definition", "http://purl.org/dc/terms/description")


@dataclass
class Value:
    """One value shown on a page: a link to a resource or a literal."""

    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None
    inferred: bool = False


@dataclass
class Group:
    """The values of one property, in one direction, possibly one page of them."""

    key: str
    property: Value
    values: list[Value]
    total: int
    page: int = 1
    pages: int = 1


@dataclass
class Section:
    """A part of a page particular to a kind of resource: a template and the plain data it draws."""

    template: str
    data: dict


@dataclass
class Evidence:
    quote: str
    text: Value | None
    line_start: int | None
    line_end: int | None
    translation: str | None = None
    iri: str | None = None


@dataclass
class Resource:
    iri: str
    href: str
    label: str
    labels: list[tuple[str, str | None]]
    definition: str | None
    types: list[Value]
    outgoing: list[Group]
    incoming: list[Group]
    evidence: list[Evidence]
    type_iris: set[str] = field(default_factory=set)
    #: The text names no title of its own; Leidraad gave it a descriptive one (said beside the title).
    descriptive_title: bool = False

    @property
    def has_inferred(self) -> bool:
        return any(v.inferred for g in self.outgoing + self.incoming for v in g.values) or any(
            t.inferred for t in self.types
        )


def term_value(ds: Dataset, term: Term, lang: str, inferred: bool = False) -> Value:
    """A graph term as a :class:`Value`: IRIs get a label and a local link."""
    if isinstance(term, ox.NamedNode):
        href = local_href(term.value) or None
        return Value(labels.label(ds, term.value, lang), href, term.value, inferred=inferred)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else None
        return Value(term.value, lang=term.language, datatype=datatype, inferred=inferred)
    return Value(str(term), inferred=inferred)


def iri_value(ds: Dataset, iri: str, lang: str) -> Value:
    return term_value(ds, ox.NamedNode(iri), lang)


_OUT = "SELECT ?p ?o ?g WHERE { GRAPH ?g { ?this ?p ?o } }"
_IN = "SELECT ?p ?o ?g WHERE { GRAPH ?g { ?o ?p ?this } }"


def _values_by_property(ds: Dataset, query: str, iri: str) -> dict[str, dict[Term, bool]]:
    """``{property: {value: inferred?}}``; a value asserted anywhere counts as asserted."""
    found: dict[str, dict[Term, bool]] = {}
    for row in rows(ds, query, this=iri):
        inferred = value(row["g"]) == _INFERRED
        per = found.setdefault(value(row["p"]), {})
        per[row["o"]] = per.get(row["o"], True) and inferred
    return found


def _sort_key(v: Value) -> tuple[int, str, str]:
    """Asserted before inferred, then by label, then by IRI: the same order from any store."""
    return (1 if v.inferred else 0, v.text.casefold(), v.iri or v.text)


def _groups(
    ds: Dataset, found: dict[str, dict[Term, bool]], lang: str, direction: str, paging: dict[str, int]
) -> list[Group]:
    groups: list[Group] = []
    for prop, terms in found.items():
        values = sorted((term_value(ds, t, lang, inf) for t, inf in terms.items()), key=_sort_key)
        # literals in several languages: the reader's first
        values.sort(key=lambda v: 0 if v.lang in (None, lang) else 1)
        key = f"{direction}:{labels.compact(prop)}"
        pages = max(1, -(-len(values) // GROUP_SIZE))
        page = min(max(1, paging.get(key, 1)), pages)
        shown = values[(page - 1) * GROUP_SIZE: page * GROUP_SIZE]
        groups.append(Group(key, iri_value(ds, prop, lang), shown, len(values), page, pages))
    return sorted(groups, key=lambda g: g.property.text.casefold())


_EVIDENCE = """
SELECT ?e ?quote ?text ?start ?end ?translation WHERE {
  ?this lei:evidence ?e . ?e oa:exact ?quote .
  OPTIONAL { ?e lei:inText ?text }
  OPTIONAL { ?e lei:lineStart ?start }
  OPTIONAL { ?e lei:lineEnd ?end }
  OPTIONAL { ?e lei:quoteTranslation ?translation }
}
"""


def _int(term: Term | None) -> int | None:
    try:
        return int(value(term)) if term is not None else None
    except ValueError:
        return None


def evidence(ds: Dataset, iri: str, lang: str) -> list[Evidence]:
    """Every quote backing ``iri``, ordered by text and line."""
    seen: dict[str, Evidence] = {}
    for row in rows(ds, _EVIDENCE, this=iri):
        e = value(row["e"])
        if e in seen:
            continue
        seen[e] = Evidence(
            quote=value(row["quote"]),
            text=term_value(ds, row["text"], lang) if "text" in row else None,
            line_start=_int(row.get("start")),
            line_end=_int(row.get("end")),
            translation=value(row["translation"]) if "translation" in row else None,
            iri=e,
        )
    return sorted(seen.values(), key=lambda ev: ((ev.text.text if ev.text else ""), ev.line_start or 0))


def resource_view(ds: Dataset, iri: str, lang: str, paging: dict[str, int] | None = None) -> Resource:
    """The whole view model of one resource's page."""
    paging = paging or {}
    out = _values_by_property(ds, _OUT, iri)
    incoming = _values_by_property(ds, _IN, iri)
    types = out.get(str(RDF.type), {})
    type_values = sorted(
        (term_value(ds, t, lang, inf) for t, inf in types.items() if isinstance(t, ox.NamedNode)), key=_sort_key
    )
    label_entries = labels.index(ds).get(iri, [])
    definitions = [(value(t), lang_of(t)) for p in _DEFINITIONS for t in out.get(p, {})]
    return Resource(
        iri=iri,
        href=local_href(iri),
        label=labels.label(ds, iri, lang),
        labels=sorted({(text, tag) for _rank, text, tag in label_entries}, key=lambda pair: (pair[1] or "", pair[0])),
        definition=pick(definitions, lang),
        types=type_values,
        outgoing=_groups(ds, {p: v for p, v in out.items() if p not in _SKIP_OUTGOING}, lang, "out", paging),
        incoming=_groups(ds, incoming, lang, "in", paging),
        evidence=evidence(ds, iri, lang),
        type_iris={t.iri for t in type_values if t.iri},
        descriptive_title=any(value(t) == "true" for t in out.get(str(LEI.titleIsDescriptive), {})),
    )


def query_link(iri: str) -> str:
    """A link opening the SPARQL page with a query about ``iri``."""
    text = (
        "SELECT ?property ?value ?graph WHERE {\n"
        f"  GRAPH ?graph {{ <{iri}> ?property ?value }}\n"
        "}\nORDER BY ?property"
    )
    return "/sparql?query=" + quote(text, safe="")


def is_nested(iri: str) -> bool:
    """Evidence, cells and list nodes exist to qualify a parent; they are not browsed for themselves."""
    return iri.startswith((BASE + "id/evidence/", BASE + "id/cell/", BASE + "id/node/"))
