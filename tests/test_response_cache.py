"""The page response cache replays only what is safe to replay."""

from __future__ import annotations

from leidraad.http.response_cache import ResponseCache
from werkzeug.test import Client
from werkzeug.wrappers import Request, Response


def _counting_app(headers: dict[str, str] | None = None, status: int = 200):
    calls = []

    @Request.application
    def app(request: Request) -> Response:
        calls.append(request.path)
        response = Response(f"{request.path} {len(calls)} {request.headers.get('Accept', '')}", status=status)
        response.headers["Cache-Control"] = "public, max-age=300"
        for name, value in (headers or {}).items():
            response.headers[name] = value
        return response

    return app, calls


def test_a_repeated_page_request_is_answered_without_the_app():
    app, calls = _counting_app()
    client = Client(ResponseCache(app))
    first = client.get("/doc/person/x")
    second = client.get("/doc/person/x")
    assert first.data == second.data
    assert calls == ["/doc/person/x"]
    assert second.headers["Cache-Control"] == "public, max-age=300"


def test_each_accept_header_is_a_variant_of_its_own():
    app, calls = _counting_app()
    client = Client(ResponseCache(app))
    html = client.get("/doc/person/x", headers={"Accept": "text/html"})
    turtle = client.get("/doc/person/x", headers={"Accept": "text/turtle"})
    assert html.data != turtle.data
    assert len(calls) == 2


def test_the_sparql_endpoint_and_search_are_never_cached():
    app, calls = _counting_app()
    client = Client(ResponseCache(app))
    for path in ("/sparql", "/sparql", "/search", "/search"):
        client.get(path)
    assert len(calls) == 4


def test_a_response_setting_a_cookie_is_never_replayed():
    app, calls = _counting_app({"Set-Cookie": "lang=en"})
    client = Client(ResponseCache(app))
    client.get("/doc/person/x")
    client.get("/doc/person/x")
    assert len(calls) == 2


def test_conditional_requests_and_errors_go_to_the_app():
    app, calls = _counting_app(status=404)
    client = Client(ResponseCache(app))
    client.get("/doc/nothing")
    client.get("/doc/nothing")
    client.get("/doc/nothing", headers={"If-None-Match": '"x"'})
    assert len(calls) == 3


def test_pages_of_a_build_no_longer_served_are_never_replayed():
    app, calls = _counting_app()
    served = ["build-1"]
    client = Client(ResponseCache(app, version=lambda: served[0]))
    before = client.get("/doc/person/x")
    served[0] = "build-2"  # what a reload does to the dataset's etag
    after = client.get("/doc/person/x")
    assert before.data != after.data
    assert calls == ["/doc/person/x", "/doc/person/x"]
    assert client.get("/doc/person/x").data == after.data and len(calls) == 2


def test_the_app_keys_its_page_cache_by_the_dataset_being_served(real_app):
    app = real_app
    cache = app.wsgi_app.app.app  # Gzip → RequestGuard → ResponseCache → Flask
    assert isinstance(cache, ResponseCache)
    assert cache.version() == app.extensions["leidraad"].etag
