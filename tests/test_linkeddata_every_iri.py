"""Every IRI subject of ours dereferences: to an HTML page (200) and to Turtle describing it.

Runs over the fixture build and over the session's build of the real sources.  In
the real build more than half the IRIs are evidence nodes (``id/evidence/...``),
all rendered by the same code: every other IRI is fetched in full, evidence
nodes in a seeded random sample, and every evidence IRI is resolved with one
cheap request (its 303 to its document).  Annotations (``id/annotation/...``, one
per quoted span, with ``#target`` and selector parts) are treated the same way.
"""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from leidraad.core.namespaces import BASE, ONTOLOGY_IRI
from leidraad.store.dataset import NQUADS

EVIDENCE = (BASE + "id/evidence/", BASE + "id/annotation/")
#: How many evidence nodes of the real build are fetched in full, drawn with a fixed seed.
EVIDENCE_SAMPLE = 200


def subjects(dist: Path) -> list[str]:
    """Every IRI of ours that is the subject of a triple in the build."""
    found: set[str] = set()
    with open(dist / NQUADS, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("<" + BASE):
                found.add(line[1:line.index(">")])
    return sorted(found)


def local_path(iri: str) -> str:
    """Where the server answers for ``iri`` (the IRI policy's mapping)."""
    rest = iri[len(BASE):]
    if rest.startswith("def"):
        return "/def"
    return "/" + rest


def check_dereferences(client, iris: list[str]) -> list[str]:
    """The IRIs that fail to dereference, with the reason, for one readable assertion."""
    failures = []
    for iri in iris:
        path = local_path(iri)
        html = client.get(path, headers={"Accept": "text/html"}, follow_redirects=True)
        if html.status_code != 200 or html.mimetype != "text/html":
            failures.append(f"{iri}: HTML {html.status_code}")
            continue
        turtle = client.get(path, headers={"Accept": "text/turtle"}, follow_redirects=True)
        if turtle.status_code != 200:
            failures.append(f"{iri}: Turtle {turtle.status_code}")
            continue
        described = {quad.subject for quad in ox.parse(turtle.get_data(), format=ox.RdfFormat.TURTLE)}
        if "#" not in iri and ox.NamedNode(iri) not in described:
            failures.append(f"{iri}: its Turtle does not describe it")
    return failures


def test_every_fixture_iri_dereferences(client, fixture_dist):
    iris = [i for i in subjects(fixture_dist) if i.startswith((BASE + "id/", ONTOLOGY_IRI, BASE + "graph/"))]
    assert len(iris) > 50
    assert check_dereferences(client, iris) == []


@pytest.fixture(scope="module")
def real_iris(real_dist: Path) -> list[str]:
    iris = [i for i in subjects(real_dist) if i.startswith((BASE + "id/", ONTOLOGY_IRI, BASE + "graph/"))]
    assert iris
    return iris


def test_every_iri_of_the_real_build_but_evidence_dereferences(real_app, real_iris: list[str]):
    others = [i for i in real_iris if not i.startswith(EVIDENCE)]
    kinds = {i[len(BASE):].split("/")[1] for i in others if i.startswith(BASE + "id/")}
    assert len(kinds) > 10  # persons, concepts, texts, positions, frameworks, ...
    assert check_dereferences(real_app.test_client(), others) == []


def test_a_seeded_sample_of_the_real_evidence_iris_dereferences(real_app, real_iris: list[str]):
    for prefix in EVIDENCE:  # evidence nodes, then annotations and their parts
        evidence = [i for i in real_iris if i.startswith(prefix)]
        assert len(evidence) > EVIDENCE_SAMPLE
        sample = random.Random(20240601).sample(evidence, EVIDENCE_SAMPLE)
        assert check_dereferences(real_app.test_client(), sample) == []


def test_every_evidence_iri_of_the_real_build_resolves_to_its_document(real_app, real_iris: list[str]):
    client = real_app.test_client()
    failures = []
    for iri in sorted({i.split("#", 1)[0] for i in real_iris if i.startswith(EVIDENCE)}):
        response = client.get(local_path(iri))
        if response.status_code != 303 or not response.headers["Location"].endswith("/doc/" + iri[len(BASE + "id/"):]):
            failures.append(f"{iri}: {response.status_code} {response.headers.get('Location')}")
    assert failures == []
