"""The systems compared, each serving one build: started, queried the same way, stopped.

(a) Leidraad on Oxigraph and (b) Leidraad on rdflib run ``leidraad serve``
(waitress, worker processes, the real endpoint); (c) is pyoxigraph in this
process with no HTTP, the practical limit; (d) ``rdflib-endpoint``, (e) the
Oxigraph server and (f) Virtuoso are peers serving the same N-Quads.  Every
server listens on 127.0.0.1 only and is stopped by :meth:`Target.stop`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from leidraad.store.loader import GraphStore, load

from tests.support import processes
from tests.support.processes import free_port
from tests.support.virtuoso import PASSWORD, USER, Virtuoso

BIN = Path(sys.executable).parent
REPO_ROOT = Path(__file__).resolve().parent.parent
JSON = "application/sparql-results+json"


class Unavailable(RuntimeError):
    """A target that could not be started here (missing binary, failed load)."""


@dataclass
class Target:
    """One system answering SPARQL over HTTP (``endpoint``) or in process (:class:`Raw`)."""

    key: str
    name: str
    dist: Path
    work: Path
    endpoint: str = ""
    pages: str = ""  # base URL of HTML pages, for Leidraad's own targets
    process: subprocess.Popen | None = None
    extra: dict = field(default_factory=dict)

    def start(self) -> Target:
        raise NotImplementedError

    def query(self, text: str, timeout: float) -> int:
        """Run ``text``; the size of the answer in bytes (the answer is read in full)."""
        body = urllib.parse.urlencode({"query": text}).encode()
        request = urllib.request.Request(self.endpoint, data=body, headers={
            "Accept": f"{JSON}, application/n-triples;q=0.9, text/turtle;q=0.8",
            "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return len(response.read())

    def stop(self) -> None:
        processes.stop(self.process, grace=20)

    def _spawn(self, argv: list[str], env: dict | None = None, ready: float = 900.0) -> None:
        log = open(self.work / f"{self.key}.log", "wb")
        self.process = subprocess.Popen(argv, env={**os.environ, **(env or {})}, stdout=log, stderr=log,
                                        cwd=self.work)
        deadline = time.monotonic() + ready
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Unavailable(f"{self.name} exited: see {log.name}")
            try:
                self.query("ASK { ?s ?p ?o }", timeout=ready)
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        raise Unavailable(f"{self.name} did not answer within {ready:g} s")


class Leidraad(Target):
    """``leidraad serve`` on the build, with the engine ``extra['engine']`` names."""

    def start(self) -> Target:
        port = free_port()
        self.endpoint = f"http://127.0.0.1:{port}/sparql"
        self.pages = f"http://127.0.0.1:{port}"
        env = {"LEIDRAAD_DIST": str(self.dist), "LEIDRAAD_ENGINE": self.extra["engine"],
               "LEIDRAAD_QUERY_TIMEOUT": "120", "LEIDRAAD_MAX_ROWS": "1000000",
               # one load generator is one client address: lift the per-client cap, and the worker
               # memory cap that a million triples in rdflib would exceed
               "LEIDRAAD_MAX_QUERIES_PER_CLIENT": "1000", "LEIDRAAD_WORKER_MEMORY_MB": "0"}
        if self.extra["engine"] == "rdflib":  # each worker holds the graph in rdflib: gigabytes at 1M, so one
            env["LEIDRAAD_MAX_CONCURRENT_QUERIES"] = "1"
            env["PYTHONPATH"] = str(REPO_ROOT)  # the workers import the adapter, benchmarks.rdflib_store
        self._spawn([str(BIN / "leidraad"), "serve", "--port", str(port), "--threads", "8"], env)
        return self


class Raw(Target):
    """pyoxigraph in this process: query and serialise the answer as SPARQL JSON, no HTTP, no checks."""

    store: ox.Store | None = None

    def start(self) -> Target:
        self.store = ox.Store()
        self.store.bulk_load(path=str(self.dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
        return self

    def query(self, text: str, timeout: float) -> int:
        answer = self.store.query(text, use_default_graph_as_union=True)
        if isinstance(answer, ox.QuerySolutions | ox.QueryBoolean):
            return len(answer.serialize(format=ox.QueryResultsFormat.JSON))
        return len(answer.serialize(format=ox.RdfFormat.N_TRIPLES))

    def stop(self) -> None:
        self.store = None


class RdflibEndpoint(Target):
    def start(self) -> Target:
        port = free_port()
        self.endpoint = f"http://127.0.0.1:{port}/"
        self._spawn([str(BIN / "rdflib-endpoint"), "serve", "--host", "127.0.0.1", "--port", str(port),
                     str(self.dist / "leidraad.nq")])
        return self


class OxigraphServer(Target):
    def start(self) -> Target:
        binary = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
        if binary is None:
            raise Unavailable("the oxigraph CLI is not installed (pip install '.[bench]')")
        location = self.work / "oxigraph-db"
        shutil.rmtree(location, ignore_errors=True)
        subprocess.run([binary, "load", "--location", str(location), "--file", str(self.dist / "leidraad.nq")],
                       check=True, capture_output=True)
        port = free_port()
        self.endpoint = f"http://127.0.0.1:{port}/query"
        self._spawn([binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                     "--union-default-graph"])
        return self


class VirtuosoTarget(Target):
    server: Virtuoso | None = None

    def start(self) -> Target:
        folder = self.work / "virtuoso-db"
        shutil.rmtree(folder, ignore_errors=True)
        self.server = Virtuoso(folder, memory_gib=4.0, timeout=300).start()
        started = time.perf_counter()
        # a peer serving the same N-Quads (queried on its own union), so without Leidraad's merged default graph
        load(self.dist, GraphStore(self.server.graph_store, USER, PASSWORD, parameter="graph-uri"),
             merged_default=False)
        self.extra["load_seconds"] = round(time.perf_counter() - started, 1)
        self.endpoint = self.server.endpoint
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()


def all_targets(dist: Path, work: Path) -> list[Target]:
    return [
        Leidraad("a", "Leidraad (Oxigraph)", dist, work, extra={"engine": "oxigraph"}),
        Leidraad("b", "Leidraad (rdflib)", dist, work, extra={"engine": "rdflib"}),
        Raw("c", "pyoxigraph in-process", dist, work),
        RdflibEndpoint("d", "rdflib-endpoint", dist, work),
        OxigraphServer("e", "Oxigraph server", dist, work),
        VirtuosoTarget("f", "Virtuoso", dist, work),
    ]
