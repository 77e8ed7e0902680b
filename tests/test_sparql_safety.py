"""The endpoint is public and read-only: nothing a api sends may write, reach out, or run forever."""

from __future__ import annotations

import json
import threading
import time

import pytest
from leidraad.sparql.errors import QueryFailed
from leidraad.sparql.evaluate import Job
from leidraad.sparql.protocol import time_limit
from rdflib import Graph
from sparql_fixtures import SLOW_QUERY

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _count(api) -> int:
    response = api.get("/sparql", query_string={"query": COUNT_ALL})
    return int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])


# --- updates --------------------------------------------------------------------------------------------------------

UPDATES = [
    "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "CLEAR ALL", "DROP ALL", "CREATE GRAPH <http://x/g>",
    "ADD DEFAULT TO <http://x/g>", "MOVE DEFAULT TO <http://x/g>", "COPY DEFAULT TO <http://x/g>",
    "PREFIX ex: <http://x/> insert data { ex:s ex:p ex:o }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_update_is_refused_in_every_transport_and_changes_nothing(api, update):
    before = _count(api)
    responses = [
        api.get("/sparql", query_string={"update": update}),
        api.get("/sparql", query_string={"query": update}),
        api.post("/sparql", data={"update": update}),
        api.post("/sparql", data={"query": update}),
        api.post("/sparql", data=update.encode(), content_type="application/sparql-update"),
        api.post("/sparql", data=update.encode(), content_type="application/sparql-query"),
    ]
    assert [r.status_code for r in responses] == [403] * 6
    assert _count(api) == before


# --- no outbound requests -------------------------------------------------------------------------------------------

def test_service_is_refused(api, listener):
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    response = api.get("/sparql", query_string={"query": query})
    assert response.status_code == 403
    assert "SERVICE" in response.data.decode()


def test_no_query_makes_the_server_contact_anything(api, listener):
    remote = listener.url + "data.ttl"
    attempts = [
        {"query": f"SELECT * FROM <{remote}> WHERE {{ ?s ?p ?o }}"},
        {"query": f"SELECT * FROM NAMED <{remote}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
        {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"},
        {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": remote},
        {"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": remote},
        {"query": f"SELECT * WHERE {{ sErViCe SILENT <{listener.url}> {{ ?s ?p ?o }} }}"},
        {"query": f"SELECT * WHERE {{ ?s ?p ?o FILTER(?s<?o)SERVICE<{listener.url}>{{}} }}"},
        {"query": f"LOAD <{remote}>"},
        {"query": f"DESCRIBE <{remote}>"},
    ]
    for params in attempts:
        response = api.get("/sparql", query_string=params)
        assert response.status_code in (200, 400, 403)
        if response.mimetype == "text/turtle":
            assert len(Graph().parse(data=response.data, format="turtle")) == 0
        elif response.status_code == 200:
            assert json.loads(response.data)["results"]["bindings"] == []
    time.sleep(0.3)
    assert listener.connections == 0


def test_query_workers_cannot_reach_the_network_even_past_the_guard(sparql_app, listener):
    pool = sparql_app.extensions["leidraad.sparql"].executor
    pool.run(Job(query="ASK {}", format="json", max_rows=1), 10)
    if not pool.sandboxed:
        pytest.skip("this kernel gave the workers no network namespace")
    job = Job(query=f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", format="json", max_rows=1)
    with pytest.raises(Exception):  # noqa: B017  (the engine's network error, as a 400)
        pool.run(job, 10)
    assert listener.connections == 0


# --- time limit, row cap, sizes -------------------------------------------------------------------------------------

def test_slow_query_is_stopped_with_503_while_a_quick_one_answers(strict_app):
    slow_result = {}
    # a client of its own: the app is shared, and a client whose query ran to the limit runs one query at a time
    client = {"REMOTE_ADDR": "192.0.2.101"}

    def run_slow():
        started = time.monotonic()
        slow_result["response"] = strict_app.test_client().get("/sparql", query_string={"query": SLOW_QUERY},
                                                               environ_overrides=client)
        slow_result["seconds"] = time.monotonic() - started

    strict_app.test_client().get("/sparql", query_string={"query": "ASK {}"}, environ_overrides=client)  # workers up
    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    quick = strict_app.test_client().get("/sparql", query_string={"query": "ASK {}", "format": "json"},
                                         environ_overrides=client)
    quick_seconds = time.monotonic() - started
    thread.join(timeout=30)
    assert quick.status_code == 200 and quick_seconds < 1.0
    assert slow_result["response"].status_code == 503
    assert "time limit" in slow_result["response"].data.decode()
    assert slow_result["seconds"] < 5


def test_after_a_timeout_the_endpoint_recovers(strict_app):
    api = strict_app.test_client()
    assert api.get("/sparql", query_string={"query": SLOW_QUERY}).status_code == 503
    for _ in range(3):
        assert api.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_timeout_parameter_can_lower_the_limit(api):
    started = time.monotonic()
    response = api.get("/sparql", query_string={"query": SLOW_QUERY, "timeout": "0.5"})
    assert response.status_code == 503
    assert time.monotonic() - started < 3


def test_timeout_parameter_cannot_raise_the_limit(strict_app):
    started = time.monotonic()
    response = strict_app.test_client().get("/sparql", query_string={"query": SLOW_QUERY, "timeout": "3600"})
    assert response.status_code == 503
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("value", ["abc", "-1", "0", "nan"])
def test_invalid_timeout_is_400(api, value):
    assert api.get("/sparql", query_string={"query": "ASK {}", "timeout": value}).status_code == 400


@pytest.mark.parametrize("asked, expected", [(None, 10.0), ("", 10.0), ("  ", 10.0), ("2", 2.0), ("0.5", 0.5),
                                             ("100", 10.0), ("10", 10.0), ("0.000001", 0.5), ("0.2", 0.5)])
def test_time_limit_is_the_configured_one_or_a_lower_one_asked_for(asked, expected):
    assert time_limit(asked, 10.0) == expected


@pytest.mark.parametrize("asked", ["abc", "0", "-1", "nan", "-0"])
def test_time_limit_refuses_a_timeout_that_is_not_a_positive_number_with_400(asked):
    with pytest.raises(QueryFailed) as refused:
        time_limit(asked, 10.0)
    assert refused.value.status == 400


def test_truncated_results_say_so_in_headers(strict_app):
    response = strict_app.test_client().get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o }"})
    assert response.headers["X-Leidraad-Truncated"] == "true"
    assert response.headers["X-Leidraad-Row-Limit"] == "5"
    assert len(json.loads(response.data)["results"]["bindings"]) == 5


def test_complete_results_say_they_are_complete(strict_app):
    response = strict_app.test_client().get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 5"})
    assert response.headers["X-Leidraad-Truncated"] == "false"


def test_oversized_query_is_413(api):
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000
    assert api.post("/sparql", data=query.encode(), content_type="application/sparql-query").status_code == 413


def test_deeply_nested_query_is_refused_before_it_reaches_the_engine(api):
    query = "SELECT * WHERE { " + "{ " * 5000 + "}" * 5000 + " }"
    response = api.post("/sparql", data=query.encode(), content_type="application/sparql-query")
    assert response.status_code == 400
    assert api.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


@pytest.mark.parametrize("raw", [b"query=ASK%20%7B%7D%FF", b"query=%E2%82", b"query=\xff\xfe"])
def test_invalid_utf8_in_a_form_body_is_400(api, raw):
    assert api.post("/sparql", data=raw, content_type="application/x-www-form-urlencoded").status_code == 400


@pytest.mark.parametrize("raw", [b"query=ASK%20%7B%7D%FF", b"query=%E2%82"])
def test_invalid_utf8_percent_encoded_in_the_url_is_400(api, raw):
    assert api.get("/sparql", environ_overrides={"QUERY_STRING": raw.decode("latin-1")}).status_code == 400


def test_raw_non_utf8_bytes_in_the_url_are_400(api):  # server/leidraad/http/request_guard.py answers before any view
    response = api.get("/sparql", environ_overrides={"QUERY_STRING": "query=\xff\xfe"})
    assert response.status_code == 400


def test_query_body_that_is_not_utf8_is_400(api):
    response = api.post("/sparql", data=b"ASK { \xff }", content_type="application/sparql-query")
    assert response.status_code == 400
