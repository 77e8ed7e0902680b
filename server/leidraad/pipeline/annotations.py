"""Evidence as W3C Web Annotations: one ``oa:Annotation`` per quoted span, made by the build from the seeds.

The data files state evidence as a text, a line range and an exact quote
(``lei:Evidence``).  The build finds each quote in its seed file
(:mod:`.seeds`) and adds, in the named graph ``graph/annotations``:

- per distinct span (seed file, lines, quote) an annotation
  ``id/annotation/<hash>``, its body every resource that span grounds, its
  target an ``oa:SpecificResource`` (``…#target``) on the seed file with three
  selectors: ``oa:TextQuoteSelector`` (``#quote``: exact, prefix, suffix, the
  three unique in the file's reading), ``oa:TextPositionSelector``
  (``#position``: code-point offsets in the file) and an RFC 5147 line
  ``oa:FragmentSelector`` (``#lines``);
- per seed file a resource ``id/seed/<name>`` with its name and SHA-256;
- per evidence node ``dcterms:isReferencedBy`` its annotation.

The hash is over the seed file's name, the lines and the quote, so the IRI is
the same in every build of the same data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, RDF, XSD

from ..core.namespaces import DCTERMS, GRAPH, ID, LEI, OA, SPDX
from ..core.terms import Triple
from .evidence import seed_file
from .seeds import Place, Seed, fold, read_seed

SCHEMA = Namespace("https://schema.org/")
GRAPH_ANNOTATIONS = GRAPH["annotations"]
RFC5147 = URIRef("http://tools.ietf.org/rfc/rfc5147")
#: Who made the interpretation an annotation records: the editors who wrote the evidence.
EDITORS = ID["group/leidraad-team"]


def annotation_iri(seed: str, line_start: int, line_end: int, exact: str) -> URIRef:
    key = f"{seed}\n{line_start}\n{line_end}\n{exact}"
    return ID["annotation/" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]]


def seed_iri(seed: str) -> URIRef:
    return ID["seed/" + seed.removesuffix(".txt")]


@dataclass
class Span:
    """One quoted span and the evidence nodes (and through them, the resources) that state it."""

    iri: URIRef
    seed: str
    exact: str
    line_start: int
    line_end: int
    place: Place | None = None
    evidence: list = field(default_factory=list)


@dataclass
class Annotated:
    """What :func:`annotate` made: the triples, and every span (placed or not) for checks and figures."""

    triples: dict[Triple, None]
    spans: list[Span]
    evidence: int = 0
    seeds: Path = Path(".")  # the folder of the seed files

    @property
    def placed(self) -> list[Span]:
        return [s for s in self.spans if s.place is not None]


def spans(graph: Graph, seeds: Path) -> tuple[list[Span], int, dict[str, Seed]]:
    """Every distinct span of the evidence in ``graph``, placed in its seed file where it stands in its lines."""
    found: dict[URIRef, Span] = {}
    files: dict[str, Seed] = {}
    count = 0
    for ev, quote in graph.subject_objects(OA.exact):
        seed = seed_file(graph, graph.value(ev, LEI.inText))
        start = graph.value(ev, LEI.lineStart)
        if seed is None or start is None:
            continue
        end = graph.value(ev, LEI.lineEnd) or start
        count += 1
        exact = fold(str(quote))
        iri = annotation_iri(seed, int(start), int(end), exact)
        span = found.get(iri)
        if span is None:
            span = found[iri] = Span(iri, seed, exact, int(start), int(end))
            if seed not in files and (seeds / seed).is_file():
                files[seed] = read_seed(seeds / seed)
            if seed in files:
                span.place = files[seed].find(exact, span.line_start, span.line_end)
        span.evidence.append(ev)
    return sorted(found.values(), key=lambda s: str(s.iri)), count, files


def _seed_triples(name: str, seed: Seed) -> Iterator[Triple]:
    iri = seed_iri(name)
    checksum = URIRef(f"{iri}#sha256")
    yield iri, RDF.type, SCHEMA.MediaObject
    yield iri, SCHEMA.name, Literal(name)
    yield iri, SCHEMA.encodingFormat, Literal("text/plain")
    yield iri, SPDX.checksum, checksum
    yield checksum, RDF.type, SPDX.Checksum
    yield checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256
    yield checksum, SPDX.checksumValue, Literal(hashlib.sha256(seed.text.encode("utf-8")).hexdigest(),
                                                datatype=XSD.hexBinary)


def _span_triples(graph: Graph, span: Span) -> Iterator[Triple]:
    a, place = span.iri, span.place
    assert place is not None
    target, quote, position, lines = (URIRef(f"{a}#{part}") for part in ("target", "quote", "position", "lines"))
    yield a, RDF.type, OA.Annotation
    yield a, OA.motivatedBy, OA.identifying
    yield a, DCTERMS.creator, EDITORS
    for ev in span.evidence:
        yield ev, DCTERMS.isReferencedBy, a
        for body in graph.subjects(None, ev):  # lei:evidence, lei:yearEvidence, ...: what the quote grounds
            yield a, OA.hasBody, body
    yield a, OA.hasTarget, target
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, seed_iri(span.seed)
    yield target, OA.hasSelector, quote
    yield target, OA.hasSelector, position
    yield target, OA.hasSelector, lines
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, Literal(span.exact)
    yield quote, OA.prefix, Literal(place.prefix)
    yield quote, OA.suffix, Literal(place.suffix)
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, Literal(place.start)
    yield position, OA.end, Literal(place.end)
    yield lines, RDF.type, OA.FragmentSelector
    yield lines, DCTERMS.conformsTo, RFC5147
    yield lines, RDF.value, Literal(line_fragment(place.line_start, place.line_end))


def line_fragment(line_start: int, line_end: int) -> str:
    """RFC 5147's line fragment for 1-based lines ``line_start``..``line_end``: it counts positions between lines."""
    return f"line={line_start - 1},{line_end}"


def annotate(graph: Graph, seeds: Path) -> Annotated:
    """The annotations graph for the evidence in ``graph``; spans not found in their lines get no annotation."""
    found, count, files = spans(graph, seeds)
    triples: dict[Triple, None] = {}
    if any(s.place for s in found):
        triples[(EDITORS, RDF.type, FOAF.Group)] = None
        triples[(EDITORS, FOAF.name, Literal("Leidraad team"))] = None
    for name in sorted(files):
        triples.update(dict.fromkeys(_seed_triples(name, files[name])))
    for span in found:
        if span.place is not None:
            triples.update(dict.fromkeys(_span_triples(graph, span)))
    return Annotated(triples, found, count, seeds)


__all__ = ["GRAPH_ANNOTATIONS", "Annotated", "Span", "annotate", "annotation_iri", "line_fragment", "seed_iri"]
