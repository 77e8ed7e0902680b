"""The tools researchers already use, with their defaults, against a live Leidraad.

SPARQLWrapper for every query form and return format, rdflib's SPARQLStore,
pandas reading CSV/TSV result URLs, pyld and jsonld.js expanding ``/id/…``,
N3.js parsing a Turtle document, Comunica querying the endpoint and a
document, rapper parsing every dump and roqet querying the endpoint.  The
JavaScript clients are installed by ``make clients`` (``tests/clients/``),
rapper and roqet from Debian's raptor2-utils and rasqal-utils.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

import pandas
import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.support.processes import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = ROOT / "tests" / "clients"
HART = "https://w3id.org/leidraad/id/person/paul-t-hart"
SELECT = "SELECT ?text ?title WHERE { ?text a lei:SourceText ; dcterms:title ?title } ORDER BY ?text ?title"
ASK = "ASK { ?p a foaf:Person }"
CONSTRUCT = "CONSTRUCT { ?p a foaf:Person } WHERE { ?p a foaf:Person }"
DESCRIBE = f"DESCRIBE <{HART}>"
#: Every query form with every return format SPARQLWrapper offers.
FORMS = {"SELECT": SELECT, "ASK": ASK, "CONSTRUCT": CONSTRUCT, "DESCRIBE": DESCRIBE}
RETURN_FORMATS = [JSON, XML, CSV, TSV, TURTLE, N3, JSONLD, RDFXML, RDF]


@pytest.fixture(scope="module")
def persons(real_dist: Path) -> int:
    """How many distinct persons the build's dump holds, counted here, not through any client."""
    person = "http://xmlns.com/foaf/0.1/Person"
    quads = ox.parse(path=str(real_dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
    return len({q.subject for q in quads if q.predicate.value.endswith("#type") and q.object.value == person})


@pytest.fixture(scope="module")
def server(real_dist: Path, tmp_path_factory: pytest.TempPathFactory):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")} | {"LEIDRAAD_DIST": str(real_dist)}
    log = tmp_path_factory.mktemp("clients") / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "leidraad.cli", "serve", "--port", str(port)],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a loaded machine starts slowly
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D&format=json", timeout=5) as reply:
                if reply.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        stop(process)
        raise RuntimeError(log.read_text(errors="replace"))
    yield base
    stop(process)


def _count(base: str, query: str) -> int:
    with urllib.request.urlopen(f"{base}/sparql?" + urllib.parse.urlencode({"query": query, "format": "json"})) as r:
        return int(json.load(r)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("return_format", RETURN_FORMATS)
@pytest.mark.parametrize("form", list(FORMS))
def test_sparqlwrapper_with_its_defaults_gets_an_answer_it_converts(server, form, return_format) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(FORMS[form])
    client.setReturnFormat(return_format)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # its notice that it will send Accept: */*
        result = client.query()
        converted = result.convert()
    assert converted is not None and converted != b""
    if form in ("CONSTRUCT", "DESCRIBE") and isinstance(converted, Graph):
        assert len(converted) > 0
    if form == "SELECT" and isinstance(converted, dict):
        assert len(converted["results"]["bindings"]) > 1
    if form == "ASK" and isinstance(converted, dict):
        assert converted["boolean"] is True


def test_rdflib_sparqlstore_queries_lists_triples_and_counts(server, persons: int) -> None:
    store = SPARQLStore(server + "/sparql", returnFormat="json")
    graph = Graph(store)
    found = list(graph.query("SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }"))
    assert len(found) == persons > 100
    about_hart = list(graph.triples((URIRef(HART), None, None)))
    assert len(about_hart) == _count(server, f"SELECT (COUNT(*) AS ?n) {{ <{HART}> ?p ?o }}") > 10
    assert len(graph) == _count(server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")


@pytest.mark.parametrize(("fmt", "separator"), [("csv", ","), ("tsv", "\t")])
def test_pandas_reads_result_urls(server, fmt, separator) -> None:
    url = f"{server}/sparql?" + urllib.parse.urlencode({"query": SELECT, "format": fmt})
    frame = pandas.read_csv(url, sep=separator)
    assert len(frame) > 1 and {"text", "title"} <= {c.lstrip("?") for c in frame.columns}


def test_pyld_expands_a_thing_iri(server) -> None:
    expanded = jsonld.expand(f"{server}/id/person/paul-t-hart")
    assert any(node.get("@id") == HART for node in expanded)


def _node(script: str, *args: str) -> str:
    done = subprocess.run(["node", str(CLIENTS / script), *args], capture_output=True, text=True, timeout=120,
                          cwd=CLIENTS)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_jsonld_js_expands_a_thing_iri(server) -> None:
    expanded = json.loads(_node("jsonld-expand.mjs", f"{server}/id/person/paul-t-hart"))
    assert any(node.get("@id") == HART for node in expanded)


def test_n3_js_parses_a_turtle_document(server) -> None:
    parsed = json.loads(_node("n3-parse.mjs", f"{server}/doc/person/paul-t-hart"))
    assert parsed["contentType"].startswith("text/turtle") and parsed["triples"] > 10


def test_comunica_counts_through_the_endpoint_as_void_does(server, persons: int) -> None:
    query = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }"
    rows = json.loads(_node("comunica.mjs", f"{server}/sparql", "sparql", query))
    assert rows == [{"n": str(persons)}]


def test_comunica_reads_a_document(server) -> None:
    query = f"SELECT ?o WHERE {{ <{HART}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?o }}"
    rows = json.loads(_node("comunica.mjs", f"{server}/doc/person/paul-t-hart", "file", query))
    assert {"o": "http://xmlns.com/foaf/0.1/Person"} in rows


@pytest.mark.parametrize(("dump", "syntax"), [
    ("leidraad.ttl", "turtle"), ("leidraad.nt", "ntriples"), ("leidraad.rdf", "rdfxml"),
    ("leidraad.nq", "nquads"), ("leidraad.trig", "trig"),
])
def test_rapper_parses_every_dump_it_can_read(real_dist, dump, syntax) -> None:
    done = subprocess.run(["rapper", "-i", syntax, "-c", str(real_dist / dump)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower()
    counted = int(done.stderr.strip().rsplit("returned ", 1)[1].split()[0])
    lines = sum(1 for _ in open(real_dist / ("leidraad.nq" if syntax in ("nquads", "trig") else "leidraad.nt")))
    assert counted == lines


def test_roqet_selects_through_the_endpoint(server, persons: int) -> None:
    """roqet asks for SPARQL XML results and reads them as a table: SELECT works.

    (It asks a CONSTRUCT for SPARQL XML results too, and reads the RDF/XML the endpoint answers as a table;
    its ASK printed no boolean here: see docs/clients.md.)
    """
    done = subprocess.run(["roqet", "-q", "-r", "csv", "-p", server + "/sparql", "-e",
                           "SELECT ?p WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 1 + persons
