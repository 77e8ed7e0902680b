"""Writing the versioned dumps and the VoID/DCAT description of the dataset.

Everything here is deterministic: triples are sorted before they are written,
blank nodes were already named by ``graph.skolemise``, and the dates come from
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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from .namespaces import BASE, DATASET_IRI, GRAPH_INFERRED, ID, PREFIXES
from .terms import TermCache, from_ox

SPDX = Namespace("http://spdx.org/rdf/terms#")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DUMPS_BASE = BASE + "dumps/"


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
    "context.jsonld": "application/ld+json",
}


def _sorted_graph(triples: Iterable) -> Graph:
    """A graph whose insertion order, and so its serialisation order, is sorted."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for t in sorted(triples, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        g.add(t)
    return g


def _curie(iri: str, by_length: list[tuple[str, str]]) -> str:
    for prefix, ns in by_length:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns):].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def compact_jsonld(expanded: bytes) -> bytes:
    """Shorten expanded JSON-LD with our prefixes: compact IRIs for keys, ``@id`` and ``@type``.

    Oxigraph writes expanded JSON-LD; with the published context in front and
    every IRI that a prefix covers written as a compact IRI, the dump reads as
    a person would write it and still means exactly the same triples.
    """
    by_length = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
    known: dict[str, str] = {}

    def curie(iri: str) -> str:  # the same few thousand IRIs recur a hundred thousand times
        found = known.get(iri)
        if found is None:
            found = known[iri] = _curie(iri, by_length)
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


# -----------------------------------------------------------------------------
# VoID and DCAT
# -----------------------------------------------------------------------------


def _partition_iri(kind: str, term: URIRef) -> URIRef:
    return ID[f"dataset/leidraad/{kind}/{hashlib.sha256(str(term).encode()).hexdigest()[:12]}"]


def describe(
    dataset: SortedDataset, files: dict[str, bytes], *, version: str, modified: str, sources: Iterable[URIRef]
) -> Graph:
    """VoID statistics and a DCAT distribution per dump, for the whole graph."""
    g = Graph()
    d = DATASET_IRI
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal("Leidraad", lang="nl")))
    g.add((d, DCTERMS.title, Literal("Leidraad", lang="en")))
    g.add((d, DCTERMS.description, Literal(
        "Kennisgraaf van Nederlandstalige teksten over publiek leiderschap en ambtelijk vakmanschap.", lang="nl")))
    g.add((d, DCTERMS.description, Literal(
        "Knowledge graph of Dutch writing on public-sector leadership and civil-service craftsmanship.", lang="en")))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, DCTERMS.creator, ID["group/leidraad-team"]))
    g.add((ID["group/leidraad-team"], RDF.type, FOAF.Group))
    g.add((ID["group/leidraad-team"], FOAF.name, Literal("Leidraad team")))
    g.add((d, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    g.add((d, URIRef(str(DCAT) + "version"), Literal(version)))  # DCAT 3
    g.add((d, OWL.versionInfo, Literal(version)))
    g.add((d, VOID.sparqlEndpoint, URIRef(BASE + "sparql")))
    g.add((d, VOID.uriSpace, Literal(str(ID))))
    g.add((d, VOID.vocabulary, URIRef(PREFIXES["lei"])))
    for text in sorted(sources):
        g.add((d, DCTERMS.source, text))

    # one pass over the union, on Oxigraph's terms (hashed in Rust); only classes and properties come back
    subjects, objects, classes, properties = set(), set(), Counter(), Counter()
    rdf_type = ox.NamedNode(str(RDF.type))
    for t in dataset.triples:
        subjects.add(t.subject)
        objects.add(t.object)
        properties[t.predicate] += 1
        if t.predicate == rdf_type:
            classes[t.object] += 1
    entities = [s for s in subjects if isinstance(s, ox.NamedNode)]
    g.add((d, VOID.triples, Literal(len(dataset.triples))))
    g.add((d, VOID.entities, Literal(len(entities))))
    g.add((d, VOID.distinctSubjects, Literal(len(subjects))))
    g.add((d, VOID.distinctObjects, Literal(len(objects))))
    g.add((d, VOID.properties, Literal(len(properties))))

    g.add((d, VOID.classes, Literal(len(classes))))
    for cls, count in sorted((from_ox(c), n) for c, n in classes.items()):
        part = _partition_iri("class", cls)
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(count)))
    for prop, count in sorted((from_ox(p), n) for p, n in properties.items()):
        part = _partition_iri("property", prop)
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(count)))

    for name, data in sorted(files.items()):
        dist = ID[f"dataset/leidraad/dump/{name}"]
        url = URIRef(DUMPS_BASE + name)
        g.add((d, DCAT.distribution, dist))
        if name.startswith("leidraad."):
            g.add((d, VOID.dataDump, url))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(name)))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[name])))
        g.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, LICENSE))
        checksum = ID[f"dataset/leidraad/dump/{name}/sha256"]
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))
    g.add((URIRef(PREFIXES["lei"]), RDFS.label, Literal("Leidraad ontology", lang="en")))
    return g


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


__all__ = ["FORMATS", "GRAPH_INFERRED", "describe", "manifest", "serialise", "write_atomically"]
