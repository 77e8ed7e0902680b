"""A claim's or position's argument tree: its reasons, their reasons, and theirs, from lei:reasonFor/reasonAgainst.

The reasons of a claim are claims too, and may have reasons of their own; the tree follows those links down a
few levels (three by default), never round a cycle.  Every node says whether it argues for or against its parent,
its kind of claim, and what it says in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.namespaces import GRAPH_INFERRED, LEI
from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .memo import built_on_load, per_dataset
from .resource import Value, iri_value

_EDGES = """
SELECT ?claim ?rel ?target ?kind ?summary WHERE {
  VALUES ?rel { lei:reasonFor lei:reasonAgainst } ?claim ?rel ?target .
  OPTIONAL { GRAPH ?g { ?claim a ?kind } FILTER(?g != ?inferred && ?kind != lei:Claim) }
  OPTIONAL { ?claim lei:summary ?summary }
}
"""


@dataclass
class Node:
    claim: Value
    relation: str  # "for" or "against" its parent
    kind: Value | None = None
    summary: str | None = None
    children: list[Node] = field(default_factory=list)


@dataclass
class _Graph:
    reasons: dict[str, list[tuple[str, str]]]  # target → [(claim, "for" | "against")]
    kinds: dict[str, str]
    summaries: dict[str, list[tuple[str, str | None]]]


@built_on_load
def _graph(ds: Dataset) -> _Graph:
    def build(d: Dataset) -> _Graph:
        g = _Graph({}, {}, {})
        for row in rows(d, _EDGES, inferred=str(GRAPH_INFERRED)):
            claim, target = value(row["claim"]), value(row["target"])
            relation = "against" if value(row["rel"]) == str(LEI.reasonAgainst) else "for"
            edges = g.reasons.setdefault(target, [])
            if (claim, relation) not in edges:
                edges.append((claim, relation))
            if "kind" in row:
                g.kinds.setdefault(claim, value(row["kind"]))
            if "summary" in row:
                pair = (value(row["summary"]), lang_of(row["summary"]))
                if pair not in g.summaries.setdefault(claim, []):
                    g.summaries[claim].append(pair)
        return g

    return per_dataset(ds, "argument-tree", build)


def tree(ds: Dataset, iri: str, lang: str, depth: int = 3) -> list[Node]:
    """The reasons for and against ``iri``, each with its own reasons, ``depth`` levels down."""
    g = _graph(ds)

    def grow(target: str, level: int, path: frozenset[str]) -> list[Node]:
        if level > depth:
            return []
        nodes = []
        for claim, relation in g.reasons.get(target, []):
            if claim in path:
                continue
            kind = g.kinds.get(claim)
            nodes.append(Node(iri_value(ds, claim, lang), relation, iri_value(ds, kind, lang) if kind else None,
                              pick(g.summaries.get(claim, []), lang), grow(claim, level + 1, path | {claim})))
        return sorted(nodes, key=lambda n: (n.relation, n.claim.iri or ""))

    return grow(iri, 1, frozenset({iri}))


def deepest(nodes: list[Node]) -> int:
    """How many levels the tree has (0 when there are no reasons)."""
    return max((1 + deepest(n.children) for n in nodes), default=0)
