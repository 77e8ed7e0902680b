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
    cache = app.wsgi_app  # FairShare → Gzip → RequestGuard → ResponseCache → Flask
    while not isinstance(cache, ResponseCache):
        cache = cache.app
    assert cache.version() == app.extensions["leidraad"].etag


def test_the_cache_holds_no_more_bytes_than_its_budget():
    @Request.application
    def app(_request: Request) -> Response:
        response = Response("x" * 1000)
        response.headers["Cache-Control"] = "public, max-age=300"
        return response

    cache = ResponseCache(app, size=2000, max_bytes=20_000)
    client = Client(cache)
    for number in range(100):
        assert client.get(f"/doc/person/p{number}").status_code == 200
    assert 0 < cache.bytes <= 20_000
    assert 10 <= len(cache) < 20


def test_unknown_query_parameters_neither_make_new_entries_nor_reach_the_page():
    seen = []

    @Request.application
    def app(request: Request) -> Response:
        seen.append(request.query_string.decode())
        response = Response(f"{request.path}?{request.query_string.decode()}")
        response.headers["Cache-Control"] = "public, max-age=300"
        return response

    cache = ResponseCache(app)
    client = Client(cache)
    bodies = {client.get(f"/graph/essay.nt?x={number}&lang=en").data for number in range(50)}
    assert bodies == {b"/graph/essay.nt?lang=en"} and seen == ["lang=en"]
    client.get("/doc/person/x?lang=nl&page=2&out:http://x/p=3&cachebuster=1")
    assert seen[-1] == "lang=nl&out:http://x/p=3&page=2"
    assert len(cache) == 2


def test_an_index_is_built_once_however_many_requests_ask_for_it_at_once() -> None:
    import threading
    import time
    from types import SimpleNamespace

    from leidraad.web import memo

    calls: list[int] = []

    def build(_ds) -> list[int]:
        calls.append(1)
        time.sleep(0.05)
        return [len(calls)]

    ds = SimpleNamespace(etag="built-once-test")
    results: list[list[int]] = []
    threads = [threading.Thread(target=lambda: results.append(memo.per_dataset(ds, "slow", build)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and all(r is results[0] for r in results)
