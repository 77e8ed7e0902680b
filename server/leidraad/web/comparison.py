"""Comparison across texts: a concept that two or more texts take up, side by side, one column per text.

As ORKG compares papers, a concept's comparison puts the texts next to each other: per text, how the concept is
used (its quotes there, with their lines), who takes which stance on it, the frameworks it appears in, and the
claims that have it as their topic (``lei:topic``).  A text counts with its parts (a bundle's responses, a
study's contributions).  Texts appear in order of year.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.namespaces import BASE
from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .memo import built_on_load, per_dataset
from .positions import PositionRow, positions
from .resource import Value, iri_value
from .search import fold

CONCEPT_BASE = BASE + "id/concept/"

#: Every (concept, whole text) where the text or one of its parts takes the concept up.
_APPEARS = """
SELECT DISTINCT ?c ?top WHERE {
  ?c a lei:Concept .
  { ?c lei:evidence/lei:inText ?t } UNION { ?p lei:about ?c ; lei:statedIn ?t } UNION { ?t lei:discusses ?c }
  UNION { ?claim lei:topic ?c ; lei:statedIn ?t } UNION { ?i lei:denotes ?c ; lei:inFramework/lei:statedIn ?t }
  ?t dcterms:isPartOf* ?top . ?top lei:seedFile ?seed .
}
"""
_TOPS = """
SELECT ?t ?top ?year WHERE { ?t dcterms:isPartOf* ?top . ?top lei:seedFile ?s OPTIONAL { ?top lei:year ?year } }
"""
_QUOTES = """
SELECT ?e ?quote ?t ?start ?end WHERE {
  ?this lei:evidence ?e . ?e oa:exact ?quote ; lei:inText ?t .
  OPTIONAL { ?e lei:lineStart ?start } OPTIONAL { ?e lei:lineEnd ?end }
}
"""
_FRAMEWORKS = "SELECT DISTINCT ?f ?item ?t WHERE { ?item lei:denotes ?this ; lei:inFramework ?f . ?f lei:statedIn ?t }"
_CLAIMS = """
SELECT ?claim ?t ?summary WHERE { ?claim lei:topic ?this ; lei:statedIn ?t OPTIONAL { ?claim lei:summary ?summary } }
"""
_DEFINITION = "SELECT ?d WHERE { ?this skos:definition ?d }"


@dataclass
class Quote:
    quote: str
    text: Value
    line_start: int | None
    line_end: int | None
    evidence: str  # local name, for its place in the reading


@dataclass
class Column:
    """What one text (with its parts) does with the concept."""

    text: Value
    year: str
    quotes: list[Quote] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    frameworks: list[tuple[Value, Value]] = field(default_factory=list)  # (framework, item)
    claims: list[tuple[Value, str]] = field(default_factory=list)  # (claim, summary)


@dataclass
class Comparison:
    concept: Value
    definition: str | None
    columns: list[Column]


@built_on_load
def _tops(ds: Dataset) -> dict[str, tuple[str, str]]:
    """Every text or part → (its whole text, that text's year)."""
    return per_dataset(ds, "compare-tops", lambda d: {
        value(r["t"]): (value(r["top"]), value(r.get("year"))) for r in rows(d, _TOPS)})


@built_on_load
def compared(ds: Dataset) -> dict[str, set[str]]:
    """Every concept two or more whole texts take up, and those texts."""
    def build(d: Dataset) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for r in rows(d, _APPEARS):
            found.setdefault(value(r["c"]), set()).add(value(r["top"]))
        return {c: texts for c, texts in found.items() if len(texts) >= 2}

    return per_dataset(ds, "compare-concepts", build)


def index(ds: Dataset, lang: str) -> list[tuple[Value, str, list[Value]]]:
    """(concept, its comparison's slug, its texts) for every compared concept, most texts first, then by name."""
    found = []
    for iri, texts in compared(ds).items():
        if iri.startswith(CONCEPT_BASE):
            named = sorted((iri_value(ds, t, lang) for t in texts), key=lambda v: fold(v.text))
            found.append((iri_value(ds, iri, lang), iri[len(CONCEPT_BASE):], named))
    return sorted(found, key=lambda e: (-len(e[2]), fold(e[0].text)))


def slug_of(ds: Dataset, iri: str) -> str | None:
    """The slug of ``iri``'s comparison page, when two or more texts take it up."""
    return iri[len(CONCEPT_BASE):] if iri.startswith(CONCEPT_BASE) and iri in compared(ds) else None


def _int(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


def compare(ds: Dataset, iri: str, lang: str) -> Comparison:
    """The side-by-side comparison of one concept (call only for a compared concept)."""
    tops = _tops(ds)
    columns: dict[str, Column] = {}

    def column(text: str) -> Column | None:
        top, year = tops.get(text, ("", ""))
        if not top:
            return None
        if top not in columns:
            columns[top] = Column(iri_value(ds, top, lang), year)
        return columns[top]

    _quotes(ds, iri, lang, column)
    for row in positions(ds, lang, side="about", iri=iri):
        col = column(row.text.iri or "") if row.text else None
        if col is not None:
            col.positions.append(row)
    for r in rows(ds, _FRAMEWORKS, this=iri):
        col = column(value(r["t"]))
        pair = (iri_value(ds, value(r["f"]), lang), iri_value(ds, value(r["item"]), lang))
        if col is not None and pair not in col.frameworks:
            col.frameworks.append(pair)
    _claims(ds, iri, lang, column)
    for col in columns.values():
        col.frameworks.sort(key=lambda pair: (fold(pair[0].text), fold(pair[1].text)))
    definition = pick([(value(r["d"]), lang_of(r["d"])) for r in rows(ds, _DEFINITION, this=iri)], lang)
    ordered = sorted(columns.values(), key=lambda c: (c.year or "9999", fold(c.text.text)))
    return Comparison(iri_value(ds, iri, lang), definition, ordered)


def _quotes(ds: Dataset, iri: str, lang: str, column: Callable[[str], Column | None]) -> None:
    touched: list[Column] = []
    for r in rows(ds, _QUOTES, this=iri):
        col = column(value(r["t"]))
        if col is not None and all(q.quote != value(r["quote"]) for q in col.quotes):
            col.quotes.append(Quote(value(r["quote"]), iri_value(ds, value(r["t"]), lang),
                                    _int(value(r.get("start"))), _int(value(r.get("end"))),
                                    value(r["e"]).rsplit("/", 1)[-1]))
            touched.append(col)
    for col in touched:
        col.quotes.sort(key=lambda q: (q.line_start or 0, q.quote))


def _claims(ds: Dataset, iri: str, lang: str, column: Callable[[str], Column | None]) -> None:
    found: dict[str, tuple[Column, Value]] = {}
    summaries: dict[str, list[tuple[str, str | None]]] = {}
    for r in rows(ds, _CLAIMS, this=iri):
        col = column(value(r["t"]))
        claim = value(r["claim"])
        if col is not None and claim not in found:
            found[claim] = (col, iri_value(ds, claim, lang))
        if "summary" in r:
            summaries.setdefault(claim, []).append((value(r["summary"]), lang_of(r["summary"])))
    for claim, (col, claim_value) in found.items():
        col.claims.append((claim_value, pick(summaries.get(claim, []), lang) or claim_value.text))
    for col, _ in found.values():
        col.claims.sort(key=lambda pair: fold(pair[1]))
