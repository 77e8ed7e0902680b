"""Record what later builds need of a release, from its build: ``python scripts/record_release.py DIST VERSION``.

Writes ``data/releases/v<VERSION>.iris`` (every IRI under the base in its
N-Quads dump), ``v<VERSION>.sha256`` (its dumps' checksums, from its manifest)
``v<VERSION>.evidence.tsv`` (where each evidence node stood: the resource
it supports, text, lines and a hash of the quote), which the build uses to
find the successors of evidence renamed with its resource, and
``v<VERSION>.digests.tsv`` (a digest of each resource's asserted triples),
from which later builds list what changed since this release.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/leidraad/"
LEI = BASE + "def#"
OA = "http://www.w3.org/ns/oa#"


def record(dist: Path, version: str) -> None:
    from leidraad.pipeline import changes

    out = ROOT / "data" / "releases"
    out.mkdir(parents=True, exist_ok=True)
    changes.write_digests(changes.digests_of_dump(dist / "leidraad.nq"), out / f"v{version}.digests.tsv")
    iris: set[str] = set()
    with open(dist / "leidraad.nq", encoding="utf-8") as lines:
        for line in lines:
            iris.update(re.findall(r"<(" + re.escape(BASE) + r"[^>]*)>", line))
    (out / f"v{version}.iris").write_text("\n".join(sorted(iris)) + "\n", encoding="utf-8")
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    (out / f"v{version}.sha256").write_text(
        "".join(f"{entry['sha256']}  {name}\n" for name, entry in sorted(manifest["files"].items())), encoding="utf-8")
    store = ox.Store()
    store.bulk_load(path=str(dist / "leidraad.nq"), format=ox.RdfFormat.N_QUADS)
    rows = store.query(f"""SELECT DISTINCT ?e ?parent ?text ?s ?end ?q WHERE {{ GRAPH ?g {{
        ?parent <{LEI}evidence> ?e . ?e <{LEI}inText> ?text ; <{LEI}lineStart> ?s ; <{LEI}lineEnd> ?end ;
        <{OA}exact> ?q }} }}""")
    table = sorted(
        "\t".join((r["e"].value, r["parent"].value, r["text"].value, r["s"].value, r["end"].value,
                   hashlib.sha256(r["q"].value.encode()).hexdigest()[:16]))
        for r in rows)
    head = (f"# v{version} evidence: IRI, the resource it is evidence for, text, first line, last line, "
            "SHA-256 of the quote (16 hex)\n")
    (out / f"v{version}.evidence.tsv").write_text(head + "\n".join(table) + "\n", encoding="utf-8")
    print(f"v{version}: {len(iris)} IRIs, {len(table)} evidence nodes, {len(manifest['files'])} files")


if __name__ == "__main__":
    record(Path(sys.argv[1]), sys.argv[2])
