"""``leidraad suggest SEED``: candidates read from a seed text, each with its exact quote and line range.

Rule-based, and only proposals: persons with the function and organisation
the text gives them ("Marloes Verbeek, gemeentesecretaris van de gemeente
Zuiderveen"), or persons already in the graph whose name the text writes;
author-year references (:mod:`.references`) matched against the works in the
graph (a ``fabio:Expression`` with ``dcterms:creator`` and
``fabio:hasPublicationYear``); concepts in the graph whose label the text
uses (accents, hyphens, case and line breaks ignored); numbered and bulleted
lists, as framework candidates.  :mod:`.suggest_turtle` writes them as
commented Turtle; nothing here writes to ``data/``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, SKOS

from ..core.namespaces import DCTERMS, FABIO
from .references import find_references, flatten

_PARTICLES = r"(?:van der|van den|van de|van|de|den|der|’t|'t|ter|ten|in ’t)"
_CAP = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_PERSON = re.compile(
    rf"(?<![\w.])(?P<name>{_CAP}(?:\s+(?:[A-Z]\.)+)?(?:\s+{_CAP})?(?:\s+{_PARTICLES})*\s+[A-Z][\w’'-]+)"
    rf",\s+(?P<function>(?:[a-z][\w\-’']*\s+){{0,6}}?[a-z][\w\-’']*(?:\s+(?P<prep>van|bij|aan|in)\s+"
    rf"(?P<org>(?:de |het )?(?:[a-z]+ )?[A-Z][\w\-’']*(?: (?:{_PARTICLES}|en|voor|[A-Z][\w\-’']*))*))?)"
)
#: A list item's mark: "1." "1)" "(1)" "a)", or a bullet (PDF extractions give private-use glyphs for some).
_ITEM = re.compile(r"^\s*(?P<mark>\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|[-•*–·▪\ue000-\uf8ff])\s*(?P<text>\S.*)$")


@dataclass(frozen=True)
class Proposal:
    """One candidate: its kind, what it proposes, where the text says it and in which words."""

    kind: str  # person, reference, concept, list
    label: str
    start: int
    end: int
    quote: str
    existing: str | None = None  # the IRI already in the graph it stands for
    details: dict = field(default_factory=dict, hash=False, compare=False)


def fold(text: str) -> str:
    """Lower case, accents dropped, hyphens and white space one space: how labels are matched."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[-‐‑–—_/]+", " ", plain).split())


def _span(flat: str, lines: list[int], start: int, end: int) -> tuple[int, int, str]:
    return lines[start], lines[max(start, end - 1)], " ".join(flat[start:end].split())


def persons(text: str, graph: Graph | None = None) -> list[Proposal]:
    """Names followed by a function (and organisation); and names of persons in the graph the text writes."""
    flat, lines = flatten(text)
    found: dict[tuple[int, str], Proposal] = {}
    for m in _PERSON.finditer(flat):
        start, end, quote = _span(flat, lines, m.start(), m.end())
        details = {"name": m.group("name"), "function": m.group("function"), "organisation": m.group("org")}
        found[(start, m.group("name"))] = Proposal("person", m.group("name"), start, end, quote, None, details)
    if graph is not None:
        for person, name in graph.subject_objects(FOAF.name):
            if (person, RDF.type, FOAF.Person) not in graph or len(str(name).split()) < 2:
                continue
            for start, end, quote in _occurrences(flat, lines, fold(str(name))):
                key = (start, str(name))
                if not any(k[0] == start and fold(k[1]) in fold(str(name)) for k in found):
                    found[key] = Proposal("person", str(name), start, end, quote, str(person))
                else:
                    for k in [k for k in found if k[0] == start and fold(k[1]) in fold(str(name))]:
                        p = found[k]
                        found[k] = Proposal("person", p.label, p.start, p.end, p.quote, str(person), p.details)
    return [found[k] for k in sorted(found)]


def _occurrences(flat: str, lines: list[int], wanted: str) -> list[tuple[int, int, str]]:
    """Where ``wanted`` (folded) stands in ``flat``, as line ranges and the words as written.

    Folding keeps one character per character except dropped accents and merged white space, so
    positions are mapped back through a per-character index.
    """
    if not wanted:
        return []
    index = _fold_index(flat)
    found = []
    for m in re.finditer(rf"(?<![a-z0-9]){re.escape(wanted)}(?![a-z0-9])", index[0]):
        a, b = index[1][m.start()], index[1][m.end() - 1] + 1
        found.append(_span(flat, lines, a, b))
    return found


_FOLD_CACHE: dict[int, tuple[str, list[int]]] = {}


def _fold_index(flat: str) -> tuple[str, list[int]]:
    """``fold(flat)`` with, for each folded character, its position in ``flat``."""
    key = hash(flat)
    if key in _FOLD_CACHE:
        return _FOLD_CACHE[key]
    out, where = [], []
    for i, ch in enumerate(flat):
        for c in fold(ch) if not ch.isspace() and ch not in "-‐‑–—_/" else " ":
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            where.append(i)
    _FOLD_CACHE.clear()
    _FOLD_CACHE[key] = ("".join(out), where)
    return _FOLD_CACHE[key]


def _surname(name: str) -> str:
    return fold(name.split()[-1]) if name.split() else ""


def works_in(graph: Graph) -> dict[tuple[str, str], list[str]]:
    """The graph's works by (first creator's surname, year)."""
    table: dict[tuple[str, str], list[str]] = {}
    for work in set(graph.subjects(FABIO.hasPublicationYear, None)):
        year = str(graph.value(work, FABIO.hasPublicationYear))[:4]
        for creator in graph.objects(work, DCTERMS.creator):
            name = graph.value(creator, FOAF.name) or graph.value(creator, SKOS.prefLabel)
            if name is not None:
                table.setdefault((_surname(str(name)), year), []).append(str(work))
    return table


def references(text: str, graph: Graph | None = None) -> list[Proposal]:
    works = works_in(graph) if graph is not None else {}
    found = []
    for ref in find_references(text):
        for year in ref.years:
            match = next((w for s in ref.surnames for w in works.get((_surname(s), year[:4]), [])), None)
            label = f"{' & '.join(ref.authors)} ({year})"
            found.append(Proposal("reference", label, ref.line_start, ref.line_end, ref.as_written, match,
                                  {"authors": ref.authors, "year": year}))
    return found


def concepts(text: str, graph: Graph) -> list[Proposal]:
    """Concepts of the graph whose Dutch label or alternative label the text uses: the first place each stands."""
    flat, lines = flatten(text)
    found = []
    for concept in sorted(set(graph.subjects(SKOS.inScheme, None))):
        labels = [o for p in (SKOS.prefLabel, SKOS.altLabel) for o in graph.objects(concept, p)
                  if isinstance(o, Literal) and o.language in ("nl", None)]
        for label in labels:
            hits = _occurrences(flat, lines, fold(str(label)))
            if hits and len(fold(str(label))) > 3:
                start, end, quote = hits[0]
                found.append(Proposal("concept", str(label), start, end, quote, str(concept), {"count": len(hits)}))
                break
    return found


def lists(text: str) -> list[Proposal]:
    """Runs of two or more numbered or bulleted lines (an indented line continues its item)."""
    found, run = [], []
    raw = text.splitlines()

    def close() -> None:
        if len(run) >= 2:
            items = [" ".join(" ".join(raw[i - 1] for i in range(a, b + 1)).split()) for a, b in run]
            numbered = _ITEM.match(raw[run[0][0] - 1]).group("mark").strip("(")[0].isdigit()
            found.append(Proposal("list", "numbered list" if numbered else "bulleted list", run[0][0], run[-1][1],
                                  items[0], None, {"items": items, "spans": list(run), "numbered": numbered}))
        run.clear()

    for number, line in enumerate(raw, start=1):
        if _ITEM.match(line):
            run.append((number, number))
        elif run and line.startswith((" ", "\t")) and line.strip():
            run[-1] = (run[-1][0], number)
        elif line.strip() or (run and number + 1 <= len(raw) and not _ITEM.match(raw[number] if number < len(raw)
                                                                                else "")):
            close()
    close()
    return found


def suggest(text: str, graph: Graph | None = None) -> list[Proposal]:
    """Every proposal for ``text``, persons first, in the order of the data file's sections."""
    found = persons(text, graph) + references(text, graph)
    if graph is not None:
        found += concepts(text, graph)
    return found + lists(text)


__all__ = ["Proposal", "URIRef", "fold", "suggest"]
