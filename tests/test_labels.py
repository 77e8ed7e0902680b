"""Labels a reader tells concepts apart by: no two concepts share a preferred label in either language.

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
