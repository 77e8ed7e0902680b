"""Property-based fuzzing of every route: no 5xx, no traceback in a body, no outbound connection.

The routes come from ``leidraad.http.app.ROUTES``, the same table ``docs/openapi.yaml``
describes (a test below keeps the two in step).  Hypothesis draws path
segments, query parameters and headers -- traversal tricks, percent-encoding
in odd places, control characters, markup, IRIs pointing at a listener on
loopback -- and SPARQL built from grammar fragments, so the query guard sees
near-valid federation and update attempts rather than only noise.  Runs are
derandomised (the same examples in every run) and bounded: a few hundred
examples, well under a minute in all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import hardening_support
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from leidraad.http.app import ROUTES
from sparql_fixtures import Listener

OPENAPI = hardening_support.ROOT / "docs" / "openapi.yaml"
FUZZ = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def outside() -> Iterator[Listener]:
    """A loopback listener standing for 'anywhere else': the fuzzed IRIs point at it."""
    found = Listener()
    yield found
    found.close()


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def test_openapi_description_lists_exactly_the_route_table():
    described = set(re.findall(r"^  (/\S*):\s*$", OPENAPI.read_text(encoding="utf-8"), flags=re.M))
    assert described == {_openapi_path(rule) for rule, *_ in ROUTES}


# --- strategies ----------------------------------------------------------------------------------------------------

TRICKS = ["..", "%2e%2e", "%252e", "%2f", "/", "\\", "%00", "%ff", "%c0%ae", "<script>", '">', "%0d%0a", "~",
          "concept", "kwaadaardig", "person", "anna-de-vries", ".ttl", ".jsonld", ".rdf", ".nt", "http:", "//",
          "\u202e", "\ufeff", "\u00e9", "?", "#", ";", " "]
segment = st.lists(st.one_of(st.sampled_from(TRICKS), st.text(max_size=8)), max_size=6).map("".join)
PARAMS = ["q", "lang", "format", "page", "size", "text", "query", "timeout", "out:skos:prefLabel",
          "default-graph-uri", "named-graph-uri", "x"]
header_text = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, blacklist_characters="\x7f"),
                      max_size=80)


def _path_of(rule: str, value: str) -> str:
    return re.sub(r"<(?:\w+:)?\w+>", lambda _: quote(value, safe="/%"), rule)


@st.composite
def page_requests(draw) -> tuple[str, dict[str, str], dict[str, str]]:
    rule = draw(st.sampled_from([rule for rule, *_ in ROUTES]))
    path = _path_of(rule, draw(segment))
    params = draw(st.dictionaries(st.sampled_from(PARAMS), st.one_of(segment, st.text(max_size=30)), max_size=4))
    headers = draw(st.fixed_dictionaries({}, optional={
        "Accept": st.one_of(header_text, st.sampled_from(["text/turtle", "application/ld+json;q=0.9, */*;q=0"])),
        "Accept-Language": header_text,
        "If-None-Match": header_text,
        "If-Modified-Since": header_text,
    }))
    return path, params, headers


def _sparql_fragments(url: str) -> list[str]:
    return ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "*", "WHERE", "{", "}", "(", ")", "?s", "?p", "?o", ".", ";",
            "SERVICE", "service", "SILENT", f"<{url}>", "FROM", "NAMED", "GRAPH", "LOAD", "INSERT", "DATA", "CLEAR",
            "FILTER", "REGEX", "<", ">", '"', "'", "#", "\n", "\\u0053", "PREFIX", "ex:", "<http://x/>", "1", "a",
            "VALUES", "BIND", "AS", "LIMIT", "OPTIONAL", "UNION", "MINUS", "|", "/", "+", "*", "^", "!", "@en"]


# --- the properties ------------------------------------------------------------------------------------------------

def _assert_sound(response, what: str) -> None:
    body = response.get_data()
    assert response.status_code < 500 or (response.status_code == 503 and b"time limit" in body), (
        what, response.status_code, body[:300])
    assert b"Traceback" not in body, what
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what


@FUZZ
@given(request=page_requests())
@pytest.mark.usefixtures("outside")
def test_fuzzed_page_requests_never_fail_on_our_side(hostile_app, request):
    path, params, headers = request
    response = hostile_app.test_client().get(path, query_string=params, headers=headers)
    _assert_sound(response, (path, params, headers))


@settings(FUZZ, max_examples=200)
@given(data=st.data())
def test_fuzzed_sparql_never_fails_on_our_side_nor_reaches_out(hostile_app, outside, data):
    fragments = _sparql_fragments(outside.url)
    query = " ".join(data.draw(st.lists(st.sampled_from(fragments), min_size=1, max_size=25)))
    transport = data.draw(st.sampled_from(["get", "form", "body"]))
    client = hostile_app.test_client()
    extra = data.draw(st.sampled_from([{}, {"default-graph-uri": outside.url}, {"named-graph-uri": outside.url},
                                       {"timeout": "0.5"}, {"format": "csv"}]))
    if transport == "get":
        response = client.get("/sparql", query_string={"query": query, **extra})
    elif transport == "form":
        response = client.post("/sparql", data={"query": query, **extra})
    else:
        response = client.post("/sparql?" + urlencode(extra), data=query.encode(),
                               content_type="application/sparql-query")
    _assert_sound(response, query)
    assert outside.connections == 0, query


@settings(FUZZ, max_examples=150)
@given(raw=st.binary(max_size=60), route=st.sampled_from(["/", "/sparql", "/search", "/search.json", "/doc/x"]))
def test_fuzzed_raw_query_strings_never_fail_on_our_side(hostile_app, raw, route):
    response = hostile_app.test_client().get(route, environ_overrides={"QUERY_STRING": raw.decode("latin-1")})
    _assert_sound(response, raw)
