"""Markup in the data or in a search term is shown as text everywhere; nothing in a source makes anything fetch.

The hostile dataset (tests/hardening_support.py) puts ``<script>alert(1)</script>``
and an attribute break-out (``"><img src=x onerror=alert(1)>``) into labels,
definitions, position summaries and quotes.  The no-fetch tests point
``owl:imports``, ``rdfs:seeAlso``, ``@base`` and a JSON-LD ``@context`` at a
listener on loopback and build and serve the result: no connection may arrive.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import hardening_support
import pytest
from hardening_support import BREAKOUT, ESCAPED_SCRIPT, SCRIPT, small_sources
from sparql_fixtures import Listener

HOSTILE_PAGES = [
    "/doc/concept/kwaadaardig", "/doc/concept/kwaadaardig?lang=en", "/doc/person/anna-de-vries",
    "/doc/text/essay", "/doc/position/essay-anna-de-vries-kwaadaardig", "/browse/public-values",
    "/browse/public-values?lang=en", "/stances", "/search?q=kwaadaardig", "/search?q=malicious&lang=en",
    "/search?q=" + SCRIPT, "/search?q=" + BREAKOUT, "/doc/" + SCRIPT, "/doc/concept/" + BREAKOUT,
]


def _assert_inert(html: str) -> None:
    assert SCRIPT not in html
    assert BREAKOUT not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_markup_in_data_or_search_terms_is_never_markup_on_a_page(web, path):
    response = web.get(path, headers={"Accept": "text/html"})
    assert response.status_code in (200, 404)
    _assert_inert(response.get_data(as_text=True))


def test_hostile_label_and_quote_are_visible_as_text(web):
    html = web.get("/doc/concept/kwaadaardig", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert ESCAPED_SCRIPT in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_typeahead_json_carries_markup_only_as_data(web):
    response = web.get("/search.json", query_string={"q": "kwaadaardig"})
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    hits = json.loads(response.data)["results"]
    assert any(SCRIPT in hit["label"] for hit in hits)  # data, for search.js to insert as text
    for hit in hits:
        assert not hit["href"].lower().startswith(("javascript:", "data:", "//"))


def test_search_script_inserts_hits_as_text_only():
    script = (hardening_support.ROOT / "server" / "leidraad" / "static" / "search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script


@pytest.mark.parametrize("query", [
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE { ?s skos:prefLabel|skos:altLabel ?l }",
    "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?q WHERE { ?e oa:exact ?q }",
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> CONSTRUCT { ?s skos:definition ?d } "
    "WHERE { ?s skos:definition ?d }",
    f'SELECT ?x WHERE {{ BIND("{BREAKOUT.replace(chr(34), chr(92) + chr(34))}" AS ?x) }}',
])
def test_markup_in_query_results_is_text_in_the_results_table(web, query):
    response = web.get("/sparql", query_string={"query": query}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    _assert_inert(html)
    assert "&lt;" in html


def test_markup_in_the_query_text_cannot_leave_the_editor(web):
    query = "SELECT * WHERE { ?s ?p ?o } # </textarea><script>alert(1)</script>"
    html = web.get("/sparql", query_string={"query": query}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "</textarea><script>" not in html
    _assert_inert(html)


# --- nothing in a source makes the build or the server fetch -------------------------------------------------------

def _fetching_sources(root: Path, url: str):
    imports = f"""
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@base <{url}base/> .
<https://w3id.org/leidraad/def> owl:imports <{url}ontology.ttl> , <{url}> .
<https://w3id.org/leidraad/id/concept/kwaadaardig> rdfs:seeAlso <{url}see-also.ttl> .
"""
    context = json.dumps({"@context": url + "context.jsonld", "@id": url + "x", "@type": url + "T"})
    sources = small_sources(root, {"zz-imports.ttl": imports})
    (sources.data / "zz-context.jsonld").write_text(context, encoding="utf-8")
    (sources.ontology / "zz-imports.ttl").write_text(imports, encoding="utf-8")
    return sources


def test_owl_imports_and_remote_contexts_never_make_the_build_fetch(tmp_path, listener: Listener):
    sources = _fetching_sources(tmp_path / "src", listener.url)
    env = dict(os.environ, LEIDRAAD_ROOT=str(sources.root), LEIDRAAD_SKIP_QUOTE_CHECK="1",
               LEIDRAAD_DIST=str(sources.dist))
    done = subprocess.run([str(Path(sys.executable).with_name("leidraad")), "build", "-q"], env=env,
                          capture_output=True, text=True, timeout=300)
    time.sleep(0.3)
    assert listener.connections == 0
    assert done.returncode == 0, done.stderr[-2000:]
    assert (sources.dist / "leidraad.jsonld").exists()


def test_serving_a_build_that_names_remote_iris_fetches_nothing(tmp_path, listener: Listener, monkeypatch):
    from leidraad.http.app import create_app
    from leidraad.pipeline.build import build

    sources = _fetching_sources(tmp_path / "src", listener.url)
    monkeypatch.setenv("LEIDRAAD_SKIP_QUOTE_CHECK", "1")
    build(sources)
    app = create_app(dist=sources.dist, config={"SPARQL_EXECUTOR": "inline", "QUERIES_DIR": str(tmp_path)})
    client = app.test_client()
    for path, accept in [("/def", "text/html"), ("/def", "application/ld+json"), ("/doc/concept/kwaadaardig",
                         "application/ld+json"), ("/doc/concept/kwaadaardig", "text/html"), ("/", "text/html"),
                         ("/dumps/leidraad.jsonld", "*/*")]:
        assert client.get(path, headers={"Accept": accept}).status_code == 200
    time.sleep(0.3)
    assert listener.connections == 0
