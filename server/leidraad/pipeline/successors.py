"""Published IRIs never break: what replaced each IRI a release had and the current build has not.

``data/releases/successors.tsv`` lists them (``old<TAB>new new …``, or
``old<TAB>-<TAB>why`` for one retired without a successor); the build checks
that every successor exists, follows chains to live IRIs, and writes
``successors.json`` beside the dumps, from which the server answers an old IRI
with a redirect (one successor), a choice (several) or ``410 Gone`` (none:
``retired.json`` says why and in which release it last existed).

Evidence nodes are named from their content *and* the resource they are
evidence for, so renaming a position renames its evidence.  Those successors
are found, not listed: ``data/releases/<version>.evidence.tsv`` records each
published evidence node's resource, text, lines and quote hash, and the build
looks for the same quote at the same place under that resource or its
successors (else the resource itself stands in).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

FILE = "successors.json"
RETIRED_FILE = "retired.json"
#: In the successor column: retired without a successor; a third column says why.
GONE = "-"


def read(path: Path) -> dict[str, list[str]]:
    """The table as written (an IRI retired without successor has none); an absent file is an empty table."""
    return {old: new for old, (new, _why) in _rows(path).items()}


def read_gone(path: Path) -> dict[str, str]:
    """The IRIs retired without a successor, and why."""
    return {old: why for old, (new, why) in _rows(path).items() if not new}


def _rows(path: Path) -> dict[str, tuple[list[str], str]]:
    if not path.exists():
        return {}
    found: dict[str, tuple[list[str], str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        old, tab, rest = line.partition("\t")
        new, _, why = rest.partition("\t")
        if new.strip() == GONE:
            if not why.strip():
                raise ValueError(f"{path}:{number}: an IRI retired without a successor needs a reason: "
                                 "'old<TAB>-<TAB>why'")
            found[old.strip()] = ([], why.strip())
            continue
        if not tab or not new.split():
            raise ValueError(f"{path}:{number}: expected 'old<TAB>new new …' or 'old<TAB>-<TAB>why'")
        found[old.strip()] = (new.split(), "")
    return found


def last_releases(folder: Path, iris: Iterable[str]) -> dict[str, str]:
    """For each IRI, the latest release whose published list (``v<version>.iris``) holds it."""
    wanted = set(iris)
    found: dict[str, str] = {}

    def key(path: Path) -> tuple[int, ...]:
        return tuple(int(p) for p in path.name[1:-len(".iris")].split(".") if p.isdigit())

    for path in sorted(folder.glob("v*.iris"), key=key):
        version = path.name[1:-len(".iris")]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() in wanted:
                found[line.strip()] = version
    return found


def resolve(table: dict[str, list[str]], live: Iterable[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Each retired IRI's live successors (chains followed), and the problems: a successor that is nowhere."""
    alive = set(live)
    resolved: dict[str, list[str]] = {}
    problems: list[str] = []
    for old in sorted(table):
        if old in alive:
            problems.append(f"{old} is listed as retired but still exists")
            continue
        found: list[str] = []
        pending, seen = list(table[old]), {old}
        while pending:
            new = pending.pop(0)
            if new in seen:
                continue
            seen.add(new)
            if new in alive:
                found.append(new)
            elif new in table:
                pending.extend(table[new])
            else:
                problems.append(f"{old} → {new}, which exists nowhere")
        resolved[old] = sorted(set(found), key=found.index)
        if not found and table[old]:
            problems.append(f"{old} has successors, none of them live")
    return resolved, problems


def serialise(resolved: dict) -> bytes:
    return (json.dumps(resolved, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


Key = tuple[str, str, str, str, str]  # resource, text, first line, last line, quote hash


def quote_hash(quote: str) -> str:
    return hashlib.sha256(quote.encode()).hexdigest()[:16]


def read_evidence(folder: Path) -> dict[str, Key]:
    """Every published evidence node of every release table in ``folder``, with its key."""
    found: dict[str, Key] = {}
    for path in sorted(folder.glob("*.evidence.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                iri, *key = line.split("\t")
                found[iri] = tuple(key)  # type: ignore[assignment]
    return found


def evidence_table(published: dict[str, Key], live_evidence: dict[Key, str],
                   resolved: dict[str, list[str]], alive: set[str]) -> dict[str, list[str]]:
    """Successors of the published evidence nodes that are gone: the same quote under the live resource.

    A resource that lives on but no longer holds the quote gave it away, as a statement made in two texts does
    when it becomes one statement per text: the one evidence node new since the release at the same place
    (text, lines, quote), for a resource of the same kind, is then the successor, rather than the resource
    that no longer says it.
    """
    at_place: dict[tuple[str, ...], list[str]] = {}
    for (holder, *place), node in live_evidence.items():
        if node not in published:
            at_place.setdefault((_kind(holder), *place), []).append(node)
    table: dict[str, list[str]] = {}
    for old, (resource, *place) in published.items():
        if old in alive:
            continue
        holders = [resource] if resource in alive else resolved.get(resource, [])
        found = [live_evidence[(holder, *place)] for holder in holders if (holder, *place) in live_evidence]
        if not found and resource in alive and len(at_place.get((_kind(resource), *place), [])) == 1:
            found = at_place[(_kind(resource), *place)]
        table[old] = found or list(holders)
    return table


def _kind(iri: str) -> str:
    """``…/id/assertion/x`` → ``…/id/assertion/``: what kind of thing an IRI of ours names."""
    return iri.rsplit("/", 1)[0] + "/"
