"""Index pages read like a reference work: entries with what identifies them, an A–Z jump, counts and sorts.

Persons are sorted by surname (Dutch particles such as "van der" and "'t" do not count, academic titles are
skipped) and show their functions, organisations, texts and number of positions; frameworks are grouped by the
text that states them, the largest (most items) first.  ``catalogue`` decides who is a member; this module
describes the members.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .catalogue import KINDS, Kind, members
from .language import LANGUAGES
from .memo import built_on_load, per_dataset
from .resource import Value, term_value
from .search import fold

#: Words before a Dutch surname that its alphabetical place ignores ("Paul 't Hart" is under H).
PARTICLES = frozenset({"van", "de", "der", "den", "het", "'t", "’t", "ter", "ten", "te", "in", "op", "d'", "la", "le",
                       "von", "zu", "du", "des", "di", "da", "del", "vd", "v.d."})
#: Titles before a name that sorting skips.
TITLES = frozenset({"prof.", "dr.", "mr.", "drs.", "ir.", "ing.", "em."})
#: Sorts a reader may choose, by kind; the first is the default.
SORTS = {"persons": ("name", "positions"), "groups": ("name", "positions"), "organisations": ("name", "positions")}


@dataclass
class Entry:
    value: Value
    key: str
    letter: str
    functions: list[str] = field(default_factory=list)
    organisations: list[Value] = field(default_factory=list)
    texts: list[Value] = field(default_factory=list)
    positions: int = 0
    size: int = 0
    group: Value | None = None


def surname_key(name: str) -> tuple[str, str]:
    """``(sort key, letter)`` for a person's name: surname first, then given names, folded."""
    words = [w for w in name.split() if w]
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    if len(words) < 2:
        folded = fold(name)
        return folded, _letter(folded)
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1
    surname = words[-1]
    given = " ".join(words[:start])
    particles = " ".join(words[start:-1])
    folded = fold(surname)
    return f"{folded} {fold(given)} {fold(particles)}".strip(), _letter(folded)


def _letter(folded: str) -> str:
    first = next((ch for ch in folded if ch.isalnum()), "#")
    return first.upper() if first.isalpha() else "#"


_MEMBERSHIPS = """
SELECT ?x ?function ?org WHERE {
  ?m org:member ?x . OPTIONAL { ?m lei:functionTitle ?function } OPTIONAL { ?m org:organization ?org }
}
"""
_TEXTS = """
SELECT DISTINCT ?x ?top WHERE {
  ?x a ?class .
  { ?x lei:evidence/lei:inText ?t } UNION { ?t dcterms:creator ?x } UNION { ?x lei:statedIn ?t }
  ?t dcterms:isPartOf* ?top . ?top lei:seedFile ?seed .
}
"""
_POSITIONS = "SELECT ?x (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a lei:Position ; lei:heldBy ?x } GROUP BY ?x"
_SIZES = """
SELECT ?x (COUNT(DISTINCT ?i) AS ?n) WHERE {
  ?x a lei:Framework . OPTIONAL { ?x dcterms:hasPart* ?f . ?i lei:inFramework ?f }
} GROUP BY ?x
"""


def _memberships(d: Dataset, found: dict[str, Entry], lang: str) -> None:
    functions: dict[str, list[tuple[str, str | None]]] = {}
    for r in rows(d, _MEMBERSHIPS):
        entry = found.get(value(r["x"]))
        if entry is None:
            continue
        if "org" in r and all(o.iri != value(r["org"]) for o in entry.organisations):
            entry.organisations.append(term_value(d, r["org"], lang))
        if "function" in r:
            functions.setdefault(value(r["x"]), []).append((value(r["function"]), lang_of(r["function"])))
    for iri, titles in functions.items():
        in_lang = [t for t in titles if t[1] in (lang, None)] or titles
        found[iri].functions = sorted({t for t, _ in in_lang})


def _texts(d: Dataset, found: dict[str, Entry], kind: Kind, lang: str) -> None:
    tops: dict[str, Value] = {}
    for r in rows(d, _TEXTS, **{"class": kind.type_iri}):
        entry = found.get(value(r["x"]))
        if entry is not None:
            top = tops.setdefault(value(r["top"]), term_value(d, r["top"], lang))
            if top not in entry.texts:
                entry.texts.append(top)
    for entry in found.values():
        entry.texts.sort(key=lambda t: fold(t.text))
        entry.group = entry.texts[0] if entry.texts else None


def function_links(entry: Entry) -> tuple[list[list[tuple[str, Value | None]]], list[Value]]:
    """Each function as text pieces, an organisation it names linked where it names it; and the organisations
    no function names.  "gemeentesecretaris gemeente Alkmaar · gemeente Alkmaar" said the place twice."""
    named: set[int] = set()
    pieces: list[list[tuple[str, Value | None]]] = []
    for function in entry.functions:
        parts: list[tuple[str, Value | None]] = [(function, None)]
        for n, org in enumerate(entry.organisations):
            for i, (text, link) in enumerate(parts):
                at = text.lower().find(org.text.lower()) if link is None and org.text else -1
                if at >= 0:
                    parts[i:i + 1] = [(text[:at], None), (text[at:at + len(org.text)], org),
                                      (text[at + len(org.text):], None)]
                    named.add(n)
                    break
        pieces.append([(text, link) for text, link in parts if text])
    return pieces, [org for n, org in enumerate(entry.organisations) if n not in named]


def _counts(d: Dataset, found: dict[str, Entry], query: str, name: str) -> None:
    for r in rows(d, query):
        entry = found.get(value(r["x"]))
        if entry is not None:
            setattr(entry, name, int(value(r["n"])))


def _details(ds: Dataset, kind: Kind, lang: str) -> dict[str, Entry]:
    """Every member's entry, built once per dataset, kind and language."""

    def build(d: Dataset) -> dict[str, Entry]:
        found: dict[str, Entry] = {}
        for v in members(d, kind, lang):
            key, letter = surname_key(v.text) if kind.slug == "persons" else (fold(v.text), _letter(fold(v.text)))
            found[v.iri or v.text] = Entry(v, key, letter)
        _memberships(d, found, lang)
        _texts(d, found, kind, lang)
        _counts(d, found, _POSITIONS, "positions")
        if kind.slug == "frameworks":
            _counts(d, found, _SIZES, "size")
        return found

    return per_dataset(ds, f"index-{kind.slug}-{lang}", build)


@built_on_load
def _every_index(ds: Dataset) -> None:
    """Every kind's index in every language, built when the dataset is loaded."""
    for kind in KINDS:
        for lang in LANGUAGES:
            _details(ds, kind, lang)


def entries(ds: Dataset, kind: Kind, lang: str, text: str | None = None, sort: str = "name") -> list[Entry]:
    """The index's entries in the order the page shows them."""
    details = _details(ds, kind, lang)
    if text:
        chosen = [details[v.iri or v.text] for v in members(ds, kind, lang, text) if (v.iri or v.text) in details]
    else:
        chosen = list(details.values())
    if kind.slug == "frameworks":
        # grouped by text (texts by name, the frameworks of no text last), the largest first within a text
        return sorted(chosen, key=lambda e: (e.group is None, fold(e.group.text) if e.group else "", -e.size, e.key))
    if sort == "positions":
        return sorted(chosen, key=lambda e: (-e.positions, e.key))
    return sorted(chosen, key=lambda e: (e.key, e.value.iri or ""))


@dataclass
class Jump:
    letter: str
    page: int
    count: int
    anchor: str


def jumps(found: list[Entry], per_page: int) -> list[Jump]:
    """A–Z: each initial the index has, the page its first entry is on, and how many entries it has."""
    result: dict[str, Jump] = {}
    for n, entry in enumerate(found):
        jump = result.get(entry.letter)
        if jump is None:
            result[entry.letter] = Jump(entry.letter, n // per_page + 1, 1, f"letter-{entry.letter}")
        else:
            jump.count += 1
    return list(result.values())


def pick_sort(kind: Kind, asked: str | None) -> str:
    choices = SORTS.get(kind.slug, ("name",))
    return asked if asked in choices else choices[0]


def group_sizes(found: list[Entry]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for entry in found:
        key = entry.group.iri or "" if entry.group else ""
        sizes[key] = sizes.get(key, 0) + 1
    return sizes



def grouped(found: list[Entry]) -> list[tuple[Value | None, list[Entry]]]:
    """Consecutive entries of one text together, in the order given."""
    groups: list[tuple[Value | None, list[Entry]]] = []
    for entry in found:
        if groups and groups[-1][0] == entry.group:
            groups[-1][1].append(entry)
        else:
            groups.append((entry.group, [entry]))
    return groups
