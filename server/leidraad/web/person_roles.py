"""The role of a person in a text, defined once: what the debate explorer and the person index both show.

A reader filters the explorer by "what do the respondents say" and the person index by "who responded"; the
two must mean the same thing by *respondent*, or the same person is an expert on one page and an author on the
other.  So the role is decided here, once, for every agent and every source text, and both read it:

- the raw typed links, read on the text T *and on every whole T is* ``dcterms:isPartOf`` (an expert
  interviewed for a study is an expert in each of its chapters):

  - *wrote*: ``dcterms:creator`` of a source text that is no ``lei:Response``;
  - *responded*: ``dcterms:creator`` of a ``lei:Response``;
  - *interviewed*: ``lei:interviewee`` (an expert contributing to or interviewed for the text);
  - *cites*: ``lei:citesPerson``, or ``dcterms:creator`` of a work the text ``cito:cites``;
  - *references*: ``dcterms:references`` (which includes the inferred ``lei:mentionsPerson``);

- then one precedence rule: *respondent* and *expert* win over *author* (an expert's contribution is not an
  author's essay); *cited* and *mentioned* only for someone who wrote none of those texts (an author citing
  their own work is not a cited scholar of it); *mentioned* only when no other role is left.

The explorer's kind of a position is the role of its holder in the text it is ``lei:statedIn``.  The index,
with a text filter F, shows the union of a person's roles in F and in F's parts; without one, in any text.

Every link is read with its own small query, and the rule runs here in Python over the ~50 texts: one query
of UNIONs over the links took 1.3 s where the separate ones take a few hundredths.
"""

from __future__ import annotations

from ..store.dataset import Dataset
from ..store.lookup import rows, value
from .memo import built_on_load, per_dataset

#: Every role, in the order both the explorer's filter and the index's facet offer them.
ROLES = ("author", "respondent", "expert", "cited", "mentioned")

#: Each raw link as a pattern over the agent ?x and the source text ?t it is read on.
LINKS = {
    "wrote": "?t a lei:SourceText ; dcterms:creator ?x MINUS { ?t a lei:Response }",
    "responded": "?t a lei:Response ; dcterms:creator ?x",
    "interviewed": "?t a lei:SourceText ; lei:interviewee ?x",
    "cites": "?t a lei:SourceText . { ?t lei:citesPerson ?x } UNION { ?t cito:cites/dcterms:creator ?x }",
    "references": "?t a lei:SourceText ; dcterms:references ?x . ?x a foaf:Agent",
}
_LINK = "SELECT DISTINCT ?x ?t WHERE {{ {pattern} }}"
_WHOLES = "SELECT ?t ?whole WHERE { ?t a lei:SourceText ; dcterms:isPartOf* ?whole }"

#: text IRI → agent IRI → the agent's roles in that text
Roles = dict[str, dict[str, frozenset[str]]]


def rule(links: set[str]) -> frozenset[str]:
    """The roles that the raw links of one agent to one text (and its wholes) give, by the one precedence rule."""
    held = set()
    if "responded" in links:
        held.add("respondent")
    if "interviewed" in links:
        held.add("expert")
    if "wrote" in links and not held:
        held.add("author")
    wrote = bool(links & {"wrote", "responded"})
    if "cites" in links and not wrote:
        held.add("cited")
    if "references" in links and not held and not wrote:
        held.add("mentioned")
    return frozenset(held)


def wholes(ds: Dataset) -> dict[str, frozenset[str]]:
    """Source text → itself and every whole it is part of; once per dataset."""

    def build(d: Dataset) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for r in rows(d, _WHOLES):
            found.setdefault(value(r["t"]), set()).add(value(r["whole"]))
        return {t: frozenset(up) for t, up in found.items()}

    return per_dataset(ds, "text-wholes", build)


@built_on_load
def roles(ds: Dataset) -> Roles:
    """Text → agent → the agent's roles in that text; every agent linked to the text or a whole of it."""

    def build(d: Dataset) -> Roles:
        on: dict[str, dict[str, set[str]]] = {}  # text the link is read on → agent → links
        for link, pattern in LINKS.items():
            for r in rows(d, _LINK.format(pattern=pattern)):
                on.setdefault(value(r["t"]), {}).setdefault(value(r["x"]), set()).add(link)
        found: Roles = {}
        for text, up in wholes(d).items():
            links: dict[str, set[str]] = {}
            for whole in up:
                for agent, named in on.get(whole, {}).items():
                    links.setdefault(agent, set()).update(named)
            held = {agent: rule(named) for agent, named in links.items()}
            found[text] = {agent: r for agent, r in held.items() if r}
        return found

    return per_dataset(ds, "person-roles", build)


def role_in(ds: Dataset, agent: str, text: str | None) -> frozenset[str]:
    """The roles of ``agent`` in ``text`` (by the links on it and its wholes): the explorer's kinds of a position."""
    return roles(ds).get(text or "", {}).get(agent, frozenset())


@built_on_load
def within(ds: Dataset) -> dict[str, dict[str | None, frozenset[str]]]:
    """Agent → text → the union of the agent's roles in the text and in its parts; ``None`` → in any text."""

    def build(d: Dataset) -> dict[str, dict[str | None, frozenset[str]]]:
        found: dict[str, dict[str | None, set[str]]] = {}
        up = wholes(d)
        for text, held in roles(d).items():
            for agent, named in held.items():
                mine = found.setdefault(agent, {})
                for whole in (*up.get(text, (text,)), None):
                    mine.setdefault(whole, set()).update(named)
        return {agent: {t: frozenset(r) for t, r in by.items()} for agent, by in found.items()}

    return per_dataset(ds, "person-roles-within", build)


def held(ds: Dataset, agent: str, text: str | None) -> frozenset[str]:
    """The index's roles of ``agent``: in ``text`` or one of its parts, or in any text when ``text`` is None."""
    return within(ds).get(agent, {}).get(text, frozenset())
