"""Search over labels, definitions and quotes, in Dutch and English.

The index is built once per dataset: every label, definition, summary and
quote, folded to lower case without diacritics ("Eén" finds "een"), each
attributed to the resource it describes (a quote to the thing its evidence
backs).  Ranking prefers a label over a definition over a quote, an exact
label over a prefix over a mere substring, and shorter labels on ties.

A search's cost does not depend on what a client types: the query is cut to
:data:`MAX_QUERY` characters and its first :data:`MAX_WORDS` distinct words,
and the words of every entry are split once per dataset into a sorted
vocabulary, so "every word starts a word of the text" is a few set
intersections over that index, never a scan of every entry's words.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from ..core.iris import local_href
from ..core.namespaces import GRAPH_INFERRED
from ..store.dataset import Dataset
from ..store.lookup import rows, value
from . import labels
from .memo import built_on_load, per_dataset
from .resource import is_nested

#: Longest query considered, in characters; anything beyond is ignored.
MAX_QUERY = 100
#: Most distinct words of a query considered; the rest are ignored (the 404 page's suggestions too).
MAX_WORDS = 6
#: Prefixes whose matching entries each index remembers.
PREFIX_MEMORY = 4096
#: Queries whose ranking each index remembers (a flood of one query costs one ranking).
RANKING_MEMORY = 256
#: Most hits a search returns (and an index remembers per query): the search page's whole list.
MAX_HITS = 500

_FIELDS = """
SELECT ?s ?field ?text WHERE {
  {
    VALUES (?p ?field) { (skos:prefLabel "label") (skos:altLabel "label") (rdfs:label "label") (foaf:name "label")
                         (dcterms:title "label") (skos:definition "definition") (dcterms:description "definition")
                         (lei:summary "definition") (lei:functionTitle "definition") }
    GRAPH ?g { ?s ?p ?text } FILTER(isLiteral(?text) && ?g != ?inferred)
  } UNION {
    ?s lei:evidence ?e . ?e oa:exact ?text . BIND("quote" AS ?field)
  }
}
"""

_WEIGHT = {"label": 3, "definition": 2, "quote": 1}
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case, diacritics dropped, white space collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


@dataclass(frozen=True)
class Entry:
    iri: str
    field: str
    text: str
    folded: str


@dataclass
class Hit:
    iri: str
    href: str
    label: str
    type: str
    field: str
    snippet: str
    score: float


@dataclass
class Index:
    """A dataset's search entries and, per word in them, which entries hold it (built once per dataset)."""

    entries: list[Entry]
    vocabulary: list[str] = field(default_factory=list)  # sorted, distinct
    holders: dict[str, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        found: dict[str, set[int]] = {}
        for number, entry in enumerate(self.entries):
            for word in set(_WORD.findall(entry.folded)):
                found.setdefault(word, set()).add(number)
        self.vocabulary = sorted(found)
        self.holders = {word: frozenset(numbers) for word, numbers in found.items()}
        self.starting = lru_cache(maxsize=PREFIX_MEMORY)(self._starting)
        self.ranked = lru_cache(maxsize=RANKING_MEMORY)(self._ranked)

    def _starting(self, prefix: str) -> frozenset[int]:
        """The entries with a word starting with ``prefix``."""
        at = bisect_left(self.vocabulary, prefix)
        found: set[int] = set()
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(prefix):
            found |= self.holders[self.vocabulary[at]]
            at += 1
        return frozenset(found)

    def with_word_prefixes(self, words: list[str]) -> frozenset[int]:
        """The entries in which every one of ``words`` starts a word."""
        found: frozenset[int] | None = None
        for word in sorted(words, key=len, reverse=True):  # the longest prefix is the most selective
            found = self.starting(word) if found is None else found & self.starting(word)
            if not found:
                break
        return found or frozenset()

    def _ranked(self, folded: str, words: tuple[str, ...]) -> tuple[tuple[str, float, Entry], ...]:
        """Every matching resource once, with its best entry and score, best first.

        The one step whose cost grows with the index (a substring test of every entry), remembered per query.
        """
        prefixed = self.with_word_prefixes(list(words))
        best: dict[str, tuple[float, Entry]] = {}
        for number, entry in enumerate(self.entries):
            if folded not in entry.folded and number not in prefixed:
                continue
            score = _score(entry, folded, number in prefixed)
            if score > 0 and score > best.get(entry.iri, (0.0, entry))[0]:
                best[entry.iri] = (score, entry)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return tuple((iri, score, entry) for iri, (score, entry) in ranked[:MAX_HITS])


def _build(ds: Dataset) -> Index:
    entries = {
        Entry(value(r["s"]), value(r["field"]), value(r["text"]), fold(value(r["text"])))
        for r in rows(ds, _FIELDS, inferred=str(GRAPH_INFERRED))
        if not is_nested(value(r["s"]))
    }
    return Index(sorted(entries, key=lambda e: (e.iri, e.field, e.text)))


def _types(ds: Dataset) -> dict[str, str]:
    """Each resource's most specific asserted type, for the result list."""
    found: dict[str, str] = {}
    for r in rows(ds, "SELECT ?s ?t WHERE { GRAPH ?g { ?s a ?t } FILTER(?g != ?inferred) }",
                  inferred=str(GRAPH_INFERRED)):
        found.setdefault(value(r["s"]), value(r["t"]))
    return found


def _score(entry: Entry, query: str, all_words: bool) -> float:
    text = entry.folded
    if entry.field == "label" and text == query:
        quality = 10.0
    elif text.startswith(query):
        quality = 8.0
    elif f" {query}" in f" {text}":
        quality = 6.0
    elif query in text:
        quality = 4.0
    elif all_words:
        quality = 2.0
    else:
        return 0.0
    return quality * _WEIGHT[entry.field] - min(len(text), 400) / 1000


def query_words(query: str) -> tuple[str, list[str]]:
    """The folded query and its words, both bounded: :data:`MAX_QUERY` characters, :data:`MAX_WORDS` words."""
    folded = fold(query[:MAX_QUERY])
    words = list(dict.fromkeys(_WORD.findall(folded)))[:MAX_WORDS]
    return folded, words


def _snippet(text: str, query: str, width: int = 160) -> str:
    folded = fold(text)
    at = folded.find(query.split(" ")[0]) if query else 0
    start = max(0, at - width // 3)
    piece = " ".join(text.split())[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search(ds: Dataset, query: str, lang: str, limit: int = 50) -> list[Hit]:
    """The best-matching resources for ``query``, best first, one hit per resource (at most :data:`MAX_HITS`)."""
    folded, words = query_words(query)
    if not words:
        return []
    ranked = per_dataset(ds, "search", _build).ranked(folded, tuple(words))[:limit]
    if not ranked:
        fixed = corrected(ds, folded)
        return search(ds, fixed, lang, limit) if fixed else []
    types = per_dataset(ds, "search-types", _types)
    return [
        Hit(
            iri=iri,
            href=local_href(iri),
            label=labels.label(ds, iri, lang),
            type=labels.label(ds, types[iri], lang) if iri in types else "",
            field=entry.field,
            snippet=_snippet(entry.text, folded) if entry.field != "label" else "",
            score=round(score, 3),
        )
        for iri, score, entry in ranked
    ]


# --- typo tolerance: only when a query finds nothing --------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:-\w+)*")
#: Query words corrected at most, and the shortest word corrected.
MAX_CORRECTED_WORDS, MIN_CORRECTED = 8, 4


@dataclass
class _Vocabulary:
    words: dict[str, tuple[int, str]]  # squashed word (no hyphens) → (how often, as written folded)
    deletes: dict[str, list[str]]  # a squashed word less one letter → the squashed words it comes from


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _vocabulary(ds: Dataset) -> _Vocabulary:
    counts: dict[str, tuple[int, str]] = {}
    for entry in per_dataset(ds, "search", _build).entries:
        for token in _TOKEN.findall(entry.folded):
            squashed = token.replace("-", "")
            counts[squashed] = (counts.get(squashed, (0, token))[0] + 1, token)
    deletes: dict[str, list[str]] = {}
    for word in counts:
        if len(word) >= MIN_CORRECTED:
            for variant in _deletions(word):
                deletes.setdefault(variant, []).append(word)
    return _Vocabulary(counts, deletes)


@built_on_load
def _indexes(ds: Dataset) -> None:
    """The word index, the kinds of its resources and the typo index, built when the dataset is loaded."""
    per_dataset(ds, "search", _build)
    per_dataset(ds, "search-types", _types)
    per_dataset(ds, "search-vocabulary", _vocabulary)


def corrected(ds: Dataset, folded: str) -> str | None:
    """``folded`` with each unknown word replaced by the commonest indexed word one edit away, or ``None``.

    An edit is a letter left out, added, changed or two swapped letters' worth of one deletion on each side
    (the SymSpell rule); hyphens are ignored ("cocreerende" is "co-creerende").  The cost is a few dictionary
    look-ups per word, over an index built once per dataset.
    """
    vocabulary = per_dataset(ds, "search-vocabulary", _vocabulary)
    out, changed = [], False
    for token in _TOKEN.findall(folded)[:MAX_CORRECTED_WORDS]:
        squashed = token.replace("-", "")
        known = vocabulary.words.get(squashed)
        if known is None and len(squashed) >= MIN_CORRECTED:
            near = {w for v in {squashed} | _deletions(squashed) for w in vocabulary.deletes.get(v, [])}
            near |= {v for v in _deletions(squashed) if v in vocabulary.words}
            if near:
                known = vocabulary.words[max(sorted(near), key=lambda w: vocabulary.words[w][0])]
        if known is not None and known[1] != token:
            changed = True
        out.append(known[1] if known else token)
    return " ".join(out) if changed else None
