"""Facets of the index pages: persons by their role in the text, organisations by their type.

A reader looking for "the respondents of the bundle" or "the municipalities" narrows an index the way a
library catalogue does: one facet with a count per value, combined with the text filter.  A person's role --
author, respondent, expert, cited or mentioned -- is the one :mod:`.person_roles` defines for the debate
explorer too, so both pages call the same person the same thing; with a text filter it is the role in that
text or one of its parts, without one the role in any text, and a person can hold several.  An organisation's
types are the ontology's subclasses of ``org:Organization`` it belongs to (labelled from the ontology); one
with none is "other".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..store.dataset import Dataset
from ..store.lookup import rows, value
from . import i18n, labels, person_roles
from .index_page import Entry
from .memo import built_on_load, per_dataset
from .search import fold

#: The facet's query parameter, by index kind.
PARAMETERS = {"persons": "role", "organisations": "type"}
#: The facet value of organisations of none of the ontology's organisation types.
OTHER = "other"

_TYPES = """
SELECT ?class WHERE { ?class rdfs:subClassOf org:Organization FILTER(?class != org:Organization && isIRI(?class)) }
"""
_TYPED = "SELECT ?x ?class WHERE { ?x a org:Organization , ?class . ?class rdfs:subClassOf org:Organization }"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    parameter: str
    title: str
    options: list[Option]
    chosen: str | None
    total: int  # entries before the facet narrows them


@built_on_load
def types(ds: Dataset) -> tuple[list[str], dict[str, frozenset[str]]]:
    """The ontology's organisation types, and organisation IRI → its types; once per dataset."""

    def build(d: Dataset) -> tuple[list[str], dict[str, frozenset[str]]]:
        classes = sorted({value(r["class"]) for r in rows(d, _TYPES)})
        found: dict[str, set[str]] = {}
        for r in rows(d, _TYPED):
            if value(r["class"]) in classes:
                found.setdefault(value(r["x"]), set()).add(value(r["class"]))
        return classes, {x: frozenset(held) for x, held in found.items()}

    return per_dataset(ds, "index-organisation-types", build)


def values_of(ds: Dataset, kind: str, iri: str, text: str | None) -> frozenset[str]:
    """The facet values of one member: a person's roles (in ``text``, if given), an organisation's types."""
    if kind == "persons":
        return person_roles.held(ds, iri, text)
    if kind == "organisations":
        return frozenset(_local(c) for c in types(ds)[1].get(iri, ())) or frozenset({OTHER})
    return frozenset()


def _local(iri: str) -> str:
    """A type's value in a URL: its local name (``Municipality``), short and as stable as the class's IRI."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _choices(ds: Dataset, kind: str, lang: str) -> list[tuple[str, str]]:
    """(value, label) of every value the facet of ``kind`` can take, in the order it shows them."""
    if kind == "persons":
        return [(role, i18n.translate(f"role.{role}", lang)) for role in person_roles.ROLES]
    named = sorted(((_local(c), labels.label(ds, c, lang)) for c in types(ds)[0]), key=lambda pair: fold(pair[1]))
    return [*named, (OTHER, i18n.translate("browse.type.other", lang))]


def narrow(ds: Dataset, kind: str, lang: str, found: Sequence[Entry], text: str | None,
           asked: str | None) -> tuple[Facet | None, list[Entry]]:
    """The facet of ``kind`` with a count per value over ``found``, and ``found`` narrowed to the chosen value.

    A value the facet does not have (a stale or made-up URL) narrows nothing.
    """
    parameter = PARAMETERS.get(kind)
    if parameter is None:
        return None, list(found)
    held = {entry.value.iri or "": values_of(ds, kind, entry.value.iri or "", text) for entry in found}
    options = [Option(v, label, sum(1 for values in held.values() if v in values))
               for v, label in _choices(ds, kind, lang)]
    chosen = asked if any(o.value == asked for o in options) else None
    title = i18n.translate(f"browse.facet.{parameter}", lang)
    facet = Facet(parameter, title, [o for o in options if o.count or o.value == chosen], chosen, len(found))
    if chosen is None:
        return facet, list(found)
    return facet, [e for e in found if chosen in held[e.value.iri or ""]]


def role_labels(ds: Dataset, found: Sequence[Entry], lang: str) -> dict[tuple[str, str], str]:
    """(person IRI, text IRI) → the person's roles in that text, for the texts each entry lists."""
    shown: dict[tuple[str, str], str] = {}
    for entry in found:
        for text in entry.texts:
            held = person_roles.held(ds, entry.value.iri or "", text.iri or "")
            named = [i18n.translate(f"role.{role}", lang) for role in person_roles.ROLES if role in held]
            if named:
                shown[(entry.value.iri or "", text.iri or "")] = ", ".join(named)
    return shown
