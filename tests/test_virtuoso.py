"""Scale-out: the build loaded into a real Virtuoso answers pages and the example catalogue as the embedded store does.

Starts Virtuoso (Debian's ``virtuoso-t``, installed by ``make virtuoso``) on
loopback ports of its own with a throwaway database, pushes the session's build
into it with ``leidraad load``'s code, and compares two applications over the
same ``dist/``: one on the embedded Oxigraph store, one on
``sparql+http://127.0.0.1:PORT/sparql``.  Missing Virtuoso is a failure, not a
skip, unless ``LEIDRAAD_SKIP_VIRTUOSO=1`` says so explicitly.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from leidraad.cli import main as leidraad
from leidraad.http.app import create_app
from leidraad.pipeline.build import Outcome
from leidraad.pipeline.sources import Sources
from leidraad.sparql import examples
from leidraad.web import memo
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from tests.support.virtuoso import Virtuoso, VirtuosoMissing

pytestmark = pytest.mark.virtuoso

HREF = re.compile(r'href="(/(?:doc|browse|def)[^"#?]*)"')


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"), memory_gib=1.0)
    try:
        server.start()
    except VirtuosoMissing as exc:
        if os.environ.get("LEIDRAAD_SKIP_VIRTUOSO") == "1":
            pytest.skip(f"{exc} (LEIDRAAD_SKIP_VIRTUOSO=1)")
        pytest.fail(f"{exc}; or set LEIDRAAD_SKIP_VIRTUOSO=1 to skip the scale-out test deliberately")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def loaded(virtuoso: Virtuoso, session_build: tuple[Sources, Outcome]) -> Path:
    """The session's build, pushed into Virtuoso through the ``leidraad load`` command."""
    built, _ = session_build
    os.environ["LEIDRAAD_DIST"] = str(built.dist)
    try:
        assert leidraad(["load", "-q", "--store", "sparql+" + virtuoso.endpoint]) == 0
    finally:
        del os.environ["LEIDRAAD_DIST"]
    return built.dist


@pytest.fixture(scope="module")
def apps(virtuoso: Virtuoso, loaded: Path) -> dict[str, Flask]:
    return {
        "embedded": create_app(loaded, config={"SPARQL_EXECUTOR": "inline", "TESTING": True}),
        "virtuoso": create_app(loaded, config={"STORE": "sparql+" + virtuoso.endpoint, "TESTING": True}),
    }


def _fresh_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both apps serve the same build (same etag): keep one from answering out of the other's caches."""
    monkeypatch.setattr(memo, "_indexes", {})
    monkeypatch.setattr(memo, "pages", memo.PageCache())


def _answers(app: Flask, path: str, monkeypatch: pytest.MonkeyPatch, **kwargs):
    _fresh_caches(monkeypatch)
    return app.test_client().get(path, **kwargs)


def _solutions(body: bytes) -> list | bool:
    """A SPARQL JSON answer as a sorted list of rows, each term as (type, value, datatype).

    Language tags are left out: engines differ on whether GROUP_CONCAT of
    tagged literals keeps the tag (SPARQL 1.1 says it gives a simple literal,
    Virtuoso keeps it), and that is no difference in what the texts say.
    Likewise the order inside a GROUP_CONCAT is undefined in SPARQL, so
    literals are compared as sorted lists of their words.
    """
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]

    def term(t: dict) -> tuple:
        kind = "literal" if t["type"] in ("literal", "typed-literal") else t["type"]
        if kind != "literal":
            return kind, t["value"], ""
        if "datatype" in t:  # compare typed values by value: Virtuoso writes some lexical forms its own way
            return kind, str(Literal(t["value"], datatype=t["datatype"]).toPython()), t["datatype"]
        return kind, " ".join(sorted(t["value"].split())), ""

    # an aggregate over nothing: Virtuoso binds "" where Oxigraph leaves the variable unbound
    def bound(row: dict) -> dict:
        return {k: v for k, v in row.items() if not (v["type"] == "literal" and v["value"] == "")}

    return sorted(sorted((k, term(v)) for k, v in bound(row).items()) for row in data["results"]["bindings"])


def test_the_example_catalogue_gives_the_same_answers_from_virtuoso(apps, monkeypatch, sources: Sources):
    catalogue = examples.load(sources.queries)
    assert catalogue, "no example queries found in queries/"
    differences = []
    for example in catalogue:
        found = {}
        for name, app in apps.items():
            response = _answers(app, "/sparql", monkeypatch, query_string={"query": example.query},
                                headers={"Accept": "application/sparql-results+json"})
            assert response.status_code == 200, (name, example.slug, response.get_data(as_text=True)[:500])
            found[name] = _solutions(response.data)
        if found["virtuoso"] != found["embedded"]:
            only_embedded = [row for row in found["embedded"] if row not in found["virtuoso"]]
            only_virtuoso = [row for row in found["virtuoso"] if row not in found["embedded"]]
            differences.append(f"{example.slug}: {len(found['embedded'])} rows embedded, {len(found['virtuoso'])} "
                               f"in Virtuoso; only embedded {only_embedded[:1]}; only Virtuoso {only_virtuoso[:1]}")
    assert not differences, "\n".join(differences)


def _some_documents(app: Flask) -> list[str]:
    """A person, a concept, a framework and a text: the page kinds with the most queries behind them."""
    query = """PREFIX lei: <https://w3id.org/leidraad/def#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
    SELECT ?kind (MIN(STR(?s)) AS ?iri) WHERE {
        VALUES (?kind ?class) { ("person" foaf:Person) ("concept" lei:Concept) ("framework" lei:Framework)
                                ("text" lei:SourceText) }
        ?s a ?class } GROUP BY ?kind"""
    response = app.test_client().get("/sparql", query_string={"query": query},
                                     headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(response.data)["results"]["bindings"]
    return ["/doc/" + row["iri"]["value"].split("/id/", 1)[1] for row in rows]


def test_pages_link_to_the_same_resources_from_virtuoso(apps, monkeypatch):
    paths = ["/", "/browse/persons", "/search?q=leiderschap", *_some_documents(apps["embedded"])]
    assert len(paths) >= 6
    for path in paths:
        embedded = _answers(apps["embedded"], path, monkeypatch, headers={"Accept": "text/html"})
        remote = _answers(apps["virtuoso"], path, monkeypatch, headers={"Accept": "text/html"})
        assert remote.status_code == embedded.status_code == 200, path
        links = [set(HREF.findall(r.get_data(as_text=True))) for r in (embedded, remote)]
        # Long link groups are paged; where the two stores rank a tie differently one link
        # may move to the next page.  The documents' graphs are compared exactly below.
        differing = links[0] ^ links[1]
        assert len(differing) <= max(1, len(links[0]) // 100), (path, sorted(differing)[:10])


def test_resource_documents_are_the_same_graph_from_virtuoso(apps, monkeypatch):
    for path in _some_documents(apps["embedded"]):
        graphs = []
        for app in apps.values():
            response = _answers(app, path + ".ttl", monkeypatch)
            assert response.status_code == 200, path
            graphs.append(Graph().parse(data=response.data, format="turtle"))
        assert len(graphs[0]) > 0
        assert isomorphic(graphs[0], graphs[1]), path


def test_the_endpoint_on_virtuoso_still_refuses_updates(apps):
    response = apps["virtuoso"].test_client().post("/sparql", data={"update": "DROP ALL"})
    assert response.status_code in (400, 403)
    response = apps["virtuoso"].test_client().get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"},
                                                  headers={"Accept": "application/sparql-results+json"})
    assert json.loads(response.data)["boolean"] is True


def test_class_and_property_counts_from_virtuoso_equal_the_void_description(apps, loaded) -> None:
    """The default graph is the set merge ``leidraad load`` writes, not Virtuoso's bag union of the graphs."""
    void = ox.Store()
    void.bulk_load(path=str(loaded / "void.ttl"), format=ox.RdfFormat.TURTLE)
    stated = {row["c"].value: int(row["n"].value) for row in void.query(
        "PREFIX void: <http://rdfs.org/ns/void#> "
        "SELECT ?c ?n { ?d void:classPartition ?x . ?x void:class ?c ; void:entities ?n }")}
    stated_properties = {row["p"].value: int(row["n"].value) for row in void.query(
        "PREFIX void: <http://rdfs.org/ns/void#> "
        "SELECT ?p ?n { ?d void:propertyPartition ?x . ?x void:property ?p ; void:triples ?n }")}
    for name, app in apps.items():
        client = app.test_client()

        def counts(query: str, client=client) -> dict[str, int]:
            response = client.get("/sparql", query_string={"query": query, "format": "json"})
            assert response.status_code == 200, response.get_data(as_text=True)[:300]
            rows = json.loads(response.data)["results"]["bindings"]
            return {r["x"]["value"]: int(r["n"]["value"]) for r in rows}

        assert counts("SELECT ?x (COUNT(?s) AS ?n) { ?s a ?x } GROUP BY ?x") == stated, name
        assert counts("SELECT ?x (COUNT(*) AS ?n) { ?s ?x ?o } GROUP BY ?x") == stated_properties, name
