"""What kind of person holds a position, from how the holder is linked to the text the position is stated in.

The debate explorer filters by it, so "what do the respondents say" and "what do the cited scholars say" are one
choice each.  The kind is read from typed links only, for the text a position is ``lei:statedIn`` (and the
wholes that text is ``dcterms:isPartOf``):

- *respondent*: the text is a ``lei:Response`` and the holder its ``dcterms:creator``;
- *expert*: the text, or a whole it is part of, names the holder ``lei:interviewee`` (an expert contributing to
  or interviewed for it);
- *author*: the holder is a ``dcterms:creator`` of the text or of a whole it is part of, and neither of the above;
- *cited*: the text or a whole cites the holder -- ``lei:citesPerson``, or ``cito:cites`` a work whose
  ``dcterms:creator`` the holder is -- and the holder wrote none of them (a scholar whose view an author reports).

The kind belongs to the position, not to the person: one person can author an essay, respond in a bundle and be
cited in a study.  A holder linked to the text in none of these ways (a focus group the authors report) has no
kind and is shown only when no kind is chosen.
"""

from __future__ import annotations

from ..store.dataset import Dataset
from ..store.lookup import rows, value
from .memo import built_on_load, per_dataset

#: The kinds a reader can choose, in the filter's order.
KINDS = ("author", "respondent", "expert", "cited")

_KINDS = """
SELECT DISTINCT ?pos ?kind WHERE {
  ?pos a lei:Position ; lei:heldBy ?holder ; lei:statedIn ?text .
  {
    ?text dcterms:isPartOf* ?whole . ?whole dcterms:creator ?holder .
    FILTER NOT EXISTS { ?text a lei:Response ; dcterms:creator ?holder }
    FILTER NOT EXISTS { ?text dcterms:isPartOf* ?outer . ?outer lei:interviewee ?holder }
    BIND("author" AS ?kind)
  } UNION {
    ?text a lei:Response ; dcterms:creator ?holder .
    BIND("respondent" AS ?kind)
  } UNION {
    ?text dcterms:isPartOf* ?whole . ?whole lei:interviewee ?holder .
    BIND("expert" AS ?kind)
  } UNION {
    ?text dcterms:isPartOf* ?whole .
    { ?whole lei:citesPerson ?holder } UNION { ?whole cito:cites ?work . ?work dcterms:creator ?holder }
    FILTER NOT EXISTS { ?text dcterms:isPartOf* ?written . ?written dcterms:creator ?holder }
    BIND("cited" AS ?kind)
  }
}
"""


@built_on_load
def kinds(ds: Dataset) -> dict[str, frozenset[str]]:
    """Every position with a kind of holder: its IRI → the kinds (usually one)."""

    def build(d: Dataset) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for row in rows(d, _KINDS):
            found.setdefault(value(row["pos"]), set()).add(value(row["kind"]))
        return {pos: frozenset(names) for pos, names in found.items()}

    return per_dataset(ds, "position-kinds", build)
