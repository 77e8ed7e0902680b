"""Arguments, not mentions: every reference in the texts is a work, no position is only a citation.

The references are found in the seed texts themselves (``pipeline/references.py``),
so a reference the data leaves out fails here, whatever the data files say.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from leidraad.pipeline.references import Reference, find_references
from leidraad.pipeline.sources import Sources
from leidraad.sparql.cli_query import select
from leidraad.store.dataset import Dataset

LEI = "https://w3id.org/leidraad/def#"



def rows(real_dataset: Dataset, query: str) -> list[dict]:
    answer = select(real_dataset, query)
    assert not isinstance(answer, bool)
    return answer[1]


def fold(text: str) -> str:
    """Case, accents and apostrophes aside: how a surname is compared."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().split())


_WORKS = """
SELECT ?seed ?work ?year ?name WHERE {
  ?part cito:cites ?work ; dcterms:isPartOf* ?text .
  ?text lei:seedFile ?seed .
  OPTIONAL { ?work fabio:hasPublicationYear ?year }
  { ?work dcterms:creator/(foaf:name|skos:prefLabel) ?name } UNION { ?work dcterms:bibliographicCitation ?name }
  UNION { ?work rdfs:label ?name }
}
"""


def _cited_works(real_dataset: Dataset) -> dict[str, dict[str, tuple[str, set[str]]]]:
    """seed file → work → (year, the folded names it goes by)."""
    found: dict[str, dict[str, tuple[str, set[str]]]] = {}
    for row in rows(real_dataset, _WORKS):
        per = found.setdefault(row["seed"], {})
        year, names = per.get(row["work"], (row.get("year") or "", set()))
        names.add(fold(row["name"]))
        per[row["work"]] = (year or row.get("year") or "", names)
    return found


def _matches(reference: Reference, year: str, names: set[str]) -> bool:
    years = {y[:4] for y in reference.years}
    surname = fold(reference.surnames[0])
    return year[:4] in years and any(re.search(rf"\b{re.escape(surname)}\b", n) for n in names)


def test_every_reference_in_the_texts_is_a_work_cited_by_its_text(real_dataset: Dataset, sources: Sources) -> None:
    works = _cited_works(real_dataset)
    missing = []
    total = 0
    for seed in sorted(sources.seeds.glob("*.txt")):
        for reference in find_references(seed.read_text(encoding="utf-8")):
            total += 1
            if not any(_matches(reference, year, names) for year, names in works.get(seed.name, {}).values()):
                missing.append(f"{seed.name}:{reference.line_start}: {reference.as_written}")
    assert total > 60  # the finder still finds the texts' references
    assert missing == []


def test_co_authored_works_are_one_work_with_every_author(real_dataset: Dataset, sources: Sources) -> None:
    creators = Counter(row["work"] for row in rows(real_dataset, "SELECT ?work ?c WHERE { ?work a fabio:Expression ; "
                                                            "dcterms:creator ?c }"))
    pairs = [r for seed in sorted(sources.seeds.glob("*.txt"))
             for r in find_references(seed.read_text(encoding="utf-8")) if len(r.authors) == 2]
    assert pairs, "the texts cite co-authored works"
    two_or_more = {w for w, n in creators.items() if n >= 2}
    assert len(two_or_more) >= 10


_CITATION_ONLY = re.compile(r"^(?:figuur|tabel|bron|grafiek)\b", re.I)


def _only_a_citation(quote: str) -> bool:
    """A quote that says nothing but who is cited: a bare reference, or a figure caption."""
    if _CITATION_ONLY.match(quote.strip()):
        return True
    rest = quote
    for reference in find_references(quote):
        rest = rest.replace(reference.as_written, " ")
    words = re.findall(r"\w{3,}", rest)
    return len(words) < 4


def test_no_position_rests_only_on_a_citation_or_a_caption(real_dataset: Dataset) -> None:
    quotes: dict[str, list[str]] = {}
    for row in rows(real_dataset, "SELECT ?p ?q WHERE { ?p a lei:Position ; lei:evidence/oa:exact ?q }"):
        quotes.setdefault(row["p"], []).append(row["q"])
    only = sorted(p for p, qs in quotes.items() if all(_only_a_citation(q) for q in qs))
    assert only == []


def test_the_citation_check_tells_a_reference_from_a_claim() -> None:
    assert _only_a_citation("(Moore, 1995)")
    assert _only_a_citation("In termen van Moore (1995)")
    assert _only_a_citation("Figuur 3: Het model van Moore")
    assert not _only_a_citation("Volgens Weber is de bureaucratie de meest rationele wijze van organiseren.")


def test_every_reported_claim_and_position_names_its_reporter_and_its_speaker(real_dataset: Dataset) -> None:
    query = """
    SELECT ?x WHERE {
      ?x lei:reportedBy ?reporter .
      FILTER NOT EXISTS { ?x lei:heldBy|lei:claimedBy ?speaker FILTER(?speaker != ?reporter) }
    }"""
    assert rows(real_dataset, query) == []


def test_every_text_has_claims_and_reasons(real_dataset: Dataset) -> None:
    query = """
    SELECT ?text (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(DISTINCT ?reason) AS ?reasons) WHERE {
      ?text lei:seedFile ?seed .
      OPTIONAL { ?claim a lei:Claim ; lei:statedIn/dcterms:isPartOf* ?text .
                 OPTIONAL { ?claim lei:reasonFor|lei:reasonAgainst ?target BIND(?claim AS ?reason) } }
    } GROUP BY ?text"""
    found = {r["text"]: (int(r["claims"]), int(r["reasons"])) for r in rows(real_dataset, query)}
    assert len(found) >= 5
    assert all(claims >= 20 and reasons >= 10 for claims, reasons in found.values()), found


@pytest.mark.parametrize("kind", ["Claim", "Position"])
def test_evidence_lies_in_the_text_a_claim_or_position_is_stated_or_reported_in(real_dataset: Dataset,
                                                                                kind: str) -> None:
    """The quote is the speaker's own sentence (in lei:statedIn) or the reporter's (in lei:reportedIn)."""
    query = f"""
    SELECT ?x ?in WHERE {{
      ?x a lei:{kind} ; lei:evidence/lei:inText ?in .
      FILTER NOT EXISTS {{
        ?x lei:statedIn|lei:reportedIn ?text .
        {{ ?in dcterms:isPartOf* ?text }} UNION {{ ?text dcterms:isPartOf* ?in }}
      }}
    }}"""
    assert rows(real_dataset, query) == []
