"""The SPARQL 1.1 Protocol as Leidraad serves it: transports, datasets, formats, conneg and errors.

Results are parsed back (rdflib, json, csv), never string-matched.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from leidraad.core.namespaces import BASE
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser
from sparql_fixtures import GRAPH_A, GRAPH_B, PERSON

SELECT_LABELS = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s"
BOB_LABEL = 'Bob, "the" builder\tand\nco'
CONSTRUCT_BOB = f"CONSTRUCT {{ <{PERSON}bob> ?p ?o }} WHERE {{ <{PERSON}bob> ?p ?o }}"


def _get(api, query: str, accept: str | None = None, **params: str):
    headers = {"Accept": accept} if accept else {}
    return api.get("/sparql", query_string={"query": query, **params}, headers=headers)


def _bindings(response) -> list[dict]:
    return json.loads(response.data)["results"]["bindings"]


def _labels(response) -> set[str]:
    return {b["label"]["value"] for b in _bindings(response)}


# --- transports -----------------------------------------------------------------------------------------------------

def test_get_with_query_parameter_answers(api):
    response = api.get("/sparql", query_string={"query": SELECT_LABELS})
    assert response.status_code == 200
    assert _labels(response) == {"Ada", BOB_LABEL}


def test_post_form_answers(api):
    response = api.post("/sparql", data={"query": SELECT_LABELS})
    assert _labels(response) == {"Ada", BOB_LABEL}


def test_post_direct_query_answers(api):
    response = api.post("/sparql", data=SELECT_LABELS.encode(), content_type="application/sparql-query")
    assert _labels(response) == {"Ada", BOB_LABEL}


def test_post_with_unsupported_body_type_is_415(api):
    response = api.post("/sparql", data=SELECT_LABELS, content_type="text/plain")
    assert response.status_code == 415


def test_post_direct_query_in_utf16_is_415(api):
    response = api.post(
        "/sparql", data=SELECT_LABELS.encode("utf-16"), content_type="application/sparql-query; charset=UTF-16"
    )
    assert response.status_code == 415


def test_post_without_query_is_400(api):
    assert api.post("/sparql", data={"format": "json"}).status_code == 400


def test_repeated_query_parameter_is_400(api):
    assert api.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status_code == 400


# --- dataset --------------------------------------------------------------------------------------------------------

def test_default_graph_is_the_union_of_the_named_graphs(api):
    response = api.get("/sparql", query_string={"query": "ASK { ?a ?p 'Ada'@nl . ?b ?q 42 }", "format": "json"})
    assert json.loads(response.data)["boolean"] is True


def test_default_graph_uri_restricts_the_default_graph(api):
    response = api.get("/sparql", query_string={"query": SELECT_LABELS, "default-graph-uri": GRAPH_A})
    assert _labels(response) == {"Ada"}


def test_unknown_default_graph_uri_gives_an_empty_graph(api):
    response = api.get("/sparql", query_string={"query": SELECT_LABELS, "default-graph-uri": "http://nowhere/g"})
    assert _labels(response) == set()


def test_named_graph_uri_limits_graph_patterns(api):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = api.get("/sparql", query_string={"query": query, "named-graph-uri": GRAPH_B})
    assert {b["g"]["value"] for b in _bindings(response)} == {GRAPH_B}


def test_graph_patterns_see_every_build_graph(api):
    response = api.get("/sparql", query_string={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert {b["g"]["value"] for b in _bindings(response)} == {GRAPH_A, GRAPH_B}


def test_from_in_the_query_selects_a_build_graph(api):
    query = f"SELECT ?s ?label FROM <{GRAPH_B}> WHERE {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
    assert _labels(api.get("/sparql", query_string={"query": query})) == {BOB_LABEL}


# --- result formats, parsed back ------------------------------------------------------------------------------------

def test_select_as_xml_parses_back(api):
    response = _get(api, SELECT_LABELS, "application/sparql-results+xml")
    result = XMLResultParser().parse(io.BytesIO(response.data))
    assert {str(row["label"]) for row in result} == {"Ada", BOB_LABEL}
    assert Literal("Ada", lang="nl") in {row["label"] for row in result}


def test_select_as_csv_parses_back(api):
    response = api.get("/sparql", query_string={"query": SELECT_LABELS}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(response.data.decode(), newline="")))
    assert rows[0] == ["s", "label"]
    assert {row[1] for row in rows[1:]} == {"Ada", BOB_LABEL}


def test_select_as_tsv_parses_back_with_escapes(api):
    response = _get(api, SELECT_LABELS, "text/tab-separated-values")
    assert all(line.count("\t") == 1 for line in response.data.decode().splitlines())
    result = TSVResultParser().parse(io.StringIO(response.data.decode()))
    assert {row["label"] for row in result} == {Literal("Ada", lang="nl"), Literal(BOB_LABEL)}


def test_typed_literals_keep_their_datatype_in_json(api):
    response = api.get("/sparql", query_string={"query": "SELECT ?age { ?s <http://example.org/age> ?age }"})
    assert _bindings(response) == [{"age": {
        "type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]


@pytest.mark.parametrize("fmt, rdflib_format", [
    ("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml"),
])
def test_construct_in_each_rdf_format_parses_back(api, fmt, rdflib_format):
    response = api.get("/sparql", query_string={"query": CONSTRUCT_BOB, "format": fmt})
    assert response.status_code == 200
    graph = Graph().parse(data=response.data, format=rdflib_format)
    assert (URIRef(PERSON + "bob"), URIRef("http://example.org/age"), Literal(42)) in graph
    assert len(graph) == 5


def test_describe_returns_a_graph(api):
    response = api.get("/sparql", query_string={"query": f"DESCRIBE <{PERSON}ada>"}, headers={"Accept": "text/turtle"})
    assert len(Graph().parse(data=response.data, format="turtle")) == 2


def test_ask_as_xml_and_json(api):
    for accept in ("application/sparql-results+json", "application/sparql-results+xml"):
        response = api.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": accept})
        assert response.mimetype == accept


# --- content negotiation --------------------------------------------------------------------------------------------

def test_q_values_choose_the_format(api):
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    response = api.get("/sparql", query_string={"query": SELECT_LABELS}, headers={"Accept": accept})
    assert response.mimetype == "text/csv"


def test_format_parameter_overrides_accept(api):
    response = _get(api, SELECT_LABELS, "text/csv", format="tsv")
    assert response.mimetype == "text/tab-separated-values"


def test_every_answer_varies_by_accept(api):
    for response in (api.get("/sparql", query_string={"query": SELECT_LABELS}), api.get("/sparql?query=ASK+%7B")):
        assert "Accept" in response.headers.get("Vary", "")


def test_nothing_acceptable_is_406(api):
    response = api.get("/sparql", query_string={"query": SELECT_LABELS}, headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_a_graph_format_for_a_select_falls_back_to_accept_and_is_400_when_nothing_fits(api):
    asked = {"query": SELECT_LABELS, "format": "turtle"}
    lenient = api.get("/sparql", query_string=asked, headers={"Accept": "*/*"})
    assert lenient.status_code == 200 and lenient.mimetype == "application/sparql-results+json"
    assert api.get("/sparql", query_string=asked, headers={"Accept": "text/turtle"}).status_code == 400
    assert api.get("/sparql", query_string={"query": SELECT_LABELS, "format": "nonsense"}).status_code == 400


def test_malformed_accept_entries_are_skipped_and_what_is_left_is_negotiated(api):
    garbage = ";;,,garbage/,*/*;q=nope,"  # no media type, no subtype, a weight that is not a number: all skipped
    flood = "x/y;q=0.1," * 5000
    nothing_left = api.get("/sparql", query_string={"query": SELECT_LABELS}, headers={"Accept": garbage + flood})
    assert nothing_left.status_code == 406  # as for any Accept that names nothing offered
    assert b"Traceback" not in nothing_left.data
    csv_left = api.get("/sparql", query_string={"query": SELECT_LABELS},
                       headers={"Accept": garbage + "text/csv," + flood})
    assert csv_left.status_code == 200
    assert csv_left.mimetype == "text/csv"


# --- errors and the service description -----------------------------------------------------------------------------

def test_malformed_query_is_400_with_position(api):
    response = api.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p "}, headers={"Accept": "text/plain"})
    assert response.status_code == 400
    assert "1:24" in response.data.decode()
    assert "Traceback" not in response.data.decode()


def test_get_without_query_asking_rdf_gets_the_service_description(api):
    response = api.get("/sparql", headers={"Accept": "text/turtle", "Host": "attacker.example"})
    graph = Graph().parse(data=response.data, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    public = URIRef(BASE + "sparql")  # the configured public base, never the Host header
    assert (public, URIRef(sd + "endpoint"), public) in graph
    assert b"attacker.example" not in response.data
    assert URIRef(sd + "SPARQL11Update") not in set(graph.objects())
    assert {str(o) for o in graph.objects(None, URIRef(sd + "name"))} == {GRAPH_A, GRAPH_B}


def test_get_without_query_in_a_browser_gets_the_query_page(api):
    response = api.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert b'<textarea id="sparql-query" name="query"' in response.data
