"""Writing the versioned dumps, their manifest, and swapping them into ``dist/`` atomically.

Everything here is deterministic: triples are sorted before they are written,
blank nodes were already named by :mod:`.skolemise`, and the dates come from
the sources (see ``build.source_date``), so two builds of the same sources are
byte-identical.  The folder is written beside ``dist/`` and swapped in only
when complete: a failed build leaves the previous dumps untouched.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..core.prefixes import PREFIXES, shorten
from ..core.terms import TermCache


@dataclass(frozen=True)
class DumpFormat:
    name: str
    media_type: str
    oxigraph_format: ox.RdfFormat
    quads: bool


#: The dumps a build writes, by file name.
FORMATS = (
    DumpFormat("leidraad.ttl", "text/turtle", ox.RdfFormat.TURTLE, False),
    DumpFormat("leidraad.nt", "application/n-triples", ox.RdfFormat.N_TRIPLES, False),
    DumpFormat("leidraad.jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, False),
    DumpFormat("leidraad.rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML, False),
    DumpFormat("leidraad.trig", "application/trig", ox.RdfFormat.TRIG, True),
    DumpFormat("leidraad.nq", "application/n-quads", ox.RdfFormat.N_QUADS, True),
)
MEDIA_TYPES = {f.name: f.media_type for f in FORMATS} | {
    "void.ttl": "text/turtle",
    "shacl-report.ttl": "text/turtle",
    "shapes.ttl": "text/turtle",
    "context.jsonld": "application/ld+json",
    "successors.json": "application/json",
    "retired.json": "application/json",
    "changes.json": "application/json",
}


def sorted_turtle(triples: Iterable) -> bytes:
    """Turtle of ``triples`` in sorted order, with our prefixes (the VoID description, the SHACL report)."""
    return _sorted_graph(triples).serialize(format="turtle", encoding="utf-8")


def _sorted_graph(triples: Iterable) -> Graph:
    """A graph whose insertion order, and so its serialisation order, is sorted."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for t in sorted(triples, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        g.add(t)
    return g


def compact_jsonld(expanded: bytes) -> bytes:
    """Shorten expanded JSON-LD with our prefixes: compact IRIs for keys, ``@id`` and ``@type``.

    Oxigraph writes expanded JSON-LD; with the published context in front and
    every IRI that a prefix covers written as a compact IRI, the dump reads as
    a person would write it and still means exactly the same triples.
    """
    known: dict[str, str] = {}

    def curie(iri: str) -> str:  # the same few thousand IRIs recur a hundred thousand times
        found = known.get(iri)
        if found is None:
            found = known[iri] = shorten(iri)
        return found

    def walk(node: object) -> object:
        if isinstance(node, list):
            return [walk(n) for n in node]
        if not isinstance(node, dict):
            return node
        out = {}
        for key, value in node.items():
            if key in ("@id", "@type") and isinstance(value, str):
                out[key] = curie(value)
            elif key == "@type" and isinstance(value, list):
                out[key] = [curie(v) for v in value]
            elif key.startswith("@"):
                out[key] = walk(value)
            else:
                out[curie(key)] = walk(value)
        return out

    # One resource per line: as readable as indenting (a resource's statements stay together) and written by
    # the json module's C encoder, which indenting would rule out (five times slower at a million triples).
    context = json.dumps({"@context": jsonld_context()["@context"]}, ensure_ascii=False, indent=1, sort_keys=True)
    nodes = [json.dumps(walk(node), ensure_ascii=False, sort_keys=True) for node in json.loads(expanded)]
    return (context[:-2] + ',\n "@graph": [\n' + ",\n".join(nodes) + "\n ]\n}\n").encode()


def jsonld_context() -> dict:
    """The JSON-LD context published with the dumps: our prefixes."""
    return {"@context": dict(sorted(PREFIXES.items()))}


@dataclass(frozen=True)
class SortedDataset:
    """The dataset in the order the dumps are written: the named graphs' quads, and their union's triples."""

    quads: list[ox.Quad]  # graph by graph (sorted by name), each graph's triples sorted
    triples: list[ox.Triple]  # every triple of every graph once, sorted


def sort_dataset(graphs: dict[URIRef, Iterable], cache: TermCache | None = None) -> SortedDataset:
    """Convert and sort every named graph once; the union is merged from the sorted graphs, not sorted again."""
    cache = cache or TermCache()
    quads: list[ox.Quad] = []
    runs = []
    for iri in sorted(graphs):
        name = ox.NamedNode(str(iri))
        run = sorted(((str(t), t) for t in map(cache.triple_to_ox, graphs[iri])), key=itemgetter(0))
        quads.extend(ox.Quad(*t, name) for _, t in run)
        runs.append(run)
    triples: list[ox.Triple] = []
    last = None
    for key, triple in heapq.merge(*runs, key=itemgetter(0)):
        if key != last:
            triples.append(triple)
            last = key
    return SortedDataset(quads, triples)


def serialise(dataset: SortedDataset) -> dict[str, bytes]:
    """Every dump's bytes, by file name.

    Oxigraph's serialisers stream what they are given in the order given, so
    sorting the triples (and the graphs) first makes every dump deterministic;
    they are also two orders of magnitude faster than rdflib's on our graph.
    """
    out: dict[str, bytes] = {}
    for fmt in FORMATS:
        data = dataset.quads if fmt.quads else dataset.triples
        out[fmt.name] = ox.serialize(data, format=fmt.oxigraph_format, prefixes=PREFIXES)
    out["leidraad.jsonld"] = compact_jsonld(out["leidraad.jsonld"])
    out["context.jsonld"] = (json.dumps(jsonld_context(), indent=2, sort_keys=True) + "\n").encode()
    return out


def manifest(files: dict[str, bytes], *, version: str, modified: str) -> bytes:
    """``manifest.json``: what the server needs to serve the dumps by name only."""
    entries = {
        name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "mediaType": MEDIA_TYPES[name]}
        for name, data in sorted(files.items())
    }
    body = {"version": version, "modified": modified, "files": entries}
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode()


# -----------------------------------------------------------------------------
# Writing atomically
# -----------------------------------------------------------------------------


def write_atomically(dist: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into a fresh folder beside ``dist`` and swap it in whole."""
    dist = Path(dist)
    dist.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=dist.name + ".new-", dir=dist.parent))
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        old = None
        if dist.exists():
            old = dist.parent / f"{dist.name}.old-{os.getpid()}"
            dist.rename(old)
        staging.rename(dist)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


__all__ = ["FORMATS", "manifest", "serialise", "sorted_turtle", "write_atomically"]
