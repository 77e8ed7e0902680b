"""SHACL validation and the reports a researcher reads.

pyshacl checks the asserted and inferred triples together against the shapes
in ``shapes/``.  Its report graph is kept for the dumps; for people we group
the results by focus node and shape and show the message in their language.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef, plugin
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor

from .namespaces import PREFIXES, SH


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, flattened."""

    focus: str
    path: str
    shape: str
    severity: str
    messages: dict[str, str]
    value: str

    def message(self, lang: str) -> str:
        return self.messages.get(lang) or self.messages.get("") or next(iter(self.messages.values()), "")


@dataclass
class Report:
    """The outcome of validating one graph."""

    conforms: bool
    graph: Graph
    results: list[Result] = field(default_factory=list)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]


_REPORT_PREFIXES = {**PREFIXES, "shape": "https://w3id.org/leidraad/def/shapes#"}


def _short(term: object) -> str:
    """A prefixed name where one of our prefixes fits, for reports."""
    text = str(term)
    for prefix, ns in sorted(_REPORT_PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and len(text) > len(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def _template(message: Literal) -> re.Pattern:
    """A pattern matching ``message`` once pyshacl has filled in its ``{?var}`` placeholders."""
    parts = re.split(r"\{[?$]\w+\}", str(message))
    return re.compile("^" + ".*".join(re.escape(p) for p in parts) + "$", re.DOTALL)


def _language_of(message: Literal, constraint: object, shapes: Graph) -> str:
    """pyshacl drops the language tag of SPARQL-constraint messages; recover it from the shapes."""
    if message.language or constraint is None:
        return message.language or ""
    for template in shapes.objects(constraint, SH.message):
        if isinstance(template, Literal) and template.language and _template(template).match(str(message)):
            return template.language
    return ""


def _node_shape(source: object, focus: object, shapes: Graph, data: Graph) -> object:
    """The node shape a result belongs to: its source shape, or the node shape holding that property shape.

    A reusable property shape (labels, evidence) sits in several node shapes;
    the one targeting a class of the focus node is the one meant.
    """
    if source is None or (source, RDF.type, SH.NodeShape) in shapes:
        return source
    holders = sorted(shapes.subjects(SH.property, source))
    types = set(data.objects(focus, RDF.type))
    fitting = [h for h in holders if types & set(shapes.objects(h, SH.targetClass))]
    return (fitting or holders or [source])[0]


def _results(report: Graph, shapes: Graph, data: Graph) -> list[Result]:
    found = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        messages = {}
        constraint = report.value(node, SH.sourceConstraint)
        for m in report.objects(node, SH.resultMessage):
            if isinstance(m, Literal):
                messages[_language_of(m, constraint, shapes)] = str(m)
        severity = report.value(node, SH.resultSeverity)
        found.append(Result(
            focus=_short(report.value(node, SH.focusNode)),
            path=_short(report.value(node, SH.resultPath) or ""),
            shape=_short(_node_shape(report.value(node, SH.sourceShape), report.value(node, SH.focusNode), shapes, data)
                         or ""),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            messages=messages,
            value=_short(report.value(node, SH.value) or ""),
        ))
    return sorted(found, key=lambda r: (r.focus, r.shape, r.path, r.value))


class PreparingProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, parsing each distinct query text once.

    pyshacl evaluates a SPARQL-based constraint once per focus node, always
    with the same text and the focus node as an initial binding; rdflib
    parses and translates that text anew each time, which was two thirds of
    the validation time on our data.  A prepared query is reusable with other
    bindings (that is what rdflib's ``prepareQuery`` is for), so the answers
    are the same.
    """

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):  # noqa: N803 - rdflib's names
        if isinstance(strOrQuery, str):
            strOrQuery = _prepared(strOrQuery, base, tuple(sorted((initNs or {}).items())))
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


@lru_cache(maxsize=512)
def _prepared(text: str, base: str | None, namespaces: tuple) -> Query:
    return translateQuery(parseQuery(text), base, dict(namespaces))


def _use_preparing_processor() -> None:
    """Make rdflib's default "sparql" processor the preparing one (rdflib's plugin registry)."""
    plugin.register("sparql", Processor, "server.validation", "PreparingProcessor")


#: Below this many triples validation runs in one process: forking costs more than it saves, and the
#: tests' in-process builds of the real data stay on the plain path.
PARALLEL_FROM = 150_000


def validate(data: Graph, shapes: Graph, workers: int | None = None) -> Report:
    """Validate ``data`` (asserted plus inferred) against ``shapes``; no further inference.

    On a large graph the targeted node shapes are shared out among
    ``workers`` processes (by default one per CPU): this one and forked
    children, which see the same graph and shapes in shared memory and each
    take the next shape, largest first, until none is left.  Their reports
    are merged into one.  Every result is found exactly as one pyshacl run
    would find it: a shape's verdict never depends on other top-level shapes.
    """
    _use_preparing_processor()
    if workers is None:
        workers = _cpus() if len(data) >= PARALLEL_FROM else 1
    tasks = _shape_tasks(data, shapes) if workers > 1 else []
    if len(tasks) < 2:
        conforms, report_graph = _validate_shapes(data, shapes, None)  # every shape, as pyshacl finds them
    else:
        conforms, report_graph = _validate_in_parallel(data, shapes, tasks, workers)
    return Report(conforms=conforms, graph=report_graph, results=_results(report_graph, shapes, data))


def _validate_shapes(data: Graph, shapes: Graph, use_shapes: list[str] | None) -> tuple[bool, Graph]:
    # inplace: with no inference and no SHACL rules nothing is written to the data graph, and pyshacl's
    # defensive copy of it was a third of the validation time (and a second copy of the graph in memory).
    conforms, report_graph, _ = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True,
        use_shapes=use_shapes,
    )
    return bool(conforms), report_graph


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _shape_tasks(data: Graph, shapes: Graph) -> list[list[str]]:
    """One task per targeted node shape, the likely largest first; none if the shapes cannot be split.

    A shape's work is estimated as its focus nodes (instances of its target
    classes) times its constraints.  Each task also lists every named shape
    that is not targeted: pyshacl ignores a named shape not listed, even one
    a listed shape refers to (the reusable label and evidence property
    shapes), and having no targets they add no focus nodes of their own.
    """
    node_shapes = sorted(shapes.subjects(RDF.type, SH.NodeShape))
    other_targets = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    if any(any(shapes.objects(shape, p)) for shape in node_shapes for p in other_targets) or any(
            (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes
            for shape in node_shapes):
        return []  # only class targets are estimated and shared out
    costs = []
    for shape in node_shapes:
        targets = list(shapes.objects(shape, SH.targetClass))
        if targets:
            focus = sum(1 for c in targets for _ in data.subjects(RDF.type, c))
            constraints = 1 + sum(1 for p in (SH.property, SH.sparql) for _ in shapes.objects(shape, p))
            costs.append((focus * constraints, str(shape)))
    targeted = {shape for _, shape in costs}
    helpers = sorted({str(s) for s in shapes.subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}
                     | {str(o) for p in _SHAPE_REFERENCES for o in shapes.objects(None, p) if isinstance(o, URIRef)}
                     - targeted)
    return [[shape, *helpers] for _, shape in sorted(costs, reverse=True)]


#: Properties whose value is a shape (SHACL §2.1); shapes named by them must stay visible in every task.
_SHAPE_REFERENCES = (SH.property, SH.node, SH.qualifiedValueShape, SH["not"])


def _validate_in_parallel(data: Graph, shapes: Graph, tasks: list[list[str]], workers: int) -> tuple[bool, Graph]:
    """Share ``tasks`` out between this process and ``workers - 1`` forked children; merge their reports."""
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # the index of the next task: whoever is free takes it
    gc.freeze()  # the children share the graph's memory pages; keep the collector from touching (copying) them
    children = []
    try:
        for _ in range(min(workers, len(tasks)) - 1):
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(send, data, shapes, tasks, taken), daemon=True)
            child.start()
            send.close()
            children.append((child, receive))
        parts = _take_tasks(data, shapes, tasks, taken)
        for child, receive in children:
            try:
                outcome = receive.recv()
            except EOFError:
                child.join()
                raise RuntimeError(f"a validation worker died (exit code {child.exitcode})") from None
            if isinstance(outcome, BaseException):
                raise outcome
            for conforms, triples in outcome:
                part = Graph()
                for triple in triples:
                    part.add(triple)
                parts.append((conforms, part))
            child.join()
    finally:
        gc.unfreeze()
        for child, _ in children:
            if child.is_alive():
                child.kill()
    return _merge_reports(parts)


def _take_tasks(data: Graph, shapes: Graph, tasks: list[list[str]], taken) -> list[tuple[bool, Graph]]:  # noqa: ANN001
    """Validate the next untaken task until there is none; the reports, one per task done."""
    parts = []
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(tasks):
            return parts
        parts.append(_validate_shapes(data, shapes, tasks[index]))


def _child(send, data: Graph, shapes: Graph, tasks: list[list[str]], taken) -> None:  # noqa: ANN001
    try:
        parts = _take_tasks(data, shapes, tasks, taken)
        # as triples, pickled: blank nodes keep their names, and those of the shapes graph must match the parent's
        send.send([(conforms, list(report)) for conforms, report in parts])
    except Exception as exc:  # reported to the parent, which raises it
        send.send(RuntimeError(f"validation worker failed: {exc!r}"))
    finally:
        send.close()


def _merge_reports(parts: list[tuple[bool, Graph]]) -> tuple[bool, Graph]:
    """One sh:ValidationReport holding every part's results."""
    conforms = all(c for c, _ in parts)
    merged = Graph()
    merged.bind("sh", str(SH))
    report = BNode()
    merged.add((report, RDF.type, SH.ValidationReport))
    merged.add((report, SH.conforms, Literal(conforms)))
    for _, part in parts:
        heads = set(part.subjects(RDF.type, SH.ValidationReport))
        for s, p, o in part:
            if s in heads:
                if p == SH.result:
                    merged.add((report, p, o))
            else:
                merged.add((s, p, o))
    return conforms, merged


def format_text(report: Report, lang: str = "en") -> str:
    """A human-readable report grouped by resource, then shape."""
    if not report.results:
        return "Conforms." if lang == "en" else "Voldoet."
    by_focus: dict[str, dict[str, list[Result]]] = defaultdict(lambda: defaultdict(list))
    for r in report.results:
        by_focus[r.focus][r.shape].append(r)
    lines = []
    for focus, shapes in by_focus.items():
        lines.append(focus)
        for shape, results in shapes.items():
            lines.append(f"  {shape}")
            for r in results:
                where = f" [{r.path}]" if r.path else ""
                value = f" ({r.value})" if r.value and r.value != focus else ""
                lines.append(f"    {r.severity}{where}: {r.message(lang)}{value}")
    v, w = len(report.violations), len(report.warnings)
    lines.append(f"{v} violation(s), {w} warning(s)" if lang == "en" else f"{v} overtreding(en), {w} waarschuwing(en)")
    return "\n".join(lines)


def format_json(report: Report) -> str:
    return json.dumps(
        {"conforms": report.conforms, "results": [r.__dict__ for r in report.results]},
        ensure_ascii=False, indent=2,
    )


__all__ = ["Report", "Result", "format_json", "format_text", "validate"]
