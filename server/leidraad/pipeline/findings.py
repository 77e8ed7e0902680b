"""Problems as a researcher fixes them: each at a data file and line, with the value and what was expected.

The build's checks speak of resources (SHACL results), evidence nodes (the
quote check) and triples (:mod:`.integrity`); this module turns each into a
:class:`Finding` at the line of the data file that states it
(:mod:`.locations`), so ``leidraad build``, ``validate`` and ``check`` print
the same messages, sorted by file and line.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from ..core.namespaces import LEI, OA
from ..core.prefixes import PREFIXES, shorten
from .evidence import QuoteProblem
from .locations import Location, SourceIndex
from .report import Result

ERROR = "error"
WARNING = "warning"
#: Message groups, in the order they are printed.
SHAPES, QUOTES, WRITTEN = "shapes", "quotes", "as written"


@dataclass(frozen=True)
class Finding:
    """One problem at one place: ``data/x.ttl:12: error: …``."""

    file: str
    line: int
    severity: str
    message: str
    group: str = WRITTEN
    #: The message in Dutch, where the check has one (the shapes' messages); else the English one is shown.
    message_nl: str = ""

    def __str__(self) -> str:
        return self.text()

    def text(self, lang: str = "en") -> str:
        message = self.message_nl if lang == "nl" and self.message_nl else self.message
        return f"{self.file}:{self.line}: {self.severity}: {message}"

    @property
    def key(self) -> tuple[str, int, str]:
        return self.file, self.line, self.message


def at(location: Location | None, severity: str, message: str, group: str = WRITTEN) -> Finding:
    where = location or Location("?", 0)
    return Finding(where.file, where.line, severity, message, group)


def expand(curie: str) -> URIRef | None:
    """A CURIE of the standard prefixes (as reports write them) back to its IRI."""
    if curie.startswith(("http://", "https://")):
        return URIRef(curie)
    name, sep, local = curie.partition(":")
    return URIRef(PREFIXES[name] + local) if sep and name in PREFIXES else None


def _value_term(graph: Graph, focus: URIRef, path: URIRef | None, value: str) -> object:
    """The RDF term a report's value string stands for: an IRI, or the literal the focus has on that path."""
    iri = expand(value)
    if iri is not None:
        return iri
    if path is not None:
        for o in graph.objects(focus, path):
            if isinstance(o, Literal) and str(o) == value:
                return o
    return Literal(value) if value else None


def from_shacl(results: list[Result], index: SourceIndex, graph: Graph) -> list[Finding]:
    """SHACL results located: the line stating the offending value, else the focus node's block."""
    found = []
    for r in results:
        focus = expand(r.focus)
        path = expand(r.path) if r.path else None
        value = _value_term(graph, focus, path, r.value) if focus is not None and r.value != r.focus else None
        location = index.locate(focus, path, value) if focus is not None else None
        what = (_top_name(index, focus) if focus is not None else r.focus) + (f" {r.path}" if r.path else "")
        shown = f" (value: {r.value})" if r.value and r.value != r.focus else ""
        severity = WARNING if r.severity in ("Warning", "Info") else ERROR
        english = at(location, severity, f"{what}: {r.message('en')}{shown} [{r.shape}]", SHAPES)
        found.append(Finding(english.file, english.line, severity, english.message, SHAPES,
                             f"{what}: {r.message('nl')}{shown} [{r.shape}]"))
    return found


def _top_name(index: SourceIndex, node: URIRef) -> str:
    """The resource a nested node hangs from, as a CURIE: evidence is named by its resource, not its hash."""
    for f in index.files:
        top = f.top(node)
        if top != node:
            return shorten(str(top)) + " evidence"
    return shorten(str(node))


def from_quotes(problems: list[QuoteProblem], index: SourceIndex, graph: Graph) -> list[Finding]:
    """Quote problems located at their ``oa:exact`` line, named by the resource the evidence belongs to."""
    found = []
    for p in problems:
        node = URIRef(p.evidence)
        if p.missing_seed:
            text = graph.value(node, LEI.inText)
            seed_holder = _seed_holder(graph, text)
            location = index.locate(seed_holder, LEI.seedFile) if seed_holder is not None else None
            found.append(at(location, ERROR, f"seed file {p.seed} not found (every quote from it is unchecked); "
                                             "expected the file in the seeds folder (--seeds, LEIDRAAD_SEEDS)",
                            QUOTES))
            continue
        quote = Literal(p.quote)
        location = index.locate(node, OA.exact, quote)
        owner = _top_name(index, node)
        if p.start == 0:
            why = "has no seed file (lei:inText a text with lei:seedFile) or no lei:lineStart"
        elif p.found_at:
            why = (f"is not at lines {p.start}-{p.end} of {p.seed}; "
                   f"it stands at lines {p.found_at[0]}-{p.found_at[1]}")
        else:
            why = f"is not in {p.seed} (at lines {p.start}-{p.end} or anywhere else); copy it verbatim"
        found.append(at(location, ERROR, f"{owner}: quote {p.quote[:80]!r} {why}", QUOTES))
    return found


def _seed_holder(graph: Graph, text: object) -> object:
    seen = set()
    while text is not None and text not in seen:
        seen.add(text)
        if graph.value(text, LEI.seedFile) is not None:
            return text
        text = graph.value(text, URIRef("http://purl.org/dc/terms/isPartOf"))
    return None


def describe(findings: list[Finding], lang: str = "en") -> str:
    """The findings grouped (shapes, quotes, data as written), each group sorted by file and line."""
    heads = {
        SHAPES: ("Shapes (SHACL):", "Vormregels (SHACL):"),
        QUOTES: ("Quotes not found in their seed files:", "Citaten niet gevonden in de bron:"),
        WRITTEN: ("Data as written (names, kinds, duplicates):", "Data zoals geschreven (namen, soorten, dubbels):"),
    }
    parts = []
    for group, (en, nl) in heads.items():
        mine = sorted({f.key: f for f in findings if f.group == group}.values(), key=lambda f: f.key)
        if mine:
            parts.append((en if lang == "en" else nl) + "\n" + "\n".join(f"  {f.text(lang)}" for f in mine))
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    if parts:
        parts.append(f"{errors} error(s), {warnings} warning(s)" if lang == "en"
                     else f"{errors} fout(en), {warnings} waarschuwing(en)")
    return "\n\n".join(parts)
