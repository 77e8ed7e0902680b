"""``leidraad load``: push a build into an external triple store, named graphs and all.

The SPARQL 1.1 Graph Store HTTP Protocol is the one bulk interface the big
stores share (Virtuoso, Fuseki, GraphDB, Oxigraph server): ``PUT`` replaces a
named graph, ``POST`` adds to it.  Each named graph of ``dist/leidraad.nq``,
and the VoID description into the dataset graph, goes up in chunks of
N-Triples (sent as ``text/turtle``, of which N-Triples is a subset and which
every store reads), so a million triples never sit in one request.
Stores differ only in where their graph store lives and how it
authenticates; ``docs/scale-out.md`` lists them.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from .namespaces import GRAPH_DATASET
from .store import NQUADS, VOID

CHUNK = 50_000


class LoadFailed(RuntimeError):
    """The store refused a chunk; the message says which graph and why."""


@dataclass(frozen=True)
class GraphStore:
    """Where a store's Graph Store Protocol lives, and how to authenticate there."""

    url: str
    user: str | None = None
    password: str | None = None
    #: The query parameter naming the graph: ``graph`` in the standard, ``graph-uri`` in Virtuoso's older API.
    parameter: str = "graph"
    timeout: float = 600.0

    def opener(self) -> urllib.request.OpenerDirector:
        if self.user is None:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.url, self.user, self.password or "")
        return urllib.request.build_opener(
            urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)
        )

    def send(self, opener: urllib.request.OpenerDirector, method: str, graph: str, body: bytes) -> None:
        url = f"{self.url}?{urllib.parse.urlencode({self.parameter: graph})}"
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": "text/turtle; charset=utf-8"})
        try:
            with opener.open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(1000).decode("utf-8", "replace").strip()
            raise LoadFailed(f"{method} {graph}: {exc.code} {detail}") from None
        except urllib.error.URLError as exc:
            raise LoadFailed(f"{self.url} cannot be reached: {exc.reason}") from None


def graphs_of(dist: Path) -> dict[str, list[ox.Triple]]:
    """The build's triples by named graph, with the VoID description in the dataset graph."""
    found: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(dist / NQUADS), format=ox.RdfFormat.N_QUADS):
        found[quad.graph_name.value].append(quad.triple)
    if (dist / VOID).exists():
        found[str(GRAPH_DATASET)] = [q.triple for q in ox.parse(path=str(dist / VOID), format=ox.RdfFormat.TURTLE)]
    return dict(found)


def _chunks(triples: list[ox.Triple]) -> Iterator[bytes]:
    it = iter(triples)
    while chunk := list(islice(it, CHUNK)):
        yield ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)


def load(dist: Path, target: GraphStore, progress: Callable[[str], None] = lambda _: None) -> int:
    """Replace each of the build's graphs in the store; returns the number of triples sent."""
    opener = target.opener()
    sent = 0
    for graph, triples in sorted(graphs_of(dist).items()):
        for number, body in enumerate(_chunks(triples)):
            target.send(opener, "PUT" if number == 0 else "POST", graph, body)
        sent += len(triples)
        progress(f"{graph}: {len(triples)} triples")
    return sent


def target_for(store_url: str, graph_store: str | None, user: str | None, password: str | None) -> GraphStore:
    """The graph store of ``store_url``: as given, else Virtuoso's layout next to a ``/sparql`` endpoint."""
    from .remote import endpoint_of

    endpoint = endpoint_of(store_url)
    if graph_store:
        return GraphStore(graph_store, user, password)
    if not endpoint.endswith("/sparql"):
        raise ValueError("give --graph-store: the store's Graph Store Protocol URL (see docs/scale-out.md)")
    fresh = user is None and password is None  # a new Virtuoso database: dba/dba
    return GraphStore(endpoint + "-graph-crud-auth", user or "dba", "dba" if fresh else password, parameter="graph-uri")
