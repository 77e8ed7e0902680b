"""The concept hierarchy has its tops: every concept with narrower concepts and no broader one is a top concept.

The texts give kinds, parts and examples (``lei:isKindOf``, ``lei:isPartOf``,
``lei:isExampleOf``, all under ``skos:broader``); a SKOS browser starts from
``skos:hasTopConcept``.  Each top is stated in the data file that types the
concept (so a file's statements stand on their own); this test keeps the tops
equal to what the relations imply, so a new hierarchy without its top (or a top
that gained a broader concept) fails here with the concepts to add or remove.
"""

from __future__ import annotations

from leidraad.sparql.cli_query import select
from leidraad.store.dataset import Dataset

PREFIXES = """
PREFIX lei: <https://w3id.org/leidraad/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
IMPLIED = PREFIXES + """
SELECT DISTINCT ?concept WHERE {
  ?narrower skos:broader ?concept . ?narrower a lei:Concept . ?concept a lei:Concept .
  FILTER NOT EXISTS { ?concept skos:broader ?above . ?above a lei:Concept }
}
"""
STATED = PREFIXES + """
SELECT DISTINCT ?concept WHERE {
  ?concept a lei:Concept ; skos:topConceptOf ?scheme ; skos:inScheme ?scheme . ?scheme skos:hasTopConcept ?concept .
}
"""



def concepts(real_dataset: Dataset, query: str) -> set[str]:
    answer = select(real_dataset, query)
    assert not isinstance(answer, bool)
    return {row["concept"].rsplit("/", 1)[-1] for row in answer[1]}


def test_the_tops_of_the_hierarchies_are_the_schemes_top_concepts(real_dataset: Dataset) -> None:
    implied, stated = concepts(real_dataset, IMPLIED), concepts(real_dataset, STATED)
    assert len(implied) >= 10
    assert sorted(implied - stated) == []  # tops to add (in the data file that types the concept)
    assert sorted(stated - implied) == []  # tops that are no longer tops
