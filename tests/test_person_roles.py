"""One rule for the role of a person in a text: the debate explorer and the person index say the same.

The explorer's kind of a position is its holder's role in the text the position is stated in; the person index
shows a person's roles in a text (and its parts).  For every person and every text they hold a position stated
in, the two must be the same set, and each must be what the SPARQL statement of the rule finds
(``tests/support/roles.py``).  The expert contributors of *Publiek leiderschap* are the case that drifted before:
experts, and not authors or cited scholars, in both places.
"""

from __future__ import annotations

import json
import re

import pytest
from leidraad.store.lookup import ask, rows, value
from leidraad.web import debate, i18n, index_facets, person_roles

from tests.support.roles import ROLES

ID = "https://w3id.org/leidraad/id/"
STUDY = ID + "text/publiek-leiderschap"

_HELD = """SELECT DISTINCT ?x ?t WHERE {
  ?pos a lei:Position ; lei:heldBy ?x ; lei:statedIn ?t . ?x a foaf:Person }"""


@pytest.fixture(scope="module")
def client(real_app):
    return real_app.test_client()


def _sparql_roles(real_dataset, person: str, text: str) -> frozenset[str]:
    """The roles of ``person`` in ``text`` by the rule as SPARQL."""
    return frozenset(role for role, pattern in ROLES.items()
                     if ask(real_dataset, f"ASK {{ {pattern} }}", x=person, t=text))


def test_the_index_and_the_explorer_give_a_person_the_same_roles_in_each_text(real_dataset) -> None:
    explorer: dict[tuple[str, str], set[str]] = {}
    for target in debate.explore(real_dataset, "en").targets:
        for entries in target.groups.values():
            for e in entries:
                if e.text is not None:
                    explorer.setdefault((e.holder.iri or "", e.text.iri or ""), set()).update(e.kinds)
    pairs = [(value(r["x"]), value(r["t"])) for r in rows(real_dataset, _HELD)]
    assert pairs
    checked = 0
    for person, text in pairs:
        indexed = index_facets.values_of(real_dataset, "persons", person, text)
        assert indexed == person_roles.role_in(real_dataset, person, text), (person, text)
        assert indexed == _sparql_roles(real_dataset, person, text), (person, text)
        if (person, text) in explorer:  # the explorer shows only positions on contested subjects
            assert indexed == explorer[(person, text)], (person, text)
            checked += 1
    assert checked > 0 and all(kinds for kinds in explorer.values() if kinds)


def test_the_rule_gives_precedence_and_keeps_cited_and_mentioned_for_who_wrote_nothing() -> None:
    assert person_roles.rule({"wrote", "interviewed", "cites"}) == {"expert"}
    assert person_roles.rule({"wrote", "responded", "references"}) == {"respondent"}
    assert person_roles.rule({"wrote", "cites", "references"}) == {"author"}
    assert person_roles.rule({"cites", "references"}) == {"cited"}
    assert person_roles.rule({"interviewed", "cites"}) == {"expert", "cited"}
    assert person_roles.rule({"references"}) == {"mentioned"}
    assert person_roles.rule(set()) == frozenset()


def _experts(client) -> set[str]:
    query = f"SELECT ?x WHERE {{ <{STUDY}> lei:interviewee ?x }}"
    answer = client.get("/sparql", query_string={"query": query, "format": "json"})
    return {b["x"]["value"] for b in json.loads(answer.data)["results"]["bindings"]}


def _listed(client, **args: str) -> set[str]:
    html = client.get("/browse/persons", query_string={"lang": "en", "size": "500", **args}).get_data(as_text=True)
    index = html.split('<ol class="index"', 1)[1].split("</ol>", 1)[0]
    return set(re.findall(r'href="[^"]*/person/([^"/?#]+)"', index))


def _holders(client, **args: str) -> list[tuple[str, str]]:
    """(holder's page name, the kinds named beside them) of every entry the explorer shows."""
    html = client.get("/stances", query_string={"lang": "en", **args}).get_data(as_text=True)
    return re.findall(r'<span class="who"><a href="[^"]*/person/([^"/?#]+)">[^<]*</a></span>'
                      r'((?: <span class="kind-of-person">[^<]+</span>)*)', html)


def test_the_expert_contributors_of_the_study_are_experts_and_not_authors_in_both_places(client) -> None:
    experts = {iri.rsplit("/", 1)[-1] for iri in _experts(client)}
    assert len(experts) >= 2
    assert experts <= _listed(client, text=STUDY, role="expert")
    assert not experts & _listed(client, text=STUDY, role="author")
    assert not experts & _listed(client, text=STUDY, role="cited")
    assert experts <= _listed(client, role="expert") and not experts & _listed(client, role="author")
    shown = _holders(client, text=STUDY)
    theirs = [tags for who, tags in shown if who in experts]
    assert theirs  # they hold positions on contested subjects, each tagged as an expert's only
    expert_tag = f'<span class="kind-of-person">{i18n.translate("role.expert", "en")}</span>'
    assert all(tags.strip() == expert_tag for tags in theirs)
    assert not {who for who, _ in _holders(client, text=STUDY, kind="author")} & experts
