"""The build pipeline behind ``leidraad build`` and ``leidraad validate``.

    ontology/ data/ shapes/  →  parse  →  reason  →  validate  →  serialise  →  dist/

Each stage is timed.  Validation covers the SHACL shapes, the quotes (every
piece of evidence must stand in its seed file) and OWL 2 RL consistency; only a
graph that passes all three is written, and then atomically.
"""

from __future__ import annotations

import os
import subprocess
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..core.namespaces import GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_VOCABULARIES, LEI, OA
from ..core.terms import Triple
from . import annotations, changes, dumps, evidence, integrity, successors, validation_types, void
from .findings import ERROR, WARNING, Finding, describe, from_quotes, from_shacl
from .locations import SourceIndex
from .parse import Loaded, load, parse_file
from .reason import reason
from .report import Report, format_text
from .skolemise import skolemise
from .sources import Sources
from .validate import validate


class BuildFailed(RuntimeError):
    """The sources do not parse or do not conform; nothing was written."""


@dataclass
class Outcome:
    """What one run of the pipeline found, with per-stage timings in seconds."""

    asserted: int = 0
    inferred: int = 0
    report: Report | None = None
    quote_problems: list[evidence.QuoteProblem] = field(default_factory=list)
    quotes_checked: int = 0
    inconsistencies: list[str] = field(default_factory=list)
    successor_problems: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    #: Every problem above, and those of the data as written (:mod:`.integrity`), at its data file and line.
    findings: list[Finding] = field(default_factory=list)
    #: The evidence as Web Annotations (:mod:`.annotations`), made after parsing; ``None`` without seed texts.
    annotated: annotations.Annotated | None = None

    @property
    def ok(self) -> bool:
        return (bool(self.report and self.report.conforms) and not self.quote_problems and not self.inconsistencies
                and not self.successor_problems and not self.errors)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def describe_problems(self, lang: str = "en") -> str:
        parts = []
        if self.findings:
            parts.append(describe(self.findings, lang))
        elif self.report is not None and self.report.results:
            parts.append(format_text(self.report, lang))
        if self.successor_problems:
            head = ("Retired IRIs without a live successor:" if lang == "en"
                    else "Vervallen IRI's zonder levende opvolger:")
            parts.append(head + "\n" + "\n".join(f"  {p}" for p in self.successor_problems))
        if self.inconsistencies:
            head = "OWL 2 RL inconsistencies:" if lang == "en" else "OWL 2 RL-inconsistenties:"
            parts.append(head + "\n" + "\n".join(f"  {p}" for p in self.inconsistencies))
        return "\n\n".join(parts)


Progress = Callable[[str], None]

#: Set to ``1`` to skip the quote check: only for synthetic data (``benchmarks/``), whose quotes have no seed text.
SKIP_QUOTE_CHECK = "LEIDRAAD_SKIP_QUOTE_CHECK"


@contextmanager
def _stage(outcome: Outcome, name: str, progress: Progress) -> Iterator[None]:
    progress(f"{name} …")
    started = time.perf_counter()
    yield
    outcome.timings[name] = round(time.perf_counter() - started, 3)
    progress(f"{name}: {outcome.timings[name]:.2f} s")


def project_version(root: Path) -> str:
    """The version in ``pyproject.toml``, the single place it is set."""
    with open(root / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def previous_release(sources: Sources, version: str) -> str | None:
    """The latest release before ``version`` that ``data/releases`` records (by its ``<version>.iris`` list)."""
    def key(v: str) -> tuple[int, ...]:
        return tuple(int(part) for part in v.split(".") if part.isdigit())

    found = [p.name[: -len(".iris")].lstrip("v") for p in sources.successors.parent.glob("v*.iris")]
    earlier = sorted((v for v in found if key(v) < key(version)), key=key)
    return earlier[-1] if earlier else None


def source_date(sources: Sources) -> str:
    """When the sources last changed: the last commit touching them, else SOURCE_DATE_EPOCH, else file times.

    Never the wall clock, so that rebuilding unchanged sources changes nothing.
    """
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "ontology", "data", "shapes"],
            cwd=sources.root, capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "ontology", "data", "shapes"],
            cwd=sources.root, capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
        stamp = int(out) if out and not dirty else None
    except (OSError, subprocess.SubprocessError, ValueError):
        stamp = None
    if stamp is None and "SOURCE_DATE_EPOCH" in os.environ:
        stamp = int(os.environ["SOURCE_DATE_EPOCH"])
    if stamp is None:
        files = sources.ontology_files() + sources.vocabulary_files() + sources.data_files() + sources.shape_files()
        stamp = int(max(p.stat().st_mtime for p in files)) if files else 0
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _terms(loaded: Loaded) -> list[Triple]:
    """Our ontology and what the reused vocabularies say: the class hierarchy checks and types rest on both."""
    return [*loaded.graphs[GRAPH_ONTOLOGY], *loaded.graphs.get(GRAPH_VOCABULARIES, {})]


def load_shapes(sources: Sources) -> Graph:
    shapes = Graph()
    for path in sources.shape_files():
        shapes += parse_file(path)
    return shapes


@dataclass
class Checked:
    """What :func:`check` leaves for the serialise stage: the graphs by name, the closure, and their union."""

    loaded: Loaded
    inferred: list[Triple]
    everything: Graph
    successors: dict[str, list[str]] = field(default_factory=dict)
    #: IRIs retired without a successor: why, and the last release that had them.
    retired: dict[str, dict[str, str]] = field(default_factory=dict)


def check(sources: Sources, progress: Progress = lambda _: None, reasoner: str = "rules") -> tuple[Outcome, Checked]:
    """Parse, reason and validate; write nothing.  Raises :class:`.parse.SourceError` on bad Turtle."""
    outcome = Outcome()
    with _stage(outcome, "parse", progress):
        loaded = load(sources)
        shapes = load_shapes(sources)
        everything = loaded.union()
        if os.environ.get(SKIP_QUOTE_CHECK) != "1":  # synthetic benchmark data has no seed texts to annotate
            outcome.annotated = annotations.annotate(everything, sources.seeds)
            loaded.graphs[annotations.GRAPH_ANNOTATIONS] = outcome.annotated.triples
            for t in outcome.annotated.triples:
                everything.add(t)
        outcome.asserted = len(everything)
        types = validation_types.asserted_types(everything)
        index = SourceIndex.read(sources.data_files(), sources.root)
        ontology = Graph()
        for t in _terms(loaded):
            ontology.add(t)
        outcome.findings = integrity.check(index, everything, ontology, sources.seeds)
    with _stage(outcome, "reason", progress):
        closure = reason(everything, engine=reasoner, cache=loaded.cache)
        inferred = closure.triples
        outcome.inferred = len(inferred)
        outcome.inconsistencies = closure.errors
        for t in inferred:  # the union grows in place: at a million triples a second copy costs gigabytes
            everything.add(t)
    with _stage(outcome, "validate", progress):
        # the shapes see no type that only a domain or range gave (see validation_types.py): a class constraint can fail
        hidden = validation_types.unsupported_types(types, inferred, _terms(loaded))
        for t in hidden:
            everything.remove(t)
        try:
            outcome.report = validate(everything, shapes)
        finally:
            for t in hidden:
                everything.add(t)
        if os.environ.get(SKIP_QUOTE_CHECK) != "1":  # synthetic benchmark data has no seed texts
            outcome.quotes_checked, outcome.quote_problems = evidence.check_graph(everything, sources.seeds)
        outcome.findings += from_shacl(outcome.report.results, index, everything)
        outcome.findings += from_quotes(outcome.quote_problems, index, everything)
        live = {str(term) for triple in everything for term in (triple[0], triple[2]) if isinstance(term, URIRef)}
        live |= {str(graph) for graph in loaded.graphs} | {str(GRAPH_INFERRED)}
        table, outcome.successor_problems = _successors(sources, everything, live)
        gone = successors.read_gone(sources.successors)
        last = successors.last_releases(sources.successors.parent, gone)
        retired = {old: {"why": why, "last_release": last.get(old, "")} for old, why in sorted(gone.items())}
    return outcome, Checked(loaded, inferred, everything, table, retired)


def _successors(sources: Sources, everything: Graph, live: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The retired IRIs of earlier releases and their live successors: listed ones, then evidence found."""
    resolved, problems = successors.resolve(successors.read(sources.successors), live)
    evidence = {}
    for resource, node in everything.subject_objects(LEI.evidence):
        place = (str(everything.value(node, LEI.inText)), str(everything.value(node, LEI.lineStart)),
                 str(everything.value(node, LEI.lineEnd)), successors.quote_hash(str(everything.value(node, OA.exact))))
        evidence[(str(resource), *place)] = str(node)
    published = successors.read_evidence(sources.successors.parent)
    found = successors.evidence_table(published, evidence, resolved, live)
    return {**resolved, **found}, problems + [f"{old} has no successor" for old, new in found.items() if not new]


def _source_texts(g: Graph) -> list[URIRef]:
    return [t for t in g.subjects(RDF.type, LEI.SourceText) if g.value(t, LEI.seedFile) is not None]


def build(sources: Sources, progress: Progress = lambda _: None, reasoner: str = "rules") -> Outcome:
    """Run the whole pipeline and, only if everything conforms, replace ``dist/``."""
    outcome, checked = check(sources, progress, reasoner)
    if not outcome.ok:
        raise BuildFailed(outcome.describe_problems())
    with _stage(outcome, "serialise", progress):
        version = project_version(sources.root)
        modified = source_date(sources)
        graphs = dict(checked.loaded.graphs)
        graphs[GRAPH_INFERRED] = checked.inferred
        dataset = dumps.sort_dataset(graphs, checked.loaded.cache)
        if len(dataset.triples) != len(checked.everything):  # the graphs and the validated union are one dataset
            raise BuildFailed(f"{len(dataset.triples)} triples in the named graphs, "
                              f"{len(checked.everything)} validated")
        files = dumps.serialise(dataset)
        report = outcome.report.graph if outcome.report else Graph()
        files["shacl-report.ttl"] = dumps.sorted_turtle(skolemise(report))
        # the ontology's rdfs:seeAlso, /def/shapes: the shape files as written (comments kept, the same bytes)
        files["shapes.ttl"] = b"\n".join(p.read_bytes() for p in sources.shape_files())
        previous = previous_release(sources, version)
        description = void.dataset_description(dataset, files, version=version, modified=modified,
                                               sources=_source_texts(checked.everything), previous=previous)
        files["void.ttl"] = dumps.sorted_turtle(description)
        files[successors.FILE] = successors.serialise(checked.successors)
        files[successors.RETIRED_FILE] = successors.serialise(checked.retired)
        before = changes.read_digests(sources.successors.parent / f"v{previous}.digests.tsv") if previous else {}
        files[changes.FILE] = changes.serialise(changes.compare(
            version, previous, before, changes.digests_of_dump(files["leidraad.nq"]), checked.successors))
        files_with_manifest = dict(files)
        files_with_manifest["manifest.json"] = dumps.manifest(files, version=version, modified=modified)
        dumps.write_atomically(sources.dist, files_with_manifest)
        outcome.files = {name: len(data) for name, data in files_with_manifest.items()}
    return outcome


__all__ = ["BuildFailed", "Outcome", "build", "check"]
