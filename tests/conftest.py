"""Shared fixtures: the checkout's sources, and a build of them made once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from server.build import Outcome, build
from server.graph import load
from server.sources import REPO_ROOT, Sources, default_sources


@pytest.fixture(scope="session")
def sources() -> Sources:
    return default_sources()


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


@pytest.fixture()
def source_copy(tmp_path: Path, sources: Sources) -> Sources:
    """A writable copy of the sources, for tests that break them on purpose."""
    root = tmp_path / "leidraad"
    for part in ("ontology", "data", "shapes"):
        shutil.copytree(REPO_ROOT / part, root / part)
    shutil.copy2(REPO_ROOT / "pyproject.toml", root / "pyproject.toml")
    return Sources(root, dist_dir=root / "dist")


@pytest.fixture()
def seeds(sources: Sources) -> Path:
    return sources.seeds
