"""Eras through time: the generations of a series that a text places in a period, with their years.

An era (``lei:Era``, such as civil-service craftsmanship 1.0, 2.0 and 3.0) is, like an organisation model, a
``lei:PeriodBoundConcept``: it carries the period as the text words it (``lei:period``) and, where the text gives
them, the years (``lei:periodStart``/``lei:periodEnd``).  A missing year is one the texts do not give, so a
page shows the words and says so instead of guessing.  The eras are read from the graph alone, in the order of
the generation series that lists them, so /models can show them beside the organisation models, and a concept
page its own period and its series.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .resource import Value, iri_value

_PERIOD = """
SELECT ?words ?start ?end WHERE {
  ?this a lei:PeriodBoundConcept .
  OPTIONAL { ?this lei:period ?words } OPTIONAL { ?this lei:periodStart ?start } OPTIONAL { ?this lei:periodEnd ?end }
}
"""

#: Every era with its place in a generation series (if a series lists it) and its period.
_ERAS = """
SELECT ?era ?series ?subject ?no ?words ?start ?end WHERE {
  ?era a lei:Era .
  OPTIONAL { ?item lei:denotes ?era ; lei:ordinal ?no ; lei:inFramework ?series . ?series a lei:GenerationSeries .
             OPTIONAL { ?series dcterms:subject ?subject } }
  OPTIONAL { ?era lei:period ?words } OPTIONAL { ?era lei:periodStart ?start } OPTIONAL { ?era lei:periodEnd ?end }
}
"""


def year_span(start: int | None, end: int | None) -> str:
    """A span of years as every page writes it: an en dash, an open side left open ("1965–", "–1964"), one year
    once ("2008"), none at all empty.  The eras and the organisation models' timeline both use it."""
    if start is None and end is None:
        return ""
    if start == end:
        return str(start)
    return f"{start or ''}–{end or ''}"


@dataclass
class Period:
    """A period as the text words it, and in years where the text gives them."""

    words: str | None
    start: int | None
    end: int | None

    @property
    def years(self) -> str:
        return year_span(self.start, self.end)


@dataclass
class Era:
    node: Value
    ordinal: int | None
    period: Period


@dataclass
class Series:
    """A generation series of eras, its subjects (the concepts it orders) and its eras in the series' order.

    Texts that list the same eras in the same order (the bundle's generations, 000's phases) are one series
    with several ``nodes``: the eras are shown once, with every list that names them.
    """

    nodes: list[Value]
    subjects: list[Value] = field(default_factory=list)
    eras: list[Era] = field(default_factory=list)

    @property
    def node(self) -> Value | None:
        return self.nodes[0] if self.nodes else None


def _year(term) -> int | None:
    text = value(term) if term is not None else ""
    return int(text) if text.lstrip("-").isdigit() else None


def period_of(ds: Dataset, iri: str, lang: str) -> Period | None:
    """The period of a period-bound concept, in the reader's language; None when it has none."""
    words: list[tuple[str, str | None]] = []
    start = end = None
    for row in rows(ds, _PERIOD, this=iri):
        if "words" in row and (value(row["words"]), lang_of(row["words"])) not in words:
            words.append((value(row["words"]), lang_of(row["words"])))
        start = start if start is not None else _year(row.get("start"))
        end = end if end is not None else _year(row.get("end"))
    if not words and start is None and end is None:
        return None
    return Period(pick(words, lang) if words else None, start, end)


def series(ds: Dataset, lang: str) -> list[Series]:
    """Every series of eras in order (eras no series lists form one series of their own, last)."""
    found: dict[str | None, Series] = {}
    eras: dict[tuple[str | None, str], tuple[int | None, list[tuple[str, str | None]], int | None, int | None]] = {}
    subjects: dict[str | None, set[str]] = {}
    for row in rows(ds, _ERAS):
        key = value(row["series"]) if "series" in row else None
        era = value(row["era"])
        no, words, start, end = eras.get((key, era), (_year(row.get("no")), [], None, None))
        if "words" in row and (value(row["words"]), lang_of(row["words"])) not in words:
            words.append((value(row["words"]), lang_of(row["words"])))
        eras[(key, era)] = (no, words, start if start is not None else _year(row.get("start")),
                            end if end is not None else _year(row.get("end")))
        if "subject" in row:
            subjects.setdefault(key, set()).add(value(row["subject"]))
    for (key, era), (no, words, start, end) in eras.items():
        group = found.get(key)
        if group is None:
            group = found[key] = Series([iri_value(ds, key, lang)] if key else [],
                                        sorted((iri_value(ds, s, lang) for s in subjects.get(key, ())),
                                               key=lambda v: v.text))
        group.eras.append(Era(iri_value(ds, era, lang), no, Period(pick(words, lang) if words else None, start, end)))
    merged: dict[tuple[str, ...], Series] = {}
    for group in sorted(found.values(), key=lambda g: (g.node is None, g.node.text if g.node else "")):
        group.eras.sort(key=lambda e: (e.ordinal or 99, e.period.start or 0, e.node.text))
        same = merged.setdefault(tuple(e.node.iri for e in group.eras), group)
        if same is not group:  # another text's list of the same eras: one timeline, named by both
            same.nodes += group.nodes
            same.subjects += [v for v in group.subjects if v not in same.subjects]
    return list(merged.values())


def series_about(ds: Dataset, iri: str, lang: str) -> list[Series]:
    """The series of eras a concept page shows: those listing the concept, or whose subject it is."""
    return [s for s in series(ds, lang)
            if any(e.node.iri == iri for e in s.eras) or any(v.iri == iri for v in s.subjects)]
