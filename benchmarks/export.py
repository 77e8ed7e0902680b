"""How long ``leidraad export`` takes on the real build, and how many files and megabytes it writes.

    .venv/bin/python -m benchmarks.export [--dist DIR] [--out DIR] [--keep]

Exports the build in ``dist/`` (``leidraad build`` first) into a temporary folder and prints the figures;
``--keep`` leaves the export there.  Not part of ``make test`` (the real build takes minutes).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from leidraad.http.export import export
from leidraad.pipeline.sources import default_sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, help="the build to export (default: the checkout's dist/)")
    parser.add_argument("--out", type=Path, help="where to export (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the export")
    args = parser.parse_args(argv)
    dist = args.dist or default_sources().dist
    out = args.out or Path(tempfile.mkdtemp(prefix="leidraad-export-bench-"))
    started = time.perf_counter()
    report = export(dist, out, progress=lambda msg: print(msg, file=sys.stderr, flush=True))
    seconds = time.perf_counter() - started
    files = [p for p in out.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    by_area: dict[str, int] = {}
    for p in files:
        area = p.relative_to(out / "site").parts[0] if (out / "site") in p.parents else "nginx"
        by_area[area] = by_area.get(area, 0) + 1
    print(f"exported {dist} in {seconds:.1f} s: {len(files)} files, {size / 1e6:.1f} MB "
          f"({report.pages} pages, {report.documents} documents, {report.retired} retired IRIs, "
          f"{len(report.problems)} problems)")
    print("files by folder: " + ", ".join(f"{k} {v}" for k, v in sorted(by_area.items(), key=lambda kv: -kv[1])[:12]))
    for problem in report.problems[:40]:
        print(f"  not exported (the server did not answer 200): {problem}")
    if not args.keep and not args.out:
        shutil.rmtree(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
