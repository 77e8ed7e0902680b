"""Where a statement stands in the data files: file and line, kept from the Turtle as written.

Parsing forgets lines, so each data file is read twice: parsed into its
(skolemised) triples, and scanned as text for where each subject's block
begins and ends.  A triple is then found in the block of its subject (or, for
evidence and other nested nodes, of the resource they hang from) by the way
its object or predicate is spelled there: a prefixed name, a full IRI, the
start of a literal.  Every message the checks print points at such a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ..core.namespaces import rebase
from ..core.terms import Triple
from .parse import parse_triples
from .skolemise import skolemise_triples
from .validation_types import NESTED

#: A statement starts at column 0 with its subject: a prefixed name or an IRI.
_SUBJECT = re.compile(r"^(<[^>\s]*>|[A-Za-z][\w.-]*:[^\s;,]*|:[^\s;,]*)")


@dataclass(frozen=True)
class Location:
    """A line in a data file, as a researcher's editor shows it (1-based)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class DataFile:
    """One data file: its path as shown, its lines, prefixes and triples, and where each subject's blocks stand."""

    path: Path
    shown: str
    lines: list[str]
    prefixes: dict[str, str]
    triples: dict[Triple, None]
    spans: dict[URIRef, list[tuple[int, int]]] = field(default_factory=dict)
    parents: dict[URIRef, URIRef] = field(default_factory=dict)
    pairs: set[tuple[object, object]] = field(default_factory=set)  # (subject, predicate) stated here

    def expand(self, spelling: str) -> URIRef | None:
        if spelling.startswith("<"):
            return URIRef(spelling[1:-1])
        name, _, local = spelling.partition(":")
        ns = self.prefixes.get(name)
        return URIRef(ns + local.rstrip(".")) if ns is not None else None

    def spellings(self, term: object) -> list[str]:
        """How ``term`` may be written in this file."""
        if isinstance(term, Literal):
            text = str(term).split("\n")[0][:40]
            return [text.replace('"', '\\"'), text] if text else []
        if not isinstance(term, URIRef):
            return []
        iri = str(term)
        found = [f"{name}:{iri[len(ns):]}" for name, ns in self.prefixes.items()
                 if iri.startswith(ns) and len(iri) > len(ns)]
        if term == RDF.type:
            found.append("a")
        return found + [f"<{iri}>"]

    def top(self, node: URIRef) -> URIRef:
        """The resource a nested node (evidence, a cell) hangs from, or the node itself."""
        seen = set()
        while node in self.parents and node not in seen:
            seen.add(node)
            node = self.parents[node]
        return node

    def line_of(self, subject: URIRef, *terms: object) -> int | None:
        """The line where ``subject``'s statement about ``terms`` stands: the first term found wins."""
        blocks = self.spans.get(self.top(subject))
        if not blocks:
            return None
        for term in terms:
            for spelling in self.spellings(term):
                pattern = _word(spelling)
                for start, end in blocks:
                    for number in range(start, end + 1):
                        if pattern.search(self.lines[number - 1]):
                            return number
        return blocks[0][0]

    def prefix_line(self, name: str) -> int:
        pattern = re.compile(rf"^\s*@?prefix\s+{re.escape(name)}:", re.I)
        return next((i + 1 for i, line in enumerate(self.lines) if pattern.match(line)), 1)


def _word(spelling: str) -> re.Pattern:
    if spelling.startswith(("<", '"')) or " " in spelling or not spelling[-1:].isalnum():
        return re.compile(re.escape(spelling))
    return re.compile(rf"(?<![\w:/-]){re.escape(spelling)}(?![\w-]|\.\w)")


def read_data_file(path: Path, root: Path | None = None) -> DataFile:
    """Parse and scan one data file.  Raises :class:`.parse.SourceError` if it does not parse."""
    triples, prefixes = parse_triples(path)
    text = rebase(path.read_text(encoding="utf-8"))
    try:
        shown = str(path.resolve().relative_to(root.resolve())) if root else str(path)
    except ValueError:
        shown = str(path)
    data = DataFile(path, shown, text.split("\n"), prefixes, skolemise_triples(triples))
    starts: list[tuple[int, URIRef]] = []
    for number, line in enumerate(data.lines, start=1):
        if not line or line[0] in " \t#@" or line.lower().startswith(("prefix", "base")):
            continue
        match = _SUBJECT.match(line)
        subject = data.expand(match.group(1)) if match else None
        if subject is not None:
            starts.append((number, URIRef(rebase(str(subject)))))
    for i, (number, subject) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else len(data.lines)
        data.spans.setdefault(subject, []).append((number, end))
    data.pairs = {(s, p) for s, p, _ in data.triples}
    for s, _p, o in data.triples:
        if isinstance(o, URIRef) and str(o).startswith(NESTED) and not str(s).startswith(NESTED):
            data.parents.setdefault(o, s)
    for s, _p, o in data.triples:  # nested in nested: a cell's list node
        if isinstance(o, URIRef) and str(o).startswith(NESTED) and o not in data.parents:
            data.parents[o] = s
    return data


class SourceIndex:
    """Every data file of a build, read for locations."""

    def __init__(self, files: list[DataFile]) -> None:
        self.files = files

    @classmethod
    def read(cls, paths: list[Path], root: Path | None = None) -> SourceIndex:
        return cls([read_data_file(p, root) for p in paths])

    def holding(self, subject: URIRef, predicate: object = None, obj: object = None) -> list[DataFile]:
        """The files stating ``subject predicate obj`` (None: anything), best match first."""
        exact, loose, mention = [], [], []
        for f in self.files:
            if predicate is not None and obj is not None and (subject, predicate, obj) in f.triples:
                exact.append(f)
            elif f.top(subject) in f.spans:
                (loose if (subject, predicate) in f.pairs else mention).append(f)
        return exact + loose + mention

    def locate(self, subject: URIRef, predicate: object = None, obj: object = None) -> Location | None:
        for f in self.holding(subject, predicate, obj):
            line = f.line_of(subject, *(t for t in (obj, predicate) if t is not None))
            if line is not None:
                return Location(f.shown, line)
        return None

    def by_path(self, path: Path) -> DataFile | None:
        wanted = path.resolve()
        return next((f for f in self.files if f.path.resolve() == wanted), None)
