"""What changed since the previous release, written with every build as ``changes.json``.

A release keeps, per resource, a digest of what the data says about it
(``data/releases/v<version>.digests.tsv``: the SHA-256 of its asserted
triples as sorted N-Triples, the inferred, annotation and ontology graphs left out).  The
build computes the same digests for itself and compares: resources added,
changed (same IRI, other triples), and — from the successor table — moved,
split and retired.  The server shows the list at ``/changes`` and a "changed
in" note on each resource page; ``leidraad diff`` gives the triples themselves
when both builds are at hand.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..core.namespaces import GRAPH, GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_VOCABULARIES, ID

FILE = "changes.json"
#: Derived graphs: what they say about a resource changes with the sources, not on its own.
_SKIPPED_GRAPHS = {str(GRAPH_INFERRED), str(GRAPH_ONTOLOGY), str(GRAPH_VOCABULARIES), str(GRAPH["annotations"])}


def digests(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """Each resource under ``id/`` and a digest of its asserted triples (any named graph but the derived ones)."""
    lines: dict[str, set[str]] = defaultdict(set)
    for quad in quads:
        graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        if graph in _SKIPPED_GRAPHS or not isinstance(quad.subject, ox.NamedNode):
            continue
        if quad.subject.value.startswith(str(ID)):
            lines[quad.subject.value].add(f"{quad.subject} {quad.predicate} {quad.object} .")
    return {iri: hashlib.sha256("\n".join(sorted(ts)).encode()).hexdigest()[:16] for iri, ts in lines.items()}


def digests_of_dump(nquads: bytes | Path) -> dict[str, str]:
    if isinstance(nquads, Path):
        return digests(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    return digests(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))


def write_digests(table: dict[str, str], path: Path) -> None:
    path.write_text("".join(f"{iri}\t{d}\n" for iri, d in sorted(table.items())), encoding="utf-8")


def read_digests(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {iri: digest for iri, digest in pairs}


def compare(version: str, previous: str | None, before: dict[str, str], after: dict[str, str],
            successors: dict[str, list[str]]) -> dict:
    """The change list of release ``version`` against ``previous`` (whose digests are ``before``)."""
    if previous is None or not before:
        return {"version": version, "previous": None}
    gone = sorted(set(before) - set(after))
    return {
        "version": version,
        "previous": previous,
        "added": sorted(set(after) - set(before)),
        "changed": sorted(iri for iri in set(before) & set(after) if before[iri] != after[iri]),
        "moved": {old: successors[old][0] for old in gone if len(successors.get(old, [])) == 1},
        "split": {old: successors[old] for old in gone if len(successors.get(old, [])) > 1},
        "retired": [old for old in gone if not successors.get(old)],
    }


def serialise(change: dict) -> bytes:
    return (json.dumps(change, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
