"""Second hardening round: depth without brackets -- operator and path chains -- is refused before the engine.

``!``×10,000 ``true``, ``1 + ``×10,000 or a path ``a/a/…``×10,000 crash the engine's
recursive parser in the worker; the guard counts chained operators and path steps
with the brackets (``MAX_DEPTH``) and answers 400 first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from leidraad.sparql.guard import MAX_DEPTH, QueryRefused, check

N = 10_000
BOMBS = {
    "negations": "ASK { FILTER(" + "!" * N + "true) }",
    "sums": "SELECT (" + "1 + " * N + "1 AS ?x) {}",
    "path": "SELECT * { ?s " + "/".join(["a"] * N) + " ?o }",
    "prefixed path": "SELECT * { ?s " + "/".join(["rdf:type"] * N) + " ?o }",
    "alternatives": "SELECT * { ?s " + "|".join(["<http://x/p>"] * N) + " ?o }",
    "conjunctions": "ASK { FILTER(" + " && ".join(["true"] * N) + ") }",
    "escaped negations": "ASK { FILTER(" + "\\u0021" * N + "true) }",
    "inside brackets": "ASK { FILTER((((" + "1 - " * N + "1) > 0))) }",
}
QUERIES = Path(__file__).resolve().parent.parent / "queries"


@pytest.mark.parametrize("query", BOMBS.values(), ids=BOMBS.keys())
def test_operator_and_path_chains_are_refused_by_the_guard(query) -> None:
    with pytest.raises(QueryRefused) as refused:
        check(query)
    assert refused.value.status == 400
    assert str(MAX_DEPTH) in refused.value.message


@pytest.mark.parametrize("name", ["negations", "sums", "path"])
def test_operator_and_path_chains_get_400_from_the_endpoint_before_reaching_a_worker(api, name) -> None:
    response = api.get("/sparql", query_string={"query": BOMBS[name], "format": "json"},
                       headers={"Accept": "text/plain"})
    assert response.status_code == 400
    assert "at most" in response.get_data(as_text=True)


def test_ordinary_chains_and_every_catalogue_query_pass_the_guard() -> None:
    check("ASK { FILTER(" + " || ".join(f"?x = {i}" for i in range(100)) + ") }")
    check("SELECT * { ?s " + "/".join(["<http://x/p>"] * 50) + " ?o }")
    for path in sorted(QUERIES.glob("*.rq")):
        assert check(path.read_text(encoding="utf-8")).depth <= MAX_DEPTH // 4, path.name
