"""The VoID/DCAT description of the dataset: statistics, partitions, and a distribution per dump."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, VOID, XSD

from ..core.namespaces import BASE, DATASET_IRI, ID, SD, SPDX
from ..core.prefixes import PREFIXES
from ..core.terms import from_ox
from .dumps import MEDIA_TYPES, SortedDataset

LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DUMPS_BASE = BASE + "dumps/"


def _partition_iri(kind: str, term: URIRef) -> URIRef:
    return ID[f"dataset/leidraad/{kind}/{hashlib.sha256(str(term).encode()).hexdigest()[:12]}"]


def dataset_description(
    dataset: SortedDataset, files: dict[str, bytes], *, version: str, modified: str, sources: Iterable[URIRef],
    previous: str | None = None,
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
    g.add((d, DCTERMS.issued, Literal(modified, datatype=XSD.dateTime)))
    if previous:  # the release this one revises, by its versioned IRI
        g.add((d, PROV.wasRevisionOf, URIRef(f"{DATASET_IRI}/{previous}")))
        g.add((URIRef(f"{DATASET_IRI}/{previous}"), OWL.versionInfo, Literal(previous)))
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
    # one subset per named graph: the dumps' quads by graph (their sum exceeds the triples: some are in several)
    per_graph = Counter(quad.graph_name.value for quad in dataset.quads)
    for name, count in sorted(per_graph.items()):
        subset = ID[f"dataset/leidraad/graph/{name.rsplit('/', 1)[-1]}"]
        g.add((d, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, SD.name, URIRef(name)))
        g.add((subset, VOID.triples, Literal(count)))
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
