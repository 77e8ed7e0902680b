"""Hostile HTTP: odd headers, methods, bodies, paths and parameters get a clear 4xx, never a 500 or a leak."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

PAGES = ["/", "/doc/concept/kwaadaardig", "/search?q=waarde", "/browse/public-values", "/sparql", "/def"]


def _clean(response) -> None:
    """No server error, no traceback, whatever was sent."""
    assert response.status_code < 500, response.get_data(as_text=True)[:300]
    assert b"Traceback" not in response.data


# --- Accept and Accept-Language ------------------------------------------------------------------------------------

@pytest.mark.parametrize("accept", [
    "text/html;q=0.5," * 20_000,
    ";;;,,,q=abc/\x01",
    "text/turtle;q=2e308, */*;q=-1",
    "*/*;q=nan",
    "text/html;" + "a=b;" * 5_000,
    "\u00e9\u00e8/\u00ea",
])
def test_malformed_or_enormous_accept_is_answered_never_crashes(web, accept):
    for path in PAGES + ["/sparql?query=ASK%7B%7D"]:
        _clean(web.get(path, headers={"Accept": accept}))


@pytest.mark.parametrize("language", ["x" * 100_000, ";q=;;,,*-*-*", "nl;q=abc, en;q=1e999", "nl-" * 10_000])
def test_malformed_or_enormous_accept_language_falls_back_to_a_language(web, language):
    for path in PAGES:
        response = web.get(path, headers={"Accept-Language": language, "Accept": "text/html"})
        _clean(response)
        assert response.status_code == 200


# --- methods -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "CONNECT", "BREW"])
def test_unknown_or_writing_methods_are_405_with_allow(web, method):
    for path in ("/", "/sparql", "/doc/concept/kwaadaardig", "/dumps/leidraad.nq"):
        response = web.open(path, method=method, data=b"body-marker", headers={"X-Probe": "header-marker"})
        assert response.status_code == 405
        assert "GET" in response.headers["Allow"]
        assert b"marker" not in response.data  # nothing of the request is echoed (no TRACE)


# --- bodies --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("content_type", ["application/sparql-query", "application/x-www-form-urlencoded"])
def test_huge_body_is_413(web, content_type):
    response = web.post("/sparql", data=b"q" * 2_000_000, content_type=content_type)
    assert response.status_code == 413
    _clean(response)


def test_body_on_a_page_route_is_refused(web):
    assert web.post("/search", data=b"q=x").status_code == 405


# --- path traversal ------------------------------------------------------------------------------------------------

TRAVERSALS = [
    "../manifest.json", "..%2fmanifest.json", "%2e%2e%2fmanifest.json", "%2e%2e/%2e%2e/server/leidraad/http/app.py",
    "%252e%252e%252fmanifest.json", "..%5cmanifest.json", "....//....//etc/passwd", "%c0%ae%c0%ae/etc/passwd",
    "..;/etc/passwd", "/etc/passwd", "%2fetc%2fpasswd", "leidraad.nq%00.txt", "leidraad.nq/..",
]


@pytest.mark.parametrize("trick", TRAVERSALS)
def test_path_traversal_in_dump_and_asset_paths_finds_nothing(web, trick):
    for prefix in ("/dumps/", "/static/", "/static/vendor/", "/graph/", "/doc/"):
        response = web.get(prefix + trick)
        _clean(response)
        assert response.status_code in (400, 404, 308), (prefix + trick, response.status_code)
        assert b"root:" not in response.data and b"def create_app" not in response.data


def test_dumps_are_served_only_by_their_manifest_name(web, hostile_dist):
    (hostile_dist / "secret.txt").write_text("not for the public")
    try:
        assert web.get("/dumps/secret.txt").status_code == 404
        assert web.get("/dumps/manifest.json").status_code == 404
        assert web.get("/dumps/leidraad.nq").status_code == 200
    finally:
        (hostile_dist / "secret.txt").unlink()


# --- redirects -----------------------------------------------------------------------------------------------------

REDIRECT_TRICKS = [
    "/id//evil.example/x", "/id/%2F%2Fevil.example", "/id/concept/kwaadaardig?next=//evil.example",
    "/id/concept/kwaadaardig?x=%0d%0aLocation:%20http://evil.example", "/browse/", "/.well-known/void",
    "//evil.example/", "/\\evil.example", "/id/\\\\evil.example", "/id/concept/kwaadaardig.ttl",
    "/id/http://evil.example", "/sparql/", "/def/", "/id/concept/kwaadaardig/",
]


@pytest.mark.parametrize("path", REDIRECT_TRICKS)
def test_every_redirect_stays_on_our_origin(web, path):
    response = web.get(path)
    _clean(response)
    if 300 <= response.status_code < 400:
        location = response.headers["Location"]
        parts = urlsplit(location)
        assert parts.netloc in ("", "localhost"), location
        assert not location.startswith(("//", "/\\")), location
        assert "\r" not in location and "\n" not in location


# --- header injection ----------------------------------------------------------------------------------------------

INJECTIONS = ["json\r\nX-Evil: 1", "en\r\nSet-Cookie: evil=1", "x\nX-Evil: 1", "a%0d%0aX-Evil:%201", "\u2028X-Evil: 1"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_cr_lf_in_parameters_never_reaches_a_header(web, value):
    requests = [
        ("/sparql", {"query": "ASK {}", "format": value}),
        ("/doc/concept/kwaadaardig", {"format": value}),
        ("/", {"lang": value}),
        ("/doc/concept/kwaadaardig", {"lang": value}),
        ("/search", {"q": value, "lang": value}),
        ("/search.json", {"q": value}),
        ("/id/concept/kwaadaardig", {"x": value}),
        ("/browse/public-values", {"text": value, "page": value}),
    ]
    for path, params in requests:
        response = web.get(path, query_string=params)
        _clean(response)
        assert "X-Evil" not in response.headers
        for name, header in response.headers.items():
            assert "\r" not in header and "\n" not in header, (path, name, header)
        assert "evil=1" not in response.headers.get("Set-Cookie", "")


# --- IRIs taken from the request ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/stances?text=0", "/browse/public-values?text=a:b%0d%0a", "/browse/persons?text=%ef%bf%bd",
    "/doc/%c0%ae%c0%ae/etc/passwd", "/id/concept/%ef%bf%bf", "/graph/%ef%bf%bd", "/doc/concept/a%7Fb",
])
def test_strings_that_are_not_iris_are_refused_or_ignored_never_crash(web, path):
    response = web.get(path, headers={"Accept": "text/html"})
    _clean(response)
    assert response.status_code in (200, 400, 404)
