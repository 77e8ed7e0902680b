"""An external SPARQL 1.1 store behind the part of pyoxigraph's ``Store`` API the server uses.

When one process is not enough, Leidraad runs on an existing triple store
(Virtuoso, Fuseki, GraphDB, QLever, Oxigraph server) instead of its embedded
one: ``leidraad serve --store sparql+http://HOST:PORT/sparql``.  Pages, search
and the ``/sparql`` endpoint all call ``store.query(...)`` and read pyoxigraph
result objects, so :class:`RemoteStore` sends the query over the SPARQL
protocol and parses the answer back into those same objects
(``pyoxigraph.parse_query_results`` for SELECT/ASK, ``pyoxigraph.parse`` for
graphs).  Nothing above the store needs to know where the data lives.

Three things make a remote store answer like the embedded one:

- *the dataset*: the embedded default graph is the union of the build's named
  graphs.  A store's own default graph may hold more (Virtuoso's holds its
  system graphs), so a union query names the build's graphs explicitly, as
  ``default-graph-uri`` and ``named-graph-uri`` parameters;
- *the time limit*: every request has an HTTP timeout, so a slow store answers
  503 through :class:`leidraad.sparql.errors.QueryFailed` rather than hanging a
  thread.  (The store should also have a limit of its own, so abandoned work
  stops there too: see ``docs/scale-out.md``.)
- *whole answers only*: a store that stops a query at its own limit and sends
  the rows found so far as if they were all (Virtuoso's "anytime" answers,
  marked by :data:`INCOMPLETE_HEADER`) gets the same time-limit error.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from ..core.namespaces import GRAPH, GRAPH_DEFAULT
from ..core.sparql_lexer import inspect

SCHEME = "sparql+"
RESULTS_XML = "application/sparql-results+xml"
NTRIPLES = "application/n-triples"
#: What a graph query asks for: N-Triples first, Turtle (a superset every store writes) as a fallback.
GRAPH_ACCEPT = f"{NTRIPLES}, text/turtle;q=0.9"
DEFAULT_TIMEOUT = 30.0
#: The header with which Virtuoso marks an "anytime" answer: the rows found before its own time limit, sent
#: with status 200 as if they were all (``X-SQL-State: S1TAT``).
INCOMPLETE_HEADER = "X-SQL-State"


class StoreUnavailable(OSError):
    """The external store did not answer in time, or answered with an error."""


def is_remote(url: str | None) -> bool:
    return bool(url) and url.startswith(SCHEME + "http")


def endpoint_of(url: str) -> str:
    """``sparql+http://host:port/sparql`` → ``http://host:port/sparql``."""
    if not is_remote(url):
        raise ValueError(f"not a remote store URL (expected sparql+http://HOST:PORT/PATH): {url!r}")
    return url[len(SCHEME):]


def with_prologue(query: str, prefixes: dict[str, str] | None, base_iri: str | None) -> str:
    """The query with ``BASE``/``PREFIX`` declarations in front: how pyoxigraph's keyword arguments travel."""
    head = [f"BASE <{base_iri}>"] if base_iri else []
    head += [f"PREFIX {name}: <{ns}>" for name, ns in (prefixes or {}).items()]
    return "\n".join([*head, query]) if head else query


def _as_boolean(answer: ox.QuerySolutions | ox.QueryBoolean) -> ox.QueryBoolean:
    """Virtuoso answers ASK as a one-row SELECT of ``__ASK_RETVAL`` (1 or 0); make it the boolean it is."""
    if isinstance(answer, ox.QueryBoolean):
        return answer
    value = any(term is not None and term.value not in ("0", "false") for row in answer for term in row)
    return ox.parse_query_results(
        '{"head": {}, "boolean": %s}' % ("true" if value else "false"), format=ox.QueryResultsFormat.JSON
    )


@dataclass(frozen=True)
class RemoteStore:
    """A read-only view of a SPARQL endpoint, shaped like ``pyoxigraph.Store`` for the calls the server makes."""

    endpoint: str
    timeout: float = DEFAULT_TIMEOUT
    user: str | None = None
    password: str | None = None
    #: The build's named graphs in the store; found on first use when not given.
    graphs: tuple[str, ...] | None = None
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_url(cls, url: str, **options) -> RemoteStore:
        return cls(endpoint_of(url), **options)

    def with_timeout(self, timeout: float) -> RemoteStore:
        """The same store with another per-request limit (the executor's, per query)."""
        return replace(self, timeout=timeout, graphs=self.named_graph_iris(), _cache=self._cache)

    # -- the Store API the server uses ----------------------------------------------

    def query(
        self,
        query: str,
        *,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: Iterable[ox.NamedNode | ox.DefaultGraph] | None = None,
        named_graphs: Iterable[ox.NamedNode] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        text = with_prologue(query, prefixes, base_iri)
        form = inspect(text).form
        params: list[tuple[str, str]] = [("query", text)]
        if default_graph is not None or named_graphs is not None:
            params += [("default-graph-uri", g) for g in self._default_graphs(default_graph or ())]
            chosen = self.named_graph_iris() if named_graphs is None else [g.value for g in named_graphs]
            params += [("named-graph-uri", g) for g in chosen]
        elif use_default_graph_as_union:
            graphs = self.named_graph_iris()
            params += [("default-graph-uri", g) for g in self._default_graphs([ox.DefaultGraph()])]
            params += [("named-graph-uri", g) for g in graphs]
        if form in ("CONSTRUCT", "DESCRIBE"):
            body, media_type = self._post(params, GRAPH_ACCEPT)
            fmt = ox.RdfFormat.TURTLE if "turtle" in media_type else ox.RdfFormat.N_TRIPLES
            return [quad.triple for quad in ox.parse(body, format=fmt)]
        body, _ = self._post(params, RESULTS_XML)
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        return _as_boolean(answer) if form == "ASK" else answer

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> list[ox.Quad]:
        """Quads matching a pattern (``None`` matches anything), as ``Store.quads_for_pattern`` gives them."""
        terms = {"s": subject, "p": predicate, "o": object}
        pattern = " ".join(str(t) if t is not None else f"?{v}" for v, t in terms.items())
        graphs = [graph_name.value] if graph_name is not None else list(self.named_graph_iris())
        values = " ".join(f"<{g}>" for g in graphs)
        answer = self.query(f"SELECT * WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ {pattern} }} }}")
        return [
            ox.Quad(
                terms["s"] or row["s"], terms["p"] or row["p"], terms["o"] or row["o"],
                ox.NamedNode(row["g"].value),
            )
            for row in answer
        ]

    def _default_graphs(self, graphs: Iterable[ox.NamedNode | ox.DefaultGraph]) -> list[str]:
        """Graph IRIs for ``default-graph-uri``: ``DefaultGraph()`` is the merge ``leidraad load`` wrote.

        The merge holds each triple once; a store given several graphs joins them
        as a bag (Virtuoso does), counting a triple once per graph.  A store loaded
        without the merge falls back to the build's graphs.
        """
        merged = str(GRAPH_DEFAULT) in self._all_graph_iris()
        found: list[str] = []
        for graph in graphs:
            if isinstance(graph, ox.DefaultGraph):
                found += [str(GRAPH_DEFAULT)] if merged else list(self.named_graph_iris())
            else:
                found.append(graph.value)
        return found

    def named_graphs(self) -> list[ox.NamedNode]:
        return [ox.NamedNode(g) for g in self.named_graph_iris()]

    def named_graph_iris(self) -> tuple[str, ...]:
        """The named graphs of our build in the store: those under our ``graph/`` namespace, less the merge."""
        if self.graphs is not None:
            return self.graphs
        return tuple(g for g in self._all_graph_iris() if g != str(GRAPH_DEFAULT))

    def _all_graph_iris(self) -> tuple[str, ...]:
        if "graphs" not in self._cache:
            answer = self._select_unscoped(
                f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }}'
            )
            self._cache["graphs"] = tuple(sorted(row["g"].value for row in answer))
        return self._cache["graphs"]

    def __len__(self) -> int:
        answer = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", use_default_graph_as_union=True)
        return int(next(iter(answer))["n"].value)

    # -- HTTP ---------------------------------------------------------------------------

    def _select_unscoped(self, query: str) -> ox.QuerySolutions:
        body, _ = self._post([("query", query)], RESULTS_XML)
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)

    def _post(self, params: list[tuple[str, str]], accept: str) -> tuple[bytes, str]:
        request = urllib.request.Request(
            self.endpoint,
            data=urllib.parse.urlencode(params).encode("utf-8"),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
            method="POST",
        )
        if self.user is not None:
            token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body, media_type = response.read(), response.headers.get("Content-Type", "")
                state = response.headers.get(INCOMPLETE_HEADER)
        except urllib.error.HTTPError as exc:
            detail = exc.read(2000).decode("utf-8", "replace").strip()
            if exc.code == 400:
                raise SyntaxError(f"the store refused the query: {detail}") from None
            raise StoreUnavailable(f"{self.endpoint} answered {exc.code}: {detail}") from None
        except TimeoutError as exc:
            raise TimeoutError(f"{self.endpoint} did not answer within {self.timeout:g} s") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise TimeoutError(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
            raise StoreUnavailable(f"{self.endpoint} cannot be reached: {exc.reason}") from None
        if state:  # a part of the answer given as if it were all of it: never passed on as complete
            raise TimeoutError(f"{self.endpoint} stopped the query at its own limit and gave an incomplete "
                               f"answer ({state}); the answer is not shown")
        return body, media_type
