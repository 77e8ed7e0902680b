"""Checks on the data as written, which neither SHACL nor the reasoner can make: each finding at file and line.

- every IRI of ours is of a known kind (``…/id/persons/x`` is a typo for ``…/id/person/x``), and so is every
  prefix declared under our base;
- every IRI of ours that a statement points at exists: some data file gives it a type;
- every ``lei:`` term is one the ontology declares;
- no person looks like another (``person:greenleaf`` beside ``person:robert-k-greenleaf``) unless the data says
  ``owl:differentFrom``;
- a name, label, title or definition has one value (per language): a second one names both values and files;
- a statement (a relation assertion, a position, anything with ``lei:statedIn``) is one text's: a second text
  means a second statement, with an IRI of its own;
- no ``TODO`` marker is left in a value (``leidraad new-text`` writes them);
- a seed file whose SHA-256 the data records still has that checksum.
"""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, OWL, RDF, SKOS

from ..core.namespaces import DCTERMS, ID, LEI, SPDX, THING_KINDS
from ..core.prefixes import shorten
from .findings import ERROR, Finding, at
from .locations import DataFile, Location, SourceIndex
from .validation_types import NESTED

#: Kinds of IRI under ``id/``: the things, and the nested nodes the build names.
KINDS = (*THING_KINDS, "node")
#: Properties with one value (per language, for language-tagged strings) across all files.
SINGLE = (FOAF.name, SKOS.prefLabel, SKOS.definition, DCTERMS.title, LEI.statedIn)
#: What a second value of a SINGLE property should become instead, where "keep it in one file" is not the fix.
INSTEAD = {LEI.statedIn: "a statement is one text's: give the other text's statement an IRI of its own"}
#: Name similarity from which two persons look like one.
NEAR = 0.9


def _kind(iri: str) -> str | None:
    """``…/id/person/x`` → ``person``; None for IRIs not under our ``id/``."""
    if not iri.startswith(str(ID)):
        return None
    return iri[len(ID):].split("/", 1)[0]


def _closest(word: str, choices: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def check(index: SourceIndex, graph: Graph, ontology: Graph, seeds: Path,
          only: DataFile | None = None) -> list[Finding]:
    """The data-as-written findings for every file of ``index`` (or only ``only``), ``graph`` being all asserted."""
    files = [only] if only is not None else index.files
    typed = set(graph.subjects(RDF.type, None))
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(str(LEI))}
    found: list[Finding] = []
    for f in files:
        found += _prefixes(f)
        found += _iris(f, typed, declared)
        found += _todos(f)
        found += _checksums(f, graph, seeds)
    found += _near_duplicates(index, graph, files)
    found += _single_values(index, graph, files)
    return found


def _prefixes(f: DataFile) -> list[Finding]:
    found = []
    for name, ns in f.prefixes.items():
        kind = _kind(ns)
        if kind is None:
            continue
        expected = str(ID[f"{name}/"]) if name in THING_KINDS else None
        if kind not in KINDS or not ns.endswith(f"/id/{kind}/"):
            guess = _closest(kind, THING_KINDS)
            hint = f"<{ID[guess + '/']}>" if guess else f"<{ID}KIND/> with KIND one of {', '.join(THING_KINDS)}"
            found.append(at(Location(f.shown, f.prefix_line(name)), ERROR,
                            f"prefix {name}: is <{ns}>, and '{kind}' is no kind of thing Leidraad has; "
                            f"expected {hint}"))
        elif expected and ns != expected:
            found.append(at(Location(f.shown, f.prefix_line(name)), ERROR,
                            f"prefix {name}: is <{ns}>; expected <{expected}>"))
    return found


def _iris(f: DataFile, typed: set, declared: set) -> list[Finding]:
    found: list[Finding] = []
    reported: set[str] = set()
    bad_prefixes = tuple(ns for ns in f.prefixes.values() if _kind(ns) is not None and _kind(ns) not in KINDS)
    for s, p, o in f.triples:
        for term, role in ((s, "subject"), (p, "property"), (o, "value")):
            if not isinstance(term, URIRef) or str(term) in reported:
                continue
            iri = str(term)
            kind = _kind(iri)
            message = None
            if kind is not None and kind not in KINDS:
                if iri.startswith(bad_prefixes):
                    continue  # the prefix declaration is reported, once
                message = (f"{iri}: '{kind}' is no kind of thing Leidraad has; expected "
                           f"{ID}<kind>/<slug> with kind one of {', '.join(THING_KINDS)}")
            elif role == "value" and kind is not None and not iri.startswith(NESTED) and term not in typed:
                same_kind = [str(t) for t in typed if str(t).startswith(str(ID[kind + "/"]))]
                guess = _closest(iri, same_kind)
                hint = f"; did you mean {shorten(guess)}?" if guess else ""
                message = (f"{shorten(str(p))} {shorten(iri)}: described nowhere (no data file gives it a type); "
                           f"expected an existing {kind}{hint}")
            elif iri.startswith(str(LEI)) and term not in declared and (role == "property" or p == RDF.type):
                guess = _closest(iri, [str(d) for d in declared])
                hint = f"; did you mean {shorten(guess)}?" if guess else ""
                message = f"{shorten(iri)} is not a term of the ontology (ontology/*.ttl){hint}"
            if message:
                reported.add(iri)
                line = f.line_of(s, o if role == "value" else p) or 1
                found.append(Finding(f.shown, line, ERROR, message))
    return found


def _todos(f: DataFile) -> list[Finding]:
    return [Finding(f.shown, f.line_of(s, o) or 1, ERROR,
                    f"{shorten(str(f.top(s)))} {shorten(str(p))}: a TODO is left in {str(o)[:60]!r}; "
                    "expected the text's own words, or delete the statement")
            for s, p, o in f.triples if isinstance(o, Literal) and "TODO" in str(o)]


def _checksums(f: DataFile, graph: Graph, seeds: Path) -> list[Finding]:
    found = []
    for text, node in ((s, o) for s, p, o in f.triples if p == SPDX.checksum):
        seed, value = graph.value(text, LEI.seedFile), graph.value(node, SPDX.checksumValue)
        path = seeds / str(seed) if seed is not None else None
        if value is None or path is None or not path.is_file():
            continue
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != str(value).lower():
            found.append(Finding(f.shown, f.line_of(node, value) or 1, ERROR,
                                 f"{shorten(str(text))}: seed file {seed} has SHA-256 {actual}; the data records "
                                 f"{value}: the seed changed since its lines were quoted"))
    return found


def _person_tokens(person: str) -> list[str]:
    return person.rsplit("/", 1)[-1].split("-")


def _pieces(name: str) -> list[str]:
    """``name`` cut into more pieces than edits a name at similarity :data:`NEAR` can differ by.

    A ratio of at least NEAR leaves at most ``(1 - NEAR) * (len(a) + len(b))`` characters unmatched, each of
    which breaks at most one piece, and ``len(b)`` is at most ``len(a) * (2 - NEAR) / NEAR``: so at least one
    piece of a name stands unbroken in every name that near.  Cutting them lets the check look only at names
    that contain a piece, instead of comparing every person with every other (hours at a million triples).
    """
    longest = len(name) * (1 + (2 - NEAR) / NEAR)
    count = min(len(name), int((1 - NEAR) * longest + 1e-9) + 1)
    return [name[i * len(name) // count:(i + 1) * len(name) // count] for i in range(count)]


class _Names:
    """The persons whose name could be near a given one, or who end in the same name token: the only pairs to test."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.letters = {p: Counter(n) for p, n in names.items()}
        self.pieces = {p: _pieces(n) for p, n in names.items()}
        sizes = {len(piece) for pieces in self.pieces.values() for piece in pieces}
        self.containing: dict[str, set[str]] = {}
        for person, name in names.items():
            for size in sizes:
                for i in range(len(name) - size + 1):
                    self.containing.setdefault(name[i:i + size], set()).add(person)
        self.unnamed = {p for p, n in names.items() if not n}
        self.by_last: dict[str, set[str]] = {}
        for person in names:
            self.by_last.setdefault(_person_tokens(person)[-1], set()).add(person)

    def candidates(self, person: str) -> set[str]:
        found = set(self.by_last[_person_tokens(person)[-1]])
        if not self.names[person]:
            return found | self.unnamed  # two empty names compare as equal
        for piece in self.pieces[person]:
            found |= self.containing.get(piece, set())
        return found

    def alike(self, a: str, b: str) -> bool:
        """difflib's ratio of the two names is at least NEAR; its cheap upper bounds (lengths, letters) tried first."""
        x, y = self.names[a], self.names[b]
        size = len(x) + len(y)
        if size and (2.0 * min(len(x), len(y)) / size < NEAR
                     or 2.0 * sum((self.letters[a] & self.letters[b]).values()) / size < NEAR):
            return False
        return difflib.SequenceMatcher(None, x, y).ratio() >= NEAR


def _near_duplicates(index: SourceIndex, graph: Graph, files: list[DataFile]) -> list[Finding]:
    # persons as strings: rdflib terms hash and compare in Python, millions of times at a million triples
    term = {str(p): p for p in graph.subjects(RDF.type, FOAF.Person)}
    persons = sorted(term)
    names = {p: str(graph.value(term[p], FOAF.name) or "") for p in persons}
    near = _Names({p: n.lower() for p, n in names.items()})
    different = {(str(a), str(b)) for a, b in graph.subject_objects(OWL.differentFrom)}
    found = []
    stated = {f.shown: {str(s) for s, p in f.pairs if p in (FOAF.name, RDF.type) and str(s) in term} for f in files}
    checked = set().union(*stated.values())
    tokens = {p: _person_tokens(p) for p in persons}
    for f in files:
        for a in sorted(stated[f.shown]):
            ta = tokens[a]
            alike = []
            for b in near.candidates(a):
                if a == b or (a, b) in different or (b, a) in different:
                    continue
                tb = tokens[b]
                if b in checked and (len(ta), a) > (len(tb), b):
                    continue  # a pair both checked: reported once, at the shorter name
                subset = ta[-1] == tb[-1] and (set(ta) < set(tb) or set(tb) < set(ta))
                if subset or near.alike(a, b):
                    alike.append(b)
            for b in sorted(alike):
                there = index.locate(term[b], FOAF.name, graph.value(term[b], FOAF.name)) or index.locate(term[b])
                found.append(Finding(
                    f.shown, f.line_of(term[a], FOAF.name) or 1, ERROR,
                    f"{shorten(a)} ({names[a]!r}) looks like {shorten(b)} ({names[b]!r}, {there}); "
                    "expected one IRI per person: reuse that one and add this text's evidence to it, or, if they "
                    "are two persons, say so with owl:differentFrom"))
    return found


def _single_values(index: SourceIndex, graph: Graph, files: list[DataFile]) -> list[Finding]:
    found = []
    for f in files:
        for s, p in sorted(pair for pair in f.pairs if pair[1] in SINGLE):
            values = sorted(graph.objects(s, p), key=str)
            by_lang: dict[str, list] = {}
            for v in values:
                by_lang.setdefault(getattr(v, "language", None) or "", []).append(v)
            for lang, same in by_lang.items():
                if len(same) < 2 or not any((s, p, v) in f.triples for v in same):
                    continue
                where = [f"{str(v)[:60]!r} ({index.locate(s, p, v)})" for v in same]
                mine = next(v for v in same if (s, p, v) in f.triples)
                tag = f"@{lang}" if lang else ""
                found.append(Finding(f.shown, f.line_of(s, mine) or 1, ERROR,
                                     f"{shorten(str(s))} has {len(same)} {shorten(str(p))}{tag} values: "
                                     f"{' and '.join(where)}; expected one: "
                                     f"{INSTEAD.get(p, 'keep it in one file')}"))
    return found
