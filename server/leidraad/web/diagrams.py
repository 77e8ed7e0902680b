"""Frameworks drawn as their text draws them: the compass as a rose of dimensions, the quadrant as a 2×2.

The geometry is computed here (plain arithmetic, deterministic), and
``templates/sections/diagrams.html`` only places the shapes: every item is a
focusable link with its full label as accessible name, and the page keeps a
table with the same content beside each picture.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Protocol

from .resource import Value


class Item(Protocol):
    """What a drawing reads of a framework item (``frameworks.Item``, which imports this module)."""

    node: Value
    ordinal: int
    label: str
    notation: str | None
    children: list

#: Shapes of the compass's second-level parts, in the order of its levels: needles, then routes.
MARK_SHAPES = ("circle", "square", "diamond")


@dataclass
class Mark:
    """One needle or route: a small numbered shape beside its dimension."""

    item: Item
    level: int
    shape: str
    x: float
    y: float
    text: str


@dataclass
class Spoke:
    """A dimension: the needle of the rose pointing at it, its label and its marks."""

    item: Item
    x: float
    y: float
    needle: str
    lines: list[str]
    label_x: float
    label_y: float
    anchor: str
    marks: list[Mark] = field(default_factory=list)


@dataclass
class CompassDrawing:
    width: int
    height: int
    cx: float
    cy: float
    radius: float
    spokes: list[Spoke]
    legend: list[tuple[str, Value]]
    rows: list[tuple[Item, list[list[Item]]]]
    level_names: list[Value]


def _wrap(text: str, width: int, most: int = 4) -> list[str]:
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def notation(item: Item) -> str:
    """What the text numbers an item with ("I", "1", "a"), or its ordinal."""
    return item.notation or str(item.ordinal)


def compass_drawing(levels: list[dict], tree: list[Item]) -> CompassDrawing | None:
    """The dimensions around a rose, each with its needles (circles) and routes (squares) beside it."""
    if not tree or len(levels) < 1:
        return None
    width, height, cx, cy, radius = 760, 560, 380.0, 280.0, 150.0
    below = levels[1:]
    level_of = {id(i): n for n, lv in enumerate(below) for i in lv["items"]}
    spokes: list[Spoke] = []
    count = len(tree)
    for n, dim in enumerate(tree):
        angle = -math.pi / 2 + 2 * math.pi * n / count
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + radius * cos, cy + radius * sin
        # a slim needle from the centre to the dimension: a diamond 12 px wide
        px, py = -sin * 6, cos * 6
        mx, my = cx + (radius - 22) * cos * 0.5, cy + (radius - 22) * sin * 0.5
        tip_x, tip_y = cx + (radius - 22) * cos, cy + (radius - 22) * sin
        needle = f"{cx:.1f},{cy:.1f} {mx + px:.1f},{my + py:.1f} {tip_x:.1f},{tip_y:.1f} {mx - px:.1f},{my - py:.1f}"
        lines = _wrap(f"{notation(dim)}. {dim.label}", 20)
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        gap = 26
        if sin < -0.6:  # the top dimension: label above its marks, marks above the point
            marks_y = y - gap - 6
            label_y = marks_y - 22 - 16 * (len(lines) - 1)
            label_x = x
        elif sin > 0.3:  # the lower dimensions: label below, turned away from the other
            anchor = "start" if cos > 0 else "end"
            label_x, label_y = x + (-12 if cos > 0 else 12), y + gap + 12
            marks_y = label_y + 16 * (len(lines) - 1) + 24
        else:
            label_x = x + (gap if anchor == "start" else -gap)
            label_y = y + 5
            marks_y = label_y + 16 * (len(lines) - 1) + 22
        children = sorted(_descendants(dim), key=lambda i: (level_of.get(id(i), 9), i.ordinal))
        step = 30
        total = step * (len(children) - 1)
        start = {"middle": label_x - total / 2, "start": label_x + 10}.get(anchor, label_x - 10 - total)
        marks = [
            Mark(c, level_of.get(id(c), 0), MARK_SHAPES[min(level_of.get(id(c), 0), len(MARK_SHAPES) - 1)],
                 start + k * step, marks_y, notation(c))
            for k, c in enumerate(children)
        ]
        spokes.append(Spoke(dim, x, y, needle, lines, label_x, label_y, anchor, marks))
    legend = [(MARK_SHAPES[min(n, len(MARK_SHAPES) - 1)], lv["part"]) for n, lv in enumerate(below)]
    table_rows = [
        (dim, [sorted((c for c in _descendants(dim) if level_of.get(id(c)) == n), key=lambda i: i.ordinal)
               for n in range(len(below))])
        for dim in tree
    ]
    return CompassDrawing(width, height, cx, cy, radius, spokes, legend, table_rows, [lv["part"] for lv in levels])


def _descendants(item: Item, depth: int = 0) -> list[Item]:
    """An item's children, their children and so on (a route may hang under a needle, or beside it)."""
    found: list[Item] = []
    for child in item.children if depth < 10 else []:
        found.append(child)
        found.extend(_descendants(child, depth + 1))
    return found


@dataclass
class Cell:
    x: float
    y: float
    items: list[tuple[Item, list[str]]]


@dataclass
class QuadrantDrawing:
    width: int
    height: int
    left: float
    top: float
    size_x: float
    size_y: float
    cells: list[Cell]
    x_axis: dict | None
    y_axis: dict | None
    x_poles: tuple[list[str], list[str]]
    y_poles: tuple[list[str], list[str]]


def quadrant_drawing(axes: list[dict], grid: list[list[list[Item]]]) -> QuadrantDrawing:
    """The 2×2: the horizontal axis (ordinal 1) low → high left to right, the vertical one low → high upwards."""
    width, height, left, top, size_x, size_y = 640, 500, 90.0, 16.0, 540.0, 380.0
    x_axis = axes[0] if axes else None
    y_axis = axes[1] if len(axes) > 1 else None
    cells = []
    for r, row in enumerate(grid):
        for c, found in enumerate(row):
            x, y = left + c * size_x / 2, top + r * size_y / 2
            cells.append(Cell(x, y, [(i, _wrap(f"{notation(i)}. {i.label}", 32, 8)) for i in found]))
    x_poles = (_wrap(x_axis["low"], 30, 2), _wrap(x_axis["high"], 30, 2)) if x_axis else ([], [])
    y_poles = (_wrap(y_axis["low"], 28, 3), _wrap(y_axis["high"], 28, 3)) if y_axis else ([], [])
    return QuadrantDrawing(width, height, left, top, size_x, size_y, cells, x_axis, y_axis, x_poles, y_poles)
