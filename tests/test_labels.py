"""Labels a reader tells concepts apart by: no two concepts share a preferred label in either language; and labels
and titles a reader of either language can read: a Dutch one has an English one beside it.

A shared label makes two concepts look like one on every page, in search and in
a SPARQL result (both "public manager" in English was one such case); SKOS
allows it, a reference work should not.
"""

from __future__ import annotations

from collections import defaultdict

from leidraad.sparql.cli_query import select
from leidraad.store.dataset import Dataset

LABELS = """
PREFIX lei: <https://w3id.org/leidraad/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?concept ?label (LANG(?label) AS ?lang) WHERE { ?concept a lei:Concept ; skos:prefLabel ?label }
"""


def test_no_two_concepts_share_a_preferred_label_in_one_language(real_dataset: Dataset) -> None:
    answer = select(real_dataset, LABELS)
    assert not isinstance(answer, bool)
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in answer[1]:
        holders[(str(row["label"]).casefold(), str(row["lang"]))].add(str(row["concept"]))
    shared = {key: sorted(iris) for key, iris in holders.items() if len(iris) > 1}
    assert shared == {}


ITEMS = """
PREFIX lei: <https://w3id.org/leidraad/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?item ?label ?concept WHERE {
  ?item a lei:FrameworkItem ; skos:prefLabel ?label .
  ?concept a lei:Concept ; skos:prefLabel|skos:altLabel ?name .
  FILTER (LANG(?label) = "nl" && LANG(?name) = "nl" && LCASE(STR(?label)) = LCASE(STR(?name)))
  ?item lei:evidence/lei:inText/dcterms:isPartOf* ?text .
  ?concept lei:evidence/lei:inText/dcterms:isPartOf* ?text .
  ?text lei:seedFile ?seed .
  FILTER NOT EXISTS { ?item lei:denotes ?concept }
}
"""


def test_an_item_named_as_a_concept_denotes_it(real_dataset: Dataset) -> None:
    """An item whose Dutch label (the text's own word) is the label of a concept
    of the same text names that concept: the link must be there."""
    answer = select(real_dataset, ITEMS)
    assert not isinstance(answer, bool)
    assert sorted(f'{r["item"]} "{r["label"]}" -> {r["concept"]}' for r in answer[1]) == []


NAMES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?s ?p ?name (LANG(?name) AS ?lang) WHERE {
  VALUES ?p { skos:prefLabel rdfs:label dcterms:title }
  ?s ?p ?name FILTER(LANG(?name) IN ("nl", "en") && STRSTARTS(STR(?s), "https://w3id.org/leidraad/id/"))
}
"""


def _names(real_dataset: Dataset) -> dict[tuple[str, str], dict[str, str]]:
    answer = select(real_dataset, NAMES)
    assert not isinstance(answer, bool)
    names: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for row in answer[1]:
        names[(str(row["s"]), str(row["p"]))][str(row["lang"])] = str(row["name"])
    return names


def test_every_dutch_label_or_title_has_an_english_one(real_dataset: Dataset) -> None:
    names = _names(real_dataset)
    assert len(names) > 1500
    untranslated = sorted(f"{s} {p}" for (s, p), by_lang in names.items()
                          if "nl" in by_lang and "en" not in by_lang and not by_lang["nl"].startswith("www."))
    assert untranslated == []


def test_a_dutch_title_is_translated_for_english_readers_and_kept_for_dutch_ones(real_dataset: Dataset) -> None:
    """Texts and the works they cite alike: a title is shown in the reader's language (``work:abd-2016`` showed
    "Visie op publiek leiderschap" to English readers); a web address is a name, the same in every language."""
    titles = {s: by_lang for (s, p), by_lang in _names(real_dataset).items() if p.endswith("/title")}
    dutch = {s: t for s, t in titles.items() if "nl" in t and not t["nl"].startswith("www.")}
    assert sum("/id/work/" in s for s in dutch) >= 8 and sum("/id/text/" in s for s in dutch) >= 30
    same = sorted(s for s, t in dutch.items() if t.get("en", "").casefold() == t["nl"].casefold())
    assert same == []
    assert titles["https://w3id.org/leidraad/id/work/abd-2016"] == {
        "nl": "Visie op publiek leiderschap", "en": "Vision on public leadership"}
