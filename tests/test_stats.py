"""``leidraad validate --stats`` prints the figures of a careful reading of the graph."""

from __future__ import annotations

import re

from leidraad.cli import main
from leidraad.pipeline import stats
from leidraad.pipeline.annotations import annotate
from leidraad.pipeline.reason import reason
from rdflib import Graph

LABELS = [
    "concept relations that are a bare skos:related",
    "concepts related to no other concept",
    "frameworks saying what they describe (dcterms:subject)",
    "framework items denoting a concept (lei:denotes)",
    "memberships with org:role",
    "quotes inside their stated lines",
    "annotations whose prefix + exact + suffix is unique in the seed file",
]
FIGURE = re.compile(r"^  (.+): (\d+) of (\d+) \((?:[\d.]+ %|-)\)$")


def test_validate_prints_the_figures(small_build, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LEIDRAAD_SEEDS", str(small_build.seeds))
    code = main(["validate", "--quiet", "--stats", "--root", str(small_build.root)])
    out = capsys.readouterr().out
    assert code == 0, out
    figures = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in map(FIGURE.match, out.splitlines()) if m}
    assert set(LABELS) <= set(figures), out
    assert all(count <= total for count, total in figures.values())
    inside = figures["quotes inside their stated lines"]
    assert inside[0] == inside[1] > 0


def test_figures_of_the_real_data(asserted, seeds) -> None:
    annotated = annotate(asserted, seeds)
    closure = Graph()
    for t in asserted:
        closure.add(t)
    for t in reason(asserted).triples:
        closure.add(t)
    found = {f.key: f for f in stats.figures(closure, annotated)}
    assert all(f.total > 0 and 0 <= f.count <= f.total for f in found.values())
    assert found["quotes-inside-lines"].count == found["quotes-inside-lines"].total  # 100 %
    assert found["unique-annotations"].count == found["unique-annotations"].total
    assert found["quotes-unique-alone"].count < found["unique-annotations"].count  # the context is needed
    assert found["memberships-with-role"].total == 48


def test_a_concept_related_to_nothing_is_counted() -> None:
    g = Graph().parse(data="""
        @prefix lei: <https://w3id.org/leidraad/def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <urn:a> a lei:Concept ; skos:related <urn:b> . <urn:b> a lei:Concept . <urn:c> a lei:Concept .
    """, format="turtle")
    assert stats.unrelated_concepts(g) == (1, 3)
