"""Evidence as W3C Web Annotations: every annotation in the build, recomputed from the seed files.

For each annotation the test reads its selectors from the built dump and checks
them against the seed file itself: the offsets cut out the quote, the quote lies
inside the stated lines of every piece of evidence it stands for, the RFC 5147
fragment names those lines, prefix + exact + suffix occurs once in the file,
and the seed's SHA-256 is the file's.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

import pyoxigraph as ox
import pytest
from leidraad.pipeline import evidence
from leidraad.pipeline.annotations import GRAPH_ANNOTATIONS, annotate, annotation_iri, line_fragment
from leidraad.pipeline.seeds import Reading, Seed, fold
from leidraad.store.dataset import NQUADS

TEXT = ("Bij veel gemeenten hebben verschil-\nlende organisatiemodellen elkaar\n"
        "opgevolgd: het politiek-\nambtelijk samenspel.\n")

ROWS = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX lei: <https://w3id.org/leidraad/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX spdx: <http://spdx.org/rdf/terms#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?a ?name ?sha ?exact ?prefix ?suffix ?start ?end ?lines
       (MIN(?ls) AS ?minStart) (MAX(?le) AS ?maxEnd) (COUNT(DISTINCT ?body) AS ?bodies) WHERE {
  GRAPH ?g { ?a a oa:Annotation ; oa:hasTarget ?t ; oa:motivatedBy oa:identifying ; dcterms:creator ?who ;
                oa:hasBody ?body .
    ?t a oa:SpecificResource ; oa:hasSource ?seed ; oa:hasSelector ?q , ?p , ?f .
    ?seed schema:name ?name ; spdx:checksum/spdx:checksumValue ?sha .
    ?q a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
    ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    ?f a oa:FragmentSelector ; dcterms:conformsTo <http://tools.ietf.org/rfc/rfc5147> ; rdf:value ?lines .
    ?ev dcterms:isReferencedBy ?a . }
  ?ev lei:lineStart ?ls ; lei:lineEnd ?le ; oa:exact ?quote .
  ?body ?grounds ?ev .
} GROUP BY ?a ?name ?sha ?exact ?prefix ?suffix ?start ?end ?lines
"""


def test_a_reading_maps_back_to_the_file() -> None:
    joined = Reading(TEXT, "")
    i = joined.text.index("verschillende")
    assert joined.to_file(i) == TEXT.index("verschil-")
    assert joined.to_file(i + len("verschillende") - 1) == TEXT.index("lende") + 4
    assert joined.from_file(TEXT.index("lende")) == i + len("verschil")


def test_a_quote_over_a_hyphenated_line_end_is_placed_exactly() -> None:
    seed = Seed(TEXT)
    place = seed.find("hebben verschillende organisatiemodellen", 1, 2)
    assert place is not None
    assert (place.line_start, place.line_end) == (1, 2)
    assert TEXT[place.start:place.end] == "hebben verschil-\nlende organisatiemodellen"
    assert seed.find("verschillende organisatiemodellen", 2, 2) is None  # starts one line before its stated lines
    kept = seed.find("politiek-ambtelijk samenspel", 3, 4)
    assert kept is not None and kept.reading == 2


def test_prefix_and_suffix_grow_until_the_quote_is_unique() -> None:
    seed = Seed("de raad besluit. " * 3 + "de raad besluit anders.\n")
    place = seed.find("de raad besluit", 1, 1)
    assert place is not None and place.prefix == ""
    whole = place.prefix + "de raad besluit" + place.suffix
    assert Reading(seed.text, None).text.count(whole) == 1


def test_line_fragment_counts_positions_between_lines() -> None:
    assert line_fragment(119, 122) == "line=118,122"  # RFC 5147: lines 119..122, 1-based


def test_annotation_iris_are_stable_and_one_per_span(asserted, seeds) -> None:
    first, second = annotate(asserted, seeds), annotate(asserted, seeds)
    assert list(first.triples) == list(second.triples)
    assert first.evidence > len(first.spans) > 1000  # evidence nodes share spans
    assert len({s.iri for s in first.spans}) == len(first.spans)
    span = first.spans[0]
    assert span.iri == annotation_iri(span.seed, span.line_start, span.line_end, span.exact)


def test_every_quote_is_inside_its_stated_lines(asserted, seeds) -> None:
    annotated = annotate(asserted, seeds)
    outside = [f"{s.seed} {s.line_start}-{s.line_end}: {s.exact[:80]!r}" for s in annotated.spans if s.place is None]
    assert outside == [], f"{len(outside)} quotes not inside their stated lines"


@pytest.fixture(scope="module")
def rows(real_dist: Path) -> list[dict]:
    store = ox.Store()
    store.bulk_load(path=str(real_dist / NQUADS), format=ox.RdfFormat.N_QUADS)
    names = ["a", "name", "sha", "exact", "prefix", "suffix", "start", "end", "lines", "minStart", "maxEnd", "bodies"]
    return [{n: r[n].value for n in names} for r in store.query(ROWS, use_default_graph_as_union=True)]


def test_every_annotation_recomputed_from_its_seed_file(rows: list[dict], seeds: Path, asserted) -> None:
    annotated = annotate(asserted, seeds)
    assert len(rows) == len(annotated.spans) and annotated.evidence > len(rows)
    files = {name: (seeds / name).read_text(encoding="utf-8") for name in {r["name"] for r in rows}}
    readings = {name: evidence._readings(text) for name, text in files.items()}
    line_starts = {name: list(accumulate((len(line) for line in text.splitlines(keepends=True)), initial=0))
                   for name, text in files.items()}
    problems = []
    for r in rows:
        text, start, end = files[r["name"]], int(r["start"]), int(r["end"])
        first = bisect_right(line_starts[r["name"]], start)
        last = bisect_right(line_starts[r["name"]], end - 1)
        whole = r["prefix"] + r["exact"] + r["suffix"]
        if r["exact"] not in evidence._readings(text[start:end]):
            problems.append(f"{r['a']}: offsets {start}-{end} cut out {text[start:end]!r}")
        if not int(r["minStart"]) <= first <= last <= int(r["maxEnd"]):
            problems.append(f"{r['a']}: lines {first}-{last}, stated {r['minStart']}-{r['maxEnd']}")
        if r["lines"] != f"line={first - 1},{last}":
            problems.append(f"{r['a']}: fragment {r['lines']}, lines {first}-{last}")
        counts = [reading.count(whole) for reading in readings[r["name"]]]
        if max(counts) != 1:
            problems.append(f"{r['a']}: prefix + exact + suffix not unique: {whole[:80]!r}")
        if r["sha"] != hashlib.sha256(text.encode("utf-8")).hexdigest():
            problems.append(f"{r['a']}: {r['name']} checksum {r['sha']}")
        if int(r["bodies"]) < 1:
            problems.append(f"{r['a']}: no body")
    assert problems == [], "\n".join(problems[:30])


def test_annotations_have_their_own_named_graph(real_dist: Path) -> None:
    graphs = {q.graph_name for q in ox.parse(path=str(real_dist / NQUADS), format=ox.RdfFormat.N_QUADS)
              if q.predicate == ox.NamedNode("http://www.w3.org/ns/oa#hasTarget")}
    assert graphs == {ox.NamedNode(str(GRAPH_ANNOTATIONS))}


def test_fold_is_the_evidence_check_s_normalisation() -> None:
    assert fold(" een\u00ad\n twee ") == evidence.normalise(" een\u00ad\n twee ")


def test_an_annotations_document_holds_its_target_and_selectors(real_app) -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import Namespace

    oa = Namespace("http://www.w3.org/ns/oa#")
    client = real_app.test_client()
    found = client.get("/sparql", query_string={"query": "SELECT ?a WHERE { ?a a oa:Annotation } LIMIT 1"},
                       headers={"Accept": "text/csv"}).get_data(as_text=True).split()[1]
    doc = client.get(found.replace("https://w3id.org/leidraad/id/", "/doc/") + ".ttl")
    assert doc.status_code == 200
    g = Graph().parse(data=doc.get_data(as_text=True), format="turtle")
    target = g.value(URIRef(found), oa.hasTarget)
    assert target is not None and g.value(target, oa.hasSource) is not None
    assert any(g.value(sel, oa.exact) for sel in g.objects(target, oa.hasSelector))
