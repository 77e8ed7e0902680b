"""How well ``leidraad suggest`` proposes what the five texts' data files hold: recall and precision per kind.

    python scripts/suggest_recall.py [--root DIR] [--seeds DIR]     (after make install, in the venv)

For every text with a seed file, the proposals for its seed are compared with the graph as written:

- persons: the persons with evidence in the text (or its parts); a proposal is right when its name is a
  person's name (accents, case, hyphens ignored) or has the same surname and first initial.  Measured
  twice: rule-based only (what a text new to the graph gets) and with the graph's names matched too;
- references: the works the text (or a part) cites that have a creator and a year; a work is found when a
  proposed reference was matched to it; a proposal is right when it was matched to a work the text cites;
- lists: the numbered and bulleted lists (frameworks) stated in the text; a list is found when a proposed
  list overlaps the lines of its items; a proposal is right when it overlaps any framework of the text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leidraad.core.namespaces import CITO, DCTERMS, LEI
from leidraad.pipeline.parse import load
from leidraad.pipeline.sources import default_sources
from leidraad.pipeline.suggest import Proposal, fold, suggest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, RDF

LISTS = (LEI.NumberedList, LEI.BulletList)


def parts(graph: Graph, text: URIRef) -> set[URIRef]:
    found, todo = {text}, [text]
    while todo:
        for part in graph.subjects(DCTERMS.isPartOf, todo.pop()):
            if part not in found:
                found.add(part)
                todo.append(part)
    return found


def evidence_lines(graph: Graph, resource: URIRef, texts: set[URIRef]) -> list[tuple[int, int]]:
    spans = []
    for ev in graph.objects(resource, LEI.evidence):
        if graph.value(ev, LEI.inText) in texts and graph.value(ev, LEI.lineStart) is not None:
            start = int(graph.value(ev, LEI.lineStart))
            spans.append((start, int(graph.value(ev, LEI.lineEnd) or start)))
    return spans


def same_person(proposed: str, name: str) -> bool:
    a, b = fold(proposed).split(), fold(name).split()
    return a == b or (bool(a) and bool(b) and a[-1] == b[-1] and a[0][0] == b[0][0])


def measure(graph: Graph, seeds: Path) -> dict[str, list[int]]:
    """Per kind: [gold found, gold total, proposals right, proposals total]."""
    tally = {k: [0, 0, 0, 0] for k in ("persons (rules only)", "persons (with graph names)", "references", "lists")}
    for text, seed in sorted(graph.subject_objects(LEI.seedFile)):
        texts = parts(graph, text)
        source = (seeds / str(seed)).read_text(encoding="utf-8")
        gold_persons = {p: str(graph.value(p, FOAF.name)) for p in graph.subjects(RDF.type, FOAF.Person)
                        if evidence_lines(graph, p, texts)}
        for kind, with_graph in (("persons (rules only)", None), ("persons (with graph names)", graph)):
            proposed = [p for p in suggest(source, with_graph) if p.kind == "person"]
            _count(tally[kind], gold_persons.values(), proposed, lambda g, p: same_person(p.label, g))
        cited = {w for t in texts for w in graph.objects(t, CITO.cites)
                 if graph.value(w, DCTERMS.creator) is not None}
        refs = [p for p in suggest(source, graph) if p.kind == "reference"]
        _count(tally["references"], cited, refs, lambda g, p: p.existing == str(g))
        frameworks = [f for f in graph.subjects(LEI.statedIn, None) if graph.value(f, LEI.statedIn) in texts
                      and any((f, RDF.type, c) in graph for c in (*LISTS, LEI.Table, LEI.Compass, LEI.Quadrant,
                                                                   LEI.GenerationSeries))]
        spans = {f: _item_lines(graph, f, texts) for f in frameworks}
        lists = [f for f in frameworks if any((f, RDF.type, c) in graph for c in LISTS)]
        found = [p for p in suggest(source) if p.kind == "list"]
        tally["lists"][0] += sum(1 for f in lists if any(_overlaps(p, s) for p in found for s in spans[f]))
        tally["lists"][1] += len(lists)
        tally["lists"][2] += sum(1 for p in found if any(_overlaps(p, s) for f in frameworks for s in spans[f]))
        tally["lists"][3] += len(found)
    return tally


def _count(row: list[int], gold, proposed: list[Proposal], match) -> None:
    gold = list(gold)
    row[0] += sum(1 for g in gold if any(match(g, p) for p in proposed))
    row[1] += len(gold)
    row[2] += sum(1 for p in proposed if any(match(g, p) for g in gold))
    row[3] += len(proposed)


def _item_lines(graph: Graph, framework: URIRef, texts: set[URIRef]) -> list[tuple[int, int]]:
    lines = evidence_lines(graph, framework, texts)
    for item in graph.subjects(LEI.inFramework, framework):
        lines += evidence_lines(graph, item, texts)
    return lines


def _overlaps(p: Proposal, span: tuple[int, int]) -> bool:
    return p.start <= span[1] and span[0] <= p.end


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root")
    parser.add_argument("--seeds")
    args = parser.parse_args(argv)
    sources = default_sources(args.root, args.seeds)
    tally = measure(load(sources).union(), sources.seeds)
    print("| kind | recall | precision |")
    print("| --- | --- | --- |")
    for kind, (found, total, right, proposed) in tally.items():
        recall = f"{found}/{total} = {found / total:.0%}" if total else "–"
        precision = f"{right}/{proposed} = {right / proposed:.0%}" if proposed else "–"
        print(f"| {kind} | {recall} | {precision} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
