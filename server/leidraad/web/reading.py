"""The annotated reading of a text: its parts in reading order and every evidence quote in line order.

A reading shows what Leidraad draws from a text where the text says it: each quote (``oa:exact``) with its line
range, linked to everything it grounds -- person, concept, position, claim, framework item -- and marked by that
thing's kind.  Only the quotes and their line numbers are shown, never the text between them (the texts'
licences differ).  A text's parts (``dcterms:isPartOf``: preface, chapters, responses, contributions) head the
quotes stated in them; a contents list leads to each part's first quote.  Every quote has an anchor
(``#ev-<local name of its evidence>``), so evidence on any page links to its place in the reading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.namespaces import BASE, FABIO, FOAF, LEI, ORG, RDF
from ..store.dataset import Dataset
from ..store.lookup import rows, value
from .resource import Value, iri_value

TEXT_BASE = BASE + "id/text/"
EVIDENCE_BASE = BASE + "id/evidence/"

#: Kinds of grounded things, most specific first: (key, class IRIs).  The key names an i18n string ``read.k.*``.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("position", (str(LEI.Position),)),
    ("claim", (str(LEI.Claim),)),
    ("item", (str(LEI.FrameworkItem), str(LEI.Column), str(LEI.Cell), str(LEI.Axis))),
    ("framework", (str(LEI.Framework),)),
    ("relation", (str(LEI.RelationAssertion), str(RDF.Statement))),
    ("function", (str(ORG.Membership),)),
    ("organisation", (str(ORG.Organization),)),
    ("person", (str(FOAF.Person), str(FOAF.Group), str(LEI.AuthorGroup))),
    ("concept", (str(LEI.Concept),)),
    ("work", (str(FABIO.Expression),)),
    ("text", (str(LEI.SourceText),)),
)

_PARTS = """
SELECT ?part ?parent WHERE { ?part dcterms:isPartOf+ ?this . OPTIONAL { ?part dcterms:isPartOf ?parent } }
"""
_QUOTES = """
SELECT ?e ?t ?quote ?start ?end ?thing WHERE {
  ?e lei:inText ?t ; oa:exact ?quote .
  FILTER(?t = ?this || EXISTS { ?t dcterms:isPartOf+ ?this })
  OPTIONAL { ?e lei:lineStart ?start } OPTIONAL { ?e lei:lineEnd ?end }
  OPTIONAL { ?thing lei:evidence ?e }
}
"""
_TYPES = """
SELECT ?thing ?type WHERE {
  ?e lei:inText ?t . FILTER(?t = ?this || EXISTS { ?t dcterms:isPartOf+ ?this })
  ?thing lei:evidence ?e ; a ?type .
}
"""
_TOP = "SELECT ?top WHERE { ?this dcterms:isPartOf* ?top . ?top lei:seedFile ?seed }"
_TEXT_OF = "SELECT ?t WHERE { ?this lei:inText ?t }"


@dataclass
class Grounded:
    """One thing a quote grounds, and its kind."""

    thing: Value
    kind: str


@dataclass
class Quote:
    anchors: list[str]  # the first is the element's id; the rest mark other evidence with the same words and lines
    quote: str
    line_start: int | None
    line_end: int | None
    part: Value | None
    grounds: list[Grounded] = field(default_factory=list)


@dataclass
class Part:
    value: Value
    depth: int
    anchor: str
    first: str | None = None  # the anchor of its first quote
    quotes: int = 0


@dataclass
class Reading:
    text: Value
    parts: list[Part]
    quotes: list[Quote]
    kinds: list[tuple[str, int]]  # (kind, how many quotes ground one), for the legend
    whole: Value | None = None  # the whole text, when this is the reading of one of its parts


def _int(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


def kind_of(types: set[str]) -> str:
    for key, classes in KINDS:
        if types.intersection(classes):
            return key
    return "other"


def reading(ds: Dataset, text_iri: str, lang: str) -> Reading:
    """The reading of a text and all its parts; of one part alone when ``text_iri`` is a part."""
    parents: dict[str, str] = {}
    for row in rows(ds, _PARTS, this=text_iri):
        if "parent" in row:
            parents[value(row["part"])] = value(row["parent"])
    types: dict[str, set[str]] = {}
    for row in rows(ds, _TYPES, this=text_iri):
        types.setdefault(value(row["thing"]), set()).add(value(row["type"]))
    by_words: dict[tuple, Quote] = {}
    for row in rows(ds, _QUOTES, this=text_iri):
        start, end = _int(value(row.get("start"))), _int(value(row.get("end")))
        part = value(row["t"])
        key = (start or 0, end or 0, part, value(row["quote"]))
        entry = by_words.get(key)
        anchor = "ev-" + value(row["e"]).rsplit("/", 1)[-1]
        if entry is None:
            entry = by_words[key] = Quote([anchor], value(row["quote"]), start, end,
                                          iri_value(ds, part, lang) if part != text_iri else None)
        elif anchor not in entry.anchors:
            entry.anchors.append(anchor)
        thing = value(row.get("thing"))
        if thing and all(g.thing.iri != thing for g in entry.grounds):
            entry.grounds.append(Grounded(iri_value(ds, thing, lang), kind_of(types.get(thing, set()))))
    quotes = sorted(by_words.values(), key=lambda q: (q.line_start or 0, q.line_end or 0, q.quote))
    for q in quotes:
        q.grounds.sort(key=lambda g: ([k for k, _ in KINDS].index(g.kind) if g.kind != "other" else 99, g.thing.text))
    whole = whole_text(ds, text_iri)
    return Reading(iri_value(ds, text_iri, lang), _parts(ds, text_iri, parents, quotes, lang), quotes,
                   _kinds(quotes), iri_value(ds, whole, lang) if whole and whole != text_iri else None)


def _parts(ds: Dataset, text_iri: str, parents: dict[str, str], quotes: list[Quote], lang: str) -> list[Part]:
    """The parts in reading order: by the line of their first quote (parts without quotes last, by name)."""
    found: dict[str, Part] = {}
    for part in parents:
        depth, up = 0, part
        while up in parents and up != text_iri and depth < 10:
            depth, up = depth + 1, parents[up]
        slug = part.rsplit("/", 1)[-1]
        found[part] = Part(iri_value(ds, part, lang), depth - 1, "part-" + slug)
    for q in quotes:
        if q.part and q.part.iri in found:
            entry = found[q.part.iri]
            entry.quotes += 1
            entry.first = entry.first or q.anchors[0]
    order = {q.anchors[0]: n for n, q in enumerate(quotes)}
    return sorted(found.values(), key=lambda p: (p.first is None, order.get(p.first or "", 0), p.value.text))


def _kinds(quotes: list[Quote]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for q in quotes:
        for kind in {g.kind for g in q.grounds}:
            counts[kind] = counts.get(kind, 0) + 1
    order = [k for k, _ in KINDS] + ["other"]
    return sorted(counts.items(), key=lambda pair: order.index(pair[0]))


def whole_text(ds: Dataset, iri: str) -> str | None:
    """The text with a seed file that ``iri`` (a text or a part of one) belongs to."""
    found = rows(ds, _TOP, this=iri)
    return value(found[0]["top"]) if found else None


def place(ds: Dataset, evidence: str) -> tuple[str, str] | None:
    """(slug of the text or part, anchor) of one evidence's place in its reading, from its local name."""
    if not evidence.isalnum():
        return None
    found = rows(ds, _TEXT_OF, this=EVIDENCE_BASE + evidence)
    text = value(found[0]["t"]) if found else ""
    if not text.startswith(TEXT_BASE):
        return None
    return text[len(TEXT_BASE):], "ev-" + evidence
