"""Shared fixtures: the checkout's sources, a build of them made once per session, and small source trees.

Every fixture shared between test modules is defined here or in one of the
plugins listed in :data:`pytest_plugins` below, and only there: a test module
never rebinds a shared fixture (``app = pages_support.app``), which would make a
second app, and a second pool of query worker processes, for that module.  The
apps live for the session; each closes its worker pool at the session's end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from leidraad.pipeline.build import Outcome, build
from leidraad.pipeline.parse import load
from leidraad.pipeline.sources import Sources, default_sources
from leidraad.store.dataset import Dataset
from rdflib import Graph

#: The shared fixtures of the endpoint, page and hardening tests (one app each per session), and the browser
#: tests' Chromium and live servers (one each per session).
#: (Listed so that each is imported after those it imports, for pytest to rewrite its asserts.)
pytest_plugins = ["pages_support", "hardening_support", "sparql_fixtures", "tests.support.browser"]

#: The tests' clients send thousands of requests from one address (127.0.0.1): no CPU or query-time budget per
#: client and no lane for heavy clients for them, unless a test asks for one (``test_hardening_fairness.py``,
#: ``test_hardening_lanes.py``; ``benchmarks/hostile.py`` runs the production defaults).
os.environ.setdefault("LEIDRAAD_CLIENT_CPU_RATE", "0")
os.environ.setdefault("LEIDRAAD_CLIENT_QUERY_RATE", "0")
os.environ.setdefault("LEIDRAAD_CLIENT_HEAVY_CPU", "0")

#: The checkout under test.
REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def workers_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where every app of the session, and every server it starts, puts its query workers' snapshot: a folder of
    pytest's own, so a run stopped before its apps close (``timeout``, Ctrl-C twice) leaves nothing in ``/tmp``
    that pytest's clean-up of old runs does not remove (``sparql/snapshots.py``)."""
    folder = tmp_path_factory.mktemp("workers")
    os.environ["LEIDRAAD_WORKERS_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def sources() -> Sources:
    return default_sources(REPO_ROOT)


@pytest.fixture(scope="session")
def ontology(sources: Sources) -> Graph:
    """Our ontology and the reused vocabularies' own axioms: what reasoning over a fixture needs."""
    g = Graph()
    for path in sources.ontology_files() + sources.vocabulary_files():
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="session")
def asserted(sources: Sources) -> Graph:
    """Ontology plus data as written, blank nodes named."""
    return load(sources).union()


@pytest.fixture(scope="session")
def session_build(tmp_path_factory: pytest.TempPathFactory, sources: Sources) -> tuple[Sources, Outcome]:
    """The one build of the real sources, into a temporary dist, shared by every test that reads a real build."""
    built = Sources(sources.root, dist_dir=tmp_path_factory.mktemp("build") / "dist")
    return built, build(built)


@pytest.fixture(scope="session")
def real_dist(session_build: tuple[Sources, Outcome]) -> Path:
    """The dist folder of the session's build of the real sources."""
    return session_build[0].dist


@pytest.fixture(scope="session")
def real_dataset(real_dist: Path) -> Dataset:
    """The session's build of the real sources opened as a store, once for every module that queries it."""
    return Dataset.load(real_dist)


@pytest.fixture(scope="session")
def real_app(real_dist: Path) -> Iterator[Flask]:
    """The whole application over the session's build of the real sources."""
    from leidraad.http.app import create_app

    app = create_app(dist=real_dist)
    yield app
    app.extensions["leidraad.sparql"].executor.close()


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Sources:
    """A tiny self-contained source tree (real ontology and shapes, one small data file, seed texts for its
    quotes), built once: the "previous good build" of the tests that break a build."""
    from hardening_support import small_sources_with_seeds

    built = small_sources_with_seeds(tmp_path_factory.mktemp("small") / "leidraad")
    build(built)
    return built


@pytest.fixture()
def small_source_copy(tmp_path: Path) -> Sources:
    """A writable tiny source tree (see :func:`small_build`), not yet built, for tests that break the sources.

    Its one data file is ``data/hostile.ttl``; its seed texts lie beside it in ``../shared/seeds``.
    """
    from hardening_support import small_sources_with_seeds

    return small_sources_with_seeds(tmp_path / "leidraad")


@pytest.fixture()
def seeds(sources: Sources) -> Path:
    return sources.seeds


@pytest.fixture(scope="session")
def sixth_build(tmp_path_factory: pytest.TempPathFactory, sources: Sources) -> tuple[Sources, Outcome]:
    """A copy of the real sources with a sixth text (the op-ed fixture) added, built once: the data-dependent
    tests run on it as on the real build."""
    from sixth_text import add_sixth_text, copy_sources

    copy = copy_sources(sources, tmp_path_factory.mktemp("sixth") / "leidraad")
    add_sixth_text(copy)
    return copy, build(copy)
