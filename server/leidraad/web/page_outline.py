"""Where a reader is and what a page holds: breadcrumbs for every resource, contents for long pages.

A trail runs Home › the index of the resource's kind › the wholes it is part of (a text's bundle, an item's
framework and that framework's text) › the resource.  A page's contents are read from its own second-level
headings once it is rendered, so a section added later is listed without anyone remembering to.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pyoxigraph as ox

from ..store.dataset import Dataset
from ..store.lookup import rows, value
from .catalogue import KINDS
from .resource import Resource, Value, term_value

#: A page gets a table of contents from this many sections and this many characters on.
MIN_HEADINGS = 5
MIN_LENGTH = 12_000

_WHOLES = """
SELECT ?whole ?step WHERE {
  { ?this dcterms:isPartOf+ ?whole BIND(1 AS ?step) }
  UNION { ?this lei:inFramework ?whole BIND(2 AS ?step) }
  UNION { ?this lei:inFramework/(^dcterms:hasPart)* ?whole BIND(2 AS ?step) }
  UNION { ?this (^dcterms:hasPart)+ ?whole BIND(2 AS ?step) }
  UNION { ?this lei:inFramework/(^dcterms:hasPart)*/lei:statedIn/dcterms:isPartOf* ?whole BIND(3 AS ?step) }
  UNION { ?this lei:statedIn/dcterms:isPartOf* ?whole BIND(3 AS ?step) FILTER NOT EXISTS { ?this a lei:Position } }
}
"""
_DEPTH = "SELECT (COUNT(DISTINCT ?up) AS ?n) WHERE { ?this (dcterms:isPartOf|^dcterms:hasPart)* ?up }"
_ITEM_KIND = "frameworks"


@dataclass
class Crumb:
    value: Value
    kind: bool = False


def trail(ds: Dataset, res: Resource, lang: str) -> list[Crumb]:
    """The crumbs between Home and the resource itself (both excluded)."""
    kind = next((k for k in KINDS if k.type_iri in res.type_iris), None)
    wholes: dict[str, tuple[int, int]] = {}
    for r in rows(ds, _WHOLES, this=res.iri):
        iri = value(r["whole"])
        if iri != res.iri and iri not in wholes:
            depth = int(value(rows(ds, _DEPTH, this=r["whole"])[0]["n"]))
            wholes[iri] = (-int(value(r["step"])), depth)
    if kind is None and wholes:
        kind = next((k for k in KINDS if k.slug == _ITEM_KIND), None)
    crumbs = []
    if kind is not None:
        crumbs.append(Crumb(Value(kind.title(lang), f"/browse/{kind.slug}"), kind=True))
    # outermost first: the text before its part, the framework's text before the framework
    for iri, _ in sorted(wholes.items(), key=lambda pair: pair[1]):
        crumbs.append(Crumb(term_value(ds, ox.NamedNode(iri), lang)))
    return crumbs


_HEADING = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


def headings(page: str) -> list[tuple[str, str]]:
    """``(id, text)`` of each second-level heading of a rendered page, in order; none for a short page."""
    found = [(anchor, " ".join(html.unescape(_TAG.sub("", inner)).split())) for anchor, inner in _HEADING.findall(page)]
    return found if len(found) >= MIN_HEADINGS and len(page) >= MIN_LENGTH else []
