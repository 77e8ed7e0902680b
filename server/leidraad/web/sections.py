"""The parts of a page that depend on what a resource is.

Every resource page shows the generic description (``describe``); persons,
organisations, concepts, texts and frameworks add a section of their own,
chosen by the resource's (asserted or inferred) types.  Each section is a
template name and the plain data it renders.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from ..core.namespaces import FABIO, FOAF, GRAPH_INFERRED, LEI, ORG
from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from . import arguments, comparison, eras, frameworks
from .language import pick
from .positions import positions
from .resource import Resource, Section, Value, is_nested, term_value

# --- persons and groups --------------------------------------------------------

_FUNCTIONS = """
SELECT ?m ?title ?org ?role ?text WHERE {
  ?m org:member ?this .
  OPTIONAL { ?m lei:functionTitle ?title }
  OPTIONAL { ?m org:organization ?org }
  OPTIONAL { ?m org:role ?role }
  OPTIONAL { ?m lei:statedIn ?text }
}
"""

_ROLES_IN_TEXTS = """
SELECT DISTINCT ?text ?p WHERE {
  VALUES ?p { dcterms:creator lei:interviewee lei:citesPerson lei:mentionsPerson }
  GRAPH ?g { ?text ?p ?this }
  FILTER(?g != ?inferred)
}
"""


def _functions(ds: Dataset, iri: str, lang: str) -> list[dict]:
    found: dict[str, dict] = {}
    titles: dict[str, list[tuple[str, str | None]]] = {}
    for row in rows(ds, _FUNCTIONS, this=iri):
        entry = found.setdefault(value(row["m"]), {"membership": term_value(ds, row["m"], lang)})
        for key in ("org", "role", "text"):
            if key in row:
                entry[key] = term_value(ds, row[key], lang)
        if "title" in row:
            titles.setdefault(value(row["m"]), []).append((value(row["title"]), lang_of(row["title"])))
    for key, entry in found.items():
        entry["title"] = pick(titles.get(key, []), lang) or entry["membership"].text
    return sorted(found.values(), key=lambda e: e["title"])


def person_section(ds: Dataset, res: Resource, lang: str) -> Section:
    wrote: list[Value] = []
    appears: dict[str, tuple[Value, Value]] = {}
    for row in rows(ds, _ROLES_IN_TEXTS, this=res.iri, inferred=str(GRAPH_INFERRED)):
        text = term_value(ds, row["text"], lang)
        if value(row["p"]).endswith("/creator"):
            wrote.append(text)
        else:
            appears.setdefault(text.iri or "", (text, term_value(ds, row["p"], lang)))
    return Section("sections/person.html", {
        "functions": _functions(ds, res.iri, lang),
        "wrote": sorted(wrote, key=lambda v: v.text),
        "appears": sorted(appears.values(), key=lambda pair: pair[0].text),
        "positions": positions(ds, lang, side="held_by", iri=res.iri),
    })


# --- organisations ---------------------------------------------------------------

_MEMBERS = """
SELECT ?m ?person ?title WHERE {
  ?m org:organization ?this ; org:member ?person .
  OPTIONAL { ?m lei:functionTitle ?title }
}
"""


def organisation_section(ds: Dataset, res: Resource, lang: str) -> Section:
    found: dict[str, dict] = {}
    for row in rows(ds, _MEMBERS, this=res.iri):
        entry = found.setdefault(value(row["m"]), {"person": term_value(ds, row["person"], lang), "titles": []})
        if "title" in row:
            entry["titles"].append((value(row["title"]), lang_of(row["title"])))
    members = [{"person": e["person"], "title": pick(e["titles"], lang) or ""} for e in found.values()]
    return Section("sections/organisation.html", {"members": sorted(members, key=lambda m: m["person"].text)})


# --- concepts ----------------------------------------------------------------------

_RELATED = """
SELECT ?p ?other ?g WHERE {
  VALUES ?p { skos:broader skos:narrower skos:related lei:requires lei:inTensionWith lei:contrastedWith
              lei:associatedWithRole lei:succeededBy lei:precededBy }
  GRAPH ?g { ?this ?p ?other }
  FILTER(isIRI(?other) && ?other != ?this)
}
"""
_NARROWER = "SELECT ?other WHERE { ?other skos:broader ?this FILTER(?other != ?this) }"
_IN_FRAMEWORKS = """
SELECT DISTINCT ?fw ?item WHERE { ?item lei:denotes ?this ; lei:inFramework ?fw . }
"""
_DISCUSSED = """
SELECT DISTINCT ?text WHERE { { ?text lei:discusses ?this } UNION { ?this lei:evidence/lei:inText ?text } }
"""


def concept_section(ds: Dataset, res: Resource, lang: str) -> Section:
    relations: dict[str, dict] = {}
    for row in rows(ds, _RELATED, this=res.iri):
        prop = value(row["p"])
        group = relations.setdefault(prop, {"property": term_value(ds, row["p"], lang), "values": {}})
        inferred = value(row["g"]) == str(GRAPH_INFERRED)
        other = value(row["other"])
        group["values"][other] = group["values"].get(other, True) and inferred
    narrower = [term_value(ds, r["other"], lang) for r in rows(ds, _NARROWER, this=res.iri)]
    related = [
        {
            "property": g["property"],
            "values": sorted(
                (term_value(ds, ox.NamedNode(iri), lang, inferred) for iri, inferred in g["values"].items()),
                key=lambda v: v.text,
            ),
        }
        for g in relations.values()
        if not g["property"].iri.endswith("#narrower")
    ]
    return Section("sections/concept.html", {
        "positions": positions(ds, lang, side="about", iri=res.iri),
        "related": sorted(related, key=lambda g: g["property"].text),
        "narrower": sorted(narrower, key=lambda v: v.text),
        "frameworks": sorted(
            ({"framework": term_value(ds, r["fw"], lang), "item": term_value(ds, r["item"], lang)}
             for r in rows(ds, _IN_FRAMEWORKS, this=res.iri)),
            key=lambda e: e["framework"].text,
        ),
        "texts": sorted((term_value(ds, r["text"], lang) for r in rows(ds, _DISCUSSED, this=res.iri)),
                        key=lambda v: v.text),
        "is_model": str(LEI.OrganisationModel) in res.type_iris,
        "period": eras.period_of(ds, res.iri, lang),
        "era_series": eras.series_about(ds, res.iri, lang),
        "compare": comparison.slug_of(ds, res.iri),
    })


# --- texts ---------------------------------------------------------------------------

_PARTS = """
SELECT ?part ?creator WHERE { ?part dcterms:isPartOf ?this . OPTIONAL { ?part dcterms:creator ?creator } }
"""
#: Where each part begins in the text: the first line any of its quotes (or its parts' quotes) stands on.
_FIRST_LINES = """
SELECT ?part (MIN(?start) AS ?first) WHERE {
  ?part dcterms:isPartOf ?this . ?sub dcterms:isPartOf* ?part . ?e lei:inText ?sub ; lei:lineStart ?start .
} GROUP BY ?part
"""
_DRAWN = """
SELECT DISTINCT ?thing ?type WHERE {
  { ?thing lei:evidence/lei:inText ?t } UNION { ?thing lei:statedIn ?t }
  FILTER(?t = ?this || EXISTS { ?t dcterms:isPartOf ?this })
  GRAPH ?g { ?thing a ?type } FILTER(?g != ?inferred)
}
"""


def text_section(ds: Dataset, res: Resource, lang: str) -> Section:
    parts: dict[str, dict] = {}
    for row in rows(ds, _PARTS, this=res.iri):
        entry = parts.setdefault(value(row["part"]), {"text": term_value(ds, row["part"], lang), "creators": []})
        if "creator" in row:
            entry["creators"].append(term_value(ds, row["creator"], lang))
    first = {value(r["part"]): int(value(r["first"])) for r in rows(ds, _FIRST_LINES, this=res.iri) if "first" in r}
    for iri, entry in parts.items():
        entry["line"] = first.get(iri)
        entry["anchor"] = "part-" + iri.rsplit("/", 1)[-1]
    drawn: dict[str, dict] = {}
    for row in rows(ds, _DRAWN, this=res.iri, inferred=str(GRAPH_INFERRED)):
        if is_nested(value(row["thing"])) or value(row["thing"]) == res.iri:
            continue
        kind = drawn.setdefault(value(row["type"]), {"type": term_value(ds, row["type"], lang), "things": {}})
        kind["things"][value(row["thing"])] = term_value(ds, row["thing"], lang)
    return Section("sections/text.html", {
        # reading order: where each part begins; parts without a quote last, by name
        "parts": sorted(parts.values(), key=lambda p: (p["line"] is None, p["line"] or 0, p["text"].text)),
        "drawn": sorted(
            ({"type": k["type"], "things": sorted(k["things"].values(), key=lambda v: v.text)}
             for k in drawn.values()),
            key=lambda k: -len(k["things"]),
        ),
        "positions": positions(ds, lang, side="stated_in", iri=res.iri),
    })


# --- dispatch ------------------------------------------------------------------------

#: (type IRI, section builder) in the order sections appear on a page.
SECTIONS: tuple[tuple[str, Callable[[Dataset, Resource, str], Section]], ...] = (
    (str(LEI.SourceText), text_section),
    (str(FOAF.Agent), person_section),
    (str(FOAF.Person), person_section),
    (str(ORG.Organization), organisation_section),
    (str(LEI.Framework), frameworks.framework_section),
    (str(LEI.Concept), concept_section),
    (str(LEI.Claim), arguments.argument_section),
    (str(LEI.Position), arguments.argument_section),
    (str(FABIO.Expression), arguments.work_section),
)


def sections_for(ds: Dataset, res: Resource, lang: str) -> list[Section]:
    chosen: list[Section] = []
    used: set[Callable] = set()
    for type_iri, build in SECTIONS:
        if type_iri in res.type_iris and build not in used:
            used.add(build)
            chosen.append(build(ds, res, lang))
    return chosen
