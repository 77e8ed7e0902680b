"""The embedded store the server reads: the built graph in Oxigraph.

``leidraad build`` writes every named graph of the build into one N-Quads file
(``dist/leidraad.nq``) and a ``dist/manifest.json`` naming its version.  The
server loads that file once into an in-memory :class:`pyoxigraph.Store`; the
data is immutable between builds, so the whole store is read-only and one
``etag`` (the dump's SHA-256) identifies its state for HTTP caching.

Two other stores can stand in for it, with the same API: rdflib's in-memory
store (``LEIDRAAD_ENGINE=rdflib``, the benchmarks' adapter, for their comparison) and an
external SPARQL store (``leidraad serve --store sparql+http://...``, see
:mod:`leidraad.store.remote`); the build's manifest is then still read from ``dist``.
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..core.namespaces import GRAPH_DATASET

#: ``LEIDRAAD_ENGINE``: ``oxigraph`` (the default), or ``module:Class`` of a store with the same API taking the
#: N-Quads path (the benchmarks compare engines this way; ``rdflib`` is short for their rdflib adapter).
RDFLIB_ENGINE = "benchmarks.rdflib_store:RdflibStore"
NQUADS = "leidraad.nq"
VOID = "void.ttl"
MANIFEST = "manifest.json"


class NotBuilt(RuntimeError):
    """Raised when the server is asked to serve a folder with no build in it."""


def open_store(nquads: Path | str):
    """The build's N-Quads in the engine ``LEIDRAAD_ENGINE`` names (default Oxigraph; an operator's setting).

    Query workers call this too, so the endpoint and the pages always use the same engine.
    """
    engine = os.environ.get("LEIDRAAD_ENGINE", "oxigraph")
    if engine == "rdflib":
        engine = RDFLIB_ENGINE
    if engine != "oxigraph":
        return _engine_class(engine)(str(nquads))
    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    return store


def _engine_class(spec: str):
    module, _, name = spec.partition(":")
    if not module or not name:
        raise ValueError(f"LEIDRAAD_ENGINE must be 'oxigraph' or 'module:Class', not {spec!r}")
    return getattr(importlib.import_module(module), name)


@dataclass
class Dataset:
    """One build, loaded: the store plus what identifies it."""

    dist: Path
    store: ox.Store  # or a RemoteStore / RdflibStore offering the same calls
    version: str
    modified: str
    etag: str
    manifest: dict = field(default_factory=dict)

    @classmethod
    def load(cls, dist: Path, store_url: str | None = None) -> Dataset:
        """The build in ``dist``, in the embedded store, or in the external store at ``store_url``."""
        dist = Path(dist)
        manifest_path = dist / MANIFEST
        if not manifest_path.exists() or not (dist / NQUADS).exists():
            raise NotBuilt(f"no build in {dist}: run 'leidraad build' first")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if store_url:
            from .remote import RemoteStore

            store = RemoteStore.from_url(store_url)
        else:
            store = open_store(dist / NQUADS)
        if isinstance(store, ox.Store) and (dist / VOID).exists():  # the dataset's description, queryable too
            dataset_graph = ox.NamedNode(str(GRAPH_DATASET))
            store.bulk_load(path=str(dist / VOID), format=ox.RdfFormat.TURTLE, to_graph=dataset_graph)
        return cls(
            dist=dist,
            store=store,
            version=manifest["version"],
            modified=manifest["modified"],
            etag=manifest["files"][NQUADS]["sha256"][:32],
            manifest=manifest,
        )

    @property
    def remote(self) -> bool:
        """Whether the data lives in an external store (queries then go there, not to worker processes)."""
        from .remote import RemoteStore

        return isinstance(self.store, RemoteStore)

    @property
    def engine(self) -> str:
        """What answers the queries, for ``/health``: ``oxigraph``, ``rdflib`` or the external store's endpoint."""
        if self.remote:
            return self.store.endpoint
        return "oxigraph" if isinstance(self.store, ox.Store) else "rdflib"

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)
