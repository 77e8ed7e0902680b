"""Security headers on every response, and CORS open for reading as linked-data clients expect."""

from __future__ import annotations

import re

import pytest

#: One request of every kind of answer: pages, RDF, SPARQL results and errors, dumps, assets, refusals.
RESPONSES = [
    ("GET", "/", {}),
    ("GET", "/doc/concept/kwaadaardig", {}),
    ("GET", "/doc/concept/kwaadaardig", {"Accept": "text/turtle"}),
    ("GET", "/id/concept/kwaadaardig", {}),
    ("GET", "/search?q=waarde", {}),
    ("GET", "/search.json?q=waarde", {}),
    ("GET", "/sparql", {"Accept": "text/html"}),
    ("GET", "/sparql?query=ASK%7B%7D", {"Accept": "application/sparql-results+json"}),
    ("GET", "/sparql?query=SELEC", {"Accept": "application/sparql-results+json"}),
    ("GET", "/sparql?query=CLEAR%20ALL", {}),
    ("GET", "/dumps/", {}),
    ("GET", "/dumps/leidraad.nq", {}),
    ("GET", "/static/style.css", {}),
    ("GET", "/health", {}),
    ("GET", "/no/such/page", {"Accept": "text/html"}),
    ("DELETE", "/sparql", {}),
    ("GET", "/search?q=\xff", {}),  # refused by the request guard, before Flask
]


def _directives(csp: str) -> dict[str, list[str]]:
    found = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


@pytest.mark.parametrize("method, path, headers", RESPONSES)
def test_every_response_carries_the_security_headers(web, method, path, headers):
    if "\xff" in path:
        response = web.get("/search", environ_overrides={"QUERY_STRING": "q=\xff"})
    else:
        response = web.open(path, method=method, headers=headers)
    csp = _directives(response.headers["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other origin
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_sparql_preflight_allows_a_cross_origin_query_post(web):
    response = web.open("/sparql", method="OPTIONS", headers={
        "Origin": "https://researcher.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })
    assert response.status_code in (200, 204)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()


def test_cross_origin_query_post_is_readable(web):
    response = web.post("/sparql", data=b"ASK {}", content_type="application/sparql-query",
                        headers={"Origin": "https://researcher.example", "Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Leidraad-Truncated" in response.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("path", ["/", "/doc/concept/kwaadaardig", "/search?q=waarde", "/sparql", "/stances",
                                  "/def", "/browse/persons", "/doc/person/anna-de-vries", "/models"])
def test_pages_run_no_inline_script(web, path):
    html = web.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
    for tag in re.findall(r"<script\b[^>]*>", html, flags=re.I):
        # a data block (JSON-LD, the editor's completions) is never executed
        assert "src=" in tag or re.search(r'type="application/(ld\+)?json"', tag), tag
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html, flags=re.I), "inline event handler"
    assert "javascript:" not in html.lower()
