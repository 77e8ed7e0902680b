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
from .remote import RemoteStore

#: ``LEIDRAAD_ENGINE``: ``oxigraph`` (the default), or ``module:Class`` of a store with the same API taking the
#: N-Quads path (the benchmarks compare engines this way; ``rdflib`` is short for their rdflib adapter).
RDFLIB_ENGINE = "benchmarks.rdflib_store:RdflibStore"
NQUADS = "leidraad.nq"
VOID = "void.ttl"
MANIFEST = "manifest.json"
SUCCESSORS = "successors.json"
RETIRED = "retired.json"
CHANGES = "changes.json"


class NotBuilt(RuntimeError):
    """Raised when the server is asked to serve a folder with no build in it."""


def open_store(nquads: Path | str, merged: bool = False):
    """The build's N-Quads in the engine ``LEIDRAAD_ENGINE`` names (default Oxigraph; an operator's setting).

    Query workers call this too, so the endpoint and the pages always use the same engine; they open
    the server's snapshot (:func:`write_snapshot`), whose default graph is ``merged`` already.
    """
    if Path(nquads).is_dir():  # a snapshot written as an Oxigraph database: opened, not parsed
        return ox.Store.read_only(str(nquads))
    engine = os.environ.get("LEIDRAAD_ENGINE", "oxigraph")
    if engine == "rdflib":
        engine = RDFLIB_ENGINE
    if engine != "oxigraph":
        return _engine_class(engine)(str(nquads))
    store = ox.Store()
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    if not merged:
        store.update(_MERGE_INTO_DEFAULT)
    return store


def write_snapshot(store, folder: Path) -> Path:
    """``store`` as this process holds it, written into ``folder`` for query workers to open with :func:`open_store`.

    With Oxigraph, an on-disk database the workers open read-only: opening takes a few milliseconds where
    parsing the N-Quads took most of a CPU second, so a worker killed at the time limit is replaced
    cheaply even while the machine is busy, and the workers share the operating system's file cache
    instead of a copy each.  Nothing writes it after this; other engines get the N-Quads.
    """
    nquads = folder / "snapshot.nq"
    store.dump(str(nquads), format=ox.RdfFormat.N_QUADS)
    if os.environ.get("LEIDRAAD_ENGINE", "oxigraph") != "oxigraph":
        return nquads
    database = folder / "snapshot.db"
    disk = ox.Store(str(database))
    disk.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    disk.flush()
    del disk  # closed here: read-only readers may open it only once no writer holds it
    nquads.unlink()
    return database


#: The default graph as SPARQL 1.1 defines a dataset's: the RDF merge of the build's graphs, each triple once.
#: (Oxigraph's union default graph is a bag: a triple in two graphs would be counted twice.)
_MERGE_INTO_DEFAULT = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def default_graph_arguments(store) -> dict:
    """``store.query`` arguments for "the default graph": the set merge of the build's named graphs.

    The embedded store holds that merge as its real default graph (:func:`open_store`); the other
    stores are asked for the union of the build's graphs.
    """
    return {} if isinstance(store, ox.Store) else {"use_default_graph_as_union": True}  # remote: the merge


def page_graph_arguments(store) -> dict:
    """What pages read: the default graph plus the dataset's own description (VoID), so its IRIs have pages."""
    if isinstance(store, ox.Store | RemoteStore):
        return {"default_graph": [ox.DefaultGraph(), ox.NamedNode(str(GRAPH_DATASET))]}
    return {"use_default_graph_as_union": True}


def _engine_class(spec: str):
    module, _, name = spec.partition(":")
    if not module or not name:
        raise ValueError(f"LEIDRAAD_ENGINE must be 'oxigraph' or 'module:Class', not {spec!r}")
    return getattr(importlib.import_module(module), name)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@dataclass
class Dataset:
    """One build, loaded: the store plus what identifies it."""

    dist: Path
    store: ox.Store  # or a RemoteStore / RdflibStore offering the same calls
    version: str
    modified: str
    etag: str
    manifest: dict = field(default_factory=dict)
    #: Retired IRIs of earlier releases and the live IRIs that replaced them (``successors.json``).
    successors: dict[str, list[str]] = field(default_factory=dict)
    #: Of those, the ones retired without a successor: why, and the last release that had them (``retired.json``).
    retired: dict[str, dict[str, str]] = field(default_factory=dict)
    #: What this release added, changed, moved, split and retired since the previous one (``changes.json``).
    changes: dict = field(default_factory=dict)
    _counts: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, dist: Path, store_url: str | None = None) -> Dataset:
        """The build in ``dist``, in the embedded store, or in the external store at ``store_url``."""
        dist = Path(dist)
        manifest_path = dist / MANIFEST
        if not manifest_path.exists() or not (dist / NQUADS).exists():
            raise NotBuilt(f"no build in {dist}: run 'leidraad build' first")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if store_url:
            store = RemoteStore.from_url(store_url)
        else:
            store = open_store(dist / NQUADS)
        if isinstance(store, ox.Store) and (dist / VOID).exists():
            # the dataset's description, queryable in a named graph of its own; not part of the default
            # graph, whose counts are the ones it states
            dataset_graph = ox.NamedNode(str(GRAPH_DATASET))
            store.bulk_load(path=str(dist / VOID), format=ox.RdfFormat.TURTLE, to_graph=dataset_graph)
        return cls(
            dist=dist,
            store=store,
            version=manifest["version"],
            modified=manifest["modified"],
            etag=manifest["files"][NQUADS]["sha256"][:32],
            manifest=manifest,
            successors=_read_json(dist / SUCCESSORS),
            retired=_read_json(dist / RETIRED),
            changes=_read_json(dist / CHANGES),
        )

    @property
    def remote(self) -> bool:
        """Whether the data lives in an external store (queries then go there, not to worker processes)."""
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
        """Quads in the named graphs (the embedded store's merged default graph is not counted again)."""
        if not isinstance(self.store, ox.Store):
            return len(self.store)
        if "quads" not in self._counts:
            merged = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            self._counts["quads"] = len(self.store) - int(next(iter(merged))["n"].value)
        return self._counts["quads"]
