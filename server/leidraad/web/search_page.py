"""The search page around :func:`search.search`: facets by kind with counts, pages of hits, "did you mean".

``search`` ranks; this module only reads its answer: it asks for up to :data:`MAX_RESULTS` hits (the cost of a
search does not grow with the limit beyond sorting), counts them per kind, keeps the chosen kind and cuts the
page.  When every hit came from the typo correction, the page says which query it answered instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store.dataset import Dataset
from . import search as searching

#: Most hits a search page reaches, over all its pages; hits per page.
MAX_RESULTS, PER_PAGE = searching.MAX_HITS, 50


@dataclass
class Facet:
    kind: str
    count: int
    chosen: bool


@dataclass
class SearchPage:
    hits: list[searching.Hit]
    total: int
    page: int
    pages: int
    first: int
    facets: list[Facet]
    kind: str
    corrected: str | None
    capped: bool


def did_you_mean(ds: Dataset, query: str, lang: str, hits: list[searching.Hit]) -> str | None:
    """The corrected query when the hits are the correction's (the query as typed found nothing), else ``None``."""
    folded, words = searching.query_words(query)
    if not hits or not words:
        return None
    fixed = searching.corrected(ds, folded)
    if fixed is None or fixed == folded:
        return None
    # search() corrects only a query that finds nothing: the hits are the correction's iff they are its hits
    own = searching.search(ds, fixed, lang, limit=len(hits))
    return fixed if [h.iri for h in own] == [h.iri for h in hits] else None


def results(ds: Dataset, query: str, lang: str, kind: str = "", page: int = 1) -> SearchPage:
    """One page of ``query``'s hits, narrowed to ``kind`` (a type's label, as the facets name it) if given."""
    every = searching.search(ds, query, lang, limit=MAX_RESULTS) if query.strip() else []
    counts: dict[str, int] = {}
    for hit in every:
        counts[hit.type] = counts.get(hit.type, 0) + 1
    if kind not in counts:
        kind = ""
    chosen = [h for h in every if h.type == kind] if kind else every
    pages = max(1, -(-len(chosen) // PER_PAGE))
    page = min(max(page, 1), pages)
    facets = [Facet(k, n, k == kind) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return SearchPage(
        hits=chosen[(page - 1) * PER_PAGE: page * PER_PAGE],
        total=len(chosen),
        page=page,
        pages=pages,
        first=(page - 1) * PER_PAGE + 1,
        facets=facets,
        kind=kind,
        corrected=did_you_mean(ds, query, lang, every),
        capped=len(every) >= MAX_RESULTS,
    )
