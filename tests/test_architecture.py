"""The package's shape: layers in one direction, no import cycles, small modules."""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "server" / "leidraad"
#: Longest module without a reason for its length written at its top.
MAX_LINES = 300
#: The layers, top to bottom (the same list as the import-linter contract in pyproject.toml).
LAYERS = ["cli", "http", "web", "sparql", "store", "pipeline", "core"]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("leidraad")


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_no_module_imports_from_a_layer_above_its_own(graph) -> None:
    upward = []
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            low, high = _layer(importer), _layer(imported)
            if low is not None and high is not None and high < low:
                upward.append(f"{importer} → {imported}")
    assert upward == []


def test_no_import_cycles(graph) -> None:
    cycles = set()
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                cycles.add(" → ".join((importer, *back)))
    assert sorted(cycles) == []


def test_modules_stay_short_or_say_why() -> None:
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_LINES and "Longer than 300 lines because" not in text[:3000]:
            long.append(f"{path.relative_to(PACKAGE)}: {text.count(chr(10))} lines")
    assert long == []


def test_the_tree_in_the_architecture_document_is_the_tree_on_disk() -> None:
    doc = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [str(p.relative_to(PACKAGE.parent)) for p in sorted(PACKAGE.rglob("*.py"))
               if p.name != "__init__.py" and f" {p.name}" not in doc]
    assert missing == []
