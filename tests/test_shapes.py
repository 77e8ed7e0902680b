"""The shapes catch what they are meant to catch, and the real data passes them.

Each fixture in ``fixtures/shapes/`` adds one fault to ``_base.ttl`` (a tiny
graph that conforms) and names, in its header, the shape that must catch it
and a fragment of the English message that must be shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from leidraad.core.namespaces import LEI, SH
from leidraad.pipeline.build import load_shapes
from leidraad.pipeline.reason import reason
from leidraad.pipeline.validate import Report, validate
from leidraad.pipeline.validation_types import visible
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

SHAPE_NS = Namespace("https://w3id.org/leidraad/def/shapes#")

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
BROKEN = sorted(p for p in FIXTURES.glob("*.ttl") if not p.name.startswith("_"))


def header(path: Path, key: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"{path.name} has no '# {key}:' line")


@pytest.fixture(scope="module")
def shapes(sources) -> Graph:
    return load_shapes(sources)


def check(ontology: Graph, shapes: Graph, *paths: Path) -> Report:
    g = Graph() + ontology
    for path in paths:
        g.parse(path, format="turtle")
    return validate(visible(g, reason(g).inferred), shapes)


def test_base_fixture_conforms(ontology, shapes) -> None:
    report = check(ontology, shapes, FIXTURES / "_base.ttl")
    assert report.conforms, [r.message("en") for r in report.results]


@pytest.mark.parametrize("fixture", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_fixture_fails_with_its_message(ontology, shapes, fixture: Path) -> None:
    report = check(ontology, shapes, FIXTURES / "_base.ttl", fixture)
    expected_shape, expected_message = header(fixture, "shape"), header(fixture, "expect")
    assert not report.conforms
    hits = [r for r in report.violations if expected_message in r.message("en")]
    assert hits, [f"{r.shape}: {r.message('en')}" for r in report.results]
    assert any(r.shape == f"shape:{expected_shape}" for r in hits), [r.shape for r in hits]
    assert all(r.message("nl") and r.message("nl") != r.message("en") for r in hits), "every message is also in Dutch"


def test_every_class_of_ours_is_the_target_of_a_shape(ontology, shapes) -> None:
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(LEI))}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert not sorted(str(c) for c in classes - targeted)


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
