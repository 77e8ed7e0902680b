"""The SPARQL Service Description served at ``/sparql`` to RDF clients asking without a query.

Generated from what the server really does, not written by hand: the result
formats come from :mod:`leidraad.core.conneg`, the limits from the app's
configuration, the named graphs from the loaded build.  Update is absent from
``sd:supportedLanguage`` because the endpoint is read-only, and
``sd:BasicFederatedQuery`` is absent because ``SERVICE`` is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID, XSD

from ..core.conneg import formats_of
from ..core.namespaces import BASE, DATASET_IRI, SD

FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
#: Leidraad's own terms for the limits, which the Service Description vocabulary lacks.
LIMITS = Namespace(BASE + "def/service#")

#: Our format names -> the W3C format IRIs ``sd:resultFormat`` expects.
W3C_FORMATS = {
    "json": FORMATS_NS.SPARQL_Results_JSON,
    "xml": FORMATS_NS.SPARQL_Results_XML,
    "csv": FORMATS_NS.SPARQL_Results_CSV,
    "tsv": FORMATS_NS.SPARQL_Results_TSV,
    "turtle": FORMATS_NS.Turtle,
    "ntriples": FORMATS_NS["N-Triples"],
    "jsonld": FORMATS_NS["JSON-LD"],
    "rdfxml": FORMATS_NS.RDF_XML,
}
#: Our format names -> rdflib's serialiser names.
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def service_graph(endpoint: str, void_url: str, named_graphs: Sequence[str], limits: Mapping[str, object]) -> Graph:
    """The description of the endpoint at ``endpoint`` as an RDF graph."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS_NS)
    graph.bind("void", VOID)
    graph.bind("limits", LIMITS)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, RDFS.label, Literal("Leidraad SPARQL endpoint", lang="en")))
    graph.add((service, RDFS.comment, Literal(
        "Read-only: SPARQL Update, SERVICE and LOAD are refused; FROM and default-graph-uri name only the "
        "graphs of the build. The default graph is the RDF merge of the named graphs of the dumps (asserted "
        "and inferred), each triple once, so its counts are those of the VoID description. The named graph "
        "graph/dataset holds that VoID/DCAT description; it is queryable by name and not part of the default graph.",
        lang="en")))
    for fmt in (*formats_of("results"), *formats_of("rdf")):
        graph.add((service, SD.resultFormat, W3C_FORMATS[fmt.name]))
    for key, value in limits.items():
        graph.add((service, LIMITS[key], Literal(value, datatype=XSD.decimal if isinstance(value, float) else None)))
    dataset = BNode("defaultDataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, RDFS.seeAlso, URIRef(void_url)))
    graph.add((dataset, DCTERMS.source, DATASET_IRI))
    default_graph = BNode("defaultGraph")
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, RDFS.comment, Literal(
        "The RDF merge (a set) of the named graphs of the dumps; graph/dataset is not part of it.", lang="en")))
    for name in named_graphs:
        node = BNode()
        graph.add((dataset, SD.namedGraph, node))
        graph.add((node, RDF.type, SD.NamedGraph))
        graph.add((node, SD.name, URIRef(name)))
    return graph


def serialise(graph: Graph, format_name: str) -> bytes:
    return graph.serialize(format=RDFLIB_FORMATS[format_name], encoding="utf-8")
