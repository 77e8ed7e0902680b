"""A bounded hostile load on loopback, while a well-behaved client measures what it gets (issue 16).

``python -m benchmarks.load`` (or ``-m benchmarks.hostile``) starts ``leidraad serve`` on a free
loopback port over a build (``--dist``, default the checkout's ``dist/``) with its production
defaults (only the time limit shortened, ``--query-timeout``) and, for ``--seconds``, runs at once,
each kind of client from loopback addresses of its own (127.0.0.x, so the per-client limits see them):

* a search flood: 12 threads of 100-word searches and 404 pages with long paths (127.0.0.10);
* cache-busting GETs: pages and graph dumps with ``?x=<n>`` (127.0.0.11);
* huge results: 10,000 rows of 20,000-character literals, as HTML and JSON (127.0.0.12);
* parser bombs: ``!``×10,000, ``1 + ``×10,000, ``a/a/…``×10,000 (127.0.0.13);
* slow queries from 8 clients, one at a time each, running to the time limit (127.0.0.20-27);
* 300 trickling connections, a header byte a second, from 10 addresses (127.0.0.40-49);

while a well-behaved reader (127.0.0.2) and researcher (127.0.0.3) measure page and query latency.
Printed: their p50/p99 and statuses, what each attacker got, and the server process's resident memory
(sampled every half second; workers apart).  Nothing leaves 127.0.0.0/8.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
LEIDRAAD = Path(sys.executable).with_name("leidraad")
PAGES = ["/", "/browse/persons", "/doc/person/paul-t-hart", "/def", "/search?q=vakmanschap", "/search.json?q=dien",
         "/browse/texts", "/stances", "/models", "/doc/concept/ambtelijk-vakmanschap"]
QUICK = ["SELECT ?s ?l WHERE { ?s rdfs:label ?l } LIMIT 20", "ASK { ?s a foaf:Person }",
         "SELECT (COUNT(*) AS ?n) WHERE { ?s a foaf:Person }"]
#: Seconds a well-behaved client waits between requests: about 6 requests a second, within one client's share
#: (``CLIENT_CPU_RATE`` / ``CLIENT_MIN_COST`` = 10 requests a second sustained), so its 429s would be a fault.
POLITE_PAUSE = 0.15
#: The main process's resident memory the server must stay under (docs/security.md).
RSS_BUDGET_MIB = 1024
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HUGE = 'SELECT ?s ?big WHERE { ?s ?p ?o BIND(CONCAT(STR(?s), "' + "A" * 20_000 + '") AS ?big) } LIMIT 10000'
BOMBS = ["ASK { FILTER(" + "!" * 10_000 + "true) }", "SELECT (" + "1 + " * 10_000 + "1 AS ?x) {}",
         "SELECT * { ?s " + "/".join(["rdf:type"] * 10_000) + " ?o }"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, source: str, path: str, timeout: float = 30.0) -> tuple[int, float, bytes]:
    """(status, seconds, the start of the body) of one GET; status 0 if the connection failed."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request("GET", path, headers={"Accept": "text/html" if "format=" not in path else "*/*"})
        response = conn.getresponse()
        body = response.read()
        return response.status, time.monotonic() - started, body[:160]
    except OSError:
        return 0, time.monotonic() - started, b""
    finally:
        conn.close()


def sparql(query: str, fmt: str = "json") -> str:
    return f"/sparql?format={fmt}&query={quote(query)}"


class Run:
    def __init__(self, port: int, seconds: float) -> None:
        self.port = port
        self.until = time.monotonic() + seconds
        self.statuses: dict[str, Counter] = {}
        self.latency: dict[str, list[float]] = {"pages": [], "queries": []}
        self.first_failure: dict[str, str] = {}
        self.started = time.monotonic()
        self.refusals: Counter = Counter()  # the well-behaved clients' 5xx, per 5 s of the run
        self.trace = False  # print the researcher's slow or failed answers as they come
        self.slowest: dict[int, float] = {}  # the researcher's slowest answer, per 5 s of the run
        self._lock = threading.Lock()

    def live(self) -> bool:
        return time.monotonic() < self.until

    def note(self, who: str, status: int, seconds: float | None = None, kind: str | None = None) -> None:
        with self._lock:
            self.statuses.setdefault(who, Counter())[status] += 1
            if kind is not None and seconds is not None:
                self.latency[kind].append(seconds)

    def loop(self, who: str, source: str, paths: list[str], pause: float = 0.0, kind: str | None = None) -> None:
        number = 0
        while self.live():
            path = paths[number % len(paths)].replace("{n}", str(number))
            status, seconds, body = request(self.port, source, path)
            self.note(who, status, seconds, kind)
            if kind == "queries":
                window = int((time.monotonic() - self.started) // 5) * 5
                self.slowest[window] = max(self.slowest.get(window, 0.0), seconds)
                if self.trace and (seconds > 0.5 or status >= 500):
                    sent = time.monotonic() - self.started - seconds
                    print(f"TRACE {sent:6.2f} {status} {seconds:.2f} {body[:60]!r}")
            if (status >= 500 or status == 0) and kind is not None:
                self.refusals[int((time.monotonic() - self.started) // 5) * 5] += 1
            if status >= 500 or status == 0:
                self.first_failure.setdefault(who, f"{status} {body.decode(errors='replace').strip()}")
            number += 1
            time.sleep(pause)

    def trickle(self, sources: list[str], count: int) -> None:
        """``count`` connections sending one header byte a second; reopened when the server drops them."""
        open_now: list[socket.socket | None] = [None] * count
        while self.live():
            for i in range(count):
                sock = open_now[i]
                try:
                    if sock is None:
                        sock = socket.create_connection(("127.0.0.1", self.port), timeout=1,
                                                        source_address=(sources[i % len(sources)], 0))
                        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
                        open_now[i] = sock
                        self.note("trickle", 1)  # opened
                    else:
                        sock.sendall(b"X")
                except OSError:
                    if sock is not None:
                        sock.close()
                    open_now[i] = None
                    self.note("trickle", -1)  # refused or dropped
            time.sleep(1.0)
        for sock in open_now:
            if sock is not None:
                sock.close()


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def start_server(dist: Path, port: int, query_timeout: float, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")}  # the production defaults
    env.update(LEIDRAAD_DIST=str(dist), LEIDRAAD_QUERY_TIMEOUT=str(query_timeout))
    # a session of its own, as a deployed server has: where the kernel groups CPU by session (autogroup), the
    # server then gets its own share instead of splitting one with this generator's dozens of attacking threads
    process = subprocess.Popen([str(LEIDRAAD), "serve", "--root", str(ROOT), "--host", "127.0.0.1",
                                "--port", str(port)], env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        if request(port, "127.0.0.1", sparql("ASK {}"), timeout=5)[0] == 200:
            return process
        time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not come up")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--query-timeout", type=float, default=3.0)
    parser.add_argument("--only", default="", help="attackers to run, comma-separated (e.g. 'slow queries')")
    parser.add_argument("--trace", action="store_true", help="print the researcher's slow or failed answers")
    parser.add_argument("--log", type=Path, default=Path("/tmp/leidraad-hostile-load.log"))
    args = parser.parse_args(argv)
    port = free_port()
    server = start_server(args.dist, port, args.query_timeout, args.log)
    try:
        start_rss = rss_mib(server.pid)
        run = Run(port, args.seconds)
        long_words = "+".join(["e"] * 100)
        plans: list[tuple] = []
        plans += [("search flood", "127.0.0.10", [f"/search.json?q={long_words}", f"/search?q={long_words}",
                                                   "/doc/concept/" + "-".join(["e"] * 100)])] * 12
        plans += [("cache busting", "127.0.0.11", ["/?x={n}", "/browse/persons?x={n}", "/def?x={n}",
                                                    "/doc/person/paul-t-hart?x={n}"])] * 4
        plans += [("huge results", "127.0.0.12", [sparql(HUGE, "html"), sparql(HUGE, "json")])] * 2
        plans += [("parser bombs", "127.0.0.13", [sparql(bomb) for bomb in BOMBS])] * 2
        plans += [("slow queries", f"127.0.0.{20 + i}", [sparql(SLOW)]) for i in range(8)]
        plans = [plan for plan in plans if not args.only or plan[0] in args.only.split(",")]
        run.trace = args.trace
        threads = [threading.Thread(target=run.loop, args=plan, daemon=True) for plan in plans]
        threads.append(threading.Thread(target=run.trickle, args=([f"127.0.0.{40 + i}" for i in range(10)], 300),
                                        daemon=True))
        threads.append(threading.Thread(target=run.loop, args=("reader", "127.0.0.2", PAGES, POLITE_PAUSE, "pages"),
                                        daemon=True))
        threads.append(threading.Thread(target=run.loop, args=("researcher", "127.0.0.3",
                                                               [sparql(q) for q in QUICK], POLITE_PAUSE, "queries"),
                                        daemon=True))
        for thread in threads:
            thread.start()
        samples = []
        while run.live():
            samples.append(rss_mib(server.pid))
            time.sleep(0.5)
        for thread in threads:
            thread.join(timeout=args.query_timeout + 35)
        end_rss = rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"hostile load, {args.seconds:g} s, QUERY_TIMEOUT={args.query_timeout:g} s, port {port}")
    print("| client | requests | statuses | p50 | p99 |")
    print("| --- | --- | --- | --- | --- |")
    for who in ("reader", "researcher"):
        seconds = run.latency["pages" if who == "reader" else "queries"]
        statuses = ", ".join(f"{k} × {v}" for k, v in sorted(run.statuses.get(who, Counter()).items()))
        print(f"| {who} (well-behaved) | {len(seconds)} | {statuses} | {statistics.median(seconds) * 1000:.0f} ms "
              f"| {percentile(seconds, 0.99) * 1000:.0f} ms |")
    for who, counts in run.statuses.items():
        if who not in ("reader", "researcher"):
            shown = ", ".join(f"{k} × {v}" for k, v in sorted(counts.items()))
            print(f"| {who} | {sum(counts.values())} | {shown} | | |")
    print(f"main process RSS: {start_rss:.0f} MiB at the start, {max(samples, default=0):.0f} MiB at most, "
          f"{end_rss:.0f} MiB at the end")
    print("(trickle: 1 = a connection opened, -1 = refused or dropped; 0 = no connection)")
    if run.refusals:
        shown = ", ".join(f"{start}-{start + 5} s: {count}" for start, count in sorted(run.refusals.items()))
        print(f"well-behaved clients' 5xx by time: {shown}")
    print("researcher's slowest answer by time: " + ", ".join(
        f"{start}-{start + 5} s: {seconds * 1000:.0f} ms" for start, seconds in sorted(run.slowest.items())))
    for who, text in sorted(run.first_failure.items()):
        print(f"first 5xx of {who}: {text}")
    return 0 if verdict(run, max(samples, default=0.0)) else 1


def verdict(run: Run, max_rss: float) -> bool:
    """Print and return whether the acceptance bounds held: p50 < 100 ms and p99 < 1 s for both well-behaved
    clients, none of their requests refused (429) or failed (5xx) but the deliberate "Busy" 503, RSS in budget."""
    failures = []
    for who, kind in (("reader", "pages"), ("researcher", "queries")):
        seconds = run.latency[kind]
        if statistics.median(seconds) >= 0.1 or percentile(seconds, 0.99) >= 1.0:
            failures.append(f"{who}'s latency")
        statuses = run.statuses.get(who, Counter())
        if statuses[429] or statuses[0] or any(s >= 500 and s != 503 for s in statuses):
            failures.append(f"{who} refused or failed")
        if statuses[503] and not run.first_failure.get(who, "").startswith("503 503 Busy"):
            failures.append(f"{who}'s 503 not the deliberate one")
    if max_rss >= RSS_BUDGET_MIB:
        failures.append("main process RSS")
    print("acceptance: " + ("met" if not failures else "NOT met (" + ", ".join(failures) + ")"))
    return not failures


if __name__ == "__main__":
    raise SystemExit(main())
