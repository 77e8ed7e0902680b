"""Frameworks shown the way the text shows them.

A numbered list stays an ordered list, a table keeps its columns and cells, a
compass is laid out as dimensions → needles → routes (its sub-frameworks
joined by ``lei:parentItem``), and a quadrant becomes a 2×2 grid between its
two axes.  The data is normalised here; ``templates/sections/framework.html``
only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.namespaces import LEI
from ..store.dataset import Dataset
from ..store.lookup import Term, lang_of, rows, value
from .diagrams import compass_drawing, quadrant_drawing
from .language import pick
from .resource import Resource, Section, Value, term_value


@dataclass
class Item:
    node: Value
    ordinal: int
    label: str
    definition: str | None = None
    notation: str | None = None
    denotes: Value | None = None
    parent: str | None = None
    x: int | None = None
    y: int | None = None
    cells: dict[str, str] = field(default_factory=dict)
    children: list[Item] = field(default_factory=list)


_ITEMS = """
SELECT ?item ?ordinal ?notation ?label ?definition ?denotes ?parent ?x ?y WHERE {
  ?item lei:inFramework ?this .
  OPTIONAL { ?item lei:ordinal ?ordinal }
  OPTIONAL { ?item skos:notation ?notation }
  OPTIONAL { ?item skos:prefLabel ?label }
  OPTIONAL { ?item skos:definition ?definition }
  OPTIONAL { ?item lei:denotes ?denotes }
  OPTIONAL { ?item lei:parentItem ?parent }
  OPTIONAL { ?item lei:quadrantX ?x }
  OPTIONAL { ?item lei:quadrantY ?y }
}
"""

_CELLS = """
SELECT ?item ?column ?v WHERE {
  ?item lei:inFramework ?this ; lei:hasCell ?c . ?c lei:column ?column ; lei:cellValue ?v .
}
"""

_COLUMNS = """
SELECT ?column ?ordinal WHERE { ?this lei:hasColumn ?column . OPTIONAL { ?column lei:ordinal ?ordinal } }
"""

_AXES = """
SELECT ?axis ?ordinal ?low ?high WHERE {
  ?this lei:hasAxis ?axis .
  OPTIONAL { ?axis lei:ordinal ?ordinal }
  OPTIONAL { ?axis lei:lowPole ?low }
  OPTIONAL { ?axis lei:highPole ?high }
}
"""

_PARTS = """
SELECT ?part WHERE { ?this dcterms:hasPart ?part . }
"""


def _int(term: Term | None, default: int = 0) -> int:
    try:
        return int(value(term)) if term is not None else default
    except ValueError:
        return default


def items(ds: Dataset, framework: str, lang: str) -> list[Item]:
    """A framework's items in the text's order, with their cells when it is a table."""
    found: dict[str, Item] = {}
    texts: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for row in rows(ds, _ITEMS, this=framework):
        key = value(row["item"])
        item = found.get(key)
        if item is None:
            item = found[key] = Item(term_value(ds, row["item"], lang), _int(row.get("ordinal")), "")
        for name in ("label", "definition"):
            if name in row:
                texts.setdefault((key, name), []).append((value(row[name]), lang_of(row[name])))
        if "notation" in row:
            item.notation = value(row["notation"])
        if "denotes" in row:
            item.denotes = term_value(ds, row["denotes"], lang)
        if "parent" in row:
            item.parent = value(row["parent"])
        if "x" in row:
            item.x, item.y = _int(row["x"]), _int(row.get("y"))
    cells: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for row in rows(ds, _CELLS, this=framework):
        cells.setdefault((value(row["item"]), value(row["column"])), []).append((value(row["v"]), lang_of(row["v"])))
    for (key, column), values in cells.items():
        found[key].cells[column] = pick(values, lang) or ""
    for key, item in found.items():
        item.label = pick(texts.get((key, "label"), []), lang) or item.node.text
        item.definition = pick(texts.get((key, "definition"), []), lang)
    return sorted(found.values(), key=lambda i: (i.ordinal, i.label))


def columns(ds: Dataset, framework: str, lang: str) -> list[Value]:
    found = rows(ds, _COLUMNS, this=framework)
    found.sort(key=lambda r: _int(r.get("ordinal")))
    return [term_value(ds, r["column"], lang) for r in found]


def axes(ds: Dataset, framework: str, lang: str) -> list[dict]:
    """The quadrant's axes, horizontal (ordinal 1) first, each with its two poles."""
    found: dict[str, dict] = {}
    poles: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for row in rows(ds, _AXES, this=framework):
        key = value(row["axis"])
        found.setdefault(key, {"axis": term_value(ds, row["axis"], lang), "ordinal": _int(row.get("ordinal"))})
        for pole in ("low", "high"):
            if pole in row:
                poles.setdefault((key, pole), []).append((value(row[pole]), lang_of(row[pole])))
    for key, entry in found.items():
        entry["low"] = pick(poles.get((key, "low"), []), lang) or ""
        entry["high"] = pick(poles.get((key, "high"), []), lang) or ""
    return sorted(found.values(), key=lambda a: a["ordinal"])


def quadrant_grid(found: list[Item]) -> list[list[list[Item]]]:
    """Rows top (y = 2, high) to bottom, columns left (x = 1, low) to right."""
    return [[[i for i in found if i.x == x and i.y == y] for x in (1, 2)] for y in (2, 1)]


def compass(ds: Dataset, framework: str, lang: str) -> dict:
    """The compass's parts, outermost level first, and its items as a tree across them."""
    parts = rows(ds, _PARTS, this=framework)
    levels = []
    every: dict[str, Item] = {}
    for row in parts:
        part_items = items(ds, value(row["part"]), lang)
        levels.append({"part": term_value(ds, row["part"], lang), "items": part_items})
        every.update({i.node.iri or "": i for i in part_items})
    # the part whose items hang under no other item is the outermost level
    levels.sort(key=lambda lv: (_depth(lv["items"], every), lv["part"].text))
    roots: list[Item] = []
    for item in every.values():
        parent = every.get(item.parent or "")
        (parent.children if parent else roots).append(item)
    for item in every.values():
        item.children.sort(key=lambda i: i.ordinal)
    return {"levels": levels, "tree": sorted(roots, key=lambda i: i.ordinal)}


def _depth(found: list[Item], every: dict[str, Item]) -> int:
    depth = 0
    for item in found[:1]:
        current = item
        while current.parent and current.parent in every and depth < 10:
            current = every[current.parent]
            depth += 1
    return depth


_SHAPES = (
    (str(LEI.Compass), "compass"),
    (str(LEI.Quadrant), "quadrant"),
    (str(LEI.Table), "table"),
    (str(LEI.BulletList), "bullets"),
)


def framework_section(ds: Dataset, res: Resource, lang: str) -> Section:
    shape = next((name for type_iri, name in _SHAPES if type_iri in res.type_iris), "list")
    data: dict = {"shape": shape}
    if shape == "compass":
        data.update(compass(ds, res.iri, lang))
        data["drawing"] = compass_drawing(data["levels"], data["tree"])
    else:
        found = items(ds, res.iri, lang)
        data["items"] = found
        if shape == "table":
            data["columns"] = columns(ds, res.iri, lang)
        if shape == "quadrant":
            data["axes"] = axes(ds, res.iri, lang)
            data["grid"] = quadrant_grid(found)
            data["drawing"] = quadrant_drawing(data["axes"], data["grid"])
    return Section("sections/framework.html", data)
