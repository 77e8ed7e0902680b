"""Pictures of the graph, laid out on the server and drawn as inline SVG.

No script and no external library: the layout is computed here (simple,
deterministic geometry), the SVG template only places shapes and links, and
every node is a link to its page, so the pictures work without JavaScript and
under a strict Content-Security-Policy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pyoxigraph as ox

from ..core.namespaces import BASE, RDF
from ..store.dataset import Dataset
from ..store.lookup import rows, value
from . import labels
from .positions import PositionRow
from .resource import Value, is_nested, term_value

#: Most neighbours drawn around a resource; the rest are on the page as text.
MAX_NEIGHBOURS = 18
ROW = 22


@dataclass
class Node:
    value: Value
    x: float
    y: float
    anchor: str = "middle"


@dataclass
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str
    css: str = ""


@dataclass
class Picture:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    title: str = ""


_NEIGHBOURS = """
SELECT DISTINCT ?p ?other ?dir WHERE {
  { ?this ?p ?other BIND("out" AS ?dir) } UNION { ?other ?p ?this BIND("in" AS ?dir) }
  FILTER(isIRI(?other) && ?other != ?this && ?p != rdf:type && STRSTARTS(STR(?other), ?base))
}
"""


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def neighbourhood(ds: Dataset, iri: str, lang: str, center_label: str) -> Picture | None:
    """A radial picture: the resource in the middle, its linked resources of ours around it."""
    seen: dict[str, tuple[ox.NamedNode, str, str]] = {}
    for r in rows(ds, _NEIGHBOURS, this=iri, base=ox.Literal(BASE)):
        other = value(r["other"])
        if is_nested(other) or other in seen or value(r["p"]) == str(RDF.type):
            continue
        seen[other] = (r["other"], value(r["p"]), value(r["dir"]))
    if not seen:
        return None
    chosen = sorted(seen.values(), key=lambda t: (t[2], t[1], t[0].value))[:MAX_NEIGHBOURS]
    width, height, rx, ry = 900, 420, 220, 165
    cx, cy = width / 2, height / 2
    nodes = [Node(Value(_short(center_label, 40)), cx, cy)]
    edges = []
    for i, (term, prop, direction) in enumerate(chosen):
        angle = 2 * math.pi * i / len(chosen) - math.pi / 2
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        node_value = term_value(ds, term, lang)
        node_value.text = _short(node_value.text)
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        nodes.append(Node(node_value, x, y, anchor))
        label = labels.label(ds, prop, lang)
        edges.append(Edge(cx, cy, x, y, ("→ " if direction == "out" else "← ") + label, direction))
    return Picture(width, height, nodes, edges)


def stance_network(found: list[PositionRow]) -> Picture:
    """A two-column picture: holders on the left, what their positions are about on the right."""
    holders: dict[str, Value] = {}
    targets: dict[str, Value] = {}
    links: list[tuple[str, str, str, str]] = []
    for row in found:
        if row.holder is None or not row.holder.iri:
            continue
        holders.setdefault(row.holder.iri, row.holder)
        for about in row.about:
            if about.iri:
                targets.setdefault(about.iri, about)
                links.append((row.holder.iri, about.iri, row.stance_key, row.stance.text if row.stance else ""))
    left = sorted(holders.values(), key=lambda v: v.text.casefold())
    right = sorted(targets.values(), key=lambda v: v.text.casefold())
    height = max(len(left), len(right), 1) * ROW + 40
    width, lx, rx = 900, 260, 640
    if len(left) >= len(right):
        y_left = {v.iri: 30 + i * ROW for i, v in enumerate(left)}
        y_right = {v.iri: 30 + i * ROW * len(left) / max(len(right), 1) for i, v in enumerate(right)}
    else:
        y_right = {v.iri: 30 + i * ROW for i, v in enumerate(right)}
        y_left = {v.iri: 30 + i * ROW * len(right) / max(len(left), 1) for i, v in enumerate(left)}
    nodes = [Node(_shortened(v), lx - 8, y_left[v.iri], "end") for v in left]
    nodes += [Node(_shortened(v), rx + 8, y_right[v.iri], "start") for v in right]
    edges = [Edge(lx, y_left[h], rx, y_right[t], f"{label}", f"stance-{key}") for h, t, key, label in links]
    return Picture(width, int(height), nodes, edges)


def _shortened(v: Value) -> Value:
    return Value(_short(v.text, 34), v.href, v.iri)
