"""SHACL reports as a researcher reads them: results flattened, grouped, in their language.

pyshacl's report graph is kept for the dumps; for people the results are
grouped by focus node and shape, each with its message in the reader's
language (pyshacl drops the language tag of SPARQL-constraint messages, so it
is recovered from the shapes).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF

from ..core.namespaces import SH
from ..core.prefixes import shorten


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, flattened."""

    focus: str
    path: str
    shape: str
    severity: str
    messages: dict[str, str]
    value: str

    def message(self, lang: str) -> str:
        return self.messages.get(lang) or self.messages.get("") or next(iter(self.messages.values()), "")


@dataclass
class Report:
    """The outcome of validating one graph."""

    conforms: bool
    graph: Graph
    results: list[Result] = field(default_factory=list)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Warning"]


#: The shapes' own namespace, abbreviated in reports beside the standard prefixes.
SHAPES_NS = "https://w3id.org/leidraad/def/shapes#"


def _short(term: object) -> str:
    """A prefixed name where one of our prefixes fits, for reports."""
    text = str(term)
    if text.startswith(SHAPES_NS) and len(text) > len(SHAPES_NS):
        return "shape:" + text[len(SHAPES_NS):]
    return shorten(text)


def _template(message: Literal) -> re.Pattern:
    """A pattern matching ``message`` once pyshacl has filled in its ``{?var}`` placeholders."""
    parts = re.split(r"\{[?$]\w+\}", str(message))
    return re.compile("^" + ".*".join(re.escape(p) for p in parts) + "$", re.DOTALL)


def _language_of(message: Literal, constraint: object, shapes: Graph) -> str:
    """pyshacl drops the language tag of SPARQL-constraint messages; recover it from the shapes."""
    if message.language or constraint is None:
        return message.language or ""
    for template in shapes.objects(constraint, SH.message):
        if isinstance(template, Literal) and template.language and _template(template).match(str(message)):
            return template.language
    return ""


def _node_shape(source: object, focus: object, shapes: Graph, data: Graph) -> object:
    """The node shape a result belongs to: its source shape, or the node shape holding that property shape.

    A reusable property shape (labels, evidence) sits in several node shapes;
    the one targeting a class of the focus node is the one meant.
    """
    if source is None or (source, RDF.type, SH.NodeShape) in shapes:
        return source
    holders = sorted(shapes.subjects(SH.property, source))
    types = set(data.objects(focus, RDF.type))
    fitting = [h for h in holders if types & set(shapes.objects(h, SH.targetClass))]
    return (fitting or holders or [source])[0]


def results_of(report: Graph, shapes: Graph, data: Graph) -> list[Result]:
    found = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        messages = {}
        constraint = report.value(node, SH.sourceConstraint)
        for m in report.objects(node, SH.resultMessage):
            if isinstance(m, Literal):
                messages[_language_of(m, constraint, shapes)] = str(m)
        severity = report.value(node, SH.resultSeverity)
        found.append(Result(
            focus=_short(report.value(node, SH.focusNode)),
            path=_short(report.value(node, SH.resultPath) or ""),
            shape=_short(_node_shape(report.value(node, SH.sourceShape), report.value(node, SH.focusNode), shapes, data)
                         or ""),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            messages=messages,
            value=_short(report.value(node, SH.value) or ""),
        ))
    return sorted(found, key=lambda r: (r.focus, r.shape, r.path, r.value))


def merge_reports(parts: list[tuple[bool, Graph]]) -> tuple[bool, Graph]:
    """One sh:ValidationReport holding every part's results."""
    conforms = all(c for c, _ in parts)
    merged = Graph()
    merged.bind("sh", str(SH))
    report = BNode()
    merged.add((report, RDF.type, SH.ValidationReport))
    merged.add((report, SH.conforms, Literal(conforms)))
    for _, part in parts:
        heads = set(part.subjects(RDF.type, SH.ValidationReport))
        for s, p, o in part:
            if s in heads:
                if p == SH.result:
                    merged.add((report, p, o))
            else:
                merged.add((s, p, o))
    return conforms, merged


def format_text(report: Report, lang: str = "en") -> str:
    """A human-readable report grouped by resource, then shape."""
    if not report.results:
        return "Conforms." if lang == "en" else "Voldoet."
    by_focus: dict[str, dict[str, list[Result]]] = defaultdict(lambda: defaultdict(list))
    for r in report.results:
        by_focus[r.focus][r.shape].append(r)
    lines = []
    for focus, shapes in by_focus.items():
        lines.append(focus)
        for shape, results in shapes.items():
            lines.append(f"  {shape}")
            for r in results:
                where = f" [{r.path}]" if r.path else ""
                value = f" ({r.value})" if r.value and r.value != focus else ""
                lines.append(f"    {r.severity}{where}: {r.message(lang)}{value}")
    v, w = len(report.violations), len(report.warnings)
    lines.append(f"{v} violation(s), {w} warning(s)" if lang == "en" else f"{v} overtreding(en), {w} waarschuwing(en)")
    return "\n".join(lines)


def format_json(report: Report) -> str:
    return json.dumps(
        {"conforms": report.conforms, "results": [r.__dict__ for r in report.results]},
        ensure_ascii=False, indent=2,
    )
