"""The shapes catch what they are meant to catch, and the real data passes them.

Each fixture in ``fixtures/shapes/`` adds one fault to ``_base.ttl`` (a tiny
graph that conforms) and names, in its header, the shape that must catch it
and a fragment of the English message that must be shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from leidraad.core.namespaces import LEI, SH
from leidraad.core.prefixes import shorten
from leidraad.pipeline.build import load_shapes
from leidraad.pipeline.reason import reason
from leidraad.pipeline.validate import Report, validate
from leidraad.pipeline.validation_types import visible
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

SHAPE_NS = Namespace("https://w3id.org/leidraad/def/shapes#")

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
BROKEN = sorted(p for p in FIXTURES.glob("*.ttl") if not p.name.startswith("_"))


def header(path: Path, key: str, default: str | None = None) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    if default is not None:
        return default
    raise AssertionError(f"{path.name} has no '# {key}:' line")


@pytest.fixture(scope="module")
def shapes(sources) -> Graph:
    return load_shapes(sources)


_REPORTS: dict[tuple[Path, ...], Report] = {}


def check(ontology: Graph, shapes: Graph, *paths: Path) -> Report:
    """The report on ``_base.ttl`` plus a fixture, made once per test session (several tests read it)."""
    if paths not in _REPORTS:
        g = Graph() + ontology
        for path in paths:
            g.parse(path, format="turtle")
        _REPORTS[paths] = validate(visible(g, reason(g).inferred), shapes)
    return _REPORTS[paths]


def _name(shape: object) -> str:
    return "shape:" + str(shape).rsplit("#", 1)[-1]


def _path(g: Graph, path: object) -> str:
    """A property path as text: a property, or the properties of an ``sh:alternativePath``."""
    alternatives = g.value(path, SH.alternativePath) if not isinstance(path, URIRef) else None
    if alternatives is not None:
        return " | ".join(sorted(shorten(str(m)) for m in Collection(g, alternatives)))
    return shorten(str(path))


def class_constraints(shapes: Graph) -> set[tuple[str, str]]:
    """Every ``sh:class`` constraint (alone or in an ``sh:or``) as (shape, path): the node shape whose inline
    property shape holds it, or the named property shape several node shapes share."""
    found = set()
    for node_shape in shapes.subjects(RDF.type, SH.NodeShape):
        for prop in shapes.objects(node_shape, SH.property):
            path = shapes.value(prop, SH.path)
            alternatives = [m for o in shapes.objects(prop, SH["or"]) for m in Collection(shapes, o)]
            if path is not None and (shapes.value(prop, SH["class"]) is not None or any(
                    shapes.value(m, SH["class"]) is not None for m in alternatives)):
                found.add((_name(prop if isinstance(prop, URIRef) else node_shape), _path(shapes, path)))
    return found


def class_failures(report: Report) -> set[tuple[str, str]]:
    """The (shape, path), as :func:`class_constraints` names them, of every class constraint failed in ``report``."""
    g, components = report.graph, {SH.ClassConstraintComponent, SH.OrConstraintComponent}
    shape_of = {(r.focus, r.path): r.shape for r in report.violations}
    failed = set()
    for r in g.subjects(RDF.type, SH.ValidationResult):
        if g.value(r, SH.sourceConstraintComponent) not in components:
            continue
        focus, path, source = (g.value(r, p) for p in (SH.focusNode, SH.resultPath, SH.sourceShape))
        owner = _name(source) if isinstance(source, URIRef) else shape_of.get((shorten(str(focus)), shorten(str(path))))
        if owner:
            failed.add((owner, _path(g, path)))
    return failed


def test_base_fixture_conforms(ontology, shapes) -> None:
    report = check(ontology, shapes, FIXTURES / "_base.ttl")
    assert report.conforms, [r.message("en") for r in report.results]


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_fails_with_its_message(ontology, shapes, fixture: Path) -> None:
    report = check(ontology, shapes, FIXTURES / "_base.ttl", fixture)
    expected_shape, expected_message = header(fixture, "shape"), header(fixture, "expect")
    severity = header(fixture, "severity", "Violation")  # a warning leaves the graph conforming
    assert not report.conforms or severity == "Warning"
    hits = [r for r in report.results if r.severity == severity and expected_message in r.message("en")]
    assert hits, [f"{r.shape}: {r.message('en')}" for r in report.results]
    assert any(r.shape == f"shape:{expected_shape}" for r in hits), [r.shape for r in hits]
    assert all(r.message("nl") and r.message("nl") != r.message("en") for r in hits), "every message is also in Dutch"


def test_every_class_of_ours_is_the_target_of_a_shape(ontology, shapes) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(LEI))}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert not sorted(str(c) for c in classes - targeted)


def test_every_class_constraint_has_a_failing_fixture(ontology, shapes) -> None:
    """A class constraint no fixture breaks may be one that cannot fail (issue 14: a range typed every value)."""
    failed = set().union(*(class_failures(check(ontology, shapes, FIXTURES / "_base.ttl", p)) for p in BROKEN))
    assert sorted(class_constraints(shapes) - failed) == []


def test_every_shape_has_a_failing_fixture(shapes) -> None:
    named = {str(s).rsplit("#", 1)[-1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    covered = {header(p, "shape") for p in BROKEN}
    assert named <= covered, sorted(named - covered)


def test_real_data_conforms(session_build) -> None:
    _, outcome = session_build
    assert outcome.report is not None and outcome.report.conforms
    assert not outcome.report.violations


def test_validation_split_over_processes_finds_exactly_what_one_process_finds(ontology, shapes) -> None:
    g = Graph() + ontology
    for path in [FIXTURES / "_base.ttl", *BROKEN]:
        g.parse(path, format="turtle")
    data = g + reason(g).inferred
    alone, split = validate(data, shapes, workers=1), validate(data, shapes, workers=2)
    assert not alone.conforms and not split.conforms
    assert len({r.shape for r in alone.violations}) >= 20  # many shapes fail, so both groups have results
    def key(r) -> tuple:
        return r.focus, r.shape, r.path, r.value, r.severity, sorted(r.messages.items())

    assert sorted(split.results, key=key) == sorted(alone.results, key=key)
    assert isomorphic(split.graph, alone.graph)


def test_shapes_are_shared_out_as_one_task_per_targeted_shape(asserted, shapes) -> None:
    from leidraad.pipeline.validate import _shape_tasks

    tasks = _shape_tasks(asserted, shapes)
    targeted = {str(s) for s in shapes.subjects(SH.targetClass, None)}
    assert sorted(task[0] for task in tasks) == sorted(targeted)  # each targeted shape once, leading its task
    assert all(not set(task[1:]) & targeted for task in tasks)
    assert all(str(SHAPE_NS["hasEvidence"]) in task for task in tasks)  # the shared property shapes in each
