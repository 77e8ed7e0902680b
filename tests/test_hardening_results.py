"""Second hardening round: an answer is bounded in bytes as well as rows, in every format, and says it was cut."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sparql_fixtures import close_app, make_app

#: Every row carries a 5,000-character literal: 100 rows are ~500 kB, far past the 20 kB allowed below.
WIDE = ('SELECT ?s ?big WHERE { ?s ?p ?o BIND(CONCAT(STR(?s), "' + "A" * 5000 + '") AS ?big) }')
WIDE_GRAPH = ('CONSTRUCT { ?s <http://example.org/big> ?big } WHERE { ?s ?p ?o BIND(CONCAT(STR(?s), "'
              + "A" * 5000 + '") AS ?big) }')
BYTE_CAP = 20_000


@pytest.fixture(scope="module")
def byte_capped_app(endpoint_dist: Path) -> Iterator[Flask]:
    app = make_app(endpoint_dist, MAX_RESULT_BYTES=BYTE_CAP, MAX_ROWS=10_000)
    yield app
    close_app(app)


@pytest.mark.parametrize(("query", "fmt"), [
    (WIDE, "json"), (WIDE, "xml"), (WIDE, "csv"), (WIDE, "tsv"), (WIDE, "html"),
    (WIDE_GRAPH, "turtle"), (WIDE_GRAPH, "ntriples"), (WIDE_GRAPH, "jsonld"), (WIDE_GRAPH, "rdfxml"),
])
def test_a_result_past_the_byte_cap_is_cut_in_every_format_and_says_so(byte_capped_app, query, fmt) -> None:
    response = byte_capped_app.test_client().get("/sparql", query_string={"query": query, "format": fmt})
    assert response.status_code == 200
    assert len(response.data) < 3 * BYTE_CAP + 50_000  # bounded (escaping and markup add a little)
    assert response.headers["X-Leidraad-Truncated"] == "true"
    assert response.headers["X-Leidraad-Truncated-By"] == "bytes"
    assert int(response.headers["X-Leidraad-Byte-Limit"]) <= BYTE_CAP


def test_the_note_a_cut_result_links_to_names_the_byte_cap(byte_capped_app) -> None:
    response = byte_capped_app.test_client().get("/sparql", query_string={"query": WIDE, "format": "json"})
    link = response.get_json()["head"]["link"][0]
    note = byte_capped_app.test_client().get(link.split("leidraad/", 1)[1].join(["/", ""]))
    assert "0.02 MB" in note.get_data(as_text=True)


def test_a_small_result_is_not_cut(byte_capped_app) -> None:
    response = byte_capped_app.test_client().get("/sparql", query_string={"query": "ASK {}", "format": "json"})
    assert response.headers["X-Leidraad-Truncated"] == "false"
    assert "X-Leidraad-Truncated-By" not in response.headers
