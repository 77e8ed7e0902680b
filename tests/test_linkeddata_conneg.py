"""Dereferencing our IRIs: 303s, content negotiation, suffixes, caching headers, 404 and 406."""

from __future__ import annotations

import pytest
from leidraad.core.namespaces import BASE, ONTOLOGY_IRI
from rdflib import Graph, URIRef

PERSON = "person/bert-jansen"
PERSON_IRI = URIRef(BASE + "id/" + PERSON)

RDF_MEDIA = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
SUFFIXES = {".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt", ".rdf": "xml"}


def parse(body: bytes, fmt: str) -> Graph:
    return Graph().parse(data=body.decode("utf-8"), format=fmt)


def test_thing_iri_redirects_303_to_its_document(client):
    response = client.get(f"/id/{PERSON}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/doc/{PERSON}")


def test_thing_redirect_keeps_suffix_and_query(client):
    response = client.get(f"/id/{PERSON}.ttl?lang=en")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/doc/{PERSON}.ttl?lang=en")


def test_browser_gets_html(client):
    response = client.get(f"/doc/{PERSON}", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "Bert Jansen" in response.get_data(as_text=True)


@pytest.mark.parametrize("media,fmt", RDF_MEDIA.items())
def test_rdf_clients_get_rdf_by_accept(client, media, fmt):
    response = client.get(f"/doc/{PERSON}", headers={"Accept": media})
    assert response.status_code == 200
    assert response.mimetype == media
    graph = parse(response.data, fmt)
    assert (PERSON_IRI, None, None) in graph
    assert response.headers["Content-Location"].startswith(f"/doc/{PERSON}.")


@pytest.mark.parametrize("suffix,fmt", SUFFIXES.items())
def test_suffix_selects_format(client, suffix, fmt):
    response = client.get(f"/doc/{PERSON}{suffix}")
    assert response.status_code == 200
    assert (PERSON_IRI, None, None) in parse(response.data, fmt)
    assert "Accept" not in response.headers.get("Vary", "")


@pytest.mark.parametrize("name", ["turtle", "ttl", "jsonld", "ntriples", "rdfxml", "text/turtle"])
def test_format_parameter_selects_format(client, name):
    response = client.get(f"/doc/{PERSON}?format={name}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype != "text/html"


def test_q_values_are_honoured(client):
    accept = "text/html;q=0.2, text/turtle;q=0.5, application/ld+json;q=0.9"
    assert client.get(f"/doc/{PERSON}", headers={"Accept": accept}).mimetype == "application/ld+json"


def test_q_zero_excludes_a_format(client):
    response = client.get(f"/doc/{PERSON}", headers={"Accept": "text/html;q=0, application/xhtml+xml;q=0, */*;q=0.1"})
    assert response.mimetype != "text/html"


def test_unacceptable_accept_gets_406(client):
    assert client.get(f"/doc/{PERSON}", headers={"Accept": "image/png"}).status_code == 406


def test_description_includes_evidence_nodes(client):
    graph = parse(client.get(f"/doc/{PERSON}.ttl").data, "turtle")
    evidence = list(graph.objects(PERSON_IRI, URIRef(ONTOLOGY_IRI + "#evidence")))
    assert evidence
    assert (evidence[0], URIRef("http://www.w3.org/ns/oa#exact"), None) in graph


def test_negotiated_response_headers(client):
    response = client.get(f"/doc/{PERSON}", headers={"Accept": "text/turtle"})
    assert "Accept" in response.headers["Vary"]
    link = response.headers["Link"]
    for suffix in SUFFIXES:
        assert f"/doc/{PERSON}{suffix}>" in link
    assert 'rel="alternate"' in link
    assert response.headers["ETag"]
    assert response.headers["Last-Modified"]


def test_etag_differs_per_variant(client):
    html = client.get(f"/doc/{PERSON}", headers={"Accept": "text/html"}).headers["ETag"]
    turtle = client.get(f"/doc/{PERSON}", headers={"Accept": "text/turtle"}).headers["ETag"]
    assert html != turtle


def test_if_none_match_gets_304(client):
    first = client.get(f"/doc/{PERSON}.ttl")
    again = client.get(f"/doc/{PERSON}.ttl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""


def test_if_modified_since_gets_304(client):
    first = client.get(f"/doc/{PERSON}")
    again = client.get(f"/doc/{PERSON}", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304


def test_unknown_iri_is_a_404_page_with_search_and_suggestions(client):
    response = client.get("/doc/concept/dienend", headers={"Accept": "text/html"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert 'role="search"' in body
    assert "/doc/concept/dienend-leiderschap" in body
    assert "Traceback" not in body


def test_unknown_thing_is_404_not_303(client):
    assert client.get("/id/person/nobody").status_code == 404


@pytest.mark.parametrize("path", ["/doc/../../etc/passwd", "/doc/person/%3Cscript%3E", "/id/a b", "/doc/x%22y"])
def test_hostile_paths_get_404(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


def test_ontology_is_served_at_its_iri(client):
    page = client.get("/def", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert 'id="Position"' in page.get_data(as_text=True)
    turtle = client.get("/def", headers={"Accept": "text/turtle"})
    graph = parse(turtle.data, "turtle")
    assert (URIRef(ONTOLOGY_IRI + "#Position"), None, None) in graph
    assert "Accept" in turtle.headers["Vary"]


def test_the_version_iri_of_the_ontology_dereferences_to_the_ontology(client):
    """owl:versionIRI is an IRI a client can follow: 303 to the ontology, whose Turtle names that version."""
    graph = parse(client.get("/def", headers={"Accept": "text/turtle"}).data, "turtle")
    version = graph.value(URIRef(ONTOLOGY_IRI), URIRef("http://www.w3.org/2002/07/owl#versionIRI"))
    assert version is not None and str(version).startswith(ONTOLOGY_IRI + "/")
    answer = client.get("/def/" + str(version).rsplit("/", 1)[-1], headers={"Accept": "text/turtle"})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/def")
    followed = client.get(answer.headers["Location"], headers={"Accept": "text/turtle"})
    assert (URIRef(ONTOLOGY_IRI), URIRef("http://www.w3.org/2002/07/owl#versionIRI"), version) in parse(
        followed.data, "turtle")
    assert client.get("/def/9.9.9").status_code == 404  # a version the ontology does not name


def test_the_shapes_the_ontology_points_to_are_served(client):
    graph = parse(client.get("/def", headers={"Accept": "text/turtle"}).data, "turtle")
    see_also = {str(o) for o in graph.objects(URIRef(ONTOLOGY_IRI), URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"))}
    assert ONTOLOGY_IRI + "/shapes" in see_also
    answer = client.get("/def/shapes")
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/dumps/shapes.ttl")


@pytest.mark.parametrize("suffix,fmt", SUFFIXES.items())
def test_ontology_suffixes(client, suffix, fmt):
    response = client.get(f"/def{suffix}")
    assert response.status_code == 200
    assert len(parse(response.data, fmt)) > 100


def test_named_graph_is_served(client):
    page = client.get("/graph/pages", headers={"Accept": "text/html"})
    assert page.status_code == 200
    graph = parse(client.get("/graph/pages.nt").data, "nt")
    assert (PERSON_IRI, None, None) in graph
    assert client.get("/graph/nope").status_code == 404


def test_inferred_graph_holds_only_inferences(client):
    graph = parse(client.get("/graph/inferred.nt").data, "nt")
    holds = URIRef(ONTOLOGY_IRI + "#holdsPosition")
    assert (PERSON_IRI, holds, None) in graph


def test_security_headers_on_pages_and_data(client):
    for path in ("/", f"/doc/{PERSON}.ttl", "/search?q=x", "/nope"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]
        assert headers["Access-Control-Allow-Origin"] == "*"
