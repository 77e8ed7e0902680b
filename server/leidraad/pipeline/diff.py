"""What changed between two builds: ``leidraad diff OLD NEW``.

Resources are the IRIs under ``<base>id/`` that are subjects in a build's
dumps, grouped by kind (the path segment after ``id/``).  A resource of the
old build that the new one lacks has *moved* (one successor: renamed or merged), *split*
(several) or *retired* (none), by the new build's ``successors.json``; one
the new build has and the old lacks is *added*.  For a resource in both, the
triples (over all named graphs, as a set) that were added and removed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..core.namespaces import ID

NQUADS = "leidraad.nq"
SUCCESSORS = "successors.json"


@dataclass
class Change:
    """The difference between two builds."""

    old_version: str
    new_version: str
    added: dict[str, list[str]] = field(default_factory=dict)  # kind -> IRIs
    moved: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> old IRI -> its one successor
    split: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # kind -> old IRI -> parts
    retired: dict[str, list[str]] = field(default_factory=dict)
    changed: dict[str, dict[str, int]] = field(default_factory=dict)  # IRI -> {"added": n, "removed": n}
    triples: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # IRI -> added/removed N-Triples

    def kinds(self) -> list[str]:
        return sorted(set(self.added) | set(self.moved) | set(self.split) | set(self.retired))


def _kind(iri: str) -> str:
    return iri[len(str(ID)):].split("/", 1)[0]


def _triples_by_subject(dist: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for quad in ox.parse(path=str(dist / NQUADS), format=ox.RdfFormat.N_QUADS):
        if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(str(ID)):
            found[quad.subject.value].add(str(quad.triple) + " .")
    return found


def _version(dist: Path) -> str:
    manifest = dist / "manifest.json"
    return json.loads(manifest.read_text(encoding="utf-8")).get("version", "?") if manifest.exists() else "?"


def compare(old: Path, new: Path) -> Change:
    """The change from the build in ``old`` to the build in ``new``."""
    before, after = _triples_by_subject(old), _triples_by_subject(new)
    successors_path = new / SUCCESSORS
    successors = json.loads(successors_path.read_text(encoding="utf-8")) if successors_path.exists() else {}
    change = Change(_version(old), _version(new))
    for iri in sorted(set(after) - set(before)):
        change.added.setdefault(_kind(iri), []).append(iri)
    for iri in sorted(set(before) - set(after)):
        parts = successors.get(iri, [])
        if len(parts) == 1:
            change.moved.setdefault(_kind(iri), {})[iri] = parts[0]
        elif parts:
            change.split.setdefault(_kind(iri), {})[iri] = parts
        else:
            change.retired.setdefault(_kind(iri), []).append(iri)
    for iri in sorted(set(before) & set(after)):
        gained, lost = after[iri] - before[iri], before[iri] - after[iri]
        if gained or lost:
            change.changed[iri] = {"added": len(gained), "removed": len(lost)}
            change.triples[iri] = {"added": sorted(gained), "removed": sorted(lost)}
    return change


def as_text(change: Change) -> str:
    """A summary per kind, then the resources whose statements changed most."""
    lines = [f"{change.old_version} → {change.new_version}", "",
             f"{'kind':<14}{'added':>8}{'moved':>8}{'split':>8}{'retired':>9}"]
    for kind in change.kinds():
        lines.append(f"{kind:<14}{len(change.added.get(kind, [])):>8}{len(change.moved.get(kind, {})):>8}"
                     f"{len(change.split.get(kind, {})):>8}{len(change.retired.get(kind, [])):>9}")
    lines += ["", f"{len(change.changed)} resources in both builds changed their statements"]
    busiest = sorted(change.changed.items(), key=lambda kv: -(kv[1]["added"] + kv[1]["removed"]))[:20]
    lines += [f"  +{c['added']:<4} -{c['removed']:<4} {iri}" for iri, c in busiest]
    for kind, split in sorted(change.split.items()):
        lines += ["", f"split ({kind}):"]
        lines += [f"  {old}\n    → " + "\n    → ".join(parts) for old, parts in sorted(split.items())[:50]]
    return "\n".join(lines) + "\n"


def as_json(change: Change) -> str:
    return json.dumps(change.__dict__, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
