"""Shared fixtures: the checkout's sources, and a build of them made once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from leidraad.pipeline.build import Outcome, build
from leidraad.pipeline.parse import load
from leidraad.pipeline.sources import Sources, default_sources
from rdflib import Graph

#: The checkout under test.
REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sources() -> Sources:
    return default_sources(REPO_ROOT)


@pytest.fixture(scope="session")
def ontology(sources: Sources) -> Graph:
    g = Graph()
    for path in sources.ontology_files():
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="session")
def asserted(sources: Sources) -> Graph:
    """Ontology plus data as written, blank nodes named."""
    return load(sources).union()


@pytest.fixture(scope="session")
def session_build(tmp_path_factory: pytest.TempPathFactory, sources: Sources) -> tuple[Sources, Outcome]:
    """One build of the real sources into a temporary dist, shared by the tests that read dumps."""
    built = Sources(sources.root, dist_dir=tmp_path_factory.mktemp("build") / "dist")
    return built, build(built)


def copy_sources(root: Path, data_files: list[str] | None = None) -> Sources:
    """Copy ontology, shapes and (some of) the data files into ``root``."""
    for part in ("ontology", "shapes"):
        shutil.copytree(REPO_ROOT / part, root / part)
    (root / "data").mkdir(parents=True)
    for path in sorted((REPO_ROOT / "data").glob("*.ttl")):
        if data_files is None or path.name in data_files:
            shutil.copy2(path, root / "data" / path.name)
    shutil.copy2(REPO_ROOT / "pyproject.toml", root / "pyproject.toml")
    return Sources(root, dist_dir=root / "dist", seeds_dir=default_sources(REPO_ROOT).seeds)


@pytest.fixture(scope="session")
def real_dist(session_build: tuple[Sources, Outcome]) -> Path:
    """The dist folder of the session's build of the real sources."""
    return session_build[0].dist


@pytest.fixture()
def source_copy(tmp_path: Path) -> Sources:
    """A writable copy of all the sources, for tests that rebuild them."""
    return copy_sources(tmp_path / "leidraad")


#: The smallest self-contained part of the data: enough to break on purpose, quick to build.
#: (Texts refer to resources other texts describe, so for now that is all of it.)
SMALL_DATA: list[str] | None = None


@pytest.fixture()
def small_source_copy(tmp_path: Path) -> Sources:
    """A writable copy of the ontology, shapes and one text, for tests that break the sources."""
    return copy_sources(tmp_path / "leidraad", SMALL_DATA)


@pytest.fixture()
def seeds(sources: Sources) -> Path:
    return sources.seeds


# --- SPARQL endpoint fixtures (owned by the endpoint work; defined in tests/sparql_fixtures.py) -------------------
pytest_plugins = ["sparql_fixtures"]
