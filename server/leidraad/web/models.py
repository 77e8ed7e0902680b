"""Organisation models through time: a timeline of generations, each model's features, a comparison table.

All are built from the graph alone -- each ``lei:OrganisationModel`` with its
generation, period and successor, and the claims about it (``lei:Characteristic``,
``lei:Advantage``, ``lei:Disadvantage`` with ``lei:topic``) in the order the
text states them -- so a sixth text adding a model shows up here without any
page change.  The features with their quotes
(:mod:`.model_features`) are attached to each model of a generation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .language import pick
from .model_features import KINDS, Details, details
from .resource import Value, term_value

_MODELS = """
SELECT ?model ?generation ?p ?v WHERE {
  ?model a lei:OrganisationModel .
  OPTIONAL { ?model lei:generation ?generation }
  OPTIONAL { VALUES ?p { lei:period lei:succeededBy skos:definition } ?model ?p ?v }
}
"""

_FRAMEWORKS = """
SELECT DISTINCT ?fw WHERE { ?item lei:inFramework ?fw ; lei:denotes ?model . ?model a lei:OrganisationModel . }
"""

#: The comparison table's rows: (property local name, interface string key).
ASPECTS = (
    ("period", "models.period"),
    ("characteristic", "models.characteristics"),
    ("advantage", "models.advantages"),
    ("disadvantage", "models.disadvantages"),
)


@dataclass
class Model:
    node: Value
    generation: int | None
    definition: str | None = None
    aspects: dict[str, list[str]] = field(default_factory=dict)
    successors: list[Value] = field(default_factory=list)
    details: Details = field(default_factory=Details)  # years, features by text with quotes, its own quotes

    @property
    def slug(self) -> str:
        """The model's local name: its section's anchor on the page."""
        return (self.node.iri or "").rsplit("/", 1)[-1]


def models(ds: Dataset, lang: str) -> list[Model]:
    """Every organisation model, by generation, with the values of each aspect in the reader's language."""
    found: dict[str, Model] = {}
    literals: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for row in rows(ds, _MODELS):
        key = value(row["model"])
        model = found.get(key)
        if model is None:
            generation = row.get("generation")
            model = found[key] = Model(
                term_value(ds, row["model"], lang), int(value(generation)) if generation is not None else None
            )
        if "p" not in row:
            continue
        name = value(row["p"]).rsplit("#", 1)[-1]
        if name == "succeededBy":
            if all(s.iri != value(row["v"]) for s in model.successors):
                model.successors.append(term_value(ds, row["v"], lang))
        else:
            literals.setdefault((key, name), []).append((value(row["v"]), lang_of(row["v"])))
    for (key, name), values in literals.items():
        mine = [text for text, tag in values if tag == lang] or [text for text, _tag in values]
        if name == "definition":
            found[key].definition = pick(values, lang)
        else:
            found[key].aspects[name] = sorted(set(mine))
    for key, detail in details(ds, lang).items():
        if key in found:
            found[key].details = detail
            for kind, _name in KINDS:  # the table's rows: the same claims the per-model sections show, in order
                found[key].aspects[kind] = [f.summary or f.claim.text for g in detail.texts for f in g.kinds[kind]]
    return sorted(found.values(), key=lambda m: (m.generation or 99, m.node.text))


def generations(found: list[Model]) -> list[tuple[int | None, list[Model]]]:
    """The models grouped by generation, in order: the timeline's stops."""
    groups: dict[int | None, list[Model]] = {}
    for model in found:
        groups.setdefault(model.generation, []).append(model)
    return sorted(groups.items(), key=lambda pair: pair[0] or 99)


def frameworks(ds: Dataset, lang: str) -> list[Value]:
    """The texts' own tables and series that present the models."""
    return sorted((term_value(ds, r["fw"], lang) for r in rows(ds, _FRAMEWORKS)), key=lambda v: v.text)
