"""The build, timed per stage (wall and CPU) with its peak memory, in a process of its own.

Run as ``python -m benchmarks.buildbench ROOT`` it builds ``ROOT`` (a folder
laid out by :mod:`benchmarks.generate`) and prints one JSON line.  A separate
process is the only honest way to read peak memory (``ru_maxrss``) per size,
and CPU seconds beside wall seconds keep the figures meaningful on a shared
machine, where wall time also counts other people's work.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from leidraad.pipeline.build import SKIP_QUOTE_CHECK


def _measure(root: Path) -> dict:
    from leidraad.pipeline.build import build
    from leidraad.pipeline.sources import Sources

    cpu: dict[str, float] = {}
    marks: dict[str, float] = {}

    def progress(message: str) -> None:
        stage = message.split(" ")[0].rstrip(":")
        if message.endswith("…"):
            marks[stage] = time.process_time()
        else:
            cpu[stage] = round(time.process_time() - marks[stage], 2)

    started = time.perf_counter()
    outcome = build(Sources(root), progress)
    return {
        "asserted": outcome.asserted,
        "inferred": outcome.inferred,
        "wall": {k: round(v, 2) for k, v in outcome.timings.items()},
        "cpu": cpu,
        "total_wall": round(time.perf_counter() - started, 2),
        "total_cpu": round(time.process_time(), 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        # the forked validation worker; its resident set includes the pages it shares with the build process
        "peak_worker_rss_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "dump_bytes": sum(outcome.files.values()),
    }


def run(root: Path, timeout: float = 3 * 3600) -> dict:
    """Build ``root`` in a subprocess; its JSON figures, or an ``error``."""
    env = {**os.environ, SKIP_QUOTE_CHECK: "1", "LEIDRAAD_ROOT": str(root), "LEIDRAAD_DIST": str(root / "dist")}
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.buildbench", str(root)], env=env,
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"build did not finish within {timeout:g} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "build failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    print(json.dumps(_measure(Path(sys.argv[1]))))
