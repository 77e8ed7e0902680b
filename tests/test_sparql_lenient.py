"""A lenient, predictable protocol: what standard clients send by default is understood.

Each case is what a real client sends (SPARQLWrapper, rdflib, roqet, pyld,
curl); the answer must be the format the client can read, never a 400 or
406 for a request a person would call reasonable.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from leidraad.core.namespaces import BASE
from leidraad.http.app import create_app

CONSTRUCT = "CONSTRUCT { ?s a lei:SourceText } WHERE { ?s a lei:SourceText }"
SELECT = "SELECT ?s WHERE { ?s a lei:SourceText } ORDER BY ?s"
DOC = "/doc/text/ambtelijk-vakmanschap-reacties"


@pytest.fixture(scope="module")
def client(real_dist: Path):
    app = create_app(real_dist, config={"SPARQL_EXECUTOR": "inline", "TESTING": True, "MAX_ROWS": 50,
                                        "QUERIES_DIR": str(real_dist / "none")})
    return app.test_client()


def test_a_repeated_format_parameter_is_read_as_sparqlwrapper_means_it(client) -> None:
    response = client.get("/sparql", query_string=[("query", SELECT), ("format", "tsv"),
                                                    ("format", "text/tab-separated-values")])
    assert response.status_code == 200 and response.mimetype == "text/tab-separated-values"


def test_output_is_read_like_format(client) -> None:
    response = client.get("/sparql", query_string={"query": SELECT, "output": "json"})
    assert response.status_code == 200 and response.mimetype == "application/sparql-results+json"


@pytest.mark.parametrize(("name", "media_type", "rdf_format"), [
    ("xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("n3", "text/turtle", ox.RdfFormat.TURTLE),
    ("turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
])
def test_short_format_names_mean_a_graph_format_for_a_graph_query(client, name, media_type, rdf_format) -> None:
    response = client.get("/sparql", query_string={"query": CONSTRUCT, "format": name})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == media_type
    texts = json.loads(client.get("/sparql", query_string={"query": SELECT, "format": "json"}).data)
    assert len(list(ox.parse(response.data, format=rdf_format))) == len(texts["results"]["bindings"]) > 1


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/n-quads", "application/n-triples"),
    ("application/trig", "text/turtle"),
    ("text/n3", "text/turtle"),
    ("application/sparql-results+xml", "application/rdf+xml"),  # what roqet sends
    ("application/sparql-results+json", "application/ld+json"),  # rdflib's returnFormat='json'
])
def test_a_graph_query_answers_the_nearest_graph_format(client, accept, media_type) -> None:
    response = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media_type


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/n-quads", "application/n-triples"), ("application/trig", "text/turtle"), ("text/n3", "text/turtle"),
])
def test_a_document_answers_the_nearest_graph_format(client, accept, media_type) -> None:
    response = client.get(DOC, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media_type


def test_json_ld_profiles_are_honoured(client) -> None:
    compacted = client.get(DOC, headers={"Accept": 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'})
    assert compacted.status_code == 200 and "compacted" in compacted.headers["Content-Type"]
    assert "@context" in json.loads(compacted.data)
    expanded = client.get(DOC, headers={"Accept": 'application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"'})
    assert isinstance(json.loads(expanded.data), list)
    assert compacted.headers["ETag"] != expanded.headers["ETag"]
    same = {q.triple for q in ox.parse(compacted.data, format=ox.RdfFormat.JSON_LD)}
    assert same == {q.triple for q in ox.parse(expanded.data, format=ox.RdfFormat.JSON_LD)}


def test_a_json_ld_response_names_no_alternate_that_json_ld_loaders_would_trip_over(client) -> None:
    response = client.get(DOC, headers={"Accept": "application/ld+json"})
    assert 'rel="alternate"' not in response.headers.get("Link", "")
    assert response.headers.get("Link") is None or response.headers["Link"].count("alternate") <= 1
    assert client.get(DOC, headers={"Accept": "text/turtle"}).headers["Link"].count('rel="alternate"') == 5


@pytest.mark.parametrize("path", ["/id/text/ambtelijk-vakmanschap-reacties/", DOC + "/"])
def test_a_trailing_slash_redirects_to_the_resource(client, path) -> None:
    response = client.get(path + "?lang=en")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(path.rstrip("/") + "?lang=en")


@pytest.mark.parametrize(("accept", "media_type"), [
    ("*/*", "text/plain"), ("application/json", "application/json"),
    ("application/sparql-results+json", "application/json"), ("text/html", "text/html"),
])
def test_error_bodies_follow_the_accept_header(client, accept, media_type) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT WHERE {"}, headers={"Accept": accept})
    assert response.status_code == 400 and response.mimetype == media_type
    if media_type == "application/json":
        assert json.loads(response.data)["status"] == 400


def test_truncation_is_said_in_the_head_of_json_and_xml_results(client) -> None:
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    as_json = json.loads(client.get("/sparql", query_string={"query": query, "format": "json"}).data)
    assert len(as_json["results"]["bindings"]) == 50
    assert as_json["head"]["link"] == [BASE + "sparql/truncated?rows=50&bytes=10000000"]
    as_xml = client.get("/sparql", query_string={"query": query, "format": "xml"}).get_data(as_text=True)
    assert f'<link href="{BASE}sparql/truncated?rows=50&amp;bytes=10000000"/>' in as_xml
    whole = json.loads(client.get("/sparql", query_string={"query": SELECT, "format": "json"}).data)
    assert "link" not in whole["head"]
    note = client.get("/sparql/truncated?rows=50")
    assert note.status_code == 200 and "50 rows" in note.get_data(as_text=True)


def test_the_service_description_namespace_is_not_mistaken_for_a_federated_query(client) -> None:
    query = "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> SELECT * { ?s ?p ?o } LIMIT 1"
    assert client.get("/sparql", query_string={"query": query, "format": "json"}).status_code == 200


def test_large_responses_are_compressed_for_clients_that_accept_gzip(client) -> None:
    plain = client.get(DOC, headers={"Accept": "text/turtle"})
    packed = client.get(DOC, headers={"Accept": "text/turtle", "Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain.data and len(packed.data) < len(plain.data)
    again = client.get(DOC, headers={"Accept": "text/turtle", "Accept-Encoding": "gzip",
                                     "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304
