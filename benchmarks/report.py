"""Tables with ratios, and the plot, from the results of :mod:`benchmarks.run`."""

from __future__ import annotations

import json
from pathlib import Path

ORDER = "abcdef"


def _total(entries: dict, field: str = "median") -> float | None:
    """Sum over a mix; None when any query of it failed (a partial sum would flatter)."""
    values = [e[field] for e in entries.values()]
    return None if any(v is None for v in values) else sum(values)


def geomean_ratio(entries: dict, base: dict) -> float | None:
    """Geometric mean of per-query ratios over the queries both answered: robust to one pathological query."""
    import math

    pairs = [(e["median"], base[name]["median"]) for name, e in entries.items()
             if name in base and e["median"] and base[name]["median"]]
    if not pairs:
        return None
    return math.exp(sum(math.log(v / b) for v, b in pairs) / len(pairs))


def sum_ratio(entries: dict, base: dict) -> float | None:
    """Σ of medians over Σ of the base's, over the queries both answered: the mix as one workload."""
    pairs = [(e["median"], base[name]["median"]) for name, e in entries.items()
             if name in base and e["median"] and base[name]["median"]]
    return sum(v for v, _ in pairs) / sum(b for _, b in pairs) if pairs else None


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}×"


def _ms(seconds: float | None) -> str:
    return "failed" if seconds is None else f"{seconds * 1000:,.1f}"


def table(result: dict) -> str:
    build = result["build"]
    lines = [f"\n## {result['size']}", ""]
    if "error" in build:
        return "\n".join([*lines, f"build failed: {build['error']}"])
    lines += [
        f"Build: {build['asserted']:,} asserted + {build['inferred']:,} inferred triples, "
        f"peak memory {build['peak_rss_mib']:,.0f} MiB, total {build['total_wall']:,.1f} s wall / "
        f"{build['total_cpu']:,.1f} s CPU",
        "",
        "| stage | wall s | CPU s |", "| --- | ---: | ---: |",
        *[f"| {stage} | {build['wall'][stage]:,.1f} | {build['cpu'].get(stage, 0):,.1f} |" for stage in build["wall"]],
        "",
    ]
    targets = {k: result["targets"][k] for k in ORDER if k in result["targets"]}
    lines += ["| target | queries answered | query mix ms (Σ median) | Σ p95 | Σ × raw (common queries) | "
              "per-query geomean × raw | per-query geomean × (a) | page queries geomean × raw | SPARQL req/s |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    raw_q = targets.get("c", {}).get("queries", {})
    raw_p = targets.get("c", {}).get("pages_sparql", {})
    ours_q = targets.get("a", {}).get("queries", {})
    for key, t in targets.items():
        if "error" in t:
            lines.append(f"| ({key}) {t['name']} | unavailable: {t['error'][:60]} | | | | | | | |")
            continue
        mix = _total(t["queries"])
        answered = sum(1 for e in t["queries"].values() if e["median"] is not None)
        rps = (t.get("throughput") or {}).get("sparql")
        lines.append(f"| ({key}) {t['name']} | {answered}/{len(t['queries'])} | {_ms(mix)} | "
                     f"{_ms(_total(t['queries'], 'p95'))} | {_x(sum_ratio(t['queries'], raw_q))} | "
                     f"{_x(geomean_ratio(t['queries'], raw_q))} | {_x(geomean_ratio(t['queries'], ours_q))} | "
                     f"{_x(geomean_ratio(t['pages_sparql'], raw_p))} | {'–' if rps is None else f'{rps:,.0f}'} |")
    for key in ("a", "b"):
        t = targets.get(key, {})
        if "render" in t:
            tp = t.get("throughput", {})
            lines.append(f"\n({key}) pages: first render {_ms(t['render']['first'])} ms, cached "
                         f"{_ms(t['render']['cached'])} ms; cached page {tp.get('page') or 0:,.0f} req/s vs the same "
                         f"bytes static {tp.get('static') or 0:,.0f} req/s")
    return "\n".join(lines)


def per_query(result: dict) -> str:
    """Median milliseconds of every query of the mix, per target."""
    targets = {k: result["targets"][k] for k in ORDER if "queries" in result["targets"].get(k, {})}
    names = next(iter(targets.values()))["queries"].keys() if targets else []
    lines = ["| query | " + " | ".join(f"({k})" for k in targets) + " |",
             "| --- |" + " ---: |" * len(targets)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(
            _ms(t["queries"][name]["median"]) if name in t["queries"] else "–" for t in targets.values()) + " |")
    return "\n".join(lines)


def plot(files: list[Path], out: Path) -> None:
    """The query mix against the raw engine per target and size (log scale); build stages' wall time per size."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing (pip install '.[bench]'): no plot")
        return
    results = [json.loads(f.read_text()) for f in files]
    results.sort(key=lambda r: ["10k", "100k", "1m"].index(r["size"]) if r["size"] in ("10k", "100k", "1m") else 9)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    width = 0.8 / len(ORDER)
    for i, key in enumerate(ORDER):
        values, names = [], []
        for r in results:
            t = r["targets"].get(key, {})
            raw = r["targets"].get("c", {}).get("queries", {})
            values.append((sum_ratio(t["queries"], raw) or 0) if "queries" in t and raw else 0)
            names += [t["name"]] if "name" in t else []
        if any(values):
            label = f"({key}) {names[0] if names else key}"
            left.bar([x + i * width for x in range(len(results))], values, width, label=label)
    left.axhline(1.5, color="grey", linestyle="--", linewidth=0.8, label="target for (a): 1.5× raw")
    left.set_yscale("log")
    left.set_xticks([x + 0.4 - width / 2 for x in range(len(results))], [r["size"] for r in results])
    left.set_ylabel("Σ medians ÷ raw pyoxigraph's, queries both answered (log)")
    left.set_title("SPARQL query mix as one workload, relative to the raw engine")
    left.legend(fontsize=7)
    stages = ("parse", "reason", "validate", "serialise")
    bottoms = [0.0] * len(results)
    for stage in stages:
        values = [r["build"].get("wall", {}).get(stage, 0) for r in results]
        right.bar([r["size"] for r in results], values, bottom=bottoms, label=stage)
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    right.axhline(300, color="grey", linestyle="--", linewidth=0.8, label="target at 1M: 5 min")
    right.set_ylabel("wall seconds (validation runs on both cores)")
    right.set_title("build stages")
    right.legend(fontsize=7)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    print(f"plot: {out}")
