"""Right numbers: the default graph is the RDF merge of the build's graphs (a set), as SPARQL defines it.

A triple stated in several graphs (a person typed in each text that names
them, the dataset description) is counted once; endpoint counts equal the
VoID description's and the dumps', for every class and property.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from leidraad.core.namespaces import BASE, GRAPH_INFERRED
from leidraad.http.app import create_app

VOID_NS = "http://rdfs.org/ns/void#"
HART = BASE + "id/person/paul-t-hart"


@pytest.fixture(scope="module")
def endpoint(real_dist: Path):
    app = create_app(real_dist, config={"SPARQL_EXECUTOR": "inline", "TESTING": True,
                                        "QUERIES_DIR": str(real_dist / "none")})
    client = app.test_client()

    def select(query: str, **params) -> list[dict[str, str]]:
        response = client.get("/sparql", query_string={"query": query, "format": "json", **params})
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        body = json.loads(response.data)
        return [{k: v["value"] for k, v in b.items()} for b in body["results"]["bindings"]]

    return select


@pytest.fixture(scope="module")
def void(real_dist: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(real_dist / "void.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def _partition_counts(void: ox.Store, kind: str, count: str) -> dict[str, int]:
    query = f"""PREFIX void: <{VOID_NS}>
        SELECT ?x ?n WHERE {{ ?d void:{kind}Partition ?part . ?part void:{kind} ?x ; void:{count} ?n }}"""
    return {row["x"].value: int(row["n"].value) for row in void.query(query)}


def test_every_class_count_equals_the_void_class_partition(endpoint, void, real_dist: Path) -> None:
    stated = _partition_counts(void, "class", "entities")
    counted = {r["c"]: int(r["n"]) for r in endpoint("SELECT ?c (COUNT(?s) AS ?n) { ?s a ?c } GROUP BY ?c")}
    assert stated and counted == stated
    person = "http://xmlns.com/foaf/0.1/Person"
    quads = ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
    assert counted[person] == len({q.subject for q in quads if q.predicate.value.endswith("#type")
                                   and q.object.value == person}) > 100


def test_every_property_count_equals_the_void_property_partition(endpoint, void) -> None:
    stated = _partition_counts(void, "property", "triples")
    counted = {r["p"]: int(r["n"]) for r in endpoint("SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p")}
    assert stated and counted == stated


def test_the_default_graph_holds_exactly_the_distinct_triples_of_the_dumps(endpoint, real_dist) -> None:
    distinct = {q.triple for q in ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)}
    assert int(endpoint("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")[0]["n"]) == len(distinct)
    triples = {q.triple for q in ox.parse(path=str(real_dist / "leidraad.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert triples == distinct


def test_a_join_through_a_type_stated_in_several_graphs_counts_each_position_once(endpoint, real_dist) -> None:
    """'t Hart is typed foaf:Person in several texts' graphs; joining through that type must not multiply."""
    typed_in = {q.graph_name.value for q in ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
                if q.subject.value == HART and q.predicate.value.endswith("#type")
                and q.object.value == "http://xmlns.com/foaf/0.1/Person"}
    assert len(typed_in) > 1
    joined = f"SELECT (COUNT(?pos) AS ?n) {{ ?pos lei:heldBy <{HART}> . <{HART}> a foaf:Person }}"
    distinct = f"SELECT (COUNT(DISTINCT ?pos) AS ?n) {{ ?pos lei:heldBy <{HART}> }}"
    assert int(endpoint(joined)[0]["n"]) == int(endpoint(distinct)[0]["n"]) > 0


def test_group_concat_of_types_repeats_no_type(endpoint) -> None:
    rows = endpoint("SELECT ?s (GROUP_CONCAT(STR(?t); separator='|') AS ?types) { ?s a ?t } GROUP BY ?s")
    repeated = [r["s"] for r in rows if len(r["types"].split("|")) != len(set(r["types"].split("|")))]
    assert rows and repeated == []


def test_a_resource_has_one_row_per_triple(endpoint) -> None:
    rows = endpoint(f"SELECT ?p ?o {{ <{HART}> ?p ?o }}")
    assert len(rows) == len({(r["p"], r["o"]) for r in rows})


def test_several_from_graphs_merge_as_a_set(endpoint, real_dist) -> None:
    graphs = sorted({q.graph_name.value for q in
                     ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)})
    chosen = [g for g in graphs if g != str(GRAPH_INFERRED)][:3] + [str(GRAPH_INFERRED)]
    quads = [q for q in ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
             if q.graph_name.value in chosen]
    distinct = len({q.triple for q in quads})
    assert distinct < len(quads)  # the chosen graphs share triples, so a bag would count more
    froms = " ".join(f"FROM <{g}>" for g in chosen)
    assert int(endpoint(f"SELECT (COUNT(*) AS ?n) {froms} {{ ?s ?p ?o }}")[0]["n"]) == distinct
    by_protocol = endpoint("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", **{"default-graph-uri": chosen})
    assert int(by_protocol[0]["n"]) == distinct


def test_named_graphs_stay_apart_and_the_dataset_description_has_its_own(endpoint, real_dist) -> None:
    graphs = {r["g"] for r in endpoint("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")}
    in_dump = {q.graph_name.value for q in ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)}
    assert graphs == in_dump | {BASE + "graph/dataset"}
