"""The benchmark: ``make bench`` (``.venv/bin/python -m benchmarks.run --sizes 10k,100k,1m``).

For each size, in order: generate the synthetic sources, build them in a
subprocess (stage times, CPU, peak memory), then start every target on that
build in turn and measure the example query mix, the resource-page queries,
page renders and throughput.  Results go to ``benchmarks/results/<size>.json``
as soon as a size is done (so a slow big size never loses the small ones), a
table with ratios is printed, and ``docs/benchmarks.png`` is drawn from every
results file present.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.parse
import urllib.request
from dataclasses import asdict
from pathlib import Path

from tests.support.processes import free_port

from . import buildbench, generate, load, report
from .targets import Leidraad, Target, Unavailable, all_targets

REPO_ROOT = Path(__file__).resolve().parent.parent

RESULTS = Path(__file__).parent / "results"
OWN_QUERIES = Path(__file__).parent / "queries"


def query_mix(which: str = "all") -> dict[str, str]:
    """The fixed mix shaped like the catalogue, plus the example catalogue (``queries/*.rq``) itself."""
    mix = {}
    if which in ("all", "bench"):
        mix.update({f"bench/{p.stem}": p.read_text(encoding="utf-8") for p in sorted(OWN_QUERIES.glob("*.rq"))})
    if which in ("all", "catalogue"):
        mix.update({f"catalogue/{p.stem}": p.read_text(encoding="utf-8")
                    for p in sorted((REPO_ROOT / "queries").glob("*.rq"))})
    return mix


def build_size(size: str, work: Path, reuse: bool) -> tuple[Path, dict]:
    root = work / size
    figures = root / "build.json"
    if reuse and figures.exists() and (root / "dist" / "manifest.json").exists():
        return root / "dist", json.loads(figures.read_text())
    texts = generate.generate(root, generate.SIZES[size])
    print(f"[{size}] {texts} synthetic texts generated; building …", flush=True)
    result = {"texts": texts, **buildbench.run(root)}
    figures.write_text(json.dumps(result))
    return root / "dist", result


def measure_target(target: Target, mix: dict[str, str], reps: int, timeout: float) -> dict:
    out: dict = {"name": target.name}
    try:
        target.start()
    except (Unavailable, OSError, subprocess.SubprocessError) as exc:
        return {**out, "error": str(exc)[:300]}
    try:
        out["queries"] = {name: asdict(load.latency(target, text, reps, timeout)) for name, text in mix.items()}
        out["pages_sparql"] = {path: asdict(load.latency(target, load.page_query(path), reps, timeout))
                               for path in load.RESOURCES}
        if isinstance(target, Leidraad):
            out["render"] = load.page_latency(target.pages)
            out["throughput"] = _leidraad_throughput(target, target.work)
        elif target.endpoint:
            out["throughput"] = {"sparql": load.wrk(_get_url(target.endpoint, _throughput_query(mix)),
                                                    accept="application/sparql-results+json")}
        out.update(target.extra)
    finally:
        target.stop()
    return out


def _throughput_query(mix: dict[str, str]) -> str:
    return mix.get("bench/b03-framework-as-table", next(iter(mix.values())))


def _get_url(endpoint: str, query: str) -> str:
    return endpoint + ("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"query": query})


def _leidraad_throughput(target: Target, work: Path) -> dict:
    """Requests/s for a cached page, the same bytes as a static file, and one query of the mix."""
    page = f"{target.pages}/doc/{load.RESOURCES[0]}"
    body = urllib.request.urlopen(urllib.request.Request(page, headers={"Accept": "text/html"}), timeout=60).read()
    (work / "page.html").write_bytes(body)
    port = free_port()
    static = subprocess.Popen([sys.executable, "-m", "benchmarks.static", str(work / "page.html"), str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/")
        static_rps = load.wrk(f"http://127.0.0.1:{port}/")
    finally:
        static.terminate()
        static.wait(timeout=20)
    return {
        "page": load.wrk(page, accept="text/html"),
        "static": static_rps,
        "sparql": load.wrk(_get_url(target.endpoint, _throughput_query(query_mix())),
                           accept="application/sparql-results+json"),
    }


def _wait_for(url: str, seconds: float = 20.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Leidraad's benchmarks (see benchmarks/README.md).")
    p.add_argument("--sizes", default="10k,100k,1m", help="comma-separated, from " + ",".join(generate.SIZES))
    p.add_argument("--targets", default="a,b,c,d,e,f", help="which systems: a..f (see benchmarks/targets.py)")
    p.add_argument("--work", type=Path, default=Path("/tmp/leidraad-bench"), help="where sources and builds go")
    p.add_argument("--reuse", action="store_true", help="reuse a build already in --work")
    p.add_argument("--reps", type=int, default=5, help="timed runs per query (after one warm-up)")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds before a query counts as failed")
    p.add_argument("--mix", choices=("all", "bench", "catalogue"), default="all",
                   help="which queries: the fixed mix (bench), the example catalogue, or both")
    args = p.parse_args(argv)
    RESULTS.mkdir(exist_ok=True)
    keys = set(args.targets.split(","))
    mix = query_mix(args.mix)
    for size in args.sizes.split(","):
        dist, build = build_size(size, args.work, args.reuse)
        result: dict = {"size": size, "build": build, "targets": {}}
        previous = RESULTS / f"{size}.json"
        if args.reuse and previous.exists():  # measure some targets again, keep the others' figures
            result["targets"] = json.loads(previous.read_text()).get("targets", {})
        if "error" not in build:
            for target in all_targets(dist, args.work / size):
                if target.key in keys:
                    print(f"[{size}] {target.name} …", flush=True)
                    result["targets"][target.key] = measure_target(target, mix, args.reps, args.timeout)
        (RESULTS / f"{size}.json").write_text(json.dumps(result, indent=1))
        print(report.table(result), flush=True)
    report.plot(sorted(RESULTS.glob("*.json")), REPO_ROOT / "docs" / "benchmarks.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
