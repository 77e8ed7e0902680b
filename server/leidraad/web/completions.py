"""What the query page's editor completes: the predefined prefixes and the ontology's classes and properties.

A reader writing SPARQL against an unfamiliar graph needs the vocabulary at hand: after ``lei:`` the editor
offers ``lei:Claim`` with its label ("bewering"/"claim"), after ``PREFIX`` the declarations the endpoint
already knows.  The prefixes come from the one table every query gets (``core/prefixes.py``), never a copy;
the terms from the ontology's named graph as loaded, so a new class is offered as soon as a build has it.
Built once per dataset and language (``memo``), and sent inside the page as one small JSON block.
"""

from __future__ import annotations

from ..core.namespaces import GRAPH_ONTOLOGY
from ..core.prefixes import PREFIXES, curie
from ..store.dataset import Dataset
from ..store.lookup import rows, value
from . import i18n, labels
from .memo import built_on_load, per_dataset

#: The ontology's declared terms, with what they are: a class, a property or a named value (a stance).
_TERMS = f"""
SELECT DISTINCT ?term ?type WHERE {{
  GRAPH <{GRAPH_ONTOLOGY}> {{
    ?term a ?type FILTER(isIRI(?term))
    VALUES ?type {{ owl:Class rdfs:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property
                 owl:NamedIndividual }}
  }}
}}
"""

#: What a term is, the first that applies when the ontology says several.
_ORDER = ("class", "property", "individual")


def _kind(type_iri: str) -> str:
    if type_iri.endswith("Class"):
        return "class"
    return "individual" if type_iri.endswith("NamedIndividual") else "property"


def completions(ds: Dataset, lang: str) -> dict[str, list]:
    """``{"kinds": {kind: its name}, "prefixes": [[name, namespace], …], "terms": [[CURIE, label, kind], …]}``.

    Sorted; a class and a property of one label (``lei:Advantage``, ``lei:advantage``) differ by their kind.
    """

    def build(d: Dataset) -> dict[str, list]:
        kinds: dict[str, str] = {}
        for r in rows(d, _TERMS):
            name = curie(value(r["term"]))
            if name is not None:
                kind = _kind(value(r["type"]))
                kinds[name] = min(kind, kinds.get(name, kind), key=_ORDER.index)
        terms = []
        for name, kind in kinds.items():
            prefix, local = name.split(":", 1)
            found = labels.label(d, PREFIXES[prefix] + local, lang)
            terms.append([name, "" if found in (name, PREFIXES[prefix] + local) else found, kind])
        return {
            "kinds": {kind: i18n.translate(f"sparql.kind.{kind}", lang) for kind in _ORDER},
            "prefixes": [[prefix, namespace] for prefix, namespace in PREFIXES.items()],
            "terms": sorted(terms, key=lambda t: (t[0].lower(), t[0])),
        }

    return per_dataset(ds, f"sparql-completions-{lang}", build)


@built_on_load
def _both_languages(ds: Dataset) -> None:
    """The completions in Dutch and English, built when the dataset is loaded."""
    for lang in ("nl", "en"):
        completions(ds, lang)
