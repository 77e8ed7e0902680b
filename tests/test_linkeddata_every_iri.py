"""Every IRI subject of ours dereferences: to an HTML page (200) and to Turtle describing it.

Runs over the fixture build and over the session's build of the real sources.
"""

from __future__ import annotations

from pathlib import Path

from leidraad.core.namespaces import BASE, ONTOLOGY_IRI
from leidraad.store.dataset import NQUADS
from rdflib import Graph, URIRef


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
        graph = Graph().parse(data=turtle.get_data(as_text=True), format="turtle")
        if "#" not in iri and (URIRef(iri), None, None) not in graph:
            failures.append(f"{iri}: its Turtle does not describe it")
    return failures


def test_every_fixture_iri_dereferences(client, fixture_dist):
    iris = [i for i in subjects(fixture_dist) if i.startswith((BASE + "id/", ONTOLOGY_IRI, BASE + "graph/"))]
    assert len(iris) > 50
    assert check_dereferences(client, iris) == []


def test_every_iri_of_the_real_build_dereferences(real_dist: Path):
    from leidraad.http.app import create_app

    real = create_app(dist=real_dist).test_client()
    iris = [i for i in subjects(real_dist) if i.startswith((BASE + "id/", ONTOLOGY_IRI, BASE + "graph/"))]
    assert iris
    assert check_dereferences(real, iris) == []
