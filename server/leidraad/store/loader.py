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

import hashlib
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from ..core.namespaces import GRAPH_DATASET, GRAPH_DEFAULT
from .dataset import NQUADS, VOID

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

    def send(self, method: str, graph: str, body: bytes, auth: Digest | None) -> None:
        """One chunk; Digest authentication is answered up front, so a big body is never sent twice."""
        url = f"{self.url}?{urllib.parse.urlencode({self.parameter: graph})}"
        if auth is not None and not auth.challenge:
            auth.challenge = self._challenge(url)
        for attempt in range(2):
            headers = {"Content-Type": "text/turtle; charset=utf-8"}
            if auth is not None and auth.challenge:
                headers["Authorization"] = auth.header(method, urllib.parse.urlsplit(url))
            try:
                self._open(urllib.request.Request(url, data=body, method=method, headers=headers))
                return
            except urllib.error.HTTPError as exc:
                if exc.code == 401 and auth is not None and attempt == 0:  # the nonce went stale: answer anew
                    auth.challenge = exc.headers.get("WWW-Authenticate", "")
                    continue
                detail = exc.read(1000).decode("utf-8", "replace").strip()
                raise LoadFailed(f"{method} {graph}: {exc.code} {detail}") from None

    def _challenge(self, url: str) -> str:
        """The server's ``WWW-Authenticate`` challenge, from an empty POST (which adds nothing)."""
        try:
            self._open(urllib.request.Request(url, data=b"", method="POST",
                                              headers={"Content-Type": "text/turtle"}))
        except urllib.error.HTTPError as exc:
            if exc.code == 401:
                return exc.headers.get("WWW-Authenticate", "")
            raise LoadFailed(f"{self.url}: {exc.code} {exc.reason}") from None
        return ""

    def _open(self, request: urllib.request.Request) -> None:
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError as exc:
            raise LoadFailed(f"{self.url} cannot be reached: {exc.reason}") from None


@dataclass
class Digest:
    """HTTP Digest authentication (RFC 7616, MD5, qop=auth), as Virtuoso's graph store demands.

    urllib's own handler sends every request once unauthenticated and the
    server hangs up mid-body, so the challenge is fetched with an empty
    request and answered on every later one.
    """

    user: str
    password: str
    challenge: str = ""
    count: int = 0

    def header(self, method: str, url: urllib.parse.SplitResult) -> str:
        fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(self.challenge[len("Digest "):]))
        uri = url.path + ("?" + url.query if url.query else "")
        self.count += 1
        nc, cnonce = f"{self.count:08x}", secrets.token_hex(8)
        ha1 = _md5(f"{self.user}:{fields['realm']}:{self.password}")
        ha2 = _md5(f"{method}:{uri}")
        response = _md5(f"{ha1}:{fields['nonce']}:{nc}:{cnonce}:auth:{ha2}")
        parts = {"username": self.user, "realm": fields["realm"], "nonce": fields["nonce"], "uri": uri,
                 "response": response, "qop": "auth", "nc": nc, "cnonce": cnonce, "algorithm": "MD5"}
        if "opaque" in fields:
            parts["opaque"] = fields["opaque"]
        return "Digest " + ", ".join(f'{k}="{v}"' if k not in ("qop", "nc") else f"{k}={v}" for k, v in parts.items())


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def graphs_of(dist: Path, merged_default: bool = True) -> dict[str, list[ox.Triple]]:
    """The build's triples by named graph, their merge as the default graph, and the VoID description."""
    found: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in ox.parse(path=str(dist / NQUADS), format=ox.RdfFormat.N_QUADS):
        found[quad.graph_name.value].append(quad.triple)
    if merged_default:  # a set, in the dump's order: what Leidraad queries as the default graph
        found[str(GRAPH_DEFAULT)] = list(dict.fromkeys(t for triples in found.values() for t in triples))
    if (dist / VOID).exists():
        found[str(GRAPH_DATASET)] = [q.triple for q in ox.parse(path=str(dist / VOID), format=ox.RdfFormat.TURTLE)]
    return dict(found)


def _chunks(triples: list[ox.Triple]) -> Iterator[bytes]:
    it = iter(triples)
    while chunk := list(islice(it, CHUNK)):
        yield ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)


def load(dist: Path, target: GraphStore, progress: Callable[[str], None] = lambda _: None,
         merged_default: bool = True) -> int:
    """Replace each of the build's graphs in the store; returns the number of triples sent."""
    auth = Digest(target.user, target.password or "") if target.user is not None else None
    sent = 0
    for graph, triples in sorted(graphs_of(dist, merged_default).items()):
        for number, body in enumerate(_chunks(triples)):
            target.send("PUT" if number == 0 else "POST", graph, body, auth)
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
