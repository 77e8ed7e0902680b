"""Positions as table rows: who takes which stance about what, where, in which words.

Reported views carry their reporter, so a reader tells a view in its holder's own words from one
someone else words.  Person pages (positions held), concept pages (positions about it) and text
pages (positions stated in it) show the same table; they differ only in which
side of the position is fixed, so one query serves all three.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .resource import Value, term_value

_QUERY = """
SELECT ?pos ?holder ?reporter ?stance ?about ?text ?quote ?summary WHERE {
  ?pos a lei:Position ; lei:%s ?this .
  OPTIONAL { ?pos lei:heldBy ?holder }
  OPTIONAL { ?pos lei:reportedBy ?reporter }
  OPTIONAL { ?pos lei:stance ?stance }
  OPTIONAL { ?pos lei:about ?about }
  OPTIONAL { ?pos lei:statedIn ?text }
  OPTIONAL { ?pos lei:evidence/oa:exact ?quote }
  OPTIONAL { ?pos lei:summary ?summary }
}
"""

#: Which side of a position a page fixes.
SIDES = {"held_by": "heldBy", "about": "about", "stated_in": "statedIn",
         "in_text": "statedIn/dcterms:isPartOf*"}  # stated in a text or in any of its parts


@dataclass
class PositionRow:
    position: Value
    holder: Value | None = None
    #: Who words the view in this text, when that is not the holder (reported speech).
    reporter: Value | None = None
    stance: Value | None = None
    stance_key: str = ""
    about: list[Value] = field(default_factory=list)
    text: Value | None = None
    quotes: list[str] = field(default_factory=list)
    summary: str | None = None


def positions(ds: Dataset, lang: str, *, side: str, iri: str) -> list[PositionRow]:
    """The positions whose ``side`` (``held_by``, ``about``, ``stated_in``, ``in_text``) is ``iri``."""
    found: dict[str, PositionRow] = {}
    summaries: dict[str, list[tuple[str, str | None]]] = {}
    for row in rows(ds, _QUERY % SIDES[side], this=iri):
        key = value(row["pos"])
        entry = found.get(key)
        if entry is None:
            entry = found[key] = PositionRow(term_value(ds, row["pos"], lang))
            if "holder" in row:
                entry.holder = term_value(ds, row["holder"], lang)
            if "reporter" in row:
                entry.reporter = term_value(ds, row["reporter"], lang)
            if "stance" in row:
                entry.stance = term_value(ds, row["stance"], lang)
                entry.stance_key = value(row["stance"]).rsplit("#", 1)[-1]
            if "text" in row:
                entry.text = term_value(ds, row["text"], lang)
        if "about" in row and all(a.iri != value(row["about"]) for a in entry.about):
            entry.about.append(term_value(ds, row["about"], lang))
        if "quote" in row and value(row["quote"]) not in entry.quotes:
            entry.quotes.append(value(row["quote"]))
        if "summary" in row:
            summaries.setdefault(key, []).append((value(row["summary"]), lang_of(row["summary"])))
    for key, entry in found.items():
        entry.summary = pick(summaries.get(key, []), lang)
    return sorted(
        found.values(),
        key=lambda r: (r.text.text if r.text else "", r.holder.text if r.holder else "", r.position.iri or ""),
    )
