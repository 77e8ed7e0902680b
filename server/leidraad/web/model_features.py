"""What the texts say about each organisation model of a generation series: its years and features.

The comparison table summarises; this module gives the evidence.  A feature is a claim --
``lei:Characteristic``, ``lei:Advantage`` or ``lei:Disadvantage`` with ``lei:topic`` the model -- shown in
the order its text states it (the first line of its evidence), with every quote and its place in the annotated
reading.  Features are grouped by the text that states them, because line numbers only order quotes within one
text.  A model's years are its own ``lei:periodStart``/``lei:periodEnd`` or those of a claim about that model
alone (a claim about a transition between two models dates neither).
Which texts get a group: every text stating a feature of the model, and the text of each generation series that
lists it -- so a series text that names no advantage of a model says so ("not stated in the text") instead of
staying silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .eras import year_span
from .language import pick
from .resource import Value, iri_value
from .search import fold

#: The kinds of feature, in the order a model's group shows them: (key, class local name).
KINDS = (("characteristic", "Characteristic"), ("advantage", "Advantage"), ("disadvantage", "Disadvantage"))

_FEATURES = """
SELECT ?model ?claim ?kind ?text ?summary WHERE {
  ?model lei:generation ?generation ; a lei:OrganisationModel .
  ?claim lei:topic ?model ; a ?kind ; lei:statedIn ?text .
  FILTER(?kind = lei:Characteristic || ?kind = lei:Advantage || ?kind = lei:Disadvantage)
  OPTIONAL { ?claim lei:summary ?summary }
}
"""

#: The quotes of every claim about a model (asked apart: with the OPTIONAL summary above, the store is 50× slower).
_QUOTES = """
SELECT ?claim ?ev ?quote ?in ?start ?end WHERE {
  ?model lei:generation ?generation ; a lei:OrganisationModel .
  ?claim lei:topic ?model ; lei:evidence ?ev . ?ev oa:exact ?quote ; lei:inText ?in .
  OPTIONAL { ?ev lei:lineStart ?start } OPTIONAL { ?ev lei:lineEnd ?end }
}
"""

_SERIES_TEXTS = """
SELECT DISTINCT ?model ?text WHERE {
  ?model lei:generation ?generation ; a lei:OrganisationModel .
  ?item lei:denotes ?model ; lei:inFramework ?series . ?series a lei:GenerationSeries ; lei:statedIn ?text .
}
"""

_YEARS = """
SELECT ?model ?claim ?from ?to WHERE {
  ?model lei:generation ?generation ; a lei:OrganisationModel .
  { ?claim lei:topic ?model ; lei:periodStart ?from .
    OPTIONAL { ?claim lei:periodEnd ?to }
    FILTER NOT EXISTS { ?claim lei:topic ?other . FILTER(?other != ?model) ?other a lei:OrganisationModel } }
  UNION
  { ?model lei:periodEnd ?to . OPTIONAL { ?model lei:periodStart ?from } BIND(?model AS ?claim) }
}
"""

_MODEL_EVIDENCE = """
SELECT ?model ?ev ?quote ?in ?start ?end WHERE {
  ?model lei:generation ?generation ; a lei:OrganisationModel ; lei:evidence ?ev .
  ?ev oa:exact ?quote ; lei:inText ?in .
  OPTIONAL { ?ev lei:lineStart ?start } OPTIONAL { ?ev lei:lineEnd ?end }
}
"""


@dataclass(frozen=True, order=True)
class Quote:
    """One quote: its lines first, so quotes sort in the text's order."""

    line_start: int
    line_end: int
    text: str
    place: str  # its place in the annotated reading: "<text slug>#ev-<evidence>"


@dataclass
class Feature:
    """One advantage or disadvantage: the claim, its summary in the reader's language and its quotes in line order."""

    claim: Value
    summary: str | None
    quotes: list[Quote]

    @property
    def line(self) -> int:
        return self.quotes[0].line_start if self.quotes else 0


@dataclass
class TextFeatures:
    """What one text states about one model, by kind; an empty kind is shown as not stated."""

    text: Value
    kinds: dict[str, list[Feature]] = field(default_factory=dict)


@dataclass
class Years:
    """A model's period in years, with the quote that dates it."""

    start: int | None  # None: the text gives only the end ("tot in de jaren tachtig")
    end: int | None
    quotes: list[Quote]

    def __str__(self) -> str:
        return year_span(self.start, self.end)


@dataclass
class Details:
    """Everything the per-model section shows for one model."""

    years: list[Years] = field(default_factory=list)
    texts: list[TextFeatures] = field(default_factory=list)
    evidence: list[tuple[Value, list[Quote]]] = field(default_factory=list)  # its own quotes by text, in line order

    @property
    def quote_count(self) -> int:
        """How many quotes of its own the model has, in all texts."""
        return sum(len(quotes) for _text, quotes in self.evidence)


def _number(term) -> int:
    text = value(term)
    return int(text) if text.isdigit() else 0


def _quote(row) -> Quote | None:
    if "quote" not in row:
        return None
    place = f'{value(row["in"]).rsplit("/", 1)[-1]}#ev-{value(row["ev"]).rsplit("/", 1)[-1]}'
    start = _number(row.get("start"))
    return Quote(start, _number(row.get("end")) or start, value(row["quote"]), place)


def details(ds: Dataset, lang: str) -> dict[str, Details]:
    """Per model of a generation (its IRI), its years, its features by text and kind, and its own quotes."""
    found: dict[str, Details] = {}
    quotes: dict[str, set[Quote]] = {}
    for row in rows(ds, _QUOTES):
        if (quote := _quote(row)) is not None:
            quotes.setdefault(value(row["claim"]), set()).add(quote)
    _features(ds, lang, found, quotes)
    _years(ds, found, quotes)
    own: dict[str, dict[str, set[Quote]]] = {}
    for row in rows(ds, _MODEL_EVIDENCE):
        if (quote := _quote(row)) is not None:
            own.setdefault(value(row["model"]), {}).setdefault(value(row["in"]), set()).add(quote)
    for model, by_text in own.items():
        detail = found.setdefault(model, Details())
        first = [g.text.iri for g in detail.texts]
        detail.evidence = sorted(((iri_value(ds, text, lang), sorted(mine)) for text, mine in by_text.items()),
                                 key=lambda pair: (first.index(pair[0].iri) if pair[0].iri in first else len(first),
                                                   fold(pair[0].text)))
    return found


def _features(ds: Dataset, lang: str, found: dict[str, Details], quotes: dict[str, set[Quote]]) -> None:
    """Each model's groups by text -- the series' text first -- and in each kind its claims in line order."""
    claims: dict[tuple[str, str, str], tuple[str, list[tuple[str, str | None]]]] = {}
    texts: dict[str, set[str]] = {}
    for row in rows(ds, _FEATURES):
        model, text = value(row["model"]), value(row["text"])
        texts.setdefault(model, set()).add(text)
        kind = value(row["kind"]).rsplit("#", 1)[-1]
        _text, summaries = claims.setdefault((model, value(row["claim"]), kind), (text, []))
        if "summary" in row and (value(row["summary"]), lang_of(row["summary"])) not in summaries:
            summaries.append((value(row["summary"]), lang_of(row["summary"])))
    series: dict[str, set[str]] = {}
    for row in rows(ds, _SERIES_TEXTS):
        series.setdefault(value(row["model"]), set()).add(value(row["text"]))
        texts.setdefault(value(row["model"]), set()).add(value(row["text"]))
    for model, iris in texts.items():
        mine = series.get(model, set())
        groups = [TextFeatures(iri_value(ds, iri, lang), {key: [] for key, _name in KINDS}) for iri in iris]
        groups.sort(key=lambda g: (g.text.iri not in mine, fold(g.text.text)))
        found.setdefault(model, Details()).texts = groups
    keys = {name: key for key, name in KINDS}
    for (model, claim, kind), (text, summaries) in claims.items():
        group = next(g for g in found[model].texts if g.text.iri == text)
        group.kinds[keys[kind]].append(Feature(iri_value(ds, claim, lang), pick(summaries, lang),
                                               sorted(quotes.get(claim, ()))))
    for detail in found.values():
        for group in detail.texts:
            for features in group.kinds.values():
                features.sort(key=lambda f: (f.line, f.claim.iri or ""))


def _years(ds: Dataset, found: dict[str, Details], quotes: dict[str, set[Quote]]) -> None:
    """Each model's periods: one per distinct span, with the quotes of every claim that gives that span."""
    spans: dict[tuple[str, int | None, int | None], set[Quote]] = {}
    for row in rows(ds, _YEARS):
        model, claim = value(row["model"]), value(row["claim"])
        span = (model, _number(row.get("from")) or None, _number(row.get("to")) or None)
        spans.setdefault(span, set()).update(quotes.get(claim, ()))
    for (model, start, end), mine in spans.items():
        found.setdefault(model, Details()).years.append(Years(start, end, sorted(mine)))
    for detail in found.values():
        detail.years.sort(key=lambda y: (y.start or 0, y.end or y.start or 0))
