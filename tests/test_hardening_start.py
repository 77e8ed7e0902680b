"""The first seconds under load (issue 16): nothing a first request would pay for is left to the first requests.

* every per-dataset index (search, labels, the browse indexes, the debate's positions, ...) is built when the
  dataset is loaded (``leidraad serve`` before it accepts a connection, a reload before it swaps the build in),
  so a flood of first searches or a reader's first pages never build one while everyone else waits;
* a query worker opens the server's snapshot of the store instead of parsing it, so a worker killed at the time
  limit is replaced for a small fraction of the CPU a fresh load took, and at low priority from its start.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from leidraad.http.app import create_app, warm_up
from leidraad.http.context import DATASET
from leidraad.http.reload import reload
from leidraad.web import memo
from leidraad.web import search as searching
from pages_support import write_nquads_dist

#: Pages that read every kind of per-dataset index, in both languages.
FIRST_PAGES = ["/", "/search?q=leiderschap", "/search?q=leiderschp", "/search.json?q=lei", "/stances",
               "/comparisons", "/browse/persons", "/browse/roles", "/browse/positions",
               "/browse/claims", "/browse/frameworks", "/browse/works"]


def _fresh_copy(source: Path, target: Path, mark: str) -> Path:
    """``source``'s build with one more quad, so its etag (and every index keyed by it) is new to this process."""
    extra = f'<https://example.org/{mark}> <http://www.w3.org/2000/01/rdf-schema#comment> "{mark}" .\n'
    return write_nquads_dist(target, (source / "leidraad.nq").read_bytes() + extra.encode(), version=mark)


@pytest.fixture
def fresh_app(fixture_dist: Path, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(dist=_fresh_copy(fixture_dist, tmp_path / "dist", f"start-{time.time_ns()}"),
                     config={"SPARQL_EXECUTOR": "inline", "CLIENT_CPU_RATE": 0})
    yield app
    app.extensions["leidraad.sparql"].executor.close()


def test_every_index_a_page_reads_is_built_before_the_first_request(fresh_app: Flask, monkeypatch) -> None:
    ds = fresh_app.extensions[DATASET]
    assert memo.built(ds) == set()  # loading alone builds nothing: the server's start-up does, once
    took = warm_up(fresh_app)
    ready = memo.built(ds)
    assert {"search", "search-types", "search-vocabulary", "labels", "kind-counts", "debate-positions",
            "index-persons-nl", "index-persons-en"} <= ready
    assert sum(took.values()) > 0
    monkeypatch.setattr(searching, "_build", lambda _ds: pytest.fail("a request built the search index"))
    client = fresh_app.test_client()
    for lang in ("nl", "en"):
        for path in FIRST_PAGES:
            response = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}",
                                  headers={"Accept": "text/html"})
            assert response.status_code == 200, path
    assert memo.built(ds) == ready, "a first request built an index the start-up did not"


def test_a_reload_builds_the_new_builds_indexes_before_it_is_served(fresh_app: Flask, fixture_dist: Path) -> None:
    old = fresh_app.extensions[DATASET]
    _fresh_copy(fixture_dist, old.dist, f"reloaded-{time.time_ns()}")
    assert reload(fresh_app)
    new = fresh_app.extensions[DATASET]
    assert new.etag != old.etag
    assert {"search", "search-vocabulary", "labels", "index-claims-en"} <= memo.built(new)


def test_a_failing_index_does_not_stop_the_start(fresh_app: Flask, monkeypatch) -> None:
    """An external store that is down when the server starts: the start goes on, the first request tries again."""
    def broken(_ds: object) -> None:
        raise ConnectionError("store down")

    monkeypatch.setattr(memo, "_on_load", [broken, *memo._on_load])
    took = memo.warm(fresh_app.extensions[DATASET])
    assert any(name.endswith("broken") for name in took)
    assert "search" in memo.built(fresh_app.extensions[DATASET])  # the others were built all the same
