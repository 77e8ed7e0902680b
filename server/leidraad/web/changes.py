"""What changed in this release, as a reader sees it: per kind of thing, with names, not digests.

The build writes ``changes.json`` (see :mod:`..pipeline.changes`); this module
turns it into the ``/changes`` page's groups and the "new in" / "changed in"
note a resource page carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.iris import local_href
from ..core.namespaces import ID
from ..store.dataset import Dataset
from .memo import built_on_load, per_dataset
from .resource import Value, iri_value


@dataclass
class KindChanges:
    """The changes to one kind of thing (the path segment after ``id/``: person, position, claim …)."""

    kind: str
    added: list[Value] = field(default_factory=list)
    changed: list[Value] = field(default_factory=list)
    moved: list[tuple[str, Value]] = field(default_factory=list)   # old IRI, its successor
    split: list[tuple[str, list[Value]]] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.changed) + len(self.moved) + len(self.split) + len(self.retired)


def _kind(iri: str) -> str:
    return iri[len(str(ID)):].split("/", 1)[0] if iri.startswith(str(ID)) else "other"


def by_kind(ds: Dataset, lang: str) -> list[KindChanges]:
    """The release's changes grouped by kind, largest group first; evidence nodes only counted, not listed."""
    change = ds.changes
    groups: dict[str, KindChanges] = {}

    def group(iri: str) -> KindChanges:
        return groups.setdefault(_kind(iri), KindChanges(_kind(iri)))

    for iri in change.get("added", []):
        group(iri).added.append(iri_value(ds, iri, lang))
    for iri in change.get("changed", []):
        group(iri).changed.append(iri_value(ds, iri, lang))
    for old, new in change.get("moved", {}).items():
        group(old).moved.append((old, iri_value(ds, new, lang)))
    for old, parts in change.get("split", {}).items():
        group(old).split.append((old, [iri_value(ds, p, lang) for p in parts]))
    for old in change.get("retired", []):
        group(old).retired.append(old)
    for g in groups.values():
        g.added.sort(key=lambda v: v.text.casefold())
        g.changed.sort(key=lambda v: v.text.casefold())
    return sorted(groups.values(), key=lambda g: (-g.total, g.kind))


def _notes(ds: Dataset) -> dict[str, str]:
    change = ds.changes
    notes = {iri: "changed" for iri in change.get("changed", [])}
    notes.update({iri: "added" for iri in change.get("added", [])})
    return notes


@built_on_load
def _notes_once(ds: Dataset) -> dict[str, str]:
    return per_dataset(ds, "change-notes", _notes)


def note(ds: Dataset, iri: str) -> str | None:
    """``"added"`` or ``"changed"`` when this release added or changed ``iri``, else None."""
    return _notes_once(ds).get(iri)


def old_href(iri: str) -> str:
    """Where an old IRI now answers (a redirect, a choice or 410): its own local path."""
    return local_href(iri) or iri


__all__ = ["KindChanges", "by_kind", "note", "old_href"]
