"""The figures of a careful reading of the graph (issue 14), as ``leidraad validate --stats`` prints them.

Each figure is a count out of a total, computed on the validated graph
(asserted and inferred triples, annotations included) and the annotations the
build made: how typed the concept relations are, how many concepts relate to
nothing, how tied in frameworks and items are, how many memberships carry a
role, and how exactly the evidence pins its quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, RDF, SKOS

from ..core.namespaces import LEI
from .annotations import Annotated
from .seeds import read_seed


@dataclass(frozen=True)
class Figure:
    """``count`` of ``total`` things have the property ``label`` names."""

    key: str
    label: str
    count: int
    total: int

    def __str__(self) -> str:
        share = f"{100 * self.count / self.total:.1f} %" if self.total else "-"
        return f"{self.label}: {self.count} of {self.total} ({share})"


#: Links between two concepts that are not a semantic relation.
_NOT_RELATIONS = {RDF.type, OWL.sameAs, OWL.differentFrom}


def _typed(graph: Graph, cls: URIRef) -> set:
    return set(graph.subjects(RDF.type, cls))


def _with(graph: Graph, things: set, prop: URIRef) -> int:
    return sum(1 for t in things if graph.value(t, prop) is not None)


def unrelated_concepts(graph: Graph) -> tuple[int, int]:
    """Concepts (``lei:Concept``) with no link to or from another concept, and how many concepts there are."""
    concepts = _typed(graph, LEI.Concept)
    related = set()
    for c in concepts:
        for p, o in graph.predicate_objects(c):
            if o in concepts and o != c and p not in _NOT_RELATIONS:
                related.add(c)
                related.add(o)
    return len(concepts - related), len(concepts)


def figures(graph: Graph, annotated: Annotated | None) -> list[Figure]:
    """Every figure that applies; the evidence figures only when the build made annotations."""
    assertions = _typed(graph, LEI.RelationAssertion)
    untyped = sum(1 for a in assertions if graph.value(a, RDF.predicate) == SKOS.related)
    unrelated, concepts = unrelated_concepts(graph)
    frameworks, items = _typed(graph, LEI.Framework), _typed(graph, LEI.FrameworkItem)
    memberships = _typed(graph, ORG.Membership)
    found = [
        Figure("untyped-relations", "concept relations that are a bare skos:related", untyped, len(assertions)),
        Figure("unrelated-concepts", "concepts related to no other concept", unrelated, concepts),
        Figure("frameworks-with-subject", "frameworks saying what they describe (dcterms:subject)",
               _with(graph, frameworks, DCTERMS.subject), len(frameworks)),
        Figure("items-denoting", "framework items denoting a concept (lei:denotes)",
               _with(graph, items, LEI.denotes), len(items)),
        Figure("memberships-with-role", "memberships with org:role", _with(graph, memberships, ORG.role),
               len(memberships)),
    ]
    if annotated is not None:
        found += _evidence_figures(annotated, annotated.seeds)
    return found


def _evidence_figures(annotated: Annotated, seeds: Path) -> list[Figure]:
    placed = annotated.placed
    inside = sum(len(s.evidence) for s in placed)
    unique = alone = 0
    for span in placed:
        place = span.place
        assert place is not None
        texts = [r.text for r in read_seed(seeds / span.seed).readings]
        whole = place.prefix + span.exact + place.suffix
        unique += all(t.count(whole) <= 1 for t in texts) and any(whole in t for t in texts)
        alone += texts[place.reading].count(span.exact) == 1
    shared = sum(len(s.evidence) for s in annotated.spans if len(s.evidence) > 1)
    return [
        Figure("quotes-inside-lines", "quotes inside their stated lines", inside, annotated.evidence),
        Figure("unique-annotations", "annotations whose prefix + exact + suffix is unique in the seed file",
               unique, len(annotated.spans)),
        Figure("quotes-unique-alone", "annotations whose quote alone is unique in the seed file", alone,
               len(annotated.spans)),
        Figure("evidence-sharing-a-span", "evidence nodes sharing their span (and annotation) with another",
               shared, annotated.evidence),
    ]


def describe(found: list[Figure]) -> str:
    return "\n".join(["Figures:", *(f"  {f}" for f in found)])


def report(graph: Graph, annotated: Annotated | None) -> str:
    """What ``leidraad validate --stats`` prints."""
    return describe(figures(graph, annotated))


__all__ = ["Figure", "describe", "figures", "report", "unrelated_concepts"]
