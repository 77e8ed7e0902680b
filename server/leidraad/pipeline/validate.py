"""SHACL validation: the asserted and inferred triples together against the shapes.

On large graphs the work is shared out over forked processes, one targeted
node shape at a time; the reports are merged into one (:mod:`.report`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ..core.namespaces import SH
from . import prepared_sparql  # noqa: F401  (registers the preparing SPARQL processor, once)
from .report import Report, merge_reports, results_of

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
    if workers is None:
        workers = _cpus() if len(data) >= PARALLEL_FROM else 1
    tasks = _shape_tasks(data, shapes) if workers > 1 else []
    if len(tasks) < 2:
        conforms, report_graph = _validate_shapes(data, shapes, None)  # every shape, as pyshacl finds them
    else:
        conforms, report_graph = _validate_in_parallel(data, shapes, tasks, workers)
    return Report(conforms=conforms, graph=report_graph, results=results_of(report_graph, shapes, data))


def _validate_shapes(data: Graph, shapes: Graph, use_shapes: list[str] | None) -> tuple[bool, Graph]:
    # inplace: with no inference and no SHACL rules nothing is written to the data graph, and pyshacl's
    # defensive copy of it was a third of the validation time (and a second copy of the graph in memory).
    conforms, report_graph, text = shacl_validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True,
        use_shapes=use_shapes,
    )
    if not isinstance(report_graph, Graph):  # pyshacl reports a broken shapes graph instead of validating
        raise ShapesError(f"the shapes cannot be used: {text.strip() or report_graph}")
    return bool(conforms), report_graph


class ShapesError(ValueError):
    """The shapes themselves are malformed (a constraint SHACL forbids): nothing was validated."""


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
    return merge_reports(parts)


def _take_tasks(data: Graph, shapes: Graph, tasks: list[list[str]], taken) -> list[tuple[bool, Graph]]:
    """Validate the next untaken task until there is none; the reports, one per task done."""
    parts = []
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(tasks):
            return parts
        parts.append(_validate_shapes(data, shapes, tasks[index]))


def _child(send, data: Graph, shapes: Graph, tasks: list[list[str]], taken) -> None:
    try:
        parts = _take_tasks(data, shapes, tasks, taken)
        # as triples, pickled: blank nodes keep their names, and those of the shapes graph must match the parent's
        send.send([(conforms, list(report)) for conforms, report in parts])
    except Exception as exc:  # reported to the parent, which raises it
        send.send(RuntimeError(f"validation worker failed: {exc!r}"))
    finally:
        send.close()
