"""The embedded store the server reads: the built graph in Oxigraph.

``leidraad build`` writes every named graph of the build into one N-Quads file
(``dist/leidraad.nq``) and a ``dist/manifest.json`` naming its version.  The
server loads that file once into an in-memory :class:`pyoxigraph.Store`; the
data is immutable between builds, so the whole store is read-only and one
``etag`` (the dump's SHA-256) identifies its state for HTTP caching.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .namespaces import GRAPH_DATASET

NQUADS = "leidraad.nq"
VOID = "void.ttl"
MANIFEST = "manifest.json"


class NotBuilt(RuntimeError):
    """Raised when the server is asked to serve a folder with no build in it."""


@dataclass
class Dataset:
    """One build, loaded: the store plus what identifies it."""

    dist: Path
    store: ox.Store
    version: str
    modified: str
    etag: str
    manifest: dict = field(default_factory=dict)

    @classmethod
    def load(cls, dist: Path) -> Dataset:
        dist = Path(dist)
        manifest_path = dist / MANIFEST
        if not manifest_path.exists() or not (dist / NQUADS).exists():
            raise NotBuilt(f"no build in {dist}: run 'leidraad build' first")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        store = ox.Store()
        store.bulk_load(path=str(dist / NQUADS), format=ox.RdfFormat.N_QUADS)
        if (dist / VOID).exists():  # the dataset's own description, queryable like the rest
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

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def __len__(self) -> int:
        return len(self.store)
