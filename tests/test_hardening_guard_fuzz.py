"""Second hardening round: the guard reads SPARQL as the engine does, checked by Hypothesis against the engine.

Hypothesis writes ``SERVICE``, ``LOAD`` (and the other updates), ``FROM`` and deep nesting
in the forms that fooled the first guard -- case, ``\\uXXXX`` escapes, comments and decoys
holding ``#``, ``<`` or quotes before them, no space at all -- and asks the engine itself
what it makes of each text:

* ``SERVICE``: the engine evaluates the query on an empty store; if it connects to the
  loopback listener the query names, the guard must have refused it (403);
* updates: if the engine accepts the text as an update, the guard must refuse it (403);
* ``FROM``: if the engine reads the dataset clause (a graph's triple appears), the guard
  must say the query has one (so the server never overrides it with the union graph);
* nesting: built to a known depth (never given to the engine, which would crash); the
  guard refuses every text deeper than it allows and accepts the shallow ones.

Derandomised and bounded (a few hundred examples in all, seconds), so CI sees the same run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from leidraad.sparql.guard import MAX_DEPTH, MAX_NESTING, QueryRefused, check
from sparql_fixtures import Listener

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Between two tokens: white space, comments holding what a lexer may trip on, or nothing.
GAPS = st.sampled_from([" ", "\n", "\t", "#c\n", "# <http://x/> 'q\" {\n", "\r\n#x\r\n", " #}\n "])
#: Before the interesting part: terms whose ``#``, ``<`` or quotes a careless lexer reads as a comment or a string.
DECOYS = st.sampled_from([
    "", "BIND(<http://x/\\u0041#> AS ?d) ", "BIND('#' AS ?d) ", 'BIND("""#\n""" AS ?d) ', "FILTER(1<2) ",
    "BIND(<http://x/#> AS ?d) ", "BIND(<http://x/\\U00000041#> AS ?d) ", "?a <http://x/p#q> ?b . ",
    "BIND('\\'#' AS ?d) ", "FILTER(?a<?b) ", "BIND(\"<\" AS ?d) ",
])
SERVICE = st.sampled_from(["SERVICE", "service", "SeRvIcE", "\\u0053ERVICE", "SERV\\u0049CE", "\\U00000053ervice"])
SILENT = st.sampled_from(["", "SILENT ", "silent "])
UPDATES = st.sampled_from(["LOAD", "load", "\\u004cOAD", "CLEAR", "DROP", "CREATE", "INSERT DATA", "DELETE DATA",
                           "Insert Data", "ADD", "COPY", "MOVE", "WITH"])
FROM = st.sampled_from(["FROM", "from", "FrOm", "\\u0046ROM", "FROM NAMED"])
FORMS = st.sampled_from(["SELECT * WHERE", "ASK", "CONSTRUCT WHERE", "SELECT ?s"])
GRAPH = "http://example.org/g1"


@pytest.fixture(scope="module")
def outside() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def _engine_runs(store: ox.Store, text: str) -> list | None:
    """What the engine answers (rows), or None if it refuses the text or fails evaluating it."""
    try:
        answer = store.query(text)
        return [answer] if isinstance(answer, ox.QueryBoolean) else list(answer)
    except (SyntaxError, ValueError, OSError, RuntimeError):
        return None


def _guard_refuses(text: str, status: int | None = None) -> bool:
    try:
        check(text)
    except QueryRefused as refused:
        return status is None or refused.status == status
    return False


@FUZZ
@given(form=FORMS, decoy=DECOYS, keyword=SERVICE, gap=GAPS, silent=SILENT,
       target=st.sampled_from(["iri", "escaped", "prefixed", "fragment"]))
def test_every_service_call_the_engine_would_make_is_refused(outside, form, decoy, keyword, gap, silent, target):
    iri = {"iri": f"<{outside.url}>", "escaped": f"<{outside.url}\\u0041>", "prefixed": "o:",
           "fragment": f"<{outside.url}#x>"}[target]
    text = (f"PREFIX o: <{outside.url}>{gap}{form} {{ {decoy}{keyword}{gap}{silent}{iri}{gap}"
            "{ ?s ?p ?o } }")
    before = outside.connections
    _engine_runs(ox.Store(), text)
    if outside.connections > before:  # the engine read a SERVICE and called out
        assert _guard_refuses(text, 403), text


def test_the_service_oracle_sees_the_engine_call_out(outside) -> None:
    before = outside.connections
    _engine_runs(ox.Store(), f"SELECT * {{ SERVICE SILENT <{outside.url}> {{ ?s ?p ?o }} }}")
    assert outside.connections > before


@FUZZ
@given(keyword=UPDATES, gap=GAPS, silent=SILENT, prologue=st.sampled_from(["", "PREFIX x: <http://x/#>", "BASE <#>"]))
def test_every_text_the_engine_would_run_as_an_update_is_refused(outside, keyword, gap, silent, prologue):
    body = {"LOAD": f"{silent}<{outside.url}>", "CLEAR": f"{silent}ALL", "DROP": f"{silent}ALL",
            "CREATE": f"{silent}GRAPH <http://x/g>", "ADD": "DEFAULT TO <http://x/g>",
            "COPY": "DEFAULT TO <http://x/g>", "MOVE": "DEFAULT TO <http://x/g>",
            "WITH": "<http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"}
    word = keyword.upper().replace("\\U004C", "L").split()[0]
    rest = body.get(word, "{ <http://x/s> <http://x/p> 1 }")
    text = f"{prologue}{gap}{keyword}{gap}{rest}"
    try:
        ox.Store().update(text)
        accepted = True
    except SyntaxError:
        accepted = False
    except (ValueError, OSError, RuntimeError):
        accepted = True  # parsed as an update; it failed only while running (a LOAD from the listener)
    if accepted:
        assert _guard_refuses(text, 403), text


@pytest.fixture(scope="module")
def graph_store() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o"), ox.NamedNode(GRAPH)))
    return store


@FUZZ
@given(keyword=FROM, gap=GAPS, decoy=DECOYS)
def test_every_dataset_clause_the_engine_reads_is_seen_by_the_guard(graph_store, keyword, gap, decoy):
    pattern = "{ GRAPH ?g { ?s ?p ?o } }" if keyword.endswith("NAMED") else "{ ?s ?p ?o }"
    text = f"SELECT *{gap}{keyword}{gap}<{GRAPH}>{gap}WHERE {pattern[:-1]} {decoy}}}"
    found = _engine_runs(graph_store, text)
    if found:  # the graph's triple came back: the engine read the FROM clause
        assert check(text).has_dataset_clause, text


def _nested(kind: str, depth: int, gap: str) -> str:
    if kind == "groups":
        return "SELECT * WHERE " + ("{" + gap) * depth + "?s ?p ?o" + (gap + "}") * depth
    if kind == "brackets":
        return "SELECT (" + ("(" + gap) * depth + "1" + (gap + ")") * depth + " AS ?x) {}"
    if kind == "negations":
        return "ASK { FILTER(" + ("!" + gap) * depth + "true) }"
    if kind == "sums":
        return "SELECT (" + ("1" + gap + "+" + gap) * depth + "1 AS ?x) {}"
    return "SELECT * { ?s " + (gap + "/" + gap).join(["<http://x/p>"] * (depth + 1)) + " ?o }"


@FUZZ
@given(kind=st.sampled_from(["groups", "brackets", "negations", "sums", "path"]), gap=GAPS, decoy=DECOYS,
       depth=st.one_of(st.integers(1, 40), st.integers(MAX_DEPTH + 1, 3 * MAX_DEPTH)))
def test_deep_nesting_is_refused_however_it_is_written_and_shallow_nesting_is_not(kind, gap, decoy, depth):
    text = _nested(kind, depth, gap)
    text = text.replace("{", "{ " + decoy, 1) if "{" in text and decoy.startswith(("BIND", "FILTER")) else text
    limit = MAX_NESTING if kind in ("groups", "brackets") else MAX_DEPTH
    if depth > limit:
        assert _guard_refuses(text, 400), text[:200]
    else:
        assert not _guard_refuses(text), text[:200]
