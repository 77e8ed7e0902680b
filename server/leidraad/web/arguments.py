"""How a claim or position is argued for and against, and who cites a work for what.

A claim's or a position's page shows its reasons (the claims given for and
against it, each with its kind, whose it is and the works it rests on), what it
is itself a reason for, the works it cites and the stances taken on it.  A
work's page shows who cites it, with the kind of citation.  Both read typed
links only (``lei:reasonFor``, ``lei:reasonAgainst``, the CiTO properties),
never the wording of summaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.namespaces import CITO, GRAPH_INFERRED, LEI
from ..store.dataset import Dataset
from ..store.lookup import lang_of, rows, value
from .argument_tree import deepest, tree
from .language import pick
from .positions import positions
from .resource import Resource, Section, Value, term_value

#: The CiTO properties Leidraad uses, most specific first; plain cito:cites last.
CITATIONS = tuple(CITO[name] for name in (
    "citesAsEvidence", "citesAsAuthority", "citesAsDataSource", "agreesWith", "disagreesWith", "usesMethodIn",
    "usesConclusionsFrom", "extends", "discusses", "critiques", "citesForInformation", "repliesTo", "cites",
))
_CITATION_VALUES = " ".join(f"<{p}>" for p in CITATIONS)


@dataclass
class Reason:
    """A claim linked to another claim or position: the link, the claim and what it rests on."""

    claim: Value
    relation: str  # "for" or "against"
    kind: Value | None = None
    claimant: Value | None = None
    summary: str | None = None
    works: list[Value] = field(default_factory=list)


_REASONS = """
SELECT ?claim ?rel ?kind ?claimant ?summary ?work WHERE {
  %s
  OPTIONAL { GRAPH ?g { ?claim a ?kind } FILTER(?g != ?inferred && ?kind != lei:Claim) }
  OPTIONAL { ?claim lei:claimedBy ?claimant }
  OPTIONAL { ?claim lei:summary ?summary }
  OPTIONAL { VALUES ?cites { %s } ?claim ?cites ?work }
}
"""
_INCOMING = "VALUES ?rel { lei:reasonFor lei:reasonAgainst } ?claim ?rel ?this ."
_OUTGOING = "VALUES ?rel { lei:reasonFor lei:reasonAgainst } ?this ?rel ?claim ."


def _reasons(ds: Dataset, iri: str, lang: str, pattern: str) -> list[Reason]:
    found: dict[tuple[str, str], Reason] = {}
    summaries: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for row in rows(ds, _REASONS % (pattern, _CITATION_VALUES), this=iri, inferred=str(GRAPH_INFERRED)):
        relation = "against" if value(row["rel"]) == str(LEI.reasonAgainst) else "for"
        key = (value(row["claim"]), relation)
        reason = found.get(key)
        if reason is None:
            reason = found[key] = Reason(term_value(ds, row["claim"], lang), relation)
        if "kind" in row and reason.kind is None:
            reason.kind = term_value(ds, row["kind"], lang)
        if "claimant" in row and reason.claimant is None:
            reason.claimant = term_value(ds, row["claimant"], lang)
        if "summary" in row:
            summaries.setdefault(key, []).append((value(row["summary"]), lang_of(row["summary"])))
        if "work" in row and all(w.iri != value(row["work"]) for w in reason.works):
            reason.works.append(term_value(ds, row["work"], lang))
    for key, reason in found.items():
        reason.summary = pick(summaries.get(key, []), lang)
    return sorted(found.values(), key=lambda r: (r.relation, r.claim.iri or ""))


_CITES = f"""
SELECT DISTINCT ?p ?work WHERE {{
  VALUES ?p {{ {_CITATION_VALUES} }} GRAPH ?g {{ ?this ?p ?work }} FILTER(?g != ?inferred)
}}
"""


def _cited(ds: Dataset, iri: str, lang: str) -> list[tuple[Value, Value]]:
    """(kind of citation, work) for every work ``iri`` cites, as asserted."""
    return sorted(
        ((term_value(ds, row["p"], lang), term_value(ds, row["work"], lang))
         for row in rows(ds, _CITES, this=iri, inferred=str(GRAPH_INFERRED))),
        key=lambda pair: (pair[0].text, pair[1].text),
    )


def argument_section(ds: Dataset, res: Resource, lang: str) -> Section:
    """For a claim or a position: its reasons for and against, what it argues for, its citations, stances on it."""
    reasons = _reasons(ds, res.iri, lang, _INCOMING)
    grown = tree(ds, res.iri, lang)
    return Section("sections/argument.html", {
        "tree": grown if deepest(grown) >= 2 else [],
        "reasons_for": [r for r in reasons if r.relation == "for"],
        "reasons_against": [r for r in reasons if r.relation == "against"],
        "argues": _reasons(ds, res.iri, lang, _OUTGOING),
        "cited": _cited(ds, res.iri, lang),
        "stances": positions(ds, lang, side="about", iri=res.iri) if str(LEI.Claim) in res.type_iris else [],
    })


_CITED_BY = f"""
SELECT DISTINCT ?p ?citer ?text WHERE {{
  VALUES ?p {{ {_CITATION_VALUES} }}
  GRAPH ?g {{ ?citer ?p ?this }} FILTER(?g != ?inferred)
  OPTIONAL {{ ?citer lei:statedIn ?text }}
}}
"""


def work_section(ds: Dataset, res: Resource, lang: str) -> Section:
    """For a cited work: every text, claim, position or concept citing it, and how."""
    citing = [
        {"how": term_value(ds, row["p"], lang), "citer": term_value(ds, row["citer"], lang),
         "text": term_value(ds, row["text"], lang) if "text" in row else None}
        for row in rows(ds, _CITED_BY, this=res.iri, inferred=str(GRAPH_INFERRED))
    ]
    return Section("sections/work.html", {
        "citing": sorted(citing, key=lambda c: (c["how"].iri != str(CITO.cites), c["how"].text, c["citer"].text)),
    })
