"""Replaying the W3C SPARQL 1.1 Protocol tests: reading ``manifest.ttl`` into requests.

Each test is a list of HTTP requests with the response expected for each
(status class, result format, boolean).  The manifest's paths start with
``/sparql/``; :func:`replay` maps them onto the endpoint's own path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from flask.testing import FlaskClient
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from werkzeug.test import TestResponse

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")

RESULT_TYPES = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"),
    "RDF": ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"),
}


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[str]  # e.g. {"2xx", "3xx"}
    expected_format: str | None
    expected_boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    steps: tuple[Step, ...]

    @property
    def is_update(self) -> bool:
        return "update" in self.name


def _step(graph: Graph, node: URIRef) -> Step:
    headers = {}
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    body = None
    body_node = graph.value(node, HT.body)
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
    response = graph.value(node, HT.resp)
    statuses = frozenset(str(s).rsplit("StatusCode", 1)[-1] for s in graph.objects(response, MF.expectedStatus))
    expected_format = graph.value(response, MF.expectedFormat)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    return Step(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        statuses=statuses,
        expected_format=str(expected_format) if expected_format is not None else None,
        expected_boolean=expected_boolean.toPython() if expected_boolean is not None else None,
    )


def load(manifest: Path) -> list[ProtocolTest]:
    graph = Graph().parse(manifest, format="turtle")
    root = next(graph.subjects(MF.entries, None))
    tests = []
    for entry in Collection(graph, graph.value(root, MF.entries)):
        action = graph.value(entry, MF.action)
        requests = Collection(graph, graph.value(action, HT.requests))
        name = str(entry).rsplit("#", 1)[-1]
        tests.append(ProtocolTest(name, tuple(_step(graph, request) for request in requests)))
    return tests


def replay(client: FlaskClient, step: Step, endpoint: str = "/sparql") -> TestResponse:
    path = endpoint + step.path.removeprefix("/sparql/").removeprefix("/sparql")
    return client.open(path, method=step.method, headers=step.headers, data=step.body)


def status_class(status: int) -> str:
    return f"{status // 100}xx"


def parsed_boolean(response: TestResponse) -> bool:
    if response.mimetype == "application/sparql-results+json":
        return bool(json.loads(response.data)["boolean"])
    element = ElementTree.fromstring(response.data).find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert element is not None
    return element.text == "true"


def check_format(response: TestResponse, expected: str) -> Iterator[str]:
    """Problems with the response's format (none when it is right)."""
    if response.mimetype not in RESULT_TYPES[expected]:
        yield f"{expected} result sent as {response.mimetype}"
