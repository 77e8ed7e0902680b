"""The downloads page for readers: every file of the build with its format, size, checksum and licence.

Tools read the same manifest as JSON at ``/dumps/`` (``Accept: application/json``); a browser gets this page.
The rows come from the build's ``manifest.json`` only, so the page lists exactly what ``/dumps/<name>`` serves.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..store.dataset import Dataset
from .citation import Citation, cite

LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")

#: What each file is, by name or suffix: (i18n key of its description, format label).
_WHAT: dict[str, tuple[str, str]] = {
    ".ttl": ("dl.graph_default", "Turtle"),
    ".nt": ("dl.graph_default", "N-Triples"),
    ".jsonld": ("dl.graph_default", "JSON-LD"),
    ".rdf": ("dl.graph_default", "RDF/XML"),
    ".trig": ("dl.graph_named", "TriG"),
    ".nq": ("dl.graph_named", "N-Quads"),
    "void.ttl": ("dl.void", "Turtle (VoID/DCAT)"),
    "context.jsonld": ("dl.context", "JSON-LD context"),
    "changes.json": ("dl.changes", "JSON"),
    "retired.json": ("dl.retired", "JSON"),
    "successors.json": ("dl.successors", "JSON"),
    "shacl-report.ttl": ("dl.shacl", "Turtle (SHACL)"),
    "shapes.ttl": ("dl.shapes", "Turtle (SHACL)"),
    "manifest.json": ("dl.manifest", "JSON"),
}
_ORDER = (".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".nq")


@dataclass
class File:
    name: str
    what: str  # i18n key
    format: str
    media_type: str
    size: str
    bytes: int
    sha256: str
    graph: bool  # one of the dumps of the whole graph


@dataclass
class Downloads:
    version: str
    modified: str
    files: list[File]
    citation: Citation
    licence: tuple[str, str]


def human_size(n: int) -> str:
    """1234567 → "1.2 MB" (decimal units, as file managers show them)."""
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return f"{n} B"


def _describe(name: str) -> tuple[str, str, bool]:
    if name in _WHAT:
        key, label = _WHAT[name]
        return key, label, False
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix in _WHAT:
        key, label = _WHAT[suffix]
        return key, label, True
    return "dl.other", suffix[1:].upper() or "?", False


def downloads(ds: Dataset, lang: str) -> Downloads:
    files = []
    for name, meta in ds.manifest.get("files", {}).items():
        key, label, graph = _describe(name)
        files.append(File(name, key, label, meta.get("mediaType", ""), human_size(int(meta.get("bytes", 0))),
                          int(meta.get("bytes", 0)), meta.get("sha256", ""), graph))
    rank = {s: n for n, s in enumerate(_ORDER)}
    files.sort(key=lambda f: (not f.graph, rank.get("." + f.name.rsplit(".", 1)[-1], 99), f.name))
    return Downloads(ds.version, ds.modified, files, cite(ds.version, ds.modified, lang), LICENCE)
