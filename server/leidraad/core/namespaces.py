"""The IRIs Leidraad mints and the vocabularies it reuses.

One base IRI (``LEIDRAAD_BASE`` in the environment, default a persistent w3id
base) decides every IRI of ours; see ``docs/iri-policy.md``.  Data and
ontology files are written against the default base; :func:`rebase` maps them
onto another one at load time.
"""

from __future__ import annotations

import os

from rdflib import Namespace

# the reused vocabularies rdflib defines, offered from here so every module names them alike
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

DEFAULT_BASE = "https://w3id.org/leidraad/"
BASE = os.environ.get("LEIDRAAD_BASE", DEFAULT_BASE)
if not BASE.endswith("/"):
    BASE += "/"

ONTOLOGY_IRI = BASE + "def"
LEI = Namespace(ONTOLOGY_IRI + "#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
DATASET_IRI = ID["dataset/leidraad"]

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
PRISM = Namespace("http://prismstandard.org/namespaces/basic/2.0/")
VANN = Namespace("http://purl.org/vocab/vann/")
SPDX = Namespace("http://spdx.org/rdf/terms#")

# Kinds of things, each a path segment under ``id/`` (see the IRI policy).
THING_KINDS = (
    "text", "person", "group", "organisation", "membership", "concept",
    "framework", "item", "column", "cell", "axis", "position", "evidence",
    "assertion", "genre", "scheme", "dataset", "claim", "work",
)

GRAPH_ONTOLOGY = GRAPH["ontology"]
GRAPH_INFERRED = GRAPH["inferred"]
#: What the reused vocabularies (FOAF, ORG, FaBiO, CiTO) state themselves: kept apart from our ontology.
GRAPH_VOCABULARIES = GRAPH["vocabularies"]
GRAPH_DATASET = GRAPH["dataset"]
#: In an external store (which has a default graph of its own): the merge of the build's graphs, a set.
GRAPH_DEFAULT = GRAPH["default"]


def text_graph(stem: str):
    """The named graph holding one data file's triples."""
    return GRAPH[stem]


def rebase(text: str) -> str:
    """Rewrite Turtle written against the default base onto the configured one."""
    return text if BASE == DEFAULT_BASE else text.replace(DEFAULT_BASE, BASE)


__all__ = [
    "CITO", "FABIO", "PRISM", "SPDX", "VANN",
    "BASE", "DATASET_IRI", "DCAT", "DCTERMS", "DEFAULT_BASE", "FOAF", "GRAPH", "GRAPH_DATASET", "GRAPH_DEFAULT",
    "GRAPH_INFERRED", "GRAPH_ONTOLOGY", "GRAPH_VOCABULARIES", "ID", "LEI", "OA", "ONTOLOGY_IRI", "ORG", "OWL",
    "PROV", "RDF", "RDFS",
    "SCHEMA", "SD", "SH", "SKOS", "THING_KINDS", "VOID", "XSD", "rebase", "text_graph",
]
