"""Latency and throughput, measured on loopback with bounded counts and durations.

Latency: each query once to warm up, then ``reps`` timed runs (fewer when a
run is slow, so rdflib at a million triples finishes at all); median and p95.
Throughput: ``wrk`` (Debian) for a fixed number of seconds with a fixed
number of connections, never against anything but 127.0.0.1.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import time
import urllib.request
from dataclasses import dataclass

from .targets import Target

#: Resources every synthetic build has; their page queries are the "resource-page" mix.
RESOURCES = ("concept/role-1-0", "person/p2-0", "framework/f1-0", "position/synth-00001-0", "text/synth-00002",
             "item/f1-0-1", "organisation/o1-0", "concept/leadershipstyle-3-1")
ID = "https://w3id.org/leidraad/id/"
SLOW = 5.0  # seconds: a warm-up slower than this gets a single timed run


@dataclass
class Latency:
    median: float | None
    p95: float | None
    runs: int
    error: str = ""


def page_query(path: str) -> str:
    """What a resource page asks: everything the resource says and everything pointing at it."""
    iri = f"<{ID}{path}>"
    return f"CONSTRUCT {{ {iri} ?p ?o . ?s ?q {iri} }} WHERE {{ {{ {iri} ?p ?o }} UNION {{ ?s ?q {iri} }} }}"


def _summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def latency(target: Target, text: str, reps: int, timeout: float) -> Latency:
    try:
        started = time.perf_counter()
        target.query(text, timeout)
        warm = time.perf_counter() - started
        samples = []
        for _ in range(1 if warm > SLOW else reps):
            started = time.perf_counter()
            target.query(text, timeout)
            samples.append(time.perf_counter() - started)
    except Exception as exc:  # a timeout or a refusal is a result to report, not a crash
        return Latency(None, None, 0, f"{type(exc).__name__}: {str(exc)[:120]}")
    median, p95 = _summary(samples)
    return Latency(median, p95, len(samples))


def page_latency(base: str, reps: int = 5) -> dict[str, float]:
    """Median first render (nothing cached) and median cached render of the resource pages, in seconds."""
    first, cached = [], []
    for path in RESOURCES:
        url = f"{base}/doc/{path}"
        for number in range(reps + 1):
            request = urllib.request.Request(url, headers={"Accept": "text/html"})
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=300) as response:
                response.read()
            (first if number == 0 else cached).append(time.perf_counter() - started)
    return {"first": statistics.median(first), "cached": statistics.median(cached)}


def wrk(url: str, seconds: int = 5, connections: int = 8, accept: str = "*/*") -> float | None:
    """Requests per second ``wrk`` sustains against ``url`` (a loopback URL), or None without wrk."""
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("load is only ever generated against 127.0.0.1")
    if shutil.which("wrk") is None:
        return None
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
                           "-H", f"Accept: {accept}", url], capture_output=True, text=True, timeout=seconds + 60)
    found = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if found is None or errors is not None:
        return None
    return float(found.group(1))


if __name__ == "__main__":  # python -m benchmarks.load: the hostile load of issue 16 (benchmarks/hostile.py)
    from .hostile import main

    raise SystemExit(main())
