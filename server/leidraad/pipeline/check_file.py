"""``leidraad check data/FILE.ttl``: the build's checks for one data file, in seconds, each at a file and line.

The other sources are loaded as context (a person another file describes
exists; a concept's label in another file is a duplicate), the closure is
computed over everything as the build does, and then only what the file
states is checked: the shapes on the resources it states something about
(pyshacl's focus nodes), the quotes of its evidence, and the data-as-written
checks of :mod:`.integrity`.  The messages are those ``build`` and
``validate`` print for the same file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from pyshacl import Validator
from pyshacl.entrypoints import DataGraph
from rdflib import Graph, URIRef

from ..core.namespaces import OA
from . import evidence, integrity, validation_types
from .build import load_shapes
from .findings import ERROR, Finding, from_quotes, from_shacl
from .locations import SourceIndex, read_data_file
from .parse import parse_triples
from .reason import reason
from .report import results_of
from .skolemise import skolemise_triples
from .sources import Sources
from .validate import ShapesError


@dataclass
class FileCheck:
    """What checking one file found."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    quotes_checked: int = 0
    resources: int = 0
    inconsistencies: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(f.severity == ERROR for f in self.findings) and not self.inconsistencies


def check_file(sources: Sources, path: Path) -> FileCheck:
    """Check ``path`` against everything else in ``sources``; raises :class:`.parse.SourceError` if it does not parse.

    ``path`` need not lie in ``data/`` yet: a file elsewhere is checked as if it were added.
    """
    started = time.perf_counter()
    target = read_data_file(path, sources.root)  # parse errors first, at their line
    others = [p for p in sources.data_files() if p.resolve() != path.resolve()]
    index = SourceIndex([target, *(read_data_file(p, sources.root) for p in others)])
    ontology = Graph()
    for p in sources.ontology_files() + sources.vocabulary_files():
        for t in skolemise_triples(parse_triples(p)[0]):
            ontology.add(t)
    everything = Graph()
    for t in ontology:
        everything.add(t)
    for f in index.files:
        for t in f.triples:
            everything.add(t)
    outcome = FileCheck(target.shown)
    outcome.findings = integrity.check(index, everything, ontology, sources.seeds, only=target)

    types = validation_types.asserted_types(everything)
    closure = reason(everything)
    outcome.inconsistencies = _mine(closure.errors, target)
    for t in closure.triples:
        everything.add(t)
    hidden = validation_types.unsupported_types(types, closure.triples, ontology)
    for t in hidden:
        everything.remove(t)
    focus = sorted({s for s, _, _ in target.triples if isinstance(s, URIRef)})
    outcome.resources = len(focus)
    shapes = load_shapes(sources)
    report = _validate_focus(everything, shapes, set(focus))
    results = results_of(report, shapes, everything) if focus else []
    outcome.findings += [f for f in from_shacl(results, index, everything) if f.file == target.shown]

    mine = {s for s, p, _ in target.triples if p == OA.exact}
    outcome.quotes_checked, problems = evidence.check_graph(everything, sources.seeds, only=mine)
    outcome.findings += from_quotes(problems, index, everything)
    outcome.findings = sorted({f.key: f for f in outcome.findings}.values(), key=lambda f: f.key)
    outcome.seconds = round(time.perf_counter() - started, 2)
    return outcome


def _validate_focus(data: Graph, shapes: Graph, focus: set) -> Graph:
    """pyshacl on ``data``, each targeted shape on those of its focus nodes that are in ``focus``.

    pyshacl's own ``focus_nodes`` option also filters the values nested shapes look at (literals
    included), which breaks qualified counts; narrowing each shape's targets keeps nested checks whole.
    """
    graph = DataGraph.from_rdflib(data)
    validator = Validator(graph, shacl_graph=shapes, options={
        "inference": "none", "advanced": False, "allow_warnings": True, "inplace": True})
    executor = validator.make_executor()
    conforms, reports = True, []
    try:
        for shape in validator.shacl_graph.shapes:  # the loop of Validator.run, each shape on our nodes only
            targets = [n for n in shape.focus_nodes(graph) if n in focus]
            if targets:
                ok, found = shape.validate(executor, graph, focus=targets)
                conforms = conforms and ok
                reports.extend(found)
        report, _text = validator.create_validation_report(validator.shacl_graph, conforms, reports)
    except Exception as exc:  # pyshacl reports a broken shapes graph by raising
        raise ShapesError(f"the shapes cannot be used: {exc}") from None
    return report


def _mine(errors: list[str], target) -> list[str]:
    """The reasoner's inconsistencies that name a resource of the file."""
    names = {str(s) for s, _, _ in target.triples}
    return [e for e in errors if any(n in e for n in names)]


def report_lines(outcome) -> list[str]:
    """What ``leidraad check`` prints: every finding at its file and line, then a summary line."""
    lines = [str(finding) for finding in outcome.findings]
    lines += [f"{outcome.file}: error: OWL 2 RL inconsistency: {problem}" for problem in outcome.inconsistencies]
    errors = sum(1 for f in outcome.findings if f.severity == "error") + len(outcome.inconsistencies)
    warnings = sum(1 for f in outcome.findings if f.severity == "warning")
    lines.append(f"{outcome.file}: {outcome.resources} resources, {outcome.quotes_checked} quotes checked: "
                 f"{errors} error(s), {warnings} warning(s) ({outcome.seconds:.1f} s)")
    return lines
