"""Shared set-up for the hardening tests: a hostile dataset, small buildable sources and a live server.

* :func:`hostile_turtle` is the page fixture (``tests/fixtures/pages.ttl``) made
  to pass the build's shapes, plus resources whose labels, definitions and
  quotes carry markup (``<script>``, an attribute break-out).  Every page,
  search result, type-ahead answer and SPARQL table must show them as text.
* :func:`small_sources` lays out ontology, shapes and that one data file as a
  source tree ``leidraad build`` accepts in seconds (the real data takes
  minutes), for the fault and no-fetch tests.
* :class:`LiveServer` runs the production server (``leidraad serve``, waitress
  and query worker processes) in a subprocess on a free loopback port.

``conftest.py`` registers this module as a plugin: its fixtures exist once per session, and test
modules import only constants and helpers from here.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from leidraad.pipeline.sources import Sources
from pages_support import write_fixture_dist

from tests.support.processes import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
PAGES_FIXTURE = ROOT / "tests" / "fixtures" / "pages.ttl"
LEIDRAAD = Path(sys.executable).with_name("leidraad")

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
#: Markup as it must appear once escaped (Jinja escapes quotes as &#34;).
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

#: What the page fixture needs to pass the real shapes (seed file names, languages).
_CONFORMING = {
    '"001_test.txt"': '"001_0a.txt"',
    '"002_test.txt"': '"002_0b.txt" ;\n    dcterms:language "nl"',
    "lei:genre genre:response ;": 'lei:genre genre:response ;\n    dcterms:language "nl" ;',
}

HOSTILE_RESOURCES = f"""
# --- hostile literals: every one must be shown as text, never run ---------------

concept:kwaadaardig
    a lei:PublicValue ;
    skos:prefLabel "kwaadaardig {SCRIPT}"@nl , "malicious {SCRIPT}"@en ;
    skos:altLabel "attribuut {BREAKOUT.replace('"', chr(92) + '"')}"@nl ;
    skos:definition "Een waarde {BREAKOUT.replace('"', chr(92) + '"')} die ontsnapt."@nl ,
        "A value {BREAKOUT.replace('"', chr(92) + '"')} that breaks out."@en ;
    skos:inScheme scheme:concepts ;
    lei:evidence [ lei:inText text:essay ; lei:lineStart 80 ; lei:lineEnd 80 ;
                   oa:exact "citaat {SCRIPT} en {BREAKOUT.replace('"', chr(92) + '"')}" ] .

position:essay-anna-de-vries-kwaadaardig
    a lei:Position ;
    lei:heldBy person:anna-de-vries ;
    lei:stance lei:criticises ;
    lei:about concept:kwaadaardig ;
    lei:statedIn text:essay ;
    lei:summary "Anna {SCRIPT} bekritiseert."@nl , "Anna {SCRIPT} criticises."@en ;
    lei:evidence [ lei:inText text:essay ; lei:lineStart 81 ; lei:lineEnd 81 ;
                   oa:exact "standpunt {BREAKOUT.replace('"', chr(92) + '"')}" ] .
"""


def hostile_turtle() -> str:
    """The page fixture, conforming to the shapes, with the hostile resources added."""
    text = PAGES_FIXTURE.read_text(encoding="utf-8")
    for old, new in _CONFORMING.items():
        text = text.replace(old, new, 1)
    return text + HOSTILE_RESOURCES


def write_hostile_dist(target: Path) -> Path:
    """A two-file build (``leidraad.nq`` + ``manifest.json``) of the hostile dataset, as the server reads it."""
    return write_fixture_dist(target, hostile_turtle(), "hostile", version="hostile")


def small_sources(root: Path, extra_data: dict[str, str] | None = None) -> Sources:
    """Ontology, shapes and the hostile data file as a source tree that builds in seconds.

    Callers set ``LEIDRAAD_SKIP_QUOTE_CHECK=1``: the fixture's quotes have no seed text.
    """
    for part in ("ontology", "shapes"):
        shutil.copytree(ROOT / part, root / part)
    (root / "data").mkdir(parents=True)
    (root / "data" / "hostile.ttl").write_text(hostile_turtle(), encoding="utf-8")
    for name, text in (extra_data or {}).items():
        (root / "data" / name).write_text(text, encoding="utf-8")
    shutil.copy2(ROOT / "pyproject.toml", root / "pyproject.toml")
    return Sources(root, dist_dir=root / "dist")


def write_seeds(sources: Sources, seeds: Path) -> Path:
    """Seed texts in which every quote of ``sources``' data stands at the first line its evidence names.

    With them the small source tree passes the real quote check, so the quote check is tested there too.
    """
    from leidraad.core.namespaces import LEI, OA
    from leidraad.pipeline.evidence import seed_file
    from leidraad.pipeline.parse import load

    graph = load(sources).union()
    lines: dict[str, dict[int, list[str]]] = {}
    for evidence, quote in graph.subject_objects(OA.exact):
        seed = seed_file(graph, graph.value(evidence, LEI.inText))
        start = graph.value(evidence, LEI.lineStart)
        if seed is not None and start is not None:
            lines.setdefault(seed, {}).setdefault(int(start), []).append(str(quote))
    seeds.mkdir(parents=True, exist_ok=True)
    for seed, by_line in lines.items():
        text = "\n".join(" ".join(by_line.get(n, [])) for n in range(1, max(by_line) + 1))
        (seeds / seed).write_text(text + "\n", encoding="utf-8")
    return seeds


def small_sources_with_seeds(root: Path) -> Sources:
    """:func:`small_sources` with seed texts for its quotes beside it (``../shared/seeds``): builds in a second,
    quote check included, and fails as the real data fails when broken."""
    sources = small_sources(root)
    seeds = write_seeds(sources, root.parent / "shared" / "seeds")
    return Sources(root, dist_dir=root / "dist", seeds_dir=seeds)


# -----------------------------------------------------------------------------
# Fixtures: the hostile dataset served in-process
# -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def hostile_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_dist(tmp_path_factory.mktemp("hostile") / "dist")


@pytest.fixture(scope="session")
def hostile_app(hostile_dist: Path) -> Iterator[Flask]:
    """The whole application (pages and the process-backed endpoint) over the hostile dataset."""
    from leidraad.http.app import create_app

    app = create_app(dist=hostile_dist, config={
        "QUERY_TIMEOUT": 2.0, "MAX_CONCURRENT_QUERIES": 2, "MAX_ROWS": 200, "QUERIES_DIR": str(hostile_dist),
    })
    yield app
    app.extensions["leidraad.sparql"].executor.close()


@pytest.fixture()
def web(hostile_app: Flask):
    return hostile_app.test_client()


# -----------------------------------------------------------------------------
# The production server in a subprocess
# -----------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


def fetch(port: int, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
          source: str = "127.0.0.1", timeout: float = 30.0) -> Reply:
    """One HTTP request to the loopback server, from a chosen loopback source address (a "client")."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data,
                     time.monotonic() - started)
    finally:
        conn.close()


class LiveServer:
    """``leidraad serve`` on a free loopback port, serving ``dist``; stopped by :meth:`stop`."""

    def __init__(self, dist: Path, log: Path, **config: object) -> None:
        self.port = free_port()
        env = dict(os.environ, LEIDRAAD_DIST=str(dist))
        env.update({f"LEIDRAAD_{key}": str(value) for key, value in config.items()})
        self.log = log
        self._log_file = log.open("wb")
        self.process = subprocess.Popen(
            [str(LEIDRAAD), "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=self._log_file, stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self, seconds: float = 90.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
            try:
                if fetch(self.port, "GET", "/health", timeout=2).status == 200:
                    # and the query workers are up
                    if fetch(self.port, "GET", "/sparql?query=ASK%7B%7D&format=json", timeout=60).status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not come up in time")

    def health(self) -> dict:
        return json.loads(fetch(self.port, "GET", "/health").body)

    def pids(self) -> list[int]:
        """The server process and all its descendants (the query workers)."""
        found, frontier = [self.process.pid], [self.process.pid]
        while frontier:
            pid = frontier.pop()
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                try:
                    children = [int(c) for c in task.read_text().split()]
                except OSError:
                    continue
                found.extend(children)
                frontier.extend(children)
        return found

    def rss_mib(self) -> float:
        """Resident memory of the server and its workers together."""
        total_kib = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total_kib += int(line.split()[1])
            except OSError:
                continue
        return total_kib / 1024

    def reload(self) -> None:
        self.process.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        stop(self.process, grace=10)
        self._log_file.close()
