"""Second hardening round, first findings: no 5xx for a query the engine cannot run, and no trust in Host."""

from __future__ import annotations

import pytest

EVIL = "evil.example"


def test_an_unknown_extension_function_is_a_400_with_the_engines_message(real_app) -> None:
    response = real_app.test_client().get(
        "/sparql", query_string={"query": "SELECT (<http://example.org/f>(1) AS ?x) {}", "format": "json"},
        headers={"Accept": "text/plain"})
    body = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "http://example.org/f" in body and "RuntimeError" not in body and "Traceback" not in body


@pytest.mark.parametrize("path", ["/dumps", "/browse", "/dumps?x=1", "/sparql?lang=en", "/doc/person/paul-t-hart/"])
def test_no_answer_names_the_host_a_client_sent(real_app, path) -> None:
    response = real_app.test_client().get(path, headers={"Host": EVIL, "Accept": "text/html"})
    assert response.status_code < 500
    assert EVIL not in response.headers.get("Location", "")
    assert EVIL not in response.get_data(as_text=True)
